"""Who says a sentence, and whom a pronoun stands for.

News copy gives most claims to someone: ``"…," said Julia Crane``, ``The
agency said …``, ``Its leader, Tomas Heller, said: "…"``, ``She added that
…``. A rewrite that keeps the words but changes who says them (or turns the
speaker's name into a pronoun that now points at someone else) changes the
claim. This module finds a sentence's *speaker* (or, for a sentence that
reports nothing, its leading subject) and resolves a pronoun the way a
reader does: the nearest person named earlier in the same article whose
gender does not contradict it (honorifics, and the pronouns that follow the
person's other mentions, tell the gender).

Pure regular expressions over the article text, no model: the speaker
frames of news writing are few, and resolution looks back only a few
sentences.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from unspin.records import Span
from unspin.segment import split_sentences

SpeakerKind = Literal["person", "name", "party", "pronoun"]
"""``person``: a name known to be a person's (titled, gendered, or first and last name); ``name``: a
capitalised name that may be a person's or a company's ("Veltron said"); ``party``: an institution
("the agency", "the Environment Agency"); ``pronoun``: he or she."""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a sentence gives its words to: ``text[start:end]``, keyed by its last word, lower-cased."""

    start: int
    end: int
    key: str
    kind: SpeakerKind


@dataclass(frozen=True, slots=True)
class Referent:
    """What a speaker stands for once resolved: a person's or name's ``key``, or a ``party``'s head word."""

    key: str
    kind: SpeakerKind


_REPORT = (r"(?:said|says|say|told|tells|added|adds|warned|warns|stated|states|insisted|explained|noted|argued|"
           r"claimed|claims|announced|admitted|denied|confirmed|called|calls|described|describes|accused|urged|"
           r"welcomed|agreed|wrote|writes|replied|asked|believes|thinks|apologi[sz]ed|predicted|estimated|"
           r"advised|cautioned|stressed|pledged|promised|conceded|acknowledged|blamed|praised|criticised|criticized)")
REPORT = _REPORT
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Lord|Lady|Judge|Councillor|Detective|Inspector|Sergeant|Sgt)\.?"
_CAP = r"(?:[A-Z][\w'’-]*|&|de|van|von|der|al|bin|da|di|le|la)"
_NAME = rf"(?:{_TITLE}\s+)*[A-Z][\w'’-]*(?:\s+{_CAP}){{0,3}}"
_PRONOUN = r"(?:he|she|He|She)"
_ROLE = r"(?:(?:[A-Za-z][\w'’-]*\s+){0,4}?)"
_TRAILING = re.compile(
    rf"[,\"”’]\s*(?:(?:{_REPORT})\s+{_ROLE}(?P<after>{_NAME}|{_PRONOUN}|the\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)"
    rf"|{_ROLE}(?P<before>{_NAME}|{_PRONOUN}|the\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)\s+(?:{_REPORT}))"
    r"(?:\s+(?:on|at|in|last|this|yesterday|today|earlier|later)\b[^,.\"“”]{0,40})?(?:,[^,.]{1,60})?\s*[.!?]?[\"”]?\s*$"
)
"""``…, said committee chair Judith Acton.``, ``…," Hartley said.``, ``…, the fire service said.``"""
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+{_ROLE}(?P<name>{_NAME}|the\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)")
_LEADING = re.compile(
    rf"(?:^|,\s+)(?:(?P<pre>{_ROLE}[\w'’-]+),\s+(?P<appos>{_NAME}),|{_ROLE}(?P<name>{_NAME}|{_PRONOUN}|"
    rf"[Tt]he\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)(?:,\s+[^,\"“”]{{1,60}},)?)"
    rf"\s+(?:has\s+|had\s+|also\s+|then\s+|later\s+)?(?P<verb>{_REPORT})\b"
)
"""``Business minister Laura Finch called …``, ``Its leader, Tomas Heller, said: …``, ``She added …``,
``The agency said …``, ``Speaking in Leeds, Voss said …``."""
_IRREGULAR_PAST = ("won|lost|told|took|made|gave|left|met|led|ran|sent|put|set|paid|sold|bought|held|kept|went|came|"
                   "saw|found|brought|thought|began|wrote|spoke|chose|drove|flew|fell|rose|broke|beat|built|knew|"
                   "sat|stood|struck|swore|threw|understood|withdrew|oversaw|overtook|undertook|shook|spent")
"""Past forms without -ed, for a subject before them."""
_SUBJECT = re.compile(rf"^(?:{_TITLE}\s+)?(?P<name>{_PRONOUN}|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+(?:is|was|has|had|will|would|could|can|may|might|must|should|did|does|also|became|becomes|[a-z]+ed)\b")
"""A sentence that reports nothing still has a subject: ``She is due to play …``."""

