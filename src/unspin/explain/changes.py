"""Typed meaning changes inside aligned passages.

Each aligned unit (a sentence or two on each side) is compared cue by cue:
what one side asserts in numbers, dates, polarity, certainty, quotation and
named entities that the other side does not. A cue that appears on both
sides in an equivalent form is no change, which keeps faithful paraphrase
silent: synonyms and reordering move no cue, and equivalent surface forms
(``U.S.``/``United States``, ``$2.5bn``/``2.5 billion dollars``) share a key.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from unspin.explain.claims import added_sentences, claim_changes
from unspin.explain.cues import (
    ALONE_MATTERS,
    OUTCOME_AXES,
    Cue,
    admissions,
    attributions,
    comparisons,
    currencies,
    dates,
    directions,
    hedges,
    negations,
    numbers,
    orders,
    outcomes,
    prefixed_opposites,
    results,
)
from unspin.explain.entities import entity_changes, names_differ, prefetch
from unspin.explain.lists import article_list_changes, list_changes
from unspin.explain.qualifiers import qualifier_changes
from unspin.explain.quotes import article_quote_changes, quote_changes, speaker_changes, unspoken
from unspin.explain.relations import swapped_roles, swapped_standard
from unspin.explain.unit import UnitPair
from unspin.records import Article, Change, ChangeType, Passage, Span
from unspin.segment import tokenize

ROUNDING = 0.05
"""Largest relative difference a rounded number may have from the precise one it stands for."""


def explain_passages(a: Article, b: Article, passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """The same passages with ``changes`` filled in from each aligned unit."""
    units = [[UnitPair(a.text, a_span, b.text, b_span) for a_span, b_span in p.units] for p in passages]
    prefetch(text for row in units for u in row if u.a != u.b and names_differ(u.a, u.b) for text in (u.a, u.b))
    found = [[c for u in row for c in changes_in(u)] for row in units]
    for added in added_sentences(a.text, b.text, b.sentences, [pair for p in passages for pair in p.units]):
        found[_nearest(passages, added)].append(added)
    taken = [c for row in found for c in row]
    for across in article_quote_changes(a.text, b.text, taken) + article_list_changes(a.text, b.text, taken):
        found[_nearest(passages, across)].append(across)
    return tuple(replace(p, changes=tuple(row)) for p, row in zip(passages, found))


def _nearest(passages: tuple[Passage, ...], change: Change) -> int:
    """The passage an addition in the copy belongs with: the last one starting before it in the copy."""
    start = change.b[0] if change.b else 0
    before = [k for k, p in enumerate(passages) if p.b[0] <= start]
    return max(before, key=lambda k: passages[k].b[0]) if before else 0


def unit_changes(a_text: str, a_span: Span, b_text: str, b_span: Span) -> list[Change]:
    """Changes between ``a_text[a_span]`` and ``b_text[b_span]``, offsets absolute (see ``changes_in``)."""
    return changes_in(UnitPair(a_text, a_span, b_text, b_span))


def changes_in(unit: UnitPair) -> list[Change]:
    """Changes from the source side of ``unit`` to its copy side, offsets absolute.

    Numbers, dates and entities are reported as substitutions (a cue on each
    side, different); one that is only dropped or only added is a detail
    the rewrite left out or put in, which faithful rewrites do all the time,
    and is reported only as part of an ``addition``/``omission`` of a whole
    claim. Hedges likewise, except attribution, possibility, plans and
    stance. ``negation`` is a negation word gained or lost; ``inversion`` is
    any opposite turned round (a movement, result, outcome, comparison,
    order or admission) and a comparison or relation whose sides swapped.
    """
    sa, sb = unit.a, unit.b
    if sa == sb:
        return []
    found: list[Change] = []
    found += _numbers(unit)
    found += _keyed("date", dates(sa), dates(sb), unit)
    found += _keyed("entity", currencies(sa), currencies(sb), unit)
    polarity = _polarity(unit) or _prefixed(unit)
    outcome = [c for axis in OUTCOME_AXES for c in _reversed(partial(outcomes, axis=axis), axis, unit)]
    outcome += _reversed(admissions, "admission", unit)
    if not (polarity and outcome):  # "did not approve" = "rejected": the two flips cancel
        found += polarity + outcome
    moved = _reversed(directions, "direction", unit)
    compared, swapped = _reversed(comparisons, "comparison", unit), swapped_standard(unit)
    if swapped and (compared or moved):  # "higher than Y" → "Y is lower than": both turned round, same claim
        compared, swapped, moved = [], [], [c for c in moved if not _comparative(c)]
    found += moved + compared + swapped
    found += _reversed(results, "result", unit)
    found += _reversed(lambda text: orders(text, sb if text is sa else sa), "order", unit)
    found += swapped_roles(unit)
    found += _keyed("hedge", _hedges(sa, sb), _hedges(sb, sa), unit, alone=ALONE_MATTERS)
    found += _attribution(unit)
    said = speaker_changes(unit)
    found += quote_changes(unit) + said
    found += unspoken(entity_changes(unit), said)
    found += list_changes(unit)
    found += claim_changes(unit)
    found += qualifier_changes(unit)
    return _distinct(found)


_ACCUSED = re.compile(r"charged|accused", re.IGNORECASE)


_REPORTED_PAST = re.compile(r"\b(?:said|told|added|stated|announced|explained|confirmed|insisted|warned|noted)\b", re.IGNORECASE)
_BACKSHIFTED = {"could": re.compile(r"\b(?:can|is able to|are able to)\b", re.IGNORECASE),
                "might": re.compile(r"\bmay\b", re.IGNORECASE)}
"""Reported speech shifts a modal into the past ("customers can claim", she said → she said customers
could claim): the same modality, not a hedge added or dropped."""


def _hedges(text: str, other: str) -> list[Cue]:
    """Hedges of ``text``, less a charge or accusation that ``other`` also reports in other words
    ("charged with" → "on a charge of"), and a modal that reported speech shifted into the past where
    ``other`` has its present form."""
    kept = []
    for c in hedges(text):
        word = text[c.start : c.end].lower()
        if _ACCUSED.match(word) and re.search(r"charge|accus", other, re.IGNORECASE):
            continue
        present = _BACKSHIFTED.get(word)
        if present is not None and present.search(other) and (_REPORTED_PAST.search(text, 0, c.start)
                                                               or _REPORTED_PAST.search(other)):
            continue
        kept.append(c)
    return kept


def _comparative(change: Change) -> bool:
    """Whether a movement's words compare ("closed higher") rather than move ("rose")."""
    return bool(comparisons(change.a_text)) or bool(comparisons(change.b_text))


