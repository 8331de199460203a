"""The candidate engine: which stored articles are worth aligning with an article.

One rule serves every front: ``trace`` asks it about one article against
the store (:func:`store_candidates`), ``reuse`` and ``spark reuse`` ask it
about every pair of a corpus at once (:mod:`unspin.corpus.candidates`,
:mod:`unspin.corpus.spark`). All three use the same keys, the same
thresholds (:class:`CandidateRule`) and the same evidence rule
(:meth:`CandidateRule.passes`), so a pair gets the same decision from each;
``tests/test_candidates.py`` checks it pair by pair on a generated corpus.

Evidence, counted per pair of articles:

- ``bands``: MinHash LSH band keys shared (a near copy of the whole text);
- ``fingerprints``: winnowed word 3-gram fingerprints shared (a copied passage);
- ``vector_sentences``: sentences whose vectors have cosine ≥
  ``min_vector_similarity`` and share a random-hyperplane bucket in some
  band, counted as the smaller of the distinct sentences on each side
  (a spun copy, which keeps few exact n-grams). Two such sentences make a
  candidate; one does when it is a tenth or more of the shorter article's
  sentences (a short page stitched from a sentence or two of each source).

Keys shared by more articles (or a bucket holding more sentences) than the
caps are templates and count for nothing. Buckets hold about one sentence
each (:func:`bucket_bits`), so a bucket of more than ``max_bucket_sentences``
(16) is a line many articles repeat ("Readers may have missed this
story."), not a spun copy. Sentence vectors are compared
quantised to int8 (:func:`quantise`) by :func:`exact_dots`, whose integer
sums give the same answer whatever the batch, so no front can round a pair
at the threshold differently.

Sentence buckets, not a nearest-neighbour graph, find spun copies: they are
postings like the lexical keys, written with each article in the same
SQLite transaction, so ``add`` builds no graph and a trace reads a few
B-tree pages. The store keeps no sentence vectors: a trace embeds the few
stored sentences that share a bucket with it again, from their text.
``docs/scale.md`` has the measurement against the usearch HNSW index this
replaced.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from unspin.index.fingerprint import FingerprintConfig, sketch
from unspin.index.vectors import DIM, embed_sentences
from unspin.records import Article, Candidate
from unspin.segment import has_words

CODE_LEVELS = 127
"""Unit-vector components in [-1, 1] become integers in [-127, 127]; cosine error stays under 0.01."""

KEY_BITS = 32
"""A sentence key is ``band << KEY_BITS | code``."""


@dataclass(frozen=True, slots=True)
class CandidateRule:
    """Keys, caps and thresholds of the candidate decision (see the module docstring).

    A pair is a candidate when it shares at least ``min_band_hits`` band
    keys, or ``min_fingerprints`` fingerprints, or ``min_vector_sentences``
    close sentences, or fewer close sentences that are still one in every
    ``vector_share_of`` sentences of the shorter article (a page stitched
    from short reworded contributions shares one or two sentences with each
    source, which is a large share of a short page but chance for two long
    related stories). Sentences of fewer than ``min_sentence_words`` words
    get no bucket key ("He said." matches everywhere). Each keyed sentence
    gets ``vector_bands`` keys of ``max_vector_bits`` hyperplane bits, of
    which a corpus of ``n`` keyed sentences uses the first
    :func:`bucket_bits` ``(n)``.
    """

    fingerprint: FingerprintConfig = field(default_factory=FingerprintConfig)
    min_band_hits: int = 1
    min_fingerprints: int = 8
    min_vector_sentences: int = 2
    vector_share_of: int = 10
    min_vector_similarity: float = 0.85
    min_sentence_words: int = 6
    vector_bands: int = 12
    vector_bits: int = 18
    max_vector_bits: int = 24
    max_band_articles: int = 1000
    max_fingerprint_articles: int = 50
    max_bucket_sentences: int = 16
    seed: int = 20240619

    def __post_init__(self) -> None:
        if not 1 <= self.vector_bits <= self.max_vector_bits <= 30:
            raise ValueError("need 1 <= vector_bits <= max_vector_bits <= 30")
        if min(self.min_band_hits, self.min_fingerprints, self.min_vector_sentences, self.vector_share_of,
               self.vector_bands) < 1:
            raise ValueError("thresholds and vector_bands must be positive")

    def passes(self, bands: Any, fingerprints: Any, vector_sentences: Any, shorter: Any) -> Any:
        """The evidence rule: one kind of evidence reaching its threshold makes a candidate.

        ``shorter`` is the sentence count (sentence vectors) of the pair's
        shorter article. Written with integer ``>=``, ``*``, ``&`` and ``|``
        only, so it takes counts, NumPy arrays (``reuse``) and Spark columns
        (``spark reuse``) alike, with no rounding to differ between them.
        """
        return ((bands >= self.min_band_hits) | (fingerprints >= self.min_fingerprints)
                | (vector_sentences >= self.min_vector_sentences)
                | ((vector_sentences >= 1) & (vector_sentences * self.vector_share_of >= shorter)))

    def score(self, bands: int, fingerprints: int, vector_sentences: int) -> float:
        """How far past its threshold the strongest evidence is: orders candidates, decides nothing."""
        return max(bands / self.min_band_hits, fingerprints / self.min_fingerprints,
                   vector_sentences / self.min_vector_sentences)


def bucket_bits(sentences: int, rule: CandidateRule) -> int:
    """Bits of each sentence key to use for a corpus of ``sentences`` keyed sentences.

    With fixed bits a bucket's occupancy, and so the sentence pairs to
    compare, grow with the square of the corpus; growing the bits with
    log2 of the corpus keeps about one sentence per bucket and the work
    linear. Collisions of true pairs get rarer too, which the many
    sentences of a spun copy and ``vector_bands`` bands make up for.
    """
    return min(max(math.ceil(math.log2(max(sentences, 2))), rule.vector_bits), rule.max_vector_bits)


def truncate_keys(keys: np.ndarray, bits: int, rule: CandidateRule) -> np.ndarray:
    """Sentence keys with only their first ``bits`` hyperplanes.

    The first hyperplane is the code's highest bit, so truncated keys are
    prefixes and one truncated key is a contiguous range of full keys
    (:func:`key_range`): the store keeps full keys and serves any size.
    """
    drop = rule.max_vector_bits - bits
    return (keys >> KEY_BITS << KEY_BITS) | ((keys & ((1 << KEY_BITS) - 1)) >> drop)


def key_range(truncated: np.ndarray, bits: int, rule: CandidateRule) -> tuple[np.ndarray, np.ndarray]:
    """The full keys ``[low, high]`` that :func:`truncate_keys` maps to each of ``truncated``."""
    drop = rule.max_vector_bits - bits
    band = truncated >> KEY_BITS << KEY_BITS
    low = band | ((truncated & ((1 << KEY_BITS) - 1)) << drop)
    return low, low + (1 << drop) - 1


def quantise(vectors: np.ndarray) -> np.ndarray:
    """Unit vectors as int8, the form :func:`exact_dots` compares (via float16, as stored)."""
    return np.round(np.asarray(vectors, dtype=np.float16).astype(np.float32) * CODE_LEVELS).astype(np.int8)


def exact_dots(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosines of quantised vectors, exact: integer sums have no rounding to reorder."""
    return np.einsum("ij,ij->i", a, b, dtype=np.int32) / float(CODE_LEVELS * CODE_LEVELS)


