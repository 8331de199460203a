"""Claims a copy settles that its source left open: how sure a claim is, said without a hedge word.

News marks an unsettled claim in more ways than ``may`` or ``expected``
(``cues.hedges``), and a rewrite that settles it keeps most of the words:

- a request stated as fact: "asked insurers to meet" → "insurers will meet",
  "recommended that the department publish" → "the department has agreed to
  publish" (a ``hedge``: the copy says done what one party only asked for);
- an open question answered: "declined to say whether the engine had been
  serviced" → "confirmed that the engine had been serviced" (an ``addition``:
  the copy claims what the source says nobody would tell);
- something under way stated as done: "was opening 24 beds" → "has opened
  24 beds" (a ``hedge``, as ``changes._stated_done`` reads a plan stated as
  done);
- a provisional act made final: "suspended the contract" → "cancelled the
  contract" (a ``hedge``), and the words that bound a claim in time dropped:
  "temporarily", "for now", "until further notice", "pending an inquiry"
  (an ``omission`` of that qualifier: the copy claims it for good);
- a modal or a negation one side has alone, inside a clause the other side
  does not say at all ("…and that beavers could be moved" → "…"): the copy
  left the claim out (``omission``, or ``addition`` the other way), it did not
  change how sure it is.

Each rule asks that the other side state the same act (the requested or
unfinished verb is there, by its stem), so a faithful rewording of the
frame ("urged" → "called on", "is opening" → "is due to open") is no change.
"""

from __future__ import annotations

import difflib
import re
from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.claims import clause_claim
from unspin.explain.cues import Cue, dates, hedges, negations
from unspin.explain.unit import UnitPair
from unspin.records import Change
from unspin.segment import tokenize

_DIRECTIVE = re.compile(
    r"\b(?:(?:ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+on|press(?:es|ed|ing)|invit(?:e|es|ed|ing)|"
    r"encourag(?:e|es|ed|ing)|t(?:old|ells?)|instruct(?:s|ed)?|order(?:s|ed)?|appeal(?:s|ed)?\s+to|lobb(?:y|ies|ied)|"
    r"advis(?:e|es|ed)|want(?:s|ed)?|requir(?:e|es|ed)|petition(?:s|ed)?)"
    r"\s+(?!ahead\b|on\b|for\b|about\b|why\b|whether\b|if\b|how\b|reporters\b|journalists\b)(?:[\w'’-]+\s+){1,5}?to\s+(?P<verb>[a-z]+)|"
    r"(?:recommend(?:s|ed|ing)?|propos(?:e|es|ed)|demand(?:s|ed|ing)?|request(?:s|ed)?|insist(?:s|ed)?|"
    r"urg(?:e|es|ed))\s+that\s+(?:[\w'’-]+\s+){1,5}?(?:should\s+|must\s+)?(?P<verb2>[a-z]+)|"
    r"call(?:s|ed|ing)?\s+for\s+(?:the\s+|a\s+|an\s+)?(?P<noun>[a-z]+))\b",
    re.IGNORECASE,
)
"""A request, an order or a recommendation of what another party should do, and the act asked for."""
_STILL_ASKED = re.compile(
    r"\b(?:ask|urg|call(?:s|ed|ing)?\s+(?:on|for)|press|invit|encourag|instruct|order|appeal|lobb|advis|want|wish|"
    r"recommend|propos|demand|request|insist|suggest|should|must|need|plan|hop|expect|push|seek|sought|keen|would|could|"
    r"may|might|will\s+be\s+asked|told|whether|see\s+if|if\s+it|"
    r"refus|declin|reject|not\b|never\b|\w+n['’]t\b)",
    re.IGNORECASE,
)
"""Words that keep an act asked for or wanted, not done, or say it was refused: a copy that has one still reports a
request, or turns it round (``negation``, ``inversion``), and does not state it as done."""

