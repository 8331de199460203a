"""One watch pass: poll each source, ingest the pages it lists that are new, alert on copies.

The order of a pass, and why it survives a kill -9:
1. Poll the source (a conditional GET); a 304 ends it.
2. Read what it lists (``discover``); poll listed feeds and sitemaps in turn.
3. For each listed page not yet seen: fetch, extract, trace against the
   store (before adding, so the page is not its own source), then commit
   the article, its seen-URL row and its alert in one transaction.
4. Only when every listed page is handled, record the source's ETag and
   Last-Modified. A pass killed before that re-reads the whole listing next
   time and skips, by seen URL, the pages it committed.

Transient failures (network, timeout, 5xx, robots.txt) are not recorded, so
the next pass retries them; pages that fail for good (4xx, no article text)
are recorded as seen with their reason and not fetched again.
"""

from __future__ import annotations

import logging
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from unspin.errors import FetchError, InputError
from unspin.index.features import index_rows
from unspin.read.extract import extract_article
from unspin.read.fetch import HTTPStatusError
from unspin.read.readers import decode_bytes, sniff
from unspin.records import Article, RawDocument, SourceMatch, Trace
from unspin.store import SeenPage, SourceState, Store
from unspin.trace import Tracer
from unspin.watch.alerts import alert_json
from unspin.watch.discover import read_listing
from unspin.watch.polite import Politeness, PoliteConfig, Response, RobotsDisallowed

Problem = Callable[[str, str], None]
"""Called with ``(url, reason)`` for each failure; the pass goes on."""
AlertSink = Callable[[dict[str, Any], Trace], None]
"""Called with each alert after it is committed, and the trace behind it."""
Prepare = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """What a watcher fetches and when it alerts."""

    polite: PoliteConfig = field(default_factory=PoliteConfig)
    alert_coverage: float | None = None
    max_depth: int = 3
    min_words: int = 40
    """Fewer words of main text make a section front, a stub or an error page, not an article."""

    def __post_init__(self) -> None:
        if self.alert_coverage is not None and not 0 < self.alert_coverage <= 1:
            raise ValueError("the alert coverage must be in (0, 1]")


@dataclass(slots=True)
class PassSummary:
    """What one pass did."""

    sources: int = 0
    unchanged: int = 0
    new_pages: int = 0
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    alerts: int = 0
    seconds_fetching_pages: float = 0.0
    seconds_extracting: float = 0.0
    seconds_tracing: float = 0.0
    seconds_storing: float = 0.0


