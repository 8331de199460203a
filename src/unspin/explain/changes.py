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
from functools import lru_cache, partial

from unspin.align.leftovers import is_headline, leftover_pairs
from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.admissions import admission_changes
from unspin.explain.attributes import attribute_changes
from unspin.explain.pairs import paired_swaps
from unspin.explain.claims import added_sentences, claim_changes, clause_claim
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
    durations,
    hedges,
    negations,
    numbers,
    orders,
    outcomes,
    prefixed_opposites,
    results,
)
from unspin.explain.entities import entity_changes, entity_starts, names_differ, prefetching
from unspin.explain.names import name_swaps
from unspin.explain.learned import learned_changes
from unspin.explain.lists import article_list_changes, list_changes
from unspin.explain.opposites import AXES, Axis, opposites, ranks
from unspin.explain.paraphrase import kept
from unspin.explain.qualifiers import dropped_restrictions, qualifier_changes, restated_bound
from unspin.explain.settled import settled_changes
from unspin.explain.substitutions import substitution_changes
from unspin.explain.quotes import article_quote_changes, quote_changes, speaker_changes, unspoken
from unspin.explain.frames import same_roles, swapped_frames
from unspin.explain.sequences import same_sequence, swapped_sequence
from unspin.explain.relations import (figure_directions, opposed_claims, swapped_figures, swapped_order, swapped_roles, swapped_route,
                                      swapped_shares, swapped_standard, turned_about)
from unspin.explain.unit import UnitPair
from unspin.records import Article, Change, ChangeType, Passage, Span, spans_overlap as _overlap
from unspin.segment import split_sentences, tokenize

ROUNDING = 0.05
"""Largest relative difference a rounded number may have from the precise one it stands for."""


def explain_passages(a: Article, b: Article, passages: tuple[Passage, ...],
                     while_tagging: Callable[[], None] | None = None) -> tuple[Passage, ...]:
    """The same passages with ``changes`` filled in from each aligned unit, and from the sentences the
    aligner left over that pair with one another (``align/leftovers.py``), each filed with its nearest passage.

    ``while_tagging`` is work that needs no names, run only if the command's entity worker is still
    tagging them once the left-over sentences are read (``entities.prefetching``)."""
    units = [[UnitPair(a.text, a_span, b.text, b_span) for a_span, b_span in p.units] for p in passages]
    held = tuple(pair for p in passages for pair in p.units)
    with prefetching((text for row in units for u in row if u.a != u.b and names_differ(u.a, u.b) for text in (u.a, u.b)),
                     while_tagging):
        leftovers = leftover_pairs(a.text, a.sentences, b.text, b.sentences, held)  # needs no names: read while they are tagged
    whole = [(UnitPair(a.text, x.a, b.text, x.b), x.restated) for x in leftovers if x.whole]
    found = [[c for u in row for c in changes_in(u)] for row in units]
    extra: list[Change] = []
    for unit, restated in whole:
        changes = _leftover_changes(unit)
        if restated or _explains(changes):
            extra += changes
    for x in leftovers:
        if not x.whole:
            extra += _substituted(UnitPair(a.text, x.a, b.text, x.b), held, [*(c for row in found for c in row), *extra])
    extra += _unheld_polarity(a, b, held, [*(c for row in found for c in row), *extra])
    paired_b = [s for s in b.sentences if not _holds(held, s, 1) and not is_headline(b.text, s)
                and (any(_overlap(c.b, s) for c in extra if _explains([c]))
                     or any(x.restated and _overlap(x.b, s) for x in leftovers))]
    extra += added_sentences(a.text, b.text, b.sentences, [*held, *(((0, 0), span) for span in paired_b)])
    for change in extra:
        found[_nearest(passages, change)].append(change)
    taken = [c for row in found for c in row]
    for across in (article_quote_changes(a.text, b.text, taken) + article_list_changes(a.text, b.text, taken)
                   + attribute_changes(a.text, b.text, held + _unheld(a, b, held), taken) + admission_changes(a.text, b.text, taken)
                   + paired_swaps(a.text, b.text, taken)):
        found[_nearest(passages, across)].append(across)
    return tuple(replace(p, changes=tuple(row)) for p, row in zip(passages, found))


def _unheld(a: Article, b: Article, held: tuple[tuple[Span, Span], ...]) -> tuple[tuple[Span, Span], ...]:
    """Each sentence no aligned unit holds, as a one-sided unit: a description a rewrite turned round may
    stand in a sentence the aligner left over ("near the end of the artist's life", dropped, against
    "near the start of the artist's career" in a merged sentence)."""
    empty = (0, 0)
    return (tuple((s, empty) for s in a.sentences if not _holds(held, s, 0))
            + tuple((empty, s) for s in b.sentences if not _holds(held, s, 1)))


def _leftover_changes(unit: UnitPair) -> list[Change]:
    """Changes between two sentences paired after alignment, less entity changes: such sentences share
    less than an aligned unit, so a name one names and the other does not is no evidence of a swap,
    except a name neither article keeps put beside another (``name_swaps``): a rewrite that swaps the
    party and rewords the rest leaves the aligner too few words to pair, and the pair is then one
    stretch of the story with another party in it, not a claim dropped and another added.

    A change of fact with evidence on one side only ("No" dropped) points on
    the other at the whole sentence it was paired with: no aligned unit shows
    the reader which sentence that is.
    """
    out = []
    for c in changes_in(unit):
        if c.type == "entity":
            continue
        if c.type not in ("addition", "omission") and c.a is None:
            c = replace(c, a=unit.a_span, a_text=unit.a)
        if c.type not in ("addition", "omission") and c.b is None:
            c = replace(c, b=unit.b_span, b_text=unit.b)
        out.append(c)
    return out + name_swaps(unit, entity_starts, strict=True)


def _explains(changes: list[Change]) -> bool:
    """Whether two left-over sentences read as a unit give a change of fact: only then are they one
    stretch of the story changed, rather than a claim dropped and another added."""
    return any(c.type not in ("addition", "omission") for c in changes)