_NON_ANSWER = re.compile(
    r"\b(?:declin(?:e|es|ed|ing)|refus(?:e|es|ed|ing)|(?:would|did|could|was|were|will|does|do)(?:\s+not|n['’]t)(?:\s+be\s+able)?|"
    r"(?:was|were|is|are)\s+unable|(?:has|have|had)\s+not|(?:has|have|had)n['’]t|unable)\s+(?:to\s+)?"
    r"(?:say|confirm|disclose|reveal|comment\s+on|specify|explain|state|tell|give\s+details\s+of|discuss|sa(?:id|ys))\s+"
    r"(?:whether|if|when|how|what|why|who|which|where)\b",
    re.IGNORECASE,
)
"""An open question: a party would not or could not say whether, when, how… ("declined to say whether")."""
_OPEN = re.compile(r"\b(?:whether|unclear|not\s+known|unknown|no\s+word|undisclosed|declin|refus|unable|would\s+not\s+say|"
                   r"did\s+not\s+say)\b", re.IGNORECASE)

_UNDER_WAY = re.compile(r"\b(?:is|are|was|were)\s+(?:still\s+|now\s+)?(?P<verb>[a-z]{3,}ing)\b", re.IGNORECASE)
_DONE = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:now\s+)?(?:been\s+)?(?P<verb>[a-z]{3,}(?:ed|en|t))\b", re.IGNORECASE)
_NOT_ACTS = frozenset(stem(w) for w in ("being", "going", "having", "expected", "seeking", "trying", "hoping", "planning",
                                        "looking", "considering", "waiting", "working", "continuing", "facing", "talking"))
"""Progressive verbs that say no act of their own ("is going to", "is trying to", "is considering")."""

_PROVISIONAL = {stem(w): w for w in ("suspend", "suspended", "pause", "paused", "postpone", "postponed", "delay", "delayed",
                                     "defer", "deferred", "adjourn", "adjourned", "halt", "halted", "freeze", "froze",
                                     "frozen", "shelve", "shelved", "withheld", "withhold", "furlough", "furloughed")}
_FINAL = {stem(w): w for w in ("cancel", "cancelled", "canceled", "scrap", "scrapped", "terminate", "terminated", "abolish", "abolished", "axe", "axed",
                               "abandon", "abandoned", "sack", "sacked", "dismiss", "dismissed", "revoke", "revoked")}
"""Acts that stop something for a while, and acts that stop it for good: a copy that turns one into the
other states as final what the source gave as provisional."""
_TEMPORARY = re.compile(
    r"\b(?:temporar(?:ily|y)|provisional(?:ly)?|interim|for\s+(?:now|the\s+time\s+being|the\s+moment)|(?:at\s+least\s+)?for\s+now|"
    r"until\s+further\s+notice|pending\s+(?:the\s+|an?\s+|further\s+)?[a-z]+|in\s+the\s+meantime|for\s+the\s+(?:next|coming)\s+\w+|"
    r"while\s+(?:the|an?|its|their)\s+(?:[a-z]+\s+){0,2}(?:continues?|continued|(?:is|was|are|were)\s+(?:under\s+way|ongoing|carried\s+out))|"
    r"(?:in|for|during|over)\s+the\s+(?:first|next|coming)\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|season)|"
    r"at\s+least\s+until|for\s+the\s+rest\s+of\s+(?:the\s+)?(?:season|year|week|month))\b",
    re.IGNORECASE,
)
"""Words that bound a claim in time ("temporarily", "for now", "pending an inquiry", "while the investigation
continues"): dropped, the copy claims it for good."""

_STILL_BOUND = re.compile(r"\b(?:temporar|provisional|interim|suspend|paus|until|till|pending|while|meantime|for\s+now|"
                          r"(?:first|next|coming|for)\s+(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?|season))",
                          re.IGNORECASE)
"""Words that keep a claim bounded in time, however the other side words the bound."""

