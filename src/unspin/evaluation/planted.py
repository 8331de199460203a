"""Corpora with planted copies, for the corpus-mode tests and benchmarks.

Originals are either BBC articles (few hundred, for tests) or "chimeric"
news articles whose sentences join the first half of one BBC sentence to the
second half of another, so that tens of thousands of distinct, news-length
articles can be made from the 2,225 BBC ones without sharing whole
sentences by accident. Copies are planted on other sites, published later:
verbatim excerpts (a contiguous run of the original's sentences under a new
opening line) and spun rewrites (:func:`unspin.evaluation.spinner.spin`).
The planted ``(copy id, original id)`` pairs are the ground truth.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from unspin.evaluation.datasets import bbc_articles
from unspin.evaluation.spinner import spin
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
