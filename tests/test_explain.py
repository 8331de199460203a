"""Typed meaning changes, one test per type, and silence on faithful copies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import seed
from unspin.api import compare, load_article
from unspin.explain.changes import unit_changes
from unspin.explain.meaning import summarise
from unspin.records import Passage


def changes(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.type, c.a_text, c.b_text) for c in unit_changes(a, (0, len(a)), b, (0, len(b)))]


def test_number_changes_are_unit_aware() -> None:
    assert changes("The deal is worth $2.5 billion.", "The deal is worth 2.5 billion dollars.") == []
    assert changes("The deal is worth $2.5bn.", "The deal is worth $1.8bn.") == [("number", "$2.5bn", "$1.8bn")]
    assert changes("Turnout was 45%.", "Turnout was 45 per cent.") == []


def test_date_coarsened_and_decade_forms() -> None:
    assert changes("It broke in the 1980s.", "It broke in the 1980's.") == []
    found = changes("It broke in the late 1980s.", "It broke in the 1980's.")
    assert [f[0] for f in found] == ["date"] and found[0][1] == "late 1980s"
    assert [f[0] for f in changes("They met on Tuesday.", "They met on Thursday.")] == ["date"]


def test_negation_flip() -> None:
    found = changes("The hard-liners shed tears.", "The hard-liners shed no tears.")
    assert [f[0] for f in found] == ["negation"] and found[0][2] == "no"
    assert changes("He did not go.", "He didn't go.") == []


def test_a_movement_turned_round_is_an_inversion() -> None:
    found = changes("Shares of the airline rose 3 percent on Monday.", "Shares of the airline fell 3 percent on Monday.")
    assert found == [("inversion", "rose", "fell")]
    assert changes("Shares rose 3 percent.", "Shares climbed 3 percent.") == []
    assert changes("Shares rose 3 percent after falling 2 percent.", "Shares fell 2 percent, then rose 3 percent.") == []
    assert changes("Sales could grow next year.", "Sales could decline next year.") == [("inversion", "grow", "decline")]


def test_movements_pair_by_what_moved_when_a_sentence_moves_several() -> None:
    a = "The Vantor index rose 12 points, while the Kestrel index fell 3 points."
    assert changes(a, "The Vantor index rose 9 points, while the Kestrel index added 2 points.") == [
        ("number", "12", "9"), ("number", "3", "2"), ("inversion", "fell", "added")]
    assert changes(a, "The Kestrel index fell 3 points, while the Vantor index rose 12 points.") == []
    # an amount must follow before "added" or "lost" is a movement
    assert changes("The Vantor index rose, he added.", "The Vantor index fell, he added.") == [("inversion", "rose", "fell")]
    assert changes("Wexley shares lost 4 cents.", "Wexley shares were up 4 cents.") == [("inversion", "lost", "were up")]


def test_a_decision_contest_or_verdict_turned_round_is_an_inversion() -> None:
    assert changes("The court upheld the ban.", "The court overturned the ban.") == [("inversion", "upheld", "overturned")]
    assert changes("The council approved the plan.", "The council turned down the plan.") == [
        ("inversion", "approved", "turned down")]
    assert changes("Ms Adeyemi won the seat.", "Ms Adeyemi lost the seat.") == [("inversion", "won", "lost")]
    assert changes("He was convicted of fraud.", "He was acquitted of fraud.") == [("inversion", "convicted", "acquitted")]
    # a negation and an opposite together say the same thing again
    assert changes("The council did not approve the plan.", "The council rejected the plan.") == []
    assert changes("The council approved the plan.", "The council endorsed the plan.") == []


def test_a_profit_turned_into_a_loss_is_an_inversion() -> None:
    found = changes("The bank reported a quarterly profit of $5 million.", "The bank reported a quarterly loss of $5 million.")
    assert found == [("inversion", "profit", "loss")]
    assert changes("The bank reported earnings of $5 million.", "The bank reported a profit of $5 million.") == []
    assert changes("It swung to a profit after a loss last year.", "After last year's loss it made a profit.") == []


def test_hedge_added() -> None:
    assert [f[:2] for f in changes("Putin now conveniently calls it a war.", "Putin calls it a war.")] == [("hedge", "conveniently")]
    assert changes("The plan will pass.", "The plan may pass.") == [("hedge", "will", "may")]


def in_context(before: str, a: str, b: str) -> list[tuple[str, str, str]]:
    """Changes between the last sentences of two articles that share their opening ``before``."""
    ta, tb = before + a, before + b
    return [(c.type, c.a_text, c.b_text) for c in unit_changes(ta, (len(before), len(ta)), tb, (len(before), len(tb)))]


def test_entity_replaced_and_pronoun() -> None:
    before = "Kim Yong Nam spoke in Pyongyang. "
    found = in_context(before, "Kim Yong Nam accused Shevardnadze of abandoning them.", "Kim Yong Nam accused her of abandoning them.")
    assert [f[0] for f in found] == ["entity"] and found[0][1] == "Shevardnadze" and found[0][2] == "her"
    assert changes("The U.S. imposed sanctions.", "The United States imposed sanctions.") == []
    assert [f[:3] for f in changes("Lott opposed the rule.", "Snowe opposed the rule.")] == [("entity", "Lott", "Snowe")]


def test_a_pronoun_is_no_change_where_the_text_before_names_them_or_there_is_none() -> None:
    named = "Eduard Shevardnadze flew to Pyongyang. "
    assert in_context(named, "Kim accused Shevardnadze of abandoning them.", "Kim accused him of abandoning them.") == []
    assert changes("Shevardnadze accused Kim of abandoning them.", "He accused Kim of abandoning them.") == []


def test_currency_swapped_and_bounds_on_numbers() -> None:
    assert [f[0] for f in changes("The dollar rose to 117 yen.", "The euro rose to 117 yen.")] == ["entity"]
    assert changes("Turnout was below 60 percent.", "Turnout was 60 percent.") == [("omission", "below 60 percent", "60 percent")]
    assert changes("It costs more than $5.", "It costs over 5 dollars.") == []
    assert changes("Shares fell 1.39 percent.", "Shares fell 1.4 percent.") == []
    assert [f[0] for f in changes("Shares fell 5 percent.", "Shares fell 4.7 percent.")] == ["number"]


def test_quote_words_changed() -> None:
    found = changes('He said the seawall "cannot wait another decade".', 'He said the seawall "can wait for many more years".')
    assert "quote" in [f[0] for f in found]


def test_quote_change_points_at_the_words_that_differ_and_ignores_contractions() -> None:
    a = 'The mayor said: "We are pleased with the ruling and will build the bridge."'
    assert changes(a, 'The mayor said: "We\'re pleased with the ruling and will build the bridge."') == []
    found = changes(a, 'The mayor said: "We are pleased with the ruling and will delay the bridge."')
    assert found == [("quote", "build", "delay")]


def test_a_quotation_cut_short_is_not_a_quote_change_but_reworded_words_are() -> None:
    full = 'The firm called it "a desperate measure to curry favour with the Linux community and its many users".'
    cut = 'The firm called it "a desperate measure to curry favour with the Linux community".'
    swapped = 'The firm called it "a clever measure to win favour with the Linux community and its many users".'
    assert "quote" not in [f[0] for f in changes(full, cut)]
    assert "quote" in [f[0] for f in changes(full, swapped)]


@given(st.permutations(["Kim met Putin in Pyongyang on Wednesday.", "Trade reached $28 billion in 2014.", "The talks did not resume."]))
@settings(max_examples=10, deadline=None)
def test_identity_and_reordering_yield_no_change(order: list[str]) -> None:
    text = " ".join(order)
    assert changes(text, text) == []


def test_seed_changes_are_surfaced() -> None:
    a, b = load_article(str(seed("001"))), load_article(str(seed("000")))
    found = [(c.type, c.a_text, c.b_text) for p in compare(a, b).passages for c in p.changes]
    assert ("negation", "", "no") in found
    assert any(t == "entity" and "Shevardnadze" in (x + y) for t, x, y in found)
    assert any(t == "date" and x == "late 1980s" for t, x, y in found)
    assert any(t == "hedge" and x == "conveniently" for t, x, y in found)


def test_addition_and_omission_of_a_claim() -> None:
    a = "The council approved the bridge on Tuesday."
    b = "The council approved the bridge on Tuesday after residents filed twelve separate lawsuits opposing construction."
    found = changes(a, b)
    assert [f[0] for f in found] == ["addition"] and "lawsuits" in found[0][2]
    assert [f[0] for f in changes(b, a)] == ["omission"]
    assert changes(a, "On Tuesday the council approved the bridge.") == []


def test_one_sided_details_and_bare_modals_are_not_changes() -> None:
    assert changes("Prices rose 4% on Tuesday, officials said.", "Prices rose 4%, officials said.") == []
    assert changes("The board will act.", "The board acts.") == []
    assert [f[0] for f in changes("Prices rose, officials said.", "Prices reportedly rose.")] == ["hedge"]
    assert changes("Shares rose 1.39 percent.", "Shares rose 1.4 percent.") == []
    assert changes("Turnout was 45% and costs $3 million.", "Turnout was 45 percent and costs $3m.") == []


def test_titled_name_replaced_by_pronoun_without_context() -> None:
    a = "Officials met on Monday. Mayor Ines Okafor said the link would open."
    b = "Officials met on Monday. She said the link would open."
    found = unit_changes(a, (25, len(a)), b, (25, len(b)))
    assert [(c.type, c.a_text, c.b_text) for c in found] == [("entity", "Ines Okafor", "She")]
    named = "Mayor Ines Okafor met officials on Monday. She said the link would open."
    assert unit_changes(a, (25, len(a)), named, (43, len(named))) == []


def test_meaning_changed_follows_changes_of_fact_and_the_fitted_score() -> None:
    a = "Officials met on Monday. The minister said the bridge would open in March."
    copy = "Officials met on Monday. The minister said the bridge would open in March."
    swapped = "Officials met on Monday. The minister said the bridge would open in June."
    unrelated = "Officials met on Monday. Heavy rain flooded three villages and closed the coastal road."

    def summary(b: str) -> tuple[bool, float]:
        unit = ((25, len(a)), (25, len(b)))
        passage = Passage(unit[0], unit[1], "edited", 1.0 if a == b else 0.5, tuple(unit_changes(a, unit[0], b, unit[1])), (unit,))
        return summarise(a, b, (passage,))

    (same, same_score), (moved, _), (other, other_score) = summary(copy), summary(swapped), summary(unrelated)
    assert not same and moved and other
    assert other_score > same_score


def test_a_flag_on_a_preserving_span_counts_as_unexplained_only_off_every_changing_span() -> None:
    from unspin.evaluation.etpc import EtpcPair, Relation, detokenise
    from unspin.evaluation.explain_eval import score_spans
    from unspin.records import Change

    a, b = detokenise("Sales rose 24 percent in May"), detokenise("Sales climbed 36 percent in May")
    pairs = {1: EtpcPair(1, False, a, b)}
    # ETPC nests spans: the number sits inside a wider preserving one.
    changed = Relation(1, 7, "Same Polarity Substitution (named ent.)", False, ((2, "24"),), ((2, "36"),))
    wider = Relation(1, 25, "Addition/Deletion", True, ((1, "rose"), (2, "24")), ((1, "climbed"), (2, "36")))
    elsewhere = Relation(1, 25, "Addition/Deletion", True, ((5, "May"),), ((5, "May"),))

    def on(word_a: str, word_b: str) -> list[Change]:
        s, t = a.text.index(word_a), b.text.index(word_b)
        return [Change("number", (s, s + len(word_a)), (t, t + len(word_b)), word_a, word_b, "")]

    on_the_number = score_spans(pairs, [changed, wider, elsewhere], lambda x, y: on("24", "36"))
    assert on_the_number.false_flags == 0.5 and on_the_number.false_flags_unexplained == 0.0
    off_every_change = score_spans(pairs, [changed, wider, elsewhere], lambda x, y: on("May", "May"))
    assert off_every_change.false_flags == 0.5 and off_every_change.false_flags_unexplained == 0.5


def test_a_quotation_put_in_another_speakers_mouth_is_a_quote_change() -> None:
    said = '"We will not resign," said Mayor Ines Okafor on Monday.'
    assert changes(said, '"We will not resign," said council leader Tom Baker on Monday.') == [
        ("quote", "Ines Okafor", "Tom Baker")]
    assert changes('On Monday, Angela Merkel told reporters: "We will not resign."',
                   'On Monday, Emmanuel Macron told reporters: "We will not resign."') == [
        ("quote", "Angela Merkel", "Emmanuel Macron")]
    assert changes('"We will not resign," Angela Merkel said.', '"We will not resign," Emmanuel Macron said.') == [
        ("quote", "Angela Merkel", "Emmanuel Macron")]
    assert changes('Today, according to Angela Merkel, "we will not resign."',
                   'Today, according to Emmanuel Macron, "we will not resign."') == [
        ("quote", "Angela Merkel", "Emmanuel Macron")]
    # A name that is not the speaker stays an entity change.
    assert changes('"Prices will rise," said Ines Okafor, who visited Paris.',
                   '"Prices will rise," said Ines Okafor, who visited Rome.') == [("entity", "Paris", "Rome")]
