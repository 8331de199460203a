"""One candidate engine: the vectorised corpus search agrees with plain pair-by-pair definitions,
and trace's decision against the store equals the corpus runners' for every pair."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.add import ingest
from unspin.align.aligner import sentence_vectors
from unspin.corpus.candidates import find_candidates, sentence_matches, shared_key_counts, vector_sentence_counts
from unspin.corpus.config import ReuseConfig
from unspin.corpus.features import Processed, article_id, process_item
from unspin.corpus.tables import SCHEMAS
from unspin.evaluation.datasets import data_root
from unspin.evaluation.planted import write_planted_corpus
from unspin.index.candidates import CandidateRule, bucket_bits, exact_dots, key_range, quantise, truncate_keys
from unspin.read.readers import read_unit
from unspin.store import Store
from unspin.trace import TraceConfig, Tracer

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


def test_one_close_sentence_is_enough_only_for_a_short_article() -> None:
    rule = CandidateRule()
    assert rule.passes(0, 0, 1, 9) and rule.passes(0, 0, 1, 10)  # a stitched page's share of a short story
    assert not rule.passes(0, 0, 1, 11) and not rule.passes(0, 0, 0, 1)
    assert rule.passes(0, 0, 2, 500)
    counts, shorter = np.array([1, 1, 2, 0]), np.array([8, 30, 30, 3])
    assert rule.passes(np.zeros(4), np.zeros(4), counts, shorter).tolist() == [True, False, True, False]


def test_quantised_cosine_is_close_to_the_float_one() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((200, 256)).astype(np.float32)
    y = x + 0.5 * rng.standard_normal((200, 256)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    assert np.abs(exact_dots(quantise(x), quantise(y)) - (x * y).sum(axis=1)).max() < 0.01


def test_key_bits_grow_with_the_corpus_within_bounds() -> None:
    rule = CandidateRule()
    assert bucket_bits(1_000, rule) == rule.vector_bits
    assert bucket_bits(3_000_000, rule) == 22
    assert bucket_bits(10**9, rule) == rule.max_vector_bits


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 11), st.integers(0, 2**24 - 1), st.integers(1, 24))
def test_a_truncated_key_is_the_range_of_full_keys_with_its_first_hyperplanes(band: int, code: int, bits: int) -> None:
    """The store keeps full keys and answers any corpus size with one range per truncated key."""
    rule = CandidateRule(vector_bits=1)
    key = np.array([(band << 32) | code], dtype=np.int64)
    short = truncate_keys(key, bits, rule)
    assert (short >> 32).tolist() == [band] and (short & 0xFFFFFFFF).tolist() == [code >> (24 - bits)]
    low, high = key_range(short, bits, rule)
    assert low[0] <= key[0] <= high[0] and high[0] - low[0] == (1 << (24 - bits)) - 1
    assert truncate_keys(np.array([low[0], high[0]]), bits, rule).tolist() == [short[0]] * 2


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not data_root().exists():
        pytest.skip("../shared/data is not present")
    path = tmp_path_factory.mktemp("planted") / "feed.jsonl"
    write_planted_corpus(path, originals=120, copy_share=0.2, spun_share=0.3, strength=0.5)
    return path


TIGHT = CandidateRule(min_vector_similarity=0.7, max_fingerprint_articles=3, max_band_articles=2,
                      max_bucket_sentences=2, min_fingerprints=60)
"""Small caps (common keys and crowded buckets count for nothing) and a fingerprint threshold that leaves
spun copies to the vector evidence: where the fronts could part."""


@pytest.mark.parametrize("rule", [CandidateRule(), TIGHT], ids=["default", "tight"])
def test_trace_and_the_corpus_runners_decide_every_pair_alike(planted: Path, tmp_path: Path, rule: CandidateRule) -> None:
    """Every pair of a generated corpus: the same candidates, with the same evidence, from trace's
    query against the store as from the corpus search (which both ``reuse`` and ``spark reuse`` run)."""
    config = ReuseConfig(rule=rule)
    processed = [p for p in (process_item(i, config) for i in read_unit(str(planted))) if isinstance(p, Processed)]
    features = pa.Table.from_pylist([p.features for p in processed], schema=SCHEMAS["features"])
    corpus = {(r["a_id"], r["b_id"]): (r["bands"], r["fingerprints"], r["vector_sentences"])
              for r in find_candidates(features, rule)}

    with Store(tmp_path / "store.db") as store:
        ingest([str(planted)], store)
        tracer = Tracer(store, TraceConfig(max_candidates=10**6, rule=rule))
        articles = list(store.iter_articles())
        to_corpus = {a.id: article_id(a.content_hash) for a in articles}
        traced: dict[tuple[int, int], tuple[int, int, int]] = {}
        for article in articles:
            for c in tracer.candidates(article, sentence_vectors(article)):
                a, b = sorted((to_corpus[article.id], to_corpus[c.article_id]))
                evidence = (int(c.evidence["bands"]), int(c.evidence["fingerprints"]), int(c.evidence["vector_sentences"]))
                assert traced.setdefault((a, b), evidence) == evidence  # the same from either side
    assert len(articles) == len(processed)
    assert sum(e[2] >= rule.min_vector_sentences for e in corpus.values()) > 20  # the vector evidence is exercised
    assert traced == corpus

