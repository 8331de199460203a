"""Events put in order, and that order turned round: "resigned before the report was published" →
"the report was published before he resigned".

A temporal connective (``before``, ``after``, ``prior to``, ``in the wake
of``, ``once``) or verb (``preceded``, ``followed``) ties two events, one
first and one then. A rewrite may say the same order from the other end
("X before Y" = "Y after X" = "Y followed X", a converse) or turn it round
with the very same connective ("X before Y" → "Y before X"). Neither is
seen by comparing connective words alone: the first is a word flip that
says nothing new, the second no word flip at all. So each side's orders
are read as *which event comes first*, by the content words of the two
events, and the two sides are compared event by event.

An event is the stretch of words between the connective and its clause's
edge (a comma, a semicolon, the sentence's end): the main clause before a
connective, the subordinate one after it, or, with the connective first
("After the vote, …"), the stretch before the comma and the one after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change
from unspin.segment import tokenize

_CONNECTIVE = re.compile(
    r"\b(?:(?P<before>before|prior\s+to|ahead\s+of|in\s+advance\s+of|until)|"
    r"(?P<after>after|following(?!\s+(?:day|week|month|year|morning|evening|night|season|weekend)\b)|"
    r"in\s+the\s+wake\s+of|once|subsequent\s+to)|"
    r"(?P<passive>(?:was|were|is|are|has\s+been|had\s+been|will\s+be)\s+)?"
    r"(?:(?P<precede>preced(?:e|ed|es|ing))|(?P<follow>follow(?:ed|s)?))(?P<by>\s+by)?)\b(?!-)",
    re.IGNORECASE,
)
"""Words that put two events in order; the verbs with their passive ("was followed by")."""
_EDGE = re.compile(r"[,;:()]|[.!?](?=\s|$)|\s[-–—]\s")
_TIME_WORDS = frozenset(stem(w) for w in (
    "day days week weeks month months year years hour hours minute minutes shortly soon just long later "
    "earlier then first finally eventually immediately".split()))
"""Words that say how long between two events, not which event: "shortly after" orders the same two."""


@dataclass(frozen=True, slots=True)
class Sequence:
    """Two events in order: the connective or verb that orders them, and the content stems of the event
    that comes first and of the one that comes then."""

    cue: Cue
    first: frozenset[str]
    then: frozenset[str]


def _stems(text: str, start: int, end: int) -> frozenset[str]:
    words = (re.sub(r"['’]s?$", "", w) for _, _, w in tokenize(text, start, end))
    return frozenset(stem(w) for w in words if w and w not in STOPWORDS and stem(w) not in _TIME_WORDS)


def sequences(text: str) -> list[Sequence]:
    """The ordered pairs of events in ``text`` (see the module docstring for where an event's words end)."""
    found = []
    edges = [(m.start(), m.end()) for m in _EDGE.finditer(text)]
    for m in _CONNECTIVE.finditer(text):
        if bool(m.group("passive")) != bool(m.group("by")):
            continue  # "was followed" with no "by": who followed is not said
        begin = max([e for s, e in edges if e <= m.start()], default=0)
        stop = min([s for s, e in edges if s >= m.end()], default=len(text))
        before = _stems(text, begin, m.start())
        after = _stems(text, m.end(), stop)
        opening = begin == 0 or text[begin - 1 : begin] in ".!?;" or text[max(0, begin - 2) : begin].strip() in (".", "!", "?", ";")
        if not before and opening and stop < len(text):  # "After the vote, the party split": the main clause follows
            close = min([s for s, e in edges if s > stop], default=len(text))
            before = _stems(text, next(e for s, e in edges if s == stop), close)
        elif not before and begin > 0:  # "… and left within minutes, before the guards came": the clause before the comma
            before = _stems(text, max([e for s, e in edges if e < begin], default=0), begin)
        if not before or not after:
            continue
        verb = m.group("precede") or m.group("follow")
        earlier_first = bool(m.group("before") or m.group("precede"))
        if verb and m.group("by"):
            earlier_first = not earlier_first  # "was followed by": the subject comes first
        cue = Cue(m.start(), m.end(), "sequence")
        found.append(Sequence(cue, before, after) if earlier_first else Sequence(cue, after, before))
    return found


@dataclass(frozen=True, slots=True)
class Matched:
    """One order on each side about the same two events, and whether the copy keeps or turns it round."""

    a: Sequence
    b: Sequence
    turned: bool


def matched(unit: UnitPair) -> list[Matched]:
    """Each pair of orders, one a side, whose events are the same two: both events share words across
    the sides, crosswise (turned round) or straight (kept), and one way clearly more than the other."""
    out = []
    theirs = sequences(unit.b)
    for x in sequences(unit.a):
        for y in theirs:
            cross = (len(x.first & y.then), len(x.then & y.first))
            kept = (len(x.first & y.first), len(x.then & y.then))
            if all(cross) and sum(cross) > sum(kept):
                out.append(Matched(x, y, True))
            elif all(kept) and sum(kept) > sum(cross):
                out.append(Matched(x, y, False))
    return out


def swapped_sequence(unit: UnitPair) -> list[Change]:
    """Two events whose order the copy turns round ("resigned before the report was published" → "the
    report was published before he resigned", "the strike preceded the closure" → "the strike followed
    the closure"), whatever connective each side uses."""
    for pair in matched(unit):
        if pair.turned:
            x, y = pair.a.cue, pair.b.cue
            return [unit.change("inversion", x, y, f"order of events turned round: '{unit.a[x.start:x.end]}' → "
                                f"'{unit.b[y.start:y.end]}' with the two events swapped")]
    return []


def same_sequence(unit: UnitPair) -> bool:
    """Whether both sides put the same two events in the same order (and none turned round), whatever
    words they order them with: "X before Y" and "Y after X" say one thing."""
    pairs = matched(unit)
    return bool(pairs) and not any(p.turned for p in pairs)
