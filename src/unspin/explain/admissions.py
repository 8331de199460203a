"""An admission turned into a denial, or back, across the article: "has denied any wrongdoing" in one
sentence, "stepped down after admitting misuse of his expenses" in another.

A rewrite that merges, splits or drops sentences can move the admission out
of the unit that holds the denial: the source says in one place that a
party denied the charges, and the copy says elsewhere that it admitted
them. Each unit alone holds one pole, so the unit detectors see nothing.
Which way a party answered a charge is a fact each article states with few
words, and a faithful copy keeps the word: so where the source answers only
one way (it denies, and admits nothing, anywhere) and the copy only the
other way, the two are one claim turned round, reported between the
source's first denial (or admission) and the copy's first admission (or
denial). Only the plain words of answering a charge count (``admitted``,
``confessed``, ``pleaded guilty``; ``denied``, ``pleaded not guilty``):
``confirmed`` or ``disputed`` are said of too many other things.
"""

from __future__ import annotations

import re

from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change

_ANSWER = re.compile(
    r"\b(?:(?P<admitted>admit(?:s|ted|ting)?|admissions?\s+of|confess(?:ed|es|ing)?|pleaded\s+guilty|pleads?\s+guilty)|"
    r"(?P<denied>den(?:y|ied|ies|ying)|denials?\s+of|pleaded\s+not\s+guilty|pleads?\s+not\s+guilty))\b",
    re.IGNORECASE,
)


def _answers(text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), "admitted" if m.group("admitted") else "denied") for m in _ANSWER.finditer(text)]


def admission_changes(a_text: str, b_text: str, taken: list[Change]) -> list[Change]:
    """One ``inversion`` where the source answers a charge only one way and the copy only the other, and
    no change in ``taken`` already reports either side's word."""
    xs, ys = _answers(a_text), _answers(b_text)
    ways_a, ways_b = {c.key for c in xs}, {c.key for c in ys}
    if len(ways_a) != 1 or len(ways_b) != 1 or ways_a == ways_b:
        return []
    x, y = xs[0], ys[0]
    for change in taken:
        if change.type == "inversion" and (_meets(change.a, x) or _meets(change.b, y)):
            return []
    unit = UnitPair(a_text, _sentence(a_text, x), b_text, _sentence(b_text, y))
    local_x = Cue(x.start - unit.a_span[0], x.end - unit.a_span[0], x.key)
    local_y = Cue(y.start - unit.b_span[0], y.end - unit.b_span[0], y.key)
    return [unit.change("inversion", local_x, local_y, f"admission turned round in another sentence: "
                                                       f"'{a_text[x.start:x.end]}' → '{b_text[y.start:y.end]}'")]


def _sentence(text: str, cue: Cue) -> tuple[int, int]:
    """The sentence around a cue, as a span of ``text``: the unit its evidence is reported in."""
    begin = max((m.end() for m in re.finditer(r"[.!?]\s+", text[: cue.start])), default=0)
    end = next((cue.end + m.end() for m in re.finditer(r"[.!?](?:\s|$)", text[cue.end:])), len(text))
    return begin, end


def _meets(span: tuple[int, int] | None, cue: Cue) -> bool:
    return span is not None and span[0] < cue.end and cue.start < span[1]
