"""Fit the cross-encoder adapter on MRPC and write it to the package.

    pip install torch==2.13.0          # fitting only: inference is NumPy
    python scripts/fit_cross_encoder.py [--device cuda] [--model DIR]

all-MiniLM-L6-v2 stays frozen; what is fitted is a rank-``--rank`` update
(LoRA) of every linear layer and a linear head over the mean-pooled last
layer, with the target MRPC's non-paraphrase label. The same arithmetic as
``unspin.explain.cross_encoder`` (tanh GELU, the same tokenizer and
truncation), so the NumPy forward reproduces these logits.

First 10-fold cross-validation, with the folds ``unspin.evaluation.mrpc_eval``
uses: each pair's logit from a model fitted without it. Those out-of-fold
logits are what ``scripts/fit_meaning.py`` stacks with the lexical features,
so the meaning model's weights and its quoted scores never see a logit
fitted on the pair itself. Then one fit on all pairs, the adapter shipped.
Writes ``src/unspin/explain/cross_encoder.npz`` and
``src/unspin/evaluation/mrpc_cross_encoder_oof.npy``. About 3 minutes on a
GPU; on a 2-core CPU 20-35 minutes per fit, extrapolated (``--folds 0`` skips the CV
and keeps the committed out-of-fold logits).
"""

from __future__ import annotations

import argparse
import os
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.numpy import load_file
from torch import nn

from unspin.evaluation.datasets import mrpc_pairs
from unspin.evaluation.etpc import pair_texts
from unspin.evaluation.logistic import auc, f1, fold_of
from unspin.explain.cross_encoder import (
    ADAPTER, HEADS, LAYERS, LINEARS, LN_EPS, CrossEncoder, base_model_dir, encode, merged_weights, pair_tokenizer,
)

ROOT = Path(__file__).resolve().parents[1]
OOF = ROOT / "src" / "unspin" / "evaluation" / "mrpc_cross_encoder_oof.npy"

REFERENCE_PAIRS = [
    ("The council approved the budget on Tuesday.", "On Tuesday the council passed the budget."),
    ("The council approved the budget on Tuesday.", "The council rejected the budget on Tuesday."),
    ("Sales rose 4 percent to $2.5 billion.", "Sales fell 4 percent to $1.8 billion."),
    ("She said the bridge would reopen in May.", "The bridge will reopen in May, she said, after repairs that began last winter."),
]
"""Our own sentences: their logits at fit time are stored so the tests can check the NumPy forward."""


