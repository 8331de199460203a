"""Names put in another name's place, read from capitalised words rather than from the entity model.

A rewrite that swaps a party rewords the whole sentence around it ("Transport Secretary Helen Marsh said"
→ "Minister David Quayle confirmed", "near Ashworth" → "near Brindle were cut off"), and the small
entity model often tags neither name, or tags them as different kinds, so pairing its entities by kind
finds nothing. English marks a name by its capital, so this module reads *name runs*: capitalised words,
joined by "of", "&" or a particle ("von der"), less titles, offices and a sentence's first word that
nothing else marks as a name; a headline in title case and a dateline hold none.

A run is *kept* where a text names the same party, in any form a faithful rewrite uses: its last name
word with its capital ("Ms Okafor" and "Okafor's" for "Ruth Okafor"; "price" is no "Ann Price"), an
institution's words in any case ("the high court"), its initials ("UN", "U.S.", "NHS"), another name
of a country or party ("Britain" = "UK"), or its people's adjective ("French" for "France"). A unit
where a run of the source's side is not kept on the copy's side, and a run of the copy's side is not
kept on the source's side, has put one name in another's place when at least one of the two is kept
nowhere in the other article: both sides say who, and the other article does not know one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.speakers import REPORT
from unspin.explain.unit import UnitPair
from unspin.records import Change


@dataclass(frozen=True, slots=True)
class NameRun:
    """Capitalised words ``text[start:end]`` that name one party; ``key`` is its last name word, lower-cased.
    ``opening`` marks a single word that opens its sentence, which only the entity model can tell from
    any other first word ("Civica carried out" against "Officials said"). ``body`` holds the words of an
    institution's name ("High Court", "Castellan Foods", "Central Bank"), which rewrites put in lower case
    ("the high court"); it is empty for a person's or a place's, whose capital stays. ``front`` holds the
    run's words before its first name word: a title or role ("Transport Secretary", "Critic"); ``written``
    its name words' letters and digits alone ("poors" for "Standard & Poor's"), to find it written
    without spaces or marks."""

    start: int
    end: int
    key: str
    initials: str
    opening: bool = False
    body: tuple[str, ...] = ()
    front: tuple[str, ...] = ()
    written: str = ""


_WORD = re.compile(r"(?<![\w.'’-])[A-Za-z][\w'’.&-]*")
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady president premier minister secretary chancellor senator "
    "sen governor gov mayor councillor councilor judge justice chief general gen inspector sergeant commissioner "
    "captain coach manager director chairman chairwoman chair spokesman spokeswoman spokesperson deputy officer "
    "ambassador envoy leader head executive foreign home health transport finance education interior defence defense "
    "state prime rep king queen prince princess pope bishop father saint st".split())
"""Titles and offices written with a capital before a name: they say the role, not who holds it."""
_HEADS = frozenset(
    "court school college university hospital hospitals council street road bridge station airport party union club "
    "museum bank agency trust office department ministry committee commission group holdings capital partners "
    "foods energy insurance police service services company corporation corp inc ltd plc llc co fc authority "
    "foundation institute society association board city county town village river lake mount north south east "
    "west northern southern eastern western central new great government parliament senate congress cabinet "
    "assembly mps meps".split())
"""Generic words of a name (its kind, not its identity): "Castellan Foods" and "Merridew Foods" share one."""
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter year "
    "i he she it they we you his her their its our my among amid despite following meanwhile however although "
    "while since unlike like shares".split())
"""Capitalised words that name no party: days, months, holidays, pronouns, and words that open a sentence
("Among Fox viewers", "Shares of Vesta")."""
_JOIN = frozenset({"of", "&", "van", "von", "der", "den", "de", "la", "le", "du", "da", "al", "bin"})
"""Lower-case words inside a name ("Bank of Orrin", "Ursula von der Leyen")."""
_SENTENCE_END = re.compile(r"(?:[.!?:;][\"”’)]*\s+|[\"“(]\s*|\n\s*|\s[—–-]\s+)$")
"""What a sentence's first word follows: an end of sentence, a quotation mark, a new line or a dateline's dash."""
_DEMONYMS = {"french": "france", "dutch": "netherlands", "british": "britain", "welsh": "wales", "irish": "ireland",
             "scottish": "scotland", "swiss": "switzerland", "spanish": "spain", "danish": "denmark",
             "swedish": "sweden", "finnish": "finland", "polish": "poland", "turkish": "turkey", "greek": "greece",
             "norwegian": "norway", "english": "england", "portuguese": "portugal", "thai": "thailand",
             "filipino": "philippines", "peruvian": "peru", "american": "america", "americans": "america",
             "myanmar": "burma", "burmese": "burma"}
_ALIASES = {"uk": "britain", "gb": "britain", "us": "america", "usa": "america", "states": "america",
            "kingdom": "britain", "soviet": "russia", "ussr": "russia", "tory": "conservative",
            "tories": "conservative", "conservatives": "conservative", "gop": "republican",
            "republicans": "republican", "democrats": "democratic", "democrat": "democratic"}
"""The same country or party written as another word (the other irregular pairs of ``_DEMONYMS``)."""


def name_swaps(unit: UnitPair, tagged: Callable[[str], Iterable[int]], strict: bool = False) -> list[Change]:
    """One ``entity`` change for each source run the copy's side does not name, paired with a copy run the
    source's side does not name, where at least one of the two (both when ``strict``) is named nowhere
    in the other article; pairs of two unknown names go first, then the nearest in place.

    A name the other article keeps elsewhere and a new one beside it is still a swap ("Ann Price said"
    → "Ruth Okafor said", with Price in another sentence of the copy), unless either is a list member
    or a description ("the Spaniard") (``_plain``); two names both articles know, each moved to
    another sentence, are only moved. A run only dropped, or only added, is a detail of an omission
    or an addition, not a swap. ``tagged`` gives where the entity model finds names in a text: a
    sentence's first word alone counts only there.
    """
    lost = [(r, _kept(r, unit.b_text)) for r in _runs(unit.a_text, unit.a_span) if not _kept(r, unit.b)]
    gained = [(r, _kept(r, unit.a_text)) for r in _runs(unit.b_text, unit.b_span) if not _kept(r, unit.a)]
    if not lost or not gained:
        return []
    starts_a = _starts(lost, unit.a, unit.a_span[0], tagged, strict)
    starts_b = _starts(gained, unit.b, unit.b_span[0], tagged, strict)
    lost = [(r, known) for r, known in lost if not r.opening or _tagged(r, starts_a)]
    gained = [(r, known) for r, known in gained if not r.opening or _tagged(r, starts_b)]
    pairs = sorted(((known_x + known_y, abs(_at(unit.a_span, x) - _at(unit.b_span, y)), x, y)
                    for x, known_x in lost for y, known_y in gained
                    if known_x + known_y == 0 or not strict and known_x + known_y == 1
                    and _plain(unit.a_text, x) and _plain(unit.b_text, y)
                    and (known_x or _sure(unit.a_text, x, starts_a)) and (known_y or _sure(unit.b_text, y, starts_b))
                    if _same_slot(_slot(unit.a_text, x), _slot(unit.b_text, y), _alone(unit))),
                   key=lambda p: p[:2])
    changes = []
    used: set[NameRun] = set()
    for *_, x, y in pairs:
        if x in used or y in used:
            continue
        used |= {x, y}
        sx, sy = unit.a_text[x.start : x.end], unit.b_text[y.start : y.end]
        changes.append(unit.change("entity", Cue(x.start - unit.a_span[0], x.end - unit.a_span[0], x.key),
                                   Cue(y.start - unit.b_span[0], y.end - unit.b_span[0], y.key),
                                   f"another name: {sx} → {sy}"))
    return sorted(changes, key=lambda c: c.a or (0, 0))


@dataclass(frozen=True, slots=True)
class _Slot:
    """What a run's neighbours say of its role: the words just before and after it (a leading "the"
    skipped), its own title words, and whether it is a speaker (next to a reporting verb), an
    institution, a place, the doer of the sentence's verb, or a list member; and the stems of the
    lower-case words near it."""

    before: str
    after: str
    front: tuple[str, ...]
    speaker: bool
    institution: bool
    place: bool
    agent: bool
    listed: bool
    around: frozenset[str]


_PLACE_WORDS = frozenset({"in", "at", "near", "from", "of", "outside", "across", "around", "to"})
_AFTER = re.compile(r"^\W*([\w'’-]+)")
_BEFORE = re.compile(r"([\w'’-]+)\W*$")


def _slot(text: str, run: NameRun) -> _Slot:
    """The slot ``run`` fills in ``text``."""
    before_text = re.sub(r"(?:\b(?:the|a|an|The|A|An)\s+)$", "", text[max(0, run.start - 40) : run.start])
    found_before = _BEFORE.search(before_text) if not _SENTENCE_END.search(before_text[-4:]) and before_text.strip() else None
    found_after = _AFTER.match(text[run.end : run.end + 30])
    before = found_before.group(1).lower() if found_before else ""
    after = found_after.group(1).lower() if found_after and not re.match(r"\s*[.!?]", text[run.end :]) else ""
    near = text[max(0, run.start - 30) : run.start] + " " + text[run.end : run.end + 30]
    speaker = re.search(r"\b" + REPORT + r"\b|\baccording to\s*$", near) is not None
    place = before in _PLACE_WORDS or text[run.start : run.end].endswith("-based")
    subject = not before and re.match(r"\s+[a-z]", text[run.end : run.end + 2]) is not None
    listed = bool({before, after} & {"and", "or", "&"})
    words_around = (re.findall(r"[A-Za-z][\w'’-]*", text[max(0, run.start - 50) : run.start])[-4:]
                    + re.findall(r"[A-Za-z][\w'’-]*", text[run.end : run.end + 50])[:4])
    around = frozenset(stem(w.lower()) for w in words_around if w.lower() not in STOPWORDS and w[0].islower())
    return _Slot(before, after, run.front, speaker, bool(run.body), place, before == "by" or subject, listed, around)


def _alone(unit: UnitPair) -> bool:
    """Whether a side of ``unit`` is the whole of its text: two bare sentences, with no article around them
    to say which names the other side knows."""
    return not (unit.a_text[: unit.a_span[0]] + unit.a_text[unit.a_span[1] :]).strip() \
        or not (unit.b_text[: unit.b_span[0]] + unit.b_text[unit.b_span[1] :]).strip()


def _same_slot(x: _Slot, y: _Slot, tight: bool) -> bool:
    """Whether two runs fill the same role, by what is around them: the same word before or after (a
    title, a preposition, a verb: "in Tarnby" and "in Kellsgate", "Alder Bank with"), a title on both
    (a person's place: "Professor Weiss" and "Dr Grant"), a reporting verb beside both (a speaker),
    a place's preposition before both ("near", "from", "of"), an institution's words in both (a "-based"
    name is a place too), the doer on both (a sentence's subject or a passive's "by": "by Pollwise" and
    "Civica carried out"), a member of a list on both, or a lower-case word of the same stem within four
    words of both ("awarded to Pellham Construction" and "Trask Builders won the contract").
    Two names a paraphrase of another outlet's sentence merely happens to hold, in other roles, are
    details of two reports, not one party swapped. When ``tight`` (two bare sentences, so "named
    nowhere in the other article" says little), only the same words around or the same title count."""
    if x.before and x.before in {y.before, *y.front} or y.before and y.before in x.front:
        return True
    if x.after and x.after == y.after or set(x.front) & set(y.front):
        return True
    if tight:
        return False  # two bare sentences, often two outlets' reports: only the same words around will do
    titled = (x.before in _TITLES or bool(set(x.front) & _TITLES)) and (y.before in _TITLES or bool(set(y.front) & _TITLES))
    return (titled or x.speaker and y.speaker or x.institution and y.institution or x.place and y.place
            or x.agent and y.agent or x.listed and y.listed or bool(x.around & y.around))


def _starts(runs: list[tuple[NameRun, bool]], text: str, offset: int, tagged: Callable[[str], Iterable[int]],
            strict: bool) -> frozenset[int]:
    """Where the entity model finds names in one side's ``text``, asked only where a run needs it: a
    sentence's first word, or a one-word name the other article does not know in a loose pair."""
    if not any(r.opening or not strict and not known for r, known in runs):
        return frozenset()
    return frozenset(offset + start for start in tagged(text))


def _sure(text: str, run: NameRun, starts: frozenset[int]) -> bool:
    """Whether a run is surely a name: two words or more ("Ruth Okafor"), or one the entity model tags. A
    capitalised word alone may be a holiday, a platform or a language ("Christmas", "Facebook"), which a
    copy adds to a sentence whose name it moved elsewhere."""
    return " " in text[run.start : run.end] or _tagged(run, starts)


def _tagged(run: NameRun, starts: frozenset[int]) -> bool:
    """Whether an entity the model found starts on the run, or on the article before it ("the Herald")."""
    return any(run.start - 4 <= start < run.end for start in starts)


def _at(span: tuple[int, int], run: NameRun) -> float:
    """Where a run stands in its side of the unit, from 0 (first word) to 1 (last)."""
    return (run.start - span[0]) / max(1, span[1] - span[0])


def one_party(x: str, y: str) -> bool:
    """Whether two names are one party written two ways: one as the other's initials ("UN" and "the United
    Nations", "U.S." and "United States", "IMF" and "International Monetary Fund"), or by another name
    of a country or party ("Britain" and "the UK", "the Conservatives" and "the Tories")."""
    def known(name: str) -> str:
        last = _bare(name.split()[-1]) if name.split() else ""
        return _ALIASES.get(last, _DEMONYMS.get(last, last if last in _ALIASES.values() else ""))
    if known(x) and known(x) == known(y):
        return True
    def short(name: str) -> str:
        letters = re.sub(r"^(?:the|The)\s+|[.\s]", "", name)
        return letters if 2 <= len(letters) <= 6 and letters.isupper() else ""
    return any(short(p) and short(p) == _initials(q) for p, q in ((x, y), (y, x)))


def _initials(name: str) -> str:
    """The capitals that begin a name's words, less a leading "The" ("The National Health Service" → "NHS")."""
    return "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", name) if w != "The")


