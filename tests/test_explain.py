"""Typed meaning changes, one test per type, and silence on faithful copies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import seed
from unspin.api import compare, load_article
from unspin.explain.changes import unit_changes


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
    found = changes("Only the hard-liners shed tears.", "The hard-liners shed no tears.")
    assert [f[0] for f in found] == ["negation"] and found[0][2] == "no"
    assert changes("He did not go.", "He didn't go.") == []


def test_hedge_added() -> None:
    assert [f[:2] for f in changes("Putin now conveniently calls it a war.", "Putin calls it a war.")] == [("hedge", "conveniently")]
    assert changes("The plan will pass.", "The plan may pass.") == [("hedge", "will", "may")]


def test_entity_replaced_and_pronoun() -> None:
    found = changes("Kim Yong Nam accused Shevardnadze of abandoning them.", "Kim Yong Nam accused her of abandoning them.")
    assert [f[0] for f in found] == ["entity"] and found[0][1] == "Shevardnadze" and found[0][2] == "her"
    assert changes("The U.S. imposed sanctions.", "The United States imposed sanctions.") == []


def test_quote_words_changed() -> None:
    found = changes('He said the seawall "cannot wait another decade".', 'He said the seawall "can wait for many more years".')
    assert "quote" in [f[0] for f in found]


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
