"""Wordings that name no new party: a size said as "a staff of 23", and "one of them" for a counted group.

Each faithful row rewords a sentence so that a noun joins a list or a pronoun appears where the source
named no one; each changed twin does add a party or drop a name, and must still be reported. Every
sentence is our own writing.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from unspin.api import article_from_text, compare
from unspin.records import spans_overlap


class Row(NamedTuple):
    source: str
    copy: str
    entity: bool
    """Whether an entity change must land on the rewritten sentence (False: none may)."""


BEFORE, AFTER = "The brewery opened in a railway arch in 2011.", "Its beers are sold in forty pubs."
ROWS = [
    Row("It now brews nine beers and employs 31 people.", "Today the brewery makes nine beers and has a staff of 31.", False),
    Row("The firm runs 12 depots and employs about 800 drivers.",
        "The firm has 12 depots and a workforce of about 800 drivers.", False),
    Row("The brewery supplies pubs across the county.",
        "The brewery supplies pubs and the Kestrel Group across the county.", True),
    Row("Five ships were damaged. One belongs to the coastguard; the others were hired from Pellow Marine.",
        "Five ships were damaged. One of them belongs to the coastguard; the rest were hired from Pellow Marine.", False),
    Row("Ruth Calder, the brewery's founder, said the sale would go ahead.",
        "She said the sale would go ahead.", True),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.copy[:40] for r in ROWS])
def test_entity_changes_land_only_where_a_party_changed(row: Row) -> None:
    a = article_from_text(f"{BEFORE} {row.source} {AFTER}")
    b = article_from_text(f"{BEFORE} {row.copy} {AFTER}")
    a_at, b_at = a.text.find(row.source), b.text.find(row.copy)
    a_span, b_span = (a_at, a_at + len(row.source)), (b_at, b_at + len(row.copy))
    found = [c for p in compare(a, b).passages for c in p.changes
             if c.type == "entity" and (spans_overlap(c.a, a_span) or spans_overlap(c.b, b_span))]
    assert bool(found) == row.entity, [c.note for c in found]


def test_one_of_them_is_no_name_dropped_for_a_pronoun() -> None:
    """The copy leaves a name out ("from a private firm") and says "one of them": the pronoun stands for the
    ships counted, so no change reads the name as turned into it."""
    source = "Five ships were damaged. One belongs to the coastguard; the others were hired from Pellow Marine."
    copy = "Five ships were damaged. One of them belongs to the coastguard; the rest were hired from a private firm."
    a, b = article_from_text(f"{BEFORE} {source} {AFTER}"), article_from_text(f"{BEFORE} {copy} {AFTER}")
    assert not [c.note for p in compare(a, b).passages for c in p.changes if c.b_text == "them"]
