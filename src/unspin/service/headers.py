"""Security headers on every response, as plain ASGI middleware.

The page and the reports show text from strangers' articles; escaping keeps
it inert, and these headers are the second wall: no script runs unless it is
ours (there is none, outside ``/docs``), no other site may frame the page
(clickjacking), a browser never sniffs a JSON answer into HTML, and no
address leaks to other sites through ``Referer``.

``/docs`` is FastAPI's Swagger UI, which loads its script and style from
``cdn.jsdelivr.net`` and starts with one inline script. Its policy allows
exactly that: the CDN, and the inline script by its SHA-256 hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

from unspin.service.limits import ASGIApp, Message, Receive, Scope, Send

SWAGGER_CDN = "https://cdn.jsdelivr.net"
SWAGGER_FAVICON = "https://fastapi.tiangolo.com"

PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
_COMMON: list[tuple[bytes, bytes]] = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def docs_policy(docs_html: str) -> str:
    """The ``/docs`` policy: Swagger's CDN, and its inline scripts by hash (so no other inline script runs)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in re.findall(r"<script>(.*?)</script>", docs_html, flags=re.S)
    )
    return (
        f"default-src 'none'; script-src {SWAGGER_CDN} {hashes}; style-src {SWAGGER_CDN} 'unsafe-inline'; "
        f"img-src {SWAGGER_FAVICON} data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


class SecurityHeaders:
    """Adds the headers to every HTTP response; ``/docs`` gets ``docs_csp``, everything else the page's."""

    def __init__(self, app: ASGIApp, docs_path: str, docs_csp: str) -> None:
        self.app = app
        self.docs_path = docs_path
        self.page = _COMMON + [(b"content-security-policy", PAGE_POLICY.encode())]
        self.docs = _COMMON + [(b"content-security-policy", docs_csp.encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs if scope.get("path") == self.docs_path else self.page

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []), *(h for h in extra if h[0] not in present)]}
            await send(message)

        await self.app(scope, receive, with_headers)
