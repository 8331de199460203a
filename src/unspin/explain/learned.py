"""The learned fallback: a pair model that types the stretches of a unit no rule explains.

The rule detectors (``changes.py``) see keywords: a negation word, a number,
a movement verb from a list. A change that moves meaning without touching
one ("east" → "west", a word slipped inside a quotation) leaves them silent.
This model reads each *differing stretch* of an aligned unit (the words one
side has where the other has others or none, from a word diff of the two
sides) through what WordLlama's vectors (``index/vectors.py``) know of their
meaning: the vector of each side's stretch, their difference and product,
the vector of the words around it, and a few surface features (length,
digits, capitals, inside a quotation). Whether the stretch's words are said
elsewhere on the other side (moved, not changed) or nowhere (new) is
measured too, as the claim rules do. A small NumPy MLP turns them into a
probability over ``LABELS``; a stretch whose most likely change type clears
the shipped threshold becomes a change, noted as the model's finding. It
leaves alone the cues the rules read (their silence there is a judgement)
and a lone pronoun (whom it means needs the text before the unit).

It is fitted by ``scripts/fit_change_model.py`` on FactCC-style contrast
pairs (Kryscinski et al. 2020, *Evaluating the Factual Consistency of
Abstractive Text Summarization*): real BBC sentences reworded faithfully,
each with one change planted, and MRPC paraphrases
(``evaluation/contrast.py``). The threshold is chosen on the generated
validation split, never on the realistic set. It is off unless ``SWITCH``
is set: it measured too few gains for its false flags to be the default.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue, comparisons, dates, directions, negations, numbers
from unspin.explain.unit import UnitPair
from unspin.index.vectors import DIM, embed_sentences
from unspin.records import Change, ChangeType, Span
from unspin.segment import tokenize

LABELS: tuple[str, ...] = ("faithful", "negation", "inversion", "hedge", "entity", "number", "date", "quote",
                           "addition", "omission")
"""What a stretch may be: no change, or one change type (``records.ChangeType``)."""
WEIGHTS = "change_model.npz"
SWITCH = "UNSPIN_LEARNED"
"""The environment variable that turns the fallback on (``1``). It is off by default: on the realistic set it
adds 1.4 points of typed recall for 1.9 points of false flags, and on ETPC 4 points of Addition/Deletion
recall for 5 points of false flags (docs/explain.md, "The learned fallback")."""
CONTEXT_WORDS = 4
"""Words either side of a stretch that make up its context vector."""
MAX_STRETCH_WORDS = 12
"""A longer stretch is a rewritten clause, not a change the model can name; the claim rules judge it."""
SURFACE: tuple[str, ...] = (
    "words_a", "words_b", "empty_a", "empty_b", "digits_a", "digits_b", "capitals_a", "capitals_b",
    "quoted_a", "quoted_b", "cosine", "position", "pronoun_a", "pronoun_b", "moved_a", "moved_b", "novel_a", "novel_b",
)
FEATURES = 5 * DIM + len(SURFACE)
_PRONOUNS = frozenset({"he", "she", "they", "it", "his", "her", "their", "its", "him", "them"})
_QUOTATION = re.compile(r"[\"“][^\"“”]*[\"”]")


@dataclass(frozen=True, slots=True)
class Stretch:
    """Words of one side (``a``, local to side A's text) that the other replaces with ``b``; either may be empty."""

    a: Span
    b: Span


def differing_stretches(a: str, b: str) -> list[Stretch]:
    """The stretches where ``a`` and ``b`` differ, from a word diff of their stems.

    Stems match inflections ("rise"/"rises"), so a change of tense is no
    stretch. An empty side is a zero-width span at the point of insertion.
    """
    ta, tb = tokenize(a), tokenize(b)
    matcher = difflib.SequenceMatcher(None, [stem(w) for *_, w in ta], [stem(w) for *_, w in tb], autojunk=False)
    return [Stretch(_span(ta, i1, i2, len(a)), _span(tb, j1, j2, len(b)))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _span(tokens: list[tuple[int, int, str]], first: int, last: int, size: int) -> Span:
    if first < last:
        return tokens[first][0], tokens[last - 1][1]
    point = tokens[first][0] if first < len(tokens) else size
    return point, point


def _context(text: str, span: Span) -> str:
    """Up to ``CONTEXT_WORDS`` words either side of ``span``."""
    before = tokenize(text, 0, span[0])[-CONTEXT_WORDS:]
    after = tokenize(text, span[1])[:CONTEXT_WORDS]
    return " ".join(w for *_, w in before + after)


def _quoted(text: str, span: Span) -> float:
    return float(any(m.start() <= span[0] and span[1] <= m.end() for m in _QUOTATION.finditer(text)))


def _surface(text: str, span: Span) -> tuple[float, ...]:
    piece = text[span[0] : span[1]]
    words = tokenize(piece)
    return (np.log1p(len(words)), float(not words), float(any(c.isdigit() for c in piece)),
            float(any(piece[s].isupper() for s, _, _ in words)), _quoted(text, span),
            float(any(w in _PRONOUNS for *_, w in words)))


def _elsewhere(text: str, span: Span, other: str, other_span: Span) -> tuple[float, float]:
    """``(share, novel)``: the share of the stretch's content words that the other side says outside its own
    stretch (words moved, not changed: a reordered clause), and ``log1p`` of how many the other side never uses."""
    words = {stem(w) for *_, w in tokenize(text, *span) if w not in STOPWORDS}
    if not words:
        return 0.0, 0.0
    around = {stem(w) for *_, w in tokenize(other, 0, other_span[0]) + tokenize(other, other_span[1])}
    anywhere = around | {stem(w) for *_, w in tokenize(other, *other_span)}
    return len(words & around) / len(words), float(np.log1p(len(words - anywhere)))


def stretch_features(a: str, b: str, stretches: list[Stretch]) -> np.ndarray:
    """One row of ``FEATURES`` per stretch: the vectors of each side's words, their difference and product,
    the context's vector, then ``SURFACE``."""
    if not stretches:
        return np.zeros((0, FEATURES), dtype=np.float32)
    texts = [a[s.a[0] : s.a[1]] for s in stretches] + [b[s.b[0] : s.b[1]] for s in stretches]
    texts += [_context(a, s.a) for s in stretches]
    vectors = embed_sentences(texts)
    n = len(stretches)
    va, vb, vc = vectors[:n], vectors[n : 2 * n], vectors[2 * n :]
    surface = []
    for s, x, y in zip(stretches, va, vb):
        sa, sb = _surface(a, s.a), _surface(b, s.b)
        moved_a, novel_a = _elsewhere(a, s.a, b, s.b)
        moved_b, novel_b = _elsewhere(b, s.b, a, s.a)
        surface.append((sa[0], sb[0], sa[1], sb[1], sa[2], sb[2], sa[3], sb[3], sa[4], sb[4],
                        float(x @ y), s.a[0] / max(len(a), 1), sa[5], sb[5], moved_a, moved_b, novel_a, novel_b))
    return np.hstack([va, vb, vb - va, va * vb, vc, np.array(surface, dtype=np.float32)]).astype(np.float32)


@dataclass(frozen=True, slots=True)
class ChangeModel:
    """A one-hidden-layer MLP over standardised ``stretch_features``; ``threshold`` is the least
    probability of its best change type for a stretch to be reported."""

    mean: np.ndarray
    scale: np.ndarray
    hidden_w: np.ndarray
    hidden_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    threshold: float

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """``(rows, len(LABELS))``, each row summing to one."""
        h = np.maximum(((features - self.mean) / self.scale) @ self.hidden_w + self.hidden_b, 0.0)
        z = h @ self.out_w + self.out_b
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def to_arrays(self) -> dict[str, Any]:
        """What ``np.savez`` writes: the hidden layer in float16, half the size."""
        return {"mean": self.mean, "scale": self.scale, "hidden_w": self.hidden_w.astype(np.float16),
                "hidden_b": self.hidden_b, "out_w": self.out_w, "out_b": self.out_b,
                "threshold": np.array(self.threshold), "labels": np.array(LABELS), "features": np.array(FEATURES)}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray]) -> ChangeModel:
        if tuple(str(x) for x in data["labels"]) != LABELS or int(data["features"]) != FEATURES:
            raise RuntimeError(f"{WEIGHTS} was fitted on other labels or features: run scripts/fit_change_model.py")
        def arr(name: str) -> np.ndarray:
            return np.asarray(data[name], dtype=np.float32)

        return cls(arr("mean"), arr("scale"), arr("hidden_w"), arr("hidden_b"), arr("out_w"), arr("out_b"),
                   threshold=float(data["threshold"]))


