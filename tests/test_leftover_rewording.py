"""A sentence another writer rewords heavily and moves to another paragraph is restated, not dropped and added.

The aligner leaves such a sentence over on both sides; the cross-encoder reads it as a likely restatement but
not a certain one, and the content words the rewording keeps (its people, places, dates and what happened)
are the second witness. A changed fact inside the moved sentence is still reported, and a sentence dropped
for an unrelated one still reads as dropped.
"""

from __future__ import annotations

from unspin.api import article_from_text, compare
from unspin.records import spans_overlap

OPENING = ("The county council approved a new budget on Tuesday after a four-hour debate.\n\n"
           "Council tax will rise by 4.5% from April, the largest increase in a decade.\n\n"
           "The leader of the council, Mark Hollis, said the rise was needed to protect care services.\n\n")
MOVED = ("Opposition councillors said the closure of three libraries planned for the summer would hit rural "
         "villages hardest, a worry raised by parents at public meetings in the autumn.")
ROADS = "The budget also includes £2 million for road repairs on the coast road."
SOURCE = OPENING + MOVED + "\n\n" + ROADS + "\n"


def _over(copy_sentence: str) -> tuple[set[str], bool, set[str]]:
    """Change types reported over the moved sentence on either side, whether the source one is omitted, and
    the types of the changes that land on the copy's last sentence."""
    copy = OPENING + ROADS + "\n\n" + copy_sentence + "\n"
    a, b = article_from_text(SOURCE), article_from_text(copy)
    result = compare(a, b)
    a_at, b_at = a.text.find(MOVED), b.text.find(copy_sentence)
    a_span, b_span = (a_at, a_at + len(MOVED)), (b_at, b_at + len(copy_sentence))
    changes = [c for p in result.passages for c in p.changes]
    over = {c.type for c in changes if spans_overlap(c.a, a_span) or spans_overlap(c.b, b_span)}
    on_copy = {c.type for c in changes if spans_overlap(c.b, b_span)}
    return over, any(spans_overlap(s, a_span) for s in result.omitted), on_copy


def test_a_moved_rewording_is_not_dropped_and_added() -> None:
    over, omitted, _ = _over("Critics insist the countryside will bear the brunt once three libraries shut this summer, "
                             "despite fears parents voiced at public meetings in the autumn.")
    assert not omitted
    assert not over & {"omission", "addition"}


def test_a_changed_fact_inside_the_moved_rewording_is_still_reported() -> None:
    over, omitted, _ = _over("Critics insist the countryside will not bear the brunt once three libraries shut this "
                             "summer, despite fears parents voiced at public meetings in the autumn.")
    assert not omitted
    assert "negation" in over


def test_a_dropped_sentence_against_an_unrelated_added_one_stays_dropped() -> None:
    over, omitted, on_copy = _over("Residents can comment on the plans online until the end of the month, "
                                   "the council said.")
    assert omitted
    assert "addition" in on_copy