_SUBJECT_WIDE = re.compile(rf"^(?:{_TITLE}\s+)?(?P<name>{_PRONOUN}|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+"
                           rf"(?:(?:later|then|never|still|once|again)\s+)?(?:[a-z]+ed|{_IRREGULAR_PAST})\b")
"""A subject before an adverb or a past verb without -ed (``He later resigned``, ``Ms Varga won``); taken only
for a pronoun, a titled name or a full name, since a single capitalised word there is as often a party
or a place."""

PARTIES = _PARTIES = frozenset(
    "agency company firm council government ministry department police force trust board committee court union club "
    "group authority service services school university hospital museum charity regulator bank office commission "
    "party campaign society association federation institute team researchers study report survey inquiry "
    "airline operator retailer supplier owner owners organisers organizers league federation network audit review "
    "analysis figures data statement documents".split())
AGENT_FAMILIES = (
    "police officers detectives constables policemen policewomen cops",
    "firefighters firemen firefighter",
    "paramedics medics",
    "doctors physicians surgeons clinicians",
    "nurses",
    "residents locals inhabitants villagers townspeople",
    "neighbours neighbors",
    "volunteers",
    "staff employees workers workforce",
    "teachers",
    "parents",
    "students pupils",
    "soldiers troops",
    "protesters demonstrators",
    "scientists researchers academics",
    "engineers",
    "passengers travellers travelers",
    "shoppers customers consumers",
    "drivers motorists",
    "witnesses onlookers bystanders",
    "investors shareholders",
    "landlords",
    "tenants",
    "farmers",
    "fishermen fishers",
    "lawyers solicitors barristers",
    "prosecutors",
    "judges",
    "regulators",
    "unions",
    "councillors",
    "ministers",
    "inspectors auditors",
)
AGENT_FAMILY = {word: k for k, family in enumerate(AGENT_FAMILIES) for word in family.split()}
"""Nouns for a group of people who act in news stories, by the family a reader takes as one party:
"police" for "officers" is faithful, "neighbours" for "firefighters" gives the deed to others."""
_NOT_NAMES = frozenset("the a an it they we i this that there these those its their his her our in on at by for "
                       "but and or so if when after before while as however meanwhile".split())
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_HONORIFIC = re.compile(r"\b(?:(?P<m>Mr|Sir|Lord|King|Prince)|(?P<f>Mrs|Ms|Miss|Dame|Lady|Queen|Princess))\.?\s+"
                        r"(?:[A-Z][\w'’-]+\s+){0,2}(?P<last>[A-Z][\w'’-]+)")
_PERSON_MENTION = re.compile(rf"(?:{_TITLE}\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}")
_PLACE_HEADS = frozenset("street road lane avenue square park centre center river bridge station airport hall house "
                         "city town county hospital school college university court office agency council "
                         "ministry department trust group bank party league cup open championship".split())


def key_of(name: str) -> str:
    """A name's key: its last word, lower-cased, without a possessive ("Dr Aisha Demir's" → ``demir``)."""
    words = re.findall(r"[\w'’-]+", name)
    return re.sub(r"['’]s$", "", words[-1]).lower().strip("'’") if words else ""


def sentences(text: str) -> tuple[Span, ...]:
    """The sentence spans of a whole article, cached: every sentence of it may need its speaker."""
    return _sentences(text)


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[Span, ...]:
    return tuple(split_sentences(text))


def sentence_at(text: str, pos: int) -> Span:
    """The sentence of ``text`` around offset ``pos``."""
    k = _sentence_index(text, pos)
    return sentences(text)[k] if k is not None else (pos, pos)


def _sentence_index(text: str, pos: int) -> int | None:
    spans = sentences(text)
    k = bisect.bisect_right(_starts(text), pos) - 1
    return k if k >= 0 and spans[k][0] <= pos < spans[k][1] else None


@lru_cache(maxsize=64)
def _starts(text: str) -> list[int]:
    return [start for start, _ in sentences(text)]


def speakers(text: str, start: int, end: int, subject: bool = False) -> list[Speaker]:
    """Whom ``text[start:end]`` (one sentence) gives its words to, each speaker a name or pronoun
    identifies ("officials said", "a spokesperson said" identify none); with ``subject``, its leading
    subject when it reports nothing."""
    sentence = text[start:end]
    spans = [(m.start(g), m.end(g)) for m in _LEADING.finditer(sentence) for g in ("appos", "name") if m.group(g)]
    spans += [(m.start("name"), m.end("name")) for m in _ACCORDING.finditer(sentence)]
    found = _TRAILING.search(sentence)
    if found is not None:
        group = "after" if found.group("after") else "before"
        spans.append((found.start(group), found.end(group)))
    if not spans and subject:
        lead = _SUBJECT.match(sentence)
        if lead is None:
            lead = _SUBJECT_WIDE.match(sentence)
            if lead is not None and not (re.fullmatch(_PRONOUN, lead.group("name")) or lead.start("name") > 0
                                         or " " in lead.group("name")):
                lead = None
        if lead is not None:
            spans.append((lead.start("name"), lead.end("name")))
    return [who for s, e in sorted(set(spans)) if (who := _speaker(text, start + s, start + e)) is not None]


