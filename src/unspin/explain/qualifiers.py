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

from unspin.align.similarity import STOPWORDS, stem
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
_SHARES = frozenset({"some", "several", "few", "many", "most"})
"""Qualifier words that give a share of a set ("some residents")."""
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
    if first in _SHARES and after and _TIME_UNIT.fullmatch(after[0]):
        return False  # "several weeks later" dates the claim, it does not restrict what it covers
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
        if (_is_qualifier(words, following) or restricted) and not _restated(text, stretch[0][0], other):
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


_KINDS: tuple[tuple[str, str], ...] = (
    ("at least", r"at least|no (?:fewer|less) than|not (?:fewer|less) than|a minimum of|more than|in excess of|upwards of"
                 r"|over|above|or more"),
    ("at most", r"up to|as (?:many|much) as|no more than|not more than|at most|a maximum of|fewer than|less than"
                r"|under|below|or (?:fewer|less)|capped at"),
    ("not before", r"no (?:earlier|sooner) than|not before|at the earliest"),
    ("a share", r"some|several|a (?:number|handful|minority|lot|range|host|variety|amount) of|a few|certain|many"
                r"|numerous|multiple|various|lots of|plenty of|scores of|not all"),
    ("in places", r"in (?:some|certain|several) (?:areas|places|parts|regions|districts|cases)|in places|in parts? of"
                  r"|parts of|locally"),
    ("at times", r"sometimes|occasionally|at times|from time to time|on occasion|often|frequently|regularly|usually"
                 r"|typically|generally|normally|commonly|routinely|in some cases"),
    ("in part", r"partly|partially|in (?:large )?part|largely|mainly|mostly|chiefly|primarily|predominantly"
                r"|principally|much of|most of|the majority of"),
    ("for now", r"for now|for the (?:time being|moment)|initially|at first|temporarily|provisionally|so far|to date"
                r"|until further notice|in the short term|at this stage"),
    ("for the first time", r"for the first time|first[- ]ever|maiden|debut|inaugural|first"),
    ("the only", r"(?<=the |its |his |her )only|(?<=their )only|sole|lone|single"),
)
"""Qualifiers by what they restrict, each kind with the words that say it (a copy that says any of a kind
keeps the restriction: "up to" = "as many as", "sometimes" = "at times"). A bound restricts an amount, so it
counts only before one; the others restrict the claim they sit in."""
_KIND_PATTERN = {kind: re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE) for kind, words in _KINDS}
_RESTATING = {kind: re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)
              for kind, words in (*_KINDS, ("for now", r"now|" + dict(_KINDS)["for now"]),
                                  ("in part", r"most|" + dict(_KINDS)["in part"]))}
"""What keeps a kind on the copy's side: its words; for a time scope also a plain "now" ("available initially" →
"now available" dates the claim as the source did), and for a part also a plain "most" ("most of 2004" →
"most now of 2004", a word put inside it)."""
_BOUNDS = frozenset({"at least", "at most", "not before"})
_AMOUNT_AFTER = re.compile(r"\s*(?:[£$€]\s?)?(?P<n>\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                           r"|twelve|twenty|thirty|forty|fifty|hundred|half|a half|a third|a quarter|[a-z]+teen)\b",
                           re.IGNORECASE)
_TIME_UNIT = re.compile(r"\s*(?:[a-z-]+\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?|decades?|seasons?)\b",
                        re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\b(?:for|within|in|during|over)\s+(?:the\s+(?:first|next)\s+)?$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"\s*(?:next|this|the end of|mid-?|early|late)?\s*(?:january|february|march|april|may|june|july"
                         r"|august|september|october|november|december|spring|summer|autumn|winter|year|month|week)\b",
                         re.IGNORECASE)
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
                 "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "thirty": "30", "forty": "40",
                 "fifty": "50", "hundred": "100"}

