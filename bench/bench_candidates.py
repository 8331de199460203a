"""Spun-source recall and cost of the two sentence-vector candidate indexes: store buckets vs usearch HNSW.

    .venv/bin/python bench/bench_candidates.py [--articles 2225] [--queries 300]

A store holds BBC news articles (``../shared/data/bbc-news``); spun copies
of stored articles (:func:`unspin.evaluation.spinner.spin`, strengths 0.2
0.4 and 0.6) are the queries, and a query's source is *recalled* when the
vector evidence alone makes it a candidate:

- ``buckets``: the candidate engine (``unspin.index.candidates``):
  random-hyperplane bucket keys stored as SQLite postings, at least 2
  sentences with quantised cosine ≥ 0.85 (or 1 that is a tenth of the
  shorter article's sentences);
- ``usearch``: the HNSW graph ``trace`` used before, f16 vectors, its 8
  nearest stored sentences per query sentence at cosine ≥ 0.82, the source
  holding a neighbour of at least 8% of the query's sentences.

Costs: seconds to build each index over the stored vectors, its size on
disk, and query milliseconds (p50/p95, vector evidence only). Also the
engine's full rule (bands, fingerprints or vectors). Prints a table and
writes bench/results/candidates.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from unspin.add import ingest
from unspin.api import article_from_text
from unspin.align.aligner import sentence_vectors
from unspin.evaluation.datasets import bbc_articles
from unspin.evaluation.spinner import spin
from unspin.index.candidates import CandidateRule, QueryKeys, article_candidates, sentence_keys, store_candidates
from unspin.index.features import sentence_texts
from unspin.index.vectors import DIM, embed_sentences
from unspin.store import POSTING_SENTENCES, Store

OUT = Path(__file__).resolve().parent / "results"


class UsearchAnchor:
    """The HNSW index ``trace`` used before the bucket postings (``index/vector_index.py`` until this change)."""

    def __init__(self, store: Store) -> None:
        from usearch.index import Index

        self.index = Index(ndim=DIM, metric="cos", dtype="f16")
        for article_id, vectors in stored_vectors(store):
            self.index.add(article_id * POSTING_SENTENCES + np.arange(len(vectors), dtype=np.uint64), vectors)

    def sources(self, queries: np.ndarray, k: int = 8, min_similarity: float = 0.82, min_share: float = 0.08) -> set[int]:
        matches = self.index.search(queries, min(k, len(self.index)))
        votes: dict[int, set[int]] = {}
        for q, (keys, distances) in enumerate(zip(np.atleast_2d(matches.keys), np.atleast_2d(matches.distances))):
            for key, distance in zip(keys.tolist(), distances.tolist()):
                if 1.0 - distance >= min_similarity and key < 2**63:
                    votes.setdefault(key // POSTING_SENTENCES, set()).add(q)
        return {a for a, qs in votes.items() if len(qs) / max(len(queries), 1) >= min_share}


def stored_vectors(store: Store) -> Iterator[tuple[int, np.ndarray]]:
    """Every stored article's sentence vectors, embedded again from its text (the store keeps none)."""
    for article in store.iter_articles():
        yield article.id or 0, embed_sentences(sentence_texts(article))


def postings_mb(path: Path) -> float:
    """Size of the bucket postings tables (their B-tree pages, every segment) in the store file."""
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'sentence\\_keys%' ESCAPE '\\'").fetchone()
    return round((row[0] or 0) / 2**20, 1)


