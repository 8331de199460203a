"""Relations turned round without a word changing: a comparison's two sides swapped, or two named
parties swapped around one verb.

"Sales were higher in May than in June" → "higher in June than in May"
keeps every word, and so does "Orvell bought Tamsin" → "Tamsin bought
Orvell" or "Orvell was bought by Tamsin"; each says the opposite. The
detectors read plain word order (no parser): the *standard* of a
comparison is what follows ``than``, ``as … as`` or ``what it was``, and
the *roles* around a verb are the names before and after it in its clause
(the agent after ``by`` in the passive). A rewrite that turns both the
relation and its word round ("bigger than" → "smaller than" with the sides
swapped) says the same thing, and the caller cancels the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import OUTCOME_AXES, Cue, directions, numbers, outcomes
from unspin.explain.opposites import AXES, opposites
from unspin.explain.unit import UnitPair
from unspin.records import Change
from unspin.segment import tokenize

_STANDARD = re.compile(
    r"\b(?:than|as\s+\w+\s+as|(?:to\s+)?what\s+(?:it|they|he|she)\s+(?:was|were|had\s+been)|compared\s+(?:with|to)|"
    r"instead\s+of)\s+"
    r"(?P<standard>[^,;:.!?()]{1,60})",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"(?:[$£€¥]?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
                     r"hundred|dozens|half|double|twice|an?\s+(?:dozen|hundred|thousand|million|billion|third|quarter|"
                     r"half|fifth|tenth|few|year|month|week|day|decade|mile|metre|kilometre|hour|minute))\b)", re.IGNORECASE)
_COMPARED = re.compile(r"\b(?:than|instead\s+of|(?:not|n['’]t)\s+(?:quite\s+|nearly\s+|so\s+)?as\s+\w+|as\s+\w+\s+as|(?:returned|back)\s+to)\b",
                       re.IGNORECASE)
"""A comparison on the other side: one that may measure against something else."""
_CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:and|but|while|whereas|which|who|that|after|before|when)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Standard:
    """What a comparison measures against: its words' stems and where they stand."""

    cue: Cue
    stems: frozenset[str]


def _bare(word: str) -> str:
    """A word without its possessive ending ("Eastfield's" → "eastfield"), so that "turnout was higher than
    Eastfield's" and "a higher turnout than Eastfield" name the same standard."""
    return _POSSESSIVE.sub("", word)


_POSSESSIVE = re.compile(r"['’]s?$")


def _content_stems(text: str, start: int = 0, end: int | None = None) -> frozenset[str]:
    return frozenset(stem(_IRREGULAR.get(_bare(w), _bare(w))) for _, _, w in tokenize(text, start, end)
                     if _bare(w) not in STOPWORDS and _bare(w))


_PRO_FORMS = frozenset({"one", "ones"})
"""Words that stand for the thing compared ("than the old one"): they say nothing of which thing it is."""


def standards(text: str) -> list[Standard]:
    """The standards of the comparisons in ``text`` ("than in June" → ``{june}``)."""
    found = []
    for m in _STANDARD.finditer(text):
        if _AMOUNT.match(m.group("standard")):
            continue  # "more than seven years" is a bound on a number, not a comparison of two things
        words = _content_stems(text, *m.span("standard"))
        if words:
            found.append(Standard(Cue(m.start(), m.end("standard"), ""), words))
    return found


