"""Fit the learned change model (``unspin.explain.learned``) and write it to the package.

    python scripts/fit_change_model.py [--articles 800] [--seed 13]

Data: FactCC-style contrast pairs from BBC sentences and the faithful
stretches of MRPC paraphrases with an even pair id (``unspin.evaluation.contrast``;
the odd half of MRPC, and so of ETPC, stays unseen). Split by article (or MRPC
pair): a tenth for test, a tenth for validation, the rest for training. A
one-hidden-layer MLP, trained with Adam in NumPy (seeded, so a rerun gives the
same weights), class weights the inverse square root of each label's share.
The threshold is the least probability of a stretch's best change type at
which at most ``FAITHFUL_FLAGS`` of the validation split's faithful pairs get a
flag. Prints the held-out test accuracy per label, the faithful pairs
flagged and the planted changes found at that threshold. The realistic set
(tests/data/realistic) is never read.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

from unspin.evaluation.contrast import LabelledStretch, contrast_pairs, labelled_stretches, mrpc_stretches
from unspin.evaluation.datasets import mrpc_pairs
from unspin.explain.learned import LABELS, MAX_STRETCH_WORDS, WEIGHTS, ChangeModel, stretch_features
from unspin.segment import tokenize

HIDDEN = 64
EPOCHS = 12
BATCH = 256
RATE = 1e-3
DECAY = 1e-4
FAITHFUL_FLAGS = 0.02
MRPC_GROUPS = 1_000_000
"""Groups from here on are MRPC pairs, below are BBC articles."""
OUT = Path(__file__).resolve().parents[1] / "src" / "unspin" / "explain" / WEIGHTS


def build(articles: int, seed: int) -> list[LabelledStretch]:
    """Every labelled stretch of at most ``MAX_STRETCH_WORDS`` words a side, BBC contrast pairs then MRPC."""
    rows: list[LabelledStretch] = []
    for group, pair in contrast_pairs(articles, seed):
        rows += labelled_stretches(pair, group)
    rows += mrpc_stretches([p for p in mrpc_pairs() if p.pair_id % 2 == 0], group_offset=MRPC_GROUPS)
    return [r for r in rows if max(len(tokenize(r.source, *r.stretch.a)), len(tokenize(r.copy, *r.stretch.b))) <= MAX_STRETCH_WORDS]


def featurise(rows: list[LabelledStretch]) -> np.ndarray:
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        by_pair[(r.source, r.copy)].append(k)
    x = np.zeros((len(rows), stretch_features("a", "b", []).shape[1]), dtype=np.float32)
    for (a, b), index in by_pair.items():
        x[index] = stretch_features(a, b, [rows[k].stretch for k in index])
    return x


def train(x: np.ndarray, y: np.ndarray, seed: int) -> ChangeModel:
    """Adam on weighted cross-entropy, L2 ``DECAY`` on the weights."""
    rng = np.random.default_rng(seed)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    counts = np.bincount(y, minlength=len(LABELS)).astype(np.float64)
    weight = (1.0 / np.sqrt(np.maximum(counts, 1) / len(y)))[y]
    weight /= weight.mean()
    params = [rng.normal(0, np.sqrt(2 / z.shape[1]), (z.shape[1], HIDDEN)), np.zeros(HIDDEN),
              rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, len(LABELS))), np.zeros(len(LABELS))]
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    step = 0
    for _ in range(EPOCHS):
        for batch in np.array_split(rng.permutation(len(y)), max(len(y) // BATCH, 1)):
            step += 1
            xb, yb, wb = z[batch], y[batch], weight[batch]
            h_in = xb @ params[0] + params[1]
            h = np.maximum(h_in, 0)
            logits = h @ params[2] + params[3]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            d = p.copy()
            d[np.arange(len(yb)), yb] -= 1
            d *= (wb / len(yb))[:, None]
            dh = (d @ params[2].T) * (h_in > 0)
            grads = [xb.T @ dh + DECAY * params[0], dh.sum(axis=0), h.T @ d + DECAY * params[2], d.sum(axis=0)]
            for k, g in enumerate(grads):
                moments[k] = 0.9 * moments[k] + 0.1 * g
                squares[k] = 0.999 * squares[k] + 0.001 * g * g
                params[k] -= RATE * (moments[k] / (1 - 0.9**step)) / (np.sqrt(squares[k] / (1 - 0.999**step)) + 1e-8)
    hidden_w, hidden_b, out_w, out_b = (p.astype(np.float32) for p in params)
    fitted = ChangeModel(mean.astype(np.float32), scale.astype(np.float32), hidden_w, hidden_b, out_w, out_b, threshold=1.0)
    return ChangeModel.from_arrays(fitted.to_arrays())  # as shipped (float16 hidden layer), so the numbers are its own


def best_change(model: ChangeModel, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the most likely change type (index into ``LABELS``, never faithful) and its probability."""
    p = model.probabilities(x)
    best = p[:, 1:].argmax(axis=1) + 1
    return best, p[np.arange(len(p)), best]


