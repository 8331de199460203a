"""The compiled fingerprint kernels (Numba): one pass over the UTF-8 bytes of a batch of texts.

What they compute, and why in one pass, is in ``fingerprint.py``, which
imports this module only for batches, so that a single ``trace`` never
loads Numba.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from unspin.index.fingerprint import _BASE, _EMPTY, _GOLDEN, _MASK32, _U64, _WORD_VALUE


@njit(cache=True, inline="always")
def _mix(x: np.uint64) -> np.uint64:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


@njit(cache=True)
def _word_hashes(data: np.ndarray, lo: int, hi: int, out: np.ndarray) -> int:
    """Write the hash of each word in ``data[lo:hi]`` to ``out``; return how many.

    A word's hash is ``mix(sum(byte_j * BASE**j) + length)`` over its
    lower-cased bytes, so it does not depend on where the word stands.
    """
    n = 0
    i = lo
    while i < hi:
        value = _WORD_VALUE[data[i]]
        if value == 0:
            i += 1
            continue
        start = i
        h = _U64(0)
        power = _U64(1)
        while value != 0:
            h += _U64(value) * power
            power *= _BASE
            i += 1
            if i == hi:
                break
            value = _WORD_VALUE[data[i]]
        out[n] = _mix(h + _U64(i - start))
        n += 1
    return n


@njit(cache=True)
def _shingles(words: np.ndarray, m: int, k: int, out: np.ndarray) -> int:
    """Hashes of the word k-grams of ``words[:m]``; fewer than k words make one shingle of them all."""
    if m == 0:
        return 0
    count = max(m - k + 1, 1)
    width = min(k, m)
    for i in range(count):
        acc = _U64(0)
        for j in range(width):
            acc = acc * _BASE + words[i + j]
        out[i] = _mix(acc)
    return count


@njit(cache=True)
def _minhash(shingles: np.ndarray, q: int, shift: np.uint64, scratch: np.ndarray, sig: np.ndarray) -> None:
    """One-permutation MinHash of ``shingles[:q]`` into ``sig``.

    Each shingle falls in the bin named by its top bits and competes there on
    its low 32 bits. Empty bins borrow from the next non-empty bin to the
    right (circularly), offset by the distance, so two texts agree on a bin
    with probability close to their Jaccard similarity. A text with no
    shingle keeps the all-ones sentinel, which matches nothing real.
    """
    nb = len(sig)
    scratch[:] = _EMPTY
    for i in range(q):
        slot = np.int64(shingles[i] >> shift)
        v = shingles[i] & _MASK32
        if v < scratch[slot]:
            scratch[slot] = v
    for b in range(nb):
        sig[b] = scratch[b]
        if scratch[b] != _EMPTY or q == 0:
            continue
        for d in range(1, nb):
            source = scratch[(b + d) % nb]
            if source != _EMPTY:
                sig[b] = (source + _U64(d) * _GOLDEN) & _MASK32
                break


@njit(cache=True)
def _bands(sig: np.ndarray, bands: int, out: np.ndarray) -> None:
    """LSH band keys (Broder 1997; Indyk & Motwani 1998), band number folded in.

    Two texts whose signatures agree on all rows of some band share that band's key.
    """
    rows = len(sig) // bands
    for band in range(bands):
        acc = _U64(band)
        for r in range(rows):
            acc = acc * _BASE + sig[band * rows + r]
        out[band] = _mix(acc)


@njit(cache=True)
def _winnow(shingles: np.ndarray, q: int, window: int, out: np.ndarray, at: int) -> int:
    """Winnowing (Schleimer, Wilkerson & Aiken 2003): keep each window's minimum.

    Any run of ``window + k - 1`` shared words between two texts yields at
    least one shared fingerprint, while only about ``2 / (window + 1)`` of
    the shingles are kept. A text with fewer shingles than the window keeps
    its minimum. Writes from ``out[at]`` on; returns the new end.
    """
    first = at
    for j in range(max(q - window + 1, 1 if q > 0 else 0)):
        low = shingles[j]
        for t in range(j + 1, min(j + window, q)):
            if shingles[t] < low:
                low = shingles[t]
        if at == first or out[at - 1] != low:
            out[at] = low
            at += 1
    return at


@njit(cache=True)
def _sketch(data: np.ndarray, offsets: np.ndarray, doc_k: int, passage_k: int, num_bins: int,
            bands: int, window: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(offsets) - 1
    longest = 0
    for t in range(n):
        longest = max(longest, offsets[t + 1] - offsets[t])
    words = np.empty(longest // 2 + 1, dtype=np.uint64)
    shingles = np.empty(longest // 2 + 1, dtype=np.uint64)
    scratch = np.empty(num_bins, dtype=np.uint64)
    shift = _U64(64 - int(np.log2(num_bins)))
    sigs = np.empty((n, num_bins), dtype=np.uint64)
    keys = np.empty((n, bands), dtype=np.uint64)
    fps = np.empty(len(data) // 2 + n + 1, dtype=np.uint64)
    fp_bounds = np.zeros(n + 1, dtype=np.int64)
    for t in range(n):
        m = _word_hashes(data, offsets[t], offsets[t + 1], words)
        _minhash(shingles, _shingles(words, m, doc_k, shingles), shift, scratch, sigs[t])
        _bands(sigs[t], bands, keys[t])
        q = _shingles(words, m, passage_k, shingles)
        fp_bounds[t + 1] = _winnow(shingles, q, window, fps, fp_bounds[t])
    return sigs, keys, fps[: fp_bounds[n]], fp_bounds


@njit(cache=True)
def _sum_rows(table: np.ndarray, ids: np.ndarray, ends: np.ndarray, out: np.ndarray) -> None:
    """``out[i]`` = the sum of ``table``'s rows ``ids[ends[i-1]:ends[i]]``, added in order.

    The same additions, in the same order, as ``vectors._sum_rows_numpy``,
    so both paths give the same float32 bits.
    """
    first = 0
    for i in range(len(ends)):
        for t in range(first, ends[i]):
            row = table[ids[t]]
            for j in range(table.shape[1]):
                out[i, j] += row[j]
        first = ends[i]
