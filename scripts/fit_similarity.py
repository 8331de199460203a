"""Fit the sentence-similarity weights on MRPC and write them to the package.

    python scripts/fit_similarity.py

Features: Dice overlap of stemmed content words, and WordLlama cosine.
Target: MRPC's paraphrase label. Plain logistic regression by Newton's
method; the three numbers land in ``src/unspin/align/similarity_weights.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from unspin.align.similarity import pair_features
from unspin.evaluation.datasets import mrpc_pairs
from unspin.evaluation.logistic import fit_logistic


def main() -> None:
    pairs = mrpc_pairs()
    x = np.stack(pair_features([p.a for p in pairs], [p.b for p in pairs]), axis=1)
    y = np.array([p.label for p in pairs], dtype=float)
    w = fit_logistic(x, y)
    out = Path(__file__).resolve().parents[1] / "src" / "unspin" / "align" / "similarity_weights.json"
    payload = {"bias": round(float(w[0]), 4), "w_lex": round(float(w[1]), 4), "w_sem": round(float(w[2]), 4),
               "fitted_on": "MRPC train (4,076 pairs), scripts/fit_similarity.py"}
    out.write_text(json.dumps(payload, indent=2) + "\n")
    print(json.dumps(payload))


if __name__ == "__main__":
    main()
