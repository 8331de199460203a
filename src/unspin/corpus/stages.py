"""The stage skeleton both corpus runners share: summary, manifest, skip, commit and timing.

A run is five stages (:data:`PLAN`), each writing one or two tables. A
table is written to a temporary folder and renamed into place with a
``_DONE`` marker; a re-run with the same inputs and settings skips stages
whose tables are all done. ``run.json`` records what a run was made from;
a run with other inputs or settings into the same folder starts over rather
than mix two runs' tables. :func:`run_stages` is the loop; ``local.py`` and
``spark.py`` hand it only the work of each stage, which is where they differ.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from unspin.corpus.config import ReuseConfig
from unspin.read.readers import expand_inputs
from unspin.records import IngestProblem

STAGES = ("articles", "features", "candidates", "pairs", "passages", "clusters", "sites")
MARKER = "_DONE"


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of a run: the tables it commits; the first is the one whose rows the summary counts."""

    name: str
    tables: tuple[str, ...]


PLAN = (
    Stage("articles", ("articles", "features")),
    Stage("candidates", ("candidates",)),
    Stage("pairs", ("pairs", "passages")),
    Stage("clusters", ("clusters",)),
    Stage("sites", ("sites",)),
)


@dataclass(slots=True)
class ReuseSummary:
    """What a run did; ``skipped`` lists tables a previous run had finished, ``seconds`` the stages run."""

    articles: int = 0
    duplicates: int = 0
    candidates: int = 0
    pairs: int = 0
    clusters: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def manifest(units: Sequence[str], config: ReuseConfig) -> dict[str, Any]:
    return {"inputs": inputs_digest(units), "config": config.digest()}


def list_units(inputs: Sequence[str], summary: ReuseSummary) -> list[str]:
    """The input files a run reads; inputs that name nothing readable become problems."""
    units: list[str] = []
    for unit in expand_inputs(inputs):
        if isinstance(unit, IngestProblem):
            summary.problems.append(unit)
        else:
            units.append(unit)
    return units


def run_stages(
    run: RunDir, summary: ReuseSummary, work: Mapping[str, Callable[[], None]], until: str | None = None
) -> None:
    """Run each stage of :data:`PLAN` not done yet with ``work[name]`` (which commits its tables), timing it.

    ``until`` names the last stage to run (None: all of them); a later run
    into the same folder resumes after it. Done or not, the summary's counts
    are then read from the committed tables, so a resumed run reports the
    same numbers as a fresh one.
    """
    if until is not None and until not in {stage.name for stage in PLAN}:
        raise ValueError(f"no stage {until!r}: stages are {', '.join(stage.name for stage in PLAN)}")
    for stage in PLAN:
        if all(run.done(table) for table in stage.tables):
            summary.skipped += stage.tables
        else:
            started = time.perf_counter()
            work[stage.name]()
            summary.seconds[stage.name] = round(time.perf_counter() - started, 2)
        if stage.name == until:
            break
    summary.articles = _rows(run.path("articles"))
    summary.candidates = _rows(run.path("candidates"))
    summary.pairs = _rows(run.path("pairs"))
    if run.done("clusters"):
        sizes = pq.read_table(run.path("clusters"), columns=["cluster", "size"])
        summary.clusters = len(pc.unique(sizes.filter(pc.greater(sizes.column("size"), 1)).column("cluster")))


def _rows(folder: Path) -> int:
    """Rows of a committed table, from its Parquet footers (whichever runner wrote it); 0 before it is written."""
    return sum(pq.read_metadata(part).num_rows for part in sorted(folder.glob("*.parquet")))


def inputs_digest(units: Sequence[str]) -> list[list[Any]]:
    """The input files with size and modification time: a changed input invalidates the run."""
    out: list[list[Any]] = []
    for unit in units:
        try:
            stat = os.stat(unit)
            out.append([unit, stat.st_size, int(stat.st_mtime)])
        except OSError:
            out.append([unit, None, None])
    return out


class RunDir:
    """The output folder of one corpus run."""

    def __init__(self, root: Path, manifest: dict[str, Any]) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        path = root / "run.json"
        if path.exists() and json.loads(path.read_text()) != manifest:
            for stage in STAGES:
                shutil.rmtree(root / stage, ignore_errors=True)
        tmp = root / "run.json.tmp"
        tmp.write_text(json.dumps(manifest, indent=2))
        os.replace(tmp, path)

    def done(self, stage: str) -> bool:
        return (self.root / stage / MARKER).exists()

    def staging(self, stage: str) -> Path:
        """A fresh temporary folder to write ``stage`` into; :meth:`commit` moves it into place."""
        tmp = self.root / f".{stage}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        return tmp

    def commit(self, stage: str, tmp: Path) -> None:
        tmp.mkdir(parents=True, exist_ok=True)
        (tmp / MARKER).touch()
        final = self.root / stage
        shutil.rmtree(final, ignore_errors=True)
        os.replace(tmp, final)

    def path(self, stage: str) -> Path:
        return self.root / stage
