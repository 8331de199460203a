"""Paraphrases that move a cue rather than change it report nothing; the changes next to them still report."""

import pytest

from unspin.explain.changes import changes_in
from unspin.explain.unit import UnitPair

FAITHFUL = [
    ("If it rains, the club can cancel the match.", "The club can cancel the match if it rains."),
    ("Geologists believe the cave was once a river bed.", "The cave is thought to have once been a river bed."),
    ("The dispute centres on the firm's plan to cut pay by 5 percent.",
     "At the heart of the dispute are the firm's plans for a 5 percent pay cut."),
    ("Fines can reach 2 percent of turnover.", "Fines of up to 2 percent of turnover are allowed."),
    ("Most delays came from pipes that were not on the maps.",
     "Most delays came from pipes that were missing from the maps."),
    ("The rest came from the city and a grant from the Horne Trust.", "The city and the Horne Trust provided the rest."),
    ("The 2.1-kilometre bridge adds two lanes.", "The bridge stretches 2.1 kilometres and adds two lanes."),
    ("Officials estimated the cost of the repairs at 3 million pounds.",
     "Officials put the cost of the repairs at 3 million pounds."),
    ("Tenants at Hale Court said younger residents would face a longer walk to the shops, and asked for a bus.",
     "Hale Court tenants warned that younger residents would have a longer walk to the shops, and called for a bus."),
]

CHANGED = [
    ("Police said the driver was drunk.", "The driver was drunk.", "hedge"),
    ("The mayor may resign.", "The mayor will resign.", "hedge"),
    ("The pipes were not on the maps.", "The pipes were on the maps.", "negation"),
    ("The club will cancel the match.", "The club will cancel the match if it rains.", "addition"),
    ("Fines reach 2 percent of turnover.", "Fines reach up to 2 percent of turnover.", "addition"),
    ("Officials estimated the cost of the repairs at 3 million pounds.",
     "Officials said the cost of the repairs was 3 million pounds.", "hedge"),
    ("The commute will be longer for most staff.", "The commute will be shorter for most staff.", "inversion"),
]


@pytest.mark.parametrize(("source", "copy"), FAITHFUL)
def test_paraphrase_reports_nothing(source: str, copy: str) -> None:
    assert changes_in(UnitPair.of(source, copy)) == []


@pytest.mark.parametrize(("source", "copy", "kind"), CHANGED)
def test_change_beside_a_guard_still_reports(source: str, copy: str, kind: str) -> None:
    assert kind in {c.type for c in changes_in(UnitPair.of(source, copy))}


def _first_sentences(source: str, copy: str) -> UnitPair:
    """The first sentence of each text as a unit, the rest of each text its context."""
    return UnitPair(source, (0, source.index(". ") + 1), copy, (0, copy.index(". ") + 1))


def test_clause_merged_from_the_next_sentence_is_no_addition() -> None:
    source = ("The mayor, Ana Ruiz, said the city valued the scheme and was reviewing its budget. "
              "She did not give a date. Work starts in May.")
    copy = ("Ana Ruiz, the mayor, said the city valued the scheme and was reviewing its budget, without giving a date. "
            "Work starts in May.")
    assert changes_in(_first_sentences(source, copy)) == []


def test_clause_the_next_sentence_does_not_say_is_still_an_addition() -> None:
    source = "The club will cancel the match. Fans were told on Friday. Tickets will be refunded."
    copy = "The club will cancel the match if it rains. Fans were told on Friday. Tickets will be refunded."
    assert "addition" in {c.type for c in changes_in(_first_sentences(source, copy))}
