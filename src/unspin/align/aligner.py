"""Passage alignment between two articles, robust to reordering.

The method, in order:
1. Score every sentence of A against every sentence of B, and against every
   pair of adjacent sentences on the other side (a spinner splits and merges
   sentences), with the combined similarity of ``similarity``.
2. Pick units (1:1, 1:2, 2:1 sentence groups) greedily by score, each
   sentence used once. No monotonicity is assumed, so reordered paragraphs
   align as well as copied ones; this is where a sequence aligner such as
   passim loses spun copies.
3. Fill the gaps between anchors: where two chosen units follow each other
   in both texts with a sentence or two left over on each side, those
   sentences are the same stretch of the story, so they pair at a lower
   score (``gap_score``), in order. A spinner rewrites such a sentence too
   freely for step 2 ("It didn't go well." → "It didn't work out.").
4. Label each unit ``verbatim`` (the same words), ``edited`` (mostly the
   same words) or ``paraphrase`` (the same content in other words), and join
   units that follow each other on both sides into passages when their kinds
   agree (a near-verbatim edit, such as a stripped accent, joins verbatim).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

from unspin.align.similarity import (
    SimilarityModel,
    content_terms,
    default_model,
    dice_matrix,
    word_sequence,
)
from unspin.index.vectors import embed_sentences
from unspin.records import Article, Passage, ReuseKind, Span
from unspin.segment import tokenize


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Thresholds of the aligner; defaults are tuned on the generated spun set."""

    min_score: float = 0.45
    edited_ratio: float = 0.5
    min_terms: int = 2
    merge_gain: float = 0.02
    near_verbatim: float = 0.9
    gap_score: float = 0.2
    gap_sentences: int = 2

    def __post_init__(self) -> None:
        if not (0.0 < self.min_score < 1.0 and 0.0 < self.edited_ratio < 1.0 and 0.0 < self.gap_score <= self.min_score):
            raise ValueError("AlignConfig thresholds must lie in (0, 1), gap_score at most min_score")


@dataclass(frozen=True, slots=True)
class _Unit:
    a: tuple[int, int]
    b: tuple[int, int]
    score: float


def sentence_vectors(article: Article) -> np.ndarray:
    return embed_sentences([article.text[s:e] for s, e in article.sentences])


def _vectors_for(article: Article, given: np.ndarray | None) -> np.ndarray:
    """``given`` when it has one row per sentence; else embed (stored vectors are capped)."""
    return given if given is not None and len(given) == len(article.sentences) else sentence_vectors(article)


def align(
    a: Article,
    b: Article,
    a_vectors: np.ndarray | None = None,
    b_vectors: np.ndarray | None = None,
    config: AlignConfig = AlignConfig(),
    model: SimilarityModel | None = None,
) -> tuple[Passage, ...]:
    """Every reused passage between ``a`` and ``b``, in A's order.

    Args:
        a, b: The articles; only their ``sentences`` are aligned.
        a_vectors, b_vectors: Their sentence vectors, if already computed.
        config: Thresholds.
        model: The similarity model; the fitted default if ``None``.

    Returns:
        Passages whose spans lie inside both texts. Empty when nothing is reused.
    """
    if not a.sentences or not b.sentences:
        return ()
    model = model or default_model()
    va = _vectors_for(a, a_vectors)
    vb = _vectors_for(b, b_vectors)
    ta = [content_terms([t for _, _, t in tokenize(a.text, s, e)]) for s, e in a.sentences]
    tb = [content_terms([t for _, _, t in tokenize(b.text, s, e)]) for s, e in b.sentences]
    single = _single_scores(ta, tb, va, vb, model, config)
    units = _candidate_units(single, ta, tb, va, vb, model, config)
    chosen = _filled(_choose(units, len(ta), len(tb)), single, config)
    return tuple(_passages(a, b, chosen, config))


def _single_scores(
    ta: list[set[str]], tb: list[set[str]], va: np.ndarray, vb: np.ndarray, model: SimilarityModel, config: AlignConfig
) -> np.ndarray:
    """Sentence-to-sentence scores; a sentence with fewer than ``min_terms`` content words scores 0."""
    single = model.score(dice_matrix(ta, tb), va @ vb.T)
    single[np.array([len(t) < config.min_terms for t in ta]), :] = 0.0
    single[:, np.array([len(t) < config.min_terms for t in tb])] = 0.0
    return single


