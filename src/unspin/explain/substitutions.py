"""Substitutions inside an aligned unit: a word or two standing where the other side has different ones.

The other detectors look for cues they know (a number, a date, a negation,
an opposite from a table) and compare them. Some changes move no such cue:
"deputy minister Petra Holm" → "transport minister Petra Holm", "the county
council" → "the town council", "reopened last week" → "reopened last month",
"less effective" → "more effective". Here the unit's two sides are diffed
word by word (on stems, so inflection is no difference), and each short
stretch that one side replaces with another, between words both sides
share, is typed by what it stands in front of or what it is made of:

- **entity**: the stretch modifies the same *kind* of party on both sides
  (a role or an institution: minister, director, seed, council, school,
  group) and says a different one ("finance director" → "marketing
  director"), or a rank modifier is put on or taken off a role ("deputy
  mayor" → "mayor"). Names are the entity rules' ground; what a role noun
  stands for is read here, from the head the two sides share.
- **date**: both stretches are words of relative time (units, seasons,
  "yesterday", "last") and they name a different time ("last week" → "last
  month", "in the spring" → "in the autumn"). Weekdays, months and years
  are ``dates``' to compare.
- **inversion**: a degree word turned round before the same word ("less
  effective" → "more effective", "fewer" → "more").
- **number**: an order of magnitude or a multiple for another ("hundreds of"
  → "thousands of", "doubled" → "tripled").
- **inversion** also: a word with the opposite prefix ("overestimated" →
  "underestimated").
- **hedge**: a belief frame ("police believe", "experts fear that") or a
  look ("appears to show") opens the shared clause on one side only: stated
  as fact, or back.

A faithful paraphrase swaps synonyms ("manager" → "boss", "large" → "big")
and moves words. Neither stands in front of the same role or institution
head with a different classifier, and a stretch whose words the other side
says elsewhere was moved, not replaced. Word vectors are no guard on their
own (co-hyponyms such as "primary"/"secondary" sit as close as synonyms
such as "key"/"crucial"); a very close pair (``SYNONYM_COSINE``) is still
read as one word said two ways.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.relations import swapped_standard
from unspin.explain.speakers import AGENT_FAMILY
from unspin.explain.unit import UnitPair
from unspin.records import Change, ChangeType, Span
from unspin.segment import tokenize

MAX_WORDS = 2
"""Most words a side of a substituted time or degree may hold: a longer one is a clause reworded, not a word swapped."""

MAX_ROLE_WORDS = 4
"""Most words a side of a stretch before a role may hold ("beating second seed" → "knocking out top seed"):
only the word next to the role is read, so the verbs before it may be reworded."""

SYNONYM_COSINE = 0.7
"""Least cosine of two words' WordLlama vectors at which they are read as synonyms ("large"/"big" 0.74)."""

HEADS = frozenset(
    """minister secretary director officer executive chief president chair chairman chairwoman chairperson
    manager coach captain seed mayor governor judge coroner inspector commissioner superintendent constable
    sergeant detective prosecutor editor correspondent spokesman spokeswoman spokesperson adviser advisor
    ambassador envoy councillor senator deputy leader head teacher headteacher principal professor doctor
    surgeon nurse consultant partner
    council court school college university hospital army government ministry department
    committee commission authority agency office union party club bank group company firm trust board
    team squad league station airport bridge road street museum church library prison tribunal""".split()
)
"""Nouns that name a role or an institution: a word in front of one says *which* ("finance director",
"county council"), so another word there names another party. A closed class of kinds, not of names."""

RANKS = frozenset("deputy assistant acting interim vice former shadow junior".split())
"""Modifiers that make a role another, lower or past one: put on or taken off, they change who it is."""

_FIRST = frozenset("top leading chief head senior principal main lead premier".split())
"""Classifiers that all say *first in rank* ("top seed" = "leading seed", "chief executive" = "head
executive"): one class, keyed alike, so swapping them names no other role."""

