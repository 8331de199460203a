"""What is not a change: faithful rewrites, names that hold an opposite word, unrelated left-over sentences.

Every sentence here is our own writing, as is the faithful-rewrite set (tests/data/faithful).
"""

from __future__ import annotations

from unspin.align.leftovers import leftover_pairs
from unspin.api import article_from_text
from unspin.evaluation.realistic import load_realistic
from unspin.explain.changes import changes_in
from unspin.explain.unit import UnitPair
from unspin.records import Span
from pathlib import Path

FAITHFUL = Path(__file__).resolve().parent / "data" / "faithful"


def changes(source: str, copy: str) -> list[tuple[str, str, str]]:
    return [(c.type, c.a_text, c.b_text) for c in changes_in(UnitPair.of(source, copy))]


def pairs_of_leftovers(source: str, copy: str, aligned: int) -> list[tuple[str, str]]:
    """Left-over pairs when the first ``aligned`` sentences of the source are aligned with the copy's
    sentences 1..``aligned`` (the copy opens with a sentence of its own)."""
    a, b = article_from_text(source), article_from_text(copy)
    units: tuple[tuple[Span, Span], ...] = tuple(zip(a.sentences[:aligned], b.sentences[1:aligned + 1]))
    found = leftover_pairs(a.text, a.sentences, b.text, b.sentences, units)
    return [(source[x.a[0]:x.a[1]], copy[x.b[0]:x.b[1]]) for x in found if x.whole]


SOURCE = ("Ashby council approved its budget on Monday. The vote followed a long debate in the chamber. "
          "Flooding changed the outlook for the Fenby valley.")


def test_a_short_sentence_a_long_one_happens_to_echo_is_not_its_pair() -> None:
    long = ("Farmers across the Fenby valley say the flooding may yet force some of them to sell land their "
            "families have worked for generations, according to regional union officer Jane Holt.")
    copy = f"{long} Ashby's councillors passed the budget on Monday. A long debate in the chamber came first."
    assert pairs_of_leftovers(SOURCE, copy, 2) == []


def test_a_sentence_restated_elsewhere_is_still_its_pair() -> None:
    restated = "In the Fenby valley, the flooding has changed the outlook."
    copy = f"{restated} Ashby's councillors passed the budget on Monday. A long debate in the chamber came first."
    assert pairs_of_leftovers(SOURCE, copy, 2) == [(SOURCE[SOURCE.index("Flooding"):], restated)]


def test_an_opposite_word_inside_a_name_is_another_name_not_a_direction() -> None:
    assert changes("Ice near the south pole melted.", "Ice near the north pole melted.")[0][0] == "inversion"
    assert changes("Troops from North Korea crossed the border.", "Troops from South Korea crossed the border.") == [
        ("entity", "North", "South")]
    assert changes("She won Hadley West by 412 votes.", "She won Hadley East by 412 votes.") == [("entity", "West", "East")]
    assert changes("South Korea joined the sanctions.", "South Korea has joined the sanctions.") == []


def test_the_faithful_rewrite_set_loads_with_no_changes_and_every_sentence_paired() -> None:
    pairs = load_realistic(FAITHFUL)
    assert len(pairs) == 12
    for pair in pairs:
        assert pair.changes == ()
        assert 200 <= len(pair.source.split()) <= 350, pair.name
        covered = sum(end - start for start, end in (f.source for f in pair.faithful))
        assert covered >= 0.9 * len(pair.source.strip()), pair.name


def test_rather_than_is_the_not_of_a_contrast() -> None:
    assert changes("It was worn for parades rather than in battle.", "It was worn for parades, not in battle.") == []
    # the rejected alternative stated as what happened: the choice turned round (see test_explain_arbitration.py)
    assert changes("It was worn for parades rather than in battle.", "It was worn in battle.")[0][0] == "inversion"


def test_meant_to_is_the_intention_intended_to_states() -> None:
    assert changes("He had meant to take the waste to a tip.", "He had intended to take the waste to a tip.") == []
    assert changes("He had meant to take the waste to a tip.", "He took the waste to a tip.")[0][0] == "hedge"


def test_one_of_a_place_s_superlatives_is_the_same_rank() -> None:
    assert changes("The Playhouse is one of the oldest theatres in the region.",
                   "It is one of the region's oldest theatres.") == []
    assert changes("It is one of the region's oldest theatres.", "It is the region's oldest theatre.")[0][0] == "inversion"


def test_a_hedge_said_in_the_same_words_on_both_sides_is_no_change() -> None:
    assert changes("Recruitment will begin in January, and the firm plans to hold an open day.",
                   "The firm will start recruiting in January and plans to hold an open day.") == []
    assert changes("A study, due to report next year, was commissioned.", "A study is due to report next year.") == []
    assert changes("The firm plans to hold an open day.", "The firm will hold an open day.")[0][0] == "hedge"


def test_a_verb_joined_to_a_noun_is_no_party_added() -> None:
    assert changes("She photographed it and sent the pictures to the recorder.",
                   "She took photographs and sent them to the recorder.") == []
    assert changes("The loopholes were used by property companies.",
                   "The loopholes were used by property companies and banks.") == [("entity", "", "banks")]


def test_around_a_place_or_a_time_of_day_is_no_qualifier() -> None:
    assert changes("The planet orbits around a binary star.", "The planet orbits a binary star.") == []
    assert changes("Around 0335 GMT the rocket lifted off.", "The rocket lifted off at 0335 GMT.") == []
    assert ("hedge", "About", "") in changes("About 300 people came.", "300 people came.")
    assert ("hedge", "about", "") in changes("It took about a week.", "It took a week.")


def test_a_filler_word_after_one_keeps_the_rank() -> None:
    assert changes("One of the world's biggest banks raised its target.",
                   "One also of the world's biggest banks raised its target.") == []


def test_a_pronoun_never_stands_for_the_end_of_a_title() -> None:
    source = ("Its first production is a new staging of The Importance of Being Earnest, directed by Hannah Cole. "
              "Ms Cole said the theatre belonged to everyone.")
    copy = ("Hannah Cole is directing its first production, a new staging of The Importance of Being Earnest. "
            "She said the theatre belonged to everyone.")
    a, b = source.index("Ms Cole"), copy.index("She said")
    assert changes_in(UnitPair(source, (a, len(source)), copy, (b, len(copy)))) == []
