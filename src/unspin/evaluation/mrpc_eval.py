"""Pair-level ``meaning_changed`` on MRPC: non-paraphrase is the positive class."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from unspin.datasets import SentencePair
from unspin.evaluation.etpc import detokenise
from unspin.explain.changes import summarise, unit_changes
from unspin.records import Passage


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    auc: float
    pairs: int


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


def score_pairs(pairs: list[SentencePair]) -> PairScores:
    labels, flags, scores = [], [], []
    for pair in pairs:
        a, b = detokenise(pair.a).text, detokenise(pair.b).text
        changes = tuple(unit_changes(a, (0, len(a)), b, (0, len(b))))
        changed, score = summarise((Passage((0, len(a)), (0, len(b)), "edited", 0.0, changes),))
        labels.append(1 - pair.label)
        flags.append(changed)
        scores.append(score)
    y, f = np.array(labels), np.array(flags)
    tp, fp, fn = int((f & (y == 1)).sum()), int((f & (y == 0)).sum()), int((~f & (y == 1)).sum())
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return PairScores(round(precision, 4), round(recall, 4), round(f1, 4), round(auc(y, np.array(scores)), 4), len(pairs))