def _candidate_units(
    single: np.ndarray,
    ta: list[set[str]],
    tb: list[set[str]],
    va: np.ndarray,
    vb: np.ndarray,
    model: SimilarityModel,
    config: AlignConfig,
) -> list[_Unit]:
    small_a = np.array([len(t) < config.min_terms for t in ta])
    small_b = np.array([len(t) < config.min_terms for t in tb])
    units = [_Unit((i, i + 1), (j, j + 1), float(single[i, j]))
             for i, j in zip(*np.nonzero((single >= config.min_score) & _best_per_row(single)))]
    # A merge must beat both of its parts: otherwise a good 1:1 match would
    # swallow its neighbour and hide that neighbour's own counterpart.
    if len(tb) > 1:
        merged = model.score(dice_matrix(ta, _pairs(tb)), va @ _normalise(vb[:-1] + vb[1:]).T)
        merged[small_a, :] = 0.0
        better = merged > np.maximum(single[:, :-1], single[:, 1:]) + config.merge_gain
        units += [_Unit((i, i + 1), (j, j + 2), float(merged[i, j]))
                  for i, j in zip(*np.nonzero((merged >= config.min_score) & better & _best_per_row(merged)))]
    if len(ta) > 1:
        merged = model.score(dice_matrix(_pairs(ta), tb), _normalise(va[:-1] + va[1:]) @ vb.T)
        merged[:, small_b] = 0.0
        better = merged > np.maximum(single[:-1, :], single[1:, :]) + config.merge_gain
        units += [_Unit((i, i + 2), (j, j + 1), float(merged[i, j]))
                  for i, j in zip(*np.nonzero((merged >= config.min_score) & better & _best_per_row(merged)))]
    return units


MAX_UNITS_PER_SENTENCE = 32
"""Candidate units kept per sentence of A (its best-scoring ones). A news
sentence has a handful of counterparts above ``min_score``; a page that
repeats one sentence 4,096 times would otherwise make 16 million units."""


def _best_per_row(scores: np.ndarray) -> np.ndarray:
    """Mask of the ``MAX_UNITS_PER_SENTENCE`` highest scores of each row (all of a shorter row)."""
    if scores.shape[1] <= MAX_UNITS_PER_SENTENCE:
        return np.ones(scores.shape, dtype=bool)
    best = np.argpartition(-scores, MAX_UNITS_PER_SENTENCE - 1, axis=1)[:, :MAX_UNITS_PER_SENTENCE]
    mask = np.zeros(scores.shape, dtype=bool)
    np.put_along_axis(mask, best, True, axis=1)
    return mask


def _pairs(terms: list[set[str]]) -> list[set[str]]:
    return [x | y for x, y in zip(terms, terms[1:])]


def _normalise(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms > 0, norms, 1.0)


def _choose(units: list[_Unit], n_a: int, n_b: int) -> list[_Unit]:
    """Greedy one-to-one selection by score; a merge wins a tie over a single."""
    used_a = np.zeros(n_a, dtype=bool)
    used_b = np.zeros(n_b, dtype=bool)
    chosen: list[_Unit] = []
    size = lambda u: (u.a[1] - u.a[0]) + (u.b[1] - u.b[0])  # noqa: E731
    for unit in sorted(units, key=lambda u: (-round(u.score, 3), -size(u), u.a, u.b)):
        if used_a[unit.a[0] : unit.a[1]].any() or used_b[unit.b[0] : unit.b[1]].any():
            continue
        used_a[unit.a[0] : unit.a[1]] = True
        used_b[unit.b[0] : unit.b[1]] = True
        chosen.append(unit)
    return sorted(chosen, key=lambda u: u.a)


