"""Left-over sentences that restate one another: not a sentence dropped and a claim added (issue 18).

A rewrite rewords some sentences so heavily, or moves them so far, that the
aligner leaves them unpaired. Such a pair is read as a unit, so a changed
figure inside it is still found, while a sentence the copy really drops stays
in ``omitted`` and a claim it invents stays an ``addition``. Every article
here is our own writing.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from unspin.api import article_from_text, compare
from unspin.records import Comparison

HEADLINE = "Storm closes Marden ferry for two days"
PASSENGERS = "About 1,200 passengers use the ferry each day."
COACH = "A coach service will run between the two ports while the ferry is out of action."
SOURCE = "\n\n".join([
    HEADLINE,
    "The Marden ferry will stop sailing on Thursday and Friday because of a storm warning, the operator said.",
    "Waves of up to six metres are forecast in the strait.",
    PASSENGERS,
    "Refunds will be offered to anyone holding a ticket for either day.",
    "The operator said the crossing would resume on Saturday morning if the wind dropped.",
    COACH,
    "The harbour master, Ines Varga, said the warning was the first of the winter.",
])
REWORDED = "Roughly 1,200 people ride the boat on an average day."
INVENTED = "Local traders fear the closure will cost them thousands of pounds in lost trade."


def copy_with(passengers: str, invented: str = INVENTED) -> str:
    """The copy: reworded throughout, the passenger figure moved to the end, the coach service dropped,
    and a claim of its own in the middle."""
    return "\n\n".join([
        "Marden ferry cancelled as storm approaches",
        "A storm warning means the Marden ferry will stop sailing on Thursday and Friday, its operator said.",
        "Waves of up to six metres are forecast for the strait.",
        "Anyone holding a ticket for either day will be offered a refund.",
        invented,
        "The operator said sailings would resume on Saturday morning if the wind dropped.",
        "Harbour master Ines Varga said the warning was the first of the winter.",
        passengers,
    ])


def read(source: str, copy: str) -> Comparison:
    return compare(article_from_text(source), article_from_text(copy))


def omitted(result: Comparison) -> list[str]:
    return [result.a.text[s:e] for s, e in result.omitted]


def typed(result: Comparison, kind: str) -> list[tuple[str, str]]:
    return [(c.a_text, c.b_text) for p in result.passages for c in p.changes if c.type == kind]


def test_a_heavily_reworded_sentence_is_neither_dropped_nor_added() -> None:
    result = read(SOURCE, copy_with(REWORDED))
    assert PASSENGERS not in omitted(result)
    assert all(REWORDED not in b for _, b in typed(result, "addition"))


def test_a_truly_dropped_sentence_is_still_omitted_and_an_invented_claim_still_added() -> None:
    result = read(SOURCE, copy_with(REWORDED))
    assert omitted(result) == [COACH]
    assert ("", INVENTED) in typed(result, "addition")


def test_a_figure_changed_inside_a_reworded_sentence_is_still_found() -> None:
    result = read(SOURCE, copy_with("Roughly 1,500 people ride the boat on an average day."))
    assert ("1,200", "1,500") in typed(result, "number")
    assert PASSENGERS not in omitted(result)


@given(st.sampled_from([REWORDED, "Roughly 1,200 people ride the boat on a typical day.",
                        "On an average day some 1,200 people ride the boat."]))
@settings(max_examples=3, deadline=None)
def test_swapping_source_and_copy_swaps_what_is_dropped_and_added(reworded: str) -> None:
    copy = copy_with(reworded)
    forward, backward = read(SOURCE, copy), read(copy, SOURCE)
    assert omitted(forward) == [COACH] and omitted(backward) == [INVENTED]
    assert ("", INVENTED) in typed(forward, "addition") and ("", COACH) in typed(backward, "addition")
    for result in (forward, backward):
        said = [*omitted(result), *(b for _, b in typed(result, "addition"))]
        assert not any(x in (PASSENGERS, reworded) for x in said)


def test_one_sentence_split_in_two_is_neither_dropped_nor_added() -> None:
    source = SOURCE.replace(PASSENGERS, "About 1,200 passengers use the ferry each day, most of them commuters heading to Kell.")
    copy = copy_with("Roughly 1,200 people ride the boat on an average day. Most of them are commuters bound for Kell.")
    result = read(source, copy)
    assert omitted(result) == [COACH]
    assert [b for _, b in typed(result, "addition")] == [INVENTED]


def test_a_clause_moved_into_a_sentence_of_its_own_is_neither_dropped_nor_added() -> None:
    source = SOURCE.replace("Waves of up to six metres are forecast in the strait.",
                            "Waves of up to six metres are forecast in the strait, where two fishing boats sank last winter.")
    copy = copy_with(REWORDED).replace("Waves of up to six metres are forecast for the strait.",
                                       "Waves of up to six metres are forecast for the strait. "
                                       "Two fishing boats sank there last winter.")
    result = read(source, copy)
    assert omitted(result) == [COACH]
    assert typed(result, "omission") == []
    assert [b for _, b in typed(result, "addition")] == [INVENTED]


def test_a_clause_dropped_with_nothing_like_it_elsewhere_stays_an_omission() -> None:
    source = SOURCE.replace("Waves of up to six metres are forecast in the strait.",
                            "Waves of up to six metres are forecast in the strait, where two fishing boats sank last winter.")
    result = read(source, copy_with(REWORDED))
    assert [a for a, _ in typed(result, "omission")] == ["two fishing boats sank last winter"]
