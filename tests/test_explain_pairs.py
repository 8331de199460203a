"""Two parties of a pair trading places across the article: our own sentences, one turned and two faithful."""

from __future__ import annotations

from unspin.explain.pairs import paired_swaps, pairs

SOURCE = ("Harrowgate and Kelso building societies will merge next spring after members voted for the deal. "
          "The combined society will trade under the Harrowgate name from its head office in Leeds. "
          "Kelso, which has 40,000 members and nine branches, will stop using its own brand when the merger completes.")


def test_the_pair_is_read_from_the_source() -> None:
    assert pairs(SOURCE) == [("harrowgate", "kelso")]


def test_a_claim_given_to_the_other_party_is_an_inversion() -> None:
    copy = ("Members have voted for a merger of the Harrowgate and Kelso building societies next spring. "
            "The new society will keep the Kelso name, run from a head office in Leeds. "
            "Harrowgate, with nine branches and 40,000 members, will stop using its own brand once the merger completes.")
    found = paired_swaps(SOURCE, copy, [])
    assert [(c.type, c.a_text, c.b_text) for c in found] == [("inversion", "Harrowgate", "Kelso"),
                                                             ("inversion", "Kelso", "Harrowgate")]


def test_the_same_claims_in_other_words_stay_silent() -> None:
    copy = ("Members have voted for a merger of the Harrowgate and Kelso building societies next spring. "
            "The new society will keep the Harrowgate name, run from a head office in Leeds. "
            "Kelso, with nine branches and 40,000 members, will stop using its own brand once the merger completes.")
    assert paired_swaps(SOURCE, copy, []) == []
