"""``unspin reuse``: the corpus run on one machine, in worker processes.

The stages and their skeleton are :mod:`unspin.corpus.stages`'s, the
per-article, candidate and per-pair work :mod:`~unspin.corpus.features`',
:mod:`~unspin.corpus.candidates`' and :mod:`~unspin.corpus.pairs`'; this
module only spreads it: per-file and per-pair work in a process pool, the
candidate search in the parent on NumPy arrays.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from unspin.corpus.candidates import candidates_in
from unspin.corpus.config import ReuseConfig
from unspin.corpus.features import ID_BITS, Processed, process_item
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
    workers: int | None = None, progress: Progress | None = None, until: str | None = None,
) -> ReuseSummary:
    """Run every stage not yet done into ``out``, or those up to the stage ``until``."""
    report = progress or (lambda stage, done, total: None)
    summary = ReuseSummary()
    units = list_units(inputs, summary)
    run = RunDir(out, manifest(units, config))
    workers = workers or os.cpu_count() or 1
    context = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")

    def pool() -> Any:
        """A pool for one stage: idle workers would hold their models (~300 MB each) through the candidate search."""
        return context.Pool(workers)

    run_stages(run, summary, {
        "articles": lambda: _articles_stage(run, units, config, pool, summary, report),
        "candidates": lambda: _candidates_stage(run, config, report),
        "pairs": lambda: _pairs_stage(run, config, pool, report),
        "clusters": lambda: _clusters_stage(run),
        "sites": lambda: _sites_stage(run),
    }, until)
    return summary


_WINDOW = 1024
"""Items handed to the pool at once: ``Pool.imap`` reads its whole input ahead, a corpus at 100k articles."""


def _windowed(pool: Any, work: Callable[[Any], Any], items: Iterable[Any], chunksize: int) -> Iterator[Any]:
    """``pool.imap(work, items)`` in order, with at most ``_WINDOW`` items read ahead of the results."""
    iterator = iter(items)
    while window := list(itertools.islice(iterator, _WINDOW)):
        yield from pool.imap(work, window, chunksize=chunksize)


_SPILL_BYTES = 8 << 20
"""Input bytes per spill partition: a partition's articles and features (~60 MB) are deduplicated at once."""

_BUFFERED = 2000
"""Processed articles (or compared pairs) held before they are written."""

_ROW_GROUP = 1024
"""Rows per Parquet row group of the committed tables: what later stages read at once."""


def spill_partitions(units: Sequence[str]) -> int:
    """How many id ranges the articles stage spills into: a power of two, one per ``_SPILL_BYTES`` of input."""
    size = sum(os.path.getsize(u) for u in units if os.path.isfile(u))
    return 1 << min(max(math.ceil(size / _SPILL_BYTES) - 1, 0).bit_length(), 8)


def _articles_stage(
    run: RunDir, units: list[str], config: ReuseConfig, pool: Callable[[], Any], summary: ReuseSummary,
    report: Progress,
) -> None:
    """Process every document in the pool and commit ``articles`` and ``features``, deduplicated.

    Rows are spilled to disk as they come, split by id range (ids are
    hashes, so ranges are even), so that copies of one text, which share
    an id, land in one spill file and each file is deduplicated and sorted
    on its own: the parent never holds more than one range of the corpus.
    """
    def items() -> Iterator[Item]:
        for unit in units:
            yield from read_unit(unit)

    parts = spill_partitions(units)
    shift = ID_BITS - (parts.bit_length() - 1)
    spill = run.staging("unsorted")
    spill.mkdir(parents=True)
    with contextlib.ExitStack() as stack:
        workers = stack.enter_context(pool())  # forked before anything is held
        writers = [{table: stack.enter_context(pq.ParquetWriter(spill / f"{table}-{n:05d}.parquet", SCHEMAS[table]))
                    for table in ("articles", "features")} for n in range(parts)]
        batch: list[Processed] = []

        def flush() -> None:
            for part, writer in enumerate(writers):
                rows = [p for p in batch if p.article["id"] >> shift == part]
                if rows:
                    for table, data in (("articles", [p.article for p in rows]), ("features", [p.features for p in rows])):
                        writer[table].write_table(pa.Table.from_pylist(data, schema=SCHEMAS[table]))
            batch.clear()

        work = partial(process_item, config=config)
        for done, item in enumerate(_windowed(workers, work, items(), chunksize=16), start=1):
            report("articles", done, None)
            if isinstance(item, IngestProblem):
                summary.problems.append(item)
                continue
            batch.append(item)
            if len(batch) == _BUFFERED:
                flush()
        flush()
    staged = {table: run.staging(table) for table in ("articles", "features")}
    for folder in staged.values():
        folder.mkdir(parents=True)
    summary.duplicates = sum(_deduplicate(spill, staged, n) for n in range(parts))
    for table, folder in staged.items():
        run.commit(table, folder)
    shutil.rmtree(spill)


