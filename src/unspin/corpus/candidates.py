"""Candidate search over a whole corpus: the candidate engine's rule applied to every pair at once.

The rule, keys and thresholds are :mod:`unspin.index.candidates`'s, the
ones ``trace`` applies to one article against the store. Everything here
works on posting arrays sorted by key, never one pair at a time in Python:
a run of 100,000 articles has hundreds of millions of (key, article)
co-occurrences. The local runner calls :func:`find_candidates` on the whole
corpus; the Spark job does the key counting as joins and calls
:func:`bucket_pairs` once per bucket inside executors. Both compare sentence
vectors quantised to int8 with :func:`~unspin.index.candidates.exact_dots`,
whose integer arithmetic gives the same answer whatever the batch, so no
front can disagree on a pair at the similarity threshold; int8 also makes
the comparison ten times faster than float.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from unspin.index.candidates import CandidateRule, bucket_bits, exact_dots, quantise, truncate_keys
from unspin.index.vectors import DIM

_CHUNK = 1 << 16
"""Sentence pairs whose vectors are gathered at once (~32 MB)."""


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


_QUANTISE_BATCH = DIM << 16
"""Vector components quantised at once (64k sentences)."""


def find_candidates(features: pa.Table, rule: CandidateRule) -> list[dict[str, int]]:
    """Candidate pairs with their evidence, from the ``features`` table, all in NumPy.

    A pair is a candidate when one kind of evidence reaches its threshold
    (:meth:`CandidateRule.passes`); its row records all three counts. Articles
    are numbered densely in id order, so a pair ``a < b`` is one integer
    code ``a * n + b``.
    """
    ids = features.column("id").to_numpy()
    n = len(ids)
    if n < 2:
        return []
    rank = np.empty(n, np.int64)
    order = np.argsort(ids, kind="stable")
    rank[order] = np.arange(n)
    ids = ids[order]

    def flat(column: str) -> np.ndarray:
        return pc.list_flatten(features.column(column).combine_chunks()).to_numpy(zero_copy_only=False).astype(np.int64)

    def postings(column: str) -> tuple[np.ndarray, np.ndarray]:
        owners = pc.list_parent_indices(features.column(column).combine_chunks())
        return flat(column), owners.to_numpy(zero_copy_only=False).astype(np.int64)

    def keyed(column: str, max_articles: int) -> tuple[np.ndarray, np.ndarray]:
        keys, rows = postings(column)
        return shared_key_counts(keys, rank[rows], n, max_articles)

    bands = keyed("bands", rule.max_band_articles)
    fingerprints = keyed("fingerprints", rule.max_fingerprint_articles)
    keys, rows = postings("vector_keys")
    keys = truncate_keys(keys, bucket_bits(len(keys) // rule.vector_bands, rule), rule)
    sentences = flat("vector_key_sentences")
    sizes, vectors = _quantised_vectors(features.column("vectors"))
    matches = sentence_matches(keys, rank[rows], sentences, np.r_[0, np.cumsum(sizes)[:-1]][rows] + sentences,
                               vectors, rule.min_vector_similarity, rule.max_bucket_sentences)
    a, b, shared = vector_sentence_counts(matches)
    found = [bands, fingerprints, (a * n + b, shared)]
    # The rule passes a pair when one kind of evidence does, so each kind's pairs are kept on their own
    # first: pairs sharing one common key are far too many to gather all three counts for.
    lengths = np.empty(n, np.int64)
    lengths[rank] = sizes

    def shorter(codes: np.ndarray) -> np.ndarray:
        return np.minimum(lengths[codes // n], lengths[codes % n])

    alone = (lambda c, _: rule.passes(c, 0, 0, 0), lambda c, _: rule.passes(0, c, 0, 0),
             lambda c, codes: rule.passes(0, 0, c, shorter(codes)))
    passing = np.unique(np.concatenate([codes[passes(counts, codes)] for (codes, counts), passes in zip(found, alone)]))

    def evidence(codes: np.ndarray, counts: np.ndarray) -> list[int]:
        if not len(codes):
            return [0] * len(passing)
        at = np.minimum(np.searchsorted(codes, passing), len(codes) - 1)
        return np.where(codes[at] == passing, counts[at], 0).tolist()

    columns = zip(ids[passing // n].tolist(), ids[passing % n].tolist(), *(evidence(*f) for f in found))
    return [{"a_id": a_id, "b_id": b_id, "bands": x, "fingerprints": y, "vector_sentences": z}
            for a_id, b_id, x, y, z in columns]


def _quantised_vectors(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Sentences per article and all sentence vectors as int8, read from Arrow's buffers.

    Going through Python ``bytes`` per article, then float32, took several
    times the memory of the vectors themselves (GBs at 100k articles).
    """
    sizes: list[np.ndarray] = []
    parts: list[np.ndarray] = []
    for chunk in column.chunks:
        offsets = np.frombuffer(chunk.buffers()[1], np.int32, chunk.offset + len(chunk) + 1)[chunk.offset :].astype(np.int64)
        sizes.append(np.diff(offsets) // (2 * DIM))
        if offsets[-1] == offsets[0]:
            continue
        raw = np.frombuffer(chunk.buffers()[2], dtype=np.float16, count=offsets[-1] // 2)[offsets[0] // 2 :]
        parts.extend(quantise(raw[i : i + _QUANTISE_BATCH]) for i in range(0, len(raw), _QUANTISE_BATCH))
    vectors = np.concatenate(parts).reshape(-1, DIM) if parts else np.zeros((0, DIM), np.int8)
    return np.concatenate(sizes) if sizes else np.zeros(0, np.int64), vectors