_EXPLORED = re.compile(
    r"\b(?:to|will|would|could|may|might|should|shall|agreed\s+to|plans?\s+to)\s+(?:\w+ly\s+)?"
    r"(?P<verb>study|consider|explore|examine|review|assess|discuss|weigh(?:\s+up)?|investigate|evaluate|debate|"
    r"look\s+(?:into|at)|probe)\s+(?P<object>(?:(?:the|a|an|its|their|his|her|whether|possible|options\s+for)\s+)*[\w'’-]+"
    r"(?:\s+[\w'’-]+)?)",
    re.IGNORECASE,
)
"""An act that only looks into something ("agreed to study a shared ferry network", "will consider a ban")."""
_STILL_EXPLORED = re.compile(
    r"\b(?:stud(?:y|ies|ied|ying)|consider\w*|explor\w*|examin\w*|review\w*|assess\w*|discuss\w*|weigh\w*|investigat\w*|"
    r"look\w*|evaluat\w*|debat\w*|feasib\w*|options?|whether|prob(?:e|es|ed|ing)|inquir\w*|enquir\w*|talks?|scrutin\w*|"
    r"analys\w*|rethink\w*|reconsider\w*|revisit\w*|idea|proposals?|propos\w*|plans?|may|might|could)\b",
    re.IGNORECASE,
)
"""Words that keep a claim at looking into something, or at a proposal."""
_TIMELESS = re.compile(r"\b(?:always|forever|permanently|for\s+good|ever\s+since|never\s+again|at\s+all\s+times|"
                       r"for\s+ever)\b", re.IGNORECASE)
"""Words that claim something for all time: set where the source gave a date or a period, the copy widens the claim."""

_ASIDE = re.compile(r"(?:at\s+least\s+)?for\s+(?:now|the\s+time\s+being|the\s+moment)|in\s+the\s+meantime", re.IGNORECASE)
"""Time bounds a copy adds as a manner of speaking ("for now", "in the meantime"): dropped they widen the claim, but
added they are how rewriters soften a sentence, so only a bound with a term of its own ("until further notice",
"pending a review", "temporarily") added is an ``addition``."""

MIN_CLAUSE = 3
"""Content words a clause around a lone modal or negation must carry, none said by the other side, to be a
claim left out rather than a modality changed."""


def settled_changes(unit: UnitPair, found: list[Change]) -> list[Change]:
    """``found`` (the unit's changes so far) with lone modals and negations inside a dropped clause retyped
    as the clause's omission or addition, and the claims the copy settles added (see the module)."""
    out: list[Change] = []
    for change in found:
        retyped = _clause_left_out(change, unit)
        if retyped is change or not any(k.type == retyped.type and _touching(k, retyped) for k in found):
            out.append(retyped)
    answered = _answered(unit)
    if answered:  # "declined to say whether" → "confirmed that": the question answered, not also a negation lost
        out = [c for c in out if not (c.type == "negation" and _touching(c, answered[0]))]
    new = (_requested(unit) + _explored(unit) + answered + _finished(unit) + _made_final(unit)
           + _unbounded(unit) + _timeless(unit))
    return out + [c for c in new if not any(k.type == c.type and _touching(k, c) for k in out)]


def _touching(x: Change, y: Change) -> bool:
    return any(p is not None and q is not None and p[0] < q[1] and q[0] < p[1] for p, q in ((x.a, y.a), (x.b, y.b)))


def _stems(text: str) -> set[str]:
    return {stem(w.lower()) for *_, w in tokenize(text)}


def _same_verb(x: str, y: str) -> bool:
    """Whether ``x`` and ``y`` are forms of one verb ("restore", "restored"; "opening", "opened"): equal stems, or
    one the other's base with an ending (stems of some forms differ: "restor" for "restore" is "restore")."""
    if stem(x) == stem(y):
        return True
    base_x, base_y = re.sub(r"(?:e|ing|ed|es|s)$", "", x), re.sub(r"(?:e|ing|ed|es|s)$", "", y)
    return len(base_x) >= 4 and base_x == base_y


