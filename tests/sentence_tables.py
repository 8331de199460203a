"""Table tests of one rewritten sentence: set it between verbatim neighbours, compare, read what lands on it.

Shared by the per-frame tables (``test_explain_faithful_general.py``, ``test_explain_hedge_omission_general.py``):
each row is a source sentence and its rewrite, and a test asks which change types the comparison reports over
the rewritten sentence on either side, and whether the source sentence is listed as omitted.
"""

from __future__ import annotations

from typing import NamedTuple

from unspin.api import article_from_text, compare
from unspin.records import spans_overlap


class Row(NamedTuple):
    frame: str
    source: str
    copy: str
    want: frozenset[str] | None = None


def types(*names: str) -> frozenset[str]:
    return frozenset(names)


class Reading(NamedTuple):
    """The change types reported over the rewritten sentence, whether its source side was reported omitted, and
    the types reported with words on both sides (a change that names what the source said and what the copy says)."""

    types: frozenset[str]
    omitted: bool
    paired: frozenset[str] = frozenset()


def read(row: Row, around: tuple[str, str]) -> Reading:
    """Compare ``row`` set between the verbatim neighbours ``around``; what is reported over its sentences."""
    before, after = around
    a = article_from_text(f"{before} {row.source} {after}")
    b = article_from_text(f"{before} {row.copy} {after}")
    result = compare(a, b)
    a_at, b_at = a.text.find(row.source), b.text.find(row.copy)
    assert a_at >= 0 and b_at >= 0
    a_span, b_span = (a_at, a_at + len(row.source)), (b_at, b_at + len(row.copy))
    over = [c for p in result.passages for c in p.changes if spans_overlap(c.a, a_span) or spans_overlap(c.b, b_span)]
    return Reading(frozenset(c.type for c in over), any(spans_overlap(s, a_span) for s in result.omitted),
                   frozenset(c.type for c in over if c.a_text and c.b_text))