def _speaker(text: str, start: int, end: int) -> Speaker | None:
    words = text[start:end]
    if re.fullmatch(_PRONOUN, words):
        return Speaker(start, end, words.lower(), "pronoun")
    bare = re.sub(r"^[Tt]he\s+", "", words)
    key = key_of(bare)
    if not key or key in _NOT_NAMES:
        return None
    if key in _PARTIES or (" " not in bare and key in AGENT_FAMILY):
        return Speaker(start, end, key, "party")  # "Residents said": a group of people, not a name
    if not bare[:1].isupper():
        return None  # "the report's authors": a party this module has no word for
    kind: SpeakerKind = "person" if _is_person(text, bare) else "name"
    titled = _LEADING_TITLES.match(words)
    if titled is not None and titled.end() < len(words):
        kind, start = "person", start + titled.end()
    return Speaker(start, end, key, kind)


_LEADING_TITLES = re.compile(r"(?:(?:" + _TITLE + r"|Mayor|President|Premier|Minister|Senator|Governor|Chancellor|"
                             r"Chief|General|Captain|Coach|Bishop|Father|Rev\.?)\s+)+")
"""Titles before a name, left out of the speaker's words: "Mayor Ines Okafor" is Ines Okafor."""


def is_person(text: str, name: str) -> bool:
    """Whether ``text`` introduces ``name`` as a person's anywhere (see ``_is_person``)."""
    return _is_person(text, name)


def _is_person(text: str, name: str) -> bool:
    """Whether ``name`` is a person's, by how ``text`` introduces it anywhere: with a title, after a
    lower-case role ("forecaster Nadia Lowe", "mother Hannah Wells"), with an age or a role in apposition
    ("Nadia Rahman, 34,", "Ruth Penhale, its secretary,"), or as a first and last name with a gender.
    Capitalised pairs alone are not enough: clubs and firms are named so too ("Dunmore Rovers")."""
    words = name.split()
    if not words:
        return False
    if re.match(_TITLE + r"\s", name):
        return True
    last = words[-1].removesuffix("'s").removesuffix("’s")
    return _introduced(text, last) or (_full_names(text, last) and bool(gender(text, key_of(last))))


@lru_cache(maxsize=1024)
def _full_names(text: str, last: str) -> bool:
    """Whether ``text`` writes ``last`` after a first name somewhere."""
    return any(m.group(1).lower() not in _NOT_NAMES and key_of(last) not in _PLACE_HEADS
               for m in re.finditer(r"\b([A-Z][\w'’-]+)\s+" + re.escape(last) + r"\b", text))


@lru_cache(maxsize=1024)
def _introduced(text: str, last: str) -> bool:
    """Whether ``text`` introduces the name ending in ``last`` as a person's (titled, role, apposition)."""
    pattern = r"(?:" + _TITLE + r"\s+)?(?:[A-Z][\w'’-]+\s+){1,2}" + re.escape(last) + r"\b"
    for m in re.finditer(pattern, text):
        full = m.group()
        if re.match(_TITLE + r"\s", full):
            return True
        if full.split()[0].lower() in _NOT_NAMES or key_of(last) in _PLACE_HEADS or "&" in full:
            continue
        if len(full.split()) == 3 and _ROLE_WORD.search(full.split()[0]):
            return True  # "Forecaster Nadia Lowe", the role capitalised at the start of a sentence
        before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 80]
        role = re.search(r"(?:^|[^.!?\s]\s)([a-z][a-z-]+)\s$", before)
        if role is not None and role.group(1) not in _FUNCTION_WORDS:
            return True
        if re.match(r",\s+(?:\d{1,3},|(?:the|its|his|her|their|a|an)\s+(?:[\w'’-]+\s+){0,6}[\w'’-]+,)", after):
            return True
        if re.search(r"(?:Its|His|Her|Their|The\s+[\w'’]+|[A-Z][\w]+['’]s)\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s+$", before):
            return True
    return False


_ROLE_WORD = re.compile(r"(?:er|or|ist|ian|ant|ent|chair|man|woman|chief|captain|minister|secretary|head)$")
"""How the English words for a person's job or part end (forecaster, director, economist, spokeswoman)."""
_FUNCTION_WORDS = frozenset("the a an of in on at by for to from with and or but as than against over under into "
                            "beat beats play plays face faces host hosts visit visits join joins".split())
"""Words before a name that are no role: "against Dunmore Rovers" names no person."""