def _unheld_polarity(a: Article, b: Article, held: tuple[tuple[Span, Span], ...], reported: list[Change]) -> list[Change]:
    """A predicate one article denies and the other states plainly, the same two content words after the
    negation, where the aligner held one of the two sentences apart from the other ("She said she did not blame
    the council." left over beside a merged "…, and she blamed the council for the delay"; "none of the stolen
    goods had been found, and …" split into "Police have found most of the stolen goods."): the rewrite
    turned the claim round, a ``negation``. Only when one of the two sentences is one no aligned unit holds,
    the denying article never states the predicate plainly itself, and nothing is reported there yet."""
    found: list[Change] = []
    for side, (mine, theirs) in enumerate(((a, b), (b, a))):
        free = [s for s in theirs.sentences if not _holds(held, s, 1 - side)]
        for sentence in mine.sentences:
            candidates = free if _holds(held, sentence, side) else list(theirs.sentences)
            for negation in negations(mine.text[sentence[0] : sentence[1]]) if candidates else []:
                at = (sentence[0] + negation.start, sentence[0] + negation.end)
                stop = _DENIAL_END.search(mine.text, at[1], sentence[1])  # "neither of the firms that filed": not "filed"
                words = [w for _, _, w in tokenize(mine.text, at[1], stop.start() if stop else sentence[1])[:8]
                         if w not in STOPWORDS and w not in _AUXILIARIES]
                if len(words) < 2 or negations(words[0]) or _stated(mine.text, words[:2], (0, len(mine.text))):
                    continue
                plain = next((x for s in candidates if (x := _stated(theirs.text, words[:2], s))), None)
                if plain and not any(c.type == "negation" and (_overlap(c.a, at) if side == 0 else _overlap(c.b, at))
                                     for c in reported):
                    said = mine.text[at[0] : at[1]]
                    note = f"polarity flipped: '{said}' only in {'A' if side == 0 else 'B'}"
                    a_at, b_at = (at, plain) if side == 0 else (plain, at)
                    found.append(Change(type="negation", a=a_at, b=b_at, a_text=a.text[a_at[0] : a_at[1]],
                                        b_text=b.text[b_at[0] : b_at[1]], note=note))
                    break
    return found


_DENIAL_END = re.compile(r"[,;:]|\b(?:that|which|who|whom|whose)\b", re.IGNORECASE)
"""Where the words a negation denies end: a clause break or a relative clause, which says something else."""


def _stated(text: str, words: list[str], within: Span) -> Span | None:
    """Where ``text`` states two words (a verb and its object, in either order: "recovered the money", "the
    money was recovered") within four words of each other inside ``within``, in one clause, no negation
    before or between them: the span of the first, or None."""
    tokens, roots = _rooted(text, *within)
    first, second = _root(words[0]), _root(words[1])
    for k, (start, end, _) in enumerate(tokens):
        if roots[k] != first:
            continue
        near = [j for j in range(max(0, k - 4), min(len(tokens), k + 5)) if j != k and roots[j] == second
                and not re.search(r"[,;:]", text[min(start, tokens[j][0]) : max(end, tokens[j][1])])]
        if near and not any(negations(t[2]) for t in tokens[max(0, min(k, *near) - 4) : max(k, *near)]):
            return (start, end)
    return None


def _root(word: str) -> str:
    """A word's stem less a final "e": "blamed" and "blame" stem apart ("blam", "blame")."""
    return stem(word).removesuffix("e")


@lru_cache(maxsize=256)
def _rooted(text: str, start: int, end: int) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """The tokens of ``text[start:end]`` and their roots, read once for every negation asked about."""
    tokens = tuple(tokenize(text, start, end))
    return tokens, tuple(_root(t[2]) for t in tokens)


def _holds(held: tuple[tuple[Span, Span], ...], span: Span, side: int) -> bool:
    """Whether an aligned unit's side ``side`` (0 source, 1 copy) overlaps ``span``."""
    return any(_overlap(u[side], span) for u in held)


def _substituted(unit: UnitPair, held: tuple[tuple[Span, Span], ...], reported: list[Change]) -> list[Change]:
    """The numbers and dates a sentence split off from (or merged into) an aligned one substitutes.

    A side of ``unit`` held by an aligned unit is read with that unit's
    other side too; a value there counts here only where that other side
    does not state it (the split moved it, unchanged). And no change may
    already report its evidence, and the value on the other side must
    stand for the same thing (``_slot``): the two sentences are not one
    unit, so most of their values are about different things.
    """
    hosts = [" ".join(unit.b_text[u[1][0]:u[1][1]] for u in held if _overlap(u[0], unit.a_span)),
             " ".join(unit.a_text[u[0][0]:u[0][1]] for u in held if _overlap(u[1], unit.b_span))]
    kept: list[Change] = []
    finders: tuple[tuple[ChangeType, Callable[[str], list[Cue]]], ...] = (("number", numbers), ("date", dates))
    for kind, find in finders:
        xs, ys = find(unit.a), find(unit.b)
        stated_a, stated_b = {c.key for c in find(hosts[0])}, {c.key for c in find(hosts[1])}
        only_a = [x for x in xs if x.key not in {y.key for y in ys} and x.key not in stated_a]
        only_b = [y for y in ys if y.key not in {x.key for x in xs} and y.key not in stated_b]
        for y in only_b:
            slot = _slot(unit.b, y)
            x = next((x for x in only_a if _slot(unit.a, x) == slot), None)
            if x is None:
                continue
            change = unit.change(kind, x, y, f"{unit.a[x.start:x.end].strip()} → {unit.b[y.start:y.end].strip()}")
            if not any(c.type == kind and (_overlap(c.a, change.a) or _overlap(c.b, change.b)) for c in (*reported, *kept)):
                only_a.remove(x)
                kept.append(change)
    return kept


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _slot(text: str, cue: Cue) -> str:
    """What a number or date stands for, as far as its words show: a weekday, a month or a year; a share
    or an amount of money; else the thing counted, the first content word after it ("four *years*").

    Two sentences that are not one aligned unit may both carry a number about different things; a
    number changed in a sentence split from another counts the same thing."""
    said = text[cue.start:cue.end].lower()
    if said in _WEEKDAYS:
        return "weekday"
    if dates(said):
        return "year" if said[:1].isdigit() else "month"
    if re.search(r"[%$£€¥]|per\s?cent|percent|pence|cents?\b|dollars?|pounds?|euros?", said):
        return "share or money"
    after = next((w for _, _, w in tokenize(text, cue.end, min(len(text), cue.end + 60)) if w not in STOPWORDS), "")
    return stem(after)


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
    found += _durations(unit)
    found += _keyed("entity", currencies(sa), currencies(sb), unit)
    polarity = _polarity(unit) or _prefixed(unit)
    outcome = [c for axis in OUTCOME_AXES for c in _reversed(partial(outcomes, axis=axis), axis, unit)
               if axis != "contest" or not (_conversed(c, unit) or same_roles(unit))]  # "A won against B" = "B lost to A"
    outcome += _reversed(admissions, "admission", unit)
    turned = [(axis, c) for axis in AXES for c in _reversed(partial(opposites, axis=axis), axis.name, unit, axis.kind)]
    conversed = [c for axis, c in turned if axis.converse and (_conversed(c, unit) or same_roles(unit))]
    outcome += [_scoped(c, axis) if axis.name == "share" else c for axis, c in turned if c not in conversed]
    outcome += turned_about(unit)
    found += _uncancelled(polarity, outcome)
    found += [replace(c, note=f"another name: '{c.a_text}' → '{c.b_text}'") for axis in AXES
              for c in _reversed(partial(opposites, axis=axis, named=True), "name", unit, "entity")]
    moved = _reversed(directions, "direction", unit) or figure_directions(unit)
    compared, swapped = _reversed(comparisons, "comparison", unit), swapped_standard(unit)
    if swapped and (compared or moved):  # "higher than Y" → "Y is lower than": both turned round, same claim
        compared, swapped, moved = [], [], [c for c in moved if not _comparative(c)]
    found += moved + compared + swapped
    found += _reversed(results, "result", unit)
    found += _reversed(ranks, "rank", unit)
    if not same_sequence(unit):  # "X before Y" → "Y after X": the order said from its other end
        found += _reversed(lambda text: orders(text, sb if text is sa else sa), "order", unit)
    swaps = (([] if conversed else swapped_roles(unit) or swapped_frames(unit) or swapped_route(unit) or swapped_order(unit) or swapped_sequence(unit))
             + (swapped_shares(unit) or swapped_figures(unit)))
    found += swaps
    ha, hb = _hedges(sa, sb), _hedges(sb, sa)
    found += _keyed("hedge", [c for c in ha if c.key != "approximate"], [c for c in hb if c.key != "approximate"], unit,
                    alone=ALONE_MATTERS)
    found += _keyed("hedge", [c for c in ha if c.key == "approximate"], [c for c in hb if c.key == "approximate"], unit,
                    alone=ALONE_MATTERS)
    found += _attribution(unit)
    found += _stated_done(unit)
    said = speaker_changes(unit)
    found += quote_changes(unit) + said
    found += [c for c in unspoken(entity_changes(unit), said) if not (swaps and _both_named(c, unit))]
    found = [_negated_clause(_alternative(c, unit), unit) for c in found]
    listed, claims = _whole_parties(list_changes(unit), claim_changes(unit), unit)
    opposed = opposed_claims(claims, unit)
    found += listed + opposed.inversions
    claims = opposed.rest
    found += _unexplained(claims, [*listed, *(c for c in found if c.type == "inversion")])
    qualified = qualifier_changes(unit) + dropped_restrictions(unit)
    found = _unbounded(found, qualified)
    found += substitution_changes(unit, found + qualified)
    found = settled_changes(unit, _distinct(found + qualified, whole=tuple(qualified)))
    found = [c for c in found if c.type not in _BOUND_READINGS or not restated_bound(c, unit)]
    return kept(unit, found + learned_changes(unit, found))


