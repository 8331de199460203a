"""Corpus mode: ``unspin reuse`` and ``unspin spark reuse`` on planted corpora, with an anchor.

    .venv/bin/python bench/bench_reuse.py [--originals 8400 83400] [--no-spark] [--no-local]

For each size, writes a JSONL corpus of chimeric news articles (see
``unspin.evaluation.planted``) with 10% planted verbatim excerpts and 10%
spun copies (strength 0.2), then times each command in its own process
(articles/s and peak RSS), and scores the planted pairs (recall per kind,
precision over all pairs found). The anchors are the jobs a user would reach
for instead: datasketch MinHash-LSH dedup (word 5-grams, 128 permutations,
threshold 0.7) over the same texts, in this process, and datatrove's MinHash
dedup pipeline with its defaults, in its own process. Prints a table and
merges its rows into bench/results/reuse.json (a row per job and size, so
sizes and jobs can be measured in separate runs).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from unspin.corpus.stages import MARKER, PLAN
from unspin.corpus.tables import read_rows
from unspin.evaluation.planted import PlantedCorpus, write_planted_corpus
from unspin.segment import tokenize

OUT = Path(__file__).resolve().parent / "results"


def process_tree(root: int) -> set[int]:
    """A process and all its descendants now (the jobs here are several processes: worker pools,
    Spark's JVM and its Python workers)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, frontier = {root}, [root]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in tree:
                tree.add(child)
                frontier.append(child)
    return tree


def tree_usage(root: int) -> tuple[float, float]:
    """Resident memory (MB) of a process tree now, and the CPU seconds it has used so far, from /proc.

    Summed over the whole tree because ``ru_maxrss`` reports only the
    largest single process. CPU counts each live process's own time and
    the time of children it has reaped, so workers that exit still count.
    """
    pages, ticks = 0, 0
    for pid in process_tree(root):
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return pages * resource.getpagesize() / 2**20, ticks / os.sysconf("SC_CLK_TCK")


def running_stage(out: Path) -> str:
    """The stage a run into ``out`` is in: the first whose tables are not all committed."""
    for stage in PLAN:
        if not all((out / table / MARKER).exists() for table in stage.tables):
            return stage.name
    return "done"


@dataclass(frozen=True, slots=True)
class Measured:
    """One command's wall seconds, peak RSS of its process tree, and per stage: the seconds it printed,
    the peak RSS and the CPU seconds sampled while that stage was running."""

    seconds: float
    peak_rss_mb: float
    stage_seconds: dict[str, float]
    stage_peak_rss_mb: dict[str, int]
    stage_cpu_seconds: dict[str, float]


def run_command(args: list[str], out: Path) -> Measured:
    """Run a corpus job into ``out``, sampling its process tree every 0.5 s."""
    started = time.perf_counter()
    peaks: dict[str, float] = {}
    cpu: dict[str, float] = {}
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, text=True)
        used = 0.0
        while process.poll() is None:
            stage = running_stage(out)
            rss, now = tree_usage(process.pid)
            peaks[stage] = max(peaks.get(stage, 0.0), rss)
            cpu[stage] = cpu.get(stage, 0.0) + max(now - used, 0.0)
            used = max(used, now)
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        err.seek(0)
        stderr = err.read()
    if process.returncode != 0:
        causes = [line for line in stderr.splitlines() if re.search(r"Caused by|Error|Exception", line)][:20]
        raise SystemExit(f"{' '.join(args)} failed:\n" + "\n".join(causes) + f"\n...\n{stderr[-3000:]}")
    stages = re.search(r"seconds per stage: (.*)", stderr)
    per_stage = {k: float(v) for k, v in (p.rsplit(" ", 1) for p in stages.group(1).split(", "))} if stages else {}
    return Measured(seconds, max(peaks.values(), default=0.0), per_stage,
                    {k: round(v) for k, v in peaks.items()}, {k: round(v, 1) for k, v in cpu.items()})


def score(out: Path, corpus: PlantedCorpus) -> dict[str, float]:
    names = {r["id"]: r["url"].rsplit("/", 1)[1] for r in read_rows(out / "articles", "articles", ["id", "url"])}
    found = {frozenset((names[p["a_id"]], names[p["b_id"]])) for p in read_rows(out / "pairs", "pairs", ["a_id", "b_id"])}
    return _scores(found, corpus)


def _scores(found: set[frozenset[str]], corpus: PlantedCorpus) -> dict[str, float]:
    planted = {frozenset(p) for p in corpus.verbatim + corpus.spun}
    return {
        "recall_verbatim": round(sum(frozenset(p) in found for p in corpus.verbatim) / max(len(corpus.verbatim), 1), 4),
        "recall_spun": round(sum(frozenset(p) in found for p in corpus.spun) / max(len(corpus.spun), 1), 4),
        "precision": round(len(found & planted) / max(len(found), 1), 4),
        "pairs_found": len(found),
    }


