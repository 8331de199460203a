"""The store as it grows: ``unspin add`` rate, memory and size, and ``trace`` at each size.

    .venv/bin/python bench/bench_store.py [--sizes 10000 100000] [--queries 30] [--work /tmp/unspin-store]
        [--corpus ARTICLES.jsonl] [--slice 100000]

One store grows through the sizes. Chimeric news articles (see
``unspin.evaluation.planted``) are written as JSONL, or read from
``--corpus`` (lines of ``{"id", "text", ...}`` as ``write_planted_corpus``
writes them), and added slice by slice (at most ``--slice`` articles, so the
slice file on disk stays small) by the real command, ``python -m unspin add
SLICE --db STORE -q``, in its own process. Each slice is a row: its wall
clock and CPU seconds (its workers included), its largest process's peak
RSS, the store's bytes per article afterwards, and what the writer process
wrote (``wchar``, every byte SQLite handed to the kernel: WAL and
checkpoints; ``write_bytes``, what reached the disk), read from
``/proc/PID/io`` every half second while it runs (the last half second is
missed). At each size, spun copies (strength 0.2) of stored
articles are traced in this process with explain off and on (p50/p95,
top-1 source, peak RSS), and a cold ``unspin trace FILE --no-explain``
process is timed from start to exit. Anchors, over the first 10,000
articles only: datasketch and rensa MinHash-LSH inserts (the lexical part,
if installed) and the usearch HNSW graph ``add`` built before the bucket
postings (the vector part, if installed). Prints tables and writes
bench/results/store.json (``--out`` another name). The store, the slices and
a generated corpus live under ``--work`` and are deleted at the end unless
``--keep``; a ``--corpus`` is never deleted.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

import unspin  # first: it pins BLAS to one thread before NumPy loads, as the command does

import numpy as np

from unspin.api import article_from_text
from unspin.evaluation.planted import write_planted_corpus
from unspin.evaluation.spinner import spin
from unspin.store import Store
from unspin.trace import Tracer

OUT = Path(__file__).resolve().parent / "results"
ANCHOR_ARTICLES = 10_000


def run_add(path: Path, db: Path) -> dict[str, float]:
    """``unspin add`` of one slice in a child process: wall and CPU seconds, peak RSS of its largest
    process, and the bytes the writer (the child itself; workers only read) wrote."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "unspin", "add", str(path), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    written: dict[str, int] = {}
    while True:
        written = _io_counters(proc.pid) or written  # read while the child lives: gone once it is reaped
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.5)
    wall = time.perf_counter() - started
    if status:
        raise SystemExit(f"add failed: {proc.stderr.read().decode() if proc.stderr else status}")
    # wait4's usage covers the child and the workers it waited for; ru_maxrss is the largest one's.
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "wchar": written.get("wchar", 0), "write_bytes": written.get("write_bytes", 0)}


def _io_counters(pid: int) -> dict[str, int]:
    """``/proc/PID/io`` as numbers (empty where it cannot be read: not Linux, or the process is gone)."""
    try:
        lines = Path(f"/proc/{pid}/io").read_text().splitlines()
    except OSError:
        return {}
    return {name: int(value) for name, value in (line.split(": ") for line in lines)}


