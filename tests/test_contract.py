"""The JSON contract of compare and trace, through the CLI: direction, omitted sentences, blocks, a stored article.

The texts are our own: a council report (the source) and a copy that
changes a vote count (81 → 87), drops one sentence and adds a claim.
"""

from __future__ import annotations

import json
import subprocess
import sys
from html import escape
from pathlib import Path
from typing import Any

import pytest

TITLE = "Harwick council votes to close two libraries"
OPENING = "The Harwick district council voted on Monday to close two of its five public libraries by the end of the year."
VOTE = "The decision passed by {n} votes to 12 after a debate that lasted more than four hours."
SAVING = "Council leader Ruth Abernethy said the closures would save about 900,000 pounds a year."
DROPPED = "Residents had gathered outside the town hall with placards and a brass band since early morning."
BRANCHES = "The branches in Millbrook and Eastfield will shut their doors in December"
ADDED = "while opposition councillors prepare lawsuits against regional education ministers"
VAN = "A mobile library van will visit both villages twice a week from January."

SOURCE = f"{TITLE}\n\n{OPENING} {VOTE.format(n=81)} {SAVING} {DROPPED} {BRANCHES}. {VAN}\n"
COPY = f"Two Harwick libraries to shut\n\n{OPENING} {VOTE.format(n=87)} {SAVING} {BRANCHES}, {ADDED}. {VAN}\n"


