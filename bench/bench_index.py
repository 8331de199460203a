"""Lexical index throughput: unspin's compiled MinHash-LSH vs datasketch and rensa.

    .venv/bin/python bench/bench_index.py [--articles 20000]

The same job for each library: word 5-gram shingles, 128-value MinHash,
32 bands of 4 rows, every article inserted into an in-memory LSH (unspin
also winnows 3-gram passage fingerprints and finds every article's
neighbours, as ``unspin reuse`` does). Also times
sentence vectors/s and full ``add`` into a store. Writes bench/results/index.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from unspin.corpus.candidates import shared_key_counts
from unspin.index.candidates import CandidateRule
from unspin.evaluation.datasets import bbc_articles
from unspin.index.fingerprint import FingerprintConfig, sketch
from unspin.index.vectors import embed_sentences
from unspin.segment import split_sentences, tokenize

OUT = Path(__file__).resolve().parent / "results"


def corpus(n: int, seed: int = 7) -> list[str]:
    """News-length articles made by shuffling BBC sentences (~600 words each)."""
    rng = random.Random(seed)
    sentences = [t[s:e] for _, t in bbc_articles() for s, e in split_sentences(t)]
    return [" ".join(rng.choice(sentences) for _ in range(30)) for _ in range(n)]


def unspin_lsh(texts: list[str]) -> float:
    """Band keys (and passage fingerprints) per batch, then every article's LSH neighbours at once.

    This is what ``unspin reuse`` does with band keys; it answers more than
    the insert-only jobs below, which never query.
    """
    config = FingerprintConfig()
    started = time.perf_counter()
    bands = np.concatenate([sketch(texts[offset : offset + 1000], config).bands
                            for offset in range(0, len(texts), 1000)])
    ids = np.repeat(np.arange(len(texts)), config.bands)
    shared_key_counts(bands.ravel(), ids, len(texts), CandidateRule().max_band_articles)
    return time.perf_counter() - started


def shingles(text: str) -> list[bytes]:
    words = [t for *_, t in tokenize(text)]
    return [" ".join(words[i : i + 5]).encode() for i in range(max(len(words) - 4, 1))]


def datasketch_lsh(texts: list[str]) -> float:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=128, params=(32, 4))
    started = time.perf_counter()
    for offset in range(0, len(texts), 1000):
        batch = texts[offset : offset + 1000]
        for i, m in enumerate(MinHash.bulk([shingles(t) for t in batch], num_perm=128)):
            lsh.insert(offset + i, m)
    return time.perf_counter() - started


def rensa_lsh(texts: list[str]) -> float:
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=0.5, num_perm=128, num_bands=32)
    started = time.perf_counter()
    for i, text in enumerate(texts):
        m = RMinHash(num_perm=128, seed=1)
        m.update([s.decode() for s in shingles(text)])
        lsh.insert(i, m)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20000)
    args = parser.parse_args()
    texts = corpus(args.articles)
    words = sum(len(t.split()) for t in texts) / len(texts)
    rows = {}
    for name, job in (("unspin", unspin_lsh), ("rensa", rensa_lsh), ("datasketch", datasketch_lsh)):
        seconds = job(texts)
        rows[name] = {"seconds": seconds, "articles_per_s": len(texts) / seconds}
    sample = [s for t in texts[:300] for s in (t[a:b] for a, b in split_sentences(t))]
    started = time.perf_counter()
    embed_sentences(sample)
    vectors_per_s = len(sample) / (time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as tmp:
        from unspin.add import ingest
        from unspin.store import Store

        feed = Path(tmp) / "feed.jsonl"
        n_add = min(len(texts), 5000)
        feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:n_add]))
        with Store(Path(tmp) / "s.db") as store:
            started = time.perf_counter()
            ingest([str(feed)], store, batch_size=256)
            add_per_s = n_add / (time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {words:.0f} words each on average\n")
    print(f"{'MinHash-LSH job':<12} {'articles/s':>11} {'vs unspin':>10}")
    for name, row in rows.items():
        print(f"{name:<12} {row['articles_per_s']:>11,.0f} {rows['unspin']['articles_per_s'] / row['articles_per_s']:>9.1f}x")
    print(f"\nsentence vectors/s (wordllama): {vectors_per_s:,.0f}")
    print(f"full `add` (extract+segment+fingerprint+vectors+SQLite), {n_add} articles: {add_per_s:,.0f} articles/s")
    print(f"peak RSS: {peak_mb:,.0f} MB")
    OUT.mkdir(exist_ok=True)
    (OUT / "index.json").write_text(json.dumps({"articles": len(texts), "mean_words": words, "lsh": rows,
        "vectors_per_s": vectors_per_s, "add_articles_per_s": add_per_s, "peak_rss_mb": peak_mb}, indent=2) + "\n")


if __name__ == "__main__":
    main()
