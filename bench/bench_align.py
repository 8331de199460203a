"""Alignment accuracy: PAN-13 verbatim, generated spun copies, MRPC similarity AUC.

PAN-13 is scored on reuse blocks (:func:`unspin.align.blocks.reuse_blocks`),
one detection per contiguous copy, as PAN counts them: once through the
Python API, and once from the ``blocks`` that ``unspin compare --pairs
--format jsonl`` writes, as a user of the CLI gets them (next to the
passages of the same output, the fragmented view the contract gave before).

    .venv/bin/python bench/bench_align.py [--pan-limit N] [--spun N] [--retrieval N] [--stitched N]
                                          [--pan-only | --retrieval-only]

``--retrieval`` traces spun copies among all 2,125 distinct BBC articles
(top-1 per strength); ``--stitched`` traces pages stitched from two or three
BBC articles (:func:`unspin.evaluation.planted.stitched_bbc_copies`) and
scores per-source recall, attribution precision and whether every true
source is in the top 3.

Prints a table per measurement and writes bench/results/align.json.
Baselines in the same run: word 5-gram MinHash (datasketch, 128 permutations,
threshold 0.7) for spun copies, and brute-force MinHash top-1 / top-3 among
all BBC articles for retrieval; token Jaccard for MRPC.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

    from unspin.store import Store
    from unspin.trace import Tracer

from unspin.align.blocks import ALL_KINDS, LEXICAL, MAX_GAP, MIN_CHARS, reuse_blocks
from unspin.align.similarity import default_model, pair_features
from unspin.api import article_from_text, compare, load_article
from unspin.evaluation.datasets import bbc_articles, data_root, mrpc_pairs
from unspin.evaluation.logistic import auc
from unspin.evaluation.pan import pan_pairs
from unspin.evaluation.scoring import pan_scores, provenance_scores
from unspin.evaluation.planted import StitchedCase, stitched_bbc_copies
from unspin.evaluation.spinner import spin
from unspin.records import ReuseKind, SourceMatch
from unspin.segment import tokenize

STRENGTHS = (0.05, 0.1, 0.2, 0.35)
RETRIEVAL_STRENGTHS = (*STRENGTHS, 0.5)
STITCHED_STRENGTHS = (0.1, 0.35, 0.5)
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


def minhash_signature(text: str) -> "MinHash":
    """Word 5-gram MinHash (datasketch, 128 permutations), the baseline's signature."""
    from datasketch import MinHash

    words = [t for *_, t in tokenize(text)]
    m = MinHash(num_perm=128, seed=1)
    m.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(len(words) - 4, 1))])
    return m


def minhash_found(a: str, b: str) -> bool:
    return bool(minhash_signature(a).jaccard(minhash_signature(b)) >= 0.7)


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


class MinHashIndex:
    """Brute-force MinHash retrieval (datasketch, word 5-grams, 128 permutations): the anchor for trace top-1.

    Every stored article is ranked by estimated Jaccard, so it is the most
    generous MinHash can be (an LSH index only finds a subset of these).
    """

    def __init__(self, texts: list[str]) -> None:
        self.signatures = np.array([minhash_signature(t).hashvalues for t in texts])

    def ranked(self, text: str, k: int) -> list[int]:
        """Indexes of the ``k`` texts with the highest estimated Jaccard, best first."""
        shared = (self.signatures == minhash_signature(text).hashvalues).mean(axis=1)
        return [int(i) for i in np.argsort(-shared, kind="stable")[:k]]


def _bbc_store(tmp: Path, items: list[tuple[str, str]]) -> tuple["Store", float]:
    """A store of every distinct BBC article (exact duplicates dropped) and the seconds ``add`` took."""
    from unspin.add import ingest
    from unspin.store import Store

    corpus = tmp / "bbc.jsonl"
    with open(corpus, "w", encoding="utf-8") as handle:
        for name, text in items:
            handle.write(json.dumps({"id": name, "text": text}) + "\n")
    store = Store(tmp / "bbc.db")
    started = time.perf_counter()
    ingest([str(corpus)], store, batch_size=256)
    return store, time.perf_counter() - started


def _name(match: SourceMatch) -> str:
    return match.source.source.rsplit("#", 1)[-1]


def near_duplicate_names(items: list[tuple[str, str]], threshold: float = 0.8) -> dict[str, str]:
    """Each BBC name mapped to the first name of its near-duplicate group (word 5-gram Jaccard >= ``threshold``).

    The distinct BBC articles still hold about 55 pairs that differ by a
    headline or a word; a copy that keeps none of the difference is as much
    a copy of one as of the other. Candidates come from datasketch
    ``MinHashLSH``; the exact Jaccard of the 5-gram sets decides.
    """
    from datasketch import MinHashLSH

    grams = [_five_grams(text) for _, text in items]
    lsh = MinHashLSH(threshold=threshold * 0.8, num_perm=128)
    signatures = [minhash_signature(text) for _, text in items]
    for i, signature in enumerate(signatures):
        lsh.insert(i, signature)
    canonical = list(range(len(items)))
    for i, signature in enumerate(signatures):
        for j in sorted(lsh.query(signature)):
            if j < i and len(grams[i] & grams[j]) >= threshold * len(grams[i] | grams[j]):
                canonical[i] = canonical[j]
                break
    return {name: items[canonical[i]][0] for i, (name, _) in enumerate(items)}