def swapped_standard(unit: UnitPair) -> list[Change]:
    """A comparison whose standard on one side is compared, not measured against, on the other.

    "happier on Monday than on Friday" → "happier on Friday than on
    Monday"; "never returned to what it was under Stalin" → "was not as
    good under Stalin". The standard's words must stand on the other side
    outside every standard of its, with a comparison there.
    """
    changes: list[Change] = []
    if _degree(unit.a) & {(word, -way) for word, way in _degree(unit.b)}:
        return changes  # "safer than the ferry" → "the ferry is less safe than": both turned round, the same claim
    for side, (mine, theirs) in enumerate(((unit.a, unit.b), (unit.b, unit.a))):
        other_standards = standards(theirs)
        other_words = _content_stems(theirs)
        for standard in standards(mine):
            own = standard.stems - _PRO_FORMS
            if not standard.stems <= other_words or any(own <= s.stems for s in other_standards):
                continue
            marker = _COMPARED.search(theirs)
            if marker is not None and not own - _measured(other_standards) <= _clause_stems(theirs, marker):
                marker = None  # the standard's words moved out of the comparison ("the bank's governor")
            marker = marker or _compared_subject(theirs, standard.stems)
            if marker is None:
                continue
            evidence = other_standards[0].cue if other_standards else Cue(marker.start(), marker.end(), "")
            said = mine[standard.cue.start : standard.cue.end]
            if side == 0:
                changes.append(unit.change("inversion", standard.cue, evidence,
                                           f"comparison turned round: '{said}' is no longer what it is measured against"))
            else:
                changes.append(unit.change("inversion", evidence, standard.cue,
                                           f"comparison turned round: the copy measures against '{said}'"))
            return changes
    return changes


_DEGREE = re.compile(r"\b(?:(?P<less>less)\s+(?P<low>[a-z]{3,})|(?P<more>more)\s+(?P<high>[a-z]{3,})|"
                     r"(?P<plain>[a-z]{3,}?)(?:ier|er|r))\s+than\b", re.IGNORECASE)


def _degree(text: str) -> set[tuple[str, int]]:
    """The adjectives compared with ``than`` and which way: ``("safe", 1)`` for "safer than" and "more safe
    than", ``("safe", -1)`` for "less safe than"; so that "less safe" reads as "safer" turned round."""
    found = set()
    for m in _DEGREE.finditer(text):
        word = (m.group("low") or m.group("high") or m.group("plain")).lower()
        found.add((stem(word.rstrip("e")), -1 if m.group("less") else 1))
    return found


def _measured(found: list[Standard]) -> frozenset[str]:
    return frozenset().union(*(s.stems for s in found))


def _clause_stems(text: str, marker: re.Match[str]) -> frozenset[str]:
    """The content stems of the clause a comparison marker stands in: where a swapped standard's words
    must have gone for the comparison to be turned round."""
    begin = max([c.end() for c in _CLAUSE_END.finditer(text, 0, marker.start())], default=0)
    stop = next((c.start() for c in _CLAUSE_END.finditer(text, marker.end())), len(text))
    return _content_stems(text, begin, stop)


_COMPARATIVE = re.compile(r"\b(?:worse|better|more|less|fewer|greater|higher|lower|bigger|smaller|larger|cheaper|dearer|"
                          r"safer|riskier|harder|easier|faster|slower|stronger|weaker|costlier|deadlier)\b", re.IGNORECASE)


def _compared_subject(text: str, words: frozenset[str]) -> re.Match[str] | None:
    """A comparative with no standard said of ``words`` ("a collapse of the stock would be far worse"):
    what the other side measures against is what this side compares, so the comparison turned round.
    The words must all stand in the comparative's clause before it."""
    for m in _COMPARATIVE.finditer(text):
        begin = max([c.end() for c in _CLAUSE_END.finditer(text, 0, m.start())], default=0)
        if words <= _content_stems(text, begin, m.start()):
            return m
    return None


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_SYMMETRIC = frozenset(stem(w) for w in (
    "met", "meet", "meets", "meeting", "talked", "spoke", "married", "joined", "fought", "played", "merged", "signed",
    "agreed", "competed", "faced", "drew", "tied", "partnered", "allied", "clashed", "negotiated", "called",
))
"""Verbs whose two parties can trade places without a change ("Kim met Putin")."""
_VERB_FORM = re.compile(r"^\w+(?:ed|ought|old|ew|ook|uck|ote|ave|ued|ues|ies|es|s)$")
_IRREGULAR = {"bought": "buy", "buys": "buy", "buying": "buy", "sold": "sell", "sells": "sell", "selling": "sell",
              "took": "take", "taken": "take", "takes": "take", "beat": "beat", "beaten": "beat", "beats": "beat",
              "paid": "pay", "pays": "pay", "owed": "owe", "owes": "owe", "led": "lead", "leads": "lead",
              "lent": "lend", "lends": "lend", "lending": "lend", "sent": "send", "sends": "send", "won": "win",
              "wins": "win", "hit": "hit", "hits": "hit", "struck": "strike", "strikes": "strike", "caught": "catch",
              "taught": "teach", "teaches": "teach", "hired": "hire", "hires": "hire", "sued": "sue", "sues": "sue",
              "outbid": "outbid", "overtook": "overtake", "overtaken": "overtake", "gave": "give", "given": "give",
              "gives": "give", "owns": "own", "owned": "own", "employs": "employ", "employed": "employ", "lost": "lose", "loses": "lose",
              "losing": "lose", "suing": "sue", "sued": "sue", "sues": "sue", "saw": "see", "seen": "see",
              "knocked": "knock", "spent": "spend", "bought": "buy", "receives": "receiv", "received": "receiv", "receiving": "receiv"}
