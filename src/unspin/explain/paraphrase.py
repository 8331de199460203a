"""What is not a change: rule findings that a faithful paraphrase produces, taken back.

The detectors in ``changes.py`` read one cue at a time, so some ordinary ways
of rewriting a sentence look to them like a change of meaning. Each guard here
names one such way and takes back only the findings it explains:

- a clause moved within the sentence ("If X, it can Y" → "It can Y if X"):
  the same words dropped in one place and added in another;
- a clause moved across the unit's edge when sentences are merged or split
  ("He gave no date." → ", without giving a date"): the words added (or
  dropped) are said by the sentence next door on the other side;
- a hedge reworded ("Archaeologists believe" → "is thought to"): the copy
  drops one hedge and adds another of the same unit, so it still hedges;
- a hedge turned into its noun or verb form ("plan to" → "plans for"): the word
  of modality is still there; an estimate in the news idiom for one
  ("estimated the cost at" → "put the cost at");
- an attribution reworded ("Skyvale said" → "the carrier said"): the copy's
  sentence still reports someone saying it;
- a negation turned into a word that means "not" ("were not on the maps" →
  "were missing from the maps");
- a ceiling restated ("fines can reach 4 percent" → "fines of up to 4 percent");
- "provided" as a verb ("the fund provided the rest"), which is no condition;
- a comparison "turned round" whose two words each stand on the other side
  before the same word ("younger children … a longer walk" on both sides);
- a unit of measure moved off its number ("3.4-kilometre extension" →
  "stretches 3.4 kilometres"), which is no party added.

A model veto was measured too and not kept: docs/explain.md, "What is not a change".
"""

from __future__ import annotations

import re

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.unit import UnitPair
from unspin.records import Change
from unspin.segment import split_sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|according to|reported|reports|stated|states|announced|"
                     r"confirmed|added|explained|warned|argued|insisted)\b", re.IGNORECASE)
"""Verbs and phrases that attribute a claim to someone: present in the copy's sentence, the claim is still attributed."""

_PRIVATIVE = re.compile(r"\b(?:missing|absent|lacking|lacks?|lacked|without|failed|fails?|unable|refused|refuses?|"
                        r"none|never|neither|nor|no)\b", re.IGNORECASE)
"""Words that carry a "not" of their own: a negation rewritten into one of them is the same claim."""

_CEILING = re.compile(r"\b(?:reach(?:es|ed)?|as (?:much|many|high) as|at most|no more than|maximum|max|capped|cap)\b",
                      re.IGNORECASE)
"""A ceiling stated without "up to": "up to" added next to one says nothing new."""

_ESTIMATE = re.compile(r"\bestimat(?:e|es|ed|ing)\b", re.IGNORECASE)
_PUT_AT = re.compile(r"\b(?:put|puts|putting|placed?|places|placing|valued?|values|valuing|reckon(?:s|ed)?|"
                     r"calculated?|calculates|gauged?|gauges)\b[^.;]{1,80}?\bat\b", re.IGNORECASE)
"""The news idiom for an estimate: "put the cost at 3 million" says "estimated the cost at 3 million"."""

_UNITS = frozenset({
    "kilometre", "kilometres", "kilometer", "kilometers", "km", "metre", "metres", "meter", "meters", "mile", "miles",
    "foot", "feet", "inch", "inches", "yard", "yards", "hectare", "hectares", "acre", "acres", "tonne", "tonnes",
    "ton", "tons", "kilogram", "kilograms", "kg", "gram", "grams", "pound", "pounds", "litre", "litres", "liter",
    "liters", "gallon", "gallons", "degree", "degrees", "percent", "minute", "minutes", "hour", "hours", "day", "days",
    "week", "weeks", "month", "months", "year", "years", "megawatt", "megawatts", "gigawatt", "gigawatts",
})


def kept(unit: UnitPair, changes: list[Change]) -> list[Change]:
    """``changes`` less those a faithful paraphrase of ``unit`` explains (the guards above)."""
    if not changes:
        return changes
    dropped = {id(c) for c in _moved(changes)}
    for c in changes:
        if id(c) not in dropped and _explained(unit, c, changes):
            dropped.add(id(c))
    return [c for c in changes if id(c) not in dropped]


def _content(text: str) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in STOPWORDS)


def _moved(changes: list[Change]) -> list[Change]:
    """An omission and an addition of the same words: a clause moved, not dropped and added."""
    gone = [c for c in changes if c.type == "omission" and c.b is None and c.a_text]
    come = [c for c in changes if c.type == "addition" and c.a is None and c.b_text]
    out: list[Change] = []
    for x in gone:
        words = _content(x.a_text)
        y = next((y for y in come if y not in out and words and _content(y.b_text) == words), None)
        if y is not None:
            out += [x, y]
    return out