@lru_cache(maxsize=4)
def _planes(seed: int, count: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((count, DIM)).astype(np.float32)


def sentence_keys(article: Article, vectors: np.ndarray, rule: CandidateRule) -> tuple[np.ndarray, np.ndarray]:
    """Random-hyperplane keys: ``vector_bands`` keys per sentence of enough words.

    Two sentences with cosine ``c`` share a band's key of ``b`` bits with
    probability ``(1 - acos(c)/π) ** b``; a spun copy shares many sentences
    with its source, so it shares keys in some bands even when each
    sentence pair is missed in most. Vectors are rounded to float16 first,
    as every front stores them. Returns ``(keys, sentence index of each)``.
    """
    long_enough = [
        i for i, (s, e) in enumerate(article.sentences[: len(vectors)])
        if has_words(article.text, s, e, rule.min_sentence_words)
    ]
    if not long_enough:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
    planes = _planes(rule.seed, rule.vector_bands * rule.max_vector_bits)
    chosen = np.asarray(vectors[long_enough], dtype=np.float16).astype(np.float32)
    bits = (chosen @ planes.T) > 0
    bits = bits.reshape(len(long_enough), rule.vector_bands, rule.max_vector_bits)
    weights = 1 << np.arange(rule.max_vector_bits - 1, -1, -1, dtype=np.int64)
    codes = (bits * weights).sum(axis=2)
    keys = (np.arange(rule.vector_bands, dtype=np.int64) << KEY_BITS) | codes
    owners = np.repeat(np.asarray(long_enough, dtype=np.int32), rule.vector_bands)
    return keys.reshape(-1), owners


class PostingSource(Protocol):
    """What :func:`store_candidates` reads from a store (``unspin.store.Store`` provides it)."""

    def shared_keys(self, table: str, keys: Sequence[int], max_articles: int, at_least: int) -> dict[int, int]:
        """Article id -> distinct ``keys`` it holds in ``table``, counting only keys held by at most
        ``max_articles`` articles, for articles holding ``at_least``."""

    def keyed_sentences(self) -> int:
        """How many stored sentences have bucket keys."""

    def bucket_postings(self, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """``(range number, article id, sentence)`` of every stored sentence key inside one of ``ranges``."""

    def sentence_texts_of(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        """Each stored article's sentences, as ``add`` embedded them."""

    def sentence_counts(self, article_ids: Sequence[int]) -> dict[int, int]:
        """How many of each stored article's sentences ``add`` embedded."""


@dataclass(frozen=True, slots=True)
class QueryKeys:
    """One article's keys, computed once per trace."""

    bands: np.ndarray
    fingerprints: np.ndarray
    sentence_keys: np.ndarray
    key_sentences: np.ndarray


def article_candidates(
    store: PostingSource, article: Article, vectors: np.ndarray, rule: CandidateRule, stored_id: int | None
) -> list[Candidate]:
    """:func:`store_candidates` for an article whose keys are not computed yet (one ``trace``)."""
    from unspin.index.features import indexed_text  # features imports this module

    lexical = sketch([indexed_text(article)], rule.fingerprint, compiled=False)  # one text: no Numba load
    keys, owners = sentence_keys(article, vectors, rule)
    return store_candidates(store, QueryKeys(lexical.bands[0], lexical.fingerprints[0], keys, owners),
                            vectors, rule, stored_id)


def store_candidates(
    store: PostingSource, keys: QueryKeys, vectors: np.ndarray, rule: CandidateRule, stored_id: int | None
) -> list[Candidate]:
    """Every stored article that passes the rule with the article of ``keys`` and ``vectors``, best first.

    The article itself is left out. ``stored_id`` is its id when it is stored: its keys are in
    the store already; otherwise they are counted as if it were added, so
    caps and bucket sizes are those of the corpus with the article in it.
    """
    extra = 0 if stored_id is not None else 1
    bands = store.shared_keys("bands", np.unique(keys.bands).tolist(), rule.max_band_articles - extra, rule.min_band_hits)
    fingerprints = store.shared_keys(
        "fingerprints", np.unique(keys.fingerprints).tolist(), rule.max_fingerprint_articles - extra, 1
    )
    close, lengths = _vector_sentences(store, keys, vectors, rule, stored_id, (bands, fingerprints))
    found = []
    for article_id in set(bands) | set(fingerprints) | set(close):
        if article_id == stored_id:
            continue
        x, y, z = bands.get(article_id, 0), fingerprints.get(article_id, 0), close.get(article_id, 0)
        if rule.passes(x, y, z, min(len(vectors), lengths.get(article_id, 0))):
            evidence = {"bands": float(x), "fingerprints": float(y), "vector_sentences": float(z)}
            found.append(Candidate(article_id, rule.score(x, y, z), evidence))
    found.sort(key=lambda c: (-c.score, c.article_id))
    return found


def _vector_sentences(
    store: PostingSource, keys: QueryKeys, vectors: np.ndarray, rule: CandidateRule, stored_id: int | None,
    lexical: tuple[dict[int, int], dict[int, int]],
) -> tuple[dict[int, int], dict[int, int]]:
    """Stored article id -> close sentences shared with the query (the smaller distinct count of two sides),
    and the sentence count of each stored article with some.

    Most articles in the query's buckets share one sentence with it by chance. Only an article that
    could pass the rule if every pair it shares were close (``lexical``: its band and fingerprint
    counts) can be a candidate, or report its count, so only those pairs are compared. Their stored
    sentences are embedded again from the stored text: a sentence's vector does not depend on its
    batch (``embed_sentences``), so these are the bits ``add`` keyed, and the store keeps no vectors.
    """
    if not len(keys.sentence_keys):
        return {}, {}
    own = len(set(keys.key_sentences.tolist())) if stored_id is None else 0
    bits = bucket_bits(store.keyed_sentences() + own, rule)
    truncated = truncate_keys(keys.sentence_keys, bits, rule)
    buckets, query_of = np.unique(truncated, return_inverse=True)
    low, high = key_range(buckets, bits, rule)
    postings = store.bucket_postings(list(zip(low.tolist(), high.tolist())))
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for bucket, article_id, sentence in postings:
        members[bucket].append((article_id, sentence))
    query_sentences: dict[int, list[int]] = defaultdict(list)
    for bucket, sentence in zip(query_of.ravel().tolist(), keys.key_sentences.tolist()):
        query_sentences[bucket].append(sentence)
    pairs: list[tuple[int, int, int]] = []  # (query sentence, article, sentence)
    for bucket, stored in members.items():
        mine = query_sentences[bucket]
        if len(stored) + (len(mine) if stored_id is None else 0) > rule.max_bucket_sentences:
            continue
        pairs.extend((q, a, s) for q in mine for a, s in stored if a != stored_id)
    if not pairs:
        return {}, {}
    sides: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for q, a, s in pairs:
        sides[a][0].add(q)
        sides[a][1].add(s)
    lengths = store.sentence_counts(sorted(sides))
    bands, fingerprints = lexical
    hopeful = {a for a, (x, y) in sides.items()
               if rule.passes(bands.get(a, 0), fingerprints.get(a, 0), min(len(x), len(y)), min(len(vectors), lengths[a]))}
    pairs = [p for p in pairs if p[1] in hopeful]
    if not pairs:
        return {}, {}
    sources = store.sentence_texts_of(sorted(hopeful))
    wanted = sorted({(a, s) for _, a, s in pairs})
    row_of = {sentence: row for row, sentence in enumerate(wanted)}
    codes = quantise(embed_sentences([sources[a][s] for a, s in wanted]))
    query = quantise(vectors)
    left = query[[q for q, _, _ in pairs]]
    right = codes[[row_of[(a, s)] for _, a, s in pairs]]
    matched: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for (q, a, s), close in zip(pairs, (exact_dots(left, right) >= rule.min_vector_similarity).tolist()):
        if close:
            matched[a][0].add(q)
            matched[a][1].add(s)
    return ({a: min(len(x), len(y)) for a, (x, y) in matched.items()},
            {a: lengths[a] for a in matched})
