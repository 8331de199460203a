"""Corpora with planted copies, for the corpus-mode tests and benchmarks.

Originals are either BBC articles (few hundred, for tests) or "chimeric"
news articles whose sentences join the first half of one BBC sentence to the
second half of another, so that tens of thousands of distinct, news-length
articles can be made from the 2,225 BBC ones without sharing whole
sentences by accident. Copies are planted on other sites, published later:
verbatim excerpts (a contiguous run of the original's sentences under a new
opening line) and spun rewrites (:func:`unspin.evaluation.spinner.spin`).
The planted ``(copy id, original id)`` pairs are the ground truth.

:func:`planted_bbc_pairs` makes the typed-change counterpart: BBC articles
with rewrites that carry one labelled change of each type, scored like the
hand-written realistic set (:mod:`unspin.evaluation.realistic`).
:func:`stitched_bbc_copies` makes pages blended from two or three BBC
articles (:func:`unspin.evaluation.spinner.stitch`), for source attribution.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unspin.evaluation.datasets import bbc_articles
from unspin.evaluation.realistic import FaithfulPair, LabelledChange, LabelledPair
from unspin.evaluation.spinner import (
    ADDED_CLAIMS, PLANTERS, Plant, StitchedCopy, person_names, rewrite_words, spin, stitch,
)
from unspin.segment import split_sentences, tokenize

WIRE_SITES = 5
FARM_SITES = 8


@dataclass(frozen=True, slots=True)
class PlantedCorpus:
    """Where the JSONL corpus was written and which record ids copy which."""

    path: Path
    records: int
    verbatim: list[tuple[str, str]]
    spun: list[tuple[str, str]]


def _originals(n: int, chimeric: bool, rng: random.Random) -> Iterator[str]:
    articles = [text for _, text in bbc_articles()]
    if not chimeric:
        yield from rng.sample(articles, n)
        return
    halves: list[tuple[str, str]] = []
    for text in articles:
        for s, e in split_sentences(text):
            words = tokenize(text, s, e)
            if len(words) >= 10:
                cut = words[len(words) // 2][0]
                halves.append((text[s:cut].strip(), text[cut:e].strip()))
    for _ in range(n):
        title = " ".join(rng.choice(halves)[0].split()[:8])
        body = [f"{rng.choice(halves)[0]} {rng.choice(halves)[1]}" for _ in range(rng.randint(20, 36))]
        yield title + "\n\n" + "\n\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))


def write_planted_corpus(
    path: Path, originals: int, copy_share: float = 0.1, spun_share: float = 0.1,
    strength: float = 0.2, chimeric: bool = False, seed: int = 11,
) -> PlantedCorpus:
    """Write a JSONL corpus of originals plus planted verbatim and spun copies."""
    rng = random.Random(seed)
    verbatim: list[tuple[str, str]] = []
    spun: list[tuple[str, str]] = []
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        def emit(record_id: str, text: str, site: str, day: int) -> None:
            nonlocal count
            count += 1
            record = {"id": record_id, "text": text, "url": f"https://{site}/{record_id}",
                      "published": f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

        for number, text in enumerate(_originals(originals, chimeric, rng)):
            original_id = f"o{number}"
            emit(original_id, text, f"wire{number % WIRE_SITES}.example", number % 150)
            roll = rng.random()
            if roll < copy_share:
                spans = split_sentences(text)
                start = rng.randrange(0, max(1, len(spans) // 3))
                end = min(len(spans), start + max(4, int(len(spans) * rng.uniform(0.5, 0.9))))
                excerpt = "\n\n".join(text[s:e] for s, e in spans[start:end])
                emit(f"v{number}", f"Readers may have missed this story.\n\n{excerpt}",
                     f"farm{rng.randrange(FARM_SITES)}.example", number % 150 + 30)
                verbatim.append((f"v{number}", original_id))
            elif roll < copy_share + spun_share:
                emit(f"s{number}", spin(text, strength, rng).text, f"farm{rng.randrange(FARM_SITES)}.example",
                     number % 150 + 30)
                spun.append((f"s{number}", original_id))
    return PlantedCorpus(path, count, verbatim, spun)


PLANTED_TYPES = ("number", "entity", "date", "negation", "quote", "hedge", "inversion", "omission")


def labelled_copy(name: str, source: str, rng: random.Random) -> LabelledPair:
    """A content-farm copy of ``source`` with one planted change of each type it allows, labelled.

    Sentences are reworded with the spinner's thesaurus (those left at that are the
    faithful pairs), one sentence per change type gets a typed plant, one body
    sentence is dropped (an omission) and one invented claim is inserted (an
    addition); two body sentences swap places. Spans are exact by construction.
    """
    spans = split_sentences(source)
    names = person_names(source)
    order = list(range(1, len(spans)))
    rng.shuffle(order)
    plants: dict[int, Plant] = {}
    for kind in PLANTED_TYPES:
        for k in order:
            plant = PLANTERS[kind](source[spans[k][0]:spans[k][1]], rng, names) if k not in plants else None
            if plant is not None:
                plants[k] = plant
                break
    spare = [k for k in order if k not in plants]
    dropped = spare.pop() if len(spare) > 3 else None
    units: list[tuple[int | None, str]] = [
        (k, plants[k].copy_sentence if k in plants else rewrite_words(source[s:e], 0.15, rng))
        for k, (s, e) in enumerate(spans) if k != dropped
    ]
    if len(units) > 4:
        i, j = rng.sample(range(2, len(units)), 2)
        units[i], units[j] = units[j], units[i]
    added = rng.choice(ADDED_CLAIMS)
    units.insert(rng.randrange(2, len(units) + 1) if len(units) > 2 else len(units), (None, added))
    copy, changes, faithful = "", [], []
    for position, (unit, text) in enumerate(units):
        if position:
            copy += "\n\n" if position == 1 or rng.random() < 0.4 else " "
        start = len(copy)
        copy += text
        if unit is None:
            changes.append(LabelledChange("addition", None, (start, len(copy)), "invented claim"))
        elif unit in plants:
            plant, base = plants[unit], spans[unit][0]
            changes.append(LabelledChange(
                plant.type, _shift(plant.source, base), _shift(plant.copy, start), plant.note))
        elif unit > 0:
            faithful.append(FaithfulPair(spans[unit], (start, len(copy))))
    if dropped is not None:
        changes.append(LabelledChange("omission", spans[dropped], None, "sentence dropped"))
    return LabelledPair(name, source, copy + "\n", tuple(changes), tuple(faithful))


def _shift(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + by, span[1] + by)


def planted_bbc_pairs(n: int = 40, seed: int = 7, root: Path | None = None) -> list[LabelledPair]:
    """``n`` BBC articles (a fixed sample) with labelled typed-change copies."""
    rng = random.Random(seed)
    articles = list(bbc_articles(root))
    return [labelled_copy(name, text, rng) for name, text in rng.sample(articles, n)]


@dataclass(frozen=True, slots=True)
class StitchedCase:
    """A stitched copy and the BBC names (``category/file``) of its sources, in the copy's source order."""

    copy: StitchedCopy
    sources: tuple[str, ...]


def stitched_bbc_copies(n: int, strength: float, seed: int = 17, root: Path | None = None) -> list[StitchedCase]:
    """``n`` pages each stitched from two or three BBC articles of one category (related stories, as farms blend)."""
    rng = random.Random(seed)
    by_category: dict[str, list[tuple[str, str]]] = {}
    for name, text in bbc_articles(root):
        by_category.setdefault(name.split("/")[0], []).append((name, text))
    categories = sorted(by_category)
    cases = []
    for _ in range(n):
        chosen = rng.sample(by_category[rng.choice(categories)], rng.choice((2, 3)))
        cases.append(StitchedCase(stitch([t for _, t in chosen], strength, rng), tuple(name for name, _ in chosen)))
    return cases