"""Irregular verb forms and their plain form, so that "was bought by" and "to buy" are one verb."""


def verb_key(word: str) -> str:
    """A verb's plain form for irregular ones ("bought" → "buy"), else its stem."""
    return _IRREGULAR.get(word, stem(word))


def _is_verb(text: str, start: int, word: str) -> bool:
    """Whether a word reads as a verb: an inflected form, an irregular one, or one after ``to``."""
    return (bool(_VERB_FORM.match(word)) or word in _IRREGULAR
            or re.search(r"\bto\s+$", text[max(0, start - 4) : start]) is not None)


@dataclass(frozen=True, slots=True)
class Roles:
    """Who does and who undergoes one verb: name stems on each side of it, the verb's place."""

    verb: Cue
    agent: frozenset[str]
    patient: frozenset[str]


def _names(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(stem(_bare(w)) for s, _, w in tokenize(text, start, end) if text[s].isupper() and _bare(w) not in STOPWORDS)


def roles(text: str) -> list[Roles]:
    """For each verb-like word with a name on both sides in its clause, who does it and to whom."""
    found = []
    ends = [m.start() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    starts = [m.end() for m in _CLAUSE_END.finditer(text)]
    for s, e, word in tokenize(text):
        if word in STOPWORDS or not _is_verb(text, s, word) or stem(word) in _SYMMETRIC or text[s].isupper():
            continue
        begin = max([x for x in starts if x <= s], default=0)
        stop = min([x for x in ends if x >= e], default=len(text))
        before, after = _names(text, begin, s), _names(text, e, stop)
        if not before or not after:
            continue
        passive = _PASSIVE.search(text, max(begin, s - 20), s) is not None
        by = re.match(r"\s+by\b", text[e:stop])
        if passive and by:
            found.append(Roles(Cue(s, e, verb_key(word)), agent=after, patient=before))
        elif not passive:
            found.append(Roles(Cue(s, e, verb_key(word)), agent=before, patient=after))
    return found


_DETERMINER = r"(?i:the|a|an|its|their|his|her|our|this|that)"
_NOUN_ROLES = re.compile(
    rf"\b{_DETERMINER}\s+(?P<before>[a-z][\w-]+)\s+(?P<passive>(?:was|were|is|are|has\s+been|had\s+been)\s+)?"
    rf"(?P<verb>[a-z]+)\s+(?P<by>by\s+)?{_DETERMINER}\s+(?P<after>[a-z][\w-]+)\b"
)
"""A plain clause between two noun phrases: ``the union blamed the company``, ``the company was blamed by
the union``."""


def noun_roles(text: str) -> list[Roles]:
    """Who does and who undergoes a verb between two determined nouns, read as ``roles`` reads names."""
    found = []
    for m in _NOUN_ROLES.finditer(text):
        word = m.group("verb")
        if word in STOPWORDS or stem(word) in _SYMMETRIC or not _is_verb(text, m.start("verb"), word):
            continue
        before, after = frozenset({stem(m.group("before"))}), frozenset({stem(m.group("after"))})
        verb = Cue(m.start("verb"), m.end("verb"), verb_key(word))
        if m.group("passive") and m.group("by"):
            found.append(Roles(verb, agent=after, patient=before))
        elif not m.group("passive") and not m.group("by"):
            found.append(Roles(verb, agent=before, patient=after))
    return found


_ROUTE = re.compile(r"\b(?:from|out\s+of)\s+(?:the\s+|a\s+|an\s+)?(?P<origin>[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:(?:and\s+)?(?:over\s+|across\s+|back\s+)?(?:to|into))\s+"
                    r"(?:the\s+|a\s+|an\s+)?(?P<goal>[\w'’-]+)", re.IGNORECASE)


def swapped_route(unit: UnitPair) -> list[Change]:
    """A move whose two ends swapped: "switched from gas to electric" → "from electric to gas"."""
    def ends(text: str) -> list[tuple[Cue, frozenset[str], frozenset[str]]]:
        return [(Cue(m.start(), m.end(), ""), _content_stems(text, *m.span("origin")), _content_stems(text, *m.span("goal")))
                for m in _ROUTE.finditer(text)]
    for x, origin, goal in ends(unit.a):
        for y, origin_b, goal_b in ends(unit.b):
            if origin and goal and origin & goal_b and goal & origin_b and not origin & origin_b:
                return [unit.change("inversion", x, y, f"the two ends swapped: '{unit.a[x.start:x.end]}' → "
                                    f"'{unit.b[y.start:y.end]}'")]
    return []


def swapped_roles(unit: UnitPair) -> list[Change]:
    """Two named parties that trade places around the same verb ("Orvell bought Tamsin" → "Tamsin bought
    Orvell", or "Orvell was bought by Tamsin")."""
    rb = roles(unit.b) + noun_roles(unit.b)
    for x in roles(unit.a) + noun_roles(unit.a):
        for y in rb:
            if x.verb.key == y.verb.key and x.agent & y.patient and x.patient & y.agent and not x.agent & y.agent:
                return [unit.change("inversion", x.verb, y.verb,
                                    f"roles swapped around '{unit.a[x.verb.start:x.verb.end]}': "
                                    "who does it and to whom traded places")]
    return []


_PART = re.compile(r";|\b(?:and|while|whereas|but)\b", re.IGNORECASE)
_AGE = re.compile(r"[A-Z][\w'’-]*,\s*$")
"""A number right after a name and a comma is an age ("Ann Bell, 57,"), not what the clause assigns."""
_CALENDAR = frozenset(stem(w) for w in (
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december").split())


@dataclass(frozen=True, slots=True)
class Share:
    """One party's figure in a clause that assigns figures to parties ("Ann got seven years")."""

    number: Cue
    party: frozenset[str]


def shares(text: str) -> list[Share]:
    """For each clause of ``text`` (split at ``;``, ``and``, ``while``, ``whereas``, ``but``) naming a
    party and giving exactly one figure, the party's names and the figure."""
    found = []
    bounds = [0] + [m.end() for m in _PART.finditer(text)] + [len(text)]
    figures = [c for c in numbers(text) if not _AGE.search(text, max(0, c.start - 40), c.start)]
    for begin, stop in zip(bounds, bounds[1:]):
        inside = [c for c in figures if begin <= c.start < stop]
        if len(inside) != 1:
            continue
        party = _names(text, begin, stop) - _CALENDAR
        if party:
            found.append(Share(inside[0], party))
    return found


def swapped_shares(unit: UnitPair) -> list[Change]:
    """Figures that trade places between named parties ("A got seven years and B four" → "B got seven
    and A four", "A will own 60% and B 40%" swapped): each party keeps a figure the other had."""
    mine, theirs = shares(unit.a), shares(unit.b)
    matched = []
    for x in mine:  # the same party, named more fully or less on one side ("Pell" … "Graham Pell")
        same = [y for y in theirs if x.party <= y.party or y.party <= x.party]
        if len(same) == 1:
            matched.append((x, same[0]))
    moved = [(x, y) for x, y in matched if x.number.key != y.number.key]
    if len(moved) < 2 or sorted(x.number.key for x, _ in moved) != sorted(y.number.key for _, y in moved):
        return []
    x, y = moved[0]
    return [unit.change("inversion", x.number, y.number,
                        f"figures swapped between parties: '{unit.a[x.number.start:x.number.end]}' → "
                        f"'{unit.b[y.number.start:y.number.end]}'")]


WINDOW = 4
"""Content words either side of a figure that say what the figure is of."""


def _context(text: str, cue: Cue) -> frozenset[str]:
    """Content-word stems within ``WINDOW`` words before and after a figure, figures left out."""
    def content(words: list[tuple[int, int, str]]) -> list[str]:
        return [stem(w) for _, _, w in words if w not in STOPWORDS and not w[0].isdigit()]
    return frozenset(content(tokenize(text, 0, cue.start))[-WINDOW:] + content(tokenize(text, cue.end))[:WINDOW])


def swapped_figures(unit: UnitPair) -> list[Change]:
    """Two figures each side states once that traded places while the words around them stayed
    ("Only 81% of trains …, compared with a national average of 87%" → "Only 87% …, compared with a
    national average of 81%"). Each figure's neighbours on one side must match the *other* figure's
    on the other side clearly better than its own: a rewrite that moves a figure with its words
    ("rose from 40 to 60" → "climbed to 60 from 40") keeps each figure's neighbours."""
    def once(text: str) -> dict[str, Cue]:
        cues = numbers(text)
        keys = [c.key for c in cues]
        return {c.key: c for c in cues if keys.count(c.key) == 1}
    ca, cb = once(unit.a), once(unit.b)
    shared = sorted(set(ca) & set(cb))
    for i, k in enumerate(shared):
        for j in shared[i + 1 :]:
            x1, x2, y1, y2 = (_context(unit.a, ca[k]), _context(unit.a, ca[j]), _context(unit.b, cb[k]),
                              _context(unit.b, cb[j]))
            kept, crossed = len(x1 & y1) + len(x2 & y2), len(x1 & y2) + len(x2 & y1)
            if crossed >= 4 and crossed >= 2 * kept + 2:
                return [unit.change("inversion", ca[k], cb[j],
                                    f"figures swapped: '{unit.a[ca[k].start:ca[k].end]}' and "
                                    f"'{unit.a[ca[j].start:ca[j].end]}' traded places")]
    return []


_ORDERED = re.compile(
    r"\b(?P<passive>(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+)?"
    r"(?:(?P<cause>(?:led|leads?|leading)\s+to|caus(?:e|es|ed|ing)|drove|driv(?:e|es|en|ing)|trigger(?:s|ed|ing)?|"
    r"result(?:s|ed|ing)?\s+in|prompt(?:s|ed|ing)?|spark(?:s|ed|ing)?|fuel(?:s|led|ed|ling|ing)?)|"
    r"(?P<ahead>out(?:pac|number|sell|sold|perform|strip|grow|grew|run|ran|rank|scor|spend|spent|earn)\w*|"
    r"overt(?:ook|ake|akes|aking|aken)|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|trail(?:s|ed|ing)?|lagg?(?:s|ed|ing)?\s+behind))"
    r"(?P<by>\s+by)?\b",
    re.IGNORECASE,
)
"""Relations whose two sides are ordered: a cause and its effect, the one ahead and the one behind."""


@dataclass(frozen=True, slots=True)
class Ordered:
    """One ordered relation: its verb (keyed ``cause`` or ``ahead``) and the content stems of the side
    it runs from (the cause, the one ahead) and the side it runs to."""

    verb: Cue
    first: frozenset[str]
    then: frozenset[str]


def ordered(text: str) -> list[Ordered]:
    """The ordered relations of ``text`` with their two sides read to the edges of the clause; a passive
    with ``by`` ("was caused by the drought") runs from what follows, and "trailed" from what follows too."""
    found = []
    starts = [m.end() for m in _CLAUSE_END.finditer(text)]
    ends = [m.start() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    for m in _ORDERED.finditer(text):
        begin = max([x for x in starts if x <= m.start()], default=0)
        stop = min([x for x in ends if x >= m.end()], default=len(text))
        before, after = _content_stems(text, begin, m.start()), _content_stems(text, m.end(), stop)
        if not before or not after or bool(m.group("passive")) != bool(m.group("by")):
            continue
        key = "cause" if m.group("cause") else "ahead"
        behind = key == "ahead" and m.group("ahead").lower().startswith(("trail", "lag"))
        forward = not m.group("by") and not behind
        verb = Cue(m.start(), m.end(), key)
        found.append(Ordered(verb, before, after) if forward else Ordered(verb, after, before))
    return found


def swapped_order(unit: UnitPair) -> list[Change]:
    """A cause and its effect, or the one ahead and the one behind, that traded places: "the drought led
    to dearer grain" → "dearer grain led to the drought", "exports outpaced imports" → "imports outpaced
    exports". "Grain rose after the drought caused it" said the other way round with "was caused by" stays."""
    ob = ordered(unit.b)
    for x in ordered(unit.a):
        for y in ob:
            if x.verb.key != y.verb.key:
                continue
            if x.first & y.then and x.then & y.first and not x.first & y.first:
                return [unit.change("inversion", x.verb, y.verb,
                                    f"order turned round around '{unit.a[x.verb.start:x.verb.end]}': "
                                    "the two sides traded places")]
    return []


@dataclass(frozen=True, slots=True)
class Opposed:
    """Claims added and dropped that are one claim turned round: the inversions they make and the claims left."""

    inversions: list[Change]
    rest: list[Change]


def _stretch_poles(text: str) -> dict[str, set[str]]:
    """Which poles of each axis a stretch of words stands on: the opposites' axes, outcomes and movements."""
    found: dict[str, set[str]] = {}
    for axis in AXES:
        if axis.kind == "inversion":
            for cue in opposites(text, axis):
                found.setdefault(axis.name, set()).add(cue.key)
    for name in OUTCOME_AXES:
        for cue in outcomes(text, name):
            found.setdefault(name, set()).add(cue.key)
    for cue in directions(text):
        found.setdefault("direction", set()).add(cue.key)
    return found


def opposed_claims(claims: list[Change], unit: UnitPair) -> Opposed:
    """A dropped stretch and an added one in the same unit that stand on opposite poles of one axis,
    each on one pole only: the copy turned the claim round in other words ("had been let down by their
    fielding" dropped, "her bowlers had been poor" added where the source said they "bowled well"), so
    the pair is one ``inversion`` with both sides' words, not an omission and an addition."""
    dropped = [c for c in claims if c.type == "omission" and c.a is not None and c.b is None]
    added = [c for c in claims if c.type == "addition" and c.b is not None and c.a is None]
    used: set[int] = set()
    inversions: list[Change] = []
    for x in dropped:
        xp = _stretch_poles(x.a_text)
        for y in added:
            if id(y) in used:
                continue
            yp = _stretch_poles(y.b_text)
            axis = next((n for n in xp.keys() & yp.keys() if len(xp[n]) == 1 and len(yp[n]) == 1 and xp[n] != yp[n]), None)
            if axis is not None:
                used |= {id(x), id(y)}
                inversions.append(Change("inversion", x.a, y.b, x.a_text, y.b_text,
                                         f"{axis} turned round in other words: '{x.a_text}' → '{y.b_text}'"))
                break
    return Opposed(inversions, [c for c in claims if id(c) not in used])


OBJECT_WORDS = 4
"""Words after an opposite that say what it is said of ("welcomed *the transport report*")."""


@dataclass(frozen=True, slots=True)
class Said:
    """One opposite word in a clause: its cue (keyed by pole), its axis, the content stems of what it is said
    of and the first of them (what it is said of, where the rest may qualify it)."""

    cue: Cue
    axis: str
    about: frozenset[str]
    head: str


def _said(text: str) -> list[Said]:
    """Every opposite of ``text`` (the inversion axes that are no converse pair, and the outcomes but for
    contests, whose loser and winner may trade places in a faithful copy) with what follows it in its clause."""
    found: list[tuple[str, Cue]] = [(a.name, c) for a in AXES if a.kind == "inversion" and not a.converse
                                    for c in opposites(text, a)]
    found += [(name, c) for name in OUTCOME_AXES if name != "contest" for c in outcomes(text, name)]
    said = []
    for axis, cue in found:
        stop = next((m.start() for m in _CLAUSE_END.finditer(text, cue.end)), len(text))
        words = [stem(w) for _, _, w in tokenize(text, cue.end, stop) if w.lower() not in STOPWORDS][:OBJECT_WORDS]
        if words:
            said.append(Said(cue, axis, frozenset(words), words[0]))
    return said


def turned_about(unit: UnitPair) -> list[Change]:
    """An opposite turned round about the same thing in a sentence that says both poles ("welcomed the
    report but criticised its timing" → "attacked the report, though he praised its timing"): each
    opposite is paired with the other side's one on the same axis said of the same thing (each one's first
    word after it among the other's), where no word on its own pole is said of it too ("welcomed the
    report" and "criticised the timing of the report" are said of two things). ``changes._reversed`` pairs opposites by the name before them
    and leaves a side with both poles alone; this reads what follows them."""
    mine, theirs = _said(unit.a), _said(unit.b)
    changes = []
    for x in mine:
        same = [y for y in theirs if y.axis == x.axis and x.head in y.about and y.head in x.about]
        turned = [y for y in same if y.cue.key != x.cue.key]
        if len(turned) != 1 or len(same) != 1:
            continue
        y = turned[0]
        if any(z.axis == y.axis and z.cue.key == y.cue.key and y.head in z.about for z in mine):
            continue
        changes.append(unit.change("inversion", x.cue, y.cue, f"{x.axis} turned round about the same thing: "
                                   f"'{unit.a[x.cue.start:x.cue.end]}' → '{unit.b[y.cue.start:y.cue.end]}'"))
    return changes


FIGURE_REACH = 6
"""Most words between a movement and the figure it moved by ("fell *by almost* 3%", "a 3% *rise*")."""


def _moved_by(text: str) -> dict[str, Cue]:
    """Each movement of ``text`` keyed by the figure it moved by or to (the nearest number after it in its
    clause, else the nearest before it), for the figures only one movement claims."""
    figures = [c for c in numbers(text) if not _AGE.search(text, max(0, c.start - 40), c.start)]
    edges = [m.start() for m in re.finditer(r"[,;:.!?]|\b(?:and|while|whereas|but)\b", text)]
    claimed: dict[str, list[Cue]] = {}
    for move in directions(text):
        stop = min([e for e in edges if e >= move.end], default=len(text))
        begin = max([e for e in edges if e < move.start], default=0)
        after = [f for f in figures if move.end <= f.start < stop and len(tokenize(text, move.end, f.start)) <= FIGURE_REACH]
        before = [f for f in figures if begin <= f.start and f.end <= move.start
                  and len(tokenize(text, f.end, move.start)) <= FIGURE_REACH]
        figure = after[0] if after else before[-1] if before else None
        if figure is not None:
            claimed.setdefault(figure.key, []).append(move)
    return {key: moves[0] for key, moves in claimed.items() if len(moves) == 1}


def figure_directions(unit: UnitPair) -> list[Change]:
    """Movements turned round, paired by the figure each moved by: "fell 3% in May after rising 2% in
    April" → "rose 3% in May after falling 2%", or "exports dropped 4% while imports climbed 6%" →
    "exports climbed 4% and imports dropped 6%". A side that says both ways is left alone by the pairing
    on subjects; the figure says which of its movements the other side's stands for."""
    mine, theirs = _moved_by(unit.a), _moved_by(unit.b)
    changes = []
    for key in sorted(mine.keys() & theirs.keys()):
        x, y = mine[key], theirs[key]
        if x.key != y.key:
            changes.append(unit.change("inversion", x, y, f"direction turned round: '{unit.a[x.start:x.end]}' → "
                                                          f"'{unit.b[y.start:y.end]}' by the same figure"))
    return changes
