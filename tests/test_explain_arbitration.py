"""Type arbitration: which of the issue 18 types a change gets when more than one detector sees it.

Dropped qualifiers and conditions are omissions, how sure a claim is is a hedge, a party added to a
list is an entity, a rejected alternative stated as what happened is an inversion, and a negation
inside a clause the copy drops is that clause's omission. Every sentence here is our own writing.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.api import article_from_text, compare
from unspin.explain.changes import changes_in
from unspin.explain.unit import UnitPair


def changes(source: str, copy: str) -> list[tuple[str, str, str]]:
    return [(c.type, c.a_text, c.b_text) for c in changes_in(UnitPair.of(source, copy))]


def types(source: str, copy: str) -> list[str]:
    return sorted(t for t, _, _ in changes(source, copy))


def test_a_bound_dropped_is_an_omission_and_no_hedge() -> None:
    assert changes("Gusts of up to 80mph hit the harbour.", "Gusts of 80mph hit the harbour.") == [
        ("omission", "up to 80", "80")]
    assert changes("The landlord ignored at least six letters.", "The landlord ignored six letters.") == [
        ("omission", "at least six", "six")]
    assert changes("The ferry carried more than 90 cars.", "The ferry carried 90 cars.") == [
        ("omission", "more than 90", "90")]


def test_a_scope_qualifier_dropped_is_an_omission_and_one_added_an_addition() -> None:
    assert changes("Some tenants refused to pay.", "Tenants refused to pay.") == [("omission", "Some", "")]
    assert changes("Tenants refused to pay.", "Some tenants refused to pay.") == [("addition", "", "Some")]
    assert changes("It was the first Scandinavian depot the firm built.", "It was the depot the firm built.") == [
        ("omission", "first Scandinavian", "")]


def test_an_estimate_dropped_is_both_an_omission_and_a_hedge_on_the_same_words() -> None:
    assert types("The fire destroyed about 40 homes.", "The fire destroyed 40 homes.") == ["hedge", "omission"]
    assert types("The fire destroyed 40 homes.", "The fire destroyed about 40 homes.") == ["addition", "hedge"]
    assert types("The vase is worth an estimated £9,000.", "The vase is worth £9,000.") == ["hedge", "omission"]
    found = changes("Some 300 walkers joined the protest.", "300 walkers joined the protest.")
    assert {t for t, _, _ in found} == {"hedge", "omission"} and {a for _, a, _ in found} == {"Some"}


def test_a_share_made_whole_is_a_scope_widened_not_a_hedge() -> None:
    assert changes("Most of the stolen bikes were found.", "All of the stolen bikes were found.") == [
        ("omission", "Most of", "All of the")]
    assert changes("All of the stolen bikes were found.", "Most of the stolen bikes were found.") == [
        ("addition", "All of the", "Most of")]


def test_modality_stays_a_hedge_next_to_a_dropped_bound() -> None:
    assert sorted(changes("The mill could employ up to 300 people.", "The mill will employ 300 people.")) == [
        ("hedge", "could", "will"), ("omission", "up to 300", "300")]


def test_a_party_added_to_a_list_is_an_entity_and_not_also_an_addition() -> None:
    source = "The bid was backed by Halden Water and Corrie Gas on Friday."
    copy = "The bid was backed by Halden Water, Corrie Gas and the Brannock Farmers Union on Friday."
    assert types(source, copy) == ["entity"]
    assert types(copy, source) == ["entity"]


def test_a_party_is_one_entity_change_over_all_its_words() -> None:
    source = "The mayor met harbour workers on Tuesday."
    copy = "The mayor met harbour workers and the owners of the four largest trawler fleets on Tuesday."
    party = "the owners of the four largest trawler fleets"
    assert changes(source, copy) == [("entity", "", party)]
    source = "The talks involved Norway and Sweden."
    copy = "The talks involved Norway, Sweden and the European Fisheries Commission based in Brussels."
    party = "the European Fisheries Commission based in Brussels"
    assert changes(source, copy) == [("entity", "Sweden", party)]
    assert changes(copy, source) == [("entity", party, "Sweden")]


def test_a_negation_inside_a_clause_the_copy_drops_is_an_omission() -> None:
    source = "The pier reopened on Sunday, but the owners warned that repairs were not finished."
    copy = "The pier reopened on Sunday."
    assert changes(source, copy) == [("omission", "the owners warned that repairs were not finished", "")]
    assert changes(copy, source) == [("addition", "", "the owners warned that repairs were not finished")]


def test_a_negation_the_copy_turns_round_stays_a_negation() -> None:
    assert types("The pier did not reopen on Sunday.", "The pier reopened on Sunday.") == ["negation"]
    # the copy states the claim turned round in words of its own: a negation, not a clause dropped
    assert types("Two walkers on the trail reported sprained ankles.", "There were no injuries on the trail.") == [
        "negation"]


def test_a_rejected_alternative_stated_as_what_happened_is_an_inversion() -> None:
    source = "The grant will be spent on the harbour wall rather than used for new moorings."
    copy = "The grant will go to new moorings."
    chosen = "spent on the harbour wall rather than used for new moorings"
    assert changes(source, copy) == [("inversion", chosen, "new moorings")]
    assert changes(copy, source) == [("inversion", "new moorings", chosen)]


def test_an_alternative_dropped_with_its_phrase_is_an_omission() -> None:
    source = "The council will repaint the old footbridge instead of building a new one."
    assert changes(source, "The council will repaint the old footbridge.") == [
        ("omission", "instead of building a new one", "")]
    assert changes(source, "The council will repaint the old footbridge, not build a new one.") == []


@given(st.sampled_from([
    ("Gusts of up to 80mph hit the harbour.", "Gusts of 80mph hit the harbour."),
    ("The fire destroyed about 40 homes.", "The fire destroyed 40 homes."),
    ("Most of the stolen bikes were found.", "All of the stolen bikes were found."),
    ("The pier reopened on Sunday, but the owners warned that repairs were not finished.", "The pier reopened on Sunday."),
]))
@settings(max_examples=10, deadline=None)
def test_swapping_source_and_copy_swaps_addition_and_omission(pair: tuple[str, str]) -> None:
    forward, backward = types(*pair), types(pair[1], pair[0])
    swap = {"addition": "omission", "omission": "addition"}
    assert forward and sorted(swap.get(t, t) for t in forward) == backward


SENTENCES = ["Gusts of up to 80mph hit the harbour on Tuesday night.", "Most of the stolen bikes were found in a barn.",
             "The grant will be spent on the sea wall rather than on moorings.", "Some tenants refused to pay the new rent.",
             "The fire destroyed about 40 homes in the valley."]


@given(st.permutations(SENTENCES))
@settings(max_examples=10, deadline=None)
def test_identity_and_reordering_give_no_change(order: list[str]) -> None:
    text = " ".join(order)
    assert changes(text, text) == []
    source, reordered = article_from_text(" ".join(SENTENCES)), article_from_text(text)
    assert [c for p in compare(source, reordered).passages for c in p.changes] == []