def write_slice(lines: TextIO, path: Path, count: int) -> int:
    """The next ``count`` corpus lines into ``path``; how many there were."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for line in itertools.islice(lines, count):
            out.write(line)
            written += 1
    return written


def store_bytes(work: Path) -> int:
    return sum(p.stat().st_size for p in work.glob("store.db*"))


def records_at(path: Path, wanted: set[int]) -> dict[int, dict[str, str]]:
    """The corpus lines numbered ``wanted``, read without holding the corpus."""
    found = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number in wanted:
                found[number] = json.loads(line)
    return found


def measure(tracer: Tracer, queries: list[dict[str, str]], explain: bool, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    latencies, cpu, top1 = [], [], 0
    for record in queries:
        copy = article_from_text(spin(record["text"], 0.2, rng).text, "copy")
        started, cpu_started = time.perf_counter(), time.process_time()
        result = tracer.trace(copy, explain=explain)
        latencies.append(1000 * (time.perf_counter() - started))
        cpu.append(1000 * (time.process_time() - cpu_started))
        top1 += bool(result.sources) and result.sources[0].source.source.endswith(f"#{record['id']}")
    # CPU time next to wall time: on a shared machine the wall clock mostly measures the other jobs.
    return {"p50_ms": round(float(np.percentile(latencies, 50)), 1),
            "p95_ms": round(float(np.percentile(latencies, 95)), 1),
            "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 1), "top1": round(top1 / len(queries), 3)}


def cold_trace(db: Path, record: dict[str, str], work: Path, runs: int = 3) -> float:
    """Median seconds of a fresh ``unspin trace FILE --no-explain`` process, start to exit."""
    copy = work / "cold-copy.txt"
    copy.write_text(spin(record["text"], 0.2, random.Random(5)).text, encoding="utf-8")
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "unspin", "trace", str(copy), "--db", str(db), "--no-explain",
                        "--format", "json"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds.append(time.perf_counter() - started)
    return round(statistics.median(seconds), 2)


def anchors(texts: list[str], db: Path) -> dict[str, float]:
    """Articles/s of the lexical anchors (datasketch, rensa) and of the old HNSW graph build, where installed."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_index import datasketch_lsh, rensa_lsh

    found: dict[str, float] = {"articles": len(texts)}
    for name, job in (("datasketch_lsh", datasketch_lsh), ("rensa_lsh", rensa_lsh)):
        try:
            found[f"{name}_articles_per_s"] = round(len(texts) / job(texts), 1)
        except ImportError:
            pass
    try:
        from bench_candidates import UsearchAnchor
    except ImportError:
        return found
    with Store(db) as store:
        started = time.perf_counter()
        UsearchAnchor(store)
        found["usearch_graph_articles_per_s"] = round(store.count() / (time.perf_counter() - started), 1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--work", default="/tmp/unspin-store-bench")
    parser.add_argument("--corpus", help="Add the articles of this JSONL file (write_planted_corpus's lines), in order.")
    parser.add_argument("--slice", type=int, default=100_000, help="Most articles one add process adds.")
    parser.add_argument("--keep", action="store_true", help="Keep the store (and a generated corpus) under --work.")
    parser.add_argument("--out", default="store.json")
    parser.add_argument("--no-anchors", action="store_true", help="Skip the anchors (minutes on a busy machine).")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    db = work / "store.db"
    for old in work.glob("store.db*"):
        old.unlink()
    made: list[Path] = []
    if args.corpus:
        corpus = Path(args.corpus)
    else:
        started = time.perf_counter()
        corpus = write_planted_corpus(work / "all.jsonl", max(args.sizes), copy_share=0.0, spun_share=0.0,
                                      chimeric=True).path
        made.append(corpus)
        print(f"corpus of {max(args.sizes)} articles written in {time.perf_counter() - started:.0f} s", flush=True)
    rows: list[dict] = []
    slices: list[dict] = []
    extra: dict[str, float] = {}
    stored = 0
    try:
        with corpus.open(encoding="utf-8") as lines:
            for size in sorted(args.sizes):
                while stored < size:
                    piece = work / "slice.jsonl"
                    made.append(piece)
                    count = write_slice(lines, piece, min(args.slice, size - stored))
                    if not count:
                        raise SystemExit(f"{corpus}: only {stored} articles, {size} asked for")
                    added = run_add(piece, db)
                    piece.unlink()
                    stored += count
                    slices.append({
                        "stored": stored, "articles": count, "add_articles_per_s": round(count / added["wall_s"], 1),
                        "add_cpu_ms_per_article": round(1000 * added["cpu_s"] / count, 2),
                        "add_peak_rss_mb": round(added["peak_rss_mb"]),
                        "store_bytes_per_article": round(store_bytes(work) / stored),
                        "written_kb_per_article": round(added["wchar"] / 1024 / count, 1),
                        "disk_written_kb_per_article": round(added["write_bytes"] / 1024 / count, 1),
                        "load_average": round(os.getloadavg()[0], 1),
                    })
                    print(json.dumps(slices[-1]), flush=True)
                rng = random.Random(size)
                numbers = rng.sample(range(size), args.queries + 1)
                records = records_at(corpus, set(numbers))
                with Store(db, create=False) as store:
                    tracer = Tracer(store)
                    tracer.trace(article_from_text(records[numbers[0]]["text"], "warm-up"), explain=True)
                    queries = [records[n] for n in numbers[1:]]
                    grown = [s for s in slices if s["stored"] > (rows[-1]["stored"] if rows else 0)]
                    row: dict = {
                        "stored": size,
                        "add_articles_per_s": round(sum(s["articles"] for s in grown)
                                                    / sum(s["articles"] / s["add_articles_per_s"] for s in grown), 1),
                        "add_cpu_ms_per_article": round(sum(s["articles"] * s["add_cpu_ms_per_article"] for s in grown)
                                                        / sum(s["articles"] for s in grown), 2),
                        "add_peak_rss_mb": max(s["add_peak_rss_mb"] for s in grown),
                        "store_mb": round(store_bytes(work) / 2**20),
                        "load_average": round(os.getloadavg()[0], 1),
                    }
                    for explain in (False, True):
                        row["explain" if explain else "no_explain"] = measure(tracer, queries, explain, size)
                row["trace_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
                row["cold_trace_s"] = cold_trace(db, records[numbers[1]], work)
                rows.append(row)
                print(json.dumps(row), flush=True)
                if not extra and not args.no_anchors:
                    with corpus.open(encoding="utf-8") as head:
                        texts = [json.loads(line)["text"] for line in itertools.islice(head, min(size, ANCHOR_ARTICLES))]
                    extra = anchors(texts, db) if size <= ANCHOR_ARTICLES else {}
                    print(json.dumps({"anchors": extra}), flush=True)
    finally:
        if not args.keep:
            for path in [*made, *work.glob("store.db*"), work / "cold-copy.txt"]:
                path.unlink(missing_ok=True)
    print(f"{'stored':>8} {'slice':>7} {'add/s':>7} {'ms CPU':>7} {'add RSS':>8} {'B/article':>9} {'KB written':>10}"
          f" {'KB to disk':>10} {'load':>5}")
    for s in slices:
        print(f"{s['stored']:>8} {s['articles']:>7} {s['add_articles_per_s']:>7} {s['add_cpu_ms_per_article']:>7}"
              f" {s['add_peak_rss_mb']:>8} {s['store_bytes_per_article']:>9} {s['written_kb_per_article']:>10}"
              f" {s['disk_written_kb_per_article']:>10} {s['load_average']:>5}")
    print(f"{'stored':>8} {'add/s':>7} {'ms CPU':>7} {'add RSS':>8} {'MB':>6} {'p50':>6} {'p95':>6} {'top1':>5}"
          f" {'p50 +ex':>8} {'p95 +ex':>8} {'RSS':>6} {'cold':>5} {'load':>5}")
    for r in rows:
        a, b = r["no_explain"], r["explain"]
        print(f"{r['stored']:>8} {r['add_articles_per_s']:>7} {r['add_cpu_ms_per_article']:>7} {r['add_peak_rss_mb']:>8}"
              f" {r['store_mb']:>6} {a['p50_ms']:>6} {a['p95_ms']:>6} {a['top1']:>5} {b['p50_ms']:>8} {b['p95_ms']:>8}"
              f" {r['trace_peak_rss_mb']:>6} {r['cold_trace_s']:>5} {r['load_average']:>5}")
    if extra:
        print("anchors over the first", extra["articles"], "articles:",
              ", ".join(f"{k} {v}" for k, v in extra.items() if k != "articles"))
    OUT.mkdir(exist_ok=True)
    (OUT / args.out).write_text(json.dumps({"slices": slices, "sizes": rows, "anchors": extra}, indent=2) + "\n")


if __name__ == "__main__":
    main()
