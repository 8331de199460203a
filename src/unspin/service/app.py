"""FastAPI app: the HTTP API and the page, thin over :mod:`unspin.api`.

Every JSON answer is built by :mod:`unspin.report.json_report`, the same
functions behind the CLI's ``--format json``, so the service and the CLI
cannot drift apart. Failures are JSON ``{"error": message}`` with a 4xx
status a client can act on (:mod:`unspin.service.errors`).

Heavy requests (trace, compare, add, the form's report) pass the
:class:`~unspin.service.gate.HeavyGate` before their body is read, then
parse, work and render their answer in a worker thread (a ``JSONResponse``
renders when it is made, so there too), and extract HTML and fetch URLs in
a worker process (:mod:`unspin.service.isolated`): the event loop stays
free to answer ``/healthz`` and light reads at once however busy the
service is.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from starlette.datastructures import UploadFile

from unspin.api import compare
from unspin.errors import InputError, UnspinError
from unspin.read.fetch import FetchConfig
from unspin.read.article import article_from
from unspin.records import Article
from unspin.report.html_report import ReportLinks, comparison_html, stored_article_html, trace_html
from unspin.report.json_report import comparison_json, stored_article_json, trace_json
from unspin.service import errors
from unspin.service.alerts import alerts_router
from unspin.service.engine import Engine
from unspin.service.gate import HeavyGate
from unspin.service.headers import SecurityHeaders, docs_policy
from unspin.service.isolated import run_isolated, warm
from unspin.service.limits import ArticleLimits, BodyLimit
from unspin.service.page import FORM_POLICY, PAGE_SCRIPT, form_page, served_links

MAX_ID = 2**63 - 1
"""SQLite's largest integer: an article id past it cannot be in the store."""


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Where the store is and what the service accepts from strangers.

    ``heavy_slots`` requests trace, compare or add at once; ``heavy_queue``
    more wait up to ``heavy_wait_s`` for a slot; beyond that a request gets
    503 with ``Retry-After: retry_after_s``. ``heavy_slots`` is also the
    number of processes that extract HTML and fetch URLs. Peak memory grows
    with the slots: about 0.6 GB for each at the article caps, over a ~0.4 GB base.
    """

    db: str
    max_body_bytes: int = 5_000_000
    fetch: FetchConfig = field(default_factory=lambda: FetchConfig(allow_private=False))
    article: ArticleLimits = field(default_factory=ArticleLimits)
    heavy_slots: int = 2
    heavy_queue: int = 8
    heavy_wait_s: float = 30.0
    retry_after_s: int = 10


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


Body = TypeVar("Body", bound=BaseModel)
_REF = "#/components/schemas/{model}"


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    """OpenAPI for a JSON body the handler parses itself (in a worker thread, not the event loop)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": _REF.format(model=model.__name__)}}}}}


def _document_bodies(app: FastAPI, models: tuple[type[BaseModel], ...]) -> None:
    """Put the body models in the OpenAPI components that :func:`_schema` refers to."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in models:
                body = model.model_json_schema(ref_template=_REF)
                components.update(body.pop("$defs", {}))
                components[model.__name__] = body
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _parse(model: type[Body], raw: bytes) -> Body:
    """Validate a JSON body; pydantic's parser refuses lone surrogates, which Python's ``json`` lets through."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]) from None


