"""Vectorised lexical fingerprints: word hashes, shingles, MinHash, winnowing.

Per-token Python (split, hash, shingle) caps datasketch and rensa near 4,000
articles/s. Here a whole batch of articles is hashed at once in NumPy: words
are found on the UTF-8 bytes with a lookup table, each word's polynomial hash
comes from one prefix sum, shingles are combinations of shifted arrays, and
MinHash is one-permutation hashing (Li, Owen & Zhang 2012) with rotation
densification (Shrivastava & Li 2014), so hashing costs O(shingles) rather
than O(shingles x permutations). All arithmetic is modulo 2**64 in uint64,
so results do not depend on the process (unlike Python's ``hash``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_U64 = np.uint64
_MASK32 = _U64(0xFFFFFFFF)
_EMPTY = np.iinfo(np.uint64).max
_BASE = _U64(0x100000001B3)
_WORD_BYTE = np.zeros(256, dtype=bool)
for _lo, _hi in ((48, 57), (97, 122), (128, 255)):
    _WORD_BYTE[_lo : _hi + 1] = True


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
        if min(self.doc_shingle, self.passage_shingle, self.winnow_window, self.bands) < 1:
            raise ValueError("shingle sizes, window and bands must be positive")

    @property
    def rows(self) -> int:
        return self.num_bins // self.bands


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U64(30))
        x = x * _U64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> _U64(27))
        x = x * _U64(0x94D049BB133111EB)
        return x ^ (x >> _U64(31))


_INV_BASE = _U64(pow(int(_BASE), -1, 2**64))
_POW_CACHE: dict[int, np.ndarray] = {}


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """base**i mod 2**64 for i < n (cached per base, grown by doubling)."""
    cached = _POW_CACHE.get(int(base))
    if cached is None or len(cached) < n:
        size = max(n, 2 * (0 if cached is None else len(cached)), 1024)
        steps = np.full(size, base, dtype=_U64)
        steps[0] = 1
        with np.errstate(over="ignore"):
            cached = np.cumprod(steps, dtype=_U64)
        _POW_CACHE[int(base)] = cached
    return cached[:n]


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hash every word of every text in one pass.

    Words are maximal runs of ASCII letters, digits or non-ASCII bytes in the
    lower-cased text, so ``Putin's`` gives ``putin`` and ``s``.

    Returns:
        ``(hashes, bounds)``: all words' uint64 hashes in text order, and
        ``bounds`` of length ``len(texts) + 1`` so that text ``i`` owns
        ``hashes[bounds[i]:bounds[i + 1]]``.
    """
    joined = "\n".join(texts)
    if joined.isascii():
        # bytes.lower is a plain table lookup; str.lower is Unicode-aware and ~8x slower.
        raw = joined.encode("ascii").lower()
        sizes = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    else:
        lowered = [t.lower().encode("utf-8") for t in texts]
        raw = b"\n".join(lowered)
        sizes = np.fromiter(map(len, lowered), dtype=np.int64, count=len(texts))
    data = np.frombuffer(raw, dtype=np.uint8)
    is_word = _WORD_BYTE[data]
    edges = np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    prefix = np.empty(len(data) + 1, dtype=_U64)
    prefix[0] = 0
    with np.errstate(over="ignore"):
        np.cumsum(data * _powers(_BASE, len(data)), dtype=_U64, out=prefix[1:])
        # Scaling by BASE**-start (BASE is odd, so invertible mod 2**64) puts
        # every word on power 0, making a word's hash independent of position.
        unshift = _powers(_INV_BASE, len(data))[starts]
        hashes = _mix((prefix[ends] - prefix[starts]) * unshift + (ends - starts).astype(_U64))
    separators = np.cumsum(sizes + 1) - 1
    bounds = np.concatenate(([0], np.searchsorted(starts, separators)))
    return hashes, bounds