_BOUND_READINGS = frozenset({"negation", "inversion", "omission", "addition"})
"""How a bound restated in other words of its kind can be misread ("no fewer than" read as a negation)."""


def _unbounded(found: list[Change], qualified: list[Change]) -> list[Change]:
    """The changes less a negation whose word is part of a bound the copy dropped ("no earlier than
    mid-January" → "in mid-January"): the copy states a bound as a date or a figure, an ``omission``, and
    did not turn the claim round."""
    bounds = [q.a for q in qualified if q.type == "omission" and q.note.startswith(("bound", "time bound"))]
    return [c for c in found if not (c.type == "negation" and c.b is None and any(_overlap(c.a, q) for q in bounds))]


NEAR = 40
"""Most characters between a negation and the opposite it turns round ("did not approve" = "rejected")."""


def _uncancelled(polarity: list[Change], outcome: list[Change]) -> list[Change]:
    """Negations and reversed opposites less the pairs that cancel: a negation gained next to an opposite
    turned round says the same thing ("did not approve" = "rejected"). A negation far from the opposite,
    in another clause, is a change of its own. A negation that is itself the opposite's word ("agreed to" →
    "refused to") is read once, as the opposite turned round, an ``inversion``."""
    def near(x: Change, y: Change) -> bool:
        return any(p is not None and q is not None and q[0] - NEAR < p[1] and p[0] < q[1] + NEAR
                   for p, q in ((x.a, y.a), (x.b, y.b)))
    def same_word(x: Change, y: Change) -> bool:  # "refused to" is a negation and the willing pole at once
        return any(p is not None and q is not None and _overlap(p, q) for p, q in ((x.a, y.a), (x.b, y.b)))
    read_twice = {id(p) for p in polarity for o in outcome if same_word(p, o)}
    polarity = [p for p in polarity if id(p) not in read_twice]
    cancelled = {id(c) for p in polarity for o in outcome if near(p, o) for c in (p, o)}
    return [c for c in polarity + outcome if id(c) not in cancelled]


_ACCUSED = re.compile(r"charged|accused", re.IGNORECASE)


_BOUNDS = re.compile(r"(?:at\s+least|up\s+to)\b")
"""Approximation cues that bound a figure rather than estimate it: dropped, they are an ``omission`` of
a qualifier (issue 18), and no ``hedge``; "about 300" is both, an estimate stated as exact."""


_REPORTED_PAST = re.compile(r"\b(?:said|told|added|stated|announced|explained|confirmed|insisted|warned|noted)\b", re.IGNORECASE)
_BACKSHIFTED = {"could": re.compile(r"\b(?:can|is able to|are able to)\b", re.IGNORECASE),
                "might": re.compile(r"\bmay\b", re.IGNORECASE),
                "would": re.compile(r"\b(?:will|is going to|are going to)\b|\w['’]ll\b", re.IGNORECASE)}
"""Reported speech shifts a modal into the past ("customers can claim", she said → she said customers
could claim): the same modality, not a hedge added or dropped."""


def _hedges(text: str, other: str) -> list[Cue]:
    """Hedges of ``text``, less a charge or accusation that ``other`` also reports in other words
    ("charged with" → "on a charge of"), and a modal that reported speech shifted into the past where
    ``other`` has its present form, a conditional ``would`` read as the possibility ``other`` states,
    and an approximation ("about 300") of a figure ``other`` does not
    state as such (a figure changed is a ``number`` change; one dropped is for ``claims``; "more than an
    hour" for "about an hour and a half" bounds it otherwise)."""
    kept = []
    theirs = hedges(other)
    their_keys = {h.key for h in theirs}
    for c in hedges(text):
        word = text[c.start : c.end].lower()
        if c.key == "expected" and "expected" not in their_keys:
            scheduled = any(re.match(r"(?:(?:is|are|was|were)\s+)?(?:set|poised)\b", other[h.start:h.end], re.IGNORECASE)
                            for h in theirs)  # "is set to" is how news says "is expected to", "is due to" is firmer
            c = replace(c, key=next((k for k in ("probable", "planned") if k in their_keys),
                                    "certain" if scheduled else "expected"))
        if c.key == "hoped" and _WISH.search(other) or word == "apparently" and _LOOKS.search(other):
            continue  # "hopes to" = "wants to", "apparently" = "appears to": the same modality in other words
        if word.startswith("estimat") and "approximate" in their_keys and "attributed" not in their_keys:
            c = replace(c, key="approximate")  # "an estimated 5,000" = "about 5,000"
        if _said_alike(text, c, other):
            continue  # "and plans to hold" on the other side is the same words, wherever it reads them as a noun
        if c.key == "approximate" and (not _figure_in(text, c.end, other) or _BOUNDS.match(word)):
            continue  # a bound ("up to 90") is a qualifier only (``qualifiers.py``): it says no estimate
        if _ACCUSED.match(word) and re.search(r"charge|accus", other, re.IGNORECASE):
            continue
        if word == "would" and re.search(r"\bwould\b", other, re.IGNORECASE):
            continue  # "would" on both sides is the same tense, whichever verb reports it
        if c.key == "conditional" and "possible" in their_keys:
            c = replace(c, key="possible")  # "would get" and "could see" say the same hypothetical
        present = _BACKSHIFTED.get(word)
        if present is not None and present.search(other) and (_REPORTED_PAST.search(text, 0, c.start)
                                                               or _REPORTED_PAST.search(other)):
            continue
        kept.append(c)
    return kept


