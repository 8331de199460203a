"""Readers for the labelled data sets in ``../shared/data`` (never shipped).

Benchmarks, fitting scripts and evaluation gates all read the data the same
way through these functions. ``data_root()`` honours ``UNSPIN_DATA``.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def data_root() -> Path:
    """``$UNSPIN_DATA``, else ``shared/data`` beside the repository."""
    env = os.environ.get("UNSPIN_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4] / "shared" / "data"


@dataclass(frozen=True, slots=True)
class SentencePair:
    pair_id: int
    label: int
    a: str
    b: str


def mrpc_pairs(root: Path | None = None) -> list[SentencePair]:
    """MRPC train pairs; ``pair_id`` is the 1-based row (ETPC joins on it)."""
    path = (root or data_root()) / "mrpc" / "msr_paraphrase_train.txt"
    pairs: list[SentencePair] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for number, row in enumerate(rows, start=1):
            a, b = (row[3].replace("<QUOTE>", '"'), row[4].replace("<QUOTE>", '"'))
            pairs.append(SentencePair(number, int(row[0].strip()[-1]), a, b))
    return pairs


def bbc_articles(root: Path | None = None) -> Iterator[tuple[str, str]]:
    """``(relative path, text)`` of every BBC article, exact duplicates dropped."""
    base = (root or data_root()) / "bbc-news"
    seen: set[str] = set()
    for path in sorted(base.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        key = " ".join(text.split())
        if key in seen:
            continue
        seen.add(key)
        yield f"{path.parent.name}/{path.name}", text
