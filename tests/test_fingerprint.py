"""The compiled lexical fingerprints against plain-Python definitions."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.index.fingerprint import FingerprintConfig, jaccard_estimate, sketch

from conftest import SEEDS

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


@pytest.fixture(scope="module", autouse=True)
def compiled_kernel() -> None:
    """Compile (or load from Numba's disk cache) the kernel before any timed example runs.

    Hypothesis gives each example a 200 ms deadline; the first call of
    ``sketch`` in a process compiles the kernel, which takes longer, so
    run alone this module failed on whichever test came first.
    """
    sketch(["warm the kernel"], FingerprintConfig())


def reference_words(t: str) -> list[int]:
    """Each word's hash, word by word: the polynomial of its lower-cased UTF-8 bytes plus its length."""
    return [mix((sum(c * pow(BASE, j, 2**64) for j, c in enumerate(w)) + len(w)) & MASK)
            for w in WORD.findall(t.lower().encode("utf-8"))]


def reference_shingles(words: list[int], k: int) -> list[int]:
    """Word k-gram hashes; a text with fewer than k words makes one shingle of them all."""
    def fold(ws: list[int]) -> int:
        acc = 0
        for w in ws:
            acc = (acc * BASE + w) & MASK
        return mix(acc)
    if not words:
        return []
    if len(words) < k:
        return [fold(words)]
    return [fold(words[i : i + k]) for i in range(len(words) - k + 1)]


def reference_minhash(shingles: list[int], num_bins: int) -> list[int]:
    """One-permutation MinHash: bin by top bits, keep the least low 32 bits, fill empty bins from the right."""
    bins: list[int | None] = [None] * num_bins
    for s in shingles:
        b, v = s >> (64 - num_bins.bit_length() + 1), s & 0xFFFFFFFF
        bins[b] = v if bins[b] is None else min(bins[b], v)
    if not shingles:
        return [MASK] * num_bins
    out = []
    for b in range(num_bins):
        d = next(d for d in range(num_bins) if bins[(b + d) % num_bins] is not None)
        out.append(bins[(b + d) % num_bins] if d == 0 else (bins[(b + d) % num_bins] + d * 0x9E3779B9) & 0xFFFFFFFF)
    return out


def reference_bands(signature: list[int], bands: int) -> list[int]:
    rows = len(signature) // bands
    keys = []
    for band in range(bands):
        acc = band
        for v in signature[band * rows : (band + 1) * rows]:
            acc = (acc * BASE + v) & MASK
        keys.append(mix(acc))
    return [k - 2**64 if k >= 2**63 else k for k in keys]


def reference_winnow(shingles: list[int], window: int) -> list[int]:
    mins = [min(shingles[j : j + window]) for j in range(max(len(shingles) - window + 1, 1))] if shingles else []
    kept = [m for i, m in enumerate(mins) if i == 0 or m != mins[i - 1]]
    return [k - 2**64 if k >= 2**63 else k for k in kept]


@pytest.mark.parametrize("compiled", [True, False], ids=["numba", "numpy"])
@settings(max_examples=50)
@given(st.lists(text, max_size=6))
def test_sketch_matches_the_word_by_word_definition(compiled: bool, texts: list[str]) -> None:
    config = FingerprintConfig()
    got = sketch(texts, config, compiled=compiled)
    assert len(got.signatures) == len(got.bands) == len(got.fingerprints) == len(texts)
    for i, t in enumerate(texts):
        words = reference_words(t)
        signature = reference_minhash(reference_shingles(words, config.doc_shingle), config.num_bins)
        assert got.signatures[i].tolist() == signature
        assert got.bands[i].tolist() == reference_bands(signature, config.bands)
        passage = reference_shingles(words, config.passage_shingle)
        assert got.fingerprints[i].tolist() == reference_winnow(passage, config.winnow_window)


@settings(max_examples=50)
@given(st.lists(text, min_size=1, max_size=6))
def test_a_batch_gives_each_text_what_it_gets_alone(texts: list[str]) -> None:
    config = FingerprintConfig()
    batch = sketch(texts, config)
    for i, t in enumerate(texts):
        alone = sketch([t], config)
        assert (batch.signatures[i] == alone.signatures[0]).all()
        assert (batch.bands[i] == alone.bands[0]).all()
        assert batch.fingerprints[i].tolist() == alone.fingerprints[0].tolist()


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
    fa, fb = sketch([a, b], config).fingerprints
    assert set(fa.tolist()) & set(fb.tolist())


def test_minhash_agreement_estimates_shingle_jaccard() -> None:
    rng = np.random.default_rng(3)
    config = FingerprintConfig()
    for overlap in (0.2, 0.5, 0.8):
        common = [f"c{i}" for i in rng.integers(0, 10**6, 400)]
        only_a = [f"a{i}" for i in rng.integers(0, 10**6, int(400 * (1 - overlap)))]
        only_b = [f"b{i}" for i in rng.integers(0, 10**6, int(400 * (1 - overlap)))]
        a, b = " ".join(common + only_a), " ".join(only_b + common)
        signatures = sketch([a, b], config).signatures
        k = config.doc_shingle
        grams = [{tuple(t.split()[i : i + k]) for i in range(len(t.split()) - k + 1)} for t in (a, b)]
        truth = len(grams[0] & grams[1]) / len(grams[0] | grams[1])
        assert abs(jaccard_estimate(signatures[0], signatures[1]) - truth) < 0.12


def test_a_sketch_shape_that_would_leave_bins_unused_is_refused() -> None:
    with pytest.raises(ValueError, match="power of two"):
        FingerprintConfig(num_bins=96, bands=32)
    with pytest.raises(ValueError, match="multiple of bands"):
        FingerprintConfig(num_bins=128, bands=48)


def test_the_numpy_path_gives_the_kernels_values_on_real_articles() -> None:
    """A trace sketches with NumPy what the store was sketched with by the kernel: they must agree exactly."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + ["Straße İstanbul 中文 U.S. 1990s"]
    config = FingerprintConfig()
    compiled, numpy = sketch(texts, config), sketch(texts, config, compiled=False)
    assert (compiled.signatures == numpy.signatures).all() and (compiled.bands == numpy.bands).all()
    assert [f.tolist() for f in compiled.fingerprints] == [f.tolist() for f in numpy.fingerprints]


def test_without_numba_the_sketch_falls_back_to_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Numba is the ``fast`` extra: a core install hashes with NumPy and gets the same values."""
    import sys

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + ["Straße İstanbul 中文 U.S. 1990s"]
    config = FingerprintConfig()
    compiled = sketch(texts, config)
    monkeypatch.setitem(sys.modules, "unspin.index.kernels", None)  # an import of it now raises ImportError
    fallback = sketch(texts, config)
    assert np.array_equal(compiled.signatures, fallback.signatures) and np.array_equal(compiled.bands, fallback.bands)
    assert all(np.array_equal(x, y) for x, y in zip(compiled.fingerprints, fallback.fingerprints, strict=True))
