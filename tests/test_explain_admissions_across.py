"""An admission turned into a denial in another sentence of the article, and the faithful copies that keep it."""

from __future__ import annotations

from unspin.api import article_from_text, compare
from unspin.explain.admissions import admission_changes

SOURCE = ("Councillor Dev Marsh stood down on Monday. He has denied breaching the code of conduct. "
          "A by-election will be held in March, the council said.")


def _inversions(source: str, copy: str) -> list[tuple[str, str]]:
    result = compare(article_from_text(source), article_from_text(copy))
    return [(c.a_text, c.b_text) for p in result.passages for c in p.changes if c.type == "inversion"]


def test_a_denial_turned_into_an_admission_elsewhere_in_the_copy_is_an_inversion() -> None:
    copy = ("Councillor Dev Marsh stood down on Monday after admitting he breached the code of conduct. "
            "A by-election will be held in March, the council said.")
    assert ("denied", "admitting") in _inversions(SOURCE, copy)


def test_a_copy_that_keeps_the_denial_is_silent() -> None:
    copy = ("Councillor Dev Marsh, who denies breaching the code of conduct, stood down on Monday. "
            "The council said a by-election will be held in March.")
    assert _inversions(SOURCE, copy) == []


def test_an_article_that_answers_both_ways_pairs_nothing() -> None:
    source = "Ms Hart admitted speeding but denied careless driving."
    copy = "Ms Hart admitted careless driving."
    assert admission_changes(source, copy, []) == []