def create_app(config: ServiceConfig) -> FastAPI:
    """The app over the store at ``config.db`` (created if absent)."""
    engine = Engine(config.db)
    gate = HeavyGate(config.heavy_slots, config.heavy_queue, config.heavy_wait_s, config.retry_after_s)
    limits = config.article

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        warm(config.heavy_slots)
        yield
        engine.close()

    app = FastAPI(
        title="unspin", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Where a news article came from, and what was changed on the way.",
    )
    docs_html = bytes(get_swagger_ui_html(openapi_url="/openapi.json", title="unspin API").body).decode()
    app.add_middleware(errors.CatchAll)
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    app.add_middleware(SecurityHeaders, docs_path="/docs", docs_csp=docs_policy(docs_html))
    errors.install(app)
    _document_bodies(app, (ArticleIn, CompareIn))
    app.include_router(alerts_router(engine))

    def to_article(body: ArticleIn, name: str) -> Article:
        if body.url is not None:
            return limits.check(run_isolated(config.heavy_slots, body.url, _article, {"url": body.url, "fetch": config.fetch}))
        source = body.source or f"<{name}>"
        if body.html is not None:
            return limits.check(run_isolated(config.heavy_slots, source, _article, {"html": body.html, "source": source}))
        limits.check_text(source, body.text or "", "text")
        return limits.check(article_from(text=body.text or "", source=source))

    async def heavy(request: Request, work: Callable[[bytes], Response]) -> Response:
        """Hold a slot, read the body, and run ``work`` on it in a worker thread."""
        async with gate.slot():
            raw = await request.body()
            return await run_in_threadpool(work, raw)

    @app.get("/healthz")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "articles": await run_in_threadpool(engine.count)}

    @app.post("/api/trace", openapi_extra=_schema(ArticleIn))
    async def api_trace(request: Request) -> Response:
        """Rank stored articles that this one reuses; the CLI's ``trace --format json``."""
        return await heavy(request, lambda raw: JSONResponse(trace_json(engine.trace(to_article(_parse(ArticleIn, raw), "text")))))

    @app.post("/api/compare", openapi_extra=_schema(CompareIn))
    async def api_compare(request: Request) -> Response:
        """Passages B shares with A; the CLI's ``compare --format json``."""
        def work(raw: bytes) -> Response:
            body = _parse(CompareIn, raw)
            return JSONResponse(comparison_json(compare(to_article(body.a, "a"), to_article(body.b, "b"))))
        return await heavy(request, work)

    @app.post("/api/articles", status_code=201, openapi_extra=_schema(ArticleIn))
    async def api_add(request: Request) -> Response:
        """Add an article to the store; 200 with ``added: false`` if it is stored already."""
        def work(raw: bytes) -> Response:
            article = to_article(_parse(ArticleIn, raw), "text")
            article_id, added = engine.add(article)
            payload = {"id": article_id, "added": added, "source": article.source, "title": article.title}
            return JSONResponse(payload, status_code=201 if added else 200)
        return await heavy(request, work)

    @app.get("/api/articles/{article_id}")
    async def api_get(article_id: Annotated[int, Path(ge=-MAX_ID - 1, le=MAX_ID)]) -> Response:
        article = await run_in_threadpool(engine.get, article_id)
        if article is None:
            raise errors.NotFound(f"article {article_id} is not in the store")
        return JSONResponse(stored_article_json(article, full=True))

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return HTMLResponse(docs_html)

    @app.get("/", response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        page = form_page(await run_in_threadpool(engine.count), alerts=await run_in_threadpool(engine.alerts, 10))
        return HTMLResponse(page, headers={"Content-Security-Policy": FORM_POLICY})  # the one page with a script

    @app.get("/page.js", include_in_schema=False)
    async def page_script() -> Response:
        return Response(PAGE_SCRIPT, media_type="text/javascript")

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    async def article_page(article_id: Annotated[int, Path(ge=-MAX_ID - 1, le=MAX_ID)]) -> HTMLResponse:
        """A stored article as a page (a report links each source here); JSON at ``/api/articles/{id}``."""
        article = await run_in_threadpool(engine.get, article_id)
        if article is None:
            raise errors.NotFound(f"article {article_id} is not in the store")
        return HTMLResponse(stored_article_html(article, ReportLinks(back="/")))

    @app.post("/report", response_class=HTMLResponse)
    async def report(request: Request) -> Response:
        """The form's target: a compare report for two articles, a trace report for one."""
        try:
            async with gate.slot():
                sides = [await _form_side(request, side) for side in ("a", "b")]

                def work() -> HTMLResponse:
                    a, b = (_side_article(side, config, limits) for side in sides)
                    if a is None:
                        raise InputError("the article: paste text, give a URL or choose a file")
                    if b is None:
                        traced = engine.trace(a)
                        return HTMLResponse(trace_html(traced, served_links(trace_json(traced), "unspin-trace.json")))
                    compared = compare(a, b)
                    return HTMLResponse(comparison_html(compared, served_links(comparison_json(compared), "unspin-compare.json")))

                return await run_in_threadpool(work)
        except UnspinError as exc:
            busy = errors.status_of(exc) == 503  # the form shows every other refusal as a 400 beside it
            headers = {"Retry-After": str(config.retry_after_s)} if busy else None
            page = form_page(await run_in_threadpool(engine.count), str(exc))
            return HTMLResponse(page, status_code=503 if busy else 400, headers=headers)

    return app


@dataclass(frozen=True, slots=True)
class _FormSide:
    """What one side of the form gave, read in the event loop and turned into an article in a thread."""

    name: str
    filename: str | None
    data: bytes
    url: str
    text: str


async def _form_side(request: Request, side: str) -> _FormSide:
    form = await request.form()
    upload = form.get(f"file_{side}")
    name = "the article" if side == "a" else "the comparison article"
    if isinstance(upload, UploadFile) and upload.filename:
        return _FormSide(name, upload.filename, await upload.read(), "", "")
    return _FormSide(name, None, b"", str(form.get(f"url_{side}") or "").strip(), str(form.get(f"text_{side}") or ""))


def _side_article(side: _FormSide, config: ServiceConfig, limits: ArticleLimits) -> Article | None:
    """The article one side of the form gives: file, else URL, else pasted text (text or HTML)."""
    if side.filename:
        return limits.check(run_isolated(config.heavy_slots, side.filename, _article, {"data": side.data, "source": side.filename}))
    if side.url:
        return limits.check(run_isolated(config.heavy_slots, side.url, _article, {"url": side.url, "fetch": config.fetch}))
    if side.text.strip():
        source = f"<pasted {side.name}>"
        return limits.check(run_isolated(config.heavy_slots, source, _article, {"data": side.text.encode("utf-8", "replace"), "source": source}))
    return None


def _article(inputs: dict[str, Any]) -> Article:
    """:func:`article_from` in a worker process: extraction and fetches never hold this process's GIL."""
    return article_from(**inputs)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` with several workers: the store path comes from ``UNSPIN_DB``."""
    from unspin.store import default_path

    return create_app(ServiceConfig(db=default_path(), max_body_bytes=int(os.environ.get("UNSPIN_MAX_BODY", "5000000"))))
