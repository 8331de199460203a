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
    units = [(_rewrite_words(text, strength, rng), origin) for text, origin in units]
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
        if k:
            text += "\n\n" if k == 1 or rng.random() < 0.3 else " "
        sentence_spans.append((len(text), len(text) + len(piece)))
        provenance.append(origin)
        text += piece
    return SpunCopy(text, sentence_spans, provenance, planted)


def _rewrite_words(sentence: str, strength: float, rng: random.Random) -> str:
    def swap(m: re.Match[str]) -> str:
        word = m.group()
        options = THESAURUS.get(word.lower())
        roll = rng.random()
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
