"""HTML extraction reads a page once and skips the metadata unspin drops; what it stores must not change.

``read_metadata`` follows trafilatura's ``extract_metadata`` for the fields
unspin keeps, and ``_trafilatura_fields`` stands for one
``bare_extraction(with_metadata=True)`` call. These tests hold both to the
trafilatura calls they replace, on pages written here with the usual ways
news sites publish their metadata, and check that a store filled through
either path holds the same rows and postings.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from unspin.add import ingest
from unspin.read import extract
from unspin.read.extract import bounded_html
from unspin.read.page_metadata import KEPT_FIELDS, read_metadata
from unspin.store import Store

STORY = [
    "The harbour authority said on Tuesday that the old ferry pier will close for repairs from next month.",
    "Engineers found that two of the timber piles under the pier had rotted further than a survey had shown in spring.",
    "Commuters who use the morning crossing will be moved to a temporary landing beside the fish market.",
    "A spokeswoman for the authority said the work should take about eleven weeks if the weather holds.",
    "Local traders said they welcomed the repairs but worried that fewer visitors would walk past their stalls.",
]

HEADS = {
    "open-graph": '<meta property="og:title" content="Ferry pier to close"><meta property="og:site_name" content="Coast Courier">'
                  '<meta property="article:published_time" content="2024-03-05T08:00:00Z"><meta name="author" content="Jo Marsh">',
    "json-ld": '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
               '"headline": "Ferry pier to close", "datePublished": "2024-03-05", "author": {"@type": "Person", '
               '"name": "Jo Marsh"}, "publisher": {"@type": "Organization", "name": "Coast Courier"}}</script>',
    "canonical-and-handle": '<link rel="canonical" href="https://www.coastcourier.example/news/pier"><meta name="twitter:site" '
                            'content="@coastcourier"><meta name="date" content="2024-03-05">',
    "lower-case-site": '<meta property="og:site_name" content="harbour weekly"><meta name="author" content="marsh">',
    "title-only": "",
}


def page(head: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>Ferry pier to close | Coast Courier</title>{head}</head><body>"
            '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>Ferry pier to close</h1><p class=\"byline\">By Jo Marsh</p>{body}</article>"
            '<footer><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer></body></html>')


PAGES = {name: page(head, STORY) for name, head in HEADS.items()}


def full_call(markup: str, url: str | None) -> dict[str, Any]:
    """What unspin asked trafilatura for before: the whole document with every metadata field."""
    doc = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return {}
    fields = doc if isinstance(doc, dict) else doc.as_dict()
    return {name: fields[name] for name in (*KEPT_FIELDS, "text")}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("url", [None, "https://news.example.org/2024/pier"])
def test_metadata_equals_trafilaturas_own(name: str, url: str | None) -> None:
    tree = load_html(PAGES[name])
    theirs = extract_metadata(tree, url, None, False, None)
    mine = read_metadata(tree, url)
    assert mine == {field: getattr(theirs, field) for field in KEPT_FIELDS}
    assert mine["title"]  # the pages do carry metadata, so the comparison means something


@pytest.mark.parametrize("name", sorted(PAGES))
def test_fields_equal_one_full_bare_extraction(name: str) -> None:
    markup = bounded_html(PAGES[name])
    assert extract._trafilatura_fields(markup, None) == full_call(markup, None)


@pytest.mark.parametrize("markup", ["", "just a line of text, no markup", "<html><body><p>Short.</p></body></html>",
                                    "<html><head><title>No body</title></head></html>"])
def test_thin_pages_give_what_the_full_call_gives(markup: str) -> None:
    assert extract._trafilatura_fields(markup, None) == full_call(markup, None)


def table_digests(path: Path) -> dict[str, str]:
    """Each table's rows in order, hashed; ``added_at`` (the clock) left out."""
    db = sqlite3.connect(path)
    digests = {}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").fetchall():
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})") if row[1] != "added_at"]
        rows = db.execute(f"SELECT {','.join(columns)} FROM {table} ORDER BY {','.join(columns)}").fetchall()
        digests[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    db.close()
    return digests


def test_stored_rows_equal_those_of_the_full_trafilatura_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number, (name, markup) in enumerate(sorted(PAGES.items())):
        # Distinct texts, so every page is stored rather than found a duplicate.
        story = [f"{sentence[:-1]}, the {number + 1}th report said." for sentence in STORY]
        (folder / f"{name}.html").write_text(page(HEADS[name], story), encoding="utf-8")
    with Store(str(tmp_path / "lean.db")) as store:
        lean = ingest([str(folder)], store, workers=0)
    monkeypatch.setattr(extract, "_trafilatura_fields", full_call)
    with Store(str(tmp_path / "full.db")) as store:
        full = ingest([str(folder)], store, workers=0)
    assert len(lean.added) == len(full.added) == len(PAGES) and not lean.problems
    assert table_digests(tmp_path / "lean.db") == table_digests(tmp_path / "full.db")
