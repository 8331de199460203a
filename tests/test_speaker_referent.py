"""Whom a pronoun stands for when the sentence before names two people: the one its pronouns agree with.

"X said he would ask the minister, Y, to act. He said ..." goes on with X, whose own "he" tells his gender,
not with Y, the nearer name, whose gender the article never tells. Our own sentences.
"""

from __future__ import annotations

from unspin.explain.speakers import Speaker, resolve


def _he(text: str) -> Speaker:
    at = text.rindex("He said")
    return Speaker(at, at + 2, "he", "pronoun")


def test_the_pronoun_goes_on_with_the_person_whose_pronouns_agree() -> None:
    text = ("The county's MP, Daniel Fenwick, said he would ask the health minister, Robin Carvell, to keep "
            "the ward open. He said patients would otherwise travel 40 miles.")
    referent = resolve(text, _he(text))
    assert referent is not None and referent.key == "fenwick"


def test_a_nearer_person_known_to_agree_is_still_chosen() -> None:
    text = ("Daniel Fenwick said he would ask Robin Carvell, who said he was willing, to keep the ward open. "
            "He said patients would otherwise travel 40 miles.")
    referent = resolve(text, _he(text))
    assert referent is not None and referent.key == "carvell"
