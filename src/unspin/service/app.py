"""FastAPI app: the HTTP API and the page, thin over :mod:`unspin.api`.

Every JSON answer is built by :mod:`unspin.report.json_report`, the same
functions behind the CLI's ``--format json``, so the service and the CLI
cannot drift apart. Failures are JSON ``{"error": message}`` with a 4xx
status a client can act on; an unexpected failure is a 500 with a one-line
message, never a traceback page.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, model_validator
from starlette.datastructures import UploadFile

from unspin.api import compare
from unspin.errors import FetchError, InputError, StoreError, UnspinError
from unspin.read.fetch import FetchConfig
from unspin.read.article import article_from
from unspin.records import Article
from unspin.report.html_report import comparison_html, trace_html
from unspin.report.json_report import comparison_json, stored_article_json, trace_json
from unspin.service.engine import Engine
from unspin.service.limits import BodyLimit
from unspin.service.page import form_page


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Where the store is and what the service accepts from strangers."""

    db: str
    max_body_bytes: int = 5_000_000
    fetch: FetchConfig = field(default_factory=lambda: FetchConfig(allow_private=False))


class ArticleIn(BaseModel):
    """One article: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> ArticleIn:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'text', 'html' or 'url'")
        return self


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: ArticleIn
    b: ArticleIn


def create_app(config: ServiceConfig) -> FastAPI:
    """The app over the store at ``config.db`` (created if absent)."""
    engine = Engine(config.db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.close()

    app = FastAPI(
        title="unspin", version="0.1.0", lifespan=lifespan,
        description="Where a news article came from, and what was changed on the way.",
    )
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    _error_handlers(app)

    def to_article(body: ArticleIn, name: str) -> Article:
        source = None if body.url is not None else body.source or f"<{name}>"
        return article_from(text=body.text, html=body.html, url=body.url, source=source, fetch=config.fetch)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "articles": engine.count()}

    @app.post("/api/trace")
    def api_trace(body: ArticleIn) -> dict[str, Any]:
        """Rank stored articles that this one reuses; the CLI's ``trace --format json``."""
        return trace_json(engine.trace(to_article(body, "text")))

    @app.post("/api/compare")
    def api_compare(body: CompareIn) -> dict[str, Any]:
        """Passages B shares with A; the CLI's ``compare --format json``."""
        return comparison_json(compare(to_article(body.a, "a"), to_article(body.b, "b")))

    @app.post("/api/articles", status_code=201)
    def api_add(body: ArticleIn) -> JSONResponse:
        """Add an article to the store; 200 with ``added: false`` if it is stored already."""
        article = to_article(body, "text")
        article_id, added = engine.add(article)
        payload = {"id": article_id, "added": added, "source": article.source, "title": article.title}
        return JSONResponse(payload, status_code=201 if added else 200)

    @app.get("/api/articles/{article_id}")
    def api_get(article_id: int) -> dict[str, Any]:
        article = engine.get(article_id)
        if article is None:
            raise _NotFound(f"article {article_id} is not in the store")
        return stored_article_json(article, full=True)

    @app.get("/", response_class=HTMLResponse)
    def page() -> HTMLResponse:
        return HTMLResponse(form_page(engine.count()))

    @app.post("/report", response_class=HTMLResponse)
    async def report(request: Request) -> HTMLResponse:
        """The form's target: a compare report for two articles, a trace report for one."""
        form = await request.form()
        try:
            a = await _form_article(form, "a", config.fetch)
            b = await _form_article(form, "b", config.fetch)
            if a is None:
                raise InputError("the article: paste text, give a URL or choose a file")
            if b is None:
                return HTMLResponse(trace_html(await run_in_threadpool(engine.trace, a)))
            return HTMLResponse(comparison_html(await run_in_threadpool(compare, a, b)))
        except UnspinError as exc:
            return HTMLResponse(form_page(engine.count(), str(exc)), status_code=400)

    return app


async def _form_article(form: Any, side: str, fetch: FetchConfig) -> Article | None:
    """The article one side of the form gives: file, else URL, else pasted text."""
    name = "the article" if side == "a" else "the comparison article"
    upload = form.get(f"file_{side}")
    if isinstance(upload, UploadFile) and upload.filename:
        return article_from(data=await upload.read(), source=upload.filename)
    url = str(form.get(f"url_{side}") or "").strip()
    if url:
        return await run_in_threadpool(partial(article_from, url=url, fetch=fetch))
    text = str(form.get(f"text_{side}") or "")
    if text.strip():
        return article_from(data=text.encode("utf-8", "replace"), source=f"<pasted {name}>")
    return None


class _NotFound(UnspinError):
    pass


def _error_handlers(app: FastAPI) -> None:
    statuses: list[tuple[type[Exception], int]] = [
        (_NotFound, 404), (FetchError, 422), (InputError, 400), (StoreError, 503), (UnspinError, 400),
    ]

    async def known(_: Request, exc: Exception) -> JSONResponse:
        status = next(code for kind, code in statuses if isinstance(exc, kind))
        return JSONResponse({"error": str(exc)}, status_code=status)

    async def invalid(_: Request, exc: Exception) -> JSONResponse:
        errors = exc.errors() if isinstance(exc, RequestValidationError) else []
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        text = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
        message = f"{where}: {text}" if where else text
        return JSONResponse({"error": message, "detail": [{"loc": e.get("loc"), "msg": e.get("msg")} for e in errors]}, status_code=422)

    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error: {exc.__class__.__name__}"}, status_code=500)

    for kind, _ in statuses:
        app.add_exception_handler(kind, known)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` with several workers: the store path comes from ``UNSPIN_DB``."""
    from unspin.store import default_path

    return create_app(ServiceConfig(db=default_path(), max_body_bytes=int(os.environ.get("UNSPIN_MAX_BODY", "5000000"))))
