"""Resumable stages: each writes its table to a temporary folder and renames it into place.

A stage is done when its folder holds ``_DONE``; a re-run with the same
inputs and settings skips done stages. ``run.json`` records what a run was
made from; a run with other inputs or settings into the same folder starts
over rather than mix two runs' tables.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

STAGES = ("articles", "features", "candidates", "pairs", "passages", "clusters", "sites")
MARKER = "_DONE"


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
