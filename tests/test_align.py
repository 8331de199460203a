"""Alignment properties, the seeds, and the compare/trace contracts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, seed
from unspin.align.blocks import reuse_blocks
from unspin.api import article_from_text, compare, load_article
from unspin.add import ingest
from unspin.store import Store
from unspin.trace import Tracer

SENTENCES = [
    "The council approved the budget after a long debate on Tuesday.",
    "Rain is expected across the north of the country this weekend.",
    "Shares in the carmaker fell sharply after the recall was announced.",
    "The striker scored twice in the second half to seal the win.",
    "Scientists found traces of water in samples from the crater.",
    "The museum will reopen in spring after a costly renovation.",
    "Farmers say the drought has cut their harvest by a third.",
    "The minister denied that the talks had broken down.",
]
FILLER = [
    "Tickets for the concert sold out within an hour.",
    "A new bakery has opened on the corner of the high street.",
    "The ferry timetable changes next month.",
    "Local volunteers planted two hundred trees in the park.",
]


@given(st.permutations(range(len(SENTENCES))), st.integers(1, 4), st.integers(0, 3))
@settings(max_examples=25, deadline=None)
def test_a_copied_passage_is_found_with_exact_offsets(order: list[int], length: int, at: int) -> None:
    source_text = " ".join(SENTENCES[i] for i in order)
    passage = " ".join(SENTENCES[i] for i in order[:length])
    copy_text = " ".join(FILLER[:at] + [passage] + FILLER[at:])
    result = compare(article_from_text(copy_text), article_from_text(source_text))
    found = [(p.a, p.b, p.kind) for p in result.passages]
    start = copy_text.index(passage)
    assert found == [((start, start + len(passage)), (0, len(passage)), "verbatim")]
    for p in result.passages:
        assert 0 <= p.a[0] < p.a[1] <= len(copy_text) and 0 <= p.b[0] < p.b[1] <= len(source_text)
        assert p.changes == ()


def test_compare_is_symmetric_on_the_seeds() -> None:
    a, b = load_article(str(seed("000"))), load_article(str(seed("001")))
    forward = {(p.a, p.b, p.kind) for p in compare(a, b, explain=False).passages}
    backward = {(p.b, p.a, p.kind) for p in compare(b, a, explain=False).passages}
    assert forward == backward


def test_blocks_do_not_depend_on_which_side_is_a() -> None:
    for x, y in ((seed("000"), seed("001")), (EXAMPLES / "originals" / "harbour-bridge.txt", EXAMPLES / "copies" / "bridge-spun.txt")):
        a, b = load_article(str(x)), load_article(str(y))
        forward = {(k.a, k.b, k.kind) for k in compare(a, b, explain=False).blocks}
        backward = {(k.b, k.a, k.kind) for k in compare(b, a, explain=False).blocks}
        assert forward and forward == backward


def test_seeds_align_shared_sentences_and_label_the_verbatim_one() -> None:
    a, b = load_article(str(seed("000"))), load_article(str(seed("001")))
    result = compare(a, b)
    verbatim = [a.text[p.a[0]:p.a[1]] for p in result.passages if p.kind == "verbatim"]
    assert any(v.startswith("The Soviets eyed their sometimes-ally") for v in verbatim)
    soviets = next(p for p in result.passages if a.text[p.a[0]:p.a[1]].startswith("The Soviets eyed"))
    assert soviets.changes == ()
    aligned_a = " ".join(a.text[p.a[0]:p.a[1]] for p in result.passages)
    for shared in ("trade between the two countries surged to over $28 billion", "He is based at SAIS-Europe", "patriotic war of liberation"):
        assert shared in aligned_a
    assert "Hong Min of the Korea Institute" not in aligned_a


SEED_SHARED = (
    ("A professor at the Henry A. Kissinger", "He is the distinguished professor"),
    ("He is based at SAIS-Europe", "He is based at SAIS-Europe"),
    ("His new book", "His new book"),
    ("The relationship between the Soviet Union", "The Soviet relationship with North Korea"),
    ("Kim stayed away from the Soviet camp", "Pyongyang leaned to China’s side"),
    ("It didn’t go well.", "It didn’t work out."),
    ("Putin calls the invasion", "The North Korean invasion"),
    ("It was the Chinese", "The Chinese succeeded"),
    ("The two nations are technically", "Although the countries are technically"),
    ("Kim unleashed a purge", "The purge of the Workers Party"),
    ("Kim got away with his purge", "Kim got away with his purge"),
    ("It was never actual self-reliance", "It was not self-reliant"),
    ("China and the USSR", "China and the USSR"),
    ("The Soviets eyed", "The Soviets eyed"),
    ("When the relationship began to break", "Only the hard-line Stalinists"),
    ("South Korea was looked to", "The rest of Russia looked"),
    ("Russia’s economic ties", "Russia and South Korea expanded"),
    ("Seoul became a major investor", "Seoul became a major investor"),
    ("The value of a well-armed", "Putin discovered the value"),
    ("North Korea began supplying Russia", "Russia is in need of much-needed"),
    ("Kim had a meeting", "The Russian Far East was sited"),
    ("A lot has changed since", "More than three decades ago"),
    ("Putin put the blood-stained shoes", "Putin put the shoes back on"),
    ("He likes the look.", "He likes the look."),
    ("The treaty creates", "A comprehensive strategic partnership treaty"),
)
"""Every sentence pair the two seeds share, read side by side (seed 000, seed 001)."""

FURNITURE = ("newsweekshowcase.com", "Previous post", "Next post", "Exit mobile version", "Source: Leaders")


def test_seeds_pair_every_shared_sentence_and_no_furniture() -> None:
    a, b = load_article(str(seed("000"))), load_article(str(seed("001")))
    for x, y in SEED_SHARED:
        assert x in a.text and y in b.text, "the seeds changed"
    units = [(a.text[ua[0]:ua[1]], b.text[ub[0]:ub[1]]) for p in compare(a, b, explain=False).passages for ua, ub in p.units]
    missing = [(x, y) for x, y in SEED_SHARED if not any(x in ta and y in tb for ta, tb in units)]
    assert missing == []
    assert not [f for f in FURNITURE for ta, tb in units if f in ta or f in tb]


def test_trace_ranks_the_original_and_never_returns_itself(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest([str(EXAMPLES)], store)
        tracer = Tracer(store)
        copy = load_article(str(EXAMPLES / "copies" / "bridge-spun.txt"))
        result = tracer.trace(copy)
        assert result.sources and result.sources[0].source.source.endswith("harbour-bridge.txt")
        assert all(m.source.content_hash != copy.content_hash for m in result.sources)
        assert result.sources[0].coverage >= 0.6
        original = next(a for a in store.iter_articles() if a.source.endswith("river-survey.txt"))
        own = tracer.trace(original)
        assert all(m.source.id != original.id for m in own.sources)
        assert any(m.source.source.endswith("salmon-rewrite.html") for m in own.sources)


def test_cli_compare_json_contract_and_batch_mode(tmp_path: Path) -> None:
    original, copy = EXAMPLES / "originals" / "harbour-bridge.txt", EXAMPLES / "copies" / "bridge-spun.txt"
    run = lambda *args: subprocess.run([sys.executable, "-m", "unspin", *args], capture_output=True, text=True, check=True).stdout  # noqa: E731
    single = json.loads(run("compare", str(original), str(copy), "--format", "json"))
    assert set(single) >= {"a", "b", "passages"}
    assert set(single["a"]) >= {"source", "title", "text"}
    assert single["a"]["text"] == original.read_text(encoding="utf-8")
    for passage in single["passages"]:
        assert set(passage) >= {"a", "b", "kind", "similarity", "changes"}
        assert passage["kind"] in {"verbatim", "edited", "paraphrase"}
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "p1", "a": {"path": str(original)}, "b": {"path": str(copy)}}) + "\n"
        + "oops\n"
        + json.dumps({"id": "p2", "a": {"text": SENTENCES[0]}, "b": {"text": SENTENCES[0] + " " + FILLER[0]}}) + "\n",
        encoding="utf-8",
    )
    lines = [json.loads(x) for x in run("compare", "--pairs", str(pairs), "--format", "jsonl").splitlines()]
    assert [x["id"] for x in lines] == ["p1", "p2"]
    assert lines[0]["passages"] == single["passages"]
    assert lines[1]["passages"][0]["kind"] == "verbatim"


def test_align_recomputes_vectors_that_do_not_match_the_sentences() -> None:
    from unspin.align.aligner import align, sentence_vectors

    a, b = article_from_text(" ".join(SENTENCES[:4])), article_from_text(" ".join(SENTENCES[2:6]))
    capped = sentence_vectors(a)[:2]  # as stored for an article over the per-article vector cap
    assert align(a, b, a_vectors=capped) == align(a, b)


def test_compare_reads_stdin() -> None:
    text = " ".join(SENTENCES[:3])
    out = subprocess.run([sys.executable, "-m", "unspin", "compare", "-", str(EXAMPLES / "originals" / "river-survey.txt"), "--format", "json"],
                         input=text, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["a"]["source"] == "<stdin>"


def test_reuse_blocks_join_a_copy_split_by_an_edit_and_cut_it_to_the_copied_words() -> None:
    """One copied block, its middle sentence edited and its first sentence only half copied, is one detection."""
    source = " ".join(FILLER[:2] + SENTENCES[:4] + FILLER[2:])
    edited = SENTENCES[1].replace("this weekend", "over the coming days")
    copied = [f"Our own opening words, then {SENTENCES[0][0].lower()}{SENTENCES[0][1:]}", edited, *SENTENCES[2:4]]
    copy = " ".join(["A sentence of the copy's own about something else entirely.", *copied])
    a, b = article_from_text(copy, "copy"), article_from_text(source, "source")
    comparison = compare(a, b, explain=False)
    assert len(comparison.passages) >= 2
    [(span_a, span_b)] = reuse_blocks(a, b, comparison.passages)
    assert a.text[span_a[0] : span_a[1]].startswith("the council approved")
    assert a.text[span_a[0] : span_a[1]].endswith("seal the win")
    assert b.text[span_b[0] : span_b[1]].startswith("The council approved")
