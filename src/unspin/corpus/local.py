"""``unspin reuse``: the corpus run on one machine, in worker processes.

The stages and their skeleton are :mod:`unspin.corpus.stages`'s, the
per-article, candidate and per-pair work :mod:`~unspin.corpus.features`',
:mod:`~unspin.corpus.candidates`' and :mod:`~unspin.corpus.pairs`'; this
module only spreads it: per-file and per-pair work in a process pool, the
candidate search in the parent on NumPy arrays.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from unspin.corpus.candidates import find_candidates
from unspin.corpus.config import ReuseConfig
from unspin.corpus.features import Processed, process_item
from unspin.corpus.graph import clusters, site_edges
from unspin.corpus.pairs import compare_candidate
from unspin.corpus.stages import ReuseSummary, RunDir, list_units, manifest, run_stages
from unspin.corpus.tables import SCHEMAS, read_rows, write_rows
from unspin.read.readers import Item, read_unit
from unspin.records import IngestProblem

Progress = Callable[[str, int, int | None], None]
"""Called as ``(stage, done, total)`` while a stage runs."""


def run_local(
    inputs: Sequence[str], out: Path, config: ReuseConfig = ReuseConfig(),
    workers: int | None = None, progress: Progress | None = None,
) -> ReuseSummary:
    """Run every stage not yet done into ``out``."""
    report = progress or (lambda stage, done, total: None)
    summary = ReuseSummary()
    units = list_units(inputs, summary)
    run = RunDir(out, manifest(units, config))
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    with context.Pool(workers) as pool:
        run_stages(run, summary, {
            "articles": lambda: _articles_stage(run, units, config, pool, summary, report),
            "candidates": lambda: _candidates_stage(run, config, report),
            "pairs": lambda: _pairs_stage(run, config, pool, report),
            "clusters": lambda: _clusters_stage(run),
            "sites": lambda: _sites_stage(run),
        })
    return summary


def _articles_stage(
    run: RunDir, units: list[str], config: ReuseConfig, pool: Any, summary: ReuseSummary, report: Progress
) -> None:
    def items() -> Iterator[Item]:
        for unit in units:
            yield from read_unit(unit)

    def processed() -> Iterator[Processed]:
        for done, item in enumerate(pool.imap(partial(process_item, config=config), items(), chunksize=16), start=1):
            report("articles", done, None)
            if isinstance(item, IngestProblem):
                summary.problems.append(item)
            else:
                yield item

    spill = run.staging("unsorted")
    spill.mkdir(parents=True)
    with pq.ParquetWriter(spill / "articles.parquet", SCHEMAS["articles"]) as articles, \
            pq.ParquetWriter(spill / "features.parquet", SCHEMAS["features"]) as features:
        batch: list[Processed] = []

        def flush() -> None:
            articles.write_table(pa.Table.from_pylist([p.article for p in batch], schema=SCHEMAS["articles"]))
            features.write_table(pa.Table.from_pylist([p.features for p in batch], schema=SCHEMAS["features"]))
            batch.clear()

        for item in processed():
            batch.append(item)
            if len(batch) == 1000:
                flush()
        flush()
    summary.duplicates = _write_deduplicated(run, spill)
    shutil.rmtree(spill)


def _write_deduplicated(run: RunDir, spill: Path) -> int:
    """Commit ``articles`` and ``features`` from the spilled rows: one per content hash, by id.

    The smallest source wins among copies with one hash, whatever order the
    workers returned them in. Rows are spilled to disk as they come so the
    parent never holds a corpus of Python objects. Returns how many were dropped.
    """
    articles = pq.read_table(spill / "articles.parquet")
    rows = pa.table({"hash": articles.column("content_hash"), "source": articles.column("source"),
                     "row": pa.array(np.arange(len(articles)))})
    rows = rows.sort_by([("hash", "ascending"), ("source", "ascending")])
    hashes = rows.column("hash").to_numpy(zero_copy_only=False)
    keep = rows.column("row").to_numpy()[np.r_[True, hashes[1:] != hashes[:-1]]] if len(hashes) else np.zeros(0, np.int64)
    keep = keep[np.argsort(articles.column("id").to_numpy()[keep], kind="stable")]
    for stage, table in (("articles", articles), ("features", pq.read_table(spill / "features.parquet"))):
        tmp = run.staging(stage)
        tmp.mkdir(parents=True)
        pq.write_table(table.take(keep), tmp / "part-00000.parquet")
        run.commit(stage, tmp)
    return len(articles) - len(keep)


def _candidates_stage(run: RunDir, config: ReuseConfig, report: Progress) -> None:
    report("candidates", 0, None)
    rows = find_candidates(pq.read_table(run.path("features"), schema=SCHEMAS["features"]), config.rule)
    tmp = run.staging("candidates")
    write_rows(tmp, "candidates", rows)
    run.commit("candidates", tmp)


class _Rows:
    """Rows of an Arrow table by ``id``, made into dicts only when asked for.

    A corpus's articles as Python dicts take ten times the memory of the
    Arrow table (10 GB at 100k articles); only candidates' rows are needed.
    """

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.at = {article_id: i for i, article_id in enumerate(table.column("id").to_pylist())}

    def __getitem__(self, article_id: int) -> dict[str, Any]:
        return self.table.slice(self.at[article_id], 1).to_pylist()[0]


def _pairs_stage(run: RunDir, config: ReuseConfig, pool: Any, report: Progress) -> None:
    candidates = read_rows(run.path("candidates"), "candidates")
    # Only candidates' rows are read: the whole corpus's texts and vectors took GBs at 100k articles.
    needed = [("id", "in", sorted({c["a_id"] for c in candidates} | {c["b_id"] for c in candidates}))]
    articles = _Rows(pq.read_table(run.path("articles"), schema=SCHEMAS["articles"], filters=needed))
    vectors = _Rows(pq.read_table(run.path("features"), columns=["id", "vectors"], filters=needed))
    work = (
        (articles[c["a_id"]], vectors[c["a_id"]]["vectors"], articles[c["b_id"]], vectors[c["b_id"]]["vectors"])
        for c in candidates
    )
    pairs: list[dict[str, Any]] = []
    passages: list[dict[str, Any]] = []
    for done, result in enumerate(pool.imap(partial(compare_candidate, config=config), work, chunksize=8), start=1):
        report("pairs", done, len(candidates))
        if result is not None:
            pairs.append(result[0])
            passages += result[1]
    for stage, rows in (("pairs", pairs), ("passages", passages)):
        tmp = run.staging(stage)
        write_rows(tmp, stage, rows)
        run.commit(stage, tmp)


def _clusters_stage(run: RunDir) -> None:
    pairs = read_rows(run.path("pairs"), "pairs", ["a_id", "b_id"])
    articles = read_rows(run.path("articles"), "articles", ["id"])
    tmp = run.staging("clusters")
    write_rows(tmp, "clusters", clusters([a["id"] for a in articles], [(p["a_id"], p["b_id"]) for p in pairs]))
    run.commit("clusters", tmp)


def _sites_stage(run: RunDir) -> None:
    articles = read_rows(run.path("articles"), "articles", ["id", "site"])
    tmp = run.staging("sites")
    write_rows(tmp, "sites", site_edges({a["id"]: a["site"] for a in articles}, read_rows(run.path("pairs"), "pairs")))
    run.commit("sites", tmp)