_WISH = re.compile(r"\b(?:wants?|wanted|wanting|(?:is|are|was|were)\s+keen|would\s+like)\s+to\b", re.IGNORECASE)
_LOOKS = re.compile(r"\b(?:appear|seem)(?:s|ed)?\s+to\b", re.IGNORECASE)
"""A wish and a look: they match ``hopes to`` and ``apparently`` on the other side, but are no hedge cues of their
own, since a copy restates a wish as "calls for" or "is pushing for" as often as it states it as fact."""


def _said_alike(text: str, cue: Cue, other: str) -> bool:
    """Whether ``other`` has a hedge's last words and the word after them ("plans to hold", "due to
    report" for "is due to report"): the same words say the same thing, however the cue patterns read
    their context on either side."""
    words = text[cue.start:cue.end].split()[-2:]
    following = re.match(r"\s+([\w'’-]+)", text[cue.end:])
    if following is None:
        return False
    return _phrase(tuple(w.lower() for w in [*words, following.group(1)])).search(other) is not None


@lru_cache(maxsize=4096)
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    """``words`` in a row, any case, compiled once: one pattern per hedge would overflow the ``re`` module's own
    cache and be compiled again on every unit."""
    return re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)


_FUTURE = re.compile(r"\b(?:will|would|shall|(?:is|are|was|were)\s+(?:due|set|going|planned|expected|predicted|forecast|projected|"
                     r"anticipated|likely|to)|"
                     r"plan(?:s|ned)?|intend(?:s|ed)?|hop(?:e|es|ed))\s+(?:to\s+)?(?:\w+ly\s+)?(?:be\s+)?(?P<verb>[a-z]+)\b",
                     re.IGNORECASE)
_DONE = re.compile(r"\balready\b|(?<=\s)now\b|\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?(?P<verb>[a-z]{3,})\b",
                   re.IGNORECASE)


def _stated_done(unit: UnitPair) -> list[Change]:
    """A plan or a future event on one side that the other states as done ("would ask the government" →
    "has asked the government", "would go on display" → "are now on display"): the copy claims it
    happened. Only a side with no future at all counts, and only ``already``/``now`` or a perfect
    tense of the planned verb as evidence that it is stated as done."""
    for planned, other, first in ((unit.a, unit.b, True), (unit.b, unit.a, False)):
        future = _FUTURE.search(planned)
        if future is None or _FUTURE.search(other):
            continue
        verb = stem(future.group("verb").lower())
        if verb in STOPWORDS:
            continue
        done = next((m for m in _DONE.finditer(other)
                     if m.group("verb") is None or stem(m.group("verb").lower()) == verb), None)
        if done is None:
            continue
        x, y = Cue(future.start(), future.end(), ""), Cue(done.start(), done.end(), "")
        said_x, said_y = planned[x.start : x.end], other[y.start : y.end]
        if first:
            return [unit.change("hedge", x, y, f"a plan stated as done: '{said_x}' → '{said_y}'")]
        return [unit.change("hedge", y, x, f"what was done stated as a plan: '{said_y}' → '{said_x}'")]
    return []


_FIGURE = re.compile(r"\s+(?:an?\s+)?[$£€¥]?(?P<figure>[\w.,]+)")
_BOUND = r"(?:more\s+than|over|under|less\s+than|fewer\s+than|nearly|almost|just)\s+(?:an?\s+)?[$£€¥]?"


def _figure_in(text: str, end: int, other: str) -> bool:
    """Whether the figure after ``text[:end]`` ("about *3.4* million") is written in ``other`` without a
    bound of its own."""
    found = _FIGURE.match(text, end)
    if found is None:
        return False
    figure = re.escape(found.group("figure").rstrip(".,").lower())
    lowered = other.lower()
    return (re.search(r"(?<![\w.])" + figure + r"(?![\w])", lowered) is not None
            and re.search(_BOUND + figure + r"(?![\w])", lowered) is None)


def _comparative(change: Change) -> bool:
    """Whether a movement's words compare ("closed higher") rather than move ("rose")."""
    return bool(comparisons(change.a_text)) or bool(comparisons(change.b_text))


_SUBSUMES: dict[str, frozenset[str]] = {
    "inversion": frozenset({"number", "entity"}),
    "hedge": frozenset({"omission", "addition"}),
}
"""A change of the key's type on the same words says more than one of these types: "two-thirds" →
"a third" is a majority turned into a minority, not only another share; figures swapped between
two parties are one inversion, not also a name in another's place; a possibility stated as fact
("could see some 40 jobs go" → "will see 40 jobs go") is a hedge, not also a claim dropped, except
a qualifier dropped (``_distinct``)."""


def _both_named(change: Change, unit: UnitPair) -> bool:
    """Whether both names of an entity change are written on both sides of the unit: where roles or
    figures were swapped between them, the swap is the change, and one name standing in the other's
    place is how it reads, not a second change."""
    return all(name and name in unit.a and name in unit.b for name in (change.a_text, change.b_text))


def _distinct(changes: list[Change], whole: tuple[Change, ...] = ()) -> list[Change]:
    """The changes less any that repeat an earlier one's type on overlapping evidence (a comparison
    word that is also a movement word, a bound that is also a dropped qualifier), and less any that a
    more telling type on overlapping evidence subsumes (``_SUBSUMES``), except those in ``whole``: a
    qualifier dropped is an ``omission`` even where the same words are a ``hedge`` ("about 300" → "300"
    drops a qualifier and states an estimate as exact: both, on the same words)."""
    kept: list[Change] = []
    for change in changes:
        if not any(k.type == change.type and (_overlap(k.a, change.a) or _overlap(k.b, change.b)) for k in kept):
            kept.append(change)
    exempt = {id(c) for c in whole}
    return [c for c in kept if id(c) in exempt
            or not any(c.type in _SUBSUMES.get(k.type, ()) and (_overlap(k.a, c.a) or _overlap(k.b, c.b)) for k in kept)]


_ALTERNATIVE = re.compile(r"rather\s+than|instead\s+of", re.IGNORECASE)


