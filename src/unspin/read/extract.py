"""Extract an article (main text, metadata, sentences) from a raw document.

HTML goes through trafilatura, which drops navigation and page furniture and
reads title, date, site and author from the page's metadata. Plain text is
kept exactly as read, so offsets reported later are offsets into the file;
its furniture lines are recorded as boilerplate spans instead of removed.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from typing import Any

from unspin.read.boilerplate import find_boilerplate, without_boilerplate
from unspin.read.page_metadata import read_metadata
from unspin.read.untrusted import quiet_loggers
from unspin.errors import InputError
from unspin.records import Article, RawDocument
from unspin.segment import MAX_ARTICLE_SENTENCES, split_sentences

MAX_HTML_CHARS = 3_000_000
"""Markup handed to trafilatura; the rest of a larger page is cut (lxml and
trafilatura hold many times the page in memory, and slow down on huge trees)."""
MAX_HTML_TAGS = 20_000
"""Tags handed to trafilatura (a news page has 2,000-10,000); the page is cut
before the next one. 15 MB of ``<p>`` took 204 s and 3 GB uncut."""
MAX_TAG_CHARS = 4_096
"""A longer tag keeps its name but loses its attributes: libxml2 checks a
tag's attributes against each other, so one tag of 1M attributes never ended."""
_TAG = re.compile(r"<[A-Za-z!/?]")
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]{0,40})[^<>]{%d,}+>" % MAX_TAG_CHARS)
_EXTRACTOR_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


def extract_article(raw: RawDocument) -> Article:
    """Build an ``Article`` from ``raw``.

    Raises:
        InputError: when the document yields no article text.
    """
    if raw.kind == "html":
        text, meta = _extract_html(raw)
    else:
        text, meta = raw.payload, {}
    if not text.strip():
        raise InputError("no article text found")
    site = meta.get("site") or _site_of(raw.url)
    boilerplate = find_boilerplate(text, site)
    sentences = without_boilerplate(split_sentences(text, MAX_ARTICLE_SENTENCES), boilerplate)
    if not sentences:
        raise InputError("only page furniture, no article text")
    return Article(
        source=raw.source,
        text=text,
        sentences=tuple(sentences),
        boilerplate=tuple(boilerplate),
        title=raw.title or meta.get("title") or _first_line(text, sentences[0]),
        published=raw.published or meta.get("published") or raw.crawled,
        site=site,
        author=meta.get("author"),
        url=raw.url,
        content_hash=content_hash(text),
    )


def content_hash(text: str) -> str:
    """Hash of whitespace-normalised text: the identity that ingest de-duplicates on."""
    # str.split() splits on exactly the characters ``\s`` matches (str.isspace), so this is
    # ``re.sub(r"\s+", " ", text).strip()`` at less than half the cost.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _extract_html(raw: RawDocument) -> tuple[str, dict[str, str]]:
    try:
        with quiet_loggers(_EXTRACTOR_LOGGERS):
            fields = _trafilatura_fields(bounded_html(raw.payload), raw.url)
    except Exception as exc:  # trafilatura raises many lxml types on hostile markup
        raise InputError(f"HTML could not be parsed ({exc.__class__.__name__})") from None
    text = fields.get("text") or ""
    if not text.strip():
        return "", {}
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    meta = {
        "title": fields.get("title"),
        "published": fields.get("date"),
        "site": fields.get("sitename") or fields.get("hostname"),
        "author": fields.get("author"),
    }
    return "\n\n".join(paragraphs), {k: v for k, v in meta.items() if v}


def _trafilatura_fields(markup: str, url: str | None) -> dict[str, Any]:
    """The text and metadata that ``bare_extraction(markup, url, with_metadata=True)`` gives, ``{}`` where it gives None.

    The page is parsed once: its metadata are read from the tree
    (:func:`read_metadata`, without the categories, tags and licence that
    unspin drops), and trafilatura extracts the text from its own copy, as
    it does for a tree it is given. Its ``TypeError`` and ``ValueError``
    mean "no article" there, and here.
    """
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(markup)
        if tree is None:
            return {}
        meta = read_metadata(tree, url)
    except (TypeError, ValueError):
        return {}
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False, include_tables=False)
    if doc is None:
        return {}
    return {**meta, "text": doc["text"] if isinstance(doc, dict) else doc.text}


def bounded_html(html: str) -> str:
    """``html`` cut to ``MAX_HTML_CHARS`` and ``MAX_HTML_TAGS``, over-long tags stripped of attributes.

    Every step is one linear pass, so what trafilatura gets is bounded
    whatever the page.
    """
    html = _LONG_TAG.sub(r"<\1>", html[:MAX_HTML_CHARS])
    if html.count("<") <= MAX_HTML_TAGS:  # every tag starts with one: nothing to cut
        return html
    for count, tag in enumerate(_TAG.finditer(html), start=1):
        if count > MAX_HTML_TAGS:
            return html[: tag.start()]
    return html


def _site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urllib.parse.urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _first_line(text: str, first_sentence: tuple[int, int]) -> str | None:
    line = text[first_sentence[0]:first_sentence[1]].split("\n", 1)[0].strip()
    return line[:200] or None