def pct(values: list[float], q: int) -> float:
    return round(float(np.percentile(values, q)), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2225)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    rule = CandidateRule()
    texts = [t for _, t in bbc_articles()][: args.articles]
    rows = []
    with tempfile.TemporaryDirectory(prefix="unspin-candidates-") as tmp:
        feed = Path(tmp) / "bbc.jsonl"
        feed.write_text("".join(json.dumps({"id": f"b{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
        with Store(Path(tmp) / "store.db") as store:
            started = time.perf_counter()
            ingest([str(feed)], store, batch_size=256)
            add_seconds = time.perf_counter() - started
            ids = {a.source.rsplit("#", 1)[-1]: a.id for a in store.iter_articles()}
            # What the postings cost inside add: computing the keys and inserting them, timed apart.
            started = time.perf_counter()
            keyed = [(a.id or 0, *sentence_keys(a, embed_sentences(sentence_texts(a)), rule)) for a in store.iter_articles()]
            key_seconds = time.perf_counter() - started
            with sqlite3.connect(":memory:") as scratch:
                scratch.execute("CREATE TABLE k(key INTEGER, posting INTEGER, PRIMARY KEY(key, posting)) WITHOUT ROWID")
                started = time.perf_counter()
                for article_id, keys, owners in keyed:
                    scratch.executemany("INSERT OR IGNORE INTO k VALUES (?,?)",
                                        zip(keys.tolist(), (article_id * POSTING_SENTENCES + owners.astype(np.int64)).tolist()))
                insert_seconds = time.perf_counter() - started
            started = time.perf_counter()
            anchor = UsearchAnchor(store)
            hnsw_seconds = time.perf_counter() - started
            hnsw_path = Path(tmp) / "store.usearch"
            anchor.index.save(str(hnsw_path))
            costs = {
                "stored": len(ids), "sentences": sum(len(sentence_texts(a)) for a in store.iter_articles()),
                "add_s": round(add_seconds, 1),
                "buckets_build_s": round(key_seconds + insert_seconds, 2), "buckets_mb": postings_mb(Path(tmp) / "store.db"),
                "usearch_build_s": round(hnsw_seconds, 2), "usearch_mb": round(os.path.getsize(hnsw_path) / 2**20, 1),
            }
            print(json.dumps(costs), flush=True)
            for strength in (0.2, 0.4, 0.6):
                rng = random.Random(int(strength * 100))
                found = {"buckets": 0, "usearch": 0, "rule": 0}
                times: dict[str, list[float]] = {"buckets": [], "usearch": []}
                picks = rng.sample(range(len(texts)), min(args.queries, len(texts)))
                for i in picks:
                    copy = article_from_text(spin(texts[i], strength, rng).text, "copy")
                    vectors = sentence_vectors(copy)
                    keys, owners = sentence_keys(copy, vectors, rule)
                    query = QueryKeys(np.zeros(0, np.int64), np.zeros(0, np.int64), keys, owners)
                    started = time.perf_counter()
                    bucket = {c.article_id for c in store_candidates(store, query, vectors, rule, None)}
                    times["buckets"].append(1000 * (time.perf_counter() - started))
                    started = time.perf_counter()
                    hnsw = anchor.sources(vectors)
                    times["usearch"].append(1000 * (time.perf_counter() - started))
                    source = ids[f"b{i}"]
                    found["buckets"] += source in bucket
                    found["usearch"] += source in hnsw
                    found["rule"] += source in {c.article_id for c in article_candidates(store, copy, vectors, rule, None)}
                row = {"strength": strength, "queries": len(picks),
                       **{f"{k}_recall": round(v / len(picks), 3) for k, v in found.items()},
                       **{f"{k}_p50_ms": pct(v, 50) for k, v in times.items()},
                       **{f"{k}_p95_ms": pct(v, 95) for k, v in times.items()}}
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(f"stored {costs['stored']} articles, {costs['sentences']} sentences")
    print(f"{'index':>8} {'build s':>8} {'MB':>6} " + " ".join(f"{'recall@' + str(r['strength']):>11} {'p50 ms':>7} {'p95 ms':>7}" for r in rows))
    for name in ("buckets", "usearch"):
        cells = " ".join(f"{r[name + '_recall']:>11} {r[name + '_p50_ms']:>7} {r[name + '_p95_ms']:>7}" for r in rows)
        print(f"{name:>8} {costs[name + '_build_s']:>8} {costs[name + '_mb']:>6} {cells}")
    print("full rule recall: " + ", ".join(f"{r['strength']}: {r['rule_recall']}" for r in rows))
    OUT.mkdir(exist_ok=True)
    (OUT / "candidates.json").write_text(json.dumps({"costs": costs, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