def datasketch_anchor(corpus: PlantedCorpus) -> dict[str, float]:
    """MinHash-LSH near-duplicate pairs as datasketch users build them."""
    from datasketch import MinHash, MinHashLSH

    started = time.perf_counter()
    records = [json.loads(line) for line in corpus.path.read_text(encoding="utf-8").splitlines()]
    lsh = MinHashLSH(threshold=0.7, num_perm=128)
    found: set[frozenset[str]] = set()
    for offset in range(0, len(records), 1000):
        batch = records[offset : offset + 1000]
        shingles = []
        for r in batch:
            words = [t.lower() for *_, t in tokenize(r["text"])]
            shingles.append([" ".join(words[i : i + 5]).encode() for i in range(max(len(words) - 4, 1))])
        for r, m in zip(batch, MinHash.bulk(shingles, num_perm=128)):
            for other in lsh.query(m):
                found.add(frozenset((r["id"], other)))
            lsh.insert(r["id"], m)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 1), "articles_per_s": round(len(records) / seconds, 1), **_scores(found, corpus),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def datatrove_anchor(corpus: PlantedCorpus, work: Path) -> dict[str, float]:
    """datatrove's MinHash dedup with its default settings (5-grams, 14 buckets × 8 hashes), all four stages.

    Found pairs: every two documents that its clustering puts in one
    duplicate cluster. Runs in its own process so its time and RSS are its own.
    """
    script = f"""
import json, resource, sys, time
from datatrove.executor.local import LocalPipelineExecutor
from datatrove.pipeline.dedup import MinhashDedupSignature
from datatrove.pipeline.dedup.minhash import MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster, MinhashDedupFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers.jsonl import JsonlWriter
base, data = {str(work / "datatrove")!r}, {str(corpus.path.parent)!r}
config = MinhashConfig()
def run(steps, tasks, name):
    LocalPipelineExecutor(steps, tasks=tasks, workers=min(tasks, 2), logging_dir=f"{{base}}/logs/{{name}}").run()
started = time.perf_counter()
run([JsonlReader(data), MinhashDedupSignature(output_folder=f"{{base}}/sigs", config=config)], 1, "sigs")
run([MinhashDedupBuckets(input_folder=f"{{base}}/sigs", output_folder=f"{{base}}/buckets", config=config)], config.num_buckets, "buckets")
run([MinhashDedupCluster(input_folder=f"{{base}}/buckets", output_folder=f"{{base}}/ids", config=config, save_cluster_id=True)], 1, "cluster")
run([JsonlReader(data), MinhashDedupFilter(input_folder=f"{{base}}/ids", exclusion_writer=JsonlWriter(f"{{base}}/removed"),
     load_cluster_ids=True), JsonlWriter(f"{{base}}/kept")], 1, "filter")
print(json.dumps({{"seconds": time.perf_counter() - started,
                  "rss": max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"datatrove failed:\n{done.stderr[-3000:]}")
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    clusters: dict[int, list[str]] = {}
    for output in (work / "datatrove" / "kept", work / "datatrove" / "removed"):
        for path in output.glob("*.jsonl*"):
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as handle:
                for line in handle:
                    doc = json.loads(line)
                    if doc["metadata"].get("minhash_cluster_id", -1) >= 0:
                        clusters.setdefault(doc["metadata"]["minhash_cluster_id"], []).append(doc["id"])
    found = {frozenset(p) for members in clusters.values() for p in itertools.combinations(members, 2)}
    return {"seconds": round(measured["seconds"], 1), "articles_per_s": round(corpus.records / measured["seconds"], 1),
            **_scores(found, corpus), "peak_rss_mb": round(measured["rss"] / 1024)}


def save(rows: list[dict[str, object]]) -> None:
    """Merge ``rows`` into bench/results/reuse.json, after each job, so a later failure keeps them."""
    OUT.mkdir(exist_ok=True)
    path = OUT / "reuse.json"
    measured = {(r["job"], r["articles"]) for r in rows}
    kept = [r for r in json.loads(path.read_text()) if (r["job"], r["articles"]) not in measured] if path.exists() else []
    path.write_text(json.dumps(sorted(kept + rows, key=lambda r: (r["articles"], r["job"])), indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, nargs="+", default=[8400, 83400],
                        help="originals per corpus; copies add 20%%, so 8,400 makes ~10k articles")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--no-local", action="store_true")
    parser.add_argument("--no-anchor", action="store_true")
    args = parser.parse_args()
    rows = []
    for originals in args.originals:
        work = Path(tempfile.mkdtemp(prefix="unspin-reuse-"))
        try:
            corpus = write_planted_corpus(work / "corpus" / "feed.jsonl", originals, chimeric=True)
            commands = {}
            if not args.no_local:
                commands["unspin reuse (2 processes)"] = ["-m", "unspin", "reuse", "--workers", "2", "-q"]
            if not args.no_spark:
                commands["unspin spark reuse (local[2])"] = ["-m", "unspin", "spark", "reuse", "--master", "local[2]"]
            for name, command in commands.items():
                out = work / name.split()[1]
                measured = run_command([sys.executable, *command, str(corpus.path), "--out", str(out)], out)
                rows.append({"job": name, "articles": corpus.records, "seconds": round(measured.seconds, 1),
                             "articles_per_s": round(corpus.records / measured.seconds, 1),
                             "peak_rss_mb": round(measured.peak_rss_mb), **score(out, corpus),
                             "stage_seconds": measured.stage_seconds,
                             "stage_peak_rss_mb": measured.stage_peak_rss_mb,
                             "stage_cpu_seconds": measured.stage_cpu_seconds})
                save(rows)
            if not args.no_anchor:
                rows.append({"job": "datasketch MinHash-LSH 0.7 (anchor)", "articles": corpus.records,
                             **datasketch_anchor(corpus)})
                rows.append({"job": "datatrove MinHash dedup (anchor)", "articles": corpus.records,
                             **datatrove_anchor(corpus, work)})
                save(rows)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    head = f"{'job':<36} {'articles':>8} {'s':>7} {'art/s':>7} {'RSS MB':>7} {'R verb':>7} {'R spun':>7} {'P':>6}"
    print(head)
    for r in rows:
        print(f"{r['job']:<36} {r['articles']:>8} {r['seconds']:>7} {r['articles_per_s']:>7} {r['peak_rss_mb']:>7}"
              f" {r['recall_verbatim']:>7} {r['recall_spun']:>7} {r['precision']:>6}")


if __name__ == "__main__":
    main()
