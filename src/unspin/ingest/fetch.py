"""Fetch a URL with a timeout, a size cap and, for the service, an address guard.

The service fetches on behalf of people it does not know, so it must never be
turned into a probe of the machine's own network: every hop of a redirect
chain is resolved and refused if any address is loopback, private,
link-local, reserved or multicast. The CLI fetches on its user's own behalf
and may allow those addresses.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

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


_OPENER = urllib.request.build_opener(_NoRedirect)


def check_url(url: str, allow_private: bool) -> None:
    """Refuse non-http(s) URLs and, unless allowed, non-public hosts.

    Raises:
        FetchError: naming the URL and why it is refused.
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: host could not be resolved ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(f"{url}: refused, {parts.hostname} is a non-public address ({address})")


def fetch_url(url: str, config: FetchConfig = FetchConfig()) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` re-checked redirects.

    Raises:
        FetchError: on a refused address, a network error, an HTTP error
            status, too many redirects or a body over ``max_bytes``.
    """
    current = url
    for _ in range(config.max_redirects + 1):
        check_url(current, config.allow_private)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            response = _OPENER.open(request, timeout=config.timeout_s)
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
