"""`create_app(store)`: the FastAPI application over one store (read-only).

The app holds a `WebContext`: the shared store connection, the coding service
and the templates. Routes live in `api.py` (JSON under /api) and `pages.py`
(server-rendered HTML). Errors are answered as JSON under /api and as a page
elsewhere: a bad parameter is a 4xx naming it, a store busy with an ingest 503.
"""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventcoder.__about__ import __version__
from eventcoder.config import Config
from eventcoder.errors import EventcoderError, StoreError
from eventcoder.model import QUAD_CODES
from eventcoder.store import Store
from eventcoder.web import views
from eventcoder.web.coding import CodeLimits, CodingService
from eventcoder.web.db import SharedConnection, StoreUnavailable

__all__ = ["WebContext", "WebSettings", "context", "create_app"]

logger = logging.getLogger(__name__)

_HERE = Path(str(resources.files("eventcoder.web")))
#: Content-Security-Policy of our pages: no script at all, nothing from elsewhere.
_CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_DOCS_PATHS = ("/docs", "/redoc", "/static-offline-docs")


@dataclass(frozen=True)
class WebSettings:
    """How the server behaves (see `eventcoder serve --help`)."""

    token: str | None = None
    limits: CodeLimits = field(default_factory=CodeLimits)
    wait: float = 5.0
    idle_close: float = 1.0
    config: Config | None = None
    warm_up: bool = False
    #: Exports written at once; more get 503. A whole 1M-event store takes DuckDB about
    #: 5 GB and a minute, so a few requests at once could exhaust a machine's memory.
    max_exports: int = 1


@dataclass
class WebContext:
    """What the routes need: the store, its shared connection, coding, templates."""

    store: Store
    settings: WebSettings
    shared: SharedConnection
    coding: CodingService
    templates: Jinja2Templates
    exports: threading.BoundedSemaphore

    def token_ok(self, given: str | None) -> bool:
        """Whether a request may code text: always without a token, else with it."""
        expected = self.settings.token
        if not expected:
            return True
        return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def context(request: Request) -> WebContext:
    """The app's context, for a route."""
    return request.app.state.web


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
        autoescape=True,  # article text is attacker-controlled: escape everything
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        version=__version__,
        link=views.link,
        code_name=views.code_name,
        quad_of=QUAD_CODES,
        quads=views.QUADS,
        roles=views.ROLES,
    )
    env.filters.update(short=views.short, sides=views.names_or_codes, number=_number)
    return Jinja2Templates(env=env)


def _number(value: Any, digits: int = 0) -> str:
    """1234567 -> "1,234,567"; None -> an empty string."""
    if value is None:
        return ""
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    """The web UI and JSON API over `store`, which is only ever read."""
    from fastapi_offline import FastAPIOffline

    from eventcoder.web import api, pages

    settings = settings or WebSettings()
    web = WebContext(
        store=store,
        settings=settings,
        shared=SharedConnection(store.path, wait=settings.wait, idle_close=settings.idle_close),
        coding=CodingService(settings.config, settings.limits),
        templates=_templates(),
        exports=threading.BoundedSemaphore(settings.max_exports),
    )
    app = FastAPIOffline(
        title="eventcoder",
        version=__version__,
        description=api.DESCRIPTION,
        lifespan=_lifespan,
        openapi_tags=api.TAGS,
    )
    app.state.web = web
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    app.add_middleware(_SecurityHeaders)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    web: WebContext = app.state.web
    if web.settings.warm_up:
        threading.Thread(target=_warm_up, args=(web,), name="warm-up", daemon=True).start()
    yield
    web.shared.close()


def _warm_up(web: WebContext) -> None:
    from eventcoder.web import charts

    charts.warm_up()
    try:
        web.coding.warm_up()
    except EventcoderError as exc:
        logger.warning("the model could not be loaded; coding a text will fail: %s", exc)


class _SecurityHeaders:
    """Headers that make browsers refuse script, framing and MIME sniffing (pure ASGI:
    cheaper per request than an `@app.middleware("http")` function)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        strict = not str(scope["path"]).startswith(_DOCS_PATHS)  # Swagger UI runs inline script

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if strict:
                    headers.setdefault("Content-Security-Policy", _CSP)
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """A JSON error under /api, an error page elsewhere."""
    headers = extra.pop("headers", None)
    if _wants_json(request):
        return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)
    web = context(request)
    return web.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status,
        headers=headers,
    )  # fmt: skip


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
    given = error.get("input")
    shown = f" (got {given!r})" if isinstance(given, str | int | float) else ""
    return f"{where or 'request'}: {error.get('msg', 'invalid')}{shown}"


def _add_error_handlers(app: FastAPI) -> None:
    async def unavailable(request: Request, exc: Exception) -> Response:
        return error_response(request, 503, str(exc), headers={"Retry-After": "5"})

    async def bad_parameter(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        message = "; ".join(_describe(e) for e in errors)
        details = [{"where": _describe(e).split(":")[0], "message": e.get("msg")} for e in errors]
        return error_response(request, 422, message, details=details)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        return error_response(request, exc.status_code, str(exc.detail), headers=exc.headers)

    async def unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("error serving %s", request.url.path)
        return error_response(request, 500, "internal error; see the server's log")

    app.add_exception_handler(StoreUnavailable, unavailable)
    app.add_exception_handler(StoreError, bad_parameter)
    app.add_exception_handler(EventcoderError, bad_parameter)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
