"""Pair-level ``meaning_changed`` on MRPC: non-paraphrase is the positive class.

Each MRPC pair is explained as one aligned passage, its similarity computed
as the aligner computes a unit's, so the features are those ``compare``
gives the meaning model. The shipped model was fitted on these same pairs;
``cross_validated`` refits it on nine tenths and scores the held-out tenth,
which is the number to quote. The cross-encoder logit it stacks is each
pair's out-of-fold one (``scripts/fit_cross_encoder.py``, same folds), so no
quoted score sees a logit fitted on its own pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np

from unspin.align.aligner import label
from unspin.align.similarity import default_model as similarity_model, pair_features
from unspin.evaluation.datasets import SentencePair
from unspin.evaluation.etpc import pair_texts
from unspin.evaluation.logistic import auc, best_threshold, f1, fit_logistic, fold_of
from unspin.explain.changes import unit_changes
from unspin.explain.cross_encoder import default_encoder
from unspin.explain.meaning import MeaningModel, default_model, passage_features
from unspin.records import Passage

L2 = 1.0
"""Ridge on standardised features: enough to keep 14 weights steady across folds."""


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    f1: float
    auc: float
    pairs: int
    f1_score_alone: float
    """F1 of ``change_score`` at its own F1-best cut, changes of fact not forcing the flag: the
    ranking's agreement with MRPC, apart from the product's rule that a changed fact is a change."""


OUT_OF_FOLD = "mrpc_cross_encoder_oof.npy"


def out_of_fold_logits(pairs: list[SentencePair]) -> np.ndarray:
    """The committed cross-encoder logit of each pair from the fold that did not see it."""
    with resources.files("unspin.evaluation").joinpath(OUT_OF_FOLD).open("rb") as handle:
        logits = np.load(handle).astype(float)
    return logits[[p.pair_id - 1 for p in pairs]]


def shipped_logits(pairs: list[SentencePair]) -> np.ndarray:
    """The shipped cross-encoder's logits: fitted on every MRPC pair, so in-sample here."""
    return default_encoder().logits(pair_texts(pairs)).astype(float)


def features(pairs: list[SentencePair], logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(features, labels)``: one row of meaning-model features per pair, label 1 = not a paraphrase."""
    texts = pair_texts(pairs)
    scores = similarity_model().score(*pair_features([a for a, _ in texts], [b for _, b in texts]))
    rows = []
    for (a, b), unit_score, logit in zip(texts, scores, logits):
        kind, similarity = label(a, b, float(unit_score))
        passage = Passage((0, len(a)), (0, len(b)), kind, similarity, tuple(unit_changes(a, (0, len(a)), b, (0, len(b)))))
        rows.append(passage_features(a, b, passage, float(logit)))
    return np.stack(rows), np.array([1 - p.label for p in pairs], dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> MeaningModel:
    """Standardise, fit, and pick the F1-best threshold, all on ``(x, y)`` alone."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w = fit_logistic((x - mean) / scale, y, l2=L2)
    never = MeaningModel(float(w[0]), w[1:], mean, scale, threshold=2.0)  # flags changes of fact only
    return MeaningModel(never.bias, never.weights, mean, scale, best_threshold(never.probability(x), y, never.changed(x)))


def score(y: np.ndarray, p: np.ndarray, flagged: np.ndarray, by_score: np.ndarray) -> PairScores:
    truth = y == 1
    tp = int((flagged & truth).sum())
    return PairScores(round(tp / max(int(flagged.sum()), 1), 4), round(tp / max(int(truth.sum()), 1), 4),
                      round(f1(truth, flagged), 4), round(auc(y, p), 4), len(y), round(f1(truth, by_score), 4))


def score_pairs(x: np.ndarray, y: np.ndarray) -> PairScores:
    """The shipped model on MRPC (in-sample: it was fitted on these pairs, and so was the cross-encoder
    whose logits ``x`` should carry, ``shipped_logits``)."""
    model = default_model()
    p = model.probability(x)
    return score(y, p, model.changed(x), p >= best_threshold(p, y))


def cross_validated(x: np.ndarray, y: np.ndarray, folds: int = 10, seed: int = 0) -> PairScores:
    """Each pair scored by a model fitted without it."""
    fold = fold_of(len(y), folds, seed)
    p = np.zeros(len(y))
    flagged = np.zeros(len(y), dtype=bool)
    by_score = np.zeros(len(y), dtype=bool)
    for k in range(folds):
        inside, held = fold != k, fold == k
        model = fit(x[inside], y[inside])
        p[held] = model.probability(x[held])
        flagged[held] = model.changed(x[held])
        by_score[held] = p[held] >= best_threshold(model.probability(x[inside]), y[inside])
    return score(y, p, flagged, by_score)