def _requested(unit: UnitPair) -> list[Change]:
    """A request on one side whose act the other side states as done or to be done, with no request left."""
    for asked, other, first in ((unit.a, unit.b, True), (unit.b, unit.a, False)):
        for m in _DIRECTIVE.finditer(asked):
            verb = (m.group("verb") or m.group("verb2") or m.group("noun") or "").lower()
            if not verb or verb in STOPWORDS or _STILL_ASKED.search(other):
                continue
            act = next((t for t in tokenize(other) if _same_verb(verb, t[2].lower())), None)
            if act is None:
                continue
            x, y = Cue(m.start(), m.end(), ""), Cue(act[0], act[1], "")
            said_x, said_y = asked[x.start:x.end], other[y.start:y.end]
            if first:
                return [unit.change("hedge", x, y, f"a request stated as fact: '{said_x}' → '{said_y}'")]
            return [unit.change("hedge", y, x, f"a fact stated as a request: '{said_y}' → '{said_x}'")]
    return []


def _explored(unit: UnitPair) -> list[Change]:
    """An act that only looks into something on one side ("agreed to study a ferry network") whose object the
    other side has with no looking into left ("agreed to create a ferry network"): the copy states as decided
    what the source said would be studied."""
    for looked, other, first in ((unit.a, unit.b, True), (unit.b, unit.a, False)):
        if _STILL_EXPLORED.search(other):
            continue
        for m in _EXPLORED.finditer(looked):
            wanted = [w.lower() for *_, w in tokenize(m.group("object")) if w.lower() not in STOPWORDS]
            tokens = tokenize(other)
            at = next((k for k, t in enumerate(tokens) if wanted and _same_verb(t[2].lower(), wanted[0])
                       or wanted and stem(t[2].lower()) == stem(wanted[0])), None)
            verb = at - 1 if at is not None else -1
            while verb >= 0 and (tokens[verb][2].lower() in STOPWORDS or tokens[verb][2].lower() in wanted):
                verb -= 1  # back over the object's articles and modifiers to the verb that governs it
            if verb < 0:
                continue
            x, y = Cue(m.start("verb"), m.end("verb"), ""), Cue(tokens[verb][0], tokens[verb][1], "")
            said_x, said_y = looked[x.start:x.end], other[y.start:y.end]
            if first:
                return [unit.change("hedge", x, y, f"looked into stated as decided: '{said_x}' → '{said_y}'")]
            return [unit.change("hedge", y, x, f"decided stated as looked into: '{said_y}' → '{said_x}'")]
    return []


def _timeless(unit: UnitPair) -> list[Change]:
    """A claim for all time ("always", "permanently") on one side where the other gave a date or a period
    that this side does not keep: the copy widens the claim (``omission`` of the bound), or narrows it
    (``addition``)."""
    for wide, other, first in ((unit.b, unit.a, True), (unit.a, unit.b, False)):
        m = _TIMELESS.search(wide)
        if m is None or _TIMELESS.search(other):
            continue
        kept = {c.key for c in dates(wide)}
        bound = next((c for c in dates(other) if c.key not in kept), None) or _TEMPORARY.search(other)
        if bound is None:
            continue
        start, end = (bound.start, bound.end) if isinstance(bound, Cue) else bound.span()
        x, y = Cue(start, end, ""), Cue(m.start(), m.end(), "")
        said_x, said_y = other[x.start:x.end], wide[y.start:y.end]
        if first:
            return [unit.change("omission", x, y, f"time scope widened: '{said_x}' → '{said_y}'; the copy claims more")]
        return [unit.change("addition", y, x, f"time scope narrowed: '{said_y}' → '{said_x}'; the copy claims less")]
    return []


