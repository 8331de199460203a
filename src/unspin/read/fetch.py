"""Fetch a URL within a total deadline and a size cap and, for the service, an address guard.

The service fetches on behalf of people it does not know, so it must never be
turned into a probe of the machine's own network: every hop of a redirect
chain is refused if its host has any address that is not public
(:func:`refusal` says which are, IPv6 forms that embed IPv4 included). The
check is made when the socket is opened, on the very addresses it connects
to: a check made before, on an answer of its own, can be passed by a name
whose DNS answer changes in between (DNS rebinding). For the same reason the
guarded fetch ignores ``HTTP(S)_PROXY``: through a proxy the proxy resolves
the name, out of reach. The CLI fetches on its user's own behalf and may
allow those addresses.

``timeout_s`` bounds the whole fetch, redirects included: name resolution,
connect, status line, headers and body. A per-read timeout alone lets a
server that sends one byte every few seconds hold a fetch for ever, so a
watchdog shuts the socket down when the deadline passes.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from unspin.errors import FetchError

USER_AGENT = "unspin/0.1 (+https://github.com/unspin/unspin)"
_CHUNK = 65_536

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# IPv6 ranges that carry an IPv4 address or reach non-public space whatever
# their flags in :mod:`ipaddress` say (several count as "global" there).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the embedded IPv4 decides
_IPV6_REFUSED = {
    ipaddress.IPv6Network("::/96"): "IPv4-compatible",  # ::7f00:1 is 127.0.0.1 to some stacks
    ipaddress.IPv6Network("64:ff9b:1::/48"): "local-use NAT64",
    ipaddress.IPv6Network("2001::/32"): "Teredo",
    ipaddress.IPv6Network("fec0::/10"): "site-local",
    ipaddress.IPv6Network("fc00::/7"): "unique-local",
    ipaddress.IPv6Network("fe80::/10"): "link-local",
    ipaddress.IPv6Network("ff00::/8"): "multicast",
}
_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Limits for one fetch; the defaults suit a news article.

    ``timeout_s`` is a total wall-clock deadline for the fetch and all its redirects.
    """

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


def refusal(ip: IPAddress) -> str | None:
    """Why the guarded fetch must not connect to ``ip``, or ``None`` if it is public.

    IPv4 must be global unicast. IPv6 must be global unicast (``2000::/3``) and
    global to :mod:`ipaddress`; forms that embed IPv4 are judged by the IPv4
    they embed (IPv4-mapped ``::ffff:0:0/96``, NAT64 ``64:ff9b::/96``, 6to4
    ``2002::/16``), and forms that reach IPv4 or private space by other means
    are refused outright (IPv4-compatible ``::/96``, local-use NAT64, Teredo,
    site-local, unique-local, link-local, multicast).
    """
    if isinstance(ip, ipaddress.IPv4Address):
        if ip.is_multicast or ip.is_reserved or not ip.is_global:
            return f"a non-public address ({ip})"
        return None
    embedded = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
    if embedded is not None:
        inner = refusal(embedded)
        return f"a non-public address ({ip} embeds {embedded})" if inner else None
    for network, name in _IPV6_REFUSED.items():
        if ip in network:
            return f"a non-public address ({ip}, {name})"
    if ip not in _GLOBAL_UNICAST or not ip.is_global or ip.is_reserved:
        return f"a non-public address ({ip})"
    return None


class _NonPublic(Exception):
    """A host that resolved to an address the guarded fetch must not reach."""

    def __init__(self, host: str, why: str) -> None:
        super().__init__(f"refused, {host} is {why}")


