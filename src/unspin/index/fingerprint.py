"""Compiled lexical fingerprints: word hashes, shingles, MinHash, LSH bands, winnowing.

Per-token Python (split, hash, shingle) caps datasketch and rensa near 4,000
articles/s, and NumPy passes over every byte and word still stop near 8,000
(each pass writes a full array). Here one Numba kernel walks each article's
UTF-8 bytes once: it hashes words as it meets them, rolls them into word
shingles, feeds the shingles straight into a one-permutation MinHash (Li,
Owen & Zhang 2012) with rotation densification (Shrivastava & Li 2014), and
winnows the passage shingles, so nothing bigger than one article is ever
materialised. All arithmetic is modulo 2**64 in uint64, so results do not
depend on the process (unlike Python's ``hash``); the kernel (``kernels.py``)
is compiled once and cached on disk.

One article (a ``trace``) takes the NumPy path below instead: the same
arithmetic, a few array passes over one text, without importing Numba, which
costs a cold command about 0.4 s and 130 MB before the kernel runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
_EMPTY = _U64(np.iinfo(np.uint64).max)
_BASE = _U64(0x100000001B3)
_GOLDEN = _U64(0x9E3779B9)

# Each byte as it counts inside a word (ASCII upper case folded to lower case), or 0
# for a byte that separates words: words are maximal runs of ASCII letters, digits
# or non-ASCII bytes, so ``Putin's`` gives ``putin`` and ``s``.
_WORD_VALUE = np.zeros(256, dtype=np.uint8)
for _lo, _hi in ((48, 57), (97, 122), (128, 255)):
    _WORD_VALUE[_lo : _hi + 1] = np.arange(_lo, _hi + 1)
_WORD_VALUE[65:91] = np.arange(97, 123)


@dataclass(frozen=True, slots=True)
class FingerprintConfig:
    """Shingle sizes and sketch shape, published with the store's schema."""

    doc_shingle: int = 5
    num_bins: int = 128
    bands: int = 32
    passage_shingle: int = 3
    winnow_window: int = 6

    def __post_init__(self) -> None:
        if self.num_bins % self.bands:
            raise ValueError("num_bins must be a multiple of bands")
        if self.num_bins & (self.num_bins - 1):
            raise ValueError("num_bins must be a power of two")
        if min(self.doc_shingle, self.passage_shingle, self.winnow_window, self.bands) < 1:
            raise ValueError("shingle sizes, window and bands must be positive")

    @property
    def rows(self) -> int:
        return self.num_bins // self.bands


@dataclass(frozen=True, slots=True)
class Sketches:
    """What the lexical index keeps for a batch of texts."""

    signatures: np.ndarray
    """uint64 ``(n, num_bins)``: MinHash of word ``doc_shingle``-grams; all-ones for a text with no word."""
    bands: np.ndarray
    """int64 ``(n, bands)``: LSH band keys, signed so SQLite stores them as plain INTEGERs."""
    fingerprints: list[np.ndarray]
    """int64 per text: winnowed word ``passage_shingle``-grams, consecutive repeats removed."""


def sketch(texts: Sequence[str], config: FingerprintConfig, compiled: bool = True) -> Sketches:
    """MinHash signatures, band keys and winnowed fingerprints for ``texts``.

    Text is lower-cased before hashing: ASCII inside the kernel, anything
    else by ``str.lower`` (which is Unicode-aware and only paid for texts
    that need it). ``compiled=False`` computes the same values with NumPy,
    for one article where loading the compiled kernel would cost more than
    the work; so does an install without Numba (the ``fast`` extra), where
    hashing costs ~0.13 ms an article instead of ~0.02, under 2% of ``add``.
    """
    if not texts:
        return Sketches(np.zeros((0, config.num_bins), np.uint64), np.zeros((0, config.bands), np.int64), [])
    try:
        if not compiled:
            raise ImportError("the NumPy path was asked for")
        from unspin.index.kernels import _sketch
    except ImportError:  # Numba is the `fast` extra: without it, the same values at ~1/7 the speed
        return _sketch_numpy([_encoded(t) for t in texts], config)

    joined = "".join(texts)
    if joined.isascii():
        raw = joined.encode("ascii")
        sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    else:
        encoded = [_encoded(t) for t in texts]
        raw = b"".join(encoded)
        sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(texts))
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    sigs, keys, fps, bounds = _sketch(np.frombuffer(raw, dtype=np.uint8), offsets, config.doc_shingle,
                                      config.passage_shingle, config.num_bins, config.bands, config.winnow_window)
    return Sketches(sigs, keys.view(np.int64), np.split(fps.view(np.int64), bounds[1:-1]))


