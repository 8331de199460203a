"""A side taken: the copy has a subject take a party's side where the source has it stay neutral, or back.

"he never drifted to the Soviet camp, preferring a posture of fierce
independence" → "he always leaned to China's side" puts a party into a stance
the source leaves without one: a party added, an ``entity`` change. No
keyword moves (the names are all on both sides), so the cue detectors are
silent and only a whole-clause omission and addition would show it.

A *stance* is a side named with its party ("leaned to China's side", "sided
with Britain", "joined the Western camp") or a neutral one with none
("independence", "neutrality", "its own course"). Narratives state a stance
and then how it changed ("leaned to China's side in the 1960s … preferring
a posture of independence"), so each side's stance is the last one it
states: where the source ends neutral and the copy ends on a party's side
(or the reverse), and the other side does not state that ending at all,
the party was added (or dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change

_NAME = r"(?P<party>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
_FIRMLY = r"(?:(?:always|consistently|firmly|openly|increasingly|squarely|clearly)\s+)?"
_SIDED = tuple(re.compile(_FIRMLY + pattern + r"\b") for pattern in (
    r"(?:lean(?:s|ed|ing|t)?|tilt(?:s|ed|ing)?|swung|swing(?:s|ing)?|drift(?:s|ed|ing)?)\s+(?:to|toward|towards)\s+"
    r"(?:the\s+)?" + _NAME + r"(?:['’]s\s+side|\s+side|\s+camp)?",
    r"(?:sid(?:e|es|ed|ing)|ally|allies|allied|align(?:s|ed|ing)?)\s+(?:itself\s+|himself\s+|herself\s+|themselves\s+)?"
    r"with\s+(?:the\s+)?" + _NAME,
    r"(?:t(?:ook|ake|akes|aking)|back(?:s|ed|ing)?)\s+" + _NAME + r"['’]s\s+side",
    r"(?:join(?:s|ed|ing)?|in|into)\s+the\s+" + _NAME + r"\s+camp",
))
"""A side taken, with its party: "always leaned to China's side", "sided with Britain", "joined the Western camp"."""
_NEUTRAL = re.compile(
    r"(?:(?:an?|its|his|her|their)\s+(?:posture|stance|policy|position|course)\s+of\s+(?:[a-z]+\s+)?)?"
    r"\b(?:independence|neutrality|non-?alignment|non-?aligned|neutral)\b"
    r"|\b(?:its|his|her|their)\s+own\s+(?:course|way|path)\b", re.IGNORECASE)
"""A stance with no party: "a posture of fierce independence", "neutrality", "its own course"."""
_DENIED = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|n['’]t\s+(?:\w+\s+)?$", re.IGNORECASE)
"""A side denied ("he never drifted to the Soviet camp") is no side taken."""


@dataclass(frozen=True, slots=True)
class Stance:
    """A stance stated in a text: ``text[start:end]``, and the party whose side it takes ("" if neutral)."""

    start: int
    end: int
    party: str

    @property
    def cue(self) -> Cue:
        return Cue(self.start, self.end, self.party)


def stances(text: str) -> list[Stance]:
    """The stances ``text`` states, in order."""
    found = [Stance(m.start(), m.end(), m.group("party").lower()) for pattern in _SIDED for m in pattern.finditer(text)
             if not _DENIED.search(text, max(0, m.start() - 24), m.start())]
    found += [Stance(m.start(), m.end(), "") for m in _NEUTRAL.finditer(text)]
    return sorted(found, key=lambda s: s.start)


def stance_changes(unit: UnitPair) -> list[Change]:
    """A party's side that one side ends on where the other ends neutral and never states that side's
    stance itself: the source's neutral words against the copy's side taken, as a party added (or the
    reverse, dropped)."""
    ends = [stances(unit.a), stances(unit.b)]
    if not ends[0] or not ends[1]:
        return []
    last_a, last_b = ends[0][-1], ends[1][-1]
    if bool(last_a.party) == bool(last_b.party):
        return []
    neutral, sided = (last_a, last_b) if last_b.party else (last_b, last_a)
    texts = (unit.a, unit.b) if last_b.party else (unit.b, unit.a)
    neutral_words = texts[0][neutral.start : neutral.end].lower().split()[-1]
    if neutral_words in texts[1].lower():
        return []  # the other side states the neutral stance too: only the order of telling differs
    taken, said = texts[1][sided.start : sided.end], texts[0][neutral.start : neutral.end]
    if last_b.party:
        return [unit.change("entity", neutral.cue, sided.cue,
                            f"party added: the copy ends on a side taken, '{taken}', where the source's stance names "
                            f"no party: '{said}'")]
    return [unit.change("entity", sided.cue, neutral.cue,
                        f"party dropped: the copy's stance names no party, '{said}', where the source ends on a side "
                        f"taken: '{taken}'")]
