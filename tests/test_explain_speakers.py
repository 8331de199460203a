"""Quotations, speakers, pronouns and parties: the ``quote`` and ``entity`` changes of explain v2.

Every sentence here is our own writing.
"""

from __future__ import annotations

from unspin.api import article_from_text, compare
from unspin.explain.changes import unit_changes
from unspin.explain.speakers import gender, resolve, sentence_at, speakers


def changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.type, c.a_text, c.b_text) for c in unit_changes(a, (0, len(a)), b, (0, len(b)))]


def in_context(before_a: str, a: str, before_b: str, b: str) -> list[tuple[str, str, str]]:
    """Changes between the last sentences of two articles, each after its own opening."""
    ta, tb = before_a + a, before_b + b
    return [(c.type, c.a_text, c.b_text) for c in unit_changes(ta, (len(before_a), len(ta)), tb, (len(before_b), len(tb)))]


def kinds(found: list[tuple[str, str, str]]) -> list[str]:
    return [t for t, _, _ in found]


def test_a_word_added_or_dropped_inside_a_quotation_is_a_quote_change() -> None:
    found = changes('"The roof is a problem we can fix," the warden said.', '"The roof is a problem we can quickly fix," the warden said.')
    assert kinds(found) == ["quote"] and "quickly" in found[0][2]
    assert kinds(changes('"Sales are losing pace," she said.', '"Sales are losing pace fast," she said.')) == ["quote"]
    assert kinds(changes('"We are losing all our members," she said.', '"We are losing members," she said.')) == ["quote"]


def test_words_swapped_inside_a_quotation_are_a_quote_change() -> None:
    found = changes('"It is a pause, not a cure," the doctor said.', '"It is a cure, not a pause," the doctor said.')
    assert "quote" in kinds(found)


def test_a_quotation_cut_short_or_joined_by_an_ellipsis_is_no_change() -> None:
    full = 'The mayor said the bridge was "late, over budget and badly built by a firm nobody trusted".'
    assert "quote" not in kinds(changes(full, 'The mayor said the bridge was "late, over budget and badly built".'))
    assert "quote" not in kinds(changes(full, 'The mayor said the bridge was "late ... and badly built by a firm nobody trusted".'))


def test_straight_and_curly_quotation_marks_are_the_same() -> None:
    assert changes('"We will reopen in June," he said.', "“We will reopen in June,” he said.") == []


def test_discourse_words_inside_a_quotation_are_no_misquote() -> None:
    assert changes('"The plan works, but it is costly," he said.', '"The plan also works, yet it is costly," he said.') == []


def test_the_same_words_given_to_another_named_speaker_are_a_quote_change() -> None:
    found = changes('Its chair, Nora Vale, said: "We will not sell the farm."', '"We will not sell the farm," said Piet Ormond.')
    assert found == [("quote", "Nora Vale", "Piet Ormond")]


def test_he_said_that_now_stands_for_someone_else_is_a_quote_change() -> None:
    before = "Site manager Owen Brask said the crane had failed a test. "
    a, b = '"Nobody was near it," he said.', '"Nobody was near it," said Ida Cole.'
    assert kinds(in_context(before, a, before, b)) == ["quote"]
    # the pronoun stood for the very person the copy names: faithful
    assert in_context(before, a, before, '"Nobody was near it," said Owen Brask.') == []


def test_a_pronoun_turned_into_another_persons_name_is_an_entity_change() -> None:
    before = "Ship owner Lars Ekdahl bought the ferry in May. Harbour master Tom Reyes inspected it. "
    a, b = "He said the hull was sound.", "Lars Ekdahl said the hull was sound."
    found = in_context(before, a, before, b)
    assert kinds(found) == ["entity"] and found[0][1] == "He"
    assert in_context(before, a, before, "Reyes said the hull was sound.") == []


def test_a_name_turned_into_a_pronoun_that_points_at_someone_else_is_an_entity_change() -> None:
    source = "Ms Ada Lorne, who runs the shelter, asked for help. Dr Ruth Kemp examined the dogs. "
    copy = "Dr Ruth Kemp examined the dogs. Ms Ada Lorne, who runs the shelter, asked for help. "
    found = in_context(source, "Dr Kemp said the dogs were underfed.", copy, "She said the dogs were underfed.")
    assert kinds(found) == ["entity"]
    assert in_context(source, "Ms Lorne said the dogs were underfed.", copy, "She said the dogs were underfed.") == []


