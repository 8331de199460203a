"""Evaluation helpers shared by ``bench/`` and the evaluation gate in ``tests/``."""
