"""Shared fixtures: paths to the shared data and seeds, and small stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspin.evaluation.datasets import data_root

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"


def seed(name: str) -> Path:
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    if not matches:
        pytest.skip("../shared/seeds is not present")
    return matches[0]


@pytest.fixture
def shared_data() -> Path:
    root = data_root()
    if not root.exists():
        pytest.skip("../shared/data is not present")
    return root
