"""Qualifiers and conditions one side of a unit keeps and the other drops.

"up to 40 jobs", "some residents", "near-total", "if in government",
"the first North American plant": each narrows a claim, and a copy that
drops one claims more than its source did. Issue 18 defines these as
changes of the claim itself, so a qualifier dropped is an ``omission`` and
one added an ``addition`` (noted ``qualifier dropped``/``qualifier added``);
how sure a claim is (``may``, ``expected``, ``said``) is a ``hedge``. An
approximation of a figure ("about 300", "some 40,000") is both: a qualifier
dropped, and an estimate stated as exact, which ``changes._hedges`` reports
as a ``hedge`` on the same words. A condition (``if``,
``unless``, ``subject to`` and a clause) is part of the claim itself: one dropped
is an ``omission`` (the copy states unconditionally what the source made
conditional, or turns "if" into "when"), one added an ``addition``. A qualifier is found in the
word diff of the unit: a stretch that one side has and the other replaces
with nothing, which starts with a qualifier word (quantity, extent,
rank) or a condition (``if``, ``unless``), or which is a run of
capitalised words inside a noun phrase both sides keep ("North
American"). Leading articles are skipped ("an estimated"). A stretch of
more than ``MAX_WORDS`` words is a claim, an ``omission`` or ``addition``
(``claims.py``).
"""

from __future__ import annotations

import difflib
import re

from unspin.align.similarity import STOPWORDS
from unspin.explain.cues import Cue, numbers
from unspin.explain.unit import UnitPair
from unspin.records import Change, ChangeType
from unspin.segment import tokenize

QUALIFIERS = frozenset("""
up about around roughly approximately nearly almost some several many most partly partially largely mostly mainly
slightly somewhat only first sole few near at estimated potential
""".split())
"""Words that open a qualifier: quantity (``up to``, ``about``, ``at least``), extent (``partly``) and rank
(``first``, ``only``)."""
_TWO_WORD = {"up": "to", "at": "least|most", "near": "total|complete|universal"}
"""Qualifier words that qualify only with the word that follows (``up to``, ``at least``, ``near total``)."""
_CONDITION = frozenset({"if", "unless", "provided", "assuming", "should"})
_CERTAIN = frozenset({"when", "once", "after", "as"})
"""What a condition turns into when the copy states it will happen ("if rates fall" → "when rates fall")."""
MAX_WORDS = 6
"""A dropped stretch longer than this is a claim (``claims.py``), not a qualifier."""
MAX_CONDITION_WORDS = 16
"""A condition is one clause ("if his clearance comes through in time"); longer is more than a condition."""


def _is_condition(words: list[str]) -> bool:
    """Whether a stretch of ``words`` is a condition: ``if``/``unless``/… a clause, ``subject to`` …, ``only if`` …"""
    if words and words[0] in ("but", "and") and len(words) > 1 and words[1] == "only":
        words = words[1:]
    if words and words[0] == "only":
        words = words[1:]
    if len(words) < 2 or len(words) > MAX_CONDITION_WORDS:
        return False
    return (words[0] in _CONDITION or (words[0] == "subject" and words[1] == "to" and len(words) >= 3)
            or (words[0] in _CLAUSE_CONDITION and len(words) >= 3) or (tuple(words[:2]) in _TWO_WORD_CONDITION and len(words) >= 4))


_CLAUSE_CONDITION = frozenset({"once", "pending", "providing", "until"})
"""Words that make a claim wait on something only when a clause follows ("once a survey confirms the seabed is
clear", "pending a review of the data"): "once" alone also means "formerly"."""
_TWO_WORD_CONDITION = frozenset({("as", "long"), ("so", "long"), ("on", "condition"), ("in", "case"), ("as", "soon"),
                                 ("only", "when"), ("only", "after")})
"""Two-word openers of a condition ("as long as", "on condition that", "in case of")."""


