"""Candidate pairs: articles that share band keys, fingerprints or sentence vectors.

The local runner calls :func:`shared_key_counts` and :func:`bucket_matches`
on arrays; the Spark job does the same as joins and a group-by, calling
:func:`bucket_matches` inside executors. Both end in :func:`is_candidate`,
so one rule decides in both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from unspin.corpus.config import ReuseConfig


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a pair ``a_id < b_id`` shares."""

    a_id: int
    b_id: int
    bands: int = 0
    fingerprints: int = 0
    vector_sentences: int = 0


def is_candidate(bands: int, fingerprints: int, vector_sentences: int, config: ReuseConfig) -> bool:
    return (
        bands >= config.min_band_hits
        or fingerprints >= config.min_fingerprints
        or vector_sentences >= config.min_vector_sentences
    )


def shared_key_counts(keys: np.ndarray, ids: np.ndarray, max_articles: int) -> dict[tuple[int, int], int]:
    """For every pair of ids sharing a key held by at most ``max_articles`` ids: how many keys.

    ``(keys[i], ids[i])`` are postings; duplicates are ignored.
    """
    postings = np.unique(np.stack([keys.astype(np.int64), ids.astype(np.int64)], axis=1), axis=0) if len(keys) else np.zeros((0, 2), np.int64)
    counts: dict[tuple[int, int], int] = {}
    if not len(postings):
        return counts
    starts = np.flatnonzero(np.r_[True, postings[1:, 0] != postings[:-1, 0]])
    sizes = np.diff(np.r_[starts, len(postings)])
    for start, size in zip(starts[(sizes >= 2) & (sizes <= max_articles)], sizes[(sizes >= 2) & (sizes <= max_articles)]):
        members = postings[start : start + size, 1].tolist()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


def bucket_matches(
    members: Iterable[tuple[int, int, np.ndarray]], min_similarity: float, max_sentences: int
) -> list[tuple[int, int, int, int]]:
    """Sentence pairs of different articles in one LSH bucket with cosine ≥ ``min_similarity``.

    ``members`` are ``(article_id, sentence, vector)``; returns
    ``(a_id, a_sentence, b_id, b_sentence)`` with ``a_id < b_id``. A bucket
    larger than ``max_sentences`` is a template sentence and yields nothing.
    """
    rows = sorted(members, key=lambda m: (m[0], m[1]))
    if len(rows) < 2 or len(rows) > max_sentences:
        return []
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    sims = np.stack([r[2] for r in rows]).astype(np.float32)
    sims = sims @ sims.T
    i, j = np.nonzero(np.triu(sims >= min_similarity, k=1) & (ids[:, None] != ids[None, :]))
    out = []
    for x, y in zip(i.tolist(), j.tolist()):
        a, b = (x, y) if ids[x] < ids[y] else (y, x)
        out.append((rows[a][0], rows[a][1], rows[b][0], rows[b][1]))
    return out


def vector_sentence_counts(matches: Iterable[tuple[int, int, int, int]]) -> dict[tuple[int, int], int]:
    """Per article pair, matched sentences: the smaller of the distinct counts on each side."""
    a_side: dict[tuple[int, int], set[int]] = {}
    b_side: dict[tuple[int, int], set[int]] = {}
    for a, sa, b, sb in matches:
        a_side.setdefault((a, b), set()).add(sa)
        b_side.setdefault((a, b), set()).add(sb)
    return {pair: min(len(a_side[pair]), len(b_side[pair])) for pair in a_side}