def shingle_hashes(words: np.ndarray, bounds: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every word k-gram that lies inside one text.

    A text with fewer than ``k`` words contributes one shingle of all its
    words, so short texts are still comparable.

    Returns:
        ``(shingles, owner)``: the shingle hashes and the text index of
        each, owners non-decreasing.
    """
    owner_of_word = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
    n = len(words)
    if n == 0:
        return np.zeros(0, dtype=_U64), np.zeros(0, dtype=np.int64)
    count = max(n - k + 1, 1)
    acc = np.zeros(count, dtype=_U64)
    with np.errstate(over="ignore"):
        for j in range(min(k, n)):
            acc = acc * _BASE + words[j : j + count]
    shingles = _mix(acc)
    last = np.minimum(np.arange(count) + k - 1, n - 1)
    valid = owner_of_word[:count] == owner_of_word[last]
    shingles, owner = shingles[valid], owner_of_word[:count][valid]
    short = np.flatnonzero((np.diff(bounds) > 0) & (np.diff(bounds) < k))
    if len(short):
        extra = np.array([_mix(np.array([_fold(words[bounds[i] : bounds[i + 1]])]))[0] for i in short], dtype=_U64)
        # Put each short text's shingle among its neighbours' so owners stay sorted.
        at = np.searchsorted(owner, short)
        shingles, owner = np.insert(shingles, at, extra), np.insert(owner, at, short)
    return shingles, owner


def _fold(words: np.ndarray) -> np.uint64:
    acc = _U64(0)
    with np.errstate(over="ignore"):
        for w in words:
            acc = acc * _BASE + w
    return acc


def minhash(shingles: np.ndarray, owner: np.ndarray, n_texts: int, num_bins: int) -> np.ndarray:
    """One-permutation MinHash signatures, one row per text.

    Each shingle falls in the bin named by its top bits and competes there on
    its low 32 bits. Empty bins borrow from the next non-empty bin to the
    right (circularly), offset by the distance, so two texts agree on a bin
    with probability close to their Jaccard similarity. A text with no
    shingle gets a row of the all-ones sentinel, which matches nothing real.

    Returns:
        ``uint64`` array of shape ``(n_texts, num_bins)``.
    """
    sig = np.full((n_texts, num_bins), _EMPTY, dtype=_U64)
    if len(shingles):
        bits = int(np.log2(num_bins))
        bins = (shingles >> _U64(64 - bits)).astype(np.int64)
        values = shingles & _MASK32
        keys = owner.astype(np.int64) * num_bins + bins
        np.minimum.at(sig.reshape(-1), keys, values)
    return _densify(sig)


def _densify(sig: np.ndarray) -> np.ndarray:
    empty = sig == _EMPTY
    has_any = ~empty.all(axis=1)
    if not empty[has_any].any():
        return sig
    out = sig.copy()
    source = sig.copy()
    for distance in range(1, sig.shape[1]):
        source = np.roll(source, -1, axis=1)
        fill = (out == _EMPTY) & (source != _EMPTY) & has_any[:, None]
        if not fill.any():
            if not ((out == _EMPTY) & has_any[:, None]).any():
                break
            continue
        out[fill] = (source[fill] + _U64(distance) * _U64(0x9E3779B9)) & _MASK32
    return out


def band_hashes(signatures: np.ndarray, bands: int) -> np.ndarray:
    """LSH band keys: one int64 per (text, band), band number folded in.

    Two texts whose signatures agree on all rows of some band share that
    band's key (Broder 1997; Indyk & Motwani 1998). Keys are signed so SQLite
    stores them as plain INTEGERs.
    """
    n, num_bins = signatures.shape
    rows = num_bins // bands
    grouped = signatures.reshape(n, bands, rows)
    acc = np.broadcast_to(np.arange(bands, dtype=_U64), (n, bands)).copy()
    with np.errstate(over="ignore"):
        for r in range(rows):
            acc = acc * _BASE + grouped[:, :, r]
    return _mix(acc).view(np.int64)


def winnow(shingles: np.ndarray, owner: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Winnowing (Schleimer, Wilkerson & Aiken 2003): keep each window's minimum.

    Any run of ``window + k - 1`` shared words between two texts yields at
    least one shared fingerprint, while only about ``2 / (window + 1)`` of
    the shingles are kept.

    Args:
        shingles: Shingle hashes of several texts, concatenated.
        owner: The text index of each shingle, non-decreasing.

    Returns:
        ``(fingerprints, owner)`` as int64, owners still non-decreasing,
        consecutive repeats removed (a shingle repeated far apart in one text
        may appear twice).
    """
    if len(shingles) == 0:
        return shingles.view(np.int64), owner
    count = max(len(shingles) - window + 1, 0)
    mins = shingles[:count].copy()
    for j in range(1, window):
        np.minimum(mins, shingles[j : j + count], out=mins)
    inside = owner[:count] == owner[window - 1 :]
    mins, own = mins[inside], owner[:count][inside]
    # A text with fewer shingles than the window has no full window: keep its minimum.
    per_text = np.bincount(owner)
    lonely = np.flatnonzero((per_text > 0) & (per_text < window))
    if len(lonely):
        present = np.flatnonzero(per_text)
        text_min = np.minimum.reduceat(shingles, np.searchsorted(owner, present))
        at = np.searchsorted(own, lonely)
        mins, own = np.insert(mins, at, text_min[per_text[present] < window]), np.insert(own, at, lonely)
    keep = np.concatenate(([True], (np.diff(mins.view(np.int64)) != 0) | (np.diff(own) != 0)))
    return mins[keep].view(np.int64), own[keep]


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Share of MinHash bins on which two signatures agree."""
    return float(np.mean(a == b))
