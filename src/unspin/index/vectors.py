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
    def encode_batch(self, texts: list[str], /, *, add_special_tokens: bool = ...) -> list[Any]: ...


@dataclass(frozen=True, slots=True)
class _Model:
    tokenizer: _Tokenizer
    embedding: np.ndarray


_LOCK = threading.Lock()
"""The tokenizer is shared by the service's threads; it is not documented as thread-safe."""

_BATCH = 4096
"""Sentences tokenised per call: large enough to amortise the call, small enough to bound memory."""


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
    return _Model(tokenizer, embedding)


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