def _distinct(changes: list[Change]) -> list[Change]:
    """The changes less any that repeat an earlier one's type on overlapping evidence (a comparison
    word that is also a movement word, a bound that is also a dropped qualifier)."""
    kept: list[Change] = []
    for change in changes:
        if not any(k.type == change.type and (_overlap(k.a, change.a) or _overlap(k.b, change.b)) for k in kept):
            kept.append(change)
    return kept


def _overlap(x: Span | None, y: Span | None) -> bool:
    return x is not None and y is not None and x[0] < y[1] and y[0] < x[1]


_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|according\s+to|stated|claimed|claims|announced|insisted|argued|"
                       r"alleged|added|noted|warned|wrote|found|reported|believes?|thinks?|estimated?)\b", re.IGNORECASE)
"""Any reporting verb, with a named speaker or not ("he said", "the study found")."""


def _attribution(unit: UnitPair) -> list[Change]:
    """A claim given to a named speaker on one side and stated as fact on the other ("…, said Ushakov"
    → "…"): the reader of the copy no longer knows it is one party's word. Only a speaker the other
    side neither names nor replaces with any attribution counts; "officials said" dropped, or a name
    moved to another clause, is how faithful rewrites shorten."""
    sa, sb = unit.a, unit.b
    ta, tb = attributions(sa), attributions(sb)
    if ta and tb or (ta and _REPORTED.search(sb)) or (tb and _REPORTED.search(sa)):
        return []  # given to someone on both sides: whether to the same one is for quote and entity
    if ta:
        speaker = next((c for c in ta if c.key and c.key not in sb.lower()), None)
        if speaker is not None:
            return [unit.change("hedge", speaker, None, f"attribution dropped: '{sa[speaker.start:speaker.end]}'; "
                                "the copy states it as fact")]
    if tb:
        speaker = next((c for c in tb if c.key and c.key not in sa.lower()), None)
        if speaker is not None:
            return [unit.change("hedge", None, speaker, f"attribution added: '{sb[speaker.start:speaker.end]}'; "
                                "the source states it as fact")]
    return []


