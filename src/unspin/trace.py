"""Trace an article to the stored articles it reuses.

Candidates come from three indexes, each catching what the others miss:
MinHash-LSH bands (near copies of the whole article), winnowed word 3-gram
fingerprints (copied passages inside otherwise new text) and sentence-vector
neighbours (spun copies that share few exact n-grams). The best candidates
are then aligned in full; a candidate with no aligned passage is dropped.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from unspin.align.aligner import AlignConfig, align, sentence_vectors
from unspin.attribution import SourcePassages, attribute
from unspin.index.features import indexed_text
from unspin.index.fingerprint import FingerprintConfig, sketch
from unspin.index.vector_index import VectorIndex
from unspin.pair import read_pair
from unspin.records import Article, Candidate, Passage, SourceMatch, Span, Trace
from unspin.store import Store


@dataclass(frozen=True, slots=True)
class TraceConfig:
    """How many candidates to align and what counts as a vector match."""

    max_candidates: int = 12
    neighbours: int = 8
    min_vector_similarity: float = 0.82
    min_evidence: float = 0.08

    def __post_init__(self) -> None:
        if self.max_candidates < 1 or self.neighbours < 1:
            raise ValueError("max_candidates and neighbours must be positive")


class Tracer:
    """Traces articles against one store; keep it to trace many (the index loads once)."""

    def __init__(
        self,
        store: Store,
        config: TraceConfig = TraceConfig(),
        align_config: AlignConfig = AlignConfig(),
        fingerprint_config: FingerprintConfig = FingerprintConfig(),
    ) -> None:
        self.store = store
        self.config = config
        self.align_config = align_config
        self.fingerprint_config = fingerprint_config
        self.vectors = VectorIndex(store)

    def refresh(self) -> None:
        """Pick up articles stored since this tracer was made."""
        self.vectors.sync(self.store)

    def candidates(self, article: Article, vectors: np.ndarray) -> list[Candidate]:
        """Stored articles worth aligning, best first, the article itself excluded."""
        lexical = sketch([indexed_text(article)], self.fingerprint_config, compiled=False)  # one text: no Numba load
        bands, fps = lexical.bands[0], lexical.fingerprints[0]
        evidence: dict[int, dict[str, float]] = defaultdict(dict)
        floor = self.config.min_evidence
        for article_id, hits in self.store.band_hits(bands.tolist(), _hits_for(floor, len(bands))).items():
            evidence[article_id]["bands"] = hits / len(bands)
        for article_id, hits in self.store.fingerprint_hits(fps.tolist(), _hits_for(floor, len(fps))).items():
            evidence[article_id]["fingerprints"] = hits / max(len(fps), 1)
        votes: dict[int, set[int]] = defaultdict(set)
        for n in self.vectors.search(vectors, self.config.neighbours, self.config.min_vector_similarity):
            votes[n.article_id].add(n.query)
        for article_id, queries in votes.items():
            evidence[article_id]["vectors"] = len(queries) / max(len(vectors), 1)
        own = self.store.find_by_hash(article.content_hash) if article.content_hash else None
        ranked = [
            Candidate(article_id, max(ev.values()), ev)
            for article_id, ev in evidence.items()
            if article_id not in (own, article.id) and max(ev.values()) >= self.config.min_evidence
        ]
        ranked.sort(key=lambda c: (-c.score, c.article_id))
        return ranked[: self.config.max_candidates]

    def stored_id(self, article: Article) -> int | None:
        """The id ``article`` has in the store (found by its content hash), or None if it is not stored."""
        if article.id is not None:
            return article.id
        return self.store.find_by_hash(article.content_hash) if article.content_hash else None

    def trace(self, article: Article, explain: bool = True) -> Trace:
        """The sources of ``article``, ranked by the share of its sentences they explain.

        Each sentence is explained by one source at most: a page stitched
        from several articles lists each with its own passages and coverage
        (see :mod:`unspin.attribution`).

        The stored article is the source: changes read source → copy, while
        passage spans keep the traced article on side ``a``. An article that
        is itself stored is traced against the others.
        """
        vectors = sentence_vectors(article)
        candidates = self.candidates(article, vectors)
        aligned = []
        for source in self.store.get_many([c.article_id for c in candidates]):
            source_vectors = self.store.sentence_vectors(source.id or 0)
            passages = align(article, source, vectors, source_vectors, self.align_config)
            if passages:
                aligned.append(SourcePassages(source, passages))
        matches: list[SourceMatch] = []
        for entry in attribute(article, aligned, self.align_config):
            reading = read_pair(article, entry.source, entry.passages, "b_to_a", explain)
            matches.append(SourceMatch(
                entry.source, coverage(article, entry.passages), reading.passages, reading.meaning_changed,
                reading.change_score, reading.direction, reading.omitted, reading.blocks,
            ))
        covered = [p.a for m in matches for p in m.passages]
        return Trace(article, tuple(matches), tuple(uncovered_sentences(article, covered)), self.stored_id(article))


def _hits_for(share: float, total: int) -> int:
    """The fewest hits out of ``total`` that make evidence of at least ``share`` (never below 1).

    Articles under it cannot become candidates through this index, so the
    store need not return them.
    """
    return max(1, math.ceil(share * total - 1e-9))


def coverage(article: Article, passages: tuple[Passage, ...]) -> float:
    """Share of the article's sentences inside some passage (its ``a`` side)."""
    return span_coverage(article, [p.a for p in passages])


def span_coverage(article: Article, spans: list[Span]) -> float:
    """Share of the article's sentences inside one of ``spans``."""
    if not article.sentences:
        return 0.0
    inside = sum(1 for s in article.sentences if _covered(s, spans))
    return round(inside / len(article.sentences), 4)


def uncovered_sentences(article: Article, spans: list[Span]) -> list[Span]:
    return [s for s in article.sentences if not _covered(s, spans)]


def _covered(sentence: Span, spans: list[Span]) -> bool:
    return any(start <= sentence[0] and sentence[1] <= end for start, end in spans)
