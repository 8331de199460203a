"""The vectorised lexical fingerprints against plain-Python definitions."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.index.features import lexical_rows
from unspin.index.fingerprint import FingerprintConfig, jaccard_estimate, word_hashes

MASK = 2**64 - 1
BASE = 0x100000001B3
WORD = re.compile(rb"[0-9a-z\x80-\xff]+")
text = st.lists(st.sampled_from(list("abcXYZ019 .,'’\n-éÉİß中") + ["Straße", "U.S. "]), max_size=30).map("".join)


def mix(x: int) -> int:
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & MASK
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def reference_words(t: str) -> list[int]:
    """Each word's hash, word by word: the polynomial of its lower-cased UTF-8 bytes plus its length."""
    return [mix((sum(c * pow(BASE, j, 2**64) for j, c in enumerate(w)) + len(w)) & MASK)
            for w in WORD.findall(t.lower().encode("utf-8"))]


@given(st.lists(text, max_size=6))
def test_word_hashes_match_the_word_by_word_definition(texts: list[str]) -> None:
    hashes, bounds = word_hashes(texts)
    assert len(bounds) == len(texts) + 1
    for i, t in enumerate(texts):
        assert hashes[bounds[i] : bounds[i + 1]].tolist() == reference_words(t)


@settings(max_examples=50)
@given(st.lists(text, min_size=1, max_size=6))
def test_a_batch_gives_each_text_what_it_gets_alone(texts: list[str]) -> None:
    config = FingerprintConfig()
    signatures, bands, fingerprints = lexical_rows(texts, config)
    for i, t in enumerate(texts):
        alone = lexical_rows([t], config)
        assert (signatures[i] == alone[0][0]).all()
        assert (bands[i] == alone[1][0]).all()
        assert fingerprints[i].tolist() == alone[2][0].tolist()


@settings(max_examples=50)
@given(st.data())
def test_a_long_enough_shared_run_always_shares_a_fingerprint(data: st.DataObject) -> None:
    config = FingerprintConfig()
    vocabulary = [f"w{i}" for i in range(500)]
    words = st.lists(st.sampled_from(vocabulary), max_size=40)
    run_length = config.winnow_window + config.passage_shingle - 1
    shared = data.draw(st.lists(st.sampled_from(vocabulary), min_size=run_length, max_size=run_length + 5))
    a = " ".join(data.draw(words) + shared + data.draw(words))
    b = " ".join(data.draw(words) + shared + data.draw(words))
    _, _, (fa, fb) = lexical_rows([a, b], config)
    assert set(fa.tolist()) & set(fb.tolist())


def test_minhash_agreement_estimates_shingle_jaccard() -> None:
    rng = np.random.default_rng(3)
    config = FingerprintConfig()
    for overlap in (0.2, 0.5, 0.8):
        common = [f"c{i}" for i in rng.integers(0, 10**6, 400)]
        only_a = [f"a{i}" for i in rng.integers(0, 10**6, int(400 * (1 - overlap)))]
        only_b = [f"b{i}" for i in rng.integers(0, 10**6, int(400 * (1 - overlap)))]
        a, b = " ".join(common + only_a), " ".join(only_b + common)
        signatures, _, _ = lexical_rows([a, b], config)
        k = config.doc_shingle
        grams = [{tuple(t.split()[i : i + k]) for i in range(len(t.split()) - k + 1)} for t in (a, b)]
        truth = len(grams[0] & grams[1]) / len(grams[0] | grams[1])
        assert abs(jaccard_estimate(signatures[0], signatures[1]) - truth) < 0.12