def _deduplicate(spill: Path, staged: dict[str, Path], part: int) -> int:
    """Write one spill partition's rows into the staged tables: one per content hash, sorted by id.

    The smallest source wins among copies with one hash, whatever order the
    workers returned them in. Returns how many were dropped.
    """
    articles = pq.read_table(spill / f"articles-{part:05d}.parquet")
    rows = pa.table({"hash": articles.column("content_hash"), "source": articles.column("source"),
                     "row": pa.array(np.arange(len(articles)))})
    rows = rows.sort_by([("hash", "ascending"), ("source", "ascending")])
    hashes = rows.column("hash").to_numpy(zero_copy_only=False)
    keep = rows.column("row").to_numpy()[np.r_[True, hashes[1:] != hashes[:-1]]] if len(hashes) else np.zeros(0, np.int64)
    keep = keep[np.argsort(articles.column("id").to_numpy()[keep], kind="stable")]
    name = f"part-{part:05d}.parquet"
    pq.write_table(articles.take(keep), staged["articles"] / name, row_group_size=_ROW_GROUP)
    features = pq.read_table(spill / f"features-{part:05d}.parquet")
    pq.write_table(features.take(keep), staged["features"] / name, row_group_size=_ROW_GROUP)
    return len(articles) - len(keep)


def _candidates_stage(run: RunDir, config: ReuseConfig, report: Progress) -> None:
    report("candidates", 0, None)
    rows = candidates_in(run.path("features"), config.rule)
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


def _pairs_stage(run: RunDir, config: ReuseConfig, pool: Callable[[], Any], report: Progress) -> None:
    """Compare every candidate in the pool, writing ``pairs`` and ``passages`` as results come.

    Candidates are sorted by ``(a_id, b_id)`` and results come back in
    order, so both tables are written in their sort order without holding them.
    """
    with contextlib.ExitStack() as stack:
        workers = stack.enter_context(pool())  # forked before the rows are read, so no worker shares them
        candidates = pq.read_table(run.path("candidates"), columns=["a_id", "b_id"])
        candidates = candidates.sort_by([("a_id", "ascending"), ("b_id", "ascending")])
        a_ids, b_ids = candidates.column("a_id").to_pylist(), candidates.column("b_id").to_pylist()
        # Only candidates' rows are read: the whole corpus's texts and vectors took GBs at 100k articles.
        needed = [("id", "in", sorted(set(a_ids) | set(b_ids)))]
        articles = _Rows(pq.read_table(run.path("articles"), schema=SCHEMAS["articles"], filters=needed))
        vectors = _Rows(pq.read_table(run.path("features"), columns=["id", "vectors"], filters=needed))
        work = (
            (articles[a], vectors[a]["vectors"], articles[b], vectors[b]["vectors"]) for a, b in zip(a_ids, b_ids)
        )
        staged = {table: run.staging(table) for table in ("pairs", "passages")}
        writers = {}
        for table, folder in staged.items():
            folder.mkdir(parents=True)
            writers[table] = stack.enter_context(pq.ParquetWriter(folder / "part-00000.parquet", SCHEMAS[table]))
        pairs: list[dict[str, Any]] = []
        passages: list[dict[str, Any]] = []

        def flush() -> None:
            for table, rows in (("pairs", pairs), ("passages", passages)):
                writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
                rows.clear()

        compare = partial(compare_candidate, config=config)
        for done, result in enumerate(_windowed(workers, compare, work, chunksize=8), start=1):
            report("pairs", done, len(a_ids))
            if result is not None:
                pairs.append(result[0])
                passages += result[1]
            if len(pairs) == _BUFFERED:
                flush()
        flush()
    for table, folder in staged.items():
        run.commit(table, folder)


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
