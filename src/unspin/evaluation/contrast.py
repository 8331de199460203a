"""Contrast pairs for the learned change model, FactCC-style (Kryscinski et al. 2020).

Each real news sentence (BBC) is first reworded faithfully (the spinner's
thesaurus swaps and fillers, ``spinner.rewrite_words``), then, for one change
type, transformed once; the word diff of source and copy is cut into
stretches (``explain.learned.differing_stretches``) and the stretch that
holds the transformation gets its type, every other one ``faithful``. MRPC
paraphrases add real faithful rewording, less stretches that differ by a
digit or a capitalised word (MRPC's annotators call those paraphrases; a
reader does not).

Where the rule detectors already have a word list (negation words, the
spinner's ``OPPOSITES`` and hedges, qualifiers), a model fitted on those
lists alone would relearn the rules. So each type here also has
transformations built on structure rather than keywords: two names or two
numbers swapped (``inversion``), a pronoun put for a name and back
(``entity``), a word slipped into a quotation and a quotation given to
another speaker (``quote``), a clause from another article inserted
(``addition``), a clause or modifier dropped (``omission``), and opposites
and spelled numbers from lists written here, which the rules do not hold.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from unspin.evaluation.datasets import SentencePair, bbc_articles
from unspin.evaluation.etpc import detokenise
from unspin.evaluation.spinner import (
    Plant, person_names, plant_date, plant_entity, plant_hedge, plant_inversion, plant_negation, plant_number,
    plant_omission, plant_quote, rewrite_words,
)
from unspin.explain.learned import LABELS, Stretch, differing_stretches
from unspin.segment import split_sentences, tokenize

Planter = Callable[[str, random.Random, list[str]], Plant | None]

OPPOSITES = {
    "east": "west", "eastern": "western", "junior": "senior", "rural": "urban", "domestic": "foreign", "public": "private",
    "home": "away", "young": "old", "rich": "poor", "open": "closed",
    "early": "late", "inside": "outside", "short": "long", "cheap": "expensive",
    "easy": "hard", "light": "heavy", "slow": "fast", "small": "large", "narrow": "wide", "new": "old",
    "ahead": "behind", "majority": "minority", "top": "bottom", "win": "lose", "winning": "losing",
    "wins": "loses", "victory": "defeat", "positive": "negative", "good": "bad", "safe": "dangerous",
    "hot": "cold", "modern": "traditional", "legal": "illegal", "left": "right",
    "agreed": "refused", "allowed": "banned", "join": "leave", "joined": "left", "entered": "left",
    "start": "end", "started": "ended", "opened": "closed", "hired": "fired", "raised": "cut",
    "praised": "attacked", "backed": "opposed", "strengthen": "weaken", "encouraged": "discouraged",
}
"""Opposites the rule detectors hold no list of (theirs: movements, results, outcomes, comparisons). Pairs
that a labelled change of the realistic set (the dev measure) turns into each other are left out, so the
model is not fitted on its answers; likewise the words slipped into quotations."""
OPPOSITES.update({v: k for k, v in list(OPPOSITES.items()) if v not in OPPOSITES})
SPELLED = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
           "hundred", "thousand", "first", "second", "third", "fourth", "fifth", "sixth", "tenth", "half",
           "quarter", "twice", "double", "dozen"]
"""Spelled numbers, ordinals and fractions, swapped among themselves."""
QUOTE_INSERTS = ["very", "completely", "truly", "only", "even", "entirely", "certainly", "absolutely", "simply",
                 "deeply", "clearly", "totally"]
HEDGE_INSERTS = ["reportedly", "is believed to have", "appears to have", "is understood to have", "is thought to have",
                 "allegedly", "is said to have"]
PRONOUN = re.compile(r"\b(He|She|he|she)\b(?= (?:said|added|told|says|warned|explained)\b)")
NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr) [A-Z][a-z]+|\b[A-Z][a-z]+ [A-Z][a-z]+\b")
CLAUSE = re.compile(r", (?:which|who|where|while|but|and|as|after|although|because|with|including) [^,.;]{12,80}(?=[,.;])")
ADJECTIVE = re.compile(r"\b(?:the|a|an|its|their|his|her) ([a-z]{4,}(?:al|ous|ive|ic|ent|ant|ern|ary|ful|less|ed|ing|est))"
                       r" (?=[a-z]{3,})")


_SAID_LAST = re.compile(r", ((?:said|according to) [A-Z][\w.' ]+|[A-Z][\w.' ]+ said|(?:he|she|they) said)\.$")


def reorder(sentence: str, rng: random.Random) -> str:
    """The sentence with its attribution moved to the front, or two of its clauses traded: the same claim,
    in the order a rewrite may give it."""
    said = _SAID_LAST.search(sentence)
    if said:
        speaker = said.group(1).replace("according to ", "").replace("said ", "")
        speaker = speaker[: -len(" said")] if speaker.endswith(" said") else speaker
        body = sentence[: said.start()]
        body = body[0].lower() + body[1:] if body[1:2].islower() else body
        return f"{speaker[0].upper()}{speaker[1:]} said {body}."
    cuts = [m.start() for m in re.finditer(r", ", sentence)
            if len(tokenize(sentence, 0, m.start())) >= 4 and len(tokenize(sentence, m.end())) >= 4]
    if not cuts:
        return sentence
    cut = rng.choice(cuts)
    first, second = sentence[:cut], sentence[cut + 2 :].rstrip(".")
    first = first[0].lower() + first[1:] if first[1:2].islower() else first
    return f"{second[0].upper()}{second[1:]}, {first}."


@dataclass(frozen=True, slots=True)
class ContrastPair:
    """A source sentence, its copy, and the change planted in it (``faithful`` if none)."""

    source: str
    copy: str
    type: str
    region: tuple[int, int]
    """Where, in the copy, the planted change lies (zero width for words the copy drops)."""


@dataclass(frozen=True, slots=True)
class LabelledStretch:
    source: str
    copy: str
    stretch: Stretch
    label: int
    """Index into ``LABELS``."""
    group: int
    """The BBC article (or MRPC pair) it came from: splits keep a group whole."""


def _swap(sentence: str, pattern: re.Pattern[str] | str, rng: random.Random, kind: str) -> Plant | None:
    """Two different matches of ``pattern`` traded places."""
    found = list(re.finditer(pattern, sentence))
    pairs = [(x, y) for i, x in enumerate(found) for y in found[i + 1 :] if x.group() != y.group()]
    if not pairs:
        return None
    x, y = rng.choice(pairs)
    edited = sentence[: x.start()] + y.group() + sentence[x.end() : y.start()] + x.group() + sentence[y.end() :]
    return Plant(kind, edited, (x.start(), y.end()), (x.start(), y.end()), "swapped")


def _word_for(sentence: str, table: dict[str, str] | list[str], rng: random.Random, kind: str) -> Plant | None:
    words = sorted(table, key=len, reverse=True)
    m = [hit for hit in re.finditer(r"\b(?:%s)\b" % "|".join(words), sentence, re.IGNORECASE)
         if hit.start() == 0 or hit.group()[0].islower()]  # "New York" is a name, not an opposite
    if not m:
        return None
    hit = rng.choice(m)
    word = hit.group().lower()
    new = table[word] if isinstance(table, dict) else rng.choice([w for w in table if w != word])
    new = new.capitalize() if hit.group()[0].isupper() else new
    edited = sentence[: hit.start()] + new + sentence[hit.end() :]
    return Plant(kind, edited, (hit.start(), hit.end()), (hit.start(), hit.start() + len(new)), f"{word} -> {new}")


def _insert(sentence: str, at: int, words: str, kind: str) -> Plant:
    edited = sentence[:at] + words + " " + sentence[at:]
    return Plant(kind, edited, None, (at, at + len(words)), f"+{words}")


def invert(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    roll = rng.random()
    if roll < 0.3:
        return _swap(sentence, NAME, rng, "inversion") or _swap(sentence, r"\b\d+(?:\.\d+)?%?", rng, "inversion")
    if roll < 0.85:
        return _word_for(sentence, OPPOSITES, rng, "inversion")
    return plant_inversion(sentence, rng, names)


def hedge(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    if rng.random() < 0.5:
        return plant_hedge(sentence, rng, names)
    verb = list(re.finditer(r"(?<=[a-z] )(?:has|have|had) (?=[a-z]+ed\b)", sentence))
    if verb:
        v = rng.choice(verb)
        new = rng.choice(HEDGE_INSERTS)
        return Plant("hedge", sentence[: v.start()] + new + " " + sentence[v.end() :], (v.start(), v.end()),
                     (v.start(), v.start() + len(new)), f"{v.group()!r} -> {new!r}")
    return None


def entity(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    pronoun = list(PRONOUN.finditer(sentence))
    if pronoun and names and rng.random() < 0.6:
        p = rng.choice(pronoun)
        new = rng.choice(names).split()[-1]
        return Plant("entity", sentence[: p.start()] + new + sentence[p.end() :], p.span(), (p.start(), p.start() + len(new)), "name")
    said = list(re.finditer(rf"(?:{NAME.pattern})(?= (?:said|added|told|says)\b)", sentence))
    if said and rng.random() < 0.5:
        m = rng.choice(said)
        new = rng.choice(["He", "She"]) if m.start() == 0 else rng.choice(["he", "she"])
        return Plant("entity", sentence[: m.start()] + new + sentence[m.end() :], m.span(), (m.start(), m.start() + len(new)), "pronoun")
    return plant_entity(sentence, rng, names)


def quote(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    quoted = list(re.finditer(r"[\"“]([^\"“”]{12,})[\"”]", sentence))
    if not quoted or rng.random() < 0.3:
        return plant_quote(sentence, rng, names)
    q = rng.choice(quoted)
    words = tokenize(sentence, q.start(1), q.end(1))
    if len(words) < 3:
        return None
    at = words[rng.randrange(1, len(words))][0]
    return _insert(sentence, at, rng.choice(QUOTE_INSERTS), "quote")


def number(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    return (_word_for(sentence, SPELLED, rng, "number") if rng.random() < 0.6 else None) or plant_number(sentence, rng, names)


def addition(sentence: str, rng: random.Random, names: list[str], donor: str) -> Plant | None:
    clauses = list(CLAUSE.finditer(donor))
    end = len(sentence.rstrip(" .\"”"))
    if not clauses or end < 10:
        return None
    clause = rng.choice(clauses).group()
    edited = sentence[:end] + clause + sentence[end:]
    return Plant("addition", edited, None, (end + 2, end + len(clause)), "clause added")


def omission(sentence: str, rng: random.Random, names: list[str]) -> Plant | None:
    roll = rng.random()
    clause = list(CLAUSE.finditer(sentence))
    if clause and roll < 0.4:
        c = rng.choice(clause)
        return Plant("omission", sentence[: c.start()] + sentence[c.end() :], c.span(), None, "clause dropped")
    adjective = list(ADJECTIVE.finditer(sentence))
    if adjective and roll < 0.8:
        a = rng.choice(adjective)
        return Plant("omission", sentence[: a.start(1)] + sentence[a.end() :], (a.start(1), a.end()), None, "modifier dropped")
    return plant_omission(sentence, rng, names)


PLANTERS: dict[str, Planter] = {
    "negation": plant_negation, "inversion": invert, "hedge": hedge, "entity": entity, "number": number,
    "date": plant_date, "quote": quote, "omission": omission,
}


def contrast_pairs(articles: int, seed: int) -> Iterator[tuple[int, ContrastPair]]:
    """``(article index, pair)``: for each of the first ``articles`` BBC articles, each of its sentences of 8 to 45
    words reworded faithfully (synonyms, fillers, and in three in ten its clauses reordered), and one change planted in the rewording, of the first of three types drawn
    that the sentence offers."""
    rng = random.Random(seed)
    texts = [text for _, text in bbc_articles()][:articles]
    types = [*PLANTERS, "addition"]
    for k, text in enumerate(texts):
        names = person_names(text)
        donor = texts[(k + 1) % len(texts)]
        for start, end in split_sentences(text)[1:]:
            sentence = " ".join(text[start:end].split())
            if not 8 <= len(tokenize(sentence)) <= 45:
                continue
            reworded = rewrite_words(sentence, rng.choice([0.0, 0.1, 0.2]), rng)
            if rng.random() < 0.3:
                reworded = reorder(reworded, rng)
            yield k, ContrastPair(sentence, reworded, "faithful", (0, 0))
            plant = None
            for kind in rng.sample(types, 3):  # a sentence offers no date, say: try another type
                plant = addition(reworded, rng, names, donor) if kind == "addition" else PLANTERS[kind](reworded, rng, names)
                if plant is not None:
                    break
            if plant is not None and plant.copy_sentence != reworded:
                region = plant.copy if plant.copy else (plant.source[0], plant.source[0]) if plant.source else (0, 0)
                yield k, ContrastPair(sentence, plant.copy_sentence, plant.type, region)


def labelled_stretches(pair: ContrastPair, group: int) -> list[LabelledStretch]:
    """Each stretch of the pair: its planted type where it meets the planted region, else ``faithful``.
    A planted pair whose diff shows no stretch at the region is dropped (the plant undid a rewording)."""
    out = []
    hit = False
    for s in differing_stretches(pair.source, pair.copy):
        planted = pair.type != "faithful" and s.b[0] <= pair.region[1] and pair.region[0] <= s.b[1]
        hit |= planted
        out.append(LabelledStretch(pair.source, pair.copy, s, LABELS.index(pair.type if planted else "faithful"), group))
    return out if pair.type == "faithful" or hit else []


_FACT = re.compile(r"\d|\b[A-Z]")


def mrpc_stretches(pairs: list[SentencePair], group_offset: int) -> list[LabelledStretch]:
    """Faithful stretches of MRPC paraphrases, less those with a digit or capital on either side; the group is
    the pair id halved, so that the fit script's tenths by group still split pairs of one parity."""
    out = []
    for p in pairs:
        if p.label != 1:
            continue
        a, b = detokenise(p.a).text, detokenise(p.b).text
        for s in differing_stretches(a, b):
            if not (_FACT.search(a[s.a[0] : s.a[1]]) or _FACT.search(b[s.b[0] : s.b[1]])):
                out.append(LabelledStretch(a, b, s, 0, group_offset + p.pair_id // 2))
    return out