def _keyed(kind: ChangeType, ca: list[Cue], cb: list[Cue], unit: UnitPair, alone: frozenset[str] = frozenset()) -> list[Change]:
    """Pair up cues whose keys differ; a leftover on one side counts only if its key is in ``alone``."""
    sa, sb = unit.a, unit.b
    only_a = _unmatched(ca, cb)
    only_b = _unmatched(cb, ca)
    changes: list[Change] = []
    for x, y in zip(only_a, only_b):
        changes.append(unit.change(kind, x, y, f"{sa[x.start:x.end]!s} → {sb[y.start:y.end]!s}"))
    for x in only_a[len(only_b) :]:
        if x.key in alone:
            changes.append(unit.change(kind, x, None, f"'{sa[x.start:x.end]}' only in A"))
    for y in only_b[len(only_a) :]:
        if y.key in alone:
            changes.append(unit.change(kind, None, y, f"'{sb[y.start:y.end]}' only in B"))
    return changes


def _numbers(unit: UnitPair) -> list[Change]:
    """Number substitutions, paired within one unit family (a percentage never pairs with a price).

    A value both sides state is no side of a substitution, however often each repeats it.

    Two numbers that agree to the precision of the rounder one are the same
    number written with other precision ("1.4 percent" for "1.39 percent").
    """
    sa, sb = unit.a, unit.b
    na, nb = numbers(sa), numbers(sb)
    keys_a, keys_b = {c.key for c in na}, {c.key for c in nb}
    # a value both sides state, said once more on one side ("eight of its 23 shops" → "eight towns
    # … eight stores"), is a repetition, not what another number was changed into
    only_a = [c for c in _unmatched(na, nb) if c.key not in keys_b]
    only_b = [c for c in _unmatched(nb, na) if c.key not in keys_a]
    changes: list[Change] = []
    for family in sorted({_family(c) for c in only_a} & {_family(c) for c in only_b}):
        xs = [c for c in only_a if _family(c) == family]
        ys = [c for c in only_b if _family(c) == family]
        for x in list(xs):
            twin = next((y for y in ys if _same_when_rounded(x, sa, y, sb)), None)
            if twin is not None:
                xs.remove(x)
                ys.remove(twin)
        for x in list(xs):
            twin = next((y for y in ys if _parts(x)[:2] == _parts(y)[:2]), None)
            if twin is not None:  # the same number, bounded otherwise
                xs.remove(x)
                ys.remove(twin)
                changes.append(_rebounded(x, twin, unit))
        for x, y in zip(xs, ys):
            changes.append(unit.change("number", x, y, f"{sa[x.start:x.end].strip()} → {sb[y.start:y.end].strip()}"))
    return changes


def _rebounded(x: Cue, y: Cue, unit: UnitPair) -> Change:
    """The same number with its bound turned round ("more than 60" → "fewer than 60": ``inversion``),
    dropped (the copy claims the exact figure) or added: a qualifier, so a ``hedge``."""
    said_a, said_b = unit.a[x.start : x.end], unit.b[y.start : y.end]
    bound_a, bound_b = _parts(x)[2], _parts(y)[2]
    if bound_a and bound_b:
        return unit.change("inversion", x, y, f"bound turned round: '{said_a}' → '{said_b}'")
    if bound_a:
        return unit.change("hedge", x, y, f"qualifier dropped: '{said_a}' → '{said_b}'; the copy claims more")
    return unit.change("hedge", x, y, f"qualifier added: '{said_a}' → '{said_b}'; the copy claims less")


_KEY = re.compile(r"^(?P<unit>\D*)(?P<value>\d[\d.e+-]*?)(?P<bound>[<>]?)$")


def _parts(cue: Cue) -> tuple[str, float, str]:
    """``(unit, value, bound)`` of a number cue's key."""
    found = _KEY.match(cue.key)
    if found is None:
        raise ValueError(f"not a number cue's key: {cue.key!r}")
    return found.group("unit"), float(found.group("value")), found.group("bound")


def _family(cue: Cue) -> str:
    """What a number counts: a share, money (in any currency: a price moved from dollars to euros
    is still the price), or things."""
    unit = _parts(cue)[0]
    return unit if unit in ("", "%") else "money"


def _same_when_rounded(x: Cue, sa: str, y: Cue, sb: str) -> bool:
    """Whether the rounder of two numbers is the other rounded, and within ``ROUNDING`` of it."""
    def decimals(cue: Cue, text: str) -> int:
        written = text[cue.start : cue.end]
        found = re.search(r"\d[\d,]*(?:\.(\d+))?", written)
        places = len(found.group(1) or "") if found else 0
        return places + 2 if re.search(r"\b(?:cents?|pence)\b", written, re.IGNORECASE) else places

    (ux, vx, bx), (uy, vy, by) = _parts(x), _parts(y)
    places = min(decimals(x, sa), decimals(y, sb))
    return (
        (ux, bx) == (uy, by)
        and places < max(decimals(x, sa), decimals(y, sb))
        and round(vx, places) == round(vy, places)
        and abs(vx - vy) <= ROUNDING * max(abs(vx), abs(vy))
    )