def _moved(words: list[str], other: str) -> bool:
    """Whether ``other`` uses at least half of a condition's content words: it moved the condition ("If it rains,
    the match is off" → "The match is off if it rains"), it did not drop it."""
    content = {w for w in words if w not in STOPWORDS}
    used = {w.lower() for *_, w in tokenize(other)}
    return bool(content) and len(content & used) * 2 >= len(content)


_APPROXIMATIONS = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost"})
"""Qualifier words that are also prepositions ("around a binary star", "about the plan"): they qualify
only an amount."""
_AMOUNT = re.compile(r"\d[\d,.]*(?:%|[a-z]{0,2})?|half|quarter|third|dozen|double|twice|all|every|each|entire|whole|"
                     r"hundreds?|thousands?|millions?|billions?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|[a-z]+teen|"
                     r"minutes?|hours?|days?|weeks?|months?|years?|decades?|miles?|kilometres?|metres?")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{4}|\d{1,2}(?:am|pm)|noon|midnight|dawn|dusk")
_CLOCK_AFTER = frozenset({"gmt", "utc", "bst", "cet", "est", "pst", "local", "am", "pm", "a.m", "p.m", "hours", "hrs"})


def _is_qualifier(words: list[str], following: list[str]) -> bool:
    """Whether a dropped stretch of ``words``, followed by the words ``following`` it, opens with a
    qualifier. An approximation word qualifies only an amount ("around 300", "about a third", "nearly
    all"), not a place or a topic ("around a binary star"), nor a time of day ("around 0335 GMT": a clock
    time stated without its "around" tells the same story)."""
    first = words[0]
    if first in _CONDITION:
        return len(words) >= 2
    if first not in QUALIFIERS:
        return False
    after = [*words[1:], *following]
    if first in _APPROXIMATIONS:
        head = after[1:2] if after[:1] in (["a"], ["an"]) else after[:1]
        if not head or not _AMOUNT.fullmatch(head[0]):
            return False
        if _CLOCK.fullmatch(head[0]) and (len(after) > 1 and after[1] in _CLOCK_AFTER or not head[0][:1].isdigit()
                                          or re.fullmatch(r"\d{1,2}(?:am|pm)|\d{1,2}[:.]\d{2}", head[0])):
            return False
    follow = _TWO_WORD.get(first)
    return follow is None or re.fullmatch(follow, after[0] if after else "") is not None


