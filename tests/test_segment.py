import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from unspin.read.boilerplate import _FURNITURE, _key, find_boilerplate
from unspin.read.extract import content_hash
from unspin.segment import count_words, has_words, split_sentences, tokenize


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
@settings(max_examples=300, deadline=None)
def test_every_sentence_span_slices_back_to_its_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip() and piece
        previous_end = end


@given(st.lists(st.sampled_from(["Kim met Putin.", "Trade surged to $28 billion by 2014!", "Why?", "Mr. Lee said so."]), min_size=1, max_size=8))
def test_joined_sentences_split_back(sentences: list[str]) -> None:
    text = " ".join(sentences)
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "The U.S. Secretary met Dr. Jane A. Smith in Washington. They spoke at 3 p.m. on Monday."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The U.S. Secretary met Dr. Jane A. Smith in Washington.",
        "They spoke at 3 p.m. on Monday.",
    ]


def test_hard_wrapped_paragraphs_join_and_headlines_stand_alone() -> None:
    wrapped = "A headline\n" + ("word " * 30).strip() + "\ncontinues here and ends. Next one.\n\nNew paragraph"
    pieces = [wrapped[s:e] for s, e in split_sentences(wrapped)]
    assert pieces[0] == "A headline"
    assert pieces[1].endswith("continues here and ends.") and "\n" in pieces[1]
    assert pieces[2:] == ["Next one.", "New paragraph"]


def test_tokens_keep_numbers_whole() -> None:
    assert [t for *_, t in tokenize("It cost $2.5 billion, or 28,000 each.")] == ["it", "cost", "2.5", "billion", "or", "28,000", "each"]


@settings(max_examples=50)
@given(st.lists(st.sampled_from([f"word{i}" for i in range(60)]), min_size=200, max_size=400),
       st.integers(1, 30), st.integers(1, 30))
def test_an_unpunctuated_run_is_cut_at_the_same_words_in_every_copy(words: list[str], lead_a: int, lead_b: int) -> None:
    """A list or table copied into two pages with different text before it is cut into the same pieces."""
    run = " ".join(words)
    a = " ".join(["alpha"] * lead_a) + " " + run
    b = " ".join(["beta"] * lead_b) + " " + run
    pieces_a, pieces_b = ([t[s:e] for s, e in split_sentences(t)] for t in (a, b))
    assert max(len(p.split()) for p in pieces_a + pieces_b) <= 60
    # Once both are past their own leading words, the cuts coincide.
    shared = set(pieces_a) & set(pieces_b)
    assert len(" ".join(p for p in pieces_a if p in shared).split()) >= len(words) - 2 * 60


_SAYINGS = st.text(alphabet=st.sampled_from(list("ab1 .,'’\n\t_-é\u00a0\u2028İ")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_SAYINGS, st.integers(0, 8))
def test_has_words_agrees_with_count_words(text: str, least: int) -> None:
    assert has_words(text, 0, len(text), least) == (count_words(text, 0, len(text)) >= least)


@settings(max_examples=300, deadline=None)
@given(_SAYINGS)
def test_content_hash_normalises_whitespace_as_the_regex_did(text: str) -> None:
    normalised = re.sub(r"\s+", " ", text).strip()
    assert content_hash(text) == hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@settings(max_examples=300, deadline=None)
@given(_SAYINGS, st.sampled_from(["BBC News", "wire1.example", "Le Monde_", "İstanbul Post"]))
def test_site_masthead_lines_found_as_by_their_key(text: str, site: str) -> None:
    lines = [line.strip() for line in text.split("\n")] + [site.upper(), f"— {site} —"]
    page = "\n".join(lines)
    expected = [line for line in lines if line and (_key(line) == _key(site) or _FURNITURE.match(line))]
    assert [page[s:e] for s, e in find_boilerplate(page, site)] == expected
