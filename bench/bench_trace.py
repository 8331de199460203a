"""``trace`` latency as the store grows, and ``add`` throughput into it.

    .venv/bin/python bench/bench_trace.py [--sizes 2000 20000 100000] [--queries 50]

One store grows through the sizes: chimeric news articles (see
``unspin.evaluation.planted``) are added with the same pipeline as
``unspin add``; at each size, spun copies (strength 0.2) of stored articles
are traced, with explain off and on, timing each call. Reports add
throughput, the store's size on disk (every file beside it included),
trace p50/p95, top-1 source retrieval and the process's peak RSS. Prints a
table and writes bench/results/trace.json (``--out`` another name).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

import unspin  # first: it pins BLAS to one thread before NumPy loads, as the command does

import numpy as np

from unspin.api import article_from_text
from unspin.evaluation.planted import write_planted_corpus
from unspin.evaluation.spinner import spin
from unspin.add import ingest
from unspin.store import Store
from unspin.trace import Tracer

OUT = Path(__file__).resolve().parent / "results"


def write_slice(records: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def measure(tracer: Tracer, stored: list[dict[str, str]], queries: int, explain: bool, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    latencies, top1 = [], 0
    for record in rng.sample(stored, queries):
        copy = article_from_text(spin(record["text"], 0.2, rng).text, "copy")
        started = time.perf_counter()
        result = tracer.trace(copy, explain=explain)
        latencies.append(1000 * (time.perf_counter() - started))
        top1 += bool(result.sources) and result.sources[0].source.source.endswith(f"#{record['id']}")
    return {"p50_ms": round(float(np.percentile(latencies, 50)), 1),
            "p95_ms": round(float(np.percentile(latencies, 95)), 1), "top1": round(top1 / queries, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--out", default="trace.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="unspin-trace-") as tmp:
        work = Path(tmp)
        corpus = write_planted_corpus(work / "all.jsonl", max(args.sizes), copy_share=0.0, spun_share=0.0, chimeric=True)
        records = [json.loads(line) for line in corpus.path.read_text(encoding="utf-8").splitlines()]
        with Store(work / "store.db") as store:
            stored = 0
            for size in sorted(args.sizes):
                write_slice(records[stored:size], work / f"slice-{size}.jsonl")
                started = time.perf_counter()
                ingest([str(work / f"slice-{size}.jsonl")], store, batch_size=256)
                seconds = time.perf_counter() - started
                added, stored = size - stored, size
                tracer = Tracer(store)
                tracer.trace(article_from_text(records[0]["text"], "warm-up"), explain=True)
                on_disk = sum(p.stat().st_size for p in work.glob("store.db*"))
                row = {"stored": size, "add_articles_per_s": round(added / seconds, 1), "store_mb": round(on_disk / 2**20)}
                for explain in (False, True):
                    row["explain" if explain else "no_explain"] = measure(tracer, records[:size], args.queries, explain, size)
                row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(f"{'stored':>8} {'add/s':>7} {'MB':>6} {'p50':>7} {'p95':>7} {'top1':>5} {'p50 +explain':>13} {'p95 +explain':>13} {'RSS MB':>7}")
    for r in rows:
        a, b = r["no_explain"], r["explain"]
        print(f"{r['stored']:>8} {r['add_articles_per_s']:>7} {r['store_mb']:>6} {a['p50_ms']:>7} {a['p95_ms']:>7} {a['top1']:>5}"
              f" {b['p50_ms']:>13} {b['p95_ms']:>13} {r['peak_rss_mb']:>7}")
    OUT.mkdir(exist_ok=True)
    (OUT / args.out).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