def test_a_statement_moved_between_a_person_and_an_institution_is_an_entity_change() -> None:
    before = "Engineer Clara Moss led the survey. "
    assert kinds(in_context(before, "The council said the road would close.", before, "Clara Moss said the road would close.")) == ["entity"]
    assert changes("The company said sales had grown.", "Brackford Mills said sales had grown.") == []


def test_pronouns_resolve_to_the_nearest_person_whose_gender_fits() -> None:
    text = "Coach Ben Tait met Ms Lena Holt. Mr Ivo Sand arrived late. She said the match was off."
    who = speakers(text, *sentence_at(text, text.index("She")))
    assert [w.kind for w in who] == ["pronoun"]
    referent = resolve(text, who[0])
    assert referent is not None and referent.key == "holt"  # Mr Sand, nearer, is a man
    assert gender(text, "sand") == "m" and gender(text, "holt") == "f"


def test_a_party_added_to_or_dropped_from_a_coordination_is_an_entity_change() -> None:
    assert kinds(changes("Storms hit Wales and Cornwall on Monday.", "Storms hit Wales, Cornwall and Devon on Monday.")) == ["entity"]
    assert kinds(changes("The levy falls on large landlords.", "The levy falls on large landlords and banks.")) == ["entity"]
    assert changes("Storms hit Wales and Cornwall.", "Storms hit Cornwall and Wales.") == []
    # "and" joining two clauses joins no party
    assert "entity" not in kinds(changes("The club signed the keeper.", "The club signed the keeper and Dalby had bid first."))


def test_lists_are_compared_across_the_article_where_the_sentences_were_paired_otherwise() -> None:
    source = article_from_text(
        "Ferry services were cancelled on Friday.\n\nThe Orran and Skelt crossings were closed by the wind.\n\n"
        "Engineers will inspect the piers on Saturday morning before any sailing resumes.")
    copy = article_from_text(
        "The wind closed the Orran, Skelt and Mallow crossings, and ferry services were cancelled on Friday.\n\n"
        "Engineers will inspect the piers on Saturday morning before any sailing resumes.")
    found = [(c.type, c.b_text) for p in compare(source, copy).passages for c in p.changes]
    assert ("entity", "Mallow") in found


def test_a_name_put_in_another_partys_place_is_an_entity_change() -> None:
    before = "Renshaw and Dallow, two bakers, will merge. "
    a, b = "The group will be run from Renshaw's bakery in Leek.", "The group will be run from Dallow's bakery in Leek."
    assert kinds(in_context(before, a, before, b)) == ["entity"]


def test_a_name_spelled_one_letter_off_is_the_same_name() -> None:
    assert "entity" not in kinds(changes("Exports to Ukranian ports resumed.", "Exports to Ukraine's ports resumed."))
    assert kinds(changes("Talks were held in Austria.", "Talks were held in Australia.")) == ["entity"]


def test_a_name_that_shares_only_its_generic_last_word_is_another_name() -> None:
    assert kinds(changes("The case was heard at Marlby County Court.", "The case was heard at Marlby Crown Court.")) == ["entity"]
    assert changes("The case was heard at Marlby County Court.", "The case was heard at the county court in Marlby.") == []


def test_a_speaker_after_a_role_is_found_after_the_quotation() -> None:
    found = changes('"Costs keep rising," the bakers\' guild chair Ann Roe said.', '"Costs keep rising," the bakers\' guild chair Tom Vell said.')
    assert found == [("quote", "Ann Roe", "Tom Vell")]


def test_words_the_copy_puts_where_the_source_marks_a_gap_are_the_speakers() -> None:
    source = '"The roads are flooded ... the school will stay shut," she said.'
    assert changes(source, '"The roads are flooded, the bridge is down ... the school will stay shut," she said.') == []
    assert kinds(changes(source, '"The roads are flooded ... the school will stay shut for weeks," she said.')) == ["quote"]