def qualifier_changes(unit: UnitPair) -> list[Change]:
    """Qualifiers and conditions that the copy drops (``omission``) or adds (``addition``)."""
    sa, sb = unit.a, unit.b
    ta, tb = tokenize(sa), tokenize(sb)  # "near-total" is two words
    matcher = difflib.SequenceMatcher(None, [w for *_, w in ta], [w for *_, w in tb], autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and ta[i1][2].lower() in _CONDITION and tb[j1][2].lower() in _CERTAIN:
            x, y = Cue(ta[i1][0], ta[i1][1], ""), Cue(tb[j1][0], tb[j1][1], "")
            changes.append(unit.change("omission", x, y, f"condition dropped: '{ta[i1][2]}' → '{tb[j1][2]}'; "
                                       "the copy says it will happen"))
            continue
        if tag == "replace":
            changes += _widened(unit, ta[i1:i2], tb[j1:j2])
            continue
        if tag not in ("delete", "insert"):
            continue
        if i2 - i1 + j2 - j1 <= MAX_RESTRICTION:
            restriction = _restriction(unit, ta, i1, i2, tb, j1, j2)
            if restriction is not None:
                changes.append(restriction)
                continue
        side, tokens, text, i, j = ("a", ta, sa, i1, i2) if tag == "delete" else ("b", tb, sb, j1, j2)
        while i < j and tokens[i][2] in ("a", "an", "the"):
            i += 1
        stretch = tokens[i:j]
        if not stretch:
            continue
        words = [w.lower() for *_, w in stretch]
        if _is_condition(words) and not _moved(words, sb if side == "a" else sa):
            said = text[stretch[0][0] : stretch[-1][1]]
            changes.append(_one_sided(unit, side, stretch, ("omission", f"condition dropped: '{said}'; the copy states it unconditionally"),
                                      ("addition", f"condition added: '{said}'; the copy makes it conditional")))
            continue
        if len(words) > MAX_WORDS:
            continue
        other = sb if side == "a" else sa
        restricted = side == "a" and _restrictive_names(text, stretch, tokens, j, other)  # a copy naming the place claims no more
        following = [t[2].lower() for t in tokens[j:j + 3]]
        if _is_qualifier(words, following) or restricted:
            said = text[stretch[0][0] : stretch[-1][1]]
            changes.append(_one_sided(unit, side, stretch, ("omission", f"qualifier dropped: '{said}'; the copy claims more"),
                                      ("addition", f"qualifier added: '{said}'; the copy claims less")))
            if _estimates(words, following):
                changes.append(_one_sided(unit, side, stretch, ("hedge", f"estimate stated as exact: '{said}' dropped"),
                                          ("hedge", f"exact figure made an estimate: '{said}' added")))
    return changes


def _estimates(words: list[str], following: list[str]) -> bool:
    """Whether a qualifier is an estimate of an amount ("about 300", "some 40,000", "an estimated
    £120,000"): besides a qualifier, it says how sure the figure is, so dropped it is also a ``hedge``."""
    first = words[0]
    if first == "estimated":
        return True
    after = [*words[1:], *following]
    return first in _APPROXIMATIONS or (first == "some" and bool(after) and _AMOUNT.fullmatch(after[0]) is not None
                                        and after[0][:1].isdigit())


def _one_sided(unit: UnitPair, side: str, stretch: list[tuple[int, int, str]],
               dropped: tuple[ChangeType, str], added: tuple[ChangeType, str]) -> Change:
    """The change for ``stretch`` of one side only: ``dropped`` (type, note) when the source has it, ``added`` when the copy does."""
    cue = Cue(stretch[0][0], stretch[-1][1], "")
    kind, note = dropped if side == "a" else added
    return unit.change(kind, cue, None, note) if side == "a" else unit.change(kind, None, cue, note)


_UNIVERSAL = frozenset({"all", "every", "whole", "entire", "nationwide", "everyone", "everybody", "everywhere"})
_DISTRIBUTIVE = frozenset({"each", "any", "per", "a", "an"})
"""Words that say "every" of one thing at a time ("182p a share" = "for each share"): no scope to widen."""
MAX_SCOPE_WORDS = 4
"""A restricted scope replaced by a universal one is a few words on each side ("rural branch" → "all")."""
MAX_UNIVERSAL_WORDS = 2
"""The universal side of a widened scope is a word or two: "all", "the whole country"."""
MAX_RESTRICTION = 2
"""Words of a restriction dropped from a superlative ("the largest independent operator")."""
_SUPERLATIVE = re.compile(r"[a-z]{2,}est|first|only|last|sole|most|least|best|worst|top", re.IGNORECASE)
_NOT_SUPERLATIVE = frozenset({"interest", "west", "test", "protest", "request", "suggest", "guest", "forest", "rest",
                              "arrest", "quest", "chest", "honest", "modest", "harvest", "contest", "manifest", "invest",
                              "latest", "earliest"})
_INTENSIFIERS = frozenset({"ever", "yet", "very", "so", "still", "even", "now", "far", "by", "indeed", "also", "further"})
"""Words that strengthen a superlative rather than narrow what it covers ("the best ever")."""


def _widened(unit: UnitPair, a: list[tuple[int, int, str]], b: list[tuple[int, int, str]]) -> list[Change]:
    """A restricted scope replaced by a universal one ("on rural branch lines" → "on all lines", "for the
    southern regions" → "for the whole country"): the copy claims it of everything, an ``omission`` of
    the restriction; the other way round the copy claims less, an ``addition``."""
    if not (a and b) or len(a) > MAX_SCOPE_WORDS or len(b) > MAX_SCOPE_WORDS:
        return []
    ua, ub = any(w in _UNIVERSAL for *_, w in a), any(w in _UNIVERSAL for *_, w in b)
    if ua == ub or any(w in _DISTRIBUTIVE for *_, w in (*a, *b)):
        return []
    universal, restricted = (b, a) if ub else (a, b)
    if len(universal) > MAX_UNIVERSAL_WORDS or not any(w not in STOPWORDS and w.isalpha() for *_, w in restricted):
        return []  # "its seven" → "all seven" restricts nothing; "the campus" → "the entire university community" is a rewording
    x, y = Cue(a[0][0], a[-1][1], ""), Cue(b[0][0], b[-1][1], "")
    said_a, said_b = unit.a[x.start : x.end], unit.b[y.start : y.end]
    if ub:
        return [unit.change("omission", x, y, f"scope widened: '{said_a}' → '{said_b}'; the copy claims more")]
    return [unit.change("addition", x, y, f"scope narrowed: '{said_a}' → '{said_b}'; the copy claims less")]


def _restriction(unit: UnitPair, ta: list[tuple[int, int, str]], i1: int, i2: int,
                 tb: list[tuple[int, int, str]], j1: int, j2: int) -> Change | None:
    """A word or two narrowing a superlative that both sides keep, dropped or added between it and its
    noun ("the largest independent operator" → "the largest operator"): the copy's superlative covers
    more, an ``omission``; an added one an ``addition``."""
    deleted = i2 > i1
    tokens, start, end, text = (ta, i1, i2, unit.a) if deleted else (tb, j1, j2, unit.b)
    before = tokens[start - 1][2] if start > 0 else ""
    if (end >= len(tokens) or not _SUPERLATIVE.fullmatch(before) or before in _NOT_SUPERLATIVE
            or not all(w.isalpha() and text[s].islower() and w not in _INTENSIFIERS and w not in STOPWORDS
                       and not w.endswith("ly") for s, _, w in tokens[start:end])
            or any(w in {t for *_, t in (tb if deleted else ta)} for *_, w in tokens[start:end])
            or not tokens[end][2].isalpha() or numbers(tokens[end][2])):  # "the last six years": a count follows
        return None
    cue = Cue(tokens[start][0], tokens[end - 1][1], "")
    if deleted:
        said = unit.a[cue.start : cue.end]
        return unit.change("omission", cue, None, f"restriction dropped: '{before} {said}'; the copy claims more")
    said = unit.b[cue.start : cue.end]
    return unit.change("addition", None, cue, f"restriction added: '{before} {said}'; the copy claims less")


_DEMONYM = re.compile(r"(?:(?:North|South|East|West|Central|Latin)\s+)?(?:[A-Z][a-z]+(?:ian|ean|can|ese|ish)|"
                      r"Israeli|Iraqi|Pakistani|Saudi|Kuwaiti|Somali|Bangladeshi|Yemeni|Qatari|Thai|German|Russian)")
"""Adjectives of place ("North American", "Iraqi"); endings alone would also take names ("Laci")."""


def _restrictive_names(text: str, stretch: list[tuple[int, int, str]], tokens: list[tuple[int, int, str]], after: int,
                       other: str) -> bool:
    """Whether ``stretch`` is a demonym narrowing a lower-case noun both sides keep ("the first North
    American plant" → "the first plant"), whose place the other side does not name at all."""
    if stretch[0][0] == 0 or after >= len(tokens) or len(stretch) > 2:
        return False
    said = text[stretch[0][0] : stretch[-1][1]]
    follower = tokens[after]
    place = stretch[-1][2][:5]
    return (_DEMONYM.fullmatch(said) is not None and text[follower[0]].islower() and follower[2].isalpha()
            and place not in other.lower())
