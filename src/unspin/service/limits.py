"""What the service accepts: a request-body size limit, and caps on one article.

The body limit is plain ASGI middleware. It answers 413 from the
``Content-Length`` header before reading anything, and counts the bytes of bodies sent without one (chunked): past the limit
it answers 413 itself and tells the app the client left, so a client can
never make the service buffer more than the limit. A 413 answered before
the body is read closes the connection (the unread body cannot be skipped);
every other refusal keeps it open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from unspin.errors import InputError
from unspin.records import Article

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        refused = False

        async def counted_receive() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    refused = True
                    await self._refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:  # once 413 is sent, whatever the app answers is dropped
                await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not refused:
                raise

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"error": f"request body larger than the {self.max_bytes:,}-byte limit"}).encode()
        await send({
            "type": "http.response.start", "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        })
        await send({"type": "http.response.body", "body": body})


MAX_ARTICLE_CHARS = 200_000
"""Longest article text the service works on (a long news feature is ~30,000 characters)."""
MAX_ARTICLE_SENTENCES = 2_000
"""Most sentences per article the service aligns (a long feature has ~300). Alignment scores every
sentence against every other, so its time and memory grow with the product of two articles'
sentence counts; these two caps bound one compare to about 0.6 GB and 20 s on one core."""


class ArticleTooLarge(InputError):
    """An article over the service's caps; the CLI, on the user's own machine, has none of these."""


@dataclass(frozen=True, slots=True)
class ArticleLimits:
    """The caps on one article the service accepts from a stranger."""

    max_chars: int = MAX_ARTICLE_CHARS
    max_sentences: int = MAX_ARTICLE_SENTENCES

    def __post_init__(self) -> None:
        if self.max_chars < 1 or self.max_sentences < 1:
            raise ValueError("ArticleLimits caps must be positive")

    def check_text(self, source: str, text: str, kind: str) -> None:
        """Refuse plain text over the character cap before any work is spent on it (HTML is
        judged by the text extracted from it)."""
        if kind == "text" and len(text) > self.max_chars:
            raise ArticleTooLarge(self._message(source, f"{len(text):,} characters", f"{self.max_chars:,} characters"))

    def check(self, article: Article) -> Article:
        """``article`` if it is within both caps.

        Raises:
            ArticleTooLarge: naming the article, its size and the cap.
        """
        if len(article.text) > self.max_chars:
            raise ArticleTooLarge(self._message(article.source, f"{len(article.text):,} characters", f"{self.max_chars:,} characters"))
        if len(article.sentences) > self.max_sentences:
            raise ArticleTooLarge(self._message(article.source, f"{len(article.sentences):,} sentences", f"{self.max_sentences:,} sentences"))
        return article

    @staticmethod
    def _message(source: str, size: str, cap: str) -> str:
        return f"{source}: {size}; the service takes articles of at most {cap} (run 'unspin compare' locally for longer texts)"