class TorchCrossEncoder(nn.Module):
    """``unspin.explain.cross_encoder.CrossEncoder`` in torch, with trainable low-rank updates."""

    def __init__(self, base: dict[str, np.ndarray], rank: int, alpha: float, dropout: float, vectors: bool) -> None:
        super().__init__()
        self.base = {k: torch.tensor(v.astype(np.float32)) for k, v in base.items() if k != "embeddings.position_ids"}
        self.vectors = nn.ParameterDict({  # biases and layer norms: few numbers, fitted whole
            k.replace(".", "_"): nn.Parameter(v.clone()) for k, v in self.base.items() if v.ndim == 1 and vectors})
        self.scale = alpha / rank
        self.dropout = nn.Dropout(dropout)
        self.lora_a = nn.ParameterDict()
        self.lora_b = nn.ParameterDict()
        for i in range(LAYERS):
            for linear in LINEARS:
                out_dim, in_dim = base[f"encoder.layer.{i}.{linear}.weight"].shape
                key = f"{i}_{linear}".replace(".", "_")
                self.lora_a[key] = nn.Parameter(torch.randn(rank, in_dim) / math.sqrt(in_dim))
                self.lora_b[key] = nn.Parameter(torch.zeros(out_dim, rank))
        self.head = nn.Linear(base["embeddings.word_embeddings.weight"].shape[1], 1)

    def to_device(self, device: str) -> TorchCrossEncoder:
        self.base = {k: v.to(device) for k, v in self.base.items()}
        return self.to(device)

    def _p(self, name: str) -> torch.Tensor:
        key = name.replace(".", "_")
        return self.vectors[key] if key in self.vectors else self.base[name]

    def _linear(self, x: torch.Tensor, i: int, linear: str) -> torch.Tensor:
        name = f"encoder.layer.{i}.{linear}"
        key = f"{i}_{linear}".replace(".", "_")
        update = F.linear(F.linear(self.dropout(x), self.lora_a[key]), self.lora_b[key])
        return F.linear(x, self.base[f"{name}.weight"], self._p(f"{name}.bias")) + self.scale * update

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.layer_norm(x, x.shape[-1:], self._p(f"{name}.weight"), self._p(f"{name}.bias"), LN_EPS)

    def forward(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b = self.base
        batch, width = ids.shape
        x = b["embeddings.word_embeddings.weight"][ids] + b["embeddings.position_embeddings.weight"][:width]
        x = self._norm(x + b["embeddings.token_type_embeddings.weight"][types], "embeddings.LayerNorm")
        pad = torch.where(mask[:, None, None, :] == 1, 0.0, -1e9)
        size = x.shape[-1] // HEADS
        for i in range(LAYERS):
            q, k, v = (self._linear(x, i, f"attention.self.{n}").view(batch, width, HEADS, size).transpose(1, 2)
                       for n in ("query", "key", "value"))
            attended = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(size) + pad, dim=-1) @ v
            attended = attended.transpose(1, 2).reshape(batch, width, -1)
            x = self._norm(x + self._linear(attended, i, "attention.output.dense"),
                           f"encoder.layer.{i}.attention.output.LayerNorm")
            hidden = F.gelu(self._linear(x, i, "intermediate.dense"), approximate="tanh")
            x = self._norm(x + self._linear(hidden, i, "output.dense"), f"encoder.layer.{i}.output.LayerNorm")
        weights = mask[..., None].float()
        pooled = (x * weights).sum(dim=1) / weights.sum(dim=1)
        return self.head(self.dropout(pooled)).squeeze(-1)

    @classmethod
    @torch.no_grad()
    def from_adapter(cls, base: dict[str, np.ndarray], adapter: dict[str, np.ndarray]) -> TorchCrossEncoder:
        """A shipped adapter read back into torch (the benchmark compares the two forwards)."""
        rank = next(v for k, v in adapter.items() if k.endswith(".lora_a")).shape[0]
        model = cls(base, rank, float(adapter["lora_scale"]) * rank, 0.0, True)
        for i in range(LAYERS):
            for linear in LINEARS:
                key, name = f"{i}_{linear}".replace(".", "_"), f"encoder.layer.{i}.{linear}"
                model.lora_a[key].copy_(torch.from_numpy(adapter[f"{name}.lora_a"].astype(np.float32)))
                model.lora_b[key].copy_(torch.from_numpy(adapter[f"{name}.lora_b"].astype(np.float32)))
        for name in model.base:
            if name.replace(".", "_") in model.vectors:
                model.vectors[name.replace(".", "_")].copy_(torch.from_numpy(adapter[f"vector.{name}"]))
        model.head.weight.copy_(torch.from_numpy(adapter["head.weight"]).view(1, -1))
        model.head.bias.copy_(torch.from_numpy(adapter["head.bias"]))
        return model.eval()

    @torch.no_grad()
    def round_to_half(self) -> None:
        """Round the low-rank factors as they will be stored, so the reference logits are the shipped model's."""
        for factor in [*self.lora_a.values(), *self.lora_b.values()]:
            factor.copy_(factor.half().float())

    def adapter(self) -> dict[str, np.ndarray]:
        """What ships: the low-rank factors, the head and the scale, in float32."""
        out: dict[str, np.ndarray] = {"lora_scale": np.array(self.scale, dtype=np.float32)}
        for i in range(LAYERS):
            for linear in LINEARS:
                key = f"{i}_{linear}".replace(".", "_")
                out[f"encoder.layer.{i}.{linear}.lora_a"] = self.lora_a[key].detach().cpu().numpy()
                out[f"encoder.layer.{i}.{linear}.lora_b"] = self.lora_b[key].detach().cpu().numpy()
        for name in self.base:
            if name.replace(".", "_") in self.vectors:
                out[f"vector.{name}"] = self.vectors[name.replace(".", "_")].detach().cpu().numpy()
        out["head.weight"] = self.head.weight.detach().cpu().numpy().reshape(-1)
        out["head.bias"] = self.head.bias.detach().cpu().numpy()
        return out


def batches(encoded, order, size, device):
    """``encoded`` is ``encode``'s output for every pair at once; each batch is cut to its own longest pair."""
    ids, types, mask = encoded
    for start in range(0, len(order), size):
        chosen = order[start : start + size]
        width = int(mask[chosen].sum(axis=1).max())
        yield chosen, *(torch.tensor(t[chosen, :width], device=device) for t in (ids, types, mask))


