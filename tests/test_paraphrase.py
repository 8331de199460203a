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