def _answered(unit: UnitPair) -> list[Change]:
    """An open question on one side ("declined to say whether") that the other side answers: the copy adds
    the answer (``addition``), or the copy leaves open what the source stated (``omission``)."""
    for asked, other, first in ((unit.a, unit.b, True), (unit.b, unit.a, False)):
        m = _NON_ANSWER.search(asked)
        if m is None or _OPEN.search(other):
            continue
        after = {stem(w.lower()) for *_, w in tokenize(asked, m.end()) if w.lower() not in STOPWORDS}
        if len(after & _stems(other)) < 2:
            continue  # the other side does not speak of the question at all
        y = _opposite(asked, other, m.start(), m.end())
        x = Cue(m.start(), m.end(), "")
        said = asked[x.start:x.end]
        if first:
            return [unit.change("addition", x, y, f"an open question answered: '{said}'; the copy claims the answer")]
        return [unit.change("omission", y, x, f"an answer left open: '{said}'; the copy no longer says it")]
    return []


def _opposite(text: str, other: str, start: int, end: int) -> Cue:
    """The words of ``other`` that a word diff sets against ``text[start:end]``, or ``other``'s whole text."""
    ta, tb = tokenize(text), tokenize(other)
    matcher = difflib.SequenceMatcher(None, [w.lower() for *_, w in ta], [w.lower() for *_, w in tb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and j2 > j1 and ta[i1][0] < end and start < ta[i2 - 1][1]:
            return Cue(tb[j1][0], tb[j2 - 1][1], "")
    return Cue(0, len(other.rstrip()), "")


def _finished(unit: UnitPair) -> list[Change]:
    """An act under way on one side ("was opening") that the other side states in the perfect of the same verb
    ("has opened"), with no act under way left there."""
    for going, other, first in ((unit.a, unit.b, True), (unit.b, unit.a, False)):
        for m in _UNDER_WAY.finditer(going):
            verb = m.group("verb").lower()
            if stem(verb) in _NOT_ACTS or any(_same_verb(g.group("verb").lower(), verb) for g in _UNDER_WAY.finditer(other)):
                continue
            done = next((d for d in _DONE.finditer(other) if _same_verb(d.group("verb").lower(), verb)), None)
            if done is None:
                continue
            x, y = Cue(m.start(), m.end(), ""), Cue(done.start(), done.end(), "")
            said_x, said_y = going[x.start:x.end], other[y.start:y.end]
            if first:
                return [unit.change("hedge", x, y, f"under way stated as done: '{said_x}' → '{said_y}'")]
            return [unit.change("hedge", y, x, f"done stated as under way: '{said_y}' → '{said_x}'")]
    return []


def _made_final(unit: UnitPair) -> list[Change]:
    """A provisional act ("suspended") on one side and a final one ("cancelled") on the other, with neither side
    saying both."""
    def acts(text: str, lexicon: dict[str, str]) -> list[tuple[int, int, str]]:
        return [t for t in tokenize(text) if stem(t[2].lower()) in lexicon]
    pa, pb, fa, fb = acts(unit.a, _PROVISIONAL), acts(unit.b, _PROVISIONAL), acts(unit.a, _FINAL), acts(unit.b, _FINAL)
    if pa and fb and not pb and not fa:
        x, y = Cue(pa[0][0], pa[0][1], ""), Cue(fb[0][0], fb[0][1], "")
        return [unit.change("hedge", x, y, f"provisional stated as final: '{pa[0][2]}' → '{fb[0][2]}'")]
    if pb and fa and not pa and not fb:
        x, y = Cue(fa[0][0], fa[0][1], ""), Cue(pb[0][0], pb[0][1], "")
        return [unit.change("hedge", x, y, f"final stated as provisional: '{fa[0][2]}' → '{pb[0][2]}'")]
    return []


def _unbounded(unit: UnitPair) -> list[Change]:
    """Words that bound a claim in time ("temporarily", "for now", "pending an inquiry") on one side only, whose
    words the other side does not use: dropped, an ``omission`` (the copy claims it for good); added, an
    ``addition``."""
    changes = []
    for text, other, first in ((unit.a, unit.b, True), (unit.b, unit.a, False)):
        if _TEMPORARY.search(other) or _STILL_BOUND.search(other):
            continue
        m = _TEMPORARY.search(text)
        if m is None or not first and _ASIDE.fullmatch(m.group()):
            continue
        cue = Cue(m.start(), m.end(), "")
        said = text[cue.start:cue.end]
        changes.append(unit.change("omission", cue, None, f"time bound dropped: '{said}'; the copy claims it for good") if first
                       else unit.change("addition", None, cue, f"time bound added: '{said}'; the copy claims it for a while"))
    return changes


_CLAUSE_START = re.compile(r"[,;:()]\s*|\b(?:and|but|while|whereas|although|though|that|which|who)\b\s*", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:()]|[.!?](?:\s|$)|\b(?:and|but)\b")


def _conjunct_left_out(change: Change, unit: UnitPair) -> Change:
    """A negation change read between two sides that both deny something, where the side with more denials
    denies a thing ("no breach in the hull") whose words the other side does not use: that thing left out."""
    na, nb = negations(unit.a), negations(unit.b)
    if len(na) == len(nb):
        return change
    more, in_a = (unit.a, True) if len(na) > len(nb) else (unit.b, False)
    for cue in negations(more):
        if not _NEGATED_THING.fullmatch(more[cue.start:cue.end]):
            continue
        lone = (unit.change("negation", cue, None, change.note) if in_a else unit.change("negation", None, cue, change.note))
        retyped = _clause_left_out(lone, unit)
        if retyped is not lone:
            return retyped
    return change


_NEGATED_THING = re.compile(r"no|none|without|nor|neither", re.IGNORECASE)
"""Negations that deny a thing, not a verb ("no breach in the hull"): what they deny runs from them to the clause's end."""
MIN_CONJUNCT = 2
"""Content words a denied thing must carry to be left out when the other side still denies another ("found no
breach in the hull and no sign of fuel" → "found no sign of fuel"): a conjunct of a denial dropped, its polarity kept."""


def _clause_left_out(change: Change, unit: UnitPair) -> Change:
    """A hedge or a negation on one side only, inside a clause (``MIN_CLAUSE`` content words besides it) whose
    words the other side does not use at all and that the other side replaces with nothing of its own: the
    ``omission`` of that clause (or its ``addition``), as ``changes._negated_clause`` reads a negation. A denied
    thing ("no breach in the hull") dropped from a list of denials the other side keeps is one too
    (``MIN_CONJUNCT``)."""
    if change.type == "negation" and change.a is not None and change.b is not None:
        return _conjunct_left_out(change, unit)
    if change.type not in ("hedge", "negation") or (change.a is None) == (change.b is None):
        return change
    word = change.a_text or change.b_text
    if not (hedges(word) or negations(word)):
        return change  # an attribution dropped ("…, said Ruth Abiola") is a hedge whatever the clause
    in_a = change.a is not None
    text, other, offset = (unit.a, unit.b, unit.a_span[0]) if in_a else (unit.b, unit.a, unit.b_span[0])
    start, end = ((change.a or change.b) or (0, 0))
    start, end = start - offset, end - offset
    if not (0 <= start < end <= len(text)):
        return change
    determiner = _NEGATED_THING.fullmatch(word) is not None
    begin = start if determiner else max([m.end() for m in _CLAUSE_START.finditer(text, 0, start)], default=0)
    stop = next((m.start() for m in _CLAUSE_END.finditer(text, end)), len(text))
    words = [(s, e, w.lower()) for s, e, w in tokenize(text, begin, stop)]
    content = [t for t in words if t[2] not in STOPWORDS and not negations(t[2]) and not hedges(t[2])]
    used = _stems(other)
    least = MIN_CONJUNCT if determiner and any(_NEGATED_THING.fullmatch(other[c.start:c.end]) for c in negations(other)) \
        else MIN_CLAUSE
    if len(content) < least or any(stem(w) in used for *_, w in content):
        return change
    new = {u for u in used - _stems(text) if u not in STOPWORDS}
    if len(new) > 1 or not words:
        return change
    return clause_claim(unit, Cue(words[0][0], words[-1][1], ""), in_a)
