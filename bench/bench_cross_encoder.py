"""The cross-encoder's forward pass: unspin's NumPy one against torch on CPU, same weights, same run.

    .venv/bin/pip install torch==2.13.0      # the anchor only (the `fit` extra)
    .venv/bin/python bench/bench_cross_encoder.py [--pairs 512]

MRPC pairs (../shared/data/mrpc) scored by the shipped adapter over
all-MiniLM-L6-v2: pairs/s of ``unspin.explain.cross_encoder`` (NumPy, with
the one BLAS thread unspin runs with) and of the torch module the fit script
trains (``scripts/fit_cross_encoder.py``), at one thread and at every core,
the largest logit difference between them, and the time to load each.
Writes bench/results/cross_encoder.json.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import time
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

from unspin.evaluation.datasets import mrpc_pairs
from unspin.evaluation.etpc import pair_texts
from unspin.explain.cross_encoder import base_model_dir, default_encoder, load_adapter, pair_tokenizer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results"


def timed(score, pairs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    logits = score(pairs)
    return logits, len(pairs) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=512)
    args = parser.parse_args()
    # sorted by length, so that each forward pads its batches as little as the other
    pairs = sorted(pair_texts(mrpc_pairs()[: args.pairs]), key=lambda p: len(p[0]) + len(p[1]))
    started = time.perf_counter()
    encoder = default_encoder()
    rows = {"unspin NumPy (1 BLAS thread)": {"load_s": round(time.perf_counter() - started, 2)}}
    ours, rate = timed(encoder.logits, pairs)
    rows["unspin NumPy (1 BLAS thread)"]["pairs_per_s"] = round(rate, 1)

    if importlib.util.find_spec("torch") is not None:
        started = time.perf_counter()
        import torch

        spec = importlib.util.spec_from_file_location("fit_cross_encoder", ROOT / "scripts" / "fit_cross_encoder.py")
        assert spec is not None and spec.loader is not None
        fit = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(fit)
        model = fit.TorchCrossEncoder.from_adapter(load_file(str(base_model_dir() / "model.safetensors")), load_adapter())
        load_s = round(time.perf_counter() - started, 2)
        tokenizer = pair_tokenizer(base_model_dir())
        for threads in (1, os.cpu_count() or 1):
            torch.set_num_threads(threads)
            theirs, rate = timed(lambda p: fit.predict(model, tokenizer, p, "cpu"), pairs)
            rows[f"torch {torch.__version__} CPU ({threads} threads)"] = {
                "load_s": load_s, "pairs_per_s": round(rate, 1), "max_logit_difference": float(np.abs(theirs - ours).max())}

    base = rows["unspin NumPy (1 BLAS thread)"]["pairs_per_s"]
    print(f"{'forward pass':<34} {'load s':>7} {'pairs/s':>8} {'ratio':>6} {'max |Δlogit|':>13}")
    for name, row in rows.items():
        print(f"{name:<34} {row['load_s']:>7} {row['pairs_per_s']:>8} {row['pairs_per_s'] / base:>6.2f} "
              f"{row.get('max_logit_difference', 0.0):>13.2e}")
    OUT.mkdir(exist_ok=True)
    (OUT / "cross_encoder.json").write_text(json.dumps({"pairs": len(pairs), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
