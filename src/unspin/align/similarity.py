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

    Empty sets score 0 against everything. The overlap counts are summed
    term by term over the terms found on both sides: a term in few sentences
    adds its pairs one by one, a term in many (``the`` in every sentence of a
    repetitive page) adds its row-by-column block as one outer product. So
    cost follows the pairs that share a term, and memory the matrix itself,
    not sentences times vocabulary (4 GB for two 4,096-sentence articles of
    unique words, as a dense incidence product needed).
    """
    n_a, n_b = len(a_terms), len(b_terms)
    rows_a, rows_b = _rows_by_term(a_terms), _rows_by_term(b_terms)
    shared = np.zeros((n_a, n_b), dtype=np.float32)
    dense_from = max(1, n_a * n_b // _DENSE_SHARE)
    pairs: list[int] = []
    blocks: list[tuple[list[int], list[int]]] = []
    for term, in_a in rows_a.items():
        in_b = rows_b.get(term)
        if in_b is None:
            continue
        if len(in_a) * len(in_b) >= dense_from:
            blocks.append((in_a, in_b))
        else:
            pairs.extend(i * n_b + j for i in in_a for j in in_b)
    for first in range(0, len(blocks), _BLOCKS_PER_PRODUCT):
        chunk = blocks[first : first + _BLOCKS_PER_PRODUCT]
        ma = np.zeros((n_a, len(chunk)), dtype=np.float32)
        mb = np.zeros((n_b, len(chunk)), dtype=np.float32)
        for column, (in_a, in_b) in enumerate(chunk):
            ma[in_a, column] = 1.0
            mb[in_b, column] = 1.0
        shared += ma @ mb.T
    if pairs:
        shared += np.bincount(np.array(pairs, dtype=np.int64), minlength=n_a * n_b).reshape(n_a, n_b)
    sizes = np.array([len(t) for t in a_terms], dtype=np.float32)[:, None] + np.array(
        [len(t) for t in b_terms], dtype=np.float32
    )[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        dice = np.where(sizes > 0, 2.0 * shared / sizes, 0.0)
    return dice.astype(np.float32)


_DENSE_SHARE = 512
"""A term shared by over 1/512 of all sentence pairs is added as a block, not pair by pair."""
_BLOCKS_PER_PRODUCT = 256
"""Block terms per matrix product (bounds the incidence matrices at 256 columns)."""


def _rows_by_term(term_sets: list[set[str]]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for row, terms in enumerate(term_sets):
        for t in terms:
            rows.setdefault(t, []).append(row)
    return rows


_NON_WORD = re.compile(r"\W+")


def word_sequence(text: str) -> list[str]:
    """Lower-cased words, punctuation dropped: what 'same words' compares."""
    return [w for w in _NON_WORD.split(text.lower()) if w]
