"""Sentence vectors from WordLlama's static embeddings, loaded from its wheel.

Spun copies share few exact n-grams, so a lexical index alone misses them;
a sentence vector survives synonym swaps and reordering. WordLlama's 256-d
weights ship inside its wheel (no download); ``bench/bench_index.py`` measures
its sentences/s next to the lexical index.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Protocol

import numpy as np

DIM = 256


class Encoder(Protocol):
    def embed(self, texts: list[str], norm: bool = ..., batch_size: int = ...) -> np.ndarray: ...


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _encoder() -> Encoder:
    from pathlib import Path

    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIM)


def embed_sentences(sentences: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per sentence (``(0, DIM)`` if none)."""
    if not sentences:
        return np.zeros((0, DIM), dtype=np.float32)
    with _LOCK:
        vectors = _encoder().embed(sentences, norm=True, batch_size=512)
    return np.ascontiguousarray(vectors, dtype=np.float32)
