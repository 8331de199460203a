"""The typed Python API: everything the CLI, the service and scripts call.

    >>> import unspin
    >>> result = unspin.compare(unspin.load_article("a.txt"), unspin.load_article("b.html"))
"""

from __future__ import annotations

import sys

from unspin.align.aligner import AlignConfig, align
from unspin.errors import InputError
from unspin.explain.meaning import explain_pair
from unspin.read.extract import extract_article
from unspin.read.fetch import FetchConfig, fetch_url
from unspin.read.readers import ReadConfig, decode_bytes, read_inputs, sniff
from unspin.records import Article, Comparison, IngestProblem, RawDocument


def load_article(spec: str, read_config: ReadConfig = ReadConfig()) -> Article:
    """Read one article from a path, a URL, or ``-`` (standard input).

    A container (WARC, JSONL) gives its first article.

    Raises:
        InputError: naming ``spec`` and the reason it holds no article.
    """
    if spec == "-":
        data = sys.stdin.buffer.read(read_config.max_bytes + 1)
        if len(data) > read_config.max_bytes:
            raise InputError(f"<stdin>: over the {read_config.max_bytes:,}-byte limit")
        kind = "html" if sniff(data) == "html" else "text"
        try:
            text = decode_bytes(data, kind == "html")
        except InputError as exc:
            raise InputError(f"<stdin>: {exc}") from None
        return article_from_text(text, source="<stdin>", kind=kind)
    for item in read_inputs([spec], read_config):
        if isinstance(item, IngestProblem):
            raise InputError(f"{item.source}: {item.reason}")
        try:
            return extract_article(item)
        except InputError as exc:
            raise InputError(f"{item.source}: {exc}") from None
    raise InputError(f"{spec}: holds no article")


def article_from_text(text: str, source: str = "<text>", kind: str = "text", url: str | None = None) -> Article:
    """An article from a string of plain text or HTML already in memory."""
    if not text.strip():
        raise InputError(f"{source}: empty: no text")
    try:
        return extract_article(RawDocument(source=source, kind="html" if kind == "html" else "text", payload=text, url=url))
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def fetch_article(url: str, config: FetchConfig = FetchConfig()) -> Article:
    """Fetch one article from an http(s) URL, never a local path.

    The default config refuses loopback, private and link-local hosts, as a
    service acting for strangers must; pass ``allow_private=True`` to fetch
    on your own behalf.

    Raises:
        FetchError: a refused, unreachable or oversized URL.
        InputError: a page that holds no article text.
    """
    fetched = fetch_url(url, config)
    html = "html" in fetched.content_type or sniff(fetched.body) == "html"
    try:
        text = decode_bytes(fetched.body, html)
    except InputError as exc:
        raise InputError(f"{url}: {exc}") from None
    return article_from_text(text, source=url, kind="html" if html else "text", url=fetched.url)


def compare(a: Article, b: Article, config: AlignConfig = AlignConfig(), explain: bool = True) -> Comparison:
    """Every passage ``b`` shares with ``a``, labelled, with meaning changes."""
    passages = align(a, b, config=config)
    return Comparison(a, b, *explain_pair(a, b, passages, explain))


__all__ = ["article_from_text", "compare", "fetch_article", "load_article"]
