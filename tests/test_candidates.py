"""The vectorised candidate functions agree with the plain pair-by-pair definitions."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.corpus.candidates import (
    bucket_bits, exact_dots, quantise, sentence_matches, shared_key_counts, truncate_keys, vector_sentence_counts,
)
from unspin.corpus.config import ReuseConfig

postings = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 7)), max_size=60)


@settings(max_examples=60, deadline=None)
@given(postings, st.integers(2, 5))
def test_shared_key_counts_match_pair_by_pair_counting(pairs: list[tuple[int, int]], cap: int) -> None:
    by_key: dict[int, set[int]] = {}
    for key, article in pairs:
        by_key.setdefault(key, set()).add(article)
    expected: Counter[tuple[int, int]] = Counter()
    for members in by_key.values():
        if 2 <= len(members) <= cap:
            expected.update(combinations(sorted(members), 2))
    keys = np.array([k for k, _ in pairs], dtype=np.int64)
    ids = np.array([a for _, a in pairs], dtype=np.int64)
    codes, counts = shared_key_counts(keys, ids, 8, cap)
    assert {(c // 8, c % 8): n for c, n in zip(codes.tolist(), counts.tolist())} == dict(expected)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.integers(0, 2)), max_size=40, unique=True),
       st.integers(0, 2**32 - 1))
def test_sentence_matches_match_brute_force(members: list[tuple[int, int, int]], seed: int) -> None:
    """Every two sentences of different articles sharing a key, kept when their quantised cosine is high."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((3, 256))
    vectors = {}
    for _, article, sentence in members:
        v = base[(article + sentence) % 3] + 0.3 * rng.standard_normal(256)
        vectors.setdefault((article, sentence), (v / np.linalg.norm(v)).astype(np.float16))
    index = {k: i for i, k in enumerate(vectors)}
    table = quantise(np.stack(list(vectors.values()))) if vectors else np.zeros((0, 256), np.int8)
    expected = set()
    for (ka, a, sa), (kb, b, sb) in combinations(members, 2):
        if ka == kb and a != b:
            (a, sa), (b, sb) = sorted([(a, sa), (b, sb)])
            if exact_dots(table[[index[(a, sa)]]], table[[index[(b, sb)]]])[0] >= 0.8:
                expected.add((a, sa, b, sb))
    keys, ids, sentences = (np.array([m[i] for m in members], dtype=np.int64) for i in range(3))
    rows = np.array([index[(a, s)] for _, a, s in members], dtype=np.int64)
    found = sentence_matches(keys, ids, sentences, rows, table, 0.8, max_sentences=100)
    assert {tuple(r) for r in found.tolist()} == expected


def test_vector_sentence_counts_take_the_smaller_side() -> None:
    matches = np.array([[1, 0, 2, 5], [1, 1, 2, 5], [1, 2, 2, 6], [3, 0, 4, 0]], dtype=np.int64)
    a, b, counts = vector_sentence_counts(matches)
    assert list(zip(a.tolist(), b.tolist(), counts.tolist())) == [(1, 2, 2), (3, 4, 1)]


def test_quantised_cosine_is_close_to_the_float_one() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((200, 256)).astype(np.float32)
    y = x + 0.5 * rng.standard_normal((200, 256)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    assert np.abs(exact_dots(quantise(x), quantise(y)) - (x * y).sum(axis=1)).max() < 0.01


def test_key_bits_grow_with_the_corpus_within_bounds() -> None:
    config = ReuseConfig()
    assert bucket_bits(1_000, config) == config.vector_bits
    assert bucket_bits(3_000_000, config) == 22
    assert bucket_bits(10**9, config) == config.max_vector_bits
    key = (5 << 32) | 0b1011_0110
    assert truncate_keys(np.array([key]), 4).tolist() == [(5 << 32) | 0b0110]
