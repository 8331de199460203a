"""One article from whatever a caller holds: a path, a URL, a string, or raw bytes.

The CLI, the Python API, batch mode and the service all build their
articles here, so that a file, a pasted text and an uploaded page give
the same ``Article`` (and the same errors) whichever front they came in by.
"""

from __future__ import annotations

import sys

from unspin.errors import InputError
from unspin.read.extract import extract_article
from unspin.read.fetch import FetchConfig, fetch_url
from unspin.read.readers import ReadConfig, decode_bytes, read_inputs, sniff
from unspin.records import Article, IngestProblem, RawDocument

_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")


def article_from(
    *,
    path: str | None = None,
    url: str | None = None,
    text: str | None = None,
    html: str | None = None,
    data: bytes | None = None,
    source: str | None = None,
    fetch: FetchConfig = FetchConfig(),
    read: ReadConfig = ReadConfig(),
) -> Article:
    """The article in exactly one of ``path``, ``url``, ``text``, ``html`` or ``data``.

    Args:
        path: a local file, an http(s) URL fetched on the caller's own behalf
            (``read.fetch``, private hosts allowed), or ``-`` for standard
            input. A container (WARC, JSONL) gives its first article.
        url: an http(s) URL fetched with ``fetch``, whose default refuses
            loopback, private and link-local hosts, as a service acting for
            strangers must.
        text: plain text already in memory.
        html: an HTML page already in memory.
        data: bytes of unknown encoding (an upload): HTML when they look like
            it or ``source`` ends in ``.html``/``.htm``, else text.
        source: the name reports and errors give the article (default: the
            path or URL, else ``<text>``).

    Raises:
        InputError: naming the input and why it holds no article (a
            ``FetchError`` for a refused or unreachable URL).
        ValueError: when not exactly one input is given (a caller's bug).
    """
    given = [name for name, value in (("path", path), ("url", url), ("text", text), ("html", html), ("data", data))
             if value is not None]
    if len(given) != 1:
        raise ValueError(f"article_from needs exactly one of path, url, text, html or data, not {given or 'none'}")
    if path is not None:
        return _from_path(path, read) if path != "-" else _from_bytes(_stdin(read.max_bytes), source or "<stdin>")
    if url is not None:
        fetched = fetch_url(url, fetch)
        is_html = "html" in fetched.content_type or sniff(fetched.body) == "html"
        return _from_bytes(fetched.body, source or url, "html" if is_html else "text", fetched.url)
    if data is not None:
        return _from_bytes(data, source or "<bytes>")
    if html is not None:
        return _extract(html, source or "<html>", "html")
    return _extract(text or "", source or "<text>", "text")


def _from_path(spec: str, read: ReadConfig) -> Article:
    for item in read_inputs([spec], read):
        if isinstance(item, IngestProblem):
            raise InputError(f"{item.source}: {item.reason}")
        try:
            return extract_article(item)
        except InputError as exc:
            raise InputError(f"{item.source}: {exc}") from None
    raise InputError(f"{spec}: holds no article")


def _from_bytes(data: bytes, source: str, kind: str | None = None, url: str | None = None) -> Article:
    if kind is None:
        kind = "html" if sniff(data) == "html" or source.lower().endswith(_HTML_NAMES) else "text"
    try:
        text = decode_bytes(data, kind == "html")
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return _extract(text, source, kind, url)


def _extract(text: str, source: str, kind: str, url: str | None = None) -> Article:
    if not text.strip():
        raise InputError(f"{source}: empty: no text")
    try:
        return extract_article(RawDocument(source=source, kind="html" if kind == "html" else "text", payload=text, url=url))
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def _stdin(max_bytes: int) -> bytes:
    """Standard input, read no further than the size cap (a pipe can be endless)."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"<stdin>: over the {max_bytes:,}-byte limit (--max-bytes)")
    return data