class Watcher:
    """Polls sources into one store; keep it between passes (robots rules and the tracer stay warm)."""

    def __init__(
        self,
        store: Store,
        config: WatchConfig = WatchConfig(),
        on_problem: Problem = lambda url, reason: None,
        on_alert: AlertSink = lambda alert, trace: None,
        prepare_alert: Prepare = lambda alert: alert,
    ) -> None:
        # trafilatura logs what it rejects; watch reports each failure once itself.
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        self.store = store
        self.config = config
        self.polite = Politeness(config.polite)
        self.tracer = Tracer(store) if config.alert_coverage is not None else None
        self._problem = on_problem
        self._alert = on_alert
        self._prepare = prepare_alert
        self._tried: dict[str, bool] = {}  # page URL -> handled for good, in this pass

    def run_pass(self, sources: Sequence[str]) -> PassSummary:
        """Poll every source once."""
        summary = PassSummary()
        polled: set[str] = set()
        self._tried = {}
        for source in dict.fromkeys(sources):
            self._poll(source, 0, summary, polled)
        return summary

    def _fail(self, url: str, reason: str, summary: PassSummary) -> None:
        summary.failed += 1
        self._problem(url, reason.removeprefix(f"{url}: "))

    def _poll(self, url: str, depth: int, summary: PassSummary, polled: set[str]) -> bool:
        """Poll one feed, sitemap or home page; True when everything it lists is handled."""
        polled.add(url)
        summary.sources += 1
        state = self.store.source_state(url)
        try:
            response = self.polite.get(url, state)
            if response.status == 304:
                summary.unchanged += 1
                return True
            robots_sitemaps = self.polite.robots_sitemaps(url) if depth == 0 else ()
            listing = read_listing(response.url, response.body, robots_sitemaps)
        except InputError as exc:
            self._fail(url, str(exc), summary)
            return False
        complete = True
        for child in listing.sources:
            if child not in polled and depth < self.config.max_depth:
                complete = self._poll(child, depth + 1, summary, polled) and complete
        for page in self.store.unseen(listing.pages):
            if page not in self._tried:  # listed twice (feed and sitemap): one try, one failure line
                self._tried[page] = self._page(page, summary)
            complete = self._tried[page] and complete
        # Only a listing of pages is skipped on 304; a home page or an index is always re-read
        # for its feeds and sitemaps, which carry their own validators.
        if complete and listing.kind in ("feed", "sitemap") and (response.etag or response.last_modified):
            self.store.save_source_state(SourceState(url, response.etag, response.last_modified))
        return complete

    def _page(self, url: str, summary: PassSummary) -> bool:
        """Fetch, trace and commit one new page; True when it is handled for good."""
        summary.new_pages += 1
        started = time.perf_counter()
        try:
            response = self.polite.get(url)
        except HTTPStatusError as exc:
            self._fail(url, str(exc), summary)
            if 400 <= exc.status < 500 and exc.status not in (408, 429):
                self.store.add([], seen=[SeenPage(url, f"HTTP {exc.status}")])
                return True
            return False
        except RobotsDisallowed as exc:
            self._fail(url, str(exc), summary)
            return True  # the site's choice, not a failure to retry; the URL is not marked seen
        except FetchError as exc:
            self._fail(url, str(exc), summary)
            return False
        finally:
            summary.seconds_fetching_pages += time.perf_counter() - started
        try:
            article = self._extract(url, response, summary)
        except InputError as exc:
            self._fail(url, f"not an article ({exc})", summary)
            self.store.add([], seen=[SeenPage(url, "not an article")])
            return True
        self._commit(url, article, summary)
        return True

    def _commit(self, url: str, article: Article, summary: PassSummary) -> None:
        """Trace the page (before it is stored, so it is not its own source), then store it, its
        seen-URL row and its alert in one transaction; hand the alert on once committed."""
        alerts: list[tuple[dict[str, Any], Trace]] = []
        started = time.perf_counter()
        if self.tracer is not None and self.config.alert_coverage is not None:
            result = self._with_verbatim_source(self.tracer.trace(article))
            alert = alert_json(result, self.config.alert_coverage)
            if alert is not None:
                alerts.append((self._prepare(alert), result))
        summary.seconds_tracing += time.perf_counter() - started
        started = time.perf_counter()
        known = self.store.known_hashes([article.content_hash])
        batch = [] if known else list(zip([article], index_rows([article])))
        outcome = "duplicate" if known else "added"
        self.store.add(batch, seen=[SeenPage(url, outcome, article.content_hash)], alerts=[a for a, _ in alerts])
        if known:
            summary.duplicates += 1
        else:
            summary.added += 1
            if self.tracer is not None:
                self.tracer.refresh()
        summary.seconds_storing += time.perf_counter() - started
        for alert, result in alerts:
            summary.alerts += 1
            self._alert(alert, result)

    def _with_verbatim_source(self, result: Trace) -> Trace:
        """Add the stored article with the very same text, which a trace leaves out as the page itself,
        when it was stored from another origin (scheme, host, port): a word-for-word copy is a copy too."""
        article = result.article
        stored_id = self.store.find_by_hash(article.content_hash)
        stored = self.store.get(stored_id) if stored_id is not None else None
        if stored is None or _origin(stored.url) == _origin(article.url):
            return result
        whole = SourceMatch(stored, 1.0, ())
        return Trace(article, (whole, *result.sources), ())

    def _extract(self, url: str, response: Response, summary: PassSummary) -> Article:
        started = time.perf_counter()
        try:
            html = "html" in response.content_type or sniff(response.body) == "html"
            raw = RawDocument(source=url, kind="html" if html else "text", payload=decode_bytes(response.body, html), url=response.url)
            article = extract_article(raw)
        finally:
            summary.seconds_extracting += time.perf_counter() - started
        words = len(article.text.split())
        if words < self.config.min_words:
            raise InputError(f"{words} words of main text, under the {self.config.min_words}-word minimum")
        return article


def _origin(url: str | None) -> tuple[str, str] | None:
    parts = urllib.parse.urlsplit(url or "")
    return (parts.scheme, parts.netloc) if parts.netloc else None