def _five_grams(text: str) -> set[str]:
    words = [t for *_, t in tokenize(text)]
    return {" ".join(words[i : i + 5]) for i in range(max(len(words) - 4, 1))}


@dataclass(frozen=True, slots=True)
class TracedStitch:
    """One stitched copy as traced: the listed sources, best first, and the sources each copy sentence went to."""

    case: StitchedCase
    listed: list[str]
    given: list[set[str]]
    minhash_top3: list[str]


def run_retrieval(n: int, stitched: int, seed: int = 13) -> dict[str, list[dict[str, float]]]:
    """Trace top-1 per strength on spun copies, and source attribution on stitched copies, among all BBC articles.

    Two counts: strict (the very article the copy was made from), and one
    where a near-duplicate of it (:func:`near_duplicate_names`) counts as
    right. The BBC set's 100 exact-duplicate pairs are already one article
    each in the store (``bbc_articles`` drops the second copy).
    """
    from unspin.trace import Tracer

    items = list(bbc_articles())
    names = [name for name, _ in items]
    twin = near_duplicate_names(items)
    rng = random.Random(seed)
    chosen = rng.sample(range(len(items)), n) if n else []
    minhash = MinHashIndex([t for _, t in items])
    rows: dict[str, list[dict[str, float]]] = {"spun": [], "stitched": []}
    with tempfile.TemporaryDirectory() as tmp:
        store, ingest_s = _bbc_store(Path(tmp), items)
        with store:
            tracer = Tracer(store)
            tracer.trace(article_from_text(items[0][1], "warm-up"), explain=False)
            for strength in RETRIEVAL_STRENGTHS if n else ():
                found, latencies = [], []
                for k, index in enumerate(chosen):
                    name, text = items[index]
                    copy = spin(text, strength, random.Random(seed * 1000 + k), donor=items[(index + 7) % len(items)][1])
                    t0 = time.perf_counter()
                    result = tracer.trace(article_from_text(copy.text, "copy"), explain=False)
                    latencies.append(time.perf_counter() - t0)
                    found.append((name, _name(result.sources[0]) if result.sources else "",
                                  names[minhash.ranked(copy.text, 1)[0]]))
                rows["spun"].append({
                    "strength": strength, "copies": n, "distractors": len(items),
                    "top1": sum(t == f for t, f, _ in found) / n,
                    "top1_twin_ok": sum(twin[t] == twin.get(f) for t, f, _ in found) / n,
                    "minhash_top1": sum(t == m for t, _, m in found) / n,
                    "minhash_top1_twin_ok": sum(twin[t] == twin[m] for t, _, m in found) / n,
                    "trace_p50_ms": 1000 * float(np.median(latencies)), "ingest_s": ingest_s,
                })
            for strength in STITCHED_STRENGTHS if stitched else ():
                traced, latencies = [], []
                for case in stitched_bbc_copies(stitched, strength, seed=seed):
                    t0 = time.perf_counter()
                    result = tracer.trace(article_from_text(case.copy.text, "copy"), explain=False)
                    latencies.append(time.perf_counter() - t0)
                    traced.append(TracedStitch(case, [_name(m) for m in result.sources], _given(case, result.sources),
                                               [names[i] for i in minhash.ranked(case.copy.text, 3)]))
                rows["stitched"].append({
                    "strength": strength, "copies": stitched, "sources": sum(len(t.case.sources) for t in traced),
                    **score_stitched(traced, lambda name: name),
                    **{f"{k}_twin_ok": v for k, v in score_stitched(traced, lambda name: twin.get(name, name)).items()},
                    "trace_p50_ms": 1000 * float(np.median(latencies)),
                })
    return rows


def _given(case: StitchedCase, sources: tuple[SourceMatch, ...]) -> list[set[str]]:
    """For each copy sentence, the listed sources one of whose aligned units covers most of it."""
    given: list[set[str]] = [set() for _ in case.copy.sentences]
    for match in sources:
        units = [a for p in match.passages for a, _ in p.units]
        for k, (s, e) in enumerate(case.copy.sentences):
            if any(min(e, a[1]) - max(s, a[0]) >= 0.5 * (e - s) for a in units):
                given[k].add(_name(match))
    return given


