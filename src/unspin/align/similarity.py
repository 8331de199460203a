"""Sentence similarity: lexical overlap and static-vector cosine, combined.

Spinning swaps words for synonyms, so neither signal is enough alone: word
overlap misses paraphrase, and vector cosine scores every pair of sentences
about the same story fairly high. The combination is a logistic model whose
three weights are fitted on MRPC by ``scripts/fit_similarity.py`` and kept
in ``similarity_weights.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from unspin.index.vectors import embed_sentences
from unspin.segment import tokenize

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into about over after before
    under between through during without within is are was were be been being am do does did
    has have had having it its this that these those there here he she they we you i me him
    her them us his their our your my which who whom whose what when where why how than then
    so too very just also only not no nor s t can could will would shall should may might must
    said says say""".split()
)
_SUFFIXES = ("ingly", "edly", "ies", "ing", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to match inflections, no more."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_terms(tokens: list[str]) -> set[str]:
    """Stemmed content words of a token list (stopwords and 1-letter words dropped)."""
    return {stem(t) for t in tokens if t not in STOPWORDS and (len(t) > 1 or t.isdigit())}


@dataclass(frozen=True, slots=True)
class SimilarityModel:
    """``p(same content) = sigmoid(bias + w_lex * dice + w_sem * cosine)``."""

    bias: float
    w_lex: float
    w_sem: float

    def score(self, dice: np.ndarray, cosine: np.ndarray) -> np.ndarray:
        z = self.bias + self.w_lex * dice + self.w_sem * cosine
        return 1.0 / (1.0 + np.exp(-z))


def pair_features(a: list[str], b: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(dice, cosine)`` of each sentence pair ``(a[i], b[i])``: the fitted model's two inputs."""
    terms = [(content_terms([w for *_, w in tokenize(x)]), content_terms([w for *_, w in tokenize(y)])) for x, y in zip(a, b)]
    dice = np.array([dice_matrix([ta], [tb])[0, 0] for ta, tb in terms])
    return dice, np.sum(embed_sentences(a) * embed_sentences(b), axis=1)


@lru_cache(maxsize=1)
def default_model() -> SimilarityModel:
    """The fitted weights shipped with the package."""
    data = json.loads(resources.files("unspin.align").joinpath("similarity_weights.json").read_text())
    return SimilarityModel(float(data["bias"]), float(data["w_lex"]), float(data["w_sem"]))


def dice_matrix(a_terms: list[set[str]], b_terms: list[set[str]]) -> np.ndarray:
    """Dice coefficient of every pair of term sets, as an ``(len(a), len(b))`` matrix.

    Empty sets score 0 against everything.
    """
    vocab: dict[str, int] = {}
    for terms in (*a_terms, *b_terms):
        for t in terms:
            vocab.setdefault(t, len(vocab))
    ma = _incidence(a_terms, vocab)
    mb = _incidence(b_terms, vocab)
    shared = ma @ mb.T
    sizes = ma.sum(axis=1)[:, None] + mb.sum(axis=1)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        dice = np.where(sizes > 0, 2.0 * shared / sizes, 0.0)
    return dice.astype(np.float32)


def _incidence(term_sets: list[set[str]], vocab: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(term_sets), max(len(vocab), 1)), dtype=np.float32)
    for row, terms in enumerate(term_sets):
        matrix[row, [vocab[t] for t in terms]] = 1.0
    return matrix


_NON_WORD = re.compile(r"\W+")


def word_sequence(text: str) -> list[str]:
    """Lower-cased words, punctuation dropped: what 'same words' compares."""
    return [w for w in _NON_WORD.split(text.lower()) if w]
