"""Fetch a URL with a timeout, a size cap and, for the service, an address guard.

The service fetches on behalf of people it does not know, so it must never be
turned into a probe of the machine's own network: every hop of a redirect
chain is refused if its host has any address that is loopback, private,
link-local, reserved or multicast. The check is made when the socket is
opened, on the very addresses it connects to: a check made before, on an
answer of its own, can be passed by a name whose DNS answer changes in
between (DNS rebinding). For the same reason the guarded fetch ignores
``HTTP(S)_PROXY``: through a proxy the proxy resolves the name, out of
reach. The CLI fetches on its user's own behalf and may allow those
addresses.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from unspin.errors import FetchError

USER_AGENT = "unspin/0.1 (+https://github.com/unspin/unspin)"


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Limits for one fetch; the defaults suit a news article."""

    timeout_s: float = 15.0
    max_bytes: int = 10_000_000
    max_redirects: int = 4
    allow_private: bool = False

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.max_bytes <= 0 or self.max_redirects < 0:
            raise ValueError("FetchConfig limits must be positive")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    body: bytes
    content_type: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _NonPublic(Exception):
    """A host that resolved to an address the guarded fetch must not reach."""

    def __init__(self, host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
        super().__init__(f"refused, {host} is a non-public address ({address})")


def _public_connection(
    address: tuple[str, int], timeout: float | None = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """``socket.create_connection`` that resolves once, refuses the host if any of its addresses is
    not public, and connects only to the addresses it checked (given as literals, so
    ``create_connection`` resolves nothing again)."""
    host, port = address
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise _NonPublic(host, ip)
    error: OSError = OSError(f"no address for {host}")
    for *_, sockaddr in infos:
        try:
            return socket.create_connection((str(sockaddr[0]), port), timeout, source_address)
        except OSError as exc:
            error = exc
    raise error


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


_OPENER = urllib.request.build_opener(_NoRedirect)
_PUBLIC_OPENER = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _PublicHTTPHandler, _PublicHTTPSHandler, _NoRedirect
)


def check_url(url: str) -> None:
    """Refuse anything but an http(s) URL with a host; the guarded fetch checks addresses as it connects.

    Raises:
        FetchError: naming the URL and why it is refused.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")


def fetch_url(url: str, config: FetchConfig = FetchConfig()) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` re-checked redirects.

    Raises:
        FetchError: on a refused address, a network error, an HTTP error
            status, too many redirects or a body over ``max_bytes``.
    """
    current = url
    opener = _OPENER if config.allow_private else _PUBLIC_OPENER
    for _ in range(config.max_redirects + 1):
        check_url(current)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            response = opener.open(request, timeout=config.timeout_s)
        except _NonPublic as exc:
            raise FetchError(f"{url}: {exc}") from None
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in (301, 302, 303, 307, 308) else None
            if location:
                current = urllib.parse.urljoin(current, location)
                continue
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FetchError(f"{url}: could not be fetched ({reason})") from None
        with response:
            try:
                body = response.read(config.max_bytes + 1)
            except OSError as exc:
                raise FetchError(f"{url}: the transfer broke off ({exc})") from None
            if len(body) > config.max_bytes:
                raise FetchError(f"{url}: larger than the {config.max_bytes:,}-byte limit")
            return Fetched(current, body, response.headers.get("Content-Type", ""))
    raise FetchError(f"{url}: more than {config.max_redirects} redirects")


class HTTPStatusError(FetchError):
    """An HTTP error status, kept as a number: robots.txt rules differ for 4xx and 5xx (RFC 9309)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Opened:
    """An open response, for callers that read it as a stream or need its headers.

    ``status`` is 200-299, or 304 when a conditional GET found nothing new
    (then the body is empty).
    """

    url: str
    status: int
    headers: Any
    stream: Any

    def __enter__(self) -> Opened:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


class _WholeBody:
    """A response body that raises when the connection drops before ``Content-Length`` bytes came.

    ``http.client``'s ``read(n)`` returns short instead, so a reader of a cut
    stream would take a half record for a whole one.
    """

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self._response = response

    def read(self, size: int = -1) -> bytes:
        return self._checked(self._response.read(None if size < 0 else size), size)

    def read1(self, size: int = -1) -> bytes:
        return self._checked(self._response.read1(size), size)

    def _checked(self, data: bytes, size: int) -> bytes:
        if not data and size != 0 and self._response.length:
            raise http.client.IncompleteRead(b"", self._response.length)
        return data

    def close(self) -> None:
        self._response.close()

    def __enter__(self) -> _WholeBody:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_stream(url: str, config: FetchConfig = FetchConfig(), headers: dict[str, str] | None = None) -> Opened:
    """GET ``url`` with extra request ``headers`` and hand back the open response, unread.

    For what :func:`fetch_url` cannot do: stream a body too large to hold
    (a WARC of a gigabyte), send conditional-GET headers and see a 304, or
    read the response headers (ETag, Last-Modified). Redirects and the
    address guard are the same as :func:`fetch_url`'s.

    Raises:
        HTTPStatusError: an HTTP error status (other than 304).
        FetchError: a refused address, a network error or too many redirects.
    """
    current = url
    opener = _OPENER if config.allow_private else _PUBLIC_OPENER
    for _ in range(config.max_redirects + 1):
        check_url(current)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT, **(headers or {})})
        try:
            response = opener.open(request, timeout=config.timeout_s)
        except _NonPublic as exc:
            raise FetchError(f"{url}: {exc}") from None
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in (301, 302, 303, 307, 308) else None
            if location:
                current = urllib.parse.urljoin(current, location)
                continue
            if exc.code == 304:
                return Opened(current, 304, exc.headers, exc)
            exc.close()
            raise HTTPStatusError(f"{url}: HTTP {exc.code} {exc.reason}", exc.code) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FetchError(f"{url}: could not be fetched ({reason})") from None
        return Opened(current, response.status, response.headers, _WholeBody(response))
    raise FetchError(f"{url}: more than {config.max_redirects} redirects")
