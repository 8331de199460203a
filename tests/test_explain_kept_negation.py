"""A sentence that keeps one negation and drops another: the change is the dropped one, not the kept one.

Rewriters merge sentences ("said X is not Y. He added Z had not happened" → "said X is not Y, and that Z
happened") and say a negation with another word ("failed to keep" → "did not keep"); the negation reported
must be the one the copy no longer says, so a faithful clause beside it is not flagged.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from unspin.api import article_from_text, compare
from unspin.records import spans_overlap


class Row(NamedTuple):
    source: str
    copy: str
    kept: str
    """Words of the source whose negation the copy keeps: no negation may be reported over them."""
    dropped: str | None
    """Words of the source whose negation the copy drops: the negation reported lands there (None: no change)."""


ROWS = [
    Row("The mayor said the plan was not a done deal. She added that the council had not yet approved the budget.",
        "The mayor said the plan was not a done deal, and that the council had approved the budget.",
        "not a done deal", "not yet approved"),
    Row("Auditors found that the club had failed to pay its players on time, although they said no player had left.",
        "According to the audit, the club did not pay its players on time, and players had left as a result.",
        "failed to pay", "no player"),
    Row("The union said the offer was not enough. It said members would not return to work on Monday.",
        "The union said the offer was not enough and that members would return to work on Monday.",
        "not enough", "not return"),
    Row("The regulator said the firm had failed to file its accounts by the deadline.",
        "The firm did not file its accounts by the deadline, the regulator said.",
        "failed to file", None),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.kept for r in ROWS])
def test_the_negation_reported_is_the_one_dropped(row: Row) -> None:
    before, after = "Rain fell across the county on Sunday.", "The next meeting is in March."
    a = article_from_text(f"{before} {row.source} {after}")
    b = article_from_text(f"{before} {row.copy} {after}")
    negations = [c for p in compare(a, b).passages for c in p.changes if c.type == "negation"]
    kept_at = a.text.find(row.kept)
    kept_span = (kept_at, kept_at + len(row.kept))
    assert not any(c.a is not None and spans_overlap(c.a, kept_span) for c in negations)
    if row.dropped is None:
        assert not negations
        return
    dropped_at = a.text.find(row.dropped)
    assert any(c.a is not None and spans_overlap(c.a, (dropped_at, dropped_at + len(row.dropped))) for c in negations)
    assert not any(c.b is not None and b.text[c.b[0]:c.b[1]].lower() == "not" for c in negations)  # the copy keeps it
