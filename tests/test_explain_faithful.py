"""Explain stays silent on what faithful rewrites do, and reports claims the copy adds.

Every sentence here is our own writing.
"""

from __future__ import annotations

from unspin.explain.changes import changes_in
from unspin.explain.claims import added_sentences
from unspin.explain.unit import UnitPair
from unspin.segment import split_sentences


def types(source: str, copy: str) -> list[str]:
    return [c.type for c in changes_in(UnitPair.of(source, copy))]


def test_a_modal_shifted_by_reported_speech_is_no_hedge() -> None:
    assert "hedge" not in types("The council said tenants could claim a refund.",
                                "Tenants can claim a refund, the council said.")
    assert "hedge" in types("Tenants could claim a refund.", "Tenants claim a refund.")


def test_a_number_glued_to_a_name_is_no_amount() -> None:
    assert types("The Marten-2 rover lost one of its six wheels.", "The Marten-2 rover lost two of its six wheels.") == ["number"]


def test_a_value_both_sides_state_is_no_substitution() -> None:
    assert "number" not in types("The bakery will shut four of its 19 shops.",
                                 "Four towns will lose a bakery as four shops shut.")


def test_a_pronoun_stands_for_the_name_the_copy_gave_before() -> None:
    source = ("Calderbank have signed Ortega from Ardley.\nOrtega becomes their third signing, after defender "
              "Luca Moretti, goalkeeper Sam Okoro and midfielder Alfie Dunn.")
    copy = "Calderbank have signed Ortega from Ardley.\nHe is their third signing, after defender Luca Moretti and midfielder Alfie Dunn."
    a, b = source.index("Ortega becomes"), copy.index("He is")
    found = changes_in(UnitPair(source, (a, len(source)), copy, (b, len(copy))))
    assert not [c for c in found if c.b_text == "He"]  # "He" is Ortega, not the goalkeeper the list dropped


def test_a_claim_moved_to_another_sentence_is_not_dropped() -> None:
    source = "The ferry sailed at noon. The crossing was delayed by strong winds across the northern channel."
    copy = "The ferry sailed at noon. Strong winds across the northern channel delayed the crossing."
    unit = UnitPair(source, (0, len(source)), copy, (0, copy.index(" Strong")))
    assert "omission" not in [c.type for c in changes_in(unit)]


def test_copy_sentences_no_unit_holds_are_additions_unless_the_source_says_them() -> None:
    source = "The mill reopened on Monday. Forty staff returned to work. The owners thanked the town."
    copy = ("The mill reopened on Monday. Forty staff returned to work. Its new owners plan to export cloth to Norway."
            " Staff returned to work, forty of them. The owners thanked the town.")
    s, c = split_sentences(source), split_sentences(copy)
    units = [(s[0], c[0]), (s[1], c[1]), (s[2], c[4])]
    added = added_sentences(source, copy, tuple(c), units)
    assert [copy[x.b[0] : x.b[1]] for x in added if x.b] == ["Its new owners plan to export cloth to Norway."]
    assert all(x.type == "addition" and x.a is None for x in added)


def test_a_whole_clause_dropped_or_added_is_an_omission_or_addition() -> None:
    assert types("The mayor backed the plan but worried about the reduced opening hours.",
                 "The mayor backed the plan.") == ["omission"]
    assert types("The club signed the striker.", "The club signed the striker and Ardley had bid for him first.") == ["addition"]
    assert types("The club signed the striker on Friday.", "The club signed the striker.") == []


def test_a_pronoun_turned_to_the_other_gender_is_an_entity_change() -> None:
    assert types("She said several schools had joined.", "He said several schools had joined.") == ["entity"]
    assert types("She said her school had joined.", "She said several schools had joined.") == []


def test_more_comparison_words_turned_round_are_inversions() -> None:
    assert types("The pitch had become easier to bat on.", "The pitch had become harder to bat on.") == ["inversion"]
    assert types("The chain moved slower than rivals.", "The chain moved quicker than rivals.") == ["inversion"]
    assert types("Inflation fell faster than forecast.", "Inflation fell more slowly than forecast.") == ["inversion"]