def score_stitched(traced: list[TracedStitch], same: Callable[[str], str]) -> dict[str, float]:
    """Per-source recall, attribution precision and top-3 retrieval of stitched copies, with the MinHash anchor.

    Per-source recall is the share of a true source's contributed sentences
    attributed to it (pooled over sources); precision is the share of
    attributed sentences given to the source they came from (a sentence
    given to two sources is wrong, and counted apart). Names are compared
    through ``same`` (identity, or a near-duplicate's group).
    """
    recalled = contributed = correct = attributed = twice = all_top3 = top1 = minhash_top3 = 0
    for t in traced:
        truths = {same(name) for name in t.case.sources}
        listed = [same(name) for name in t.listed]
        for origin, given in zip(t.case.copy.origins, t.given):
            truth = same(t.case.sources[origin.source])
            to = {same(name) for name in given}
            contributed += 1
            recalled += truth in to
            attributed += bool(given)
            correct += to == {truth} and len(given) == 1
            twice += len(given) > 1
        all_top3 += truths <= set(listed[:3])
        top1 += bool(listed) and listed[0] in truths
        minhash_top3 += truths <= {same(name) for name in t.minhash_top3}
    n = max(len(traced), 1)
    return {"per_source_recall": recalled / max(contributed, 1), "attribution_precision": correct / max(attributed, 1),
            "sentences_given_twice": twice, "all_sources_top3": all_top3 / n, "top1_is_a_source": top1 / n,
            "minhash_all_sources_top3": minhash_top3 / n}


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
    parser.add_argument("--stitched", type=int, default=0,
                        help="stitched copies per strength to trace among all BBC articles")
    parser.add_argument("--retrieval-only", action="store_true", help="only retrieval and stitched copies")
    args = parser.parse_args()
    results: dict[str, object] = {}
    if not (args.pan_only or args.retrieval_only):
        results["mrpc_auc"] = mrpc = run_mrpc()
        print("MRPC paraphrase AUC (fitted on the same split: in-sample)")
        for name, value in mrpc.items():
            print(f"  {name:<18} {value:.3f}")
        results["spun"] = spun = run_spun(args.spun)
        print("\nSpun BBC copies: sentence-level passage recall / precision")
        print(f"  {'strength':>8} {'recall':>7} {'precision':>9} {'5-gram MinHash@0.7':>19} {'s/pair':>7}")
        for row in spun:
            print(f"  {row['strength']:>8} {row['recall']:>7.3f} {row['precision']:>9.3f} {row['minhash_0.7_found']:>19.3f} {row['seconds_per_pair']:>7.3f}")
    if not args.retrieval_only:
        run_pan_both(args.pan_limit, results)
    if args.retrieval or args.stitched:
        found = run_retrieval(args.retrieval, args.stitched)
        if args.retrieval:
            results["retrieval"] = found["spun"]
            print("\nSource retrieval among all BBC articles: top-1 (strict / a near-duplicate twin counts);"
                  " anchor: brute-force 5-gram MinHash top-1")
            for row in found["spun"]:
                print(f"  strength {row['strength']:<5} top1 {row['top1']:.3f} / {row['top1_twin_ok']:.3f}"
                      f"  MinHash {row['minhash_top1']:.3f} / {row['minhash_top1_twin_ok']:.3f}"
                      f"  trace p50 {row['trace_p50_ms']:.0f} ms  (ingest {row['ingest_s']:.0f} s)")
        if args.stitched:
            results["stitched"] = found["stitched"]
            print("\nStitched copies (2-3 BBC sources of one category, 20-60% each) among all BBC articles;"
                  " each cell strict / twin counts")
            print(f"  {'strength':>8} {'copies':>6} {'per-source R':>13} {'attrib P':>13} {'given twice':>11}"
                  f" {'all in top3':>13} {'top1 a source':>13} {'MinHash top3':>13} {'p50 ms':>6}")
            for row in found["stitched"]:
                cells = [f"{row[k]:.3f}/{row[k + '_twin_ok']:.3f}" for k in (
                    "per_source_recall", "attribution_precision")]
                tops = [f"{row[k]:.3f}/{row[k + '_twin_ok']:.3f}" for k in (
                    "all_sources_top3", "top1_is_a_source", "minhash_all_sources_top3")]
                print(f"  {row['strength']:>8} {row['copies']:>6} {cells[0]:>13} {cells[1]:>13}"
                      f" {row['sentences_given_twice']:>11} {tops[0]:>13} {tops[1]:>13} {tops[2]:>13}"
                      f" {row['trace_p50_ms']:>6.0f}")
    OUT.mkdir(exist_ok=True)
    path = OUT / "align.json"
    kept = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps({**kept, **results}, indent=2) + "\n")  # parts not run keep their last result


def run_pan_both(limit: int | None, results: dict[str, object]) -> None:
    """PAN-13 through the Python API and through the CLI, printed, into ``results``."""
    results["pan13"] = pan = run_pan(limit)
    print("\nPAN-13 02-no-obfuscation (tolerance 50 chars), lexical reuse blocks")
    print("  " + "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in pan.items()
                           if not isinstance(v, (dict, list))))
    print("  all kinds: " + "  ".join(f"{k} {v:.3f}" for k, v in cast(dict[str, float], pan["all_kinds"]).items()))
    for fold in cast(list[dict[str, float]], pan["cross_validated"]):
        print(f"  2-fold CV: best on one half {fold}")
    results["pan13_cli"] = cli = run_pan_cli(limit)
    print(f"\nPAN-13 through the CLI (compare --pairs --format jsonl, {cli['pairs']} pairs, {cli['seconds']:.0f} s)")
    for name in ("copied_text_blocks", "all_blocks", "passages"):
        print(f"  {name:<19}" + "  ".join(f"{k} {v:.3f}" for k, v in cli[name].items()))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
