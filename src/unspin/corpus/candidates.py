"""Candidate search over a whole corpus: the candidate engine's rule applied to every pair at once.

The rule, keys and thresholds are :mod:`unspin.index.candidates`'s, the
ones ``trace`` applies to one article against the store. Everything here
works on posting arrays sorted by key, never one pair at a time in Python:
a run of 100,000 articles has hundreds of millions of (key, article)
co-occurrences. The local runner calls :func:`candidates_in` on the
committed ``features`` table (sentence vectors streamed, buckets searched a
band at a time, so memory stays near the int8 vectors of keyed sentences);
the Spark job forms the same buckets and pairs with DataFrame operations.
Both compare sentence vectors quantised to int8 with
:func:`~unspin.index.candidates.exact_dots`, whose integer arithmetic gives
the same answer whatever the batch, so no front can disagree on a pair at
the similarity threshold; int8 also makes the comparison ten times faster
than float.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from unspin.corpus.tables import SCHEMAS
from unspin.index.candidates import KEY_BITS, CandidateRule, bucket_bits, exact_dots, quantise, truncate_keys
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


KEY_COLUMNS = ("id", "bands", "fingerprints", "vector_keys", "vector_key_sentences")
"""The ``features`` columns the search reads whole; ``vectors`` is streamed (:func:`candidates_in`)."""

_VECTOR_ROWS = 1024
"""Articles whose sentence vectors are read from Parquet and quantised at once."""


def candidates_in(folder: Path, rule: CandidateRule) -> list[dict[str, int]]:
    """:func:`find_candidates` over a committed ``features`` table folder, one column at a time.

    The float16 vectors are most of the table (1.4 GB at 100k articles):
    they are read in batches and only their int8 form for keyed sentences
    is held; the key columns are read as each is needed and dropped after.
    """
    files = sorted(folder.glob("*.parquet"))

    def column(name: str) -> pa.Array:
        parts = [pq.read_table(f, columns=[name]).column(0) for f in files]
        return pa.chunked_array(parts, SCHEMAS["features"].field(name).type).combine_chunks()

    def chunks() -> Iterator[pa.Array]:
        for f in files:
            for batch in pq.ParquetFile(f).iter_batches(batch_size=_VECTOR_ROWS, columns=["vectors"]):
                yield batch.column(0)

    return _search(column, chunks(), rule)


def find_candidates(features: pa.Table, rule: CandidateRule) -> list[dict[str, int]]:
    """Candidate pairs with their evidence, from a ``features`` table in memory, all in NumPy.

    A pair is a candidate when one kind of evidence reaches its threshold
    (:meth:`CandidateRule.passes`); its row records all three counts.
    """
    return _search(lambda name: features.column(name).combine_chunks(), iter(features.column("vectors").chunks), rule)


def _search(
    column: Callable[[str], pa.Array], vector_chunks: Iterator[pa.Array], rule: CandidateRule
) -> list[dict[str, int]]:
    """The search over ``features`` columns (``column(name)``), with ``vectors`` given as chunks in row order.

    Articles are numbered densely in id order, so a pair ``a < b`` is one
    integer code ``a * n + b``.
    """
    ids = column("id").to_numpy()
    n = len(ids)
    if n < 2:
        return []
    rank = np.empty(n, np.int64)
    order = np.argsort(ids, kind="stable")
    rank[order] = np.arange(n)
    ids = ids[order]

    def postings(name: str) -> tuple[np.ndarray, np.ndarray]:
        """A list column's values and the table row of each."""
        lists = column(name)
        owners = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False).astype(np.int32)
        return pc.list_flatten(lists).to_numpy(zero_copy_only=False), owners

    def keyed(name: str, max_articles: int) -> tuple[np.ndarray, np.ndarray]:
        keys, rows = postings(name)
        return shared_key_counts(keys.astype(np.int64, copy=False), rank[rows], n, max_articles)

    # Sentence vectors first: their postings and int8 vectors are freed before the lexical keys'
    # pair counts, the other large arrays of the search, are built.
    sizes, matches = _vector_matches(*postings("vector_keys"), postings("vector_key_sentences")[0], rank,
                                     vector_chunks, rule)
    a, b, shared = vector_sentence_counts(matches)
    bands = keyed("bands", rule.max_band_articles)
    fingerprints = keyed("fingerprints", rule.max_fingerprint_articles)
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


def _vector_matches(
    keys: np.ndarray, rows: np.ndarray, sentences: np.ndarray, rank: np.ndarray,
    vector_chunks: Iterator[pa.Array], rule: CandidateRule,
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence vectors per article (table order) and :func:`sentence_matches` over all buckets.

    ``(keys[i], rows[i], sentences[i])`` are the sentence-key postings,
    ``rows`` being table rows. Only keyed sentences' vectors are kept, as
    int8; buckets are searched one band at a time (a bucket never spans
    two), so the sorting is of one band's postings.
    """
    keys = keys.astype(np.int64, copy=False)
    bits = bucket_bits(len(keys) // rule.vector_bands, rule)
    stride = int(sentences.max()) + 1 if len(sentences) else 1
    keyed = np.unique(rows.astype(np.int64) * stride + sentences)  # (row, sentence) of each keyed sentence, sorted
    band_of = (keys >> KEY_BITS).astype(np.min_scalar_type(rule.vector_bands))  # a byte a posting, not eight
    sizes, vectors = keyed_vectors(keyed, stride, vector_chunks)
    found = []
    for band in range(rule.vector_bands):
        at = np.flatnonzero(band_of == band)
        if not len(at):
            continue
        owner, sentence = rows[at], sentences[at]
        where = np.searchsorted(keyed, owner.astype(np.int64) * stride + sentence)
        found.append(sentence_matches(truncate_keys(keys[at], bits, rule), rank[owner], sentence, where, vectors,
                                      rule.min_vector_similarity, rule.max_bucket_sentences))
    matches = np.unique(np.concatenate(found), axis=0) if found else np.zeros((0, 4), np.int64)
    return sizes, matches


def keyed_vectors(keyed: np.ndarray, stride: int, chunks: Iterator[pa.Array]) -> tuple[np.ndarray, np.ndarray]:
    """Sentences per article and the int8 vectors of the ``keyed`` sentences (codes ``row * stride + sentence``),
    read from Arrow's buffers a chunk at a time.

    Going through Python ``bytes`` per article, then float32, took several
    times the memory of the vectors themselves (GBs at 100k articles).
    """
    vectors = np.empty((len(keyed), DIM), np.int8)
    sizes: list[np.ndarray] = []
    base = 0
    for chunk in chunks:
        offsets = np.frombuffer(chunk.buffers()[1], np.int32, chunk.offset + len(chunk) + 1)[chunk.offset :].astype(np.int64)
        sizes.append(np.diff(offsets) // (2 * DIM))
        low, high = np.searchsorted(keyed, [base * stride, (base + len(chunk)) * stride])
        if high > low:
            raw = np.frombuffer(chunk.buffers()[2], dtype=np.float16, count=offsets[-1] // 2)[offsets[0] // 2 :]
            row, sentence = np.divmod(keyed[low:high], stride)
            at = (offsets[row - base] - offsets[0]) // (2 * DIM) + sentence
            vectors[low:high] = quantise(raw.reshape(-1, DIM)[at])
        base += len(chunk)
    return np.concatenate(sizes) if sizes else np.zeros(0, np.int64), vectors
