"""Whether an aligned pair changed the meaning: a fitted score over each passage.

Typed changes say *what* changed; whether a pair as a whole says something
else also depends on how much of each side the other leaves unsaid, and on
what no surface feature sees. Each passage that is not verbatim gets
features (dissimilarity, the share and number of content words one side
has and the other lacks, how many changes of each type were found, and the
cross-encoder's logit, ``explain/cross_encoder.py``) and a logistic model,
fitted on MRPC by ``scripts/fit_meaning.py``, turns them into
``p(meaning changed)``. A verbatim passage has the same words in the same
order, so it is not scored. A pair scores its most changed passage.

It is ``meaning_changed`` when a passage clears the fitted threshold or
carries a change of fact (entity, number, date, negation, quote, hedge).
That costs agreement with MRPC, on purpose: its annotators call pairs that
differ in little more than a figure, name, date or negation paraphrases
(77% of the 282 such pairs with dissimilarity ≤ 0.3; two outlets reporting
one event hours apart), so the fitted weights on such changes are small; but
a reader of a copy that moved a date wants it flagged whatever the score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import get_args

import numpy as np

from unspin.align.similarity import content_terms
from unspin.explain.changes import explain_passages
from unspin.explain.cross_encoder import CrossEncoder, base_model_dir, default_encoder
from unspin.records import Article, ChangeType, Passage
from unspin.segment import tokenize

TYPES: tuple[str, ...] = get_args(ChangeType)
FACT_TYPES: tuple[str, ...] = ("entity", "number", "date", "negation", "quote", "hedge", "inversion")
FEATURES: tuple[str, ...] = (
    "dissimilarity", "unsaid_share_a", "unsaid_share_b", "length_gap", "unsaid_words_a", "unsaid_words_b",
    *(f"{t}_changes" for t in TYPES), "cross_encoder_logit",
)


def passage_features(a_text: str, b_text: str, passage: Passage, logit: float) -> np.ndarray:
    """The model's inputs for one passage; counts enter as ``log1p`` so that the tenth change adds little."""
    wa = [w for *_, w in tokenize(a_text, *passage.a)]
    wb = [w for *_, w in tokenize(b_text, *passage.b)]
    ta, tb = content_terms(wa), content_terms(wb)
    only_a, only_b = len(ta - tb), len(tb - ta)
    counts = [sum(c.type == t for c in passage.changes) for t in TYPES]
    return np.array([
        1.0 - passage.similarity, only_a / max(len(ta), 1), only_b / max(len(tb), 1),
        abs(len(wa) - len(wb)) / max(len(wa), len(wb), 1), np.log1p(only_a), np.log1p(only_b), *np.log1p(counts),
        logit,
    ])


@dataclass(frozen=True, slots=True)
class MeaningModel:
    bias: float
    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    threshold: float

    def log_odds(self, features: np.ndarray) -> np.ndarray:
        return self.bias + ((features - self.mean) / self.scale) @ self.weights

    def probability(self, features: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.log_odds(features)))

    def changed(self, features: np.ndarray) -> np.ndarray:
        """Per row of features: over the threshold, or any change of fact."""
        facts = [FEATURES.index(f"{t}_changes") for t in FACT_TYPES]
        return (self.probability(features) >= self.threshold) | (features[:, facts] > 0).any(axis=1)


@lru_cache(maxsize=1)
def default_model() -> MeaningModel:
    """The fitted model shipped with the package."""
    data = json.loads(resources.files("unspin.explain").joinpath("meaning_weights.json").read_text())
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("meaning_weights.json was fitted on other features: run scripts/fit_meaning.py")
    return MeaningModel(float(data["bias"]), np.array(data["weights"]), np.array(data["mean"]),
                        np.array(data["scale"]), float(data["threshold"]))