def _runs(text: str, span: tuple[int, int]) -> list[NameRun]:
    """The name runs of ``text[span]`` (offsets into ``text``)."""
    start, end = span
    return [r for r in _article_runs(text) if start <= r.start and r.end <= end]


@lru_cache(maxsize=256)
def _article_runs(text: str) -> tuple[NameRun, ...]:
    """Every name run of an article, read once: the words before a run decide whether it opens a sentence."""
    runs: list[NameRun] = []
    words = list(_WORD.finditer(text))
    k = 0
    while k < len(words):
        if not words[k].group()[0].isupper():
            k += 1
            continue
        run = [words[k]]
        j = k + 1
        while j < len(words):
            w = words[j]
            gap = text[run[-1].end() : w.start()]
            if gap != " " or _ends_sentence(run[-1].group()):
                break
            if w.group()[0].isupper():
                run.append(w)
            elif w.group() in _JOIN and _name_goes_on(text, words, j):
                run.append(w)
            else:
                break
            j += 1
        k = j
        found = _name(text, run)
        if found is not None:
            runs.append(found)
    return tuple(runs)


def _name_goes_on(text: str, words: list[re.Match[str]], j: int) -> bool:
    """Whether the joining word ``words[j]`` leads, through joining words only, to another capitalised word."""
    for k in range(j, min(j + 3, len(words) - 1)):
        if text[words[k].end() : words[k + 1].start()] != " ":
            return False
        if words[k + 1].group()[0].isupper():
            return True
        if words[k + 1].group() not in _JOIN:
            return False
    return False