def unspin(*args: str) -> str:
    run = subprocess.run([sys.executable, "-m", "unspin", *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


def as_json(*args: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(unspin(*args, "--format", "json"))
    return result


def page(text: str, published: str) -> str:
    """An HTML page dated ``published``, its paragraphs as ``<p>``."""
    title, body = text.split("\n\n", 1)
    return (
        f'<html><head><title>{escape(title)}</title><meta property="article:published_time" content="{published}">'
        f"</head><body><article><h1>{escape(title)}</h1><p>{escape(body.strip())}</p></article></body></html>"
    )


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    source, copy = tmp_path / "source.txt", tmp_path / "copy.txt"
    source.write_text(SOURCE, encoding="utf-8")
    copy.write_text(COPY, encoding="utf-8")
    return source, copy


def changes(passages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [c for p in passages for c in p["changes"] if c["type"] == kind]


def text_of(article: dict[str, Any], span: list[int]) -> str:
    return str(article["text"][span[0] : span[1]])


def test_compare_reads_source_to_copy(texts: tuple[Path, Path]) -> None:
    source, copy = texts
    result = as_json("compare", str(source), str(copy))
    assert result["direction"] == "a_to_b"
    [number] = changes(result["passages"], "number")
    assert (number["a_text"], number["b_text"]) == ("81", "87")
    assert number["note"] == "81 → 87"
    [added] = changes(result["passages"], "addition")
    assert added["a"] is None and text_of(result["b"], added["b"]) == ADDED
    assert "the copy adds" in added["note"]
    assert not changes(result["passages"], "omission")
    assert [text_of(result["a"], s) for s in result["omitted"]] == [DROPPED]


def test_swapping_a_and_b_swaps_addition_and_omission(texts: tuple[Path, Path]) -> None:
    source, copy = texts
    forward = as_json("compare", str(source), str(copy))
    backward = as_json("compare", str(copy), str(source))
    assert backward["direction"] == "a_to_b"  # no dates: A is the source
    [number] = changes(backward["passages"], "number")
    assert (number["a_text"], number["b_text"], number["note"]) == ("87", "81", "87 → 81")
    [dropped] = changes(backward["passages"], "omission")
    assert dropped["b"] is None and text_of(backward["a"], dropped["a"]) == ADDED
    assert "the copy drops" in dropped["note"]
    [added] = changes(backward["passages"], "addition")  # the sentence forward reads as dropped
    assert added["a"] is None and text_of(backward["b"], added["b"]) == DROPPED
    assert backward["omitted"] == []  # the copy, read as the source, has no sentence the other drops
    assert [(p["b"], p["a"]) for p in backward["passages"]] == [(p["a"], p["b"]) for p in forward["passages"]]


def test_dates_make_the_earlier_article_the_source(tmp_path: Path) -> None:
    copy, source = tmp_path / "copy.html", tmp_path / "source.html"
    copy.write_text(page(COPY, "2024-06-20T09:00:00Z"), encoding="utf-8")
    source.write_text(page(SOURCE, "2024-06-18T09:00:00Z"), encoding="utf-8")
    result = as_json("compare", str(copy), str(source))
    assert result["b"]["published"].startswith("2024-06-18")
    assert result["direction"] == "b_to_a"
    [number] = changes(result["passages"], "number")
    assert (number["a_text"], number["b_text"], number["note"]) == ("87", "81", "81 → 87")
    [added] = changes(result["passages"], "addition")
    assert added["b"] is None and text_of(result["a"], added["a"]) == ADDED
    assert [text_of(result["b"], s) for s in result["omitted"]] == [DROPPED]
    text = unspin("compare", str(copy), str(source))
    assert text.index("Source (B):") < text.index("Copy (A):") and "A copies " in text and "of its sentences from B" in text
    html = unspin("compare", str(copy), str(source), "--format", "html")
    assert "<b>B · source</b>" in html and "<b>A · copy</b>" in html
    assert f'<h2>Source sentences the copy drops</h2><ul class="omitted"><li>{DROPPED}</li></ul>' in html


def test_blocks_group_passages_into_contiguous_copies(texts: tuple[Path, Path]) -> None:
    source, copy = texts
    result = as_json("compare", str(source), str(copy))
    passages, blocks = result["passages"], result["blocks"]
    assert blocks, "the copy reuses five sentences in a row: one block"
    seen: list[int] = []
    for block in blocks:
        assert set(block) == {"a", "b", "kind", "passages"}
        assert block["kind"] in {"verbatim", "edited", "paraphrase"}
        assert block["a"][0] < block["a"][1] and block["b"][0] < block["b"][1]
        assert block["passages"] == sorted(block["passages"])
        for index in block["passages"]:
            # a block is cut at its ends to the shared words, so it lies inside its passages' union, near their ends
            assert passages[index]["a"][1] > block["a"][0] and passages[index]["a"][0] < block["a"][1]
            assert passages[index]["b"][1] > block["b"][0] and passages[index]["b"][0] < block["b"][1]
        seen += block["passages"]
    assert len(seen) == len(set(seen)), "a passage belongs to one block at most"
    [main] = [b for b in blocks if OPENING in text_of(result["a"], b["a"])]
    assert text_of(result["a"], main["a"]).endswith("from January")
    assert text_of(result["b"], main["b"]).startswith(OPENING)
    assert main["kind"] == "edited"  # it holds the changed vote count
    text = unspin("compare", str(source), str(copy))
    assert "Block 1 · edited" in text and "The copy drops 1 source sentence" in text


def test_trace_reads_stored_source_to_copy_and_names_a_stored_article(texts: tuple[Path, Path], tmp_path: Path) -> None:
    source, copy = texts
    db = str(tmp_path / "store.db")
    unspin("add", str(source), "--db", db, "-q")
    traced = as_json("trace", str(copy), "--db", db)
    assert traced["stored_id"] is None
    [match] = traced["sources"]
    assert match["direction"] == "b_to_a"
    [number] = changes(match["passages"], "number")
    assert (number["a_text"], number["b_text"], number["note"]) == ("87", "81", "81 → 87")
    [added] = changes(match["passages"], "addition")
    assert added["b"] is None and text_of(traced["article"], added["a"]) == ADDED
    assert [SOURCE[s:e] for s, e in match["omitted"]] == [DROPPED]
    assert match["blocks"] and all(set(b) == {"a", "b", "kind", "passages"} for b in match["blocks"])

    unspin("add", str(copy), "--db", db, "-q")
    [stored] = [row["id"] for row in json.loads(unspin("ls", "--db", db, "--format", "json")) if row["source"] == str(source)]
    own = as_json("trace", str(source), "--db", db)
    assert own["stored_id"] == stored
    assert [m["id"] for m in own["sources"]] != [] and stored not in [m["id"] for m in own["sources"]]
    assert f"stored (id {stored})" in unspin("trace", str(source), "--db", db)
    assert as_json("trace", f"id:{stored}", "--db", db)["stored_id"] == stored


def test_reuse_pairs_carry_blocks_and_omitted_read_from_the_dated_source(tmp_path: Path) -> None:
    from unspin.corpus.tables import read_rows

    examples = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    out = tmp_path / "reuse"
    unspin("reuse", str(examples), "--out", str(out), "--workers", "1", "-q")
    sources = {r["id"]: r["source"] for r in read_rows(out / "articles", "articles", ["id", "source"])}
    texts = {r["id"]: r["text"] for r in read_rows(out / "articles", "articles", ["id", "text"])}
    [library] = [r for r in read_rows(out / "pairs", "pairs") if sources[r["a_id"]].endswith("library-hours.html")]
    assert (library["direction"], library["source_id"]) == ("a_to_b", library["a_id"])  # the page is dated earlier
    omitted = [texts[library["a_id"]][s:e] for s, e in json.loads(library["omitted"])]
    assert omitted == ["The committee said the change would cost about £85,000 a year, paid from the heritage fund."]
    blocks = json.loads(library["blocks"])
    assert blocks and all(set(b) == {"a", "b", "kind", "passages"} for b in blocks)
    assert {n for b in blocks for n in b["passages"]} <= set(range(library["passages"]))
