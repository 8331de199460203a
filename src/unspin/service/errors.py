"""Every failure as JSON ``{"error": message}`` with a status a client can act on.

Known failures map to 4xx (and 503 when the service is busy); FastAPI's own
refusals (validation 422, unknown path 404, wrong method 405) get the same
``error`` field beside the ``detail`` FastAPI documents. A bug is a 500 with
a one-line message, logged with its traceback on the server; it is answered
here rather than by Starlette's outermost handler, which re-raises and so
makes the server drop the keep-alive connection.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from unspin.errors import FetchError, InputError, StoreError, UnspinError
from unspin.service.gate import Busy
from unspin.service.limits import ArticleTooLarge, ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("unspin.service")


class NotFound(UnspinError):
    """No stored article has the asked id."""


STATUSES: tuple[tuple[type[Exception], int], ...] = (
    (NotFound, 404), (Busy, 503), (ArticleTooLarge, 413), (FetchError, 422), (InputError, 400),
    (StoreError, 503), (UnspinError, 400),
)


def status_of(exc: UnspinError) -> int:
    return next(code for kind, code in STATUSES if isinstance(exc, kind))


def error_response(exc: UnspinError) -> JSONResponse:
    """The JSON answer for a known failure; a busy service says when to come back."""
    headers = {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, Busy) else None
    return JSONResponse({"error": str(exc)}, status_code=status_of(exc), headers=headers)


def validation_message(errors: list[Any]) -> str:
    """One line for the first validation error: where, and what."""
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        reason = str((first.get("ctx") or {}).get("error", "")) or str(first.get("msg", ""))
        return f"the request body is not valid JSON ({reason})"
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "path"))
    text = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
    return f"{where}: {text}" if where else text


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def known(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, UnspinError)
        return error_response(exc)

    async def invalid(_: Request, exc: Exception) -> JSONResponse:
        errors = list(exc.errors()) if isinstance(exc, RequestValidationError) else []
        detail = [{"loc": e.get("loc"), "msg": e.get("msg")} for e in errors]
        return JSONResponse({"error": validation_message(errors), "detail": detail}, status_code=422)

    async def framework(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        message = {404: f"no such page: {request.url.path}", 405: f"{request.method} is not allowed on {request.url.path}"}
        return JSONResponse(
            {"error": message.get(exc.status_code, str(exc.detail)), "detail": exc.detail},
            status_code=exc.status_code, headers=exc.headers,
        )

    for kind, _ in STATUSES:
        app.add_exception_handler(kind, known)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, framework)


class CatchAll:
    """ASGI middleware: an unexpected exception becomes a 500 ``{"error"}`` and is logged, not re-raised."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                body = json.dumps({"error": f"internal error: {exc.__class__.__name__}"}).encode()
                await send({"type": "http.response.start", "status": 500, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
