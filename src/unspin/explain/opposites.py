"""Opposite words: pairs of poles a rewrite can swap without moving any other cue.

"the fault was minor" → "a serious fault", "near the south pole" → "near
the north pole", "recovered only partly" → "fully recovered", "will leave"
→ "will stay on", "released on bail" → "held in custody". Each *axis* is a
pair of general poles written as word patterns, with the change type a
swap between them is (most are ``inversion``; leaving custody or failing
is a ``negation``, a vote's margin or a share turned into all of it a
``hedge``). Synonyms share a pole, so "rose" → "climbed" or "serious" →
"grave" moves nothing.

No lexical resource on PyPI ships antonyms in its wheel without a run-time
download (``wn`` downloads WordNet; ``wordnet-lookup`` has word lists but no
relations), so the table is written here: a compact list of the oppositions
news rewrites turn round, grouped by what they oppose. Closeness in word
vectors is no help on its own, since antonyms sit as close as synonyms.

A *rank* is read apart from the table: "the second-largest", "the top", "one
of the largest" are ranks 2, 1 and "among the first", and a rank that
changes is an inversion of standing.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from unspin.explain.cues import Cue
from unspin.records import ChangeType


@dataclass(frozen=True, slots=True)
class Axis:
    """Two opposite poles (``first`` and ``second``, word patterns) and what a swap between them is."""

    name: str
    kind: ChangeType
    first: str
    second: str
    converse: bool = False
    """Poles that say one relation from either end ("A lent to B" = "B borrowed from A", "A ahead of B"
    = "B behind A"): a swap between them with the parties swapped too is the same claim."""


def family(*words: str) -> str:
    """A pattern for every inflection and regular derivation of each word ("widen" → widen, widens,
    widened, widening; "slow" → also slower, slowest; "accelerate" → acceleration; "intensify" →
    intensification), so an axis is written once as plain words, not as hand-made endings. A word
    with a particle inflects its first word ("speed up" → "speeded up"); irregular forms are listed after
    a slash ("lend/lent"). Forms that are no English word cost nothing: they never match."""
    forms: set[str] = set()
    for entry in words:
        for word in entry.split("/"):
            head, _, rest = word.partition(" ")
            stemmed = head[:-1] if head.endswith(("e", "y")) else head
            endings = {"", "s", "es", "ed", "d", "ing", "er", "est", "r", "st"}
            heads = {head + e for e in endings} | {stemmed + e for e in ("ing", "ies", "ied", "ion", "ions", "ication")}
            heads |= {head + e for e in ("ion", "ions", "ment", "ments")}
            heads |= {head + head[-1] + e for e in ("ed", "ing", "er", "est")}
            tail = r"\s+" + r"\s+".join(map(re.escape, rest.split())) if rest else ""
            forms |= {re.escape(h) + tail for h in heads}
    return "|".join(sorted(forms, key=len, reverse=True))


_PARTY = (r"(?=\s+(?:over\s+)?(?:(?-i:[A-Z])|(?:the|its|their|his|her)\s+(?:(?:main|nearest|closest|chief|biggest)\s+)?"
          r"(?:rivals?|competitors?|challengers?|opponents?|field|pack|leaders?)\b))")
"""What a standing is measured against: a name or a rival ("ahead of Castell", "behind its rivals")."""
_FIXTURE = r"(?=\s+(?:against|to|at|from|win|wins|game|games|match|matches|fixtures?|ground|side|defeat|loss|draw)\b)"
_PLURAL = r"(?=\s+[a-z]+s\b)"
_BENCHMARK = (r"(?=\s+(?:(?:the|its|their|his|her|our|a|an|market|analysts['’]?|city|official|government|"
              r"[\w'’-]+['’]s?)\s+){0,3}(?:estimated\s+|expected\s+|asking\s+|average\s+)?"
              r"(?:value|valuation|price|estimates?|expectations?|forecasts?|targets?|average|budget|par|projections?|"
              r"guidance|predictions?|consensus|benchmark|threshold)\b)")
"""What a figure is measured against, so that "above" and "below" read as a result against it ("sold
for more than its estimated value", "fell short of forecasts"), not a place."""

_GOAL = r"(?=\s+(?:its|their|the|his|her|our|all|every|a)\s+(?:[\w-]+\s+){0,2}(?:goals?|targets?|aims?|objectives?|endpoints?|deadlines?)\b)"
"""What an attempt is measured by, so that "met its main goal" and "missed its main goal" read as success and failure."""

AXES: tuple[Axis, ...] = (
    Axis("severity", "inversion", r"minor|slight|mild|trivial|superficial|light(?=\s+injur)",
         r"serious|major|severe|grave|critical|life-threatening"),
    Axis("north-south", "inversion", r"north(?:ern|ward)?|north-\w+", r"south(?:ern|ward)?|south-\w+"),
    Axis("east-west", "inversion", r"east(?:ern|ward)?|east-\w+", r"west(?:ern|ward)?|west-\w+"),
    Axis("extent", "inversion", r"partly|partially|in\s+part|half-\w+",
         r"fully|completely|entirely|wholly|totally|in\s+full"),
    Axis("staying", "inversion",
         r"leav(?:e|es|ing)|will\s+go|depart(?:s|ed|ing)?|quit(?:s|ting)?|step(?:s|ped|ping)?\s+down|resign(?:s|ed|ing)?",
         r"stay(?:s|ed|ing)?(?:\s+on)?|remain(?:s|ed|ing)?\s+(?:on|in\s+(?:post|charge|office)|as)"),
    Axis("origin", "inversion", r"abroad|overseas|foreign|imported|international",
         r"at\s+home|domestic(?:ally)?|home-grown|homegrown|local(?:ly)?"),
    Axis("willing", "inversion",
         r"urg(?:e|es|ed|ing)|call(?:s|ed)?\s+on|press(?:ed|es)?|agree(?:s|d)?\s+to|offer(?:s|ed)?\s+to|"
         r"promis(?:e|es|ed)\s+to|pledg(?:e|es|ed)\s+to|vow(?:s|ed)?\s+to|willing\s+to",
         r"refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to|unwilling\s+to|reluctant\s+to"),
    Axis("continuing", "inversion", r"continu(?:e|es|ed|ing)|go\s+on|ongoing|persist(?:s|ed)?|not\s+over",
         r"(?:is|was|are|were)\s+(?:now\s+)?over|at\s+an\s+end|(?:has|had|have)\s+ended"),
    Axis("size", "inversion",
         r"(?:high|big|large|strong|heavy|rich|long|fast|wide|deep)(?=\s+[a-z])(?!\s+of\b)|(?:record|all-time)\s+high",
         r"(?:low|small|weak|light|poor|short|slow|narrow|shallow)(?=\s+[a-z])(?!\s+(?:of|on)\b)|(?:record|all-time)\s+low"),
    Axis("role", "inversion",
         r"buyers?|lenders?|landlords?|employers?|winners?|victors?|hosts?|plaintiffs?|claimants?|creditors?|victory|"
         r"prosecution|prosecutors?|incumbents?|parent\s+(?:company|group|firm)|senior\s+partners?|suppliers?|attackers?",
         r"sellers?|borrowers?|tenants?|employees?|losers?|visitors?|guests?|defendants?|debtors?|defeat|"
         r"defen[cs]e(?=\s+(?:lawyers?|team|counsel|barristers?|case))|challengers?|subsidiar(?:y|ies)|junior\s+partners?|"
         r"customers?|victims?"),
    Axis("quality", "inversion",
         r"good|positive|optimistic|upbeat|confident|encouraging|improv(?:e|es|ed|ing|ement)|impressive|"
         r"(?:got|gotten|get|gets|getting|grew|became|become|becoming)\s+better|"
         r"(?<=ed\s)well(?!\s+(?:as|over|under|above|below|before|after|into|beyond|short|ahead|behind)\b)",
         r"bad|negative|pessimistic|gloomy|downbeat|worrying|disappointing|worsen(?:s|ed|ing)?|(?:got|gotten|get|gets|getting|grew|became|become|becoming)\s+worse|deteriorat(?:e|es|ed|ing)|"
         r"poor(?:ly)?(?!\s+(?:countr|nation|famil|household|people|neighbo|communit))|unimpressive|dismal"),
    Axis("open", "inversion", r"(?:re)?open(?:s|ed|ing)?(?!\s+(?:to|up|about)\b)",
         r"clos(?:e|es|ed|ing|ure)(?!\s+to\b)(?!ly)|shut(?:s|ting)?(?:\s+down)?"),
    Axis("running", "inversion", r"resum(?:e|es|ed|ing)|restart(?:s|ed|ing)?",
         r"halt(?:s|ed|ing)?|stopp(?:ed|ing)|suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing)"),
    Axis("trade", "inversion", r"buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|import(?:s|ed|ing)?",
         r"sell(?:s|ing)?|sold|export(?:s|ed|ing)?", converse=True),
    Axis("permission", "inversion",
         r"allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|legalis(?:e|es|ed|ing)|lift(?:s|ed|ing)?\s+(?:a|the|its)\s+ban|"
         r"ban\s+(?:was|has\s+been|had\s+been|is)\s+lifted",
         r"ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|forb(?:id|ids|ade|idden)|outlaw(?:s|ed)?|block(?:s|ed|ing)"),
    Axis("inclusion", "inversion", r"includ(?:e|es|ed|ing)", r"exclud(?:e|es|ed|ing)"),
    Axis("hiring", "inversion", r"hir(?:e|es|ed|ing)|recruit(?:s|ed|ing)?|creat(?:e|es|ed|ing)\s+(?:\d[\d,]*\s+)?jobs",
         r"sack(?:s|ed|ing)?|lay(?:s|ing)?\s+off|laid\s+off|(?:cut|shed|axe)(?:s|ting|ding|d)?\s+(?:\d[\d,]*\s+)?jobs"),
    Axis("size-change", "inversion", family("expand/expansion", "strengthen/strength", "tighten", "grow/grew/grown/growth",
                                            "swell/swollen"),
         family("shrink/shrank/shrunk", "weaken/weakness", "loosen", "dwindle", "diminish")
         + r"|contract(?:ed|ing|ions?)"),
    Axis("success", "inversion",
         r"succe(?:ss|ssful|ssfully|eded|eds)|pass(?:ed|es|ing)?(?!\s+(?:away|on|by|through|over|out|up|down|off|along|the\s+ball)\b)|"
         r"(?:met|meets?|meeting|achiev(?:e|ed|es|ing)|hit|hits|hitting)" + _GOAL,
         r"fail(?:ed|s|ure)?(?!\s+to\b)|unsuccessful(?:ly)?|miss(?:ed|es|ing)?" + _GOAL),
    Axis("phase", "inversion", r"(?:start|beginning|outset|dawn|early\s+(?:part|stages?|days|years))(?=\s+of\b)|early\s+in",
         r"(?:end|close|conclusion|twilight|last\s+(?:part|stages?|days|years)|late\s+(?:part|stages?))(?=\s+of\b)|late\s+in"),
    Axis("punctual", "inversion", r"timely|on\s+(?:time|schedule)|punctual(?:ly)?|prompt(?:ly)?",
         r"overdue|belated(?:ly)?|(?:long|much)\s+delayed|behind\s+schedule"),
    Axis("benchmark", "inversion",
         family("exceed", "surpass", "outstrip", "top/topped", "beat/beaten") + r"|above|over|ahead\s+of|(?:better|more|higher|greater)\s+than" + _BENCHMARK,
         r"(?:f(?:e|a)ll(?:s|ing|en)?\s+short\s+of|miss(?:es|ed|ing)?|undershot|below|under|behind|(?:worse|less|lower)\s+than)" + _BENCHMARK),
    Axis("sentiment", "inversion",
         family("praise", "welcome", "applaud", "commend", "hail", "laud", "celebrate", "compliment", "thank"),
         family("complain/complaint", "criticise/criticism", "criticize", "condemn", "denounce", "deplore", "lament",
                "decry", "blame", "attack")),
    Axis("sanction", "inversion", family("reinstate", "restore/restoration", "readmit/readmitted", "lift/lifted"),
         family("disqualify", "strip/stripped", "expel/expelled", "impose/imposed", "revoke")),
    Axis("placing", "inversion",
         r"w(?:on|ins?|inning)(?!\s+(?:over|back|support|approval|a\s+(?:seat|contract|deal|bid)))|"
         r"(?:came|finished|placed)\s+first|first\s+place|champions?",
         r"runners?-up|(?:second|third|fourth|last)\s+place|(?:came|finished|placed)\s+(?:second|third|fourth|last)"),
    Axis("timing", "inversion", r"ahead\s+of\s+schedule|early|(?:earlier|sooner)\s+than", r"behind\s+schedule|late|later\s+than|delayed"),
    Axis("sector", "inversion", r"public(?:ly)?(?=\s+(?:sector|funds?|money|ownership|owned|hospitals?|schools?))",
         r"private(?:ly)?(?=\s+(?:sector|funds?|money|ownership|owned|hospitals?|schools?))"),
    Axis("duty", "inversion", r"voluntary|optional", r"compulsory|mandatory|obligatory"),
    Axis("survival", "inversion", r"surviv(?:e|es|ed|ing|ors?)|alive|rescued", r"died|dead|killed|perished"),
    Axis("holding", "negation", r"keep(?:s|ing)?|kept|retain(?:s|ed|ing)?|hold(?:s|ing)?\s+on\s+to|held\s+on\s+to",
         r"los(?:e|es|ing)|lost|g(?:ive|ives|iving|ave)\s+up|surrender(?:s|ed|ing)?"),
    Axis("presence", "negation", r"present|attend(?:s|ed|ing)?", r"absent|stay(?:s|ed)?\s+away\s+from"),
    Axis("truth", "negation", r"true|accurate|correct", r"false|wrong"),
    Axis("sufficiency", "negation", r"enough|sufficient|adequate", r"too\s+(?:few|little)|short\s+of"),
    Axis("custody", "negation", r"releas(?:e|es|ed|ing)|freed|on\s+bail|bailed",
         r"held\s+in\s+custody|in\s+custody|remanded|detained|behind\s+bars|jailed|locked\s+up"),
    Axis("majority", "inversion",
         r"two[\s-]thirds|three[\s-]quarters|(?:the|a)\s+majority",
         r"(?:a|one)[\s-](?:third|quarter|fifth|tenth)|(?:the|a)\s+minority"),
    Axis("merger", "inversion", r"merg(?:e|es|ed|ing)|join\s+forces",
         r"buy(?:s|ing)?|bought|acquir(?:e|es|ed|ing)|take(?:s|n)?\s+over|took\s+over"),
    Axis("width", "inversion", family("widen", "broaden"), family("narrow")),
    Axis("pace", "inversion", family("accelerate", "quicken", "speed up/sped up"),
         family("slow", "slow down", "slowdown", "decelerate") + r"|eas(?:e|ed|es|ing)(?!\s+(?:tensions?|fears?|concerns?|pressure)\b)"),
    Axis("schedule", "inversion",
         r"(?:brought|bring|brings|bringing|moved?|moves|moving|put|puts|putting)\s+forward|forward\s+by",
         r"(?:pushed|push|pushes|pushing|put|puts|putting|moved?|moves|moving)\s+back|back\s+by|postpon(?:e|ed|es|ing)"),
    Axis("going ahead", "inversion",
         r"(?:go|goes|went|gone|going)\s+ahead|press(?:es|ed|ing)?\s+(?:ahead|on)\s+with|proceed(?:s|ed|ing)?\s+with",
         r"call(?:s|ed|ing)?\s+off|called\s+off|shelv(?:e|ed|es|ing)|scrap(?:s|ped|ping)?|abandon(?:s|ed|ing)?|"
         r"cancel(?:s|led|ed|ling|ing)?|ditch(?:es|ed|ing)?"),
    Axis("tension", "inversion", family("ease", "calm", "defuse", "de-escalate", "subside"),
         family("escalate", "intensify", "heighten", "flare up")),
    Axis("ground", "inversion", family("gain", "gain ground", "advance"),
         r"(?:los(?:e|es|t|ing)|shed(?:s|ding)?)(?=\s+(?:ground|value|momentum|some|much|[\d$£€]))"),
    Axis("standing", "inversion", rf"(?:ahead\s+of|in\s+front\s+of|lead(?:s|ing)?|led){_PARTY}",
         rf"(?:behind|trail(?:s|ed|ing)?|lagg?(?:s|ed|ing)?\s+behind){_PARTY}", converse=True),
    Axis("credit", "inversion", family("lend/lent"), family("borrow"), converse=True),
    Axis("venue", "inversion", rf"(?:at\s+)?home{_FIXTURE}", rf"away{_FIXTURE}"),
    Axis("many", "inversion", rf"(?<!the\s)(?:most|many){_PLURAL}",
         rf"(?<!\ba\s)(?<!very\s)few{_PLURAL}|hardly\s+any|(?:a|the)\s+minority\s+of"),
    Axis("provisional", "hedge", r"suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing)|temporar(?:y|ily)|interim",
         r"cancel(?:s|led|ed|ling|ing)?|scrap(?:s|ped|ping)?|terminat(?:e|es|ed|ing)|permanent(?:ly)?|abandon(?:s|ed|ing)?"),
    Axis("request", "hedge",
         r"ask(?:s|ed|ing)?|request(?:s|ed|ing)?|appeal(?:s|ed|ing)?\s+for|call(?:s|ed|ing)?\s+for|seek(?:s|ing)?|sought|"
         r"appl(?:y|ies|ied|ying)\s+for",
         r"agree(?:s|d)?\s+to|grant(?:ed|ing)|promis(?:es|ed)|award(?:ed|ing)|approv(?:e|es|ed)|won|secured"),
    Axis("record", "negation",
         r"(?:almost|nearly|just\s+short\s+of)\s+(?:match|equal|reach|beat)\w*|f(?:e|a)ll(?:s|ing)?\s+short\s+of(?!" + _BENCHMARK + ")",
         r"(?:smash|beat|broke|break|surpass|exceed|eclips|overt(?:ook|ake))\w*"),
    Axis("margin", "hedge", r"unanimous(?:ly)?|overwhelming(?:ly)?|comfortabl[ey]|landslide",
         r"narrow(?:ly)?|slim|by\s+(?:a\s+)?single\s+vote|split"),
    Axis("share", "hedge", r"(?:most|several|many|some|a\s+few|part|much|half)\s+of\b|the\s+majority\s+of",
         r"all\s+(?:of\s+)?(?:the|its|their|his|her|our)\b|every\b|the\s+whole\b|the\s+entire\b"),
)


@cache
def _pattern(axis: Axis) -> re.Pattern[str]:
    """The axis as one pattern; compiled on first use, so importing costs nothing."""
    return re.compile(rf"\b(?:(?P<first>{axis.first})|(?P<second>{axis.second}))\b", re.IGNORECASE)


def opposites(text: str, axis: Axis, named: bool = False) -> list[Cue]:
    """Words of ``text`` on either pole of ``axis``, keyed ``first``/``second``: with ``named`` false,
    less those that are part of a proper name ("North Korea", "Hadley West", "High Court"); with it true,
    only those. A name names one thing, so "South Korea" against "North Korea" is another country (an
    entity change), not a direction turned round."""
    return [pole.cue for pole in poles(text).get(axis.name, ()) if pole.in_name == named]


@dataclass(frozen=True, slots=True)
class Pole:
    """A word on one pole of an axis (``cue.key`` is ``first`` or ``second``) and whether it is part of a name."""

    cue: Cue
    in_name: bool


@lru_cache(maxsize=256)
def poles(text: str) -> Mapping[str, tuple[Pole, ...]]:
    """Every axis's poles in ``text``, by axis name: what ``finditer`` of each axis's pattern finds, in one
    pass over the words.

    Why: explain asks about each of some forty axes, named and not, on both
    sides of every aligned unit; scanning the sentence once per axis was a
    fifth of explain's time. An axis can only match where a word starts with
    one of its first letters (``_axes_by_letter``), so each word start tries
    only the few axes that begin with its letter, and an axis resumes after
    its last match, as ``finditer`` does. A word starting with a non-ASCII
    letter tries every axis, since case-insensitive matching folds some of
    those onto ASCII ones. Cached: each side of a unit is asked again for
    every axis and by the name check.
    """
    index = _axes_by_letter()
    found = _per_axis(text) if index is None else _per_word(text, index)
    return MappingProxyType({name: tuple(axis_poles) for name, axis_poles in found.items()})


def _per_word(text: str, index: dict[str, tuple[AxisPattern, ...]]) -> dict[str, list[Pole]]:
    found: dict[str, list[Pole]] = {}
    resume: dict[str, int] = {}
    every = index[""]
    for word in _WORD_START.finditer(text):
        start = word.start()
        letter = text[start]
        for axis in index.get(letter.lower(), ()) if letter.isascii() else every:
            if start < resume.get(axis.name, 0):
                continue
            match = axis.pattern.match(text, start)
            if match is not None:
                resume[axis.name] = match.end()
                found.setdefault(axis.name, []).append(_pole(text, match))
    return found


def _per_axis(text: str) -> dict[str, list[Pole]]:
    """The same scan once per axis: the way when the patterns' first letters could not be read."""
    found: dict[str, list[Pole]] = {}
    for axis in AXES:
        for match in _pattern(axis).finditer(text):
            found.setdefault(axis.name, []).append(_pole(text, match))
    return found


def _pole(text: str, m: re.Match[str]) -> Pole:
    return Pole(Cue(m.start(), m.end(), "first" if m.group("first") else "second"), _in_name(text, m.start(), m.end()))


_WORD_START = re.compile(r"\b\w")


@dataclass(frozen=True, slots=True)
class AxisPattern:
    """An axis's name and compiled pattern, as the one pass over the words tries them."""

    name: str
    pattern: re.Pattern[str]


@cache
def _axes_by_letter() -> dict[str, tuple[AxisPattern, ...]] | None:
    """The axes a match can start with each (lower-case) letter, read from the patterns themselves, so
    that an axis added to ``AXES`` needs no list of its own, and every axis under ``""``; None when a
    pattern can start with something that is not a word character, or the regular-expression parser
    cannot be read, and so every axis must be scanned everywhere."""
    every = tuple(AxisPattern(axis.name, _pattern(axis)) for axis in AXES)
    by_letter: dict[str, list[AxisPattern]] = {}
    try:
        for axis in every:
            letters = first_letters(axis.pattern.pattern)
            if letters is None or not all(_WORD_CHAR.fullmatch(c) for c in letters):
                return None
            for letter in letters:
                by_letter.setdefault(letter, []).append(axis)
    except (AttributeError, ImportError, TypeError, ValueError):
        return None
    return {"": every, **{letter: tuple(axes) for letter, axes in by_letter.items()}}


_WORD_CHAR = re.compile(r"\w")


def first_letters(pattern: str) -> frozenset[str] | None:
    """The lower-cased characters a case-insensitive match of ``pattern`` can start with; None when that
    is not known (a class such as ``\\w`` or ``.`` comes first, or the pattern can match nothing).

    Reads the standard library's regular-expression parser (``re._parser``,
    Python 3.11 on); it raises AttributeError or ImportError where that is gone.
    """
    parser = importlib.import_module("re._parser")
    letters, empty = _first(parser.parse(pattern, re.IGNORECASE), importlib.import_module("re._constants"))
    return None if letters is None or empty else frozenset(letters)


def _first(items: Any, ops: Any) -> tuple[set[str] | None, bool]:
    """``(first characters, can match the empty string)`` of a parsed sequence; None for "any character"."""
    out: set[str] = set()
    for op, arg in items:
        if op in (ops.AT, ops.ASSERT, ops.ASSERT_NOT):  # \b, look-arounds: they take no character
            continue
        if op == ops.LITERAL:
            return out | {chr(arg).lower()}, False
        if op == ops.IN:
            for kind, value in arg:
                if kind == ops.LITERAL:
                    out.add(chr(value).lower())
                elif kind == ops.RANGE:
                    out |= {chr(c).lower() for c in range(value[0], value[1] + 1)}
                else:
                    return None, False
            return out, False
        if op == ops.SUBPATTERN:
            letters, empty = _first(arg[3], ops)
        elif op == ops.BRANCH:
            letters, empty = set(), False
            for branch in arg[1]:
                more, can_be_empty = _first(branch, ops)
                if more is None:
                    return None, False
                letters |= more
                empty = empty or can_be_empty
        elif op in (ops.MAX_REPEAT, ops.MIN_REPEAT):
            letters, empty = _first(arg[2], ops)
            empty = empty or arg[0] == 0
        else:
            return None, False
        if letters is None:
            return None, False
        out |= letters
        if not empty:
            return out, False
    return out, True


_NEXT_CAPITAL = re.compile(r"[ \t]+[A-Z]")
_PREVIOUS_CAPITAL = re.compile(r"\b[A-Z][\w'’-]*[ \t]+$")


def _in_name(text: str, start: int, end: int) -> bool:
    """Whether the capitalised word(s) at ``text[start:end]`` stand next to another capitalised word: a
    name. A sentence's first word counts only with a capital after it, since any word starts a sentence."""
    if not text[start:start + 1].isupper():
        return False
    if _NEXT_CAPITAL.match(text, end):
        return True
    before = text[max(0, start - 40):start]
    return bool(_PREVIOUS_CAPITAL.search(before)) and not re.search(r"[.!?:\n][\"'“‘”’)]*\s*$", before)


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_SUPERLATIVE = r"(?:\w{2,}est|top|best|worst|leading|(?<=the\s)(?:most|least)\s+(?!of\b)\w+)"
_RANK = re.compile(
    r"\b(?P<among>one\s+(?:(?:also|still|indeed|now)\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’]+['’]s\s+)?)?"
    r"(?:(?P<ordinal>second|third|fourth|fifth|2nd|3rd|4th|5th)[\s-]+)?"
    r"(?P<superlative>" + _SUPERLATIVE + r")\b(?!-)",
    re.IGNORECASE,
)
_RUNNER_UP = re.compile(r"(?:\s+[\w'’-]+){0,12}?\s+(?:after|behind|only\s+to)\s+(?:the\s+)?[A-Z]")
"""A superlative qualified by the one before it ("the highest … after Italy"): rank 2, not 1."""
_NOT_SUPERLATIVE = frozenset({"interest", "west", "test", "rest", "forest", "protest", "contest",
                              "request", "guest", "quest", "harvest", "chest", "nest", "arrest", "honest", "modest",
                              "earnest", "manifest", "digest", "suggest", "invest", "latest", "priest", "pest",
                              "vest", "zest", "crest", "behest", "conquest", "inquest", "unrest", "southwest", "northwest",
                              "midwest"})


def ranks(text: str) -> list[Cue]:
    """Standings stated with a superlative, keyed by standing: ``1`` ("the largest", "top"), ``below the
    top`` ("the second-largest", "third-largest": which place below it is a count, the number rule's),
    ``among`` ("one of the largest"). A superlative read as a rank only
    where it stands before a noun or ends its phrase; "the latest" and "best-selling" are not ranks."""
    cues = []
    for m in _RANK.finditer(text):
        word = m.group("superlative").lower()
        if word in _NOT_SUPERLATIVE:
            continue
        ordinal = m.group("ordinal")
        if not ordinal and not m.group("among") and _RUNNER_UP.match(text, m.end()):
            ordinal = "second"  # "the highest debt after Italy" is the second-highest
        key = ("among" if m.group("among") else "below the top" if ordinal
               else "last" if word.startswith("least") else "1")
        cues.append(Cue(m.start(), m.end(), key))
    return cues
