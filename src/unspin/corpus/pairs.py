"""Per-candidate work: align and explain one pair, and describe it as table rows (both runners call it)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from unspin.align.aligner import align
from unspin.corpus.config import ReuseConfig
from unspin.corpus.features import row_article, vectors_of
from unspin.pair import publication_order, read_pair
from unspin.records import Article, Passage, Span
from unspin.report.json_report import block_json, change_json
from unspin.trace import span_coverage

PAIR_COLUMNS = (
    "a_id", "b_id", "similarity", "coverage_a", "coverage_b", "kind", "meaning_changed", "change_score",
    "direction", "source_id", "passages", "blocks", "omitted",
)


def compare_candidate(
    item: tuple[dict[str, Any], bytes, dict[str, Any], bytes], config: ReuseConfig
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """:func:`compare_pair` on two ``articles`` rows and their ``features`` vectors, as the runners hold them."""
    a_row, a_vectors, b_row, b_vectors = item
    return compare_pair(
        row_article(a_row), vectors_of(a_vectors), row_article(b_row), vectors_of(b_vectors), config
    )


def compare_pair(
    a: Article, a_vectors: np.ndarray, b: Article, b_vectors: np.ndarray, config: ReuseConfig
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The ``pairs`` row and ``passages`` rows of a candidate, or None if it reuses too little."""
    passages = align(a, b, a_vectors, b_vectors)
    if not passages:
        return None
    coverage_a = span_coverage(a, [p.a for p in passages])
    coverage_b = span_coverage(b, [p.b for p in passages])
    if max(coverage_a, coverage_b) < config.min_coverage:
        return None
    order = publication_order(a, b)
    reading = read_pair(a, b, passages, order or "a_to_b", config.explain)
    passages = reading.passages
    direction, source_id = (order, a.id if order == "a_to_b" else b.id) if order else ("unknown", None)
    pair = {
        "a_id": a.id, "b_id": b.id,
        "similarity": _weighted_similarity(passages),
        "coverage_a": coverage_a, "coverage_b": coverage_b,
        "kind": _dominant_kind(passages),
        "meaning_changed": reading.meaning_changed, "change_score": reading.change_score,
        "direction": direction, "source_id": source_id,
        "passages": len(passages),
        "blocks": json.dumps([block_json(x) for x in reading.blocks]),
        "omitted": json.dumps([list(s) for s in reading.omitted]),
    }
    rows = [
        {
            "a_id": a.id, "b_id": b.id, "number": n,
            "a_start": p.a[0], "a_end": p.a[1], "b_start": p.b[0], "b_end": p.b[1],
            "kind": p.kind, "similarity": p.similarity,
            "changes": json.dumps([change_json(c) for c in p.changes], ensure_ascii=False),
        }
        for n, p in enumerate(passages)
    ]
    return pair, rows


def _length(span: Span) -> int:
    return span[1] - span[0]


def _weighted_similarity(passages: tuple[Passage, ...]) -> float:
    total = sum(_length(p.a) for p in passages)
    return round(sum(p.similarity * _length(p.a) for p in passages) / total, 4) if total else 0.0


def _dominant_kind(passages: tuple[Passage, ...]) -> str:
    """The kind covering most of A's characters (ties: the closer copy)."""
    order = ("verbatim", "edited", "paraphrase")
    share = {k: sum(_length(p.a) for p in passages if p.kind == k) for k in order}
    return max(order, key=lambda k: (share[k], -order.index(k)))