class _Deadline:
    """The wall-clock end of one fetch; shuts down the sockets it watches when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        """Seconds left; :class:`TimeoutError` once none are."""
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        return remaining

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
        if self.passed:
            self._expire()
        return sock

    def _expire(self) -> None:
        with self._lock:
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cancel(self) -> None:
        self._timer.cancel()


def _resolve(host: str, port: int, deadline: _Deadline) -> list[Any]:
    """``getaddrinfo`` within the deadline (it cannot be interrupted, so it runs in a thread)."""
    answer: list[Any] = []
    failure: list[BaseException] = []

    def lookup() -> None:
        try:
            answer.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller
            failure.append(exc)

    worker = threading.Thread(target=lookup, daemon=True, name="unspin-resolve")
    worker.start()
    worker.join(deadline.left())
    if worker.is_alive():
        raise TimeoutError(f"resolving {host} took too long")
    if failure:
        raise failure[0]
    return answer


def _connector(deadline: _Deadline, guarded: bool) -> Callable[..., socket.socket]:
    """A ``socket.create_connection`` that resolves once within the deadline and, when ``guarded``,
    refuses the host if any of its addresses is not public; it connects only to the addresses it
    checked (given as literals, so ``create_connection`` resolves nothing again)."""

    def connect(address: tuple[str, int], timeout: float | None = None, source_address: Any = None) -> socket.socket:
        host, port = address
        infos = _resolve(host, port, deadline)
        if guarded:
            for *_, sockaddr in infos:
                why = refusal(ipaddress.ip_address(str(sockaddr[0]).split("%")[0]))
                if why:
                    raise _NonPublic(host, why)
        error: OSError = OSError(f"no address for {host}")
        for *_, sockaddr in infos:
            try:
                wait = min(timeout or deadline.seconds, deadline.left())
                return deadline.watch(socket.create_connection((str(sockaddr[0]), port), wait, source_address))
            except OSError as exc:
                error = exc
        raise error

    return connect


def _handlers(deadline: _Deadline, guarded: bool) -> list[urllib.request.BaseHandler]:
    """HTTP and HTTPS handlers whose connections open through :func:`_connector`."""
    connect = _connector(deadline, guarded)

    class Connection(http.client.HTTPConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class SecureConnection(http.client.HTTPSConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Connection, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(SecureConnection, req, context=self._context)  # type: ignore[attr-defined]

    return [Handler(), SecureHandler()]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(config: FetchConfig, deadline: _Deadline) -> urllib.request.OpenerDirector:
    """Redirects are followed by the caller (each hop re-checked); the guarded opener bypasses proxies."""
    handlers = _handlers(deadline, guarded=not config.allow_private)
    if config.allow_private:
        return urllib.request.build_opener(*handlers, _NoRedirect)
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), *handlers, _NoRedirect)


def check_url(url: str) -> urllib.parse.SplitResult:
    """Refuse anything but a well-formed http(s) URL with a host; the guarded fetch checks
    addresses as it connects.

    Raises:
        FetchError: naming the URL and why it is refused.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError as exc:
        raise FetchError(f"{url}: malformed URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise FetchError(f"{url}: malformed URL (it holds spaces or control characters)")
    return parts


def fetch_url(url: str, config: FetchConfig = FetchConfig()) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` re-checked redirects, all within ``timeout_s``.

    Raises:
        FetchError: on a malformed or refused URL, a network error, a bad or
            error response, too many redirects, a body over ``max_bytes`` or
            the deadline passing; always one line that names ``url``.
    """
    return _within_deadline(url, config, lambda deadline: _follow(url, _opener(config, deadline), config, deadline))

T = TypeVar("T")


def _within_deadline(url: str, config: FetchConfig, work: Callable[[_Deadline], T]) -> T:
    """``work`` under a fresh deadline of ``timeout_s``; every failure becomes one :class:`FetchError` line naming ``url``."""
    deadline = _Deadline(config.timeout_s)
    try:
        return work(deadline)
    except FetchError:
        raise
    except _NonPublic as exc:
        raise FetchError(f"{url}: {exc}") from None
    except Exception as exc:  # whatever a hostile server makes the stack raise, one line
        if deadline.passed or isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError):
            raise FetchError(f"{url}: took longer than the {config.timeout_s:g} s limit") from None
        raise FetchError(f"{url}: {_describe(exc)}") from None
    finally:
        deadline.cancel()


def _follow(url: str, opener: urllib.request.OpenerDirector, config: FetchConfig, deadline: _Deadline) -> Fetched:
    current = url
    for _ in range(config.max_redirects + 1):
        check_url(current)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            response = opener.open(request, timeout=min(config.timeout_s, deadline.left()))
        except urllib.error.HTTPError as exc:
            with exc:
                location = exc.headers.get("Location") if exc.code in (301, 302, 303, 307, 308) else None
            if location:
                current = urllib.parse.urljoin(current, location)
                continue
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, _NonPublic):
                raise exc.reason from None
            raise
        with response:
            body = _read(response, config.max_bytes, deadline)
            if len(body) > config.max_bytes:
                raise FetchError(f"{url}: larger than the {config.max_bytes:,}-byte limit")
            return Fetched(current, body, response.headers.get("Content-Type", ""))
    raise FetchError(f"{url}: more than {config.max_redirects} redirects")


def _read(response: http.client.HTTPResponse, max_bytes: int, deadline: _Deadline) -> bytes:
    """At most ``max_bytes + 1`` bytes of the body, checking the deadline between chunks.

    Raises:
        http.client.IncompleteRead: the server closed before the ``Content-Length`` it announced.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= max_bytes:
        deadline.left()
        chunk = response.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            if response.length:  # http.client ends a short body quietly; a cut page is no article
                raise http.client.IncompleteRead(b"", response.length)
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _describe(exc: BaseException) -> str:
    """One line for a failure below HTTP: a bad response, a broken transfer, an unreachable host."""
    reason = getattr(exc, "reason", exc) if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, http.client.InvalidURL | ValueError):
        return f"malformed URL ({reason})"
    if isinstance(reason, http.client.IncompleteRead):
        return "the transfer broke off"
    if isinstance(reason, http.client.HTTPException):
        text = str(reason).strip().replace("\r", " ").replace("\n", " ")[:200]
        return f"the server sent a bad response ({reason.__class__.__name__}{': ' + text if text else ''})"
    return f"could not be fetched ({str(reason)[:200] or reason.__class__.__name__})"


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
    address guard are the same as :func:`fetch_url`'s; ``timeout_s`` bounds
    everything up to the response headers, and then each read of the stream
    (a body of a gigabyte has no total deadline; the caller bounds its reads).

    Raises:
        HTTPStatusError: an HTTP error status (other than 304).
        FetchError: a refused address, a network error or too many redirects.
    """
    return _within_deadline(url, config, lambda deadline: _open(url, _opener(config, deadline), config, deadline, headers or {}))


def _open(url: str, opener: urllib.request.OpenerDirector, config: FetchConfig, deadline: _Deadline,
          headers: dict[str, str]) -> Opened:
    current = url
    for _ in range(config.max_redirects + 1):
        check_url(current)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT, **headers})
        try:
            response = opener.open(request, timeout=min(config.timeout_s, deadline.left()))
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in (301, 302, 303, 307, 308) else None
            if location:
                current = urllib.parse.urljoin(current, location)
                continue
            if exc.code == 304:
                return Opened(current, 304, exc.headers, exc)
            exc.close()
            raise HTTPStatusError(f"{url}: HTTP {exc.code} {exc.reason}", exc.code) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, _NonPublic):
                raise exc.reason from None
            raise
        return Opened(current, response.status, response.headers, _WholeBody(response))
    raise FetchError(f"{url}: more than {config.max_redirects} redirects")