RESTRICTIVE = {
    "direct": ("non-stop", "nonstop"), "full-time": ("full time",), "part-time": ("part time",),
    "permanent": (), "temporary": ("temporarily",), "domestic": ("home", "national"), "overseas": ("foreign", "abroad",
    "international"), "foreign": ("overseas", "abroad", "international"), "international": ("overseas", "foreign", "abroad"),
    "pre-tax": ("before tax",), "after-tax": ("after tax",), "underlying": (), "net": (), "gross": (),
    "confirmed": (), "suspected": ("possible",), "adult": ("grown-up", "aged over", "over 18"), "eligible": ("qualify",),
    "registered": (), "licensed": (), "mainland": ("continental",), "rural": ("country", "countryside"),
    "urban": ("city", "town"), "first-time": ("first time",), "long-term": ("long term",), "short-term": ("short term",),
    "frontline": ("front-line", "front line"), "unpaid": (), "low-income": ("low income", "poorer"),
    "selected": ("some", "certain"), "existing": ("current",), "core": (), "standard": (),
}
"""Classifying adjectives: each names a kind of the noun it precedes ("direct flights" are some of the
flights), so a copy that drops one before a noun it keeps claims its news of all of them. Descriptive
adjectives ("the busy market", "the historic town hall") describe rather than restrict, and dropping one is
style. Each maps to the words that restate it ("non-stop", "before tax")."""
_RESTRICTIVE_PATTERN = re.compile(r"(?<![\w-])(?P<r>" + "|".join(re.escape(r) for r in sorted(RESTRICTIVE, key=len, reverse=True))
                                  + r")\s+(?P<noun>[A-Za-z][a-z]{2,})\b", re.IGNORECASE)


def dropped_restrictions(unit: UnitPair) -> list[Change]:
    """Qualifiers and restrictive modifiers the source side says and the copy side restates nowhere, next
    to words the copy keeps: the copy's claim is stronger, an ``omission``. Found by meaning rather than
    by the word diff, so a rewritten sentence that also drops "sometimes" or "direct" is read too. A
    restriction the other article says in another sentence was moved, not dropped."""
    a, b = unit.a, unit.b
    lower_b = b.lower()
    kept = {stem(w) for *_, w in tokenize(b)}
    changes: list[Change] = []
    bounded = {figure for _, figure in _bounds_in(b)}
    for kind, pattern in _KIND_PATTERN.items():
        if kind not in _BOUNDS and _RESTATING[kind].search(b):
            continue
        for m in pattern.finditer(a):
            if kind in _BOUNDS and _figure_after(a, m.end()) in bounded:
                continue  # restated ("no fewer than 12" = "at least 12"), or turned round, an inversion
            note = _restriction_dropped(kind, a, m, kept, lower_b)
            if note and not _said_elsewhere(m.group(), unit):
                changes.append(unit.change("omission", Cue(m.start(), m.end(), ""), None, note))
    for m in _RESTRICTIVE_PATTERN.finditer(a):
        word, noun = m.group("r").lower(), m.group("noun").lower()
        restated = (word, *RESTRICTIVE[word])
        if (stem(noun) not in kept or noun in STOPWORDS or any(r in lower_b or stem(r) in kept for r in restated)
                or _said_elsewhere(m.group("r"), unit)):
            continue
        changes.append(unit.change("omission", Cue(m.start("r"), m.end("r"), ""), None,
                                   f"restriction dropped: '{m.group()}' → '{m.group('noun')}'; the copy claims more"))
    return changes


def _restriction_dropped(kind: str, text: str, m: re.Match[str], kept: set[str], other: str) -> str | None:
    """The note for qualifier ``m`` of ``kind`` in ``text`` that the other side (``kept`` stems, ``other`` lower-cased)
    does not restate, or None where dropping it claims no more: a bound counts only before an amount the other
    side keeps (or a span of time the other side drops with it: "for at least two years"); the others only
    before a word the other side keeps."""
    said = m.group()
    if kind in _BOUNDS:
        amount = _AMOUNT_AFTER.match(text, m.end()) or _DATE_AFTER.match(text, m.end())
        if amount is None or (kind != "not before" and amount.re is _DATE_AFTER):
            return None
        if amount.re is _DATE_AFTER or _figure_kept(amount.group().strip(), other):
            return f"bound dropped: '{said}'; the copy claims more"
        if _TIME_UNIT.match(text, amount.end()) and _DURATION_BEFORE.search(text[: m.start()]):
            return f"time bound dropped: '{text[m.start() - 4 if text[m.start() - 4 : m.start()].lower() == 'for ' else m.start() : amount.end()]}…'; the copy claims more"
        return None
    if kind == "the only" and said.lower() in ("single", "lone"):
        return None
    after = [w for *_, w in tokenize(text, m.end(), min(len(text), m.end() + 40))][:3]
    if kind in ("a share", "the only", "for the first time") and " " not in said and not any(stem(w) in kept and w not in STOPWORDS for w in after[:2]):
        return None
    begin = max([p.end() for p in _PAUSE.finditer(text, 0, m.start())], default=0)
    stop = next((p.start() for p in _PAUSE.finditer(text, m.end())), len(text))
    near = [w for *_, w in tokenize(text, begin, m.start())][-3:] + [w for *_, w in tokenize(text, m.end(), stop)][:3]
    if not any(stem(w) in kept and w not in STOPWORDS for w in near):
        return None  # nothing next to it is kept: the copy says something else there, not the same claim unqualified
    if kind == "a share" and after[:1] and (_AMOUNT_AFTER.fullmatch(after[0]) or after[0] in ("of", "time", "way")
                                            or _TIME_UNIT.fullmatch(after[0])):
        return None  # "some 40" is an estimate (``qualifier_changes``); "some of" keeps a share; "several weeks" dates
    return f"qualifier dropped: '{said}'; the copy claims more"


