"""The learned change model: its stretches, features and findings, and the contrast data it is fitted on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from unspin.evaluation.contrast import ContrastPair, contrast_pairs, labelled_stretches
from unspin.explain.changes import changes_in
from unspin.explain.learned import (
    FEATURES, LABELS, SWITCH, default_change_model, differing_stretches, learned_changes, read_stretches, stretch_features,
)
from unspin.explain.unit import UnitPair

@pytest.fixture(autouse=True)
def fallback_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "1")


SOURCE = "The mayor said the new bridge will open to traffic in the spring."
QUOTED = '"We can fix the roof before the winter," the caretaker told the parish meeting.'


def test_stretches_are_the_words_that_differ_on_each_side() -> None:
    copy = "The mayor stated the new bridge will not open to traffic in the spring."
    stretches = differing_stretches(SOURCE, copy)
    said = [(SOURCE[s.a[0] : s.a[1]], copy[s.b[0] : s.b[1]]) for s in stretches]
    assert said == [("said", "stated"), ("", "not")]
    assert differing_stretches(SOURCE, SOURCE) == []


words = st.sampled_from("the council said on monday that its new budget would not rise by four percent".split())
sentences = st.lists(words, min_size=1, max_size=25).map(" ".join)


@settings(max_examples=25, deadline=None)
@given(sentences, sentences)
def test_stretch_spans_lie_inside_their_sides_and_features_have_one_row_each(a: str, b: str) -> None:
    stretches = differing_stretches(a, b)
    for s in stretches:
        assert 0 <= s.a[0] <= s.a[1] <= len(a) and 0 <= s.b[0] <= s.b[1] <= len(b)
        assert s.a[0] < s.a[1] or s.b[0] < s.b[1]
    features = stretch_features(a, b, stretches)
    assert features.shape == (len(stretches), FEATURES)
    np.testing.assert_array_equal(features, stretch_features(a, b, stretches))
    p = default_change_model().probabilities(features)
    assert p.shape == (len(stretches), len(LABELS))
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)


def test_a_faithful_paraphrase_stays_silent() -> None:
    copy = "The mayor stated the new bridge will open to traffic in the spring."
    unit = UnitPair.of(SOURCE, copy)
    assert learned_changes(unit, []) == []
    assert changes_in(unit) == []


def test_a_planted_negation_is_found_with_its_words() -> None:
    copy = "The mayor said the new bridge will not open to traffic in the spring."
    findings = read_stretches(SOURCE, copy)
    assert [(f.type, copy[f.stretch.b[0] : f.stretch.b[1]]) for f in findings] == [("negation", "not")]
    assert findings[0].probability >= default_change_model().threshold


def test_words_a_rule_reads_are_left_to_the_rules() -> None:
    negated = UnitPair.of(SOURCE, "The mayor said the new bridge will not open to traffic in the spring.")
    assert learned_changes(negated, []) == []  # a negation word: the rule reports it
    assert [c.type for c in changes_in(negated)] == ["negation"]
    rounded = UnitPair.of("Inflation was 1.39 percent in May.", "Inflation was 1.4 percent in May.")
    assert learned_changes(rounded, []) == []  # the number rule judged these the same
    named = UnitPair.of("Mayor Ines Okafor said the link would open.", "She said the link would open.")
    assert learned_changes(named, []) == []  # whom a pronoun means is for the entity rules


def test_the_model_reports_a_quote_insertion_and_defers_to_the_rule_that_sees_it() -> None:
    unit = UnitPair.of(QUOTED, QUOTED.replace("can fix", "can certainly fix"))
    [change] = learned_changes(unit, [])
    assert (change.type, change.a, change.b_text) == ("quote", None, "certainly")
    assert "learned model" in change.note
    [ruled] = changes_in(unit)  # the quote rule now sees it: one change, the rule's, not the model's too
    assert ruled.type == "quote" and "learned model" not in ruled.note


def test_the_fallback_is_off_unless_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SWITCH)
    unit = UnitPair.of(QUOTED, QUOTED.replace("can fix", "can certainly fix"))
    assert learned_changes(unit, []) == []
    assert not any("learned model" in c.note for c in changes_in(unit))


def test_the_planted_stretch_gets_the_type_and_the_rest_stay_faithful() -> None:
    copy = "The mayor stated the new bridge will not open to traffic in the spring."
    at = copy.index("not")
    rows = labelled_stretches(ContrastPair(SOURCE, copy, "negation", (at, at + 3)), group=4)
    assert [(LABELS[r.label], r.group) for r in rows] == [("faithful", 4), ("negation", 4)]
    missed = ContrastPair(SOURCE, SOURCE, "negation", (3, 8))  # the plant changed nothing the diff sees
    assert labelled_stretches(missed, group=4) == []


def test_contrast_pairs_are_the_same_for_the_same_seed(shared_data: Path) -> None:
    first = list(contrast_pairs(3, seed=5))
    assert first == list(contrast_pairs(3, seed=5))
    planted = [p for _, p in first if p.type != "faithful"]
    assert planted and {p.type for p in planted} <= set(LABELS)
    for p in planted:
        assert p.copy != p.source and 0 <= p.region[0] <= p.region[1] <= len(p.copy)