def _filled(chosen: list[_Unit], single: np.ndarray, config: AlignConfig) -> list[_Unit]:
    """``chosen`` (in A's order) plus 1:1 units for the sentences between two anchors.

    Two chosen units are anchors when the second follows the first in both
    texts, with at most ``gap_sentences`` sentences between them on each side
    and none of those used by another unit. Inside the gap, pairs scoring at
    least ``gap_score`` are taken best first, keeping the texts' order.
    """
    used_b = {j for u in chosen for j in range(*u.b)}
    added: list[_Unit] = []
    for before, after in zip(chosen, chosen[1:]):
        gap_a, gap_b = range(before.a[1], after.a[0]), range(before.b[1], after.b[0])
        if not (0 < len(gap_a) <= config.gap_sentences and 0 < len(gap_b) <= config.gap_sentences):
            continue
        if any(j in used_b for j in gap_b):
            continue
        pairs = sorted(((float(single[i, j]), i, j) for i in gap_a for j in gap_b), key=lambda x: (-x[0], x[1], x[2]))
        taken: list[tuple[int, int]] = []
        for score, i, j in pairs:
            if score < config.gap_score:
                break
            if all(i != x and j != y and (i < x) == (j < y) for x, y in taken):
                taken.append((i, j))
                added.append(_Unit((i, i + 1), (j, j + 1), score))
    return sorted(chosen + added, key=lambda u: u.a)


def _passages(a: Article, b: Article, units: list[_Unit], config: AlignConfig) -> list[Passage]:
    passages: list[Passage] = []
    group: list[tuple[_Unit, ReuseKind, float, Span, Span]] = []
    for unit in units:
        a_span = (a.sentences[unit.a[0]][0], a.sentences[unit.a[1] - 1][1])
        b_span = (b.sentences[unit.b[0]][0], b.sentences[unit.b[1] - 1][1])
        kind, similarity = label(a.text[a_span[0] : a_span[1]], b.text[b_span[0] : b_span[1]], unit.score, config)
        if group and not _joins(a, b, group[-1], (kind, similarity, a_span, b_span), config):
            passages.append(_passage(group))
            group = []
        group.append((unit, kind, similarity, a_span, b_span))
    if group:
        passages.append(_passage(group))
    return passages


def _tier(kind: ReuseKind, similarity: float, config: AlignConfig) -> str:
    """Units of one tier may share a passage; near-verbatim edits join verbatim."""
    return "copy" if kind == "verbatim" or (kind == "edited" and similarity >= config.near_verbatim) else kind


def _joins(
    a: Article,
    b: Article,
    last: tuple[_Unit, ReuseKind, float, Span, Span],
    nxt: tuple[ReuseKind, float, Span, Span],
    config: AlignConfig,
) -> bool:
    """Whether the next unit continues the passage: same tier, next in both texts.

    Text skipped between the two units on either side may hold no content
    (a fragment such as "Ca." that the aligner cannot score).
    """
    if _tier(last[1], last[2], config) != _tier(nxt[0], nxt[1], config):
        return False
    gap_a, gap_b = (last[3][1], nxt[2][0]), (last[4][1], nxt[3][0])
    if gap_a[1] < gap_a[0] or gap_b[1] < gap_b[0]:
        return False
    return all(
        len(content_terms([t for *_, t in tokenize(text, lo, hi)])) < config.min_terms
        for text, (lo, hi) in ((a.text, gap_a), (b.text, gap_b))
    )


def label(a_text: str, b_text: str, score: float, config: AlignConfig = AlignConfig()) -> tuple[ReuseKind, float]:
    """Kind and similarity of one aligned unit.

    ``verbatim`` means the same words in the same order (case and
    punctuation aside); ``edited`` means a word-sequence ratio of at least
    ``edited_ratio``; anything else that aligned is ``paraphrase``.
    """
    wa, wb = word_sequence(a_text), word_sequence(b_text)
    if wa == wb:
        return "verbatim", 1.0
    ratio = difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    if ratio >= config.edited_ratio:
        return "edited", round(max(ratio, score), 4)
    return "paraphrase", round(score, 4)


def _passage(group: list[tuple[_Unit, ReuseKind, float, Span, Span]]) -> Passage:
    kinds = {g[1] for g in group}
    kind: ReuseKind = kinds.pop() if len(kinds) == 1 else "edited"
    weights = np.array([g[3][1] - g[3][0] for g in group], dtype=float)
    similarity = float(np.average([g[2] for g in group], weights=weights))
    return Passage(
        a=(group[0][3][0], group[-1][3][1]),
        b=(group[0][4][0], group[-1][4][1]),
        kind=kind,
        similarity=round(similarity, 4),
        units=tuple((g[3], g[4]) for g in group),
    )
