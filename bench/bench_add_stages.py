"""CPU per article of each stage of ``add``: extraction, index rows, the SQLite transaction.

    .venv/bin/python bench/bench_add_stages.py [--articles 2000]

One process, chimeric news articles (``unspin.evaluation.planted``) in
batches of 512, into an empty store under a temporary folder. CPU time
(``time.process_time``), so other jobs on a shared machine do not count;
run it on two checkouts to compare code. Prints a JSON line and writes
bench/results/add_stages.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from unspin.evaluation.planted import write_planted_corpus
from unspin.index.features import index_rows
from unspin.read.extract import extract_article
from unspin.read.readers import read_inputs
from unspin.records import RawDocument
from unspin.store import Store

OUT = Path(__file__).resolve().parent / "results"
BATCH = 512


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="unspin-stages-") as tmp:
        corpus = write_planted_corpus(Path(tmp) / "c.jsonl", args.articles, copy_share=0.0, spun_share=0.0,
                                      chimeric=True)
        items = [r for r in read_inputs([str(corpus.path)]) if isinstance(r, RawDocument)]
        warm = [extract_article(r) for r in items[:20]]
        index_rows(warm)  # loads the model and the compiled kernels before timing
        seconds = {"extract": 0.0, "index_rows": 0.0, "write": 0.0}
        with Store(Path(tmp) / "s.db") as store:
            for start in range(0, len(items), BATCH):
                began = time.process_time()
                articles = [extract_article(r) for r in items[start : start + BATCH]]
                seconds["extract"] += time.process_time() - began
                began = time.process_time()
                rows = index_rows(articles)
                seconds["index_rows"] += time.process_time() - began
                began = time.process_time()
                store.add(list(zip(articles, rows)))
                seconds["write"] += time.process_time() - began
    result = {f"{k}_cpu_ms_per_article": round(1000 * v / len(items), 2) for k, v in seconds.items()}
    result["total_cpu_ms_per_article"] = round(1000 * sum(seconds.values()) / len(items), 2)
    print(json.dumps(result))
    OUT.mkdir(exist_ok=True)
    (OUT / "add_stages.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
