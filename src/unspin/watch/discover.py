"""What a watched source lists: article pages, and further feeds or sitemaps.

The parsing is trafilatura's (``trafilatura.feeds`` for RSS, Atom and JSON
feeds and feed discovery on a home page, ``trafilatura.sitemaps`` for XML and
text sitemaps, sitemap indexes and news sitemaps, and robots.txt ``Sitemap:``
lines). Only its fetching and its URL filters are left out: watch fetches with
its own polite fetcher, and courlan's filters drop URLs with an IP address and
a port, which a user's own intranet sources can have.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import zlib
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from trafilatura import feeds, sitemaps

from unspin.errors import InputError
from unspin.read.readers import decode_bytes

ListingKind = Literal["feed", "sitemap", "sitemap index", "home page"]

_SITEMAP_ROOT = re.compile(r"<(?:[\w.-]+:)?(urlset|sitemapindex)\b")
_MAX_UNZIPPED = 50_000_000
"""The sitemap protocol's own limit on an uncompressed sitemap."""


@dataclass(frozen=True, slots=True)
class Listing:
    """What one source lists: ``pages`` to ingest and ``sources`` to poll in turn."""

    kind: ListingKind
    pages: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


def read_listing(url: str, body: bytes, robots_sitemaps: tuple[str, ...] = ()) -> Listing:
    """Read a fetched source: a feed, a sitemap (or index), or a home page to discover them on.

    Args:
        url: the URL the body came from (relative links resolve against it).
        body: the raw bytes, gzipped or not.
        robots_sitemaps: the ``Sitemap:`` lines of the host's robots.txt, polled when ``url`` is a home page.

    Raises:
        InputError: a malformed feed, or a page that is none of the three.
    """
    text = decode_bytes(_gunzip(body)).lstrip("\ufeff \t\r\n")
    head = text[:2000]
    if match := _SITEMAP_ROOT.search(head):
        return _sitemap(url, text, match.group(1) == "sitemapindex")
    if feeds.is_potential_feed(head) or text.startswith("{"):
        return Listing("feed", pages=_feed_pages(url, text))
    if "<html" in head.lower() or "<body" in head.lower():
        found = feeds.determine_feed(text, _params(url)) + [s for s in robots_sitemaps if s != url]
        if not found:
            raise InputError("a page with no feed or sitemap link, and no Sitemap: line in robots.txt")
        return Listing("home page", sources=tuple(dict.fromkeys(found)))
    raise InputError("neither a feed, a sitemap nor an HTML page")


def _feed_pages(url: str, text: str) -> tuple[str, ...]:
    _check_well_formed(text)
    return _articles(url, feeds.find_links(text, _params(url)))


def _check_well_formed(text: str) -> None:
    """Refuse a feed that is not well-formed XML or JSON: its links cannot be trusted to be whole."""
    if text.startswith("{"):
        try:
            json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InputError(f"malformed JSON feed ({exc.__class__.__name__})") from None
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed feed ({exc.msg or 'XML syntax error'})") from None


def _sitemap(url: str, text: str, index: bool) -> Listing:
    sitemap = _Sitemap(url, index)
    sitemap.current_url = url
    sitemap.content = text
    sitemap.process()
    if index:
        return Listing("sitemap index", sources=tuple(dict.fromkeys(sitemap.sitemap_urls)))
    return Listing("sitemap", pages=_articles(url, sitemap.urls), sources=tuple(dict.fromkeys(sitemap.sitemap_urls)))


class _Sitemap(sitemaps.SitemapObject):
    """trafilatura's sitemap reader with a plain link rule: every ``<loc>`` of an index is a
    sitemap, and of a sitemap a page (unless it ends in .xml, trafilatura's own test)."""

    __slots__ = ("index",)

    def __init__(self, url: str, index: bool) -> None:
        parts = urllib.parse.urlsplit(url)
        super().__init__(f"{parts.scheme}://{parts.netloc}", parts.netloc, [])
        self.index = index

    def handle_link(self, link: str) -> None:
        link = urllib.parse.urljoin(self.current_url, link.strip())
        if link == self.current_url or not link.startswith(("http://", "https://")):
            return
        if self.index or sitemaps.DETECT_SITEMAP_LINK.search(link):
            self.sitemap_urls.append(link)
        else:
            self.urls.append(link)


def _params(url: str) -> feeds.FeedParameters:
    parts = urllib.parse.urlsplit(url)
    return feeds.FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.netloc, url)


def _articles(base: str, links: list[str]) -> tuple[str, ...]:
    """Absolute http(s) links, each once, in feed order; a site's root is its home page, not an article."""
    found: dict[str, None] = {}
    for link in links:
        absolute = urllib.parse.urljoin(base, link.strip()).split("#", 1)[0]
        parts = urllib.parse.urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.hostname and parts.path not in ("", "/") and absolute != base:
            found[absolute] = None
    return tuple(found)


def _gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, _MAX_UNZIPPED)
    except zlib.error as exc:
        raise InputError(f"broken gzip ({exc})") from None
    return data