def pair_flags(rows: list[LabelledStretch], flagged: np.ndarray) -> tuple[float, int]:
    """Share of faithful pairs (every stretch labelled faithful) with a flag, and how many pairs there are."""
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, r in enumerate(rows):
        pairs[(r.source, r.copy)].append(k)
    faithful = [idx for idx in pairs.values() if all(rows[k].label == 0 for k in idx)]
    return sum(bool(flagged[idx].any()) for idx in faithful) / max(len(faithful), 1), len(faithful)


def choose_threshold(model: ChangeModel, rows: list[LabelledStretch], x: np.ndarray) -> float:
    """The least threshold at which at most ``FAITHFUL_FLAGS`` of the faithful pairs are flagged, among the
    generated rewordings and, apart, among MRPC's paraphrases (people's rewording, the harder kind)."""
    _, prob = best_change(model, x)
    human = np.array([r.group >= MRPC_GROUPS for r in rows])
    for threshold in np.arange(0.30, 0.995, 0.005):
        flagged = prob >= threshold
        if all(pair_flags([r for r, keep in zip(rows, part) if keep], flagged[part])[0] <= FAITHFUL_FLAGS
               for part in (human, ~human)):
            return round(float(threshold), 3)
    return 0.995


def report(name: str, model: ChangeModel, rows: list[LabelledStretch], x: np.ndarray, y: np.ndarray) -> None:
    predicted = model.probabilities(x).argmax(axis=1)
    best, prob = best_change(model, x)
    flagged = prob >= model.threshold
    print(f"{name}: {len(y)} stretches, accuracy {np.mean(predicted == y):.3f}")
    print(f"  {'label':<10} {'n':>6} {'accuracy':>9} {'found at threshold':>19}")
    for k, label in enumerate(LABELS):
        mask = y == k
        if mask.any():
            found = np.mean(flagged[mask] & (best[mask] == k)) if k else np.mean(~flagged[mask])
            print(f"  {label:<10} {mask.sum():>6} {np.mean(predicted[mask] == k):>9.3f} {found:>19.3f}")
    human = np.array([r.group >= MRPC_GROUPS for r in rows])
    for name, part in (("generated rewordings", ~human), ("MRPC paraphrases", human)):
        share, n = pair_flags([r for r, keep in zip(rows, part) if keep], flagged[part])
        print(f"  faithful pairs flagged at threshold {model.threshold}, {name}: {share:.3f} of {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = build(args.articles, args.seed)
    x = featurise(rows)
    y = np.array([r.label for r in rows])
    split = np.array([r.group % 10 for r in rows])
    print(f"{len(rows)} stretches in {time.perf_counter() - started:.0f} s:",
          {label: int(n) for label, n in zip(LABELS, np.bincount(y, minlength=len(LABELS)))})
    fit = split >= 2
    model = train(x[fit], y[fit], args.seed)
    val = np.flatnonzero(split == 1)
    model = replace(model, threshold=choose_threshold(model, [rows[k] for k in val], x[val]))
    test = np.flatnonzero(split == 0)
    report("held-out test split", model, [rows[k] for k in test], x[test], y[test])
    np.savez_compressed(OUT, **model.to_arrays())
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
