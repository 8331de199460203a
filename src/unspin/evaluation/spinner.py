"""A labelled article spinner: rewrites with known sentence provenance.

It imitates what content farms do, at a chosen ``strength`` (the share of
words touched): synonym swaps from a small news thesaurus written for this
project, filler words, sentence reordering, merges and splits, dropped
sentences, sentences inserted from another article, and planted fact edits
(number, negation). Every copy sentence records which source sentences it
came from, so passage recall and precision can be scored exactly.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from unspin.segment import split_sentences

THESAURUS: dict[str, list[str]] = {
    "said": ["stated", "noted", "remarked"], "says": ["states", "notes"], "told": ["informed"],
    "big": ["large", "major"], "large": ["big", "sizeable"], "small": ["little", "modest"],
    "increase": ["rise", "growth"], "rise": ["increase", "climb"], "rose": ["climbed", "increased"],
    "fell": ["dropped", "declined"], "fall": ["drop", "decline"], "company": ["firm", "business"],
    "firm": ["company", "business"], "government": ["administration"], "people": ["individuals", "folks"],
    "new": ["fresh", "recent"], "plans": ["proposals", "schemes"], "plan": ["proposal", "scheme"],
    "announced": ["revealed", "unveiled"], "help": ["assist", "aid"], "show": ["reveal", "demonstrate"],
    "shows": ["reveals", "demonstrates"], "important": ["significant", "key"], "major": ["big", "significant"],
    "expected": ["anticipated", "predicted"], "believe": ["think", "feel"], "think": ["believe", "reckon"],
    "start": ["begin", "launch"], "started": ["began", "launched"], "began": ["started"], "end": ["finish", "close"],
    "country": ["nation"], "countries": ["nations"], "world": ["globe"], "market": ["marketplace"],
    "sales": ["revenues"], "profits": ["earnings"], "profit": ["earnings"], "price": ["cost"], "prices": ["costs"],
    "buy": ["purchase", "acquire"], "bought": ["purchased", "acquired"], "sell": ["offload"], "sold": ["offloaded"],
    "make": ["create", "produce"], "made": ["created", "produced"], "use": ["utilise", "employ"], "used": ["utilised", "employed"],
    "get": ["obtain", "receive"], "got": ["obtained", "received"], "give": ["provide", "offer"], "gave": ["provided", "offered"],
    "chief": ["head", "boss"], "executive": ["boss", "director"], "boss": ["chief", "head"], "team": ["squad", "side"],
    "match": ["game", "fixture"], "game": ["match"], "win": ["victory"], "won": ["secured", "claimed"],
    "players": ["athletes"], "player": ["athlete"], "film": ["movie"], "films": ["movies"], "music": ["songs"],
    "show": ["programme"], "star": ["celebrity"], "award": ["prize"], "awards": ["prizes"], "best": ["finest", "top"],
    "top": ["leading"], "leading": ["top", "foremost"], "very": ["extremely", "highly"], "many": ["numerous", "several"],
    "also": ["additionally", "furthermore"], "however": ["nevertheless", "still"], "but": ["yet"],
    "because": ["since", "as"], "about": ["around", "roughly"], "around": ["about", "roughly"], "after": ["following"],
    "before": ["ahead of", "prior to"], "during": ["throughout"], "while": ["whereas"], "need": ["require"],
    "needs": ["requires"], "want": ["wish", "desire"], "wants": ["wishes", "desires"], "users": ["customers"],
    "technology": ["tech"], "computer": ["PC", "machine"], "software": ["programs"], "phone": ["handset"],
    "mobile": ["cell"], "online": ["on the web", "internet-based"], "election": ["vote", "poll"], "party": ["organisation"],
    "minister": ["secretary"], "leader": ["head", "chief"], "public": ["general public"], "report": ["study", "review"],
    "figures": ["numbers", "statistics"], "data": ["figures"], "firms": ["companies", "businesses"],
    "growth": ["expansion"], "economy": ["economic system"], "strong": ["robust", "solid"], "weak": ["feeble", "poor"],
    "hit": ["struck", "affected"], "problem": ["issue", "difficulty"], "problems": ["issues", "difficulties"],
    "change": ["alteration", "shift"], "changes": ["alterations", "shifts"], "move": ["step", "decision"],
    "deal": ["agreement", "accord"], "talks": ["discussions", "negotiations"], "claims": ["assertions"],
    "biggest": ["largest"], "latest": ["most recent", "newest"], "recent": ["latest"], "early": ["initial"],
    "part": ["portion", "element"], "number": ["quantity", "amount"], "level": ["degree"], "way": ["manner", "method"],
}
FILLERS = ["also", "now", "indeed", "still", "further"]


@dataclass(frozen=True, slots=True)
class SpunCopy:
    """A spun copy and, for each copy sentence, the source sentences it came from."""

    text: str
    sentences: list[tuple[int, int]]
    provenance: list[tuple[int, ...]]
    planted: list[str]


def spin(source: str, strength: float, rng: random.Random, donor: str | None = None) -> SpunCopy:
    """Rewrite ``source`` at ``strength`` (0..1, the share of words touched)."""
    spans = split_sentences(source)
    units: list[tuple[str, tuple[int, ...]]] = [(source[s:e], (i,)) for i, (s, e) in enumerate(spans)]
    planted: list[str] = []
    # Drop a few sentences (never the first, a headline) and merge or split others.
    units = [u for k, u in enumerate(units) if k == 0 or rng.random() > strength * 0.3]
    merged: list[tuple[str, tuple[int, ...]]] = []
    for text, origin in units:
        if merged and rng.random() < strength * 0.3 and merged[-1][0].endswith("."):
            prev_text, prev_origin = merged.pop()
            text = prev_text[:-1] + ", and " + text[:1].lower() + text[1:]
            origin = prev_origin + origin
        merged.append((text, origin))
    units = merged
    units = [(rewrite_words(text, strength, rng), origin) for text, origin in units]
    for k, (text, origin) in enumerate(units):
        if rng.random() < strength * 0.2:
            edited, what = _plant_fact_edit(text, rng)
            if what:
                units[k] = (edited, origin)
                planted.append(what)
    body = units[1:]
    for _ in range(int(len(body) * strength)):
        i, j = rng.randrange(len(body) or 1), rng.randrange(len(body) or 1)
        if body:
            body[i], body[j] = body[j], body[i]
    if donor and rng.random() < 0.5 + strength:
        donor_spans = split_sentences(donor)
        if len(donor_spans) > 2:
            s, e = donor_spans[rng.randrange(1, len(donor_spans))]
            body.insert(rng.randrange(len(body) + 1), (donor[s:e], ()))
    units = units[:1] + body
    text, sentence_spans, provenance = "", [], []
    for k, (piece, origin) in enumerate(units):
        if k:  # a piece with no closing punctuation (a list item, a headline) ends its line, as on a page
            ended = text.rstrip().endswith((".", "!", "?", '"'))
            text += "\n\n" if k == 1 or rng.random() < 0.3 or not ended else " "
        sentence_spans.append((len(text), len(text) + len(piece)))
        provenance.append(origin)
        text += piece
    return SpunCopy(text, sentence_spans, provenance, planted)


_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def rewrite_words(sentence: str, strength: float, rng: random.Random) -> str:
    """Swap words for thesaurus synonyms and insert filler words, at ``strength``; meaning is kept.

    Words inside quotation marks are left as they are: a synonym inside a
    quotation puts words in a speaker's mouth, a ``quote`` change, so a
    rewrite that claims to keep the meaning cannot make it. They still draw
    from ``rng``, so the rest of a spun copy is the same as before.
    """
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]

    def swap(m: re.Match[str]) -> str:
        word = m.group()
        options = THESAURUS.get(word.lower())
        roll = rng.random()
        if any(start < m.start() < end for start, end in quoted):
            return word
        if options and roll < strength * 2.5:
            choice = rng.choice(options)
            return choice.capitalize() if word[0].isupper() else choice
        if roll < strength * 0.4 and word.islower():
            return f"{rng.choice(FILLERS)} {word}"
        return word

    return re.sub(r"[A-Za-z]+", swap, sentence)


def _plant_fact_edit(sentence: str, rng: random.Random) -> tuple[str, str]:
    number = re.search(r"\b\d+(?:\.\d+)?\b", sentence)
    if number and not re.fullmatch(r"(19|20)\d\d", number.group()):
        value = float(number.group()) * rng.choice([1.5, 2, 0.5, 3])
        new = f"{value:g}"
        return sentence[: number.start()] + new + sentence[number.end() :], "number"
    verb = re.search(r"\b(is|was|are|were|will|has|have|had)\b", sentence)
    if verb:
        return sentence[: verb.end()] + " not" + sentence[verb.end() :], "negation"
    return sentence, ""


# Typed plants: one meaning change in one sentence, with its evidence on each side.
# Each planter returns None when the sentence offers nothing to change.

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
OPPOSITES: dict[str, str] = {
    "more": "less", "higher": "lower", "rise": "fall", "rose": "fell", "risen": "fallen",
    "increased": "decreased", "increase": "decrease", "before": "after", "above": "below", "won": "lost",
    "gained": "lost", "larger": "smaller", "bigger": "smaller", "best": "worst", "stronger": "weaker",
    "strong": "weak", "earlier": "later", "first": "last", "bought": "sold", "buy": "sell",
    "approved": "rejected", "accepted": "rejected", "profit": "loss", "exports": "imports",
    "cheaper": "dearer", "success": "failure", "boost": "cut",
    "welcomed": "criticised", "supported": "opposed", "admitted": "denied", "beat": "lost to",
    "better": "worse", "most": "least", "highest": "lowest", "biggest": "smallest",
}
OPPOSITES.update({v: k for k, v in list(OPPOSITES.items()) if v not in OPPOSITES and " " not in v})
ROLE_VERBS = r"beat|defeated|bought|acquired|sued|overtook|replaced|criticised|thrashed"
HEDGES = r"may|might|could|would|should"
APPROXIMATORS = r"about|around|nearly|almost|some|up to|more than|at least|roughly|an estimated|over"
BOUNDS = r"up to|more than|at least|over"
"""Approximators that bound a figure rather than estimate it: issue 18 counts one dropped as an
``omission`` (a qualifier dropped, the copy's claim stronger); an estimate dropped ("about 300" →
"300") stays a ``hedge``, the figure's uncertainty lost."""
CONDITION = re.compile(r",? (?:if|unless|although|provided|but only if|subject to) [^,.;]+")
NAME = r"(?:Mr|Mrs|Ms|Dr|Prof|Lord|Sir) [A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+"
ADDED_CLAIMS = [
    "The decision is expected to cost hundreds of jobs.",
    "Critics have called the move illegal.",
    "It is the first time this has happened in more than a decade.",
    "Officials admitted the figures had been wrong for years.",
    "Shares in the company rose sharply on the news.",
    "Police are now investigating the matter.",
]


