"""A describing word turned round across sentences the copy merged or split: our own sentences."""

from __future__ import annotations

from unspin.api import article_from_text, compare
from unspin.explain.attributes import attribute_changes

SOURCE = ("Engineers found a fault in one thruster during testing, the agency said on Monday. "
          "Mission manager Dr Aisha Demir said the fault was minor but had to be fixed before flight.")


def changes(copy: str) -> list[tuple[str, str, str]]:
    result = compare(article_from_text(SOURCE), article_from_text(copy))
    return [(c.type, c.a_text, c.b_text) for p in result.passages for c in p.changes]


def test_a_minor_fault_made_serious_in_another_sentence_is_an_inversion() -> None:
    copy = ("The agency said on Monday that tests had uncovered a serious fault in one thruster. "
            "Dr Aisha Demir, the mission manager, said it had to be fixed before flight.")
    assert ("inversion", "minor", "serious") in changes(copy)


def test_the_same_description_moved_to_another_sentence_is_no_change() -> None:
    copy = ("The agency said on Monday that tests had uncovered a minor fault in one thruster. "
            "Dr Aisha Demir, the mission manager, said it had to be fixed before flight.")
    assert not any(kind == "inversion" for kind, _, _ in changes(copy))


def test_two_things_described_apart_are_not_paired() -> None:
    a = "The injury was minor. The storm was serious."
    b = "The storm was serious. The injury was minor."
    units = (((0, 21), (23, len(b))), ((22, len(a)), (0, 22)))
    assert attribute_changes(a, b, units, []) == []


def test_a_pole_the_unit_already_reports_is_not_reported_again() -> None:
    a = "The fault was minor. Engineers were calm."
    b = "Engineers were calm. It was a serious fault."
    units = (((0, 20), (21, len(b))), ((21, len(a)), (0, 20)))
    assert attribute_changes(a, b, units, []) == []  # the same unit holds both poles: the unit detectors' to read