def _unmatched(mine: list[Cue], theirs: list[Cue]) -> list[Cue]:
    available = Counter(cue.key for cue in theirs)
    left: list[Cue] = []
    for cue in sorted(mine):
        if available[cue.key] > 0:
            available[cue.key] -= 1
        else:
            left.append(cue)
    return left


def _prefixed(unit: UnitPair) -> list[Change]:
    """A word turned into its opposite by a negating prefix ("safe" → "unsafe", and back): a negation."""
    sa, sb = unit.a, unit.b
    for prefixed in prefixed_opposites(sa, sb):
        plain = re.search(r"\b" + re.escape(prefixed.key) + r"\b", sb, re.IGNORECASE)
        if plain:
            return [unit.change("negation", prefixed, Cue(plain.start(), plain.end(), ""),
                                f"'{sa[prefixed.start:prefixed.end]}' → '{plain.group()}'")]
    for prefixed in prefixed_opposites(sb, sa):
        plain = re.search(r"\b" + re.escape(prefixed.key) + r"\b", sa, re.IGNORECASE)
        if plain:
            return [unit.change("negation", Cue(plain.start(), plain.end(), ""), prefixed,
                                f"'{plain.group()}' → '{sb[prefixed.start:prefixed.end]}'")]
    return []


def _polarity(unit: UnitPair) -> list[Change]:
    sa, sb = unit.a, unit.b
    na, nb = negations(sa), negations(sb)
    if len(na) % 2 == len(nb) % 2:
        return []
    x = na[0] if na else None
    y = nb[0] if nb else None
    note = "polarity flipped: " + (f"'{sa[x.start:x.end]}' only in A" if len(na) > len(nb) and x else f"'{sb[y.start:y.end]}' only in B" if y else "")
    return [unit.change("negation", x, y, note)]


def _reversed(find: Callable[[str], list[Cue]], what: str, unit: UnitPair) -> list[Change]:
    """One of two opposites turned into the other: a movement ("rose" → "fell"), a
    result ("profit" → "loss") or an outcome ("upheld" → "overturned").

    Market reports move several things in one sentence ("the Dow rose, the
    Nasdaq fell"), so each cue is first paired with the other side's cue
    about the same named subject (``_subject``), and a pair that differs is
    a reversal. With no subject in common, each side must say one of the
    two only, and not the same one: a side that says both ("rose after
    falling", "a profit after last year's loss") without naming what is
    left alone, since which of its words the other side's stands for is not
    clear.
    """
    sa, sb = unit.a, unit.b
    da, db = find(sa), find(sb)
    if not da or not db:
        return []
    changes: list[Change] = []
    paired = False
    subjects_b = [(_subject(sb, y), y) for y in db]
    for x in da:
        subject = _subject(sa, x)
        overlap, y = max(((len(subject & theirs), y) for theirs, y in subjects_b), key=lambda t: t[0])
        if overlap:
            paired = True
            if x.key != y.key:
                changes.append(_reversal(what, x, y, unit))
    ways_a, ways_b = {c.key for c in da}, {c.key for c in db}
    if paired or len(ways_a) != 1 or len(ways_b) != 1 or ways_a == ways_b:
        return changes
    return [_reversal(what, da[0], db[0], unit)]


def _reversal(what: str, x: Cue, y: Cue, unit: UnitPair) -> Change:
    return unit.change("inversion", x, y, f"{what} turned round: '{unit.a[x.start:x.end]}' → '{unit.b[y.start:y.end]}'")


_CLAUSE_START = re.compile(r"[,;:()]|\b(?:while|whereas|but|and|after|before|having)\b", re.IGNORECASE)
_GENERIC_SUBJECTS = frozenset({"shares", "stocks", "stock", "sales", "prices", "price", "markets", "market", "index",
                               "trading", "in", "on", "by", "at", "the", "a", "its", "their", "his", "her"})


def _subject(text: str, cue: Cue) -> frozenset[str]:
    """What a cue is said of: the capitalised words of its clause before it ("the Nasdaq composite
    index" → ``{"nasdaq"}``). Lower-case words name no subject precisely enough to pair on
    ("shares rose" and "shares fell" may be two companies' shares)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, cue.start)]
    begin = starts[-1] if starts else 0
    return frozenset(w for s, _, w in tokenize(text, begin, cue.start)
                     if s > 0 and text[s].isupper() and w not in _GENERIC_SUBJECTS)