def _explained(unit: UnitPair, c: Change, changes: list[Change]) -> bool:
    if c.type == "hedge":
        return _hedge_reworded(unit, c, changes)
    if c.type == "negation":
        return _negation_lexical(unit, c)
    if c.type == "addition":
        return _ceiling_restated(unit, c) or _provided_verb(unit, c) or _merged(c.b_text, unit.a_text, unit.a_span)
    if c.type == "omission" and c.b is None:
        return _merged(c.a_text, unit.b_text, unit.b_span)
    if c.type == "entity":
        return c.a is None and c.b_text.strip().lower() in _UNITS
    if c.type == "inversion" and c.note.startswith("comparison turned round"):
        return _twinned(unit, c)
    return False


def _hedge_reworded(unit: UnitPair, c: Change, changes: list[Change]) -> bool:
    """A one-sided hedge that the other side still makes: another hedge it gains, the same word in another
    form, or (for an attribution dropped) a verb of saying in the copy's sentence."""
    if (c.a is None) == (c.b is None):
        return False
    if any(o is not c and o.type == "hedge" and (o.a is None) != (c.a is None) and (o.b is None) != (c.b is None)
           for o in changes):
        return True
    if c.b is None and _ESTIMATE.fullmatch(c.a_text.strip()) and _PUT_AT.search(unit.b) and not _PUT_AT.search(unit.a):
        return True
    if c.note.startswith("attribution dropped"):
        return c.b is None and bool(_SPEECH.search(unit.b))
    said, other = (c.a_text, unit.b) if c.b is None else (c.b_text, unit.a)
    return bool(_content(" ".join(w for w in _WORD.findall(said) if w.islower())) & _content(other))


MERGED_SHARE = 2 / 3
"""Least share of a clause's content words that the sentence next door must say for the clause to be read as
moved from there (a merge or a split) rather than added or dropped."""


def _merged(clause: str, other_text: str, other_span: tuple[int, int]) -> bool:
    """Whether ``clause``, added to (or dropped from) one side, is said by a sentence right next to the unit on
    the other side: a rewrite that merges two sentences ("He gave no date." → ", without giving a date")
    or splits one moves a clause across the unit's edge."""
    words = _roots(clause)
    if len(words) < 2:
        return False
    for near in _next_door(other_text, other_span):
        shared = words & _roots(near)
        if len(shared) >= 2 and len(shared) >= MERGED_SHARE * len(words):
            return True
    return False


def _roots(text: str) -> frozenset[str]:
    """Content words cut to a common root, so that a clause reworded across a merge still matches
    ("giving" and "give", "scientific" and "scientists")."""
    return frozenset(w.rstrip("e")[:6] for w in _content(text))


def _next_door(text: str, span: tuple[int, int]) -> list[str]:
    """The sentence just before ``span`` in ``text`` and the one just after it."""
    sentences = split_sentences(text)
    before = [text[s:e] for s, e in sentences if e <= span[0]]
    after = [text[s:e] for s, e in sentences if s >= span[1]]
    return before[-1:] + after[:1]


def _twinned(unit: UnitPair, c: Change) -> bool:
    """A comparison "turned round" whose two words each stand on the other side too, before the same word
    ("younger children … a longer walk" on both sides): the detector paired the wrong two, nothing turned."""
    if c.a is None or c.b is None:
        return False
    local_a = (c.a[0] - unit.a_span[0], c.a[1] - unit.a_span[0])
    local_b = (c.b[0] - unit.b_span[0], c.b[1] - unit.b_span[0])
    return _bigram(unit.a, local_a) in _bigrams(unit.b) and _bigram(unit.b, local_b) in _bigrams(unit.a)


def _bigram(text: str, span: tuple[int, int]) -> tuple[str, str]:
    after = _WORD.search(text, span[1])
    return text[span[0] : span[1]].lower(), after.group(0).lower() if after else ""


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return set(zip(words, [*words[1:], ""]))


def _negation_lexical(unit: UnitPair, c: Change) -> bool:
    """A negation one side has alone, where the other side alone has a word that means "not"."""
    if c.a is not None and c.b is None:
        mine, theirs = unit.a, unit.b
    elif c.b is not None and c.a is None:
        mine, theirs = unit.b, unit.a
    else:
        return False
    own = {m.group(0).lower() for m in _PRIVATIVE.finditer(mine)}
    return any(m.group(0).lower() not in own for m in _PRIVATIVE.finditer(theirs))


def _ceiling_restated(unit: UnitPair, c: Change) -> bool:
    """"up to" added where the source already states the figure as a ceiling ("can reach")."""
    return c.b_text.lower().startswith("up to") and bool(_CEILING.search(unit.a)) and not _CEILING.search(unit.b)


def _provided_verb(unit: UnitPair, c: Change) -> bool:
    """A "condition" that is the verb "provided": it follows its subject with no comma and no "that" after it."""
    if not c.b_text.lower().startswith("provided ") or c.b is None or c.b_text.lower().startswith("provided that"):
        return False
    before = unit.b_text[: c.b[0]].rstrip()
    return bool(before) and before[-1].isalnum() and before.split()[-1].lower() not in ("only", "is", "are", "be")
