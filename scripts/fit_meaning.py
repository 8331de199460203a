"""Fit the pair-level meaning model on MRPC and write it to the package.

    python scripts/fit_meaning.py

Features: ``unspin.explain.meaning.FEATURES`` of each MRPC pair explained
as one passage, with the cross-encoder's out-of-fold logit (run
``scripts/fit_cross_encoder.py`` first when the cross-encoder changes). Target: MRPC's non-paraphrase label. Ridge logistic
regression on standardised features, and the threshold that maximises F1;
the numbers land in ``src/unspin/explain/meaning_weights.json``. Prints the
10-fold cross-validated scores, the ones to quote.
"""

from __future__ import annotations

import json
from pathlib import Path

from unspin.evaluation.datasets import mrpc_pairs
from unspin.evaluation.mrpc_eval import cross_validated, features, fit, out_of_fold_logits
from unspin.explain.meaning import FEATURES


def main() -> None:
    pairs = mrpc_pairs()
    x, y = features(pairs, out_of_fold_logits(pairs))
    model = fit(x, y)
    payload = {
        "features": list(FEATURES), "bias": round(model.bias, 4), "weights": [round(float(w), 4) for w in model.weights],
        "mean": [round(float(m), 4) for m in model.mean], "scale": [round(float(s), 4) for s in model.scale],
        "threshold": model.threshold, "fitted_on": "MRPC train (4,076 pairs), out-of-fold cross-encoder logits, scripts/fit_meaning.py",
    }
    out = Path(__file__).resolve().parents[1] / "src" / "unspin" / "explain" / "meaning_weights.json"
    out.write_text(json.dumps(payload, indent=2) + "\n")
    print(json.dumps(payload))
    print("10-fold cross-validated:", cross_validated(x, y))


if __name__ == "__main__":
    main()
