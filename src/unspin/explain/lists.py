"""Members added to or dropped from a list: "monitors, pumps and scanners" → "monitors, pumps,
scanners and ambulances".

A list is two or more commas and a closing ``and``/``or`` between short
items (up to three words each). Two lists, one per side, are the same list
when they share at least two members (compared by last word, lower-cased);
a member only one of them has is a party added or dropped, an ``entity``
change, whether or not the member is a name. Named parties joined by a
bare ``and`` are found by ``entities._coordinated``.
"""

from __future__ import annotations

import re
from unspin.align.similarity import STOPWORDS
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change

_ITEM = r"[\w'’-]+(?:\s+[\w'’-]+){0,2}"
_LIST = re.compile(rf"\b{_ITEM}(?:,\s+{_ITEM})+,?\s+(?:and|or)\s+{_ITEM}\b")
_CATCH_ALL = re.compile(r"\b(?:other|others|more|several|many|various|etc)\b", re.IGNORECASE)
"""A member that stands for the rest ("and five other towns") names no party."""
_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def members(text: str) -> list[list[Cue]]:
    """The lists in ``text``, each as its members, keyed by their last word."""
    lists = []
    for m in _LIST.finditer(text):
        found, offset = [], m.start()
        for part in _SPLIT.split(m.group()):
            start = text.index(part, offset)
            words = part.split()
            if words and not _CATCH_ALL.search(part):
                found.append(Cue(start, start + len(part), words[-1].lower().strip("'’")))
            offset = start + len(part)
        lists.append(found)
    return lists


def list_changes(unit: UnitPair) -> list[Change]:
    """Members one side's list has and the same list on the other side lacks."""
    changes: list[Change] = []
    lists_b = members(unit.b)
    for list_a in members(unit.a):
        keys_a = {m.key for m in list_a}
        for list_b in lists_b:
            keys_b = {m.key for m in list_b}
            if len(keys_a & keys_b) < 2:
                continue
            # the other side's evidence is its list's last member, where the added one would stand
            last_a, last_b = list_a[-1], list_b[-1]
            for m in list_b:
                if m.key not in keys_a and _absent(unit.b[m.start : m.end], unit.a):
                    changes.append(unit.change("entity", last_a, m, f"party added to the list: {unit.b[m.start:m.end]}"))
            for m in list_a:
                if m.key not in keys_b and _absent(unit.a[m.start : m.end], unit.b):
                    changes.append(unit.change("entity", m, last_b, f"party dropped from the list: {unit.a[m.start:m.end]}"))
    return changes


def _absent(member: str, other: str) -> bool:
    """Whether no content word of ``member`` appears in ``other`` (a list's last member runs on into
    the sentence: "and Redcastle are among those affected")."""
    words = set(re.findall(r"\w+", other.lower()))
    return not any(w in words for w in re.findall(r"\w+", member.lower()) if w not in STOPWORDS and len(w) > 2)