_PAUSE = re.compile(r"[,;:\"“”()]|[.!?](?:\s|$)")
"""Punctuation that ends the phrase a qualifier sits in: the words it qualifies lie before it."""


def _figure_kept(figure: str, other: str) -> bool:
    """Whether the other side (lower-cased) states the amount ``figure`` ("12" or "twelve")."""
    figure = figure.lower().lstrip("£$€ ").rstrip(".,")
    forms = {figure, _NUMBER_WORDS.get(figure, figure)} | {w for w, d in _NUMBER_WORDS.items() if d == figure}
    return any(re.search(rf"(?<![\w.]){re.escape(f)}(?!\w|[.,]\d)", other) for f in forms if f not in ("a", "an"))


def _said_elsewhere(words: str, unit: UnitPair) -> bool:
    """Whether the other article says ``words`` outside its side of the unit (the restriction moved)."""
    text, (start, end) = unit.b_text.lower(), unit.b_span
    pattern = re.compile(rf"(?<![\w-]){re.escape(words.lower())}(?![\w-])")
    return any(not (start <= m.start() < end) for m in pattern.finditer(text))


def _kind_at(text: str, start: int, end: int) -> str | None:
    """The kind of qualifier (``_KINDS``) whose words in ``text`` overlap ``start``-``end``, if any."""
    found = [(m.end() - m.start(), kind) for kind, pattern in _KIND_PATTERN.items()
             for m in pattern.finditer(text) if m.start() < end and start < m.end()]
    return max(found)[1] if found else None  # the longest: "no more than" is not "more than"


def _restated(text: str, at: int, other: str) -> bool:
    """Whether the qualifier at ``at`` in ``text`` is one the ``other`` side says in other words of its kind
    ("partly" → "in part")."""
    kind = _kind_at(text, at, at + 1)
    if kind in _BOUNDS:
        return any(figure == _figure_after(text, m.end()) for m in _KIND_PATTERN[kind].finditer(text)
                   if m.start() <= at < m.end() for _, figure in _bounds_in(other))
    return kind is not None and _KIND_PATTERN[kind].search(other) is not None


def restated_bound(change: Change, unit: UnitPair) -> bool:
    """Whether ``change`` reads a bound that both sides say in words of one kind ("no fewer than 12" = "at
    least 12", "no more than two" = "at most two") as a negation, an inversion or a qualifier dropped."""
    for span, text, offset, other in ((change.a, unit.a, unit.a_span[0], unit.b), (change.b, unit.b, unit.b_span[0], unit.a)):
        if span is None:
            continue
        if any(bound in _bounds_in(other) for bound in _bounds_in(text, span[0] - offset, span[1] - offset)):
            return True
    return False


def _figure_after(text: str, at: int) -> str | None:
    """The amount or date a bound ending at ``at`` bounds, in one form ("twelve" = "12"), or None ("under Hollis")."""
    found = _AMOUNT_AFTER.match(text, at) or _DATE_AFTER.match(text, at)
    if found is None:
        return None
    figure = found.group().strip().lower().lstrip("£$€ ").rstrip(".,")
    return _NUMBER_WORDS.get(figure, figure)


def _bounds_in(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str]]:
    """The bounds ``text`` says (overlapping ``start``-``end`` when given), each as its kind and the figure it bounds."""
    stop = len(text) if end is None else end
    return [(kind, figure) for kind in _BOUNDS for m in _KIND_PATTERN[kind].finditer(text)
            if m.start() < stop and start < m.end() and (figure := _figure_after(text, m.end())) is not None]
