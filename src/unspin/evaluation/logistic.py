"""Plain L2-regularised logistic regression by Newton's method: the only learner unspin fits.

Few features and a few thousand labelled pairs need nothing more, and the
fitted numbers stay small enough to commit and read.
"""

from __future__ import annotations

import numpy as np


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 50) -> np.ndarray:
    """``[bias, w_1, ..., w_k]`` minimising log-loss plus ``l2/2 * |w|^2`` (the bias unpenalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        grad = design.T @ (p - y) + penalty @ w
        hess = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hess, grad)
    return w


def best_threshold(p: np.ndarray, y: np.ndarray, flagged_anyway: np.ndarray | None = None) -> float:
    """The probability cut that maximises F1 of the positive class on ``(p, y)``, counting rows
    ``flagged_anyway`` as flagged whatever their probability."""
    cuts = np.round(np.linspace(0.05, 0.95, 91), 2)
    anyway = np.zeros(len(p), dtype=bool) if flagged_anyway is None else flagged_anyway
    return float(max(cuts, key=lambda t: f1(y == 1, (p >= t) | anyway)))


def f1(truth: np.ndarray, flagged: np.ndarray) -> float:
    tp = int((flagged & truth).sum())
    return 2 * tp / max(2 * tp + int((flagged & ~truth).sum()) + int((~flagged & truth).sum()), 1)


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve by the rank-sum formula, ties averaged."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positive = labels == 1
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def fold_of(n: int, folds: int = 10, seed: int = 0) -> np.ndarray:
    """Each pair's fold; the cross-encoder's out-of-fold logits use the same folds."""
    return np.random.default_rng(seed).permutation(n) % folds
