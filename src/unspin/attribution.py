"""Give each sentence of a traced article to one source.

A content-farm page stitched from two or three articles is aligned against
every candidate source on its own, so a sentence copied from source 1 can
also align, more loosely, to source 2 (a related story, or a near-duplicate
of source 1). Reporting both would give one source's sentences to another.
:func:`attribute` resolves the overlap the way the aligner picks units
inside one pair: greedily, best aligned unit first, each sentence of the
traced article used once. A unit's strength is how closely its words follow
the source (as the aligner labels units), then its word-sequence ratio, then
the source's rank before attribution (the share of the article it explains
alone, then how closely), so a near-duplicate of the true source loses the
ties it would otherwise win by its id.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

from unspin.align.aligner import AlignConfig, label
from unspin.align.similarity import word_sequence
from unspin.records import Article, Passage, ReuseKind, Span


@dataclass(frozen=True, slots=True)
class SourcePassages:
    """One candidate source and the passages it aligned with the traced article (on side ``a``)."""

    source: Article
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class _Claim:
    """One aligned unit offered by one source, with the copy sentences it covers."""

    source: int
    passage: int
    unit: int
    sentences: frozenset[int]
    strength: float
    ratio: float


def attribute(
    article: Article, aligned: list[SourcePassages], config: AlignConfig = AlignConfig()
) -> list[SourcePassages]:
    """The same sources, each keeping only the units whose copy sentences no better unit claimed.

    Args:
        article: The traced article (side ``a`` of every passage).
        aligned: Each candidate source with its passages, in any order.
        config: The aligner's thresholds, to relabel a passage that lost units.

    Returns:
        The sources that keep at least one passage, best first (the share of
        the article's sentences they now explain, then how closely), with
        passages rebuilt from their kept units. No sentence of ``article``
        lies in passages of two sources.
    """
    claims = [c for k, entry in enumerate(aligned) for c in _claims(article, k, entry, config)]
    alone = {k: (_explained(article, entry.passages), sum(c.ratio for c in claims if c.source == k))
             for k, entry in enumerate(aligned)}
    claims.sort(key=lambda c: (-c.strength, -c.ratio, -alone[c.source][0], -alone[c.source][1], c.source))
    taken: set[int] = set()
    kept: set[tuple[int, int, int]] = set()
    for claim in claims:
        if claim.sentences & taken:
            continue
        taken |= claim.sentences
        kept.add((claim.source, claim.passage, claim.unit))
    closeness = {k: 0.0 for k in range(len(aligned))}
    for claim in claims:
        if (claim.source, claim.passage, claim.unit) in kept:
            closeness[claim.source] += claim.ratio
    result = []
    for k, entry in enumerate(aligned):
        passages = tuple(
            rebuilt for n, passage in enumerate(entry.passages)
            for rebuilt in _kept_runs(article, entry.source, passage,
                                      [(k, n, u) in kept for u in range(len(passage.units))], config)
        )
        if passages:
            result.append((k, SourcePassages(entry.source, passages)))
    result.sort(key=lambda r: (-_explained(article, r[1].passages), -closeness[r[0]], r[1].source.id or 0))
    return [entry for _, entry in result]


def _claims(article: Article, k: int, entry: SourcePassages, config: AlignConfig) -> list[_Claim]:
    """Every unit of ``entry``'s passages, scored as the aligner labels units (the passage's score standing in)."""
    claims = []
    for n, passage in enumerate(entry.passages):
        for u, (a_span, b_span) in enumerate(passage.units):
            ratio = difflib.SequenceMatcher(
                None, word_sequence(article.text[a_span[0]:a_span[1]]),
                word_sequence(entry.source.text[b_span[0]:b_span[1]]), autojunk=False).ratio()
            strength = max(ratio, passage.similarity) if ratio >= config.edited_ratio else passage.similarity
            claims.append(_Claim(k, n, u, frozenset(_inside(article, a_span)), round(strength, 4), round(ratio, 4)))
    return claims


def _inside(article: Article, span: Span) -> list[int]:
    return [i for i, (s, e) in enumerate(article.sentences) if span[0] <= s and e <= span[1]]


def _explained(article: Article, passages: tuple[Passage, ...]) -> int:
    return len({i for p in passages for a, _ in p.units for i in _inside(article, a)})


def _kept_runs(article: Article, source: Article, passage: Passage, keep: list[bool],
               config: AlignConfig) -> list[Passage]:
    """``passage`` as is when it kept every unit; else one passage per run of kept units, relabelled."""
    if all(keep):
        return [passage]
    runs: list[list[tuple[Span, Span]]] = [[]]
    for unit, kept in zip(passage.units, keep):
        if kept:
            runs[-1].append(unit)
        elif runs[-1]:
            runs.append([])
    return [_rebuilt(article, source, run, passage.similarity, config) for run in runs if run]


def _rebuilt(article: Article, source: Article, units: list[tuple[Span, Span]], score: float,
             config: AlignConfig) -> Passage:
    """A passage of ``units`` labelled as the aligner labels them (``score`` stands in for a unit's own)."""
    labels = [label(article.text[a[0]:a[1]], source.text[b[0]:b[1]], score, config) for a, b in units]
    kinds = {kind for kind, _ in labels}
    kind: ReuseKind = kinds.pop() if len(kinds) == 1 else "edited"
    weights = [a[1] - a[0] for a, _ in units]
    similarity = float(np.average([s for _, s in labels], weights=weights))
    return Passage(a=(units[0][0][0], units[-1][0][1]), b=(units[0][1][0], units[-1][1][1]), kind=kind,
                   similarity=round(similarity, 4), units=tuple(units))