@lru_cache(maxsize=1)
def default_change_model() -> ChangeModel:
    """The fitted model shipped with the package."""
    with resources.files("unspin.explain").joinpath(WEIGHTS).open("rb") as handle:
        return ChangeModel.from_arrays(dict(np.load(handle)))


@dataclass(frozen=True, slots=True)
class Finding:
    """The model's reading of one stretch: its most likely change type and that type's probability."""

    stretch: Stretch
    type: str
    probability: float


def read_stretches(a: str, b: str, model: ChangeModel | None = None) -> list[Finding]:
    """Every differing stretch of ``a`` against ``b`` (of at most ``MAX_STRETCH_WORDS`` words a side) with
    the model's most likely change type, ``faithful`` excluded, and its probability."""
    stretches = [s for s in differing_stretches(a, b)
                 if max(len(tokenize(a, *s.a)), len(tokenize(b, *s.b))) <= MAX_STRETCH_WORDS]
    if not stretches:
        return []
    p = (model or default_change_model()).probabilities(stretch_features(a, b, stretches))
    best = p[:, 1:].argmax(axis=1) + 1
    return [Finding(s, LABELS[k], float(p[row, k])) for row, (s, k) in enumerate(zip(stretches, best))]


def learned_changes(unit: UnitPair, found: list[Change]) -> list[Change]:
    """Nothing unless ``UNSPIN_LEARNED=1`` (see ``SWITCH``); then Changes the model finds in stretches of ``unit`` that no change in ``found`` touches, and that hold
    no cue the rules judged and are not a lone pronoun (the rules' own ground, see ``_ruled`` and ``_pronoun_only``)."""
    sa, sb = unit.a, unit.b
    if sa == sb or os.environ.get(SWITCH) != "1":
        return []
    model = default_change_model()
    a0, b0 = unit.a_span[0], unit.b_span[0]
    taken_a = [(c.a[0] - a0, c.a[1] - a0) for c in found if c.a is not None] + _ruled(sa)
    taken_b = [(c.b[0] - b0, c.b[1] - b0) for c in found if c.b is not None] + _ruled(sb)
    changes = []
    for finding in read_stretches(sa, sb, model):
        s = finding.stretch
        if (finding.probability < model.threshold or _touches(s.a, taken_a) or _touches(s.b, taken_b)
                or _pronoun_only(sa, s.a) or _pronoun_only(sb, s.b)):
            continue
        x = Cue(s.a[0], s.a[1], "") if s.a[0] < s.a[1] else None
        y = Cue(s.b[0], s.b[1], "") if s.b[0] < s.b[1] else None
        said_a, said_b = sa[s.a[0] : s.a[1]], sb[s.b[0] : s.b[1]]
        kind: ChangeType = finding.type  # type: ignore[assignment]
        changes.append(unit.change(kind, x, y, f"found by the learned model (p={finding.probability:.2f}): "
                                               f"'{said_a}' → '{said_b}'"))
    return changes


def _ruled(text: str) -> list[Span]:
    """Numbers, dates, negations, comparisons and movements: each is a cue the rules read and compared, so
    where they report nothing the silence is their judgement ("1.39" → "1.4" rounded, "5%" → "5 per cent",
    "higher in Leeds than in York" → "lower in York than in Leeds"), not blindness."""
    return [(c.start, c.end) for find in (numbers, dates, negations, comparisons, directions) for c in find(text)]


def _pronoun_only(text: str, span: Span) -> bool:
    """A pronoun for a name is the entity rules' to judge: they read the text before the unit for whom it
    refers to, which this model does not see."""
    words = tokenize(text, *span)
    return bool(words) and all(w in _PRONOUNS for *_, w in words)


def _touches(span: Span, taken: list[Span]) -> bool:
    return any(span[0] <= t[1] and t[0] <= span[1] for t in taken)
