"""Alignment accuracy: PAN-13 verbatim, generated spun copies, MRPC similarity AUC.

PAN-13 is scored on reuse blocks (:func:`unspin.align.blocks.reuse_blocks`),
one detection per contiguous copy, as PAN counts them: once through the
Python API, and once from the ``blocks`` that ``unspin compare --pairs
--format jsonl`` writes, as a user of the CLI gets them (next to the
passages of the same output, the fragmented view the contract gave before).

    .venv/bin/python bench/bench_align.py [--pan-limit N] [--spun N] [--retrieval N] [--pan-only]

Prints a table per measurement and writes bench/results/align.json.
Baselines in the same run: word 5-gram MinHash (datasketch, 128 permutations,
threshold 0.7) for spun copies; token Jaccard for MRPC.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from unspin.align.blocks import ALL_KINDS, LEXICAL, MAX_GAP, MIN_CHARS, reuse_blocks
from unspin.align.similarity import default_model, pair_features
from unspin.api import article_from_text, compare, load_article
from unspin.evaluation.datasets import bbc_articles, data_root, mrpc_pairs
from unspin.evaluation.logistic import auc
from unspin.evaluation.pan import pan_pairs
from unspin.evaluation.scoring import pan_scores, provenance_scores
from unspin.evaluation.spinner import spin
from unspin.records import ReuseKind
from unspin.segment import tokenize

STRENGTHS = (0.05, 0.1, 0.2, 0.35)
OUT = Path(__file__).resolve().parent / "results"


GAPS = (80, 150, 250, 400)
FLOORS = (0, 50, 100, 150, 200)


def run_pan(limit: int | None) -> dict[str, object]:
    """PAN-13 on lexical reuse blocks with the shipped settings, on all kinds, and cross-validated.

    The block settings (``MAX_GAP``, ``MIN_CHARS``) are checked by two-fold
    cross-validation: pick the best pair from the grid on one half of the
    document pairs, score it on the other half.
    """
    pairs = pan_pairs(data_root())[:limit]
    started = time.perf_counter()
    comparisons = [compare(load_article(str(susp)), load_article(str(src)), explain=False) for susp, src, _ in pairs]
    seconds = time.perf_counter() - started
    cases = [c for *_, c in pairs]

    def plagdet(chosen: range | list[int], gap: int = MAX_GAP, floor: int = MIN_CHARS,
                kinds: frozenset[ReuseKind] = LEXICAL) -> dict[str, float]:
        detections = [reuse_blocks(comparisons[i].a, comparisons[i].b, comparisons[i].passages, kinds, gap, floor)
                      for i in chosen]
        return pan_scores([cases[i] for i in chosen], detections)

    everything = range(len(pairs))
    result: dict[str, object] = {**plagdet(everything), "pairs": len(pairs), "cases": sum(map(len, cases)),
                                 "seconds": seconds, "all_kinds": plagdet(everything, kinds=ALL_KINDS)}
    halves = [list(everything)[0::2], list(everything)[1::2]]
    folds = []
    for fit, held_out in (halves, halves[::-1]):
        best = max(((g, f) for g in GAPS for f in FLOORS), key=lambda gf: plagdet(fit, *gf)["plagdet"])
        folds.append({"max_gap": best[0], "min_chars": best[1], "held_out_plagdet": plagdet(held_out, *best)["plagdet"]})
    result["cross_validated"] = folds
    return result


def run_pan_cli(limit: int | None) -> dict[str, object]:
    """PAN-13 through the CLI contract: ``compare --pairs --format jsonl --no-explain`` on the suspicious/source pairs.

    Detections are the output's blocks of copied text (kind ``verbatim`` or
    ``edited``: PAN's 02-no-obfuscation cases are copied text), all its
    blocks, and its passages one by one.
    """
    pairs = pan_pairs(data_root())[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "pan.jsonl"
        listing.write_text("".join(
            json.dumps({"id": str(n), "a": {"path": str(susp)}, "b": {"path": str(src)}}) + "\n"
            for n, (susp, src, _) in enumerate(pairs)
        ), encoding="utf-8")
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "unspin", "compare", "--pairs", str(listing), "--format", "jsonl",
                              "--no-explain"], capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
    lines = {line["id"]: line for line in map(json.loads, run.stdout.splitlines())}
    outputs = [lines.get(str(n), {"blocks": [], "passages": []}) for n in range(len(pairs))]
    cases = [c for *_, c in pairs]

    def spans(items: list[dict[str, list[int]]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        return [((x["a"][0], x["a"][1]), (x["b"][0], x["b"][1])) for x in items]

    return {
        "pairs": len(pairs), "seconds": seconds,
        "copied_text_blocks": pan_scores(cases, [spans([b for b in o["blocks"] if b["kind"] != "paraphrase"]) for o in outputs]),
        "all_blocks": pan_scores(cases, [spans(o["blocks"]) for o in outputs]),
        "passages": pan_scores(cases, [spans(o["passages"]) for o in outputs]),
    }


def minhash_found(a: str, b: str) -> bool:
    from datasketch import MinHash

    def sig(text: str) -> MinHash:
        words = [t for *_, t in tokenize(text)]
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(len(words) - 4, 1))])
        return m

    return sig(a).jaccard(sig(b)) >= 0.7


def run_spun(n: int, seed: int = 13) -> list[dict[str, float]]:
    rng = random.Random(seed)
    articles = [t for _, t in bbc_articles()]
    chosen = rng.sample(range(len(articles)), n)
    rows = []
    for strength in STRENGTHS:
        totals = np.zeros(4)
        minhash_hits = 0
        started = time.perf_counter()
        for k, index in enumerate(chosen):
            source_text = articles[index]
            copy = spin(source_text, strength, random.Random(seed * 1000 + k), donor=articles[(index + 7) % len(articles)])
            source = article_from_text(source_text, "source")
            result = compare(article_from_text(copy.text, "copy"), source, explain=False)
            totals += provenance_scores(copy.sentences, copy.provenance, list(source.sentences), result.passages)
            minhash_hits += minhash_found(copy.text, source_text)
        recalled, reusable, correct, aligned = totals
        rows.append({
            "strength": strength, "copies": n, "recall": recalled / reusable, "precision": correct / max(aligned, 1),
            "minhash_0.7_found": minhash_hits / n, "seconds_per_pair": (time.perf_counter() - started) / n,
        })
    return rows


def run_retrieval(n: int, seed: int = 13) -> list[dict[str, float]]:
    import tempfile

    from unspin.add import ingest
    from unspin.store import Store
    from unspin.trace import Tracer

    items = list(bbc_articles())
    rng = random.Random(seed)
    chosen = rng.sample(range(len(items)), n)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bbc.jsonl"
        with open(corpus, "w", encoding="utf-8") as handle:
            for name, text in items:
                handle.write(json.dumps({"id": name, "text": text}) + "\n")
        with Store(Path(tmp) / "bbc.db") as store:
            started = time.perf_counter()
            ingest([str(corpus)], store, batch_size=256)
            ingest_s = time.perf_counter() - started
            tracer = Tracer(store)
            for strength in STRENGTHS:
                top1, latencies = 0, []
                for k, index in enumerate(chosen):
                    name, text = items[index]
                    copy = spin(text, strength, random.Random(seed * 1000 + k), donor=items[(index + 7) % len(items)][1])
                    t0 = time.perf_counter()
                    result = tracer.trace(article_from_text(copy.text, "copy"), explain=False)
                    latencies.append(time.perf_counter() - t0)
                    top1 += bool(result.sources) and result.sources[0].source.source.endswith(f"#{name}")
                rows.append({"strength": strength, "copies": n, "distractors": len(items), "top1": top1 / n,
                             "trace_p50_ms": 1000 * float(np.median(latencies)), "ingest_s": ingest_s})
    return rows


def run_mrpc() -> dict[str, float]:
    pairs = mrpc_pairs()
    labels = np.array([p.label for p in pairs])
    dice, cosine = pair_features([p.a for p in pairs], [p.b for p in pairs])
    jaccard = np.array([
        len(set(x) & set(y)) / max(len(set(x) | set(y)), 1)
        for x, y in (([t for *_, t in tokenize(p.a)], [t for *_, t in tokenize(p.b)]) for p in pairs)
    ])
    combined = default_model().score(dice, cosine)
    return {"token_jaccard": auc(labels, jaccard), "content_dice": auc(labels, dice),
            "wordllama_cosine": auc(labels, cosine), "unspin_combined": auc(labels, combined)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pan-limit", type=int, default=None)
    parser.add_argument("--spun", type=int, default=100)
    parser.add_argument("--pan-only", action="store_true", help="only the two PAN-13 measurements")
    parser.add_argument("--retrieval", type=int, default=0, help="copies per strength to trace among all BBC articles")
    args = parser.parse_args()
    results: dict[str, object] = {}
    if not args.pan_only:
        results["mrpc_auc"] = mrpc = run_mrpc()
        print("MRPC paraphrase AUC (fitted on the same split: in-sample)")
        for name, value in mrpc.items():
            print(f"  {name:<18} {value:.3f}")
        results["spun"] = spun = run_spun(args.spun)
        print("\nSpun BBC copies: sentence-level passage recall / precision")
        print(f"  {'strength':>8} {'recall':>7} {'precision':>9} {'5-gram MinHash@0.7':>19} {'s/pair':>7}")
        for row in spun:
            print(f"  {row['strength']:>8} {row['recall']:>7.3f} {row['precision']:>9.3f} {row['minhash_0.7_found']:>19.3f} {row['seconds_per_pair']:>7.3f}")
    results["pan13"] = pan = run_pan(args.pan_limit)
    print("\nPAN-13 02-no-obfuscation (tolerance 50 chars), lexical reuse blocks")
    print("  " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in pan.items()
                           if not isinstance(v, (dict, list))))
    print("  all kinds: " + "  ".join(f"{k} {v:.3f}" for k, v in pan["all_kinds"].items()))  # type: ignore[union-attr]
    for fold in pan["cross_validated"]:  # type: ignore[union-attr]
        print(f"  2-fold CV: best on one half {fold}")
    results["pan13_cli"] = cli = run_pan_cli(args.pan_limit)
    print(f"\nPAN-13 through the CLI (compare --pairs --format jsonl, {cli['pairs']} pairs, {cli['seconds']:.0f} s)")
    for name in ("copied_text_blocks", "all_blocks", "passages"):
        print(f"  {name:<19}" + "  ".join(f"{k} {v:.3f}" for k, v in cli[name].items()))  # type: ignore[attr-defined]
    if args.retrieval:
        results["retrieval"] = retrieval = run_retrieval(args.retrieval)
        print("\nSource retrieval among all BBC articles (top-1)")
        for row in retrieval:
            print(f"  strength {row['strength']:<5} top1 {row['top1']:.3f}  trace p50 {row['trace_p50_ms']:.0f} ms  (ingest {row['ingest_s']:.0f} s)")
    OUT.mkdir(exist_ok=True)
    path = OUT / "align.json"
    kept = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**kept, **results}, indent=2) + "\n")  # parts not run keep their last result


if __name__ == "__main__":
    main()
