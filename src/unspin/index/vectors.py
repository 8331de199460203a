"""Sentence vectors from WordLlama's static embeddings, loaded from its wheel.

Spun copies share few exact n-grams, so a lexical index alone misses them;
a sentence vector survives synonym swaps and reordering. WordLlama's 256-d
weights ship inside its wheel (no download); ``bench/bench_index.py`` measures
its sentences/s next to the lexical index.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

DIM = 256


class _Tokenizer(Protocol):
    def encode_batch(self, texts: list[str], /, *, add_special_tokens: bool = ...) -> list[Any]: ...


@dataclass(slots=True)
class _Pieces:
    """Token ids of every space-separated piece met so far, as one ragged array."""

    index: dict[str, int] = field(default_factory=dict)
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    lengths: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def clear(self) -> None:
        self.index.clear()
        self.ids, self.starts, self.lengths = self.ids[:0], self.starts[:0], self.lengths[:0]


@dataclass(frozen=True, slots=True)
class _Model:
    tokenizer: _Tokenizer
    embedding: np.ndarray
    pieces: _Pieces


_LOCK = threading.Lock()
"""The tokenizer and the piece cache are shared by the service's threads."""

MAX_PIECES = 500_000
"""Distinct pieces kept (about 80 MB with their ids); past it the cache starts again,
so a long ingest of varied text never grows without bound."""

_COMPILED_FROM = 20_000
"""Tokens from which the compiled kernel sums (a batch of ``add``); one ``trace`` sums
in NumPy rather than load Numba. Both add the same rows in the same order."""

_PIECE = re.compile(r" (?=[^ ])")
"""The space before a piece: a run of spaces stays with the piece before it, as the tokenizer merges it (``▁▁``)."""


WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
"""The files of WordLlama's default model (``l2_supercat``) at ``DIM``, inside its installed package."""


@lru_cache(maxsize=1)
def _model() -> _Model:
    """The files ``WordLlama.load(dim=DIM)`` reads, read the way it reads them, without importing
    ``wordllama``: its import (requests, pydantic, toml, a root logging setup) was 0.1 s of a
    cold ``compare`` that needs only a tokenizer and a matrix."""
    from importlib.util import find_spec
    from pathlib import Path

    from safetensors import safe_open
    from tokenizers import Tokenizer

    spec = find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        from unspin.errors import MissingDependencyError

        raise MissingDependencyError("the WordLlama weights are missing; install them with: pip install 'wordllama>=0.4,<0.5'")
    root = Path(spec.submodule_search_locations[0])
    tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    with safe_open(str(root / WEIGHTS), framework="np", device="cpu") as weights:
        embedding = np.ascontiguousarray(weights.get_tensor("embedding.weight").astype(np.float32))
    return _Model(tokenizer, embedding, _Pieces())


def _token_ids(model: _Model, sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every sentence's token ids, concatenated, and how many each sentence has.

    WordLlama's tokenizer (Llama 2's SentencePiece BPE, no pre-tokenizer)
    turns each space into ``▁`` and merges only within the runs between
    them, so a sentence's ids are its space-separated pieces' ids, each
    piece tokenised alone, one after the other (a run of spaces stays with
    the piece before it; only spaces right after a line break can merge
    differently, one sentence in 65,000 of BBC news). Ids are kept per piece:
    news repeats its words, and the tokenizer's own pass over every
    sentence was the largest part of ``add``.
    """
    split = [_PIECE.split(s) if "  " in s else s.split(" ") for s in sentences]
    flat = list(itertools.chain.from_iterable(split))
    cache = model.pieces
    if len(cache.index) > MAX_PIECES:
        cache.clear()
    new = sorted(set(flat).difference(cache.index))
    if new:
        encoded = model.tokenizer.encode_batch(new, add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encoded), dtype=np.int64, count=len(new))
        ids = np.fromiter(itertools.chain.from_iterable(e.ids for e in encoded), dtype=np.int32,
                          count=int(lengths.sum()))
        cache.index.update(zip(new, range(len(cache.index), len(cache.index) + len(new))))
        cache.starts = np.concatenate([cache.starts, len(cache.ids) + np.cumsum(lengths) - lengths])
        cache.lengths = np.concatenate([cache.lengths, lengths])
        cache.ids = np.concatenate([cache.ids, ids])
    which = np.fromiter(map(cache.index.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = cache.lengths[which]
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    token_ids = cache.ids[np.arange(total) + np.repeat(cache.starts[which] - (ends - lengths), lengths)]
    per_sentence = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    piece_ends = np.cumsum(per_sentence)
    token_ends = np.concatenate([[0], ends])[piece_ends]
    return token_ids, np.diff(token_ends, prepend=0)


def embed_sentences(sentences: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per sentence (``(0, DIM)`` if none).

    The mean of each sentence's token rows, as WordLlama's ``embed``
    computes it, but without padding each batch to its longest sentence and
    pooling through a mask: summing each sentence's own rows is about ten
    times faster, and a sentence's vector does not depend on its batch.
    """
    out = np.zeros((len(sentences), DIM), dtype=np.float32)
    if not sentences:
        return out
    model = _model()
    with _LOCK:
        ids, counts = _token_ids(model, sentences)
    np.clip(ids, 0, len(model.embedding) - 1, out=ids)
    ends = np.cumsum(counts)
    _summer(len(ids))(model.embedding, ids, ends, out)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=out, where=norms > 0)


def _summer(tokens: int) -> Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], None]:
    """The compiled kernel for a batch of ``add``; NumPy for one ``trace`` or without Numba."""
    if tokens >= _COMPILED_FROM:
        try:
            from unspin.index.kernels import _sum_rows

            return _sum_rows
        except ImportError:  # Numba is the `fast` extra
            pass
    return _sum_rows_numpy


def _sum_rows_numpy(table: np.ndarray, ids: np.ndarray, ends: np.ndarray, out: np.ndarray) -> None:
    """``out[i]`` = the sum of ``table``'s rows ``ids[ends[i-1]:ends[i]]``, added in order (as the kernel does)."""
    first = 0
    for row, end in enumerate(ends.tolist()):
        if end > first:
            out[row] = table[ids[first:end]].sum(axis=0)
        first = end