def _encoded(text: str) -> bytes:
    return text.encode("ascii") if text.isascii() else text.lower().encode("utf-8")


def _mix_all(x: np.ndarray) -> np.ndarray:
    """The kernels' splitmix64 finaliser over an array (uint64 arithmetic wraps, as there)."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def _word_hashes_numpy(data: bytes) -> np.ndarray:
    values = _WORD_VALUE[np.frombuffer(data, dtype=np.uint8)]
    inside = np.concatenate(([0], (values != 0).astype(np.int8), [0]))
    edges = np.diff(inside)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    lengths = ends - starts
    firsts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    position = np.arange(lengths.sum()) - np.repeat(firsts, lengths)
    powers = np.cumprod(np.concatenate(([_U64(1)], np.full(int(lengths.max()) - 1, _BASE, dtype=np.uint64))))
    terms = values[values != 0].astype(np.uint64) * powers[position]
    return _mix_all(np.add.reduceat(terms, firsts) + lengths.astype(np.uint64))


def _shingles_numpy(words: np.ndarray, k: int) -> np.ndarray:
    m = len(words)
    if m == 0:
        return np.zeros(0, dtype=np.uint64)
    count, width = max(m - k + 1, 1), min(k, m)
    acc = np.zeros(count, dtype=np.uint64)
    for j in range(width):
        acc = acc * _BASE + words[j : j + count]
    return _mix_all(acc)


def _minhash_numpy(shingles: np.ndarray, num_bins: int) -> np.ndarray:
    scratch = np.full(num_bins, _EMPTY, dtype=np.uint64)
    np.minimum.at(scratch, (shingles >> _U64(64 - int(np.log2(num_bins)))).astype(np.int64), shingles & _MASK32)
    signature = scratch.copy()
    if len(shingles):
        filled = np.flatnonzero(scratch != _EMPTY)
        for b in np.flatnonzero(scratch == _EMPTY):
            source = filled[np.searchsorted(filled, b) % len(filled)]
            distance = _U64((source - b) % num_bins)
            signature[b] = (scratch[source] + distance * _GOLDEN) & _MASK32
    return signature


def _bands_numpy(signature: np.ndarray, bands: int) -> np.ndarray:
    rows = signature.reshape(bands, -1)
    acc = np.arange(bands, dtype=np.uint64)
    for r in range(rows.shape[1]):
        acc = acc * _BASE + rows[:, r]
    return _mix_all(acc)


def _winnow_numpy(shingles: np.ndarray, window: int) -> np.ndarray:
    if len(shingles) <= window:
        lows = shingles.min(keepdims=True) if len(shingles) else shingles
    else:
        lows = np.lib.stride_tricks.sliding_window_view(shingles, window).min(axis=1)
    keep = np.ones(len(lows), dtype=bool)
    keep[1:] = lows[1:] != lows[:-1]
    return lows[keep]


def _sketch_numpy(encoded: list[bytes], config: FingerprintConfig) -> Sketches:
    signatures = np.empty((len(encoded), config.num_bins), dtype=np.uint64)
    keys = np.empty((len(encoded), config.bands), dtype=np.uint64)
    fingerprints = []
    for t, data in enumerate(encoded):
        words = _word_hashes_numpy(data)
        signatures[t] = _minhash_numpy(_shingles_numpy(words, config.doc_shingle), config.num_bins)
        keys[t] = _bands_numpy(signatures[t], config.bands)
        fingerprints.append(_winnow_numpy(_shingles_numpy(words, config.passage_shingle), config.winnow_window).view(np.int64))
    return Sketches(signatures, keys.view(np.int64), fingerprints)


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Share of MinHash bins on which two signatures agree."""
    return float(np.mean(a == b))