def _alternative(change: Change, unit: UnitPair) -> Change:
    """A "rather than"/"instead of" one side has alone, whose rejected alternative the other side states
    ("paid to the Treasury rather than used for river restoration" → "will go to river restoration"): the
    choice turned round, an ``inversion`` with both sides' words (issue 18), not a negation lost."""
    if change.type != "negation" or (change.a is None) == (change.b is None) or not _ALTERNATIVE.fullmatch(
            change.a_text or change.b_text):
        return change
    in_a = change.a is not None
    text, other, offset = (unit.a, unit.b, unit.a_span[0]) if in_a else (unit.b, unit.a, unit.b_span[0])
    end = ((change.a or change.b) or (0, 0))[1] - offset
    stop = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    rejected = [(s, e, w) for s, e, w in tokenize(text, end, stop) if w.lower() not in STOPWORDS]
    words = [(s, e, w) for s, e, w in tokenize(other) if w.lower() not in STOPWORDS]
    stated = [t for t in words if any(_kin(stem(t[2].lower()), stem(w.lower())) for *_, w in rejected)]
    if not rejected or len(stated) < max(1, len(rejected) // 2):
        return change
    start = end - len(change.a_text or change.b_text)
    kept = {stem(w.lower()) for *_, w in tokenize(other)}
    chosen = [t for t in tokenize(text, max([m.end() for m in _CLAUSE_START.finditer(text, 0, start)], default=0), start)]
    while chosen and (chosen[0][2].lower() in STOPWORDS or stem(chosen[0][2].lower()) in kept):
        chosen.pop(0)  # the alternative chosen: the words before "rather than" that the other side does not use
    if any(w.lower() not in STOPWORDS and stem(w.lower()) in kept for *_, w in chosen):
        chosen = []
    x, y = Cue(chosen[0][0] if chosen else start, stop, ""), Cue(stated[0][0], stated[-1][1], "")
    if not in_a:
        x, y = y, x
    turned = unit.change("inversion", x, y, "")
    return replace(turned, note=f"the alternative turned round: '{turned.a_text}' → '{turned.b_text}'")


MIN_CLAUSE_WORDS = 2
_LIMITING = re.compile(r"\b(?:none|neither|no one|nobody)\b(?:\s+of\s+(?:them|whom|which|those|these))?", re.IGNORECASE)
"""A phrase set off after a claim that says how far it goes ("64 runners were treated, none of them
seriously"): dropped, the claim stands unlimited, an ``omission``, not a negation turned round."""
"""Content words a clause around a negation must carry, none used by the other side, to be a clause dropped."""
_CLAUSE_END = re.compile(r"[,;:()]|[.!?](?:\s|$)")


def _negated_clause(change: Change, unit: UnitPair) -> Change:
    """A negation one side has alone, inside a clause the other side does not say at all ("…, but warned
    that the season was not over" → "…"), as the ``omission`` (or ``addition``) of that clause: the copy
    did not turn the claim round, it left it out (issue 18). A clause counts as dropped when it carries
    ``MIN_CLAUSE_WORDS`` content words besides the negation, the other side uses none of them, and the
    other side says nothing of its own that could be the claim turned round in other words (at most
    one content word this side never uses): "two patients developed liver problems" → "there were no
    serious side effects" is a negation."""
    if change.type != "negation" or (change.a is None) == (change.b is None):
        return change
    in_a = change.a is not None
    text, other, offset = (unit.a, unit.b, unit.a_span[0]) if in_a else (unit.b, unit.a, unit.b_span[0])
    start, end = ((change.a or change.b) or (0, 0))
    start, end = start - offset, end - offset
    if _LIMITING.match(text, start) and text[:start].rstrip().endswith(",") and not _LIMITING.search(other):
        stop = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
        said = text[start:stop]  # "…, none of them seriously": the copy drops how far the claim goes
        if in_a:
            return unit.change("omission", Cue(start, stop, ""), None, f"B leaves out: '{said}'")
        return unit.change("addition", None, Cue(start, stop, ""), f"B adds: '{said}'")
    begin = start if _ALTERNATIVE.fullmatch(text[start:end]) else max(
        [m.end() for m in _CLAUSE_START.finditer(text, 0, start)], default=0)  # "instead of …" is its own phrase
    stop = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    words = [(s, e, w.lower()) for s, e, w in tokenize(text, begin, stop)]
    content = [t for t in words if t[2] not in STOPWORDS and t[2] not in _AUXILIARIES and not negations(t[2])]
    used = {stem(w.lower()) for *_, w in tokenize(other)}
    mine = {stem(w.lower()) for *_, w in tokenize(text)}
    new = {u for u in used if not any(_kin(u, m) for m in mine) and u not in STOPWORDS and u not in _AUXILIARIES}
    if len(content) < MIN_CLAUSE_WORDS or any(_kin(stem(w), u) for *_, w in content for u in used) or len(new) > 1:
        return change
    return clause_claim(unit, Cue(words[0][0], words[-1][1], ""), in_a)


def _kin(x: str, y: str) -> bool:
    """Whether two stems are one word's ("blame" and "blam", as the stemmer leaves "blame" and "blamed")."""
    short, long = sorted((x, y), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def _whole_parties(listed: list[Change], claims: list[Change], unit: UnitPair) -> tuple[list[Change], list[Change]]:
    """Parties added to or dropped from a list, each widened over the claim added or dropped on its words
    ("… and the chief executives of the three largest rail operators"): one ``entity`` change whose
    evidence is the whole party, and no ``addition`` or ``omission`` beside it (issue 18)."""
    def joined(x: Span | None, y: Span | None) -> Span | None:
        return (min(x[0], y[0]), max(x[1], y[1])) if x is not None and y is not None and _overlap(x, y) else None

    kept = list(claims)
    widened = []
    for party in listed:
        for claim in list(kept):
            if claim.type == "addition" and (span := joined(party.b, claim.b)) is not None and party.b is not None:
                said = unit.b_text[span[0]:span[1]]
                party = replace(party, b=span, b_text=said, note=party.note.replace(party.b_text, said))
                kept.remove(claim)
            elif claim.type == "omission" and (span := joined(party.a, claim.a)) is not None and party.a is not None:
                said = unit.a_text[span[0]:span[1]]
                party = replace(party, a=span, a_text=said, note=party.note.replace(party.a_text, said))
                kept.remove(claim)
        widened.append(party)
    return widened, kept


def _unexplained(claims: list[Change], listed: list[Change]) -> list[Change]:
    """Claims added or dropped less those whose words lie inside another change's: a party added to or
    dropped from a list or coordination (``lists.py``; issue 18 calls "Kovar Steel and the Telford
    Fund" for "Kovar Steel" an ``entity`` change, and the party's words are all the claim there is), or
    an inversion that already shows them (the alternative chosen, in "spent on the wall rather than on
    moorings" → "spent on moorings")."""
    def within(inner: Span | None, outer: Span | None) -> bool:
        return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]
    return [c for c in claims if not any(within(c.a, k.a) or within(c.b, k.b) for k in listed)]


def _scoped(change: Change, axis: Axis) -> Change:
    """A share turned into the whole ("most of" → "all of") is a scope widened, an ``omission`` of the
    restriction (issue 18: the copy's claim is stronger); the whole turned into a share is an ``addition``."""
    partial_in_a = any(c.key == "first" for c in opposites(change.a_text, axis))
    if partial_in_a:
        return replace(change, type="omission", note=f"scope widened: '{change.a_text}' → '{change.b_text}'; the copy claims more")
    return replace(change, type="addition", note=f"scope narrowed: '{change.a_text}' → '{change.b_text}'; the copy claims less")


_REPORTED = re.compile(r"\b(?:said|says|say|told|tells|according\s+to|stated|claimed|claims|announced|insisted|argued|"
                       r"alleged|added|noted|warned|wrote|found|reported|believes?|thinks?|estimated?|explain(?:s|ed)|"
                       r"confirm(?:s|ed)|reveal(?:s|ed)|stress(?:es|ed)|emphasi[sz](?:es|ed)|point(?:s|ed)\s+out|"
                       r"acknowledg(?:es|ed)|cautio(?:ns|ned)|assert(?:s|ed)|remark(?:s|ed)|said\s+in\s+a\s+statement)\b",
                       re.IGNORECASE)
"""Any reporting verb, with a named speaker or not ("he said", "the study found", "she explained"): verbs of
saying that keep the claim the speaker's. Words that only sometimes report ("commented": "declined to
comment"; "observed" a silence; "maintained" a bridge) are not among them, nor "denied" and "admitted",
which turn a claim round or concede it (``inversion``)."""


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
        speaker = next((c for c in ta if c.key and c.key not in sb.lower()
                        and not (_attributed_next_door(unit.b_text, unit.b_span, c.key)
                                 and _kept_count(unit.a_text, unit.b_text, c.key))), None)
        if speaker is not None:
            return [unit.change("hedge", speaker, None, f"attribution dropped: '{sa[speaker.start:speaker.end]}'; "
                                "the copy states it as fact")]
    if tb:
        speaker = next((c for c in tb if c.key and c.key not in sa.lower()
                        and not (_attributed_next_door(unit.a_text, unit.a_span, c.key)
                                 and _kept_count(unit.b_text, unit.a_text, c.key))), None)
        if speaker is not None:
            return [unit.change("hedge", None, speaker, f"attribution added: '{sb[speaker.start:speaker.end]}'; "
                                "the source states it as fact")]
    return []


def _attributed_next_door(text: str, span: Span, key: str) -> bool:
    """Whether the sentence just before or just after ``text[span]`` gives a claim to the speaker ``key``
    (a last name, lower-cased): rewrites split and merge sentences, so "Prices will rise, Ms Lowe said.
    Rents will follow." may say "Ms Lowe said prices will rise. Rents will follow, she added." The
    claim stays hers though the unit's own sentence no longer names her."""
    before = [s for s in _sentences(text) if s[1] <= span[0]][-1:]
    after = [s for s in _sentences(text) if s[0] >= span[1]][:1]
    return any(key in text[s:e].lower() and _REPORTED.search(text, s, e) for s, e in (*before, *after))


def _kept_count(text: str, other: str, key: str) -> bool:
    """Whether ``other`` has as many sentences as ``text`` that give a claim to the speaker ``key``: an attribution moved
    to the next sentence keeps the count, while one dropped from a sentence whose neighbour is also
    attributed to the same speaker ("Prices will rise, said Lowe. Lowe said rents would climb." →
    "Prices will rise. Lowe said rents would climb.") lowers it."""
    def count(article: str) -> int:
        return sum(1 for s, e in _sentences(article) if key in article[s:e].lower() and _REPORTED.search(article, s, e))
    return count(other) >= count(text)


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[Span, ...]:
    """The sentences of one article (its units all ask about the same text)."""
    return tuple(split_sentences(text))


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
            changes.append(unit.change(_alone(kind, x), x, None, f"'{sa[x.start:x.end]}' only in A"))
    for y in only_b[len(only_a) :]:
        if y.key in alone:
            changes.append(unit.change(_alone(kind, y), None, y, f"'{sb[y.start:y.end]}' only in B"))
    return changes


def _alone(kind: ChangeType, cue: Cue) -> ChangeType:
    """The type of a hedge one side has alone: ``unlikely`` dropped ("unlikely to fall" → "falling")
    asserts what the source said would probably not happen, a negation turned round."""
    return "negation" if kind == "hedge" and cue.key == "unlikely" else kind


def _numbers(unit: UnitPair) -> list[Change]:
    """Number substitutions, paired within one unit family (a percentage never pairs with a price).

    A value both sides state is no side of a substitution, however often each repeats it.

    Two numbers that agree to the precision of the rounder one are the same
    number written with other precision ("1.4 percent" for "1.39 percent").
    """
    sa, sb = unit.a, unit.b
    na, nb = _not_lengths(sa, sb), _not_lengths(sb, sa)
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
        for x, y in _in_order(xs, ys, sa, sb):
            changes.append(unit.change("number", x, y, f"{sa[x.start:x.end].strip()} → {sb[y.start:y.end].strip()}"))
    return changes


def _in_order(xs: list[Cue], ys: list[Cue], sa: str, sb: str) -> list[tuple[Cue, Cue]]:
    """Numbers left on each side, paired in order; a number that opens a compound ("a three-term
    congressman", "a four-week low") pairs only with one that counts the same thing (``_slot``):
    such a number says what it counts, and another count beside it is another fact."""
    def compounds(mine: list[Cue], text: str, theirs: list[Cue], other: str) -> list[tuple[Cue, Cue]]:
        """Take each compound of ``mine`` out, with the cue of ``theirs`` that counts the same thing."""
        found = []
        for x in [x for x in mine if text[x.end : x.end + 1] == "-"]:
            y = next((y for y in theirs if _slot(other, y) == _slot(text, x)), None)
            mine.remove(x)
            if y is not None:
                theirs.remove(y)
                found.append((x, y))
        return found

    pairs = compounds(xs, sa, ys, sb)
    pairs += [(x, y) for y, x in compounds(ys, sb, xs, sa)]
    return pairs + list(zip(xs, ys))


def _not_lengths(text: str, other: str) -> list[Cue]:
    """Numbers of ``text``, less the counts of lengths of time ``other`` states in another unit
    ("two days" against "48 hours")."""
    same = {c.start for c in durations(text) if c.key in {d.key for d in durations(other)}}
    return [c for c in numbers(text) if c.start not in same]


def _durations(unit: UnitPair) -> list[Change]:
    """A length of time whose count stayed and whose unit changed ("two days" → "two hours"): a date
    change. A changed count is a number change (``_numbers``); the same length in another unit
    ("two days" → "48 hours") is no change."""
    da, db = durations(unit.a), durations(unit.b)
    only_a, only_b = _unmatched(da, db), _unmatched(db, da)
    changes = []
    for x in only_a:
        count = _leading_count(unit.a, x)
        y = next((y for y in only_b if _leading_count(unit.b, y) == count), None)
        if y is not None:
            only_b.remove(y)
            changes.append(unit.change("date", x, y, f"{unit.a[x.start:x.end]} → {unit.b[y.start:y.end]}"))
    return changes


def _leading_count(text: str, cue: Cue) -> str:
    """The number a duration cue opens with, as a number cue's key."""
    return next((c.key for c in numbers(text[cue.start : cue.end]) if c.start == 0), "")


def _rebounded(x: Cue, y: Cue, unit: UnitPair) -> Change:
    """The same number with its bound turned round ("more than 60" → "fewer than 60": ``inversion``),
    dropped (the copy claims the exact figure: an ``omission`` of the qualifier) or added (an ``addition``)."""
    said_a, said_b = unit.a[x.start : x.end], unit.b[y.start : y.end]
    bound_a, bound_b = _parts(x)[2], _parts(y)[2]
    if bound_a and bound_b:
        return unit.change("inversion", x, y, f"bound turned round: '{said_a}' → '{said_b}'")
    if bound_a:
        return unit.change("omission", x, y, f"qualifier dropped: '{said_a}' → '{said_b}'; the copy claims more")
    return unit.change("addition", x, y, f"qualifier added: '{said_a}' → '{said_b}'; the copy claims less")


_KEY = re.compile(r"^(?P<unit>\D*)(?P<value>\d[\d.e+-]*?)(?P<bound>[<>]?)$")


def _parts(cue: Cue) -> tuple[str, float, str]:
    """``(unit, value, bound)`` of a number cue's key."""
    found = _KEY.match(cue.key)
    if found is None:
        raise ValueError(f"not a number cue's key: {cue.key!r}")
    return found.group("unit"), float(found.group("value")), found.group("bound")


def _family(cue: Cue) -> str:
    """What a number counts: a percentage, money (in any currency: a price moved from dollars to euros
    is still the price), a rank ("fourth"), a share in words ("a quarter"), how many times
    ("twice"), or things."""
    unit = _parts(cue)[0]
    return unit if unit in ("", "%", "#", "/", "×") else "money"


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
    """A word turned into its opposite by a negating prefix ("safe" → "unsafe", and back): a negation; one
    under a negation ("not unsafe" → "safe") is a double negative and says the same."""
    sa, sb = unit.a, unit.b
    for prefixed in _undenied(sa, prefixed_opposites(sa, sb)):
        plain = re.search(r"\b" + re.escape(prefixed.key) + r"\b", sb, re.IGNORECASE)
        if plain:
            return [unit.change("negation", prefixed, Cue(plain.start(), plain.end(), ""),
                                f"'{sa[prefixed.start:prefixed.end]}' → '{plain.group()}'")]
    for prefixed in _undenied(sb, prefixed_opposites(sb, sa)):
        plain = re.search(r"\b" + re.escape(prefixed.key) + r"\b", sa, re.IGNORECASE)
        if plain:
            return [unit.change("negation", Cue(plain.start(), plain.end(), ""), prefixed,
                                f"'{plain.group()}' → '{sb[prefixed.start:prefixed.end]}'")]
    return []


def _undenied(text: str, prefixed: list[Cue]) -> list[Cue]:
    """The prefixed words of ``text`` no negation stands right before."""
    found = negations(text)
    return [p for p in prefixed if len(_undoubled(text, found, [p])) == len(found)]


def _polarity(unit: UnitPair) -> list[Change]:
    """A negation gained or lost: an odd difference in negation words, or an even one where the words
    negated on one side stand un-negated on the other ("will not back any cut that is not matched" →
    "will back any cut that is matched": two negations dropped, the claim reversed)."""
    sa, sb = unit.a, unit.b
    na = _undoubled(sa, _polar(sa, sb), prefixed_opposites(sa, sb))
    nb = _undoubled(sb, _polar(sb, sa), prefixed_opposites(sb, sa))
    if len(na) % 2 == len(nb) % 2:
        return _denegated(unit, na, nb)
    x, y = _unanswered(sa, na, sb, nb), _unanswered(sb, nb, sa, na)
    if x is None and y is None:
        x, y = (na[0] if na else None), (nb[0] if nb else None)
    note = "polarity flipped: " + (f"'{sa[x.start:x.end]}' only in A" if len(na) > len(nb) and x else f"'{sb[y.start:y.end]}' only in B" if y else "")
    return [unit.change("negation", x, y, note)]


def _unanswered(text: str, mine: list[Cue], other: str, theirs: list[Cue]) -> Cue | None:
    """The first negation of ``text`` that no negation of ``other`` answers by denying the same word.

    A sentence that keeps one negation ("is not the same as a promise") and drops another
    ("had not yet published") flips only the dropped one, and one said with another word
    ("failed to keep" = "did not keep") is kept: the kept ones are not the change."""
    answers = Counter(_negated(other, c) for c in theirs)
    for cue in mine:
        word = _negated(text, cue)
        if answers[word] > 0:
            answers[word] -= 1
        else:
            return cue
    return None


def _undoubled(text: str, found: list[Cue], prefixed: list[Cue]) -> list[Cue]:
    """The negations less each one that turns round a word with a negating prefix right after it, a double
    negative the other side says plainly ("not impossible" = "possible", "not unlike" = "like")."""
    return [c for c in found if not any(0 <= p.start - c.end <= 12 and not re.search(r"[,;.]", text[c.end : p.start])
                                        for p in prefixed)]


_NEG_RAISING = frozenset(stem(w) for w in ("think", "thinks", "thought", "expect", "expects", "expected", "believe",
                                             "believes", "believed", "want", "wants", "wanted", "seem", "seems",
                                             "seemed", "appear", "appears", "appeared", "intend", "intended",
                                             "suppose", "supposed", "imagine", "imagined"))
"""Verbs a negation climbs onto with the meaning kept ("do not think it will fail" = "think it will not fail")."""


_AVOIDED = re.compile(r"\b(?:(?:stay|stays|stayed|staying|keep|keeps|kept|keeping)\s+(?:away|out|clear)\s+(?:from|of)|"
                      r"steer(?:s|ed|ing)?\s+clear\s+of|avoid(?:s|ed|ing)?|shun(?:s|ned|ning)?|"
                      r"refrain(?:s|ed|ing)?\s+from|abstain(?:s|ed|ing)?\s+from)\s+(?P<object>[^,.;:()]+)", re.IGNORECASE)
"""A verb that says a negation in its own meaning ("stayed away from the camp" = "never drifted to the camp")."""
_STOPPED = re.compile(r"\b(?:stop(?:s|ped|ping)?|ceas(?:e|es|ed|ing)|quit(?:s|ting)?|end(?:s|ed|ing)?|"
                      r"halt(?:s|ed|ing)?|abandon(?:s|ed|ing)?|scrap(?:s|ped|ping)?)\b", re.IGNORECASE)
"""A verb of stopping: what "no longer" says with a negation ("no longer offers" = "has stopped offering")."""
_FRAGMENT = re.compile(r",\s+(?:[a-z]+ly\s+|and\s+|but\s+)?(?P<negation>not|never)\s+(?:even\s+)?"
                       r"(?:in|at|for|on|by|with|from|during|under)\b", re.IGNORECASE)
"""A negation opening a verbless fragment ("never real self-reliance, certainly not in economic terms")."""


def _polar(text: str, other: str) -> list[Cue]:
    """The negations of ``text`` that set its polarity against ``other``.

    Left out: a negation opening a verbless fragment after a negated clause
    (it narrows that denial and does not negate again), and one whose words
    ``other`` says with a verb that holds the negation itself ("never
    drifted to the Soviet camp" against "stayed away from the Soviet camp"),
    unless a negation of ``other`` already denies the same words.
    """
    found = negations(text)
    fragments = {m.start("negation") for m in _FRAGMENT.finditer(text)}
    kept = [c for k, c in enumerate(found)
            if not (c.start in fragments and k and not re.search(r"[.!?;]", text[found[k - 1].end : c.start]))]
    if _STOPPED.search(other):  # "no longer offers" = "stopped offering": the verb says the negation
        kept = [c for c in kept if not re.match(r"\s+longer\b", text[c.end :])]
    verbs = list(_AVOIDED.finditer(other))
    avoided = [{stem(w) for w in [w for _, _, w in tokenize(m.group("object")) if w not in STOPWORDS][:2]}
               for m in verbs]  # what is avoided: its first two content words ("Soviet camp")
    answered = set().union(*(_scope(other, c) for c in negations(other)
                             if not any(0 <= m.start() - c.end <= 12 for m in verbs)))  # "never stayed away" denies the verb
    return [c for c in kept if not any(words and words <= _scope(text, c) for words in avoided)
            or _scope(text, c) & answered]  # a negation of ``other`` says it already: the verb is another claim


def _scope(text: str, negation: Cue) -> set[str]:
    """The stems of the content words in the six words after a negation: what it denies."""
    return {stem(w) for _, _, w in tokenize(text, negation.end)[:6] if w not in STOPWORDS}


def _negated(text: str, negation: Cue) -> str | None:
    """The stem of the word a negation negates: the first word after it, auxiliaries and articles skipped;
    None for "neither", which denies its whole clause ("neither the mayor nor his deputy attended")."""
    if text[negation.start : negation.end].lower() == "neither":
        return None
    following = [w for _, _, w in tokenize(text, negation.end)[:4] if w not in _AUXILIARIES]
    return stem(following[0]) if following else None


_AUXILIARIES = frozenset({"will", "would", "can", "could", "may", "might", "must", "shall", "should", "yet", "even",
                          "any", "quite", "longer", "be", "been", "being", "have", "has", "had", "do", "does", "did",
                          "is", "are", "was", "were", "a", "an", "the", "to", "so", "as", "only"})


def _denegated(unit: UnitPair, na: list[Cue], nb: list[Cue]) -> list[Change]:
    """Negations one side has and the other drops, every word they negate kept un-negated there: two
    dropped together, or one moved off its word ("had not improved enough" → "had improved, but not
    enough")."""
    for mine, theirs, text, other, first in ((na, nb, unit.a, unit.b, True), (nb, na, unit.b, unit.a, False)):
        if not mine or len(mine) < len(theirs) or (len(mine) == len(theirs) and not first):
            continue
        kept = {_negated(other, c) for c in theirs}
        other_stems = {stem(w) for _, _, w in tokenize(other)}
        lost = [c for c in mine if (w := _negated(text, c)) and w in other_stems and w not in kept]
        if len(mine) == len(theirs):  # the same count: a negation moved off its word onto another one
            negated, stems = {_negated(text, c) for c in mine}, {stem(w) for _, _, w in tokenize(text)}
            if not any(w in stems and w not in negated for w in kept) or negated & _NEG_RAISING or kept & _NEG_RAISING:
                continue
        if lost and len(lost) >= len(mine) - len(theirs):
            said = text[lost[0].start : lost[0].end]
            return [unit.change("negation", lost[0], None, f"polarity flipped: '{said}' only in A") if first else
                    unit.change("negation", None, lost[0], f"polarity flipped: '{said}' only in B")]
    return []


def _reversed(find: Callable[[str], list[Cue]], what: str, unit: UnitPair,
              kind: ChangeType = "inversion") -> list[Change]:
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
                changes.append(_reversal(what, x, y, unit, kind))
    ways_a, ways_b = {c.key for c in da}, {c.key for c in db}
    if paired or len(ways_a) != 1 or len(ways_b) != 1 or ways_a == ways_b:
        return changes
    return [_reversal(what, da[0], db[0], unit, kind)]


def _reversal(what: str, x: Cue, y: Cue, unit: UnitPair, kind: ChangeType = "inversion") -> Change:
    return unit.change(kind, x, y, f"{what} turned round: '{unit.a[x.start:x.end]}' → '{unit.b[y.start:y.end]}'")


_CLAUSE_START = re.compile(r"[,;:()]|\b(?:while|whereas|but|and|after|before|having)\b", re.IGNORECASE)
_GENERIC_SUBJECTS = frozenset({"shares", "stocks", "stock", "sales", "prices", "price", "markets", "market", "index",
                               "trading", "in", "on", "by", "at", "the", "a", "its", "their", "his", "her"})


def _conversed(change: Change, unit: UnitPair) -> bool:
    """Whether a converse pole's turn ("lent" → "borrowed") comes with its parties swapped ("Harwell lent
    to Pico" → "Pico borrowed from Harwell"): the party before the word on each side stands after it on the
    other, so the copy says the same relation from the other end."""
    if change.a is None or change.b is None:
        return False
    x = Cue(change.a[0] - unit.a_span[0], change.a[1] - unit.a_span[0], "")
    y = Cue(change.b[0] - unit.b_span[0], change.b[1] - unit.b_span[0], "")
    return bool(_parties(unit.a, x, before=True) & _parties(unit.b, y, before=False)
                and _parties(unit.b, y, before=True) & _parties(unit.a, x, before=False))


def _parties(text: str, cue: Cue, before: bool) -> frozenset[str]:
    """The capitalised words of a cue's clause before it (who does it) or after it (to whom, or against
    whom it is measured), less function words; a sentence's first word counts, as "Castell" in "Castell
    finished behind Nordvik" must."""
    if before:
        begin, end = max([m.end() for m in _CLAUSE_START.finditer(text, 0, cue.start)], default=0), cue.start
    else:
        begin = cue.end
        end = next((m.start() for m in re.finditer(r"[,;:()]|[.!?](?:\s|$)", text[cue.end:])), len(text) - cue.end) + cue.end
    return frozenset(w for s, _, w in tokenize(text, begin, end)
                     if text[s].isupper() and w not in STOPWORDS and w not in _GENERIC_SUBJECTS)


def _subject(text: str, cue: Cue) -> frozenset[str]:
    """What a cue is said of: the capitalised words of its clause before it ("the Nasdaq composite
    index" → ``{"nasdaq"}``). Lower-case words name no subject precisely enough to pair on
    ("shares rose" and "shares fell" may be two companies' shares)."""
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, cue.start)]
    begin = starts[-1] if starts else 0
    return frozenset(w for s, _, w in tokenize(text, begin, cue.start)
                     if s > 0 and text[s].isupper() and w not in _GENERIC_SUBJECTS)
