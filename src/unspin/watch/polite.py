"""Fetch the way a good crawler does: robots.txt, a delay per host, conditional GETs, bounds.

- robots.txt (RFC 9309, read with ``urllib.robotparser``) is fetched once per
  host and kept for an hour; a 4xx answer means no rules, an unreachable one
  means the whole host is off limits until it answers, as the RFC asks.
- Requests to one host are at least ``delay_s`` apart (or the host's
  ``Crawl-delay``, if longer); different hosts do not wait for each other.
- A feed's ETag and Last-Modified go back as If-None-Match and
  If-Modified-Since, and a 304 answer costs no body.
- Every body is read in chunks against a byte cap and a whole-transfer
  deadline, so neither a huge page nor a host trickling bytes holds a pass up.
"""

from __future__ import annotations

import http.client
import time
import urllib.parse
import urllib.robotparser
from dataclasses import dataclass, field

from unspin import __version__
from unspin.errors import FetchError
from unspin.read.fetch import FetchConfig, HTTPStatusError, Opened, open_stream
from unspin.store import SourceState

USER_AGENT = f"unspin/{__version__} (+https://github.com/unspin/unspin)"
_ROBOTS_TTL_S = 3600.0
_ROBOTS_MAX_BYTES = 500_000
_CHUNK = 65536


@dataclass(frozen=True, slots=True)
class PoliteConfig:
    """How watch fetches; the defaults are gentle on the sites watched."""

    user_agent: str = USER_AGENT
    delay_s: float = 1.0
    deadline_s: float = 30.0
    fetch: FetchConfig = field(default_factory=lambda: FetchConfig(timeout_s=10.0, max_bytes=10_000_000, allow_private=True))

    def __post_init__(self) -> None:
        if self.delay_s < 0 or self.deadline_s <= 0 or not self.user_agent.strip():
            raise ValueError("delay must be >= 0, deadline > 0 and the User-Agent not empty")


@dataclass(frozen=True, slots=True)
class Response:
    """One answer: ``status`` 200 with a body, or 304 (nothing new) without one."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


class RobotsDisallowed(FetchError):
    """robots.txt does not let unspin fetch this URL."""


@dataclass(slots=True)
class _Robots:
    rules: urllib.robotparser.RobotFileParser | None
    failure: str | None
    fetched_at: float


class Politeness:
    """Fetches for one watcher; keeps robots rules and the last request time of each host."""

    def __init__(self, config: PoliteConfig = PoliteConfig()) -> None:
        self.config = config
        self.requests = 0
        self._last: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}

    def get(self, url: str, state: SourceState | None = None) -> Response:
        """GET ``url`` politely, conditionally when ``state`` holds validators.

        Raises:
            RobotsDisallowed: robots.txt forbids the URL.
            HTTPStatusError: an HTTP error status.
            FetchError: a network failure, a timeout or a body over the limits.
        """
        robots = self._rules(url)
        if robots.failure:
            raise FetchError(f"{url}: robots.txt could not be read, so the host is skipped ({robots.failure})")
        if robots.rules is not None and not robots.rules.can_fetch(self.config.user_agent, url):
            raise RobotsDisallowed(f"{url}: disallowed by robots.txt")
        headers = {"User-Agent": self.config.user_agent}
        if state is not None and state.etag:
            headers["If-None-Match"] = state.etag
        if state is not None and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        delay = self.config.delay_s
        if robots.rules is not None:
            delay = max(delay, float(robots.rules.crawl_delay(self.config.user_agent) or 0))
        with self._open(url, headers, delay) as opened:
            if opened.status == 304:
                return Response(opened.url, 304, b"", "", state.etag if state else None, state.last_modified if state else None)
            body = self._read(url, opened)
            return Response(
                opened.url, opened.status, body, opened.headers.get("Content-Type", ""),
                opened.headers.get("ETag"), opened.headers.get("Last-Modified"),
            )

    def robots_sitemaps(self, url: str) -> tuple[str, ...]:
        """The ``Sitemap:`` lines of the robots.txt of ``url``'s host."""
        rules = self._rules(url).rules
        return tuple((rules.site_maps() or []) if rules is not None else [])

    def _rules(self, url: str) -> _Robots:
        parts = urllib.parse.urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        known = self._robots.get(host)
        if known is not None and time.monotonic() - known.fetched_at < _ROBOTS_TTL_S:
            return known
        robots_url = f"{host}/robots.txt"
        rules = urllib.robotparser.RobotFileParser(robots_url)
        failure = None
        try:
            with self._open(robots_url, {"User-Agent": self.config.user_agent}, self.config.delay_s) as opened:
                body = self._read(robots_url, opened, _ROBOTS_MAX_BYTES)
            rules.parse(body.decode("utf-8", "replace").splitlines())
        except HTTPStatusError as exc:
            if exc.status >= 500:
                failure = f"HTTP {exc.status}"
            rules.parse([])  # RFC 9309 2.3.1.3: a 4xx robots.txt means no rules
        except FetchError as exc:
            failure = str(exc).removeprefix(f"{robots_url}: ")
        self._robots[host] = _Robots(None if failure else rules, failure, time.monotonic())
        return self._robots[host]

    def _open(self, url: str, headers: dict[str, str], delay: float) -> Opened:
        host = urllib.parse.urlsplit(url).netloc
        wait = self._last.get(host, float("-inf")) + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.requests += 1
        try:
            return open_stream(url, self.config.fetch, headers)
        finally:
            self._last[host] = time.monotonic()

    def _read(self, url: str, opened: Opened, max_bytes: int | None = None) -> bytes:
        """The body, in chunks, within the byte cap and the whole-transfer deadline."""
        limit = max_bytes or self.config.fetch.max_bytes
        deadline = time.monotonic() + self.config.deadline_s
        chunks: list[bytes] = []
        size = 0
        try:
            # read1 returns what one socket read brings, so the deadline is checked as bytes trickle in.
            while chunk := opened.stream.read1(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url}: larger than the {limit:,}-byte limit")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: took longer than {self.config.deadline_s:g} s")
                chunks.append(chunk)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise FetchError(f"{url}: the transfer broke off ({exc or exc.__class__.__name__})") from None
        return b"".join(chunks)
