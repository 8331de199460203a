"""Sentences the aligner leaves over, and numbers and dates in words: read as the change they are.

Every sentence here is our own writing.
"""

from __future__ import annotations

from unspin.api import article_from_text, compare
from unspin.explain.changes import changes_in
from unspin.explain.cues import dates, durations, numbers
from unspin.explain.unit import UnitPair


def changes(source: str, copy: str) -> list[tuple[str, str, str]]:
    return [(c.type, c.a_text, c.b_text) for c in changes_in(UnitPair.of(source, copy))]


def reported(source: str, copy: str) -> list[tuple[str, str, str]]:
    result = compare(article_from_text(source), article_from_text(copy))
    found = [(c.type, c.a_text, c.b_text) for p in result.passages for c in p.changes]
    return found + [("omission", source[s:e], "") for s, e in result.omitted]


def test_ranks_and_shares_in_words_are_numbers_of_their_own_kind() -> None:
    assert changes("It was the town's third flood this winter.", "It was the town's fourth flood this winter.") == [
        ("number", "third", "fourth")]
    # from second to the top is a rank turned round, not a count
    assert changes("Pelham is the region's second-largest port.", "Pelham is the region's largest port.") == [
        ("inversion", "second-largest", "largest")]
    assert changes("Pelham is the region's second-largest port.", "Pelham is the region's third-largest port.") == [
        ("number", "second", "third")]
    assert changes("The bank cut rates by a quarter of a point.", "The bank cut rates by half a point.") == [
        ("number", "a quarter", "half")]
    assert changes("Three-quarters of members voted.", "A quarter of members voted.") == [
        ("inversion", "Three-quarters", "A quarter")]  # a majority turned into a minority says more than a share
    # a rank never stands for a count, nor a share for a percentage
    assert changes("The second vote passed 3 to 1.", "The vote passed 3 to 1.") == []


def test_counts_in_words_equal_to_digits_are_no_change() -> None:
    assert changes("Thirty-two boats were moored there.", "32 boats were moored there.") == []
    assert changes("The club offered a three-year deal.", "The club offered a 3-year deal.") == []
    assert changes("The club offered a three-year deal.", "The club offered a four-year deal.") == [
        ("number", "three", "four")]
    assert changes("The council voted by nine votes to two.", "The council voted by eight votes to three.") == [
        ("number", "nine", "eight"), ("number", "two", "three")]
    assert changes("The pump failed twice.", "The pump failed three times.") == [("number", "twice", "three")]
    # how many times is no count of things, and a count that opens a compound says what it counts
    assert changes("Volunteers planted 4,000 trees.", "Volunteers planted twice as many trees.") == []
    assert not [c for c in changes("Mayor Ochoa, a two-term councillor, won 61% of the vote.",
                                   "Mayor Ochoa won 9,412 votes, or 61% of the vote.") if c[0] == "number"]


def test_times_of_day_days_of_a_month_and_lengths_of_time_are_dates() -> None:
    assert changes("The polls closed at 9pm.", "The polls closed at 10pm.") == [("date", "9pm", "10pm")]
    assert changes("The polls closed at 9pm.", "The polls closed at 9 p.m. sharp.") == []
    assert changes("The fault was found on 4 March.", "The fault was found on 14 March.") == [
        ("date", "4 March", "14 March")]
    assert changes("The fault was found on March 4.", "The fault was found on 4 March.") == []
    assert changes("The fault was found on March 4.", "The fault was found on Mar. 4.") == []
    assert changes("The strike lasted three days.", "The strike lasted three weeks.") == [
        ("date", "three days", "three weeks")]
    assert changes("The strike lasted two days.", "The strike lasted 48 hours.") == []
    assert changes("The strike lasted two days.", "The strike lasted five days.") == [("number", "two", "five")]


def test_cue_keys() -> None:
    assert [c.key for c in numbers("the fifth of six rounds")] == ["6", "#5"]
    assert [c.key for c in numbers("half-time")] == []
    assert [c.key for c in dates("at 6.30 a.m. on 2 May")] == ["may", "may 2", "06:30"]
    assert [c.key for c in durations("a 24-hour strike")] == [c.key for c in durations("a one-day strike")]


SOURCE = ("Harbour plan approved after long debate\n\n"
          "The Wrenmouth council approved the £4m harbour plan on Monday after a debate lasting six hours. "
          "Work on the new quay will start in the spring. "
          "The mayor, Colin Fairweather, said the town badly needed the jobs the harbour would bring. "
          "Local fishermen had objected to the plan for months. "
          "The harbour last had major repairs in 1987.")
