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
