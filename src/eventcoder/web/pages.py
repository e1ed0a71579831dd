"""The server-rendered pages: overview, events, event, document, dyads, actors, map,
and "Code a text". They work without JavaScript: filters are GET forms, coding a
text is a POST form, charts are SVG images rendered on the server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eventcoder.model import AUX_MODES, PLOVER_TYPES
from eventcoder.store import Filters, browse
from eventcoder.store.query import parse_dyad, select_events, select_stats
from eventcoder.web import charts, worldmap
from eventcoder.web.api import list_actors, read_event
from eventcoder.web.app import WebContext, context
from eventcoder.web.coding import body_start
from eventcoder.web.guard import admit, check_content_type, check_text_size, read_limited
from eventcoder.web.params import EventParams, Paging, event_params, paging
from eventcoder.web.views import (
    Span,
    auto_period,
    code_name,
    event_spans,
    frame_records,
    link,
    safe_url,
    segments,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Context = Annotated[WebContext, Depends(context)]
Params = Annotated[EventParams, Depends(event_params)]
Page = Annotated[Paging, Depends(paging)]
By = Annotated[str | None, Query(pattern="^(day|week|month|year)$")]


def render(
    request: Request,
    template: str,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    **values: Any,
) -> Response:
    web = context(request)
    shared = {"token_needed": bool(web.settings.token)}
    return web.templates.TemplateResponse(
        request, template, shared | values, status_code=status, headers=headers
    )


@router.get("/")
def overview(request: Request, web: Context, by: By = None) -> Response:
    f = Filters()
    with web.shared.cursor() as con:
        stats = web.shared.cached(("stats", f, False, 10), lambda: select_stats(con, f, top=10))
        by, weeks = _periods(web, con, f, by)
        dyads = web.shared.cached(
            ("dyads", (), None, 10), lambda: browse.select_dyads(con, f, top=10)
        )
        latest = browse.select_latest(con, f, limit=10)
    return render(
        request, "overview.html", totals=stats.totals, by=by, dyads=dyads, latest=latest,
        types=frame_records(stats.by_type),
        chart=charts.quad_chart(weeks, by=by, title="All events"),
    )  # fmt: skip


def _periods(
    web: WebContext, con: Any, f: Filters, by: str | None
) -> tuple[str, list[dict[str, Any]]]:
    """Counts per period and quad class; by week or month as the dates' span suits, unless
    `by` is given."""
    if by is None:
        monthly = web.shared.cached(
            ("quads", f, "month"), lambda: browse.select_quad_timeline(con, f, by="month")
        )
        by = auto_period(monthly)
    chosen = by
    return chosen, web.shared.cached(
        ("quads", f, chosen), lambda: browse.select_quad_timeline(con, f, by=chosen)
    )


@router.get("/events")
def events(request: Request, web: Context, params: Params, page: Page) -> Response:
    with web.shared.cursor() as con:
        frame = select_events(
            con, params.filters, mentions=params.mentions, limit=page.limit, offset=page.offset
        )
        total = web.shared.cached(
            ("count", params.pairs),
            lambda: browse.count_events(con, params.filters, mentions=params.mentions),
        )
    return render(
        request, "events.html", params=params, rows=frame_records(frame), total=total,
        page=page, types=PLOVER_TYPES, aux_modes=(*AUX_MODES, "none"),
    )  # fmt: skip


@router.get("/events/{event_id}")
def event(
    request: Request, web: Context, event_id: Annotated[str, Path(max_length=200)]
) -> Response:
    found = read_event(web, event_id)
    this = found["this"]
    documents = {d["event_id"]: d for d in found["documents"]}
    e = this.event
    return render(
        request, "event.html", item=this, event=e, record=e.to_dict(),
        sentence=segments(e.text, e.sentence_start, event_spans(e)),
        document=documents[event_id], url=safe_url(documents[event_id]["url"]),
        others=[(r, documents[r.event.id]) for r in found["reports"] if r.event.id != event_id],
    )  # fmt: skip


@router.get("/documents/{doc_key}")
def document(
    request: Request, web: Context, doc_key: Annotated[str, Path(max_length=64)]
) -> Response:
    with web.shared.cursor() as con:
        doc = browse.select_document(con, doc_key)
    if doc is None:
        raise HTTPException(404, f"no document with key {doc_key!r} in this store")
    spans = [
        Span(e["trigger_start"], e["trigger_end"], "trigger", e["type"]) for e in doc["events"]
    ]
    return render(
        request, "document.html", doc=doc, url=safe_url(doc["url"]),
        text=segments(doc["text"], 0, spans),
    )  # fmt: skip


@router.get("/dyads")
def dyads(
    request: Request,
    web: Context,
    params: Params,
    involving: Annotated[str | None, Query(pattern="^[A-Za-z]{0,3}$")] = None,
) -> Response:
    code = involving.upper() if involving else None
    with web.shared.cursor() as con:
        rows = web.shared.cached(
            ("dyads", params.pairs, code, 100),
            lambda: browse.select_dyads(con, params.filters, involving=code, top=100),
        )
    return render(request, "dyads.html", rows=rows, involving=code or "", params=params)


@router.get("/dyads/{dyad}")
def dyad(
    request: Request, web: Context, dyad: Annotated[str, Path(max_length=7)], by: By = None
) -> Response:
    a, b = sorted(parse_dyad(dyad))
    name = f"{a}-{b}"
    if dyad != name:  # one address per dyad, as the dyads list writes it
        return RedirectResponse(link(f"/dyads/{name}", by=by), status_code=308)
    f = Filters.build(dyad=name)
    with web.shared.cursor() as con:
        by, periods = _periods(web, con, f, by)
        types = web.shared.cached(("types", f), lambda: browse.select_types(con, f))
        rows = frame_records(select_events(con, f, limit=50))
        total = web.shared.cached(("count", (("dyad", name),)), lambda: browse.count_events(con, f))
    title = f"{code_name(a)} – {code_name(b)}"
    return render(
        request, "dyad.html", a=a, b=b, name=name, title=title, by=by, rows=rows, total=total,
        types=types, chart=charts.quad_chart(periods, by=by, title=title),
        types_chart=charts.types_chart(types, title="Event types"),
    )  # fmt: skip


@router.get("/actors")
def actors(
    request: Request,
    web: Context,
    q: Annotated[str | None, Query(max_length=100)] = None,
    kind: Annotated[str, Query(pattern="^(all|code|entity)$")] = "all",
) -> Response:
    rows = list_actors(web, q, kind, 200)
    return render(request, "actors.html", rows=rows, q=q or "", kind=kind)


@router.get("/actors/{key}")
def actor(
    request: Request, web: Context, key: Annotated[str, Path(max_length=200)], by: By = None
) -> Response:
    as_actor, as_recipient = Filters.build(actor=key), Filters.build(recipient=key)
    with web.shared.cursor() as con:
        acting = frame_records(select_events(con, as_actor, limit=25))
        receiving = frame_records(select_events(con, as_recipient, limit=25))
        counts = web.shared.cached(
            ("actor-counts", key),
            lambda: (browse.count_events(con, as_actor), browse.count_events(con, as_recipient)),
        )
        by, periods = _periods(web, con, as_actor, by)
        partners = web.shared.cached(
            ("dyads-of", key),
            lambda: browse.select_dyads(con, Filters(), involving=key, top=10)
            if len(key) == 3 and key.isalpha() else [],
        )  # fmt: skip
    name = _actor_name(web, key)
    return render(
        request, "actor.html", key=key, name=name, acting=acting, receiving=receiving,
        counts=counts, partners=partners, by=by,
        chart=charts.quad_chart(periods, by=by, title=f"{name} as actor"),
    )  # fmt: skip


def _actor_name(web: WebContext, key: str) -> str:
    if len(key) == 3 and key.isalpha():
        return code_name(key.upper())
    found = [row for row in list_actors(web, key, "entity", 5) if row["key"] == key]
    return found[0]["name"] if found else key


@router.get("/map")
def world_map(request: Request, web: Context, params: Params) -> Response:
    with web.shared.cursor() as con:
        places = web.shared.cached(
            ("places", params.pairs),
            lambda: browse.select_places(con, params.filters, mentions=params.mentions, top=500),
        )
    return render(
        request, "map.html", params=params, places=places, points=worldmap.map_points(places),
        width=worldmap.WIDTH, height=worldmap.HEIGHT, types=PLOVER_TYPES,
    )  # fmt: skip


@router.get("/map/world.svg")
def basemap() -> Response:
    return Response(
        worldmap.basemap_svg(), media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )  # fmt: skip


@router.get("/code")
def code_form(request: Request) -> Response:
    return render(
        request, "code.html", text="", date=dt.date.today().isoformat(), events=None, error=None
    )


_FORM = "application/x-www-form-urlencoded"


@router.post("/code")
async def code_text(request: Request, web: Context) -> Response:
    body = await read_limited(request, web)
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
    text, date_text = form.get("text", ""), form.get("date", "").strip()
    values: dict[str, Any] = {"text": text, "date": date_text, "events": None, "error": None}
    try:
        check_content_type(request, _FORM, "post the form of this page")
        admit(request, web, form.get("token"))
        check_text_size(text, web)
        day = _form_date(date_text)
        if not text.strip():
            raise HTTPException(400, "paste the text of an article to code")
    except HTTPException as exc:
        values["error"] = exc.detail
        return render(request, "code.html", exc.status_code, exc.headers, **values)
    found = await run_in_threadpool(web.coding.code, text, day)
    cards = [
        {"event": e, "record": e.to_dict(),
         "sentence": segments(e.text, e.sentence_start, event_spans(e))}
        for e in found
    ]  # fmt: skip
    marks = [s for e in found for s in event_spans(e) if s.role == "trigger"]
    coded = text[body_start(text) :]  # the offsets count from after a pasted date line
    values |= {"events": cards, "article": segments(coded, 0, marks)}
    return render(request, "code.html", **values)


def _form_date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, f"date {value!r} is not a date; write YYYY-MM-DD") from None