@dataclass(frozen=True, slots=True)
class Plant:
    """One planted change: the edited sentence and the evidence spans, relative to each sentence."""

    type: str
    copy_sentence: str
    source: tuple[int, int] | None
    copy: tuple[int, int] | None
    note: str


def _replace(sentence: str, start: int, end: int, new: str, kind: str) -> Plant:
    old = sentence[start:end]
    if old[:1].isupper() and new[:1].islower():
        new = new[:1].upper() + new[1:]
    edited = sentence[:start] + new + sentence[end:]
    return Plant(kind, edited, (start, end), (start, start + len(new)) if new else None, f"{old!r} -> {new!r}")


def _pick(pattern: str | re.Pattern[str], sentence: str, rng: random.Random) -> re.Match[str] | None:
    matches = list(re.finditer(pattern, sentence))
    return rng.choice(matches) if matches else None


def plant_number(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    m = _pick(r"\b\d+(?:\.\d+)?\b", sentence, rng)
    if not m or re.fullmatch(r"(19|20)\d\d", m.group()):
        return None
    value = float(m.group()) * rng.choice([1.5, 2, 0.5, 3])
    return _replace(sentence, m.start(), m.end(), f"{value:g}", "number")


def plant_date(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    m = _pick(r"\b(?:%s|%s|(?:19|20)\d\d)\b" % ("|".join(WEEKDAYS), "|".join(MONTHS)), sentence, rng)
    if not m:
        return None
    word = m.group()
    pool = WEEKDAYS if word in WEEKDAYS else MONTHS if word in MONTHS else None
    new = rng.choice([w for w in pool if w != word]) if pool else str(int(word) + rng.choice([-2, -1, 1, 2]))
    return _replace(sentence, m.start(), m.end(), new, "date")


def plant_negation(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    m = _pick(r"\b(?:is|was|are|were|will|has|have|had|can|did|does|do) not\b", sentence, rng)
    if m:
        cut = m.group().rfind(" not")
        return _replace(sentence, m.start(), m.end(), m.group()[:cut], "negation")
    m = _pick(r"\b(?:is|was|are|were|will|has|have|had|can)\b", sentence, rng)
    return _replace(sentence, m.start(), m.end(), m.group() + " not", "negation") if m else None


def plant_inversion(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    roles = re.search(rf"\b([A-Z][\w&]+(?: [A-Z][\w&]+)*) ({ROLE_VERBS}) ([A-Z][\w&]+(?: [A-Z][\w&]+)*)", sentence)
    if roles and rng.random() < 0.5:
        swapped = f"{roles.group(3)} {roles.group(2)} {roles.group(1)}"
        return _replace(sentence, roles.start(), roles.end(), swapped, "inversion")
    m = _pick(r"\b(?:%s)\b" % "|".join(sorted(OPPOSITES, key=len, reverse=True)), sentence, rng)
    return _replace(sentence, m.start(), m.end(), OPPOSITES[m.group()], "inversion") if m else None


def plant_hedge(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    approx = _pick(rf"\b(?:{APPROXIMATORS}) (?=[£$€]?\d)", sentence, rng)
    if approx:
        amount = re.match(r"[£$€]?[\d.,]*\d\w*", sentence[approx.end():])
        size = amount.end() if amount else 0
        edited = sentence[: approx.start()] + sentence[approx.end():]
        kind = "omission" if re.match(BOUNDS, approx.group()) else "hedge"  # a bound dropped is a qualifier dropped
        return Plant(kind, edited, (approx.start(), approx.end() + size), (approx.start(), approx.start() + size),
                     f"{approx.group().strip()!r} dropped")
    modal = _pick(rf"\b(?:{HEDGES})\b", sentence, rng)
    if modal:
        return _replace(sentence, modal.start(), modal.end(), "will", "hedge")
    attribution = re.search(r",? (?:he|she|they|it) (?:said|added|claimed)(?=\.$)|,? (?:said|according to) [A-Z][\w. ]+(?=\.$)", sentence)
    if attribution:
        return _replace(sentence, attribution.start(), attribution.end(), "", "hedge")
    certain = _pick(r"\bwill\b", sentence, rng)
    return _replace(sentence, certain.start(), certain.end(), "could", "hedge") if certain else None


def plant_quote(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    quoted = re.search(r"\"([^\"]{12,})\"", sentence)
    if not quoted:
        return None
    speaker = re.search(rf"(?<=said )(?:{NAME})|(?:{NAME})(?= said)", sentence[quoted.end():])
    others = [n for n in names if speaker and n != speaker.group() and n not in speaker.group()]
    if speaker and others:
        offset = quoted.end()
        return _replace(sentence, offset + speaker.start(), offset + speaker.end(), rng.choice(others), "quote")
    inside = sentence[quoted.start(1):quoted.end(1)]
    for planter in (plant_inversion, plant_negation):
        plant = planter(inside, rng, names)
        if plant and plant.source is not None:
            s, c = plant.source, plant.copy or (plant.source[0], plant.source[0])
            base = quoted.start(1)
            edited = sentence[:base] + plant.copy_sentence + sentence[quoted.end(1):]
            return Plant("quote", edited, (base + s[0], base + s[1]), (base + c[0], base + c[1]), plant.note)
    return None


def plant_entity(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    listed = re.search(r"\b([A-Z][a-z]+) and ([A-Z][a-z]+)\b", sentence)
    if listed and listed.start() > 0 and rng.random() < 0.4:
        extra = [n.split()[-1] for n in names if n.split()[-1] not in listed.group()]
        if extra:
            added = f", {rng.choice(extra)}"
            edited = sentence[: listed.end(1)] + added + sentence[listed.end(1):]
            return Plant("entity", edited, None, (listed.end(1), listed.end(1) + len(added)), f"party{added!r} added")
    pronoun = re.match(r"(?:He|She) ", sentence)
    if pronoun and names:
        return _replace(sentence, 0, pronoun.end() - 1, rng.choice(names), "entity")
    inside = [m for m in re.finditer(NAME, sentence) if m.start() > 0]
    m = rng.choice(inside) if inside else None
    others = [n for n in names if m and n != m.group() and n.split()[-1] != m.group().split()[-1]]
    if not (m and others):
        return None
    speaks = _QUOTED.search(sentence) and re.search(rf"\b(?:said|says)\s+{re.escape(m.group())}|{re.escape(m.group())}\s+(?:said|says)\b", sentence)
    return _replace(sentence, m.start(), m.end(), rng.choice(others), "quote" if speaks else "entity")


def plant_omission(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    condition = _pick(CONDITION, sentence, rng)
    if condition:
        return _replace(sentence, condition.start(), condition.end(), "", "omission")
    qualifier = _pick(r"\b(?:only|first|some|partly|initially|temporarily|provisional|proposed) ", sentence, rng)
    return _replace(sentence, qualifier.start(), qualifier.end(), "", "omission") if qualifier else None


PLANTERS = {
    "number": plant_number, "entity": plant_entity, "date": plant_date, "negation": plant_negation,
    "quote": plant_quote, "hedge": plant_hedge, "inversion": plant_inversion, "omission": plant_omission,
}
"""Sentence-level planters by change type; ``addition`` (an invented sentence) and the
omission of a whole sentence are planted by the article-level assembly in ``planted``."""


def person_names(text: str) -> list[str]:
    """Names in ``text`` a planter may swap in: titled names and capitalised word pairs not at a sentence start."""
    found = re.findall(rf"(?<=[a-z,] )(?:{NAME})", text)
    return sorted(set(found))


# Stitched copies: one page blended from two or three sources, each spun.

@dataclass(frozen=True, slots=True)
class Origin:
    """Where one sentence of a stitched copy came from: a source and its sentence indexes there."""

    source: int
    sentences: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StitchedCopy:
    """A page stitched from several sources; ``origins[k]`` is copy sentence ``k``'s origin."""

    text: str
    sentences: list[tuple[int, int]]
    origins: list[Origin]

    def contributed(self, source: int) -> list[int]:
        """Indexes of the copy sentences that came from ``source``."""
        return [k for k, o in enumerate(self.origins) if o.source == source]


def stitch(sources: list[str], strength: float, rng: random.Random,
           shares: tuple[float, float] = (0.2, 0.6)) -> StitchedCopy:
    """Blend ``sources`` (two or three) into one page, as a content farm does.

    Each source is spun at ``strength`` (:func:`spin`, so its sentences are
    reworded, merged, dropped and reordered inside it); then a contiguous run
    of its spun sentences is taken, sized so that each source makes up a share
    of the page between ``shares`` (about: shares are drawn, then rounded to
    whole sentences, never fewer than two; only the first source keeps its
    headline); the runs are cut into chunks of one
    to three sentences and the chunks shuffled together, a chunk of the first
    source opening the page.

    Raises:
        ValueError: Fewer than two or more than three sources.
    """
    if not 2 <= len(sources) <= 3:
        raise ValueError("stitch blends two or three sources")
    spun = [spin(text, strength, rng) for text in sources]
    units = [[(copy.text[s:e], Origin(k, origin)) for (s, e), origin in zip(copy.sentences, copy.provenance)
              if k == 0 or origin != (0,)] for k, copy in enumerate(spun)]  # one headline: the first source's
    wanted = _shares(len(sources), shares, rng)
    size = min(len(u) / w for u, w in zip(units, wanted))
    chunks: list[list[tuple[str, Origin]]] = []
    for k, (pieces, share) in enumerate(zip(units, wanted)):
        count = min(len(pieces), max(2, round(share * size)))
        start = rng.randrange(len(pieces) - count + 1)
        run = pieces[start : start + count]
        while run:
            step = rng.randint(1, 3)
            chunks.append(run[:step])
            run = run[step:]
    opening = next(i for i, chunk in enumerate(chunks) if chunk[0][1].source == 0)
    first = chunks.pop(opening)
    rng.shuffle(chunks)
    text, spans, origins = "", [], []
    for k, (piece, origin) in enumerate(u for chunk in [first, *chunks] for u in chunk):
        if k:
            ended = text.rstrip().endswith((".", "!", "?", '"'))
            text += "\n\n" if k == 1 or rng.random() < 0.4 or not ended else " "
        spans.append((len(text), len(text) + len(piece)))
        origins.append(origin)
        text += piece
    return StitchedCopy(text, spans, origins)


def _shares(n: int, bounds: tuple[float, float], rng: random.Random) -> list[float]:
    """``n`` shares that sum to one, each inside ``bounds`` (drawn until they are)."""
    low, high = bounds
    while True:
        cuts = sorted(rng.random() for _ in range(n - 1))
        drawn = [b - a for a, b in zip([0.0, *cuts], [*cuts, 1.0])]
        if all(low <= d <= high for d in drawn):
            return drawn
