"""Trace latency against a store that ``bench_store.py --keep`` already grew, without adding to it.

    .venv/bin/python bench/bench_trace_store.py --corpus /tmp/big/all.jsonl --db /tmp/big/run/store.db

Growing a store to a million articles takes an hour; measuring a change to
``trace`` should not. Spun copies (strength 0.2) of articles drawn from the
corpus the store was grown from are traced three times in one process:
once with explain off while the store's pages are still on disk (the first
pass), again with them in the file cache (warm), then with explain on. Each
row gives p50/p95 wall and p50 CPU milliseconds and the share of copies whose
first source is their own original. Prints the rows and writes
bench/results/trace-store.json (``--out`` another name).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import unspin  # first: it pins BLAS to one thread before NumPy loads, as the command does  # noqa: F401

from unspin.api import article_from_text
from unspin.store import Store
from unspin.trace import Tracer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_store import OUT, measure, records_at  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="The JSONL corpus the store was grown from, in order.")
    parser.add_argument("--db", required=True, help="The store to trace against (read only).")
    parser.add_argument("--queries", type=int, default=12)
    parser.add_argument("--out", default="trace-store.json")
    args = parser.parse_args()
    with Store(Path(args.db), create=False) as store:
        size = store.count()
        rng = random.Random(size)
        numbers = rng.sample(range(size), args.queries + 1)
        records = records_at(Path(args.corpus), set(numbers))
        tracer = Tracer(store)
        tracer.trace(article_from_text(records[numbers[0]]["text"], "warm-up"), explain=True)
        queries = [records[n] for n in numbers[1:]]
        row = {"stored": size, "queries": len(queries),
               "first_pass": measure(tracer, queries, False, size),
               "no_explain": measure(tracer, queries, False, size),
               "explain": measure(tracer, queries, True, size)}
    print(json.dumps(row, indent=2))
    OUT.mkdir(exist_ok=True)
    (OUT / args.out).write_text(json.dumps(row, indent=2) + "\n")


if __name__ == "__main__":
    main()
