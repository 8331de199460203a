"""Candidate pairs: articles that share band keys, fingerprints or sentence vectors.

Everything here works on posting arrays sorted by key, never one pair at a
time in Python: a run of 100,000 articles has hundreds of millions of
(key, article) co-occurrences. The local runner calls these functions on
the whole corpus at once; the Spark job does the key counting as joins and
calls :func:`sentence_matches` once per LSH bucket inside executors. Both
compare sentence vectors quantised to int8 (:func:`quantise`) with
:func:`exact_dots`, whose integer arithmetic gives the same answer whatever
the batch, so the two runners cannot disagree on a pair at the similarity
threshold; int8 also makes the comparison ten times faster than float.
"""

from __future__ import annotations

import math

import numpy as np

from unspin.corpus.config import ReuseConfig

_CHUNK = 1 << 16
"""Sentence pairs whose vectors are gathered at once (~32 MB)."""

_LEVELS = 127
"""Unit-vector components in [-1, 1] become integers in [-127, 127]; cosine error stays under 0.01."""


def group_pairs(keys: np.ndarray, max_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)``, ``i < j``, of every two postings with the same key.

    ``keys`` must be sorted; keys held by more than ``max_size`` postings
    are common phrases or templates and give no pairs. Groups of one size
    are expanded together, so the work is NumPy's, not Python's.
    """
    if len(keys) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    firsts, seconds = [], []
    for size in np.unique(sizes[(sizes >= 2) & (sizes <= max_size)]).tolist():
        rows = starts[sizes == size][:, None] + np.arange(size)
        upper, lower = np.triu_indices(size, k=1)
        firsts.append(rows[:, upper].ravel())
        seconds.append(rows[:, lower].ravel())
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def shared_key_counts(keys: np.ndarray, ids: np.ndarray, n: int, max_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes ``a * n + b`` (``a < b`` dense article numbers below ``n``) and how many keys each pair shares.

    ``(keys[i], ids[i])`` are postings; a key repeated in one article counts once.
    """
    order = np.lexsort((ids, keys))
    keys, ids = keys[order], ids[order]
    fresh = np.r_[True, (keys[1:] != keys[:-1]) | (ids[1:] != ids[:-1])] if len(keys) else np.zeros(0, bool)
    keys, ids = keys[fresh], ids[fresh]
    first, second = group_pairs(keys, max_articles)
    return np.unique(ids[first] * n + ids[second], return_counts=True)


def bucket_bits(sentences: int, config: ReuseConfig) -> int:
    """Bits of each sentence key to use for a corpus of ``sentences`` keyed sentences.

    With fixed bits a bucket's occupancy, and so the sentence pairs to
    compare, grow with the square of the corpus; growing the bits with
    log2 of the corpus keeps about one sentence per bucket and the work
    linear. Collisions of true pairs get rarer too, which the many
    sentences of a spun copy and ``vector_bands`` bands make up for.
    """
    return min(max(math.ceil(math.log2(max(sentences, 2))), config.vector_bits), config.max_vector_bits)


def truncate_keys(keys: np.ndarray, bits: int) -> np.ndarray:
    """Sentence keys ``band << 32 | code`` with only the code's first ``bits`` hyperplanes."""
    return (keys >> 32 << 32) | (keys & ((1 << bits) - 1))


def quantise(vectors: np.ndarray) -> np.ndarray:
    """Unit vectors as int8, the form :func:`exact_dots` compares."""
    return np.round(np.asarray(vectors, dtype=np.float32) * _LEVELS).astype(np.int8)


def exact_dots(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosines of quantised vectors, exact: integer sums have no rounding to reorder."""
    return np.einsum("ij,ij->i", a, b, dtype=np.int32) / float(_LEVELS * _LEVELS)


def bucket_pairs(keys: np.ndarray, ids: np.ndarray, sentences: np.ndarray, max_sentences: int) -> tuple[np.ndarray, np.ndarray]:
    """Postings ``(i, j)`` of different articles in one LSH bucket, ``ids[i] < ids[j]``.

    Postings are ``(keys[i], ids[i], sentences[i])`` in any order. A bucket
    larger than ``max_sentences`` is a template sentence and gives no pairs.
    """
    order = np.lexsort((sentences, ids, keys))
    first, second = group_pairs(keys[order], max_sentences)
    first, second = order[first], order[second]
    other = ids[first] != ids[second]
    return first[other], second[other]


def sentence_matches(
    keys: np.ndarray, ids: np.ndarray, sentences: np.ndarray, rows: np.ndarray, vectors: np.ndarray,
    min_similarity: float, max_sentences: int,
) -> np.ndarray:
    """Sentences of different articles in one LSH bucket whose vectors have cosine ≥ ``min_similarity``.

    Postings as for :func:`bucket_pairs`, posting ``i`` having the vector
    ``vectors[rows[i]]`` (quantised by :func:`quantise`). Returns distinct
    rows ``(a_id, a_sentence, b_id, b_sentence)`` with ``a_id < b_id``, sorted.
    """
    first, second = bucket_pairs(keys, ids, sentences, max_sentences)
    kept = []
    for at in range(0, len(first), _CHUNK):
        x, y = first[at : at + _CHUNK], second[at : at + _CHUNK]
        close = exact_dots(vectors[rows[x]], vectors[rows[y]]) >= min_similarity
        x, y = x[close], y[close]
        kept.append(np.stack([ids[x], sentences[x], ids[y], sentences[y]], axis=1))
    if not kept:
        return np.zeros((0, 4), np.int64)
    return np.unique(np.concatenate(kept).astype(np.int64), axis=0)


def vector_sentence_counts(matches: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per article pair, matched sentences: the smaller of the distinct counts on each side.

    ``matches`` are rows ``(a_id, a_sentence, b_id, b_sentence)``; returns
    ``(a_ids, b_ids, counts)`` sorted by pair.
    """
    if not len(matches):
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    pairs, pair_of = np.unique(matches[:, [0, 2]], axis=0, return_inverse=True)
    pair_of = pair_of.ravel()

    def distinct(column: int) -> np.ndarray:
        sides = np.unique(np.stack([pair_of, matches[:, column]], axis=1), axis=0)
        return np.bincount(sides[:, 0], minlength=len(pairs))

    return pairs[:, 0], pairs[:, 1], np.minimum(distinct(1), distinct(3))