def passage_logits(a_text: str, b_text: str, passages: tuple[Passage, ...]) -> np.ndarray:
    """The cross-encoder's logit for each passage that is not verbatim, in order. It reads only the
    two sides' text, not the typed changes, so it can run before them."""
    scored = [p for p in passages if p.kind != "verbatim"]
    if not scored:
        return np.zeros(0, dtype=np.float32)
    return default_encoder().logits([(a_text[p.a[0] : p.a[1]], b_text[p.b[0] : p.b[1]]) for p in scored])


def summarise(a_text: str, b_text: str, passages: tuple[Passage, ...], logits: np.ndarray | None = None) -> tuple[bool, float]:
    """``(meaning_changed, score)`` for a pair: the score, ``p(meaning changed)`` of its most changed passage, ranks pairs.

    ``logits`` are ``passage_logits`` of these passages, when already
    computed; otherwise the cross-encoder reads only the passages whose logit
    can still decide the result (``deciding_logits``), with the same result."""
    scored = [p for p in passages if p.kind != "verbatim"]
    if not scored:
        return False, 0.0
    model = default_model()
    features = np.stack([passage_features(a_text, b_text, p, 0.0) for p in scored])
    pairs = [(a_text[p.a[0] : p.a[1]], b_text[p.b[0] : p.b[1]]) for p in scored]
    features[:, -1] = deciding_logits(model, features, pairs, default_encoder()) if logits is None else logits
    return bool(model.changed(features).any()), round(float(model.probability(features).max()), 4)


def deciding_logits(model: MeaningModel, features: np.ndarray, pairs: list[tuple[str, str]], encoder: CrossEncoder) -> np.ndarray:
    """The cross-encoder's logit for each passage (``features``' rows, their texts ``pairs``) that can
    decide the pair's result; the bound's least likely end for the others.

    Why: the cross-encoder was two thirds of explain's time. A pair's score is
    the most changed passage's probability, and it is ``meaning_changed`` when
    that one clears the threshold or any passage has a change of fact. The
    logit is one term of a passage's log-odds, and the head cannot give one
    outside ``[-encoder.logit_bound, encoder.logit_bound]``; so passages are
    read most promising first, and once no unread passage could outscore the
    best read one even with the highest logit, the rest are left unread. A
    passage left unread scores below the best read one with its true logit
    and with the bound's low end alike, so the maximum, and whether any
    passage clears the threshold, come out as if every passage had been read.
    """
    bound = encoder.logit_bound
    high, low = (bound, -bound) if model.weights[-1] >= 0 else (-bound, bound)
    ceiling = model.log_odds(_with_logits(features, high))
    logits = np.full(len(pairs), low)
    tokens = encoder.encode(pairs)
    best = -np.inf
    for k in np.argsort(-ceiling, kind="stable"):
        if ceiling[k] < best:
            break
        logits[k] = encoder.logits_of(tokens, np.array([k]))[0]
        best = max(best, float(model.log_odds(_with_logits(features[k : k + 1], logits[k]))[0]))
    return logits


def _with_logits(features: np.ndarray, logits: float | np.ndarray) -> np.ndarray:
    out = features.copy()
    out[:, -1] = logits
    return out


def explain_pair(a: Article, b: Article, passages: tuple[Passage, ...], explain: bool = True) -> tuple[tuple[Passage, ...], bool, float]:
    """``(passages with changes, meaning_changed, change_score)``: what compare, trace and the corpus
    runners all report. With ``explain`` off the passages come back as they are, unflagged."""
    if not explain:
        return passages, False, 0.0
    base_model_dir()  # missing weights fail here, naming the install line, before spaCy's work
    read: list[np.ndarray] = []
    # Every passage is read only while a cold command would otherwise wait for its entity worker
    # (spaCy still loading): then it costs no time, and the names are ready sooner after it. Read
    # always, it cost the seeds' cold compare 0.17 s of its own CPU, against 0.03 s for the deciding ones.
    explained = explain_passages(a, b, passages, while_tagging=lambda: read.append(passage_logits(a.text, b.text, passages)))
    return (explained, *summarise(a.text, b.text, explained, read[0] if read else None))
