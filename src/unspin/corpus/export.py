"""What a finished ``reuse`` run found, for people: the top pairs and site edges, and JSONL/CSV copies.

Everything is read back from the Parquet tables the run wrote (either
runner's), so a summary or an export can be made again at any time without
re-running the job. Exports sit next to the Parquet, in
``OUT/export/TABLE.jsonl`` and ``OUT/export/TABLE.csv``, with exactly the
Parquet table's columns (see :data:`unspin.corpus.tables.SCHEMAS`).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from unspin.corpus.tables import SCHEMAS, read_rows

ExportFormat = Literal["jsonl", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv")
_FORMAT_NAMES: dict[str, ExportFormat] = {f: f for f in EXPORT_FORMATS}
EXPORT_TABLES = ("pairs", "passages", "sites", "clusters")
"""The tables worth reading outside Arrow: ``articles`` and ``features`` are inputs and fingerprints."""


@dataclass(frozen=True, slots=True)
class ArticleName:
    """How a summary names an article: its title, site and where it came from."""

    id: int
    title: str
    site: str
    source: str


@dataclass(frozen=True, slots=True)
class PairRow:
    """One reuse pair, oriented source → copy when the dates say which is earlier."""

    source: ArticleName
    copy: ArticleName
    dated: bool
    kind: str
    similarity: float
    copy_coverage: float
    meaning_changed: bool
    passages: int


@dataclass(frozen=True, slots=True)
class SiteRow:
    """One site edge: how many of a site's articles another site copies."""

    source_site: str
    copy_site: str
    pairs: int
    source_share: float
    copy_share: float


def article_names(out: Path) -> dict[int, ArticleName]:
    rows = read_rows(out / "articles", "articles", ["id", "title", "site", "source"])
    return {
        r["id"]: ArticleName(r["id"], " ".join((r["title"] or "").split()), r["site"] or "", r["source"] or "")
        for r in rows
    }


def top_pairs(out: Path, top: int) -> list[PairRow]:
    """The ``top`` pairs that copy the most of an article, most first (ties: more similar first)."""
    names = article_names(out)
    rows: list[PairRow] = []
    for r in read_rows(out / "pairs", "pairs"):
        a, b = names[r["a_id"]], names[r["b_id"]]
        if r["direction"] == "b_to_a":
            source, copy, coverage = b, a, r["coverage_a"]
        elif r["direction"] == "a_to_b":
            source, copy, coverage = a, b, r["coverage_b"]
        else:  # undated: call the side more of which is reused the copy
            source, copy, coverage = (a, b, r["coverage_b"]) if r["coverage_b"] >= r["coverage_a"] else (b, a, r["coverage_a"])
        rows.append(PairRow(
            source, copy, r["direction"] in ("a_to_b", "b_to_a"), r["kind"], r["similarity"], coverage,
            r["meaning_changed"], r["passages"],
        ))
    rows.sort(key=lambda p: (-p.copy_coverage, -p.similarity, p.source.id, p.copy.id))
    return rows[:top]


def top_sites(out: Path, top: int) -> list[SiteRow]:
    """The ``top`` site edges by number of pairs (ties: larger share of the source site first)."""
    rows = [
        SiteRow(r["source_site"] or "", r["copy_site"] or "", r["pairs"], r["source_share"], r["copy_share"])
        for r in read_rows(out / "sites", "sites")
    ]
    rows.sort(key=lambda s: (-s.pairs, -s.source_share, s.source_site, s.copy_site))
    return rows[:top]


def export_tables(out: Path, formats: tuple[ExportFormat, ...]) -> list[Path]:
    """Write each of :data:`EXPORT_TABLES` in each format under ``out/export``; the files written."""
    folder = out / "export"
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for table in EXPORT_TABLES:
        rows = read_rows(out / table, table)
        for fmt in formats:
            path = folder / f"{table}.{fmt}"
            if fmt == "jsonl":
                _write_jsonl(path, rows)
            else:
                _write_csv(path, table, rows)
            written.append(path)
    return written


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(path: Path, table: str, rows: list[dict[str, Any]]) -> None:
    """CSV with a header, empty cells for nulls; ``passages.changes`` stays a JSON string."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=SCHEMAS[table].names)
        writer.writeheader()
        writer.writerows(rows)


def parse_formats(text: str) -> tuple[ExportFormat, ...]:
    """``"jsonl,csv"`` → ``("jsonl", "csv")``; ValueError naming what is not a format."""
    chosen: list[ExportFormat] = []
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        known = _FORMAT_NAMES.get(part)
        if known:
            chosen.append(known)
        else:
            raise ValueError(f"--export {text}: {part!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if not chosen:
        raise ValueError(f"--export {text!r}: name at least one of {', '.join(EXPORT_FORMATS)}")
    return tuple(dict.fromkeys(chosen))
