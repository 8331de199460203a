"""An attribute turned round across aligned units: "the fault was minor" in one, "a serious fault" in another.

A rewrite that merges or splits sentences can move a thing's description
out of the unit that mentions it: the source's manager "said the fault was
minor" in one sentence, the copy's tests "uncovered a serious fault" in
another; or the aligner leaves one of the two sentences over, and it is read
here as a unit with one side (``changes._unheld``). Each unit alone holds one pole of the opposition, so the unit
detectors (``changes._reversed``) see nothing. Here the poles of the
describing axes (how serious, how good, how big, how complete, how
compulsory; ``ATTRIBUTE_AXES`` of ``opposites.AXES``) are read in every
unit of the article, and a pole in one unit's source side is paired with the
opposite pole in *another* unit's copy side when both describe the same word:
the content word next to each (across a copula: "the fault was minor").
Verbs and roles are left out: "the school opened" and "the school hall was
shut" are two events, not one turned round.
"""

from __future__ import annotations

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.opposites import AXES, Axis, opposites
from unspin.explain.unit import UnitPair
from unspin.records import Change, Span
from unspin.segment import tokenize

ATTRIBUTE_AXES: tuple[Axis, ...] = tuple(a for a in AXES if a.name in ("severity", "quality", "duty", "extent", "origin", "size", "sector",
                                                                   "phase"))
"""Axes whose poles describe a thing (adjectives and their adverbs), not an event or a party, and the phase of
a span of time ("near the end of the artist's life" → "near the start of the artist's career")."""

REACH = 2
"""Words either side of a pole searched for the word it describes (one function word may stand between)."""


def attribute_changes(a_text: str, b_text: str, units: tuple[tuple[Span, Span], ...], taken: list[Change]) -> list[Change]:
    """Inversions of a describing word between two different units (``units``: source span, copy span), where
    the word both describe is the same and no change in ``taken`` touches either pole, and neither article
    also gives that word the other's pole."""
    found: list[Change] = []
    for axis in ATTRIBUTE_AXES:
        poles_a = [(k, span) for k, (ua, _) in enumerate(units) for span in _poles(a_text, ua, axis)]
        poles_b = [(k, span) for k, (_, ub) in enumerate(units) for span in _poles(b_text, ub, axis)]
        if not poles_a or not poles_b:
            continue
        said_a = {(key, word) for _, (_, key, words) in poles_a for word in words}
        said_b = {(key, word) for _, (_, key, words) in poles_b for word in words}
        for i, (x, key_x, words_x) in poles_a:
            for j, (y, key_y, words_y) in poles_b:
                shared = words_x & words_y
                if i == j or key_x == key_y or not shared:
                    continue
                if any((key_x, w) in said_b or (key_y, w) in said_a for w in shared):
                    continue  # each article says both of the word: which pole stands for which is not clear
                if any(_meets(c.a, x) or _meets(c.b, y) for c in (*taken, *found)):
                    continue
                unit = UnitPair(a_text, units[i][0], b_text, units[j][1])
                cx = Cue(x[0] - unit.a_span[0], x[1] - unit.a_span[0], key_x)
                cy = Cue(y[0] - unit.b_span[0], y[1] - unit.b_span[0], key_y)
                found.append(unit.change("inversion", cx, cy, f"{axis.name} turned round in another sentence: "
                                                              f"'{a_text[x[0]:x[1]]}' → '{b_text[y[0]:y[1]]}'"))
    return found


def _poles(text: str, span: Span, axis: Axis) -> list[tuple[Span, str, frozenset[str]]]:
    """Each pole of ``axis`` in ``text[span]`` (absolute span, ``first``/``second``) with the stems of the
    content words it may describe: the nearest before and after it within ``REACH`` words."""
    piece = text[span[0] : span[1]]
    words = tokenize(piece)
    out = []
    for cue in opposites(piece, axis):
        inside = [k for k, (s, e, _) in enumerate(words) if s >= cue.start and e <= cue.end]
        if not inside:
            continue
        before = next((w for *_, w in reversed(words[max(0, inside[0] - REACH) : inside[0]]) if w not in STOPWORDS), None)
        after = next((w for *_, w in words[inside[-1] + 1 : inside[-1] + 1 + REACH] if w not in STOPWORDS), None)
        described = frozenset(stem(w) for w in (before, after) if w and w.isalpha() and len(w) > 2)
        out.append(((span[0] + cue.start, span[0] + cue.end), cue.key, described))
    return out


def _meets(span: Span | None, other: Span) -> bool:
    return span is not None and span[0] < other[1] and other[0] < span[1]