def _name(text: str, run: list[re.Match[str]]) -> NameRun | None:
    """The name a run of capitalised words writes, or None where it is no name: a headline's title case,
    a sentence's first word that only the capital marks, a title or a weekday alone."""
    if _title_case(text, run[0].start()) or _dateline(text, run[0].start(), run[-1].end()):
        return None
    opens = run[0].start() == 0 or _SENTENCE_END.search(text[max(0, run[0].start() - 4) : run[0].start()]) is not None
    words = [_bare(m.group()) for m in run]
    while words and (words[0] in STOPWORDS and not _acronym(run[0].group()) or words[0] in _NOT_NAMES
                     or words[0] in _JOIN):
        run, words, opens = run[1:], words[1:], False
    while words and (words[-1] in _NOT_NAMES or words[-1] in _JOIN):
        run, words = run[:-1], words[:-1]  # "Moscow Tuesday", "New Year"
    if not words or all(w in _NOT_NAMES or w in _TITLES for w in words):
        return None
    opening = opens and len(words) == 1 and not _acronym(run[0].group()) and not _capitalised_inside(text, run[0].group())
    keys = [w for w in words if w not in _TITLES and w not in _HEADS and w not in _JOIN and w not in _NOT_NAMES]
    body = tuple(w for w in words if w not in _JOIN) if any(w in _HEADS for w in words) and len(words) > 1 else ()
    if not keys and not body:
        return None
    initials = "".join(m.group()[0] for m, w in zip(run, words) if w not in _JOIN)
    end = run[-1].end() - (1 if _ends_sentence(run[-1].group()) else 0)
    front = tuple(words[: words.index(keys[0])]) if keys else ()
    written = re.sub(r"[^a-z0-9]", "", "".join(m.group().lower() for m, w in zip(run, words) if w not in front))
    return NameRun(run[0].start(), end, keys[-1] if keys else body[-1], initials, opening, body, front, written)


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether a run opens a line as its dateline ("BLOEMHOF —", "Oslo, Norway -"): where the story was
    filed, which a copy drops or keeps as it likes."""
    line_start = start == 0 or text[start - 1] == "\n"
    return line_start and re.match(r"\s*(?:,\s*[A-Z][\w.]*\s*)*(?:—|–|-|\()", text[end : end + 40]) is not None


def _plain(text: str, run: NameRun) -> bool:
    """Whether a run stands alone as a name: not a party joined to a list ("Italy, Poland and Spain"),
    which a copy adds or drops as a party (``lists``), and not a description after "the" ("the
    Spaniard", "the Briton"), which stands for a name written elsewhere."""
    joined = (re.search(r"[A-Z][\w'’.-]*(?:,|\s+and|\s+or|\s+&)\s+$", text[max(0, run.start - 40) : run.start])
              or re.match(r"(?:,|\s+and|\s+or|\s+&)\s+(?:the\s+)?[A-Z]", text[run.end : run.end + 12]))
    described = re.search(r"\bthe\s+$", text[max(0, run.start - 5) : run.start], re.IGNORECASE) and " " not in text[run.start : run.end]
    return not joined and not described


def _ends_sentence(word: str) -> bool:
    """Whether a word's full stop ends its sentence: any but an initial or a short title's ("U.S.", "Dr.", "St.")."""
    return word.endswith(".") and not re.fullmatch(r"(?:[A-Za-z]\.)+|(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|Co|Inc|Ltd|Corp|Mt|Ft)\.", word)


def _acronym(word: str) -> bool:
    """Whether ``word`` is written as initials ("UN", "U.S."), which no stopword is."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isupper()


def _bare(word: str) -> str:
    """A word lower-cased, less a possessive (or whatever lower-case tail follows an apostrophe: a spinner's
    "Goldsmith'indeed s" is still Goldsmith, while "O'Brien" keeps its capital), dots, a "-based" tail and an
    "ex-" head ("Galway-based" → "galway", "Ex-Harwick" → "harwick")."""
    word = re.sub(r"['’][a-z]*$", "", word).lower()
    word = re.sub(r"-(?:based|born|led|owned|run)$|^(?:ex|pro|anti|non|post|pre|mid)-", "", word)
    return word.replace(".", "") if re.fullmatch(r"(?:[a-z]\.)+[a-z]?\.?", word) else word.rstrip(".")


def _title_case(text: str, at: int) -> bool:
    """Whether the sentence or line around ``at`` is written in title case (most of its words capitalised)."""
    left = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    stops = [p for p in (text.find(". ", at), text.find("\n", at)) if p >= 0]
    sentence = text[left + 1 : min(stops) if stops else len(text)]
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _capitalised_inside(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` with its capital somewhere inside a sentence, not in title case: a name,
    not a first word."""
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", text):
        if m.start() > 0 and not _SENTENCE_END.search(text[max(0, m.start() - 4) : m.start()]) \
                and not _title_case(text, m.start()):
            return True
    return False


def _kept(run: NameRun, other: str) -> bool:
    """Whether ``other`` names the party of ``run`` anywhere, in any faithful form. A person's or a place's
    name keeps its capital in a faithful rewrite, so the same word in lower case ("price" for "Ann
    Price") does not keep it; an institution's words do, in any case."""
    vocabulary = _vocabulary(other)
    key = run.key
    if run.body and all(w in vocabulary.words for w in run.body if w not in _TITLES):
        return True  # "the high court" keeps "the High Court"
    if key in vocabulary.capitalised or _DEMONYMS.get(key, key) in vocabulary.countries \
            or _ALIASES.get(key, key) in vocabulary.countries:
        return True
    if any(_people_of(key, w) or _people_of(w, key) or len(key) >= 6 and w[:6] == key[:6] and abs(len(w) - len(key)) <= 2
           for w in vocabulary.capitalised):
        return True  # "Russia" and "Russian", "Kenya" and "Kenyan", "Andersen" misspelt "Anderson"
    if len(key) >= 4 and any(one_edit(key, w) for w in vocabulary.capitalised if abs(len(w) - len(key)) <= 1):
        return True  # "Sundwell" spelt "Sundwall", "Guangdong" spelt "Guandong"
    if len(run.written) >= 3 and run.written in vocabulary.compact:
        return True  # "Visual Basic" written "VisualBasic", "Poor's" written "Poors", "U.S.-backed" "US-backed"
    acronym = key.upper() if re.fullmatch(r"[a-z]{2,6}", key) else ""
    if acronym and acronym in vocabulary.initials:
        return True  # "UN" for "United Nations"
    return len(run.initials) >= 2 and run.initials in vocabulary.acronyms


def _people_of(place: str, word: str) -> bool:
    """Whether ``word`` is the adjective of ``place``'s people by the regular endings ("Italy" →
    "Italian", "China" → "Chinese", "Kenya" → "Kenyan"); the irregular ones are in ``_DEMONYMS``."""
    return (len(place) >= 4 and place[:4] == word[:4] and len(word) - len(place) <= 3
            and re.search(r"(?:n|an|ian|ese|i|ish)$", word) is not None and word != place)


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    words: frozenset[str]
    capitalised: frozenset[str]
    compact: str
    countries: frozenset[str]
    initials: frozenset[str]
    acronyms: frozenset[str]


@lru_cache(maxsize=64)
def _vocabulary(text: str) -> _Vocabulary:
    """The names an article writes: its words and its capitalised words, lower-cased (possessives and dots
    dropped), its letters and digits alone, its capitalised words' country forms, its runs' initials and
    its acronyms."""
    words = frozenset(_bare(w) for w in re.findall(r"[A-Za-z][\w'’.-]*", text))
    capitalised = frozenset(_bare(w) for w in re.findall(r"\b[A-Z][\w'’.-]*", text))
    countries = frozenset(_ALIASES.get(w, _DEMONYMS.get(w, w)) for w in capitalised)
    initials = frozenset(r.initials for r in _article_runs(text)) | frozenset(
        _initials(m.group()) for m in re.finditer(r"[A-Z][a-z]+(?:\s+(?:of\s+|and\s+|for\s+|the\s+)*[A-Z][a-z]+)+", text))
    acronyms = frozenset(re.sub(r"\.", "", w) for w in re.findall(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b", text))
    return _Vocabulary(words, capitalised, re.sub(r"[^a-z0-9]", "", text.lower()), countries, initials, acronyms)


def one_edit(x: str, y: str) -> bool:
    """Whether ``x`` and ``y`` differ by at most one inserted, dropped or replaced letter."""
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y)) <= 1
    short, long_ = sorted((x, y), key=len)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))
