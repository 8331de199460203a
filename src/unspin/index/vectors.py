"""Sentence vectors from WordLlama's static embeddings, loaded from its wheel.

Spun copies share few exact n-grams, so a lexical index alone misses them;
a sentence vector survives synonym swaps and reordering. WordLlama's 256-d
weights ship inside its wheel (no download); ``bench/bench_index.py`` measures
its sentences/s next to the lexical index.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

DIM = 256


class _Tokenizer(Protocol):
    def encode_batch(self, texts: list[str], add_special_tokens: bool = ...) -> list[Any]: ...


@dataclass(frozen=True, slots=True)
class _Model:
    tokenizer: _Tokenizer
    embedding: np.ndarray


_LOCK = threading.Lock()
"""The tokenizer is shared by the service's threads; it is not documented as thread-safe."""

_BATCH = 4096
"""Sentences tokenised per call: large enough to amortise the call, small enough to bound memory."""


@lru_cache(maxsize=1)
def _model() -> _Model:
    from pathlib import Path

    import wordllama
    from wordllama import WordLlama

    loaded = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIM)
    loaded.tokenizer.no_padding()
    return _Model(loaded.tokenizer, loaded.embedding)


def embed_sentences(sentences: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per sentence (``(0, DIM)`` if none).

    The mean of each sentence's token rows, as WordLlama's ``embed``
    computes it, but without padding each batch to its longest sentence and
    pooling through a mask: summing each sentence's own rows is about ten
    times faster, and a sentence's vector no longer depends on its batch.
    """
    out = np.zeros((len(sentences), DIM), dtype=np.float32)
    model = _model()
    for start in range(0, len(sentences), _BATCH):
        with _LOCK:
            encoded = model.tokenizer.encode_batch(sentences[start : start + _BATCH], add_special_tokens=False)
        for row, tokens in enumerate(encoded, start):
            if tokens.ids:
                out[row] = model.embedding[np.clip(tokens.ids, 0, len(model.embedding) - 1)].sum(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=out, where=norms > 0)
