"""Trace an article to the stored articles it reuses.

Candidates come from three indexes, each catching what the others miss:
MinHash-LSH bands (near copies of the whole article), winnowed word 3-gram
fingerprints (copied passages inside otherwise new text) and sentence-vector
buckets (spun copies that share few exact n-grams), decided by the rule
``reuse`` uses too (``index/candidates.py``). The best candidates are then
aligned in full; a candidate with no aligned passage is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from unspin.align.aligner import AlignConfig, align, sentence_vectors
from unspin.index.candidates import CandidateRule, article_candidates
from unspin.attribution import SourcePassages, attribute
from unspin.pair import read_pair
from unspin.records import Article, Candidate, Passage, SourceMatch, Span, Trace
from unspin.store import Store


@dataclass(frozen=True, slots=True)
class TraceConfig:
    """The candidate rule (shared with ``reuse``) and how many of its candidates to align."""

    max_candidates: int = 12
    rule: CandidateRule = field(default_factory=CandidateRule)

    def __post_init__(self) -> None:
        if self.max_candidates < 1:
            raise ValueError("max_candidates must be positive")


class Tracer:
    """Traces articles against one store; keep it to trace many."""

    def __init__(self, store: Store, config: TraceConfig = TraceConfig(), align_config: AlignConfig = AlignConfig()) -> None:
        self.store = store
        self.config = config
        self.align_config = align_config

    def refresh(self) -> None:
        """Kept for callers: every index is a store table, so committed articles are found without it."""

    def candidates(self, article: Article, vectors: np.ndarray) -> list[Candidate]:
        """Stored articles worth aligning, best first, the article itself excluded (at most ``max_candidates``)."""
        return article_candidates(self.store, article, vectors, self.config.rule, self.stored_id(article))[
            : self.config.max_candidates
        ]

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
            # Embedded again rather than read: the store keeps int8 codes, and embedding is cheap.
            passages = align(article, source, vectors, None, self.align_config)
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
