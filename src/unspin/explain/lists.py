"""Members added to or dropped from a list or coordination: "monitors, pumps and scanners" →
"monitors, pumps, scanners and ambulances", "in Britain and Ireland" → "across Britain, Ireland and France",
"loopholes used by property companies" → "… by property companies and banks".

A list is short items (up to three words each) joined by commas and a
closing ``and``/``or``; a coordination is two or more names ("Kessock and
Tarbet") or short noun phrases ("the regulator and the police") joined the
same way. Two lists, one per side, are the same list when they share at
least two members (compared by last word, lower-cased); a member only one
of them has, whose words the other article never uses, is a party added or
dropped, an ``entity`` change, whether or not the member is a name. A
copy's coordination that adds one member to a single party the source
names ("companies" → "companies and banks") is one too. Because two shared
members make a list distinctive, lists are also compared across whole
articles, where the aligner paired the sentences otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unspin.align.similarity import STOPWORDS
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change, Span, spans_overlap as _overlap

_ITEM = r"[\w'’-]+(?:\s+[\w'’-]+){0,2}"
_LIST = re.compile(rf"\b{_ITEM}(?:,\s+{_ITEM})+,?\s+(?:and|or)\s+{_ITEM}\b")
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_FUNCTION = ("who|which|that|whose|where|when|while|was|were|is|are|be|been|being|has|have|had|will|would|could|can|"
             "may|might|must|should|shall|did|does|do|said|says|told|to|of|in|on|at|for|from|by|with|as|than|then|and|"
             "or|but|not|no|also|it|its|they|them|their|he|she|his|her|we|our|this|these|those|there|after|before|"
             "over|under|into|about|so|if|a|an|the|both|all|through|across|via|within|without|during|since|until|"
             "between|among|around|near|per|including|against|towards?|onto|upon|behind|beyond|along|amid|despite|"
             "inside|outside|off|out|up|down|each|every|any|such|more|most|less|than|just|only|even|because|too|very|"
             "quite|rather|fairly|extremely|highly|really|how|what|why")
_W = rf"(?!(?:{_FUNCTION})\b)[a-z][\w'’-]*"
"""A lower-case word that can be part of a noun phrase: no function word, which ends or starts a clause."""
_VERB_FORMS = ("(?:held|made|took|gave|cut|put|set|won|lost|paid|sold|bought|met|led|ran|sent|kept|left|saw|found|"
               "brought|began|built|hit|got|had|did|went|came|make|take|give|hold|cuts|holds|makes|takes|gives)")
"""Verbs that take a plural object without -ed or -ing ("held talks", "cut jobs"): no modifier of a party."""
_FUNCTION_TAIL = re.compile(rf"(?:\s+(?:{_FUNCTION})\b)+$")
_DETERMINER = r"(?:the|a|an|its|their|his|her|our|other|two|three|four|five|six|seven|eight|nine|ten|several|some|both)"
_PHRASE = rf"(?:{_DETERMINER}\s+(?:{_W}\s+){{0,2}}{_W}|(?:(?![a-z]+(?:ing|ed)\s|{_VERB_FORMS}\s){_W}\s+)?{_W})"
"""A short noun phrase: a determiner and up to three words ("the national bar association", "two opposition
parties"), or one or two words without ("agency drivers", "banks"), the first no verb's participle
("using managers" is the member "managers")."""
_COORDINATION = re.compile(
    rf"(?<![\w'’-])(?:{_NAME}|{_PHRASE})(?:,\s+(?:{_NAME}|{_PHRASE}))*,?\s+(?:and|or)\s+(?:the\s+{_NAME}|{_NAME}|{_PHRASE})(?![\w'’-])"
)
"""Names joined by commas and a closing ``and``/``or`` ("Britain, Ireland and France"), or short noun
phrases joined so ("companies and banks", "the ICO and the police")."""
_CATCH_ALL = re.compile(r"\b(?:other|others|more|several|many|various|etc)\b", re.IGNORECASE)
"""A member that stands for the rest ("and five other towns") names no party."""
_CLAUSE_AFTER = re.compile(r"\s+(?:had|has|have|was|were|is|are|will|would|could|can|may|might|must|should|did|does|"
                           r"said|says|told|added|[a-z]+ed)\b")
_CATCH_ALL_AFTER = re.compile(r"\s+(?:other|others|more|several|many|various)\b")
_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_PARTY_LIKE = re.compile(rf"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*|{_DETERMINER}\s+(?:{_W}\s+){{0,2}}{_W}"
                         rf"|(?:{_W}\s+)?[a-z][\w'’-]{{2,}}(?<!ss)(?<!ed)(?<!['’])s")
"""A member that names a party: a name ("the Forestry Commission"), a phrase with a determiner ("the police",
"the regional water company") or a plural ("banks", "agency drivers"), not an adjective or a verb joined to
another ("shaken and upset")."""
_NAMED = re.compile(r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_MEASURE = re.compile(r"\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+)?[£$€]?\d")
"""A member followed by "of" and a number ("a staff of 23", "a fleet of 40 aircraft"): a size, not a party."""
_NOT_PARTIES = frozenset(STOPWORDS) | {"said", "says", "added", "also", "then", "now", "today", "yesterday"}


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a list: ``text[start:end]``, keyed by its last word, lower-cased."""

    start: int
    end: int
    key: str

    @property
    def cue(self) -> Cue:
        return Cue(self.start, self.end, self.key)


def members(text: str, start: int = 0, end: int | None = None) -> list[list[Member]]:
    """The lists and coordinations in ``text[start:end]``, each as its members."""
    stop = len(text) if end is None else end
    found: list[list[Member]] = []
    seen: set[Span] = set()
    for pattern in (_LIST, _COORDINATION):
        for m in _around_conjunctions(pattern, text, start, stop):
            if (m.start(), m.end()) in seen:
                continue
            seen.add((m.start(), m.end()))
            row, offset = [], m.start()
            for part in _SPLIT.split(m.group()):
                at = text.index(part, offset)
                part = _FUNCTION_TAIL.sub("", part)  # "ambulances through an": a list item runs on into the sentence
                words = part.split()
                if words and not _CATCH_ALL.search(part):
                    row.append(Member(at, at + len(part), words[-1].lower().strip("'’").removesuffix("'s").removesuffix("’s")))
                offset = at + len(part)
            if _CATCH_ALL_AFTER.match(text, m.end()) or len(row) < 3 and _CLAUSE_AFTER.match(text, m.end()):
                continue  # "and five other towns"; "the striker and Ardley had bid": the and joins clauses (three
                # members set off by commas before a verb are its subject: "A, B and C will …")
            if any(_RELATIVE.match(text, member.start) for member in row):
                continue  # "Woodley, who underwent a transplant, died": a relative clause set off by commas
            if len(row) > 2 or len(row) == 2 and not re.search(r",\s+(?:and|or)\s", m.group()):
                found.append(row)  # ", and" between two joins clauses, not parties
    return found


_RELATIVE = re.compile(r"(?:who|whom|whose|which|that|where|when|was|were|is|are|has|have|had|will|would)\b", re.IGNORECASE)


ARTICLE_LISTS = 200
"""Most lists a side may have for lists to be compared across whole articles."""
_CONJUNCTION = re.compile(r"\s(?:and|or)\s")


def _around_conjunctions(pattern: re.Pattern[str], text: str, start: int, stop: int) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``text[start:stop]`` that contain an ``and``/``or``, found in a window
    around each: a list pattern tried at every word of an article is slow, and every list has one."""
    found: dict[Span, re.Match[str]] = {}
    for conj in _CONJUNCTION.finditer(text, start, stop):
        for m in pattern.finditer(text, max(start, conj.start() - 160), min(stop, conj.end() + 80)):
            if m.start() <= conj.start() and conj.end() <= m.end():
                found.setdefault((m.start(), m.end()), m)
    return [found[span] for span in sorted(found)]


def list_changes(unit: UnitPair) -> list[Change]:
    """Members one side's list has and the same list on the other side lacks, within one aligned unit;
    and a party a coordination of the copy (or the source) joins to one the other side names alone."""
    lists_a = members(unit.a_text, *unit.a_span)
    lists_b = members(unit.b_text, *unit.b_span)
    changes = _compared(unit, lists_a, lists_b)
    joined = _joined(unit, lists_b, unit.a, "b") + _joined(unit, lists_a, unit.b, "a")
    return changes + [c for c in joined if not any(_overlap(c.a, d.a) or _overlap(c.b, d.b) for d in changes)]


def article_list_changes(a_text: str, b_text: str, taken: list[Change]) -> list[Change]:
    """List members added or dropped between whole articles, for lists whose sentences the aligner did
    not pair; changes overlapping ``taken`` (found unit by unit) are left out."""
    whole = UnitPair(a_text, (0, len(a_text)), b_text, (0, len(b_text)))
    lists_a, lists_b = members(a_text), members(b_text)
    if len(lists_a) > ARTICLE_LISTS or len(lists_b) > ARTICLE_LISTS:
        return []  # each list is set against every other: a page of lists is left to the units
    found = _compared(whole, lists_a, lists_b)
    return [c for c in found if not any(t.type == "entity" and (_overlap(t.a, c.a) or _overlap(t.b, c.b)) for t in taken)]


def _compared(unit: UnitPair, lists_a: list[list[Member]], lists_b: list[list[Member]]) -> list[Change]:
    """Members added or dropped between lists of the two sides that share two members or more."""
    a0, b0 = unit.a_span[0], unit.b_span[0]
    changes: list[Change] = []
    for list_a in lists_a:
        keys_a = {m.key for m in list_a}
        for list_b in lists_b:
            keys_b = {m.key for m in list_b}
            if sum(any(_same_member(x, y) for y in keys_b) for x in keys_a) < 2:
                continue
            # the other side's evidence is its list's last member, where the added one would stand
            last_a, last_b = list_a[-1], list_b[-1]
            for m in list_b:
                if not _listed(m.key, keys_a | _words_of(unit.a)) and _absent(unit.b_text[m.start : m.end], unit.a_text):
                    changes.append(unit.change("entity", _local(last_a, a0), _local(m, b0),
                                               f"party added to the list: {unit.b_text[m.start:m.end]}"))
            for m in list_a:
                if m.key.isdigit():
                    continue  # "a transplant in 1992, died of liver and kidney failure": a year is no party
                if not _listed(m.key, keys_b | _words_of(unit.b)) and _absent(unit.a_text[m.start : m.end], unit.b_text):
                    changes.append(unit.change("entity", _local(m, a0), _local(last_b, b0),
                                               f"party dropped from the list: {unit.a_text[m.start:m.end]}"))
    return changes


_DEMONYM_TAILS = frozenset({"n", "an", "ian", "ese", "i"})
"""What a place's name gains to become its people's ("Tanzania" → "Tanzanian", "Iraq" → "Iraqi")."""


def _same_member(x: str, y: str) -> bool:
    """Whether two members' keys name one thing: the same word (or its plural), one a shortening of the
    other of four letters or more that leaves out six or more ("delis" for "delicatessens"), or a
    place's people ("Tanzanian" for "Tanzania"). A shorter tail makes another word or name ("fund",
    "funding"; "Port", "Portugal"; "Wood", "Woodford")."""
    if x == y:
        return True
    short, long = sorted((x.rstrip("s"), y.rstrip("s")), key=len)
    if short == long:
        return True
    if len(short) < 4 or not long.startswith(short):
        return short == long
    tail = long[len(short) :]
    return tail in _DEMONYM_TAILS or len(tail) >= 6


def _listed(key: str, keys: set[str] | frozenset[str]) -> bool:
    """Whether ``key`` is one of ``keys``, or a shortening or lengthening of one ("Tanzanian", "Tanzania")."""
    return key in keys or any(_same_member(key, k) for k in keys)


def _joined(unit: UnitPair, lists: list[list[Member]], other: str, side: str) -> list[Change]:
    """Coordinations of one side all of whose members but one the other side's unit names, the one
    being a party the other article never mentions: "companies" → "companies and banks". The other
    side has no words for the party, so the change has evidence on one side only."""
    mine, theirs = (unit.a_text, unit.b_text) if side == "a" else (unit.b_text, unit.a_text)
    offset = unit.a_span[0] if side == "a" else unit.b_span[0]
    words = set(re.findall(r"[\w'’-]+", other.lower()))
    changes: list[Change] = []
    for row in lists:
        named = [m for m in row if _listed(m.key, words) and m.key not in _NOT_PARTIES]
        extra = [m for m in row if not _listed(m.key, words) and m.key not in _NOT_PARTIES]
        if len(extra) != 1 or len(named) != len(row) - 1 or not named:
            continue
        said = mine[extra[0].start : extra[0].end]
        if _MEASURE.match(mine, extra[0].end):
            continue  # "41 acts and a staff of 23": a size, said as a noun and a number, is no party
        if not (_PARTY_LIKE if side == "b" else _NAMED).fullmatch(said) or not _new_party(said, other, theirs):
            continue  # a copy that leaves out a party in lower case ("the city") drops a detail
        if not all(_PARTY_LIKE.fullmatch(mine[m.start : m.end]) for m in named):
            continue  # "took photographs and sent them": the and joins a verb, not another party
        partner = mine[named[-1].start : named[-1].end]
        here = _local(extra[0], offset)
        if side == "b":
            changes.append(unit.change("entity", None, here, f"party added: the copy names {said} with {partner}"))
        else:
            changes.append(unit.change("entity", here, None, f"party dropped: the copy no longer names {said} with {partner}"))
    return changes


def _local(member: Member, offset: int) -> Cue:
    return Cue(member.start - offset, member.end - offset, member.key)


@lru_cache(maxsize=32)
def _words_of(text: str) -> frozenset[str]:
    """The lower-cased words of a text, kept for the next member looked up in the same article."""
    return frozenset(re.findall(r"\w+", text.lower()))


def _absent(member: str, other: str) -> bool:
    """Whether no content word of ``member`` appears in ``other`` (a list's last member runs on into
    the sentence: "and Redcastle are among those affected"). A member with no content word (an age,
    "27") names no party."""
    words = _words_of(other)
    content = [w for w in re.findall(r"\w+", member.lower()) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
    return bool(content) and not any(w in words for w in content)


def _new_party(member: str, unit: str, article: str) -> bool:
    """Whether ``member`` is a party the other side does not name: its head (last content word) and most of
    its words are not in the other side's ``unit``, and the other ``article`` never writes its words
    together. A party may share a modifier with the other side ("the national bar association" beside
    "the national ombudsman"), or its head with a party named elsewhere ("agency drivers" in a story
    about train drivers), and still be new; "a lift serving every floor" for "a lift to every floor"
    is the same lift."""
    content = [w for w in re.findall(r"\w+", member.lower()) if w not in STOPWORDS and len(w) > 2 and not w.isdigit()]
    if not content:
        return False
    words = _words_of(unit)
    absent = [w for w in content if w not in words]
    phrase = re.search(r"\b" + r"\W+".join(map(re.escape, content)) + r"\b", article.lower())
    return content[-1] in absent and 2 * len(absent) > len(content) and phrase is None