"""The candidate stage alone: ``unspin reuse`` against ``unspin spark reuse`` (``local[2]``) on one ``features`` table.

    .venv/bin/python bench/bench_candidate_stage.py [--originals 16000] [--work DIR] [--runners local spark]

Writes a planted corpus of chimeric news articles (as ``bench_reuse.py``),
runs the articles stage once with the local runner, then runs each
runner's candidate stage on a copy of that run in its own process: the
Spark process starts its session and runs a small job first, so the JVM's
start is not counted. Measured per runner: CPU seconds of the whole process
tree during the stage (the JVM and its Python workers for Spark), wall
seconds and peak RSS of the tree; and whether the two ``candidates`` tables
are equal. ``--work DIR`` keeps the corpus and the prepared run there, so a
second call (after a code change) measures the same table without preparing
it again. Prints a table and merges its rows into
bench/results/candidate_stage.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_reuse import process_tree, tree_usage

from unspin.corpus.stages import MARKER
from unspin.corpus.tables import read_rows
from unspin.evaluation.planted import write_planted_corpus

OUT = Path(__file__).resolve().parent / "results"
DRIVER_MEMORY = "4g"
"""What ``unspin spark reuse`` uses by default."""


def child(runner: str, corpus: Path, run: Path) -> None:
    """Run one runner's stages into ``run`` (``prepare``: up to articles; else up to candidates) and print
    the CPU seconds of this process tree and the wall seconds the candidate stage took."""
    if runner == "prepare":
        from unspin.corpus.local import run_local

        run_local([str(corpus)], run, workers=2, until="articles")
        return
    if runner == "spark":
        from unspin.corpus.spark import run_spark, spark_session

        spark_session("local[2]", driver_memory=DRIVER_MEMORY).range(1000).count()  # the JVM's start is not the stage
        stage = lambda: run_spark([str(corpus)], run, master="local[2]", driver_memory=DRIVER_MEMORY, until="candidates")
    else:
        from unspin.corpus.local import run_local

        stage = lambda: run_local([str(corpus)], run, workers=2, until="candidates")
    before = cpu_by_process(os.getpid())
    summary = stage()
    after = cpu_by_process(os.getpid())
    split = {kind: round(after.get(kind, 0.0) - before.get(kind, 0.0), 1) for kind in after}
    print(json.dumps({"cpu_seconds": round(sum(split.values()), 1), "cpu_seconds_by_process": split,
                      "seconds": summary.seconds["candidates"], "candidates": summary.candidates}), flush=True)


def cpu_by_process(root: int) -> dict[str, float]:
    """CPU seconds so far of a process tree, split into this process (``driver``), ``java`` and other
    ``python`` processes (Spark's Python workers and their daemon, which counts the workers it reaped)."""
    split: dict[str, float] = {}
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        kind = "driver" if pid == root else "java" if name == "java" else "python"
        split[kind] = split.get(kind, 0.0) + sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return split


def measure(runner: str, corpus: Path, run: Path) -> dict[str, float]:
    """Run ``child`` in its own process, sampling its tree's RSS every 0.5 s."""
    process = subprocess.Popen([sys.executable, __file__, "--child", runner, str(corpus), str(run)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_usage(process.pid)[0])
        time.sleep(0.5)
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"{runner} failed:\n{stderr[-3000:]}")
    lines = stdout.strip().splitlines()
    return {**json.loads(lines[-1]), "peak_rss_mb": round(peak)} if lines else {"peak_rss_mb": round(peak)}


def save(rows: list[dict[str, object]]) -> None:
    """Merge ``rows`` into bench/results/candidate_stage.json (a row per runner and size)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / "candidate_stage.json"
    measured = {(r["runner"], r["articles"]) for r in rows}
    kept = [r for r in json.loads(path.read_text()) if (r["runner"], r["articles"]) not in measured] if path.exists() else []
    path.write_text(json.dumps(sorted(kept + rows, key=lambda r: (r["articles"], r["runner"])), indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=16000, help="originals; copies add 20%%")
    parser.add_argument("--work", type=Path, help="keep the corpus and prepared run here (default: a temporary folder)")
    parser.add_argument("--runners", nargs="+", choices=["local", "spark"], default=["local", "spark"])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="unspin-candidate-stage-"))
    work = work / str(args.originals)
    corpus = work / "corpus" / "feed.jsonl"
    prepared = work / "prepared"
    try:
        if not (prepared / "features" / MARKER).exists():
            write_planted_corpus(corpus, args.originals, chimeric=True)
            measure("prepare", corpus, prepared)
        articles = len(read_rows(prepared / "articles", "articles", ["id"]))
        rows = []
        for runner in args.runners:
            run = work / runner
            shutil.rmtree(run, ignore_errors=True)
            shutil.copytree(prepared, run)
            rows.append({"runner": runner, "articles": articles, **measure(runner, corpus, run)})
        if len(args.runners) == 2:
            same = read_rows(work / "local" / "candidates", "candidates") == read_rows(work / "spark" / "candidates", "candidates")
            for row in rows:
                row["equal_candidates"] = same
        save(rows)
    finally:
        if args.work is None:
            shutil.rmtree(work.parent, ignore_errors=True)
    print(f"{'runner':<8} {'articles':>8} {'candidates':>10} {'CPU s':>7} {'wall s':>7} {'RSS MB':>7}")
    for r in rows:
        print(f"{r['runner']:<8} {r['articles']:>8} {r['candidates']:>10} {r['cpu_seconds']:>7} {r['seconds']:>7}"
              f" {r['peak_rss_mb']:>7}")
    if len(rows) == 2:
        print(f"spark/local CPU: {rows[1]['cpu_seconds'] / max(rows[0]['cpu_seconds'], 0.1):.2f}x;"
              f" candidates equal: {rows[0]['equal_candidates']}")


if __name__ == "__main__":
    main()
