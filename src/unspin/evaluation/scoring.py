"""Scores for alignment: PAN character measures with drift tolerance, and
sentence-level passage recall/precision for spun copies with known provenance."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from unspin.records import Passage, Span


@dataclass(frozen=True, slots=True)
class PanCase:
    susp: Span
    src: Span


def _overlap(x: Span, y: Span) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def _covered(span: Span, others: Sequence[Span], margin: int = 0) -> int:
    """Characters of ``span`` inside the union of ``others`` (each widened by ``margin``)."""
    marks = bytearray(span[1] - span[0])
    for o in others:
        lo, hi = max(span[0], o[0] - margin), min(span[1], o[1] + margin)
        if hi > lo:
            marks[lo - span[0] : hi - span[0]] = b"\x01" * (hi - lo)
    return sum(marks)


def pan_scores(cases: list[list[PanCase]], detections: list[list[tuple[Span, Span]]], tolerance: int = 50) -> dict[str, float]:
    """Macro PAN precision, recall, granularity and plagdet over document pairs.

    A detection is ``(span in the suspicious text, span in the source)``.

    Offsets in this copy of PAN-13 drift by ~15 characters, so a detection's
    characters within ``tolerance`` of a true case count as correct.
    """
    recalls, precisions, grans = [], [], []
    for pair_cases, pair_dets in zip(cases, detections):
        for case in pair_cases:
            size = (case.susp[1] - case.susp[0]) + (case.src[1] - case.src[0])
            hit = _covered(case.susp, [d[0] for d in pair_dets], tolerance) + _covered(case.src, [d[1] for d in pair_dets], tolerance)
            recalls.append(min(1.0, hit / max(size, 1)))
            overlapping = [d for d in pair_dets if _overlap(d[0], case.susp) and _overlap(d[1], case.src)]
            if overlapping:
                grans.append(len(overlapping))
        for det_a, det_b in pair_dets:
            size = (det_a[1] - det_a[0]) + (det_b[1] - det_b[0])
            hit = _covered(det_a, [c.susp for c in pair_cases], tolerance) + _covered(det_b, [c.src for c in pair_cases], tolerance)
            precisions.append(hit / max(size, 1))
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    granularity = sum(grans) / len(grans) if grans else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "granularity": granularity, "plagdet": f1 / math.log2(1 + granularity)}


def provenance_scores(
    copy_sentences: list[Span], provenance: list[tuple[int, ...]], source_sentences: list[Span], passages: Sequence[Passage]
) -> tuple[int, int, int, int]:
    """``(recalled, reusable, correct, aligned)`` sentence counts for one spun copy.

    A copy sentence is aligned when an aligned unit covers most of it, and
    correct when that unit's source side overlaps a sentence it came from.
    """
    units = [u for p in passages for u in p.units]
    recalled = reusable = correct = aligned = 0
    for span, origin in zip(copy_sentences, provenance):
        length = span[1] - span[0]
        best = max(units, key=lambda u: _overlap(u[0], span), default=None)
        is_aligned = best is not None and _overlap(best[0], span) >= 0.5 * length
        truth = [source_sentences[i] for i in origin]
        right = is_aligned and any(_overlap(best[1], t) > 0 for t in truth)  # type: ignore[index]
        if origin:
            reusable += 1
            recalled += int(right)
        if is_aligned:
            aligned += 1
            correct += int(right)
    return recalled, reusable, correct, aligned