def gender(text: str, key: str, skip: int = -1) -> str:
    """``m``, ``f`` or "" for the person keyed ``key`` in ``text``: an honorific, else the pronouns that
    follow the person's mentions (the first gendered pronoun in the rest of that sentence or the next, with
    no other introduced name between), the pronoun at offset ``skip`` left out."""
    honoured, votes = _gender_evidence(text, key)
    if honoured:
        return honoured
    m = sum(1 for at, said in votes if said == "m" and at != skip)
    f = sum(1 for at, said in votes if said == "f" and at != skip)
    return "" if m == f else "m" if m > f else "f"


@lru_cache(maxsize=1024)
def _gender_evidence(text: str, key: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The honorific's gender ("" if none) and each pronoun vote ``(offset, m|f)`` for ``key`` in ``text``."""
    for m in _HONORIFIC.finditer(text):
        if key_of(m.group("last")) == key:
            return ("m" if m.group("m") else "f"), ()
    votes = []
    spans = sentences(text)
    for mention in re.finditer(r"\b" + re.escape(key) + r"\b", text, re.IGNORECASE):
        if not text[mention.start()].isupper():
            continue
        k = _sentence_index(text, mention.start())
        if k is None:
            continue
        stop = spans[min(k + 1, len(spans) - 1)][1]
        window = text[mention.end() : stop]
        for pronoun in re.finditer(r"\b(?:she|her|hers|he|him|his)\b", window, re.IGNORECASE):
            between = window[: pronoun.start()]
            if any(key_of(n.group()) != key and _introduced(text, n.group().split()[-1])
                   for n in _PERSON_MENTION.finditer(between)):
                break
            votes.append((mention.end() + pronoun.start(), "f" if _FEMALE.fullmatch(pronoun.group()) else "m"))
            break
    return "", tuple(votes)


_TITLE_TAIL = re.compile(r"\b[A-Z][\w'’-]*\s+of\s+(?:the\s+)?$")
"""Capitalised words after "X of": the rest of a title or an institution's name, not a person."""


def resolve(text: str, who: Speaker) -> Referent | None:
    """What ``who`` stands for: itself for a name or party; for a pronoun, the nearest person named
    before it in ``text`` whose gender does not contradict it (None when there is none)."""
    if who.kind != "pronoun":
        return Referent(who.key, who.kind)
    wanted = "f" if who.key == "she" else "m"
    window_start = max(0, who.start - 1500)
    found = []
    for m in _PERSON_MENTION.finditer(text, window_start, who.start):
        name = m.group()
        bare = re.sub(r"^(?:The|In|On|At|But|And|After|Before|When|While|As)\s+", "", name)
        key = key_of(bare)
        if not key or key in _NOT_NAMES or key in _PARTIES or not _is_person(text, bare):
            continue
        if _TITLE_TAIL.search(text, max(0, m.start() - 60), m.start()):
            continue  # "The Importance of Being Earnest", "the Bank of England": the end of a longer name
        found.append((m.start(), key))
    ranked = [(at, key, gender(text, key, skip=who.start)) for at, key in sorted(found, reverse=True)]
    near = _previous_sentence_start(text, who.start)
    # a person just named whose pronouns agree is the likelier referent than a nearer one of unknown gender:
    # "X said he would ask the secretary, Moira Quayle, to act. He said ..." goes on with X
    sure = next((key for at, key, known in ranked if at >= near and known == wanted), None)
    if sure is not None:
        return Referent(sure, "person")
    for _, key, known in ranked:
        if known in ("", wanted):
            return Referent(key, "person")
    return None


_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+")


def _previous_sentence_start(text: str, at: int) -> int:
    """Where the sentence before the one holding offset ``at`` starts (0 when there is none)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, at - 1500), at)]
    return ends[-2] if len(ends) >= 2 else max(0, at - 1500) if ends else 0


def differ(x: Referent | None, y: Referent | None) -> bool:
    """Whether two resolved speakers are certainly different parties.

    A person and an institution are; two people or names with different keys are; a group of people
    ("residents", "firefighters") and anyone but its own family are. A name and an institution are not
    known to differ ("Veltron said" may be "the company said"), nor is anything
    against a speaker that could not be resolved.
    """
    if x is None or y is None:
        return False
    group_x = AGENT_FAMILY.get(x.key) if x.kind == "party" else None
    group_y = AGENT_FAMILY.get(y.key) if y.kind == "party" else None
    if group_x is not None or group_y is not None:
        return group_x != group_y  # a group of people ("residents") is no person, company or other group
    people = ("person", "name")
    if x.kind == "party" and y.kind == "party":
        return False
    if x.kind == "party" or y.kind == "party":
        return (y if x.kind == "party" else x).kind == "person"
    return x.kind in people and y.kind in people and x.key != y.key