def train(base, tokenizer, pairs, labels, args) -> TorchCrossEncoder:
    """Each pair is seen in both orders: whether two sentences say the same thing does not depend on which is first."""
    pairs = [*pairs, *((b, a) for a, b in pairs)]
    labels = np.concatenate([labels, labels])
    encoded = encode(tokenizer, pairs)
    torch.manual_seed(args.seed)
    model = TorchCrossEncoder(base, args.rank, args.alpha, args.dropout, not args.frozen_vectors).to_device(args.device)
    decayed = [*model.lora_a.values(), *model.lora_b.values(), model.head.weight]
    kept = [*model.vectors.values(), model.head.bias]  # a layer norm's scale decays towards 0, not 1
    optimiser = torch.optim.AdamW([{"params": decayed, "weight_decay": args.weight_decay},
                                   {"params": kept, "weight_decay": 0.0}], lr=args.lr)
    steps = args.epochs * math.ceil(len(pairs) / args.batch)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / (steps - warmup))))
    target = torch.tensor(labels, dtype=torch.float32, device=args.device)
    rng = np.random.default_rng(args.seed)
    model.train()
    for _ in range(args.epochs):
        for chosen, ids, types, mask in batches(encoded, rng.permutation(len(pairs)), args.batch, args.device):
            loss = F.binary_cross_entropy_with_logits(model(ids, types, mask), target[chosen])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    return model.eval()


@torch.no_grad()
def predict(model, tokenizer, pairs, device) -> np.ndarray:
    out = np.zeros(len(pairs), dtype=np.float32)
    for chosen, ids, types, mask in batches(encode(tokenizer, pairs), np.arange(len(pairs)), 128, device):
        out[chosen] = model(ids, types, mask).float().cpu().numpy()
    return out


def report(name: str, labels: np.ndarray, logits: np.ndarray) -> None:
    truth = labels == 1
    best = max(f1(truth, logits >= t) for t in np.quantile(logits, np.linspace(0.3, 0.9, 61)))
    print(f"{name}: AUC {auc(labels, logits):.4f}, F1 at the best cut (optimistic) {best:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None, help="MiniLM directory (default: the installed package's)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--frozen-vectors", action="store_true", help="ablation: fit the low-rank updates and head only")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "unspin" / "explain")
    parser.add_argument("--oof", type=Path, default=OOF)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)  # unspin keeps BLAS to one thread for its own small products

    model_dir = args.model or base_model_dir()
    base = load_file(str(model_dir / "model.safetensors"))
    tokenizer = pair_tokenizer(model_dir)
    data = mrpc_pairs()
    pairs = pair_texts(data)
    labels = np.array([1 - p.label for p in data], dtype=np.float32)

    if args.folds:
        started = time.perf_counter()
        fold = fold_of(len(pairs), args.folds)
        oof = np.full(len(pairs), np.nan, dtype=np.float32)
        for k in range(args.folds):
            inside = np.flatnonzero(fold != k)
            model = train(base, tokenizer, [pairs[i] for i in inside], labels[inside], args)
            held = np.flatnonzero(fold == k)
            oof[held] = predict(model, tokenizer, [pairs[i] for i in held], args.device)
            print(f"fold {k + 1}/{args.folds} done at {time.perf_counter() - started:.0f} s", flush=True)
            np.save(args.oof, oof.astype(np.float16))  # a long run that is cut short keeps its finished folds
        report(f"{args.folds}-fold out-of-fold ({time.perf_counter() - started:.0f} s)", labels, oof)

    started = time.perf_counter()
    model = train(base, tokenizer, pairs, labels, args)
    print(f"fit on all {len(pairs)} pairs in {time.perf_counter() - started:.0f} s")
    model.round_to_half()
    adapter = model.adapter()
    reference = predict(model.to_device("cpu"), tokenizer, REFERENCE_PAIRS, "cpu")
    check = CrossEncoder(merged_weights(base, adapter), tokenizer).logits(REFERENCE_PAIRS)
    print("reference logits (torch, NumPy):", np.round(reference, 4), np.round(check, 4))
    np.savez_compressed(args.out / ADAPTER, **{k: v.astype(np.float16) if v.ndim == 2 else v for k, v in adapter.items()},
                        reference_a=np.array([a for a, _ in REFERENCE_PAIRS]), reference_b=np.array([b for _, b in REFERENCE_PAIRS]),
                        reference_logits=reference)
    print(f"wrote {args.out / ADAPTER}")


if __name__ == "__main__":
    main()