COPY = ("Harbour plan gets the go-ahead\n\n"
        "Wrenmouth councillors backed the £4m harbour plan after a six-hour debate. "
        "The vote was held on Wednesday. "
        "Work on the new quay will begin in the spring. "
        "The mayor, Colin Fairweather, said the town badly needed the jobs the harbour would create. "
        "Local fishermen had opposed the plan for months. "
        "The harbour last had major repairs in 1987.")


def test_a_fact_split_off_into_a_sentence_of_its_own_is_read_as_changed() -> None:
    found = reported(SOURCE, COPY)
    assert ("date", "Monday", "Wednesday") in found
    assert not [f for f in found if f[0] == "addition" and "Wednesday" in f[2]]


def test_a_new_sentence_with_nothing_to_pair_with_is_still_an_addition() -> None:
    copy = COPY.replace("Local fishermen", "The mayor is expected to stand down before the summer elections. Local fishermen")
    found = reported(SOURCE, copy)
    assert any(t == "addition" and "stand down" in b for t, _, b in found)


def test_two_left_over_sentences_between_the_same_neighbours_are_explained_as_one() -> None:
    # at the end of both articles, after the last aligned unit, where the aligner fills no gap
    source, copy = SOURCE + " No injuries were reported at the quay.", COPY + " Several workers were treated for minor injuries."
    assert not [p for p in compare(article_from_text(source), article_from_text(copy)).passages
                if "injuries" in source[p.a[0] : p.a[1]]]
    found = reported(source, copy)
    assert ("negation", "No", "Several workers were treated for minor injuries.") in found
    assert not [f for f in found if f[0] in ("addition", "omission") and "injuries" in f[1] + f[2]]


def test_a_left_over_sentence_restated_in_fewer_words_is_neither_dropped_nor_added() -> None:
    said = "The harbour board has eight weeks to lodge an objection with the marine authority."
    source, copy = f"{SOURCE} {said}", COPY + " The board has eight weeks to object."
    assert not [p for p in compare(article_from_text(source), article_from_text(copy)).passages
                if said in source[p.a[0] : p.a[1]]]
    found = reported(source, copy)
    assert not [f for f in found if f[0] in ("addition", "omission") and "weeks" in f[1] + f[2]]


def test_a_dropped_clause_is_an_omission_however_it_opens() -> None:
    assert changes("Fares are set by the regulator, which caps the yearly increase.", "Fares are set by the regulator.") == [
        ("omission", "caps the yearly increase", "")]
    assert changes("The ferry was cancelled, the third cancellation this winter.", "The ferry was cancelled.") == [
        ("omission", "third cancellation this winter", "")]
    # replaced by function words only ("… if …, then …" → "… and …"), it is dropped all the same
    assert changes("The drug will be licensed if a larger study repeats the result, then sold in pharmacies.",
                   "The drug will be licensed and sold in pharmacies.") == [
        ("omission", "larger study repeats the result", "")]
    # a clause inside a longer rewording is still one
    found = changes("Staff said no tenants had been harmed because the boilers had been switched off.",
                    "Staff said tenants may have been harmed.")
    assert ("omission", "because the boilers had been switched off", "") in found
    # an attribution set off by commas is not a claim of its own
    assert changes("The pier is closed, said harbourmaster Ruth Abiola.", "The pier is closed.") == [
        ("hedge", "said harbourmaster Ruth Abiola", "")]


def test_a_fact_moved_across_a_sentence_boundary_is_read_there() -> None:
    source = SOURCE.replace("Work on the new quay will start in the spring.",
                            "The port authority will pay 40% of the cost of the new quay. The town wants to cap its own "
                            "share at 25%, saying its budget is already stretched by flood repairs.")
    copy = COPY.replace("Work on the new quay will begin in the spring.",
                        "The port authority will pay 40% of the cost of the new quay, but the town wants to cap its "
                        "share at 30%. It says its budget is already stretched by flood repairs.")
    assert ("number", "25%", "30%") in reported(source, copy)


def test_a_scope_widened_or_a_superlative_unrestricted_is_an_omission() -> None:
    assert changes("Tolls on the older bridges will double.", "Tolls on all bridges will double.") == [
        ("omission", "the older", "all")]
    assert changes("Tolls on all bridges will double.", "Tolls on the older bridges will double.") == [
        ("addition", "all", "the older")]
    assert changes("It is the oldest surviving mill in Fife.", "It is the oldest mill in Fife.") == [
        ("omission", "surviving", "")]
    assert changes("She became the first female harbourmaster.", "She became the first harbourmaster.") == [
        ("omission", "female", "")]
    # "a" and "each" say the same of one thing at a time; "ever" strengthens, it does not narrow
    assert changes("Buyers pay 90p a loaf.", "Buyers pay 90p for each loaf.") == []
    assert changes("It was the best harvest in years.", "It was the best ever harvest in years.") == []