_UNITS = frozenset("""day days week weeks fortnight fortnights month months year years decade decades century
    weekend weekends morning mornings afternoon evening night spring summer autumn fall winter quarter""".split())
_RELATIVE = {"yesterday": "yesterday", "today": "today", "tomorrow": "tomorrow", "tonight": "today",
             "last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next",
             "this": "this", "earlier": "earlier", "later": "later", "ago": "ago"}
"""Words of relative time, with the synonyms a paraphrase swaps in ("the past year" = "the last year",
"tonight" = "today") keyed alike."""

_BELIEFS = frozenset("""believe believes believed think thinks thought suspect suspects suspected fear fears feared
    assume assumes assumed reckon reckons reckoned""".split())
"""Verbs that give what follows as someone's belief, not as fact: the frame they open, dropped or put on, is a hedge."""

_SEEMING = frozenset("appear appears appeared seem seems seemed".split())
"""Verbs that give what follows as how things look ("appears to show"): dropped, the copy says it is so."""

_MAGNITUDES = {"dozens": 1, "scores": 1, "hundreds": 2, "thousands": 3, "millions": 6, "billions": 9,
               "doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4, "halved": -2}
"""Amounts said as an order of magnitude ("hundreds of") or a multiple ("doubled"): another one is another number."""

_PREFIXES = (("over", "under"), ("up", "down"), ("pre", "post"), ("max", "min"), ("inbound", "outbound"))
"""Prefixes that turn a word into its opposite ("overestimated"/"underestimated", "upgrade"/"downgrade")."""

_DEGREES = {"more": "more", "most": "more", "less": "less", "least": "less", "fewer": "less", "fewest": "less"}


@dataclass(frozen=True, slots=True)
class Swap:
    """Words ``a`` of side A replaced by words ``b`` of side B (local spans; one may be empty), and the
    word both sides share after them (``after``, "" at the end)."""

    a: Span
    b: Span
    words_a: tuple[str, ...]
    words_b: tuple[str, ...]
    after: str
    last_a: Span | None
    """The last word of ``a`` (the word next to ``after``), None where ``a`` is empty; likewise ``last_b``."""
    last_b: Span | None


def swaps(a: str, b: str) -> list[Swap]:
    """The stretches of at most ``MAX_ROLE_WORDS`` words a side where ``a`` and ``b`` differ, each between words
    both sides share (or a side's edge), from a word diff of their stems."""
    ta, tb = tokenize(a), tokenize(b)
    ops = difflib.SequenceMatcher(None, [stem(w) for *_, w in ta], [stem(w) for *_, w in tb], autojunk=False).get_opcodes()
    found = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal" or i2 - i1 > MAX_ROLE_WORDS or j2 - j1 > MAX_ROLE_WORDS:
            continue
        if (k > 0 and ops[k - 1][0] != "equal") or (k + 1 < len(ops) and ops[k + 1][0] != "equal"):
            continue
        span_a = (ta[i1][0], ta[i2 - 1][1]) if i1 < i2 else (ta[i1][0], ta[i1][0]) if i1 < len(ta) else (len(a), len(a))
        span_b = (tb[j1][0], tb[j2 - 1][1]) if j1 < j2 else (tb[j1][0], tb[j1][0]) if j1 < len(tb) else (len(b), len(b))
        found.append(Swap(span_a, span_b, tuple(w for *_, w in ta[i1:i2]), tuple(w for *_, w in tb[j1:j2]),
                          ta[i2][2] if i2 < len(ta) else "",
                          ta[i2 - 1][:2] if i1 < i2 else None, tb[j2 - 1][:2] if j1 < j2 else None))
    return found


def substitution_changes(unit: UnitPair, found: list[Change]) -> list[Change]:
    """Entity, date, inversion, number and hedge changes from the unit's substituted stretches, and roles
    retitled beside a name (``retitled``), that no change in ``found`` already reports (see the module
    docstring for what each type reads)."""
    sa, sb = unit.a, unit.b
    if sa == sb:
        return []
    a0, b0 = unit.a_span[0], unit.b_span[0]
    taken = [((c.a[0] - a0, c.a[1] - a0) if c.a else None, (c.b[0] - b0, c.b[1] - b0) if c.b else None) for c in found]
    words_a = {stem(w) for *_, w in tokenize(sa)}
    words_b = {stem(w) for *_, w in tokenize(sb)}
    plain_a, plain_b = {w for *_, w in tokenize(sa)}, {w for *_, w in tokenize(sb)}
    changes = []
    turned_standard = None  # read once, only where a degree word turned round
    for swap in swaps(sa, sb):
        if any(_meets(swap.a, x) or _meets(swap.b, y) for x, y in taken):
            continue
        agent = _agent(swap, plain_a, plain_b)
        kind = (_role(swap, sa, sb, words_a, words_b) or agent or _relative_time(swap) or _degree(swap) or _prefixed(swap)
                or _magnitude(swap) or _belief(swap))
        if kind == "inversion" and _degree(swap):
            turned_standard = bool(swapped_standard(unit)) if turned_standard is None else turned_standard
            if turned_standard:
                continue  # "fewer in the north than the south" → "more in the south than the north": the same claim
        if kind is None:
            continue
        span_a, span_b = (swap.last_a, swap.last_b) if kind == "entity" and swap.last_a and swap.last_b else (swap.a, swap.b)
        x = Cue(*span_a, "") if span_a and span_a[0] < span_a[1] else None
        y = Cue(*span_b, "") if span_b and span_b[0] < span_b[1] else None
        said_a, said_b = sa[x.start : x.end] if x else "", sb[y.start : y.end] if y else ""
        note = _AGENT_NOTE if agent and kind == "entity" else _NOTES[kind]
        changes.append(unit.change(kind, x, y, note.format(a=said_a or "—", b=said_b or "—", head=swap.after)))
    if not any(c.type == "entity" for c in changes):
        changes += [c for c in _agents_before_verb(unit, plain_a, plain_b)
                    if not any(_meets((c.a[0] - a0, c.a[1] - a0), x) or _meets((c.b[0] - b0, c.b[1] - b0), y)
                               for x, y in taken if c.a and c.b)]
    reported = [*taken, *(((c.a[0] - a0, c.a[1] - a0) if c.a else None, (c.b[0] - b0, c.b[1] - b0) if c.b else None)
                          for c in changes)]
    for x, y, head in retitled(sa, sb, words_a, words_b):
        if not any(_meets((x.start, x.end), p) or _meets((y.start, y.end), q) for p, q in reported):
            changes.append(unit.change("entity", x, y, _NOTES["entity"].format(a=sa[x.start:x.end], b=sb[y.start:y.end], head=head)))
    return changes


_TITLED = re.compile(r"\b(?P<classifier>[A-Za-z][\w-]*)\s+(?P<head>[A-Za-z]+),?\s+"
                     r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)")
"""A title right before a name of two or more capitalised words ("assistant coroner Hugh Lamb",
"finance director, Tom Reyes"): its head (the role) and the word that classifies it."""


def _titles(text: str) -> dict[str, tuple[Cue, str]]:
    """Each name given a role here, with the classifier's span (keyed by the classifier) and the role."""
    found = {}
    for m in _TITLED.finditer(text):
        head = m.group("head").lower()
        if head in HEADS:
            found[m.group("name")] = (Cue(m.start("classifier"), m.end("classifier"), m.group("classifier").lower()), head)
    return found


def retitled(a: str, b: str, words_a: set[str], words_b: set[str]) -> list[tuple[Cue, Cue, str]]:
    """``(classifier in a, classifier in b, role)`` for each name both sides give the same role with a
    different classifier ("assistant coroner Hugh Lamb" → "senior coroner Hugh Lamb"), wherever the
    sentence puts them: a word diff pairs them only when the words around stay in order."""
    titles_b = _titles(b)
    found = []
    for name, (x, head) in _titles(a).items():
        if name not in titles_b or titles_b[name][1] != head:
            continue
        y = titles_b[name][0]
        if not _classifier(x.key, y.key) or not _lower(a, x) or not _lower(b, y):
            continue
        if stem(x.key) in words_b or stem(y.key) in words_a or _synonyms(x.key, y.key):
            continue
        found.append((x, y, head))
    return found


_NOTES: dict[ChangeType, str] = {
    "entity": "another {head}: '{a}' → '{b}'",
    "date": "another time: '{a}' → '{b}'",
    "inversion": "the degree turned round: '{a}' → '{b}'",
    "hedge": "a belief or a look stated as fact, or the reverse: '{a}' → '{b}'",
    "number": "another amount: '{a}' → '{b}'",
}


def _meets(span: Span, other: Span | None) -> bool:
    return other is not None and span[0] <= other[1] and other[0] <= span[1]


def _role(swap: Swap, a: str, b: str, words_a: set[str], words_b: set[str]) -> ChangeType | None:
    """``entity`` where the stretch stands before the same role or institution head on both sides and
    names another one of it: a different classifier (the word next to the head), or a rank put on or
    taken off."""
    if swap.after not in HEADS:
        return None
    if not swap.words_a or not swap.words_b:
        ranked = set(swap.words_a or swap.words_b)
        return "entity" if ranked <= RANKS else None
    x, y = swap.words_a[-1], swap.words_b[-1]
    if not _classifier(x, y) or not swap.last_a or not swap.last_b:
        return None
    if not _lower(a, Cue(*swap.last_a, x)) or not _lower(b, Cue(*swap.last_b, y)):
        return None
    if stem(x) in words_b or stem(y) in words_a:
        return None  # said elsewhere on the other side: moved, not replaced
    return None if _synonyms(x, y) else "entity"


_AGENT_NOTE = "another party: '{a}' → '{b}'"


def _agent(swap: Swap, words_a: set[str], words_b: set[str]) -> ChangeType | None:
    """``entity`` where a group of people who act is put in another's place between the same words
    ("Firefighters pulled two men from the car" → "Neighbours pulled …"): nouns of two families, neither
    said elsewhere on the other side (moved, not replaced)."""
    if not swap.words_a or not swap.words_b or len(swap.words_a) > 3 or len(swap.words_b) > 3:
        return None
    x, y = swap.words_a[-1], swap.words_b[-1]
    fx, fy = AGENT_FAMILY.get(x), AGENT_FAMILY.get(y)
    if fx is None or fy is None or fx == fy:
        return None
    if any(AGENT_FAMILY.get(w) == fx for w in words_b) or any(AGENT_FAMILY.get(w) == fy for w in words_a):
        return None  # the other side names that party too: moved, not replaced
    return "entity"


def _agents_before_verb(unit: UnitPair, words_a: set[str], words_b: set[str]) -> list[Change]:
    """A group of people who act put in another's place where the sentence was also reordered ("Firefighters
    freed the driver after an hour" → "After an hour, neighbours freed the driver"): the two groups stand
    right before the same verb, are of two families, and neither side names the other's group."""
    ta, tb = tokenize(unit.a), tokenize(unit.b)
    def acts(tokens: list[tuple[int, int, str]]) -> list[tuple[int, str, str]]:
        return [(k, w, stem(tokens[k + 1][2])) for k, (_, _, w) in enumerate(tokens[:-1])
                if w in AGENT_FAMILY and tokens[k + 1][2] not in STOPWORDS]
    for i, x, verb in acts(ta):
        for j, y, other in acts(tb):
            fx, fy = AGENT_FAMILY[x], AGENT_FAMILY[y]
            if verb != other or fx == fy:
                continue
            if any(AGENT_FAMILY.get(w) == fx for w in words_b) or any(AGENT_FAMILY.get(w) == fy for w in words_a):
                continue
            return [unit.change("entity", Cue(ta[i][0], ta[i][1], x), Cue(tb[j][0], tb[j][1], y),
                                _AGENT_NOTE.format(a=unit.a[ta[i][0] : ta[i][1]], b=unit.b[tb[j][0] : tb[j][1]]))]
    return []


def _classifier(x: str, y: str) -> bool:
    """Whether ``x`` and ``y`` (lower-cased words before a role) may name two different roles: words, not
    function words, not both of the first rank, and neither a verb's past ("urged the board" → "asked the
    board", "family owned" → "family run")."""
    if not x.isalpha() or not y.isalpha() or x in STOPWORDS or y in STOPWORDS or x == y:
        return False
    return not ({x, y} <= _FIRST or x.endswith("ed") or y.endswith("ed"))


def _lower(text: str, cue: Cue) -> bool:
    """Whether the word at ``cue`` is written lower-case, or opens a sentence: a capitalised word inside
    one is a name ("Beeks, Water president"), the entity rules' to compare."""
    return text[cue.start].islower() or not text[: cue.start].strip() or text[: cue.start].rstrip()[-1] in ".!?\"“"


def _relative_time(swap: Swap) -> ChangeType | None:
    """``date`` where both stretches are words of relative time and name a different time."""
    def key(words: tuple[str, ...]) -> tuple[str, ...] | None:
        if not words or len(words) > MAX_WORDS or not all(w in _UNITS or w in _RELATIVE for w in words):
            return None
        return tuple(_RELATIVE.get(w, stem(w).rstrip("s")) for w in words)
    ka, kb = key(swap.words_a), key(swap.words_b)
    if ka is None or kb is None or ka == kb:
        return None
    if not any(w in _UNITS or w in ("yesterday", "today", "tomorrow", "tonight") for w in (*swap.words_a, *swap.words_b, swap.after)):
        return None  # "this" → "last" of what? Only a unit says the time is another
    return "date"


def _degree(swap: Swap) -> ChangeType | None:
    """``inversion`` where one degree word stands for its opposite before the same word."""
    if len(swap.words_a) != 1 or len(swap.words_b) != 1 or not swap.after or swap.after in STOPWORDS:
        return None
    x, y = _DEGREES.get(swap.words_a[0]), _DEGREES.get(swap.words_b[0])
    return "inversion" if x and y and x != y else None


def _belief(swap: Swap) -> ChangeType | None:
    """``hedge`` where one side opens the shared clause with a belief ("Police believe (that) …") and the
    other states the clause alone."""
    frame = swap.words_a if not swap.words_b else swap.words_b if not swap.words_a else ()
    if frame[-2:-1] and frame[-2] in _SEEMING and frame[-1] == "to" and swap.after not in STOPWORDS:
        return "hedge"
    verbs = frame[:-1] if frame[-1:] == ("that",) else frame
    return "hedge" if verbs and verbs[-1] in _BELIEFS and len(verbs) <= MAX_WORDS + 1 else None


def _prefixed(swap: Swap) -> ChangeType | None:
    """``inversion`` where one word is the other with the opposite prefix ("overestimated" →
    "underestimated", "upgraded" → "downgraded")."""
    if len(swap.words_a) != 1 or len(swap.words_b) != 1:
        return None
    x, y = swap.words_a[0], swap.words_b[0]
    for first, second in _PREFIXES:
        for p, q in ((first, second), (second, first)):
            if x.startswith(p) and y.startswith(q) and len(x) - len(p) >= 4 and x[len(p):] == y[len(q):]:
                return "inversion"
    return None


def _magnitude(swap: Swap) -> ChangeType | None:
    """``number`` where one order of magnitude or multiple stands for another ("hundreds of" → "thousands
    of", "doubled" → "tripled")."""
    if len(swap.words_a) != 1 or len(swap.words_b) != 1:
        return None
    x, y = _MAGNITUDES.get(swap.words_a[0]), _MAGNITUDES.get(swap.words_b[0])
    return "number" if x is not None and y is not None and x != y else None


def _synonyms(x: str, y: str) -> bool:
    from unspin.index.vectors import embed_sentences

    vectors = embed_sentences([x, y])
    return float(vectors[0] @ vectors[1]) >= SYNONYM_COSINE
