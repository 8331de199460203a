"""Every command and code block in README.md and docs/ runs.

Docs rot silently: an option renamed, an example that stopped parsing. So each
fenced block is executed the way a reader would use it:

- ```bash: each line is a command, run in order by ``bash -e`` from a scratch
  copy of the repository's root (``examples/`` and ``../shared`` reachable as in
  a checkout), with ``unspin`` on PATH and ``build/example.db`` already made as
  ``make run`` makes it;
- ```python: run as a script from the same folder;
- ```json: parsed.

A block preceded by ``<!-- no-run: reason -->`` is not run (the set-up commands
themselves, a server that does not return, a network or a cluster). ```text
blocks are shown output and are not run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"(?P<mark><!-- no-run[^>]*-->\s*\n)?```(?P<lang>[a-z]*)\n(?P<body>.*?)\n```", re.S)


@dataclass(frozen=True, slots=True)
class Block:
    path: Path
    line: int
    lang: str
    body: str

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def _blocks() -> list[Block]:
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            if match["mark"] or match["lang"] not in ("bash", "python", "json"):
                continue
            found.append(Block(path, text.count("\n", 0, match.start("body")), match["lang"], match["body"]))
    return found


BLOCKS = _blocks()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch checkout: examples/ and bench/ linked, ../shared beside it, the example store built."""
    base = tmp_path_factory.mktemp("docs")
    repo = base / "main"
    repo.mkdir()
    for name in ("examples", "bench", "scripts", "src", "Makefile", "pyproject.toml"):
        (repo / name).symlink_to(ROOT / name)
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED)
    (repo / "build").mkdir()
    subprocess.run([sys.executable, "-m", "unspin", "add", "examples/corpus/originals", "--db", "build/example.db", "-q"],
                   cwd=repo, env=_env(), check=True, capture_output=True)
    return repo


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "UNSPIN_DB"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_docs_have_blocks_to_run() -> None:
    assert any(b.path.name == "README.md" for b in BLOCKS)
    assert {b.lang for b in BLOCKS} >= {"bash", "python"}


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.name)
def test_block_runs(block: Block, workdir: Path) -> None:
    if block.lang == "json":
        json.loads(block.body)
        return
    if "../shared/" in block.body and not SHARED.is_dir():
        pytest.skip("needs ../shared beside the repository")
    command = ["bash", "-e", "-o", "pipefail", "-c", block.body] if block.lang == "bash" else [sys.executable, "-c", block.body]
    done = subprocess.run(command, cwd=workdir, env=_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{block.name} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, f"{block.name} printed a traceback:\n{done.stderr[-2000:]}"
