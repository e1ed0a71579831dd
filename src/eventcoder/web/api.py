"""The JSON API under /api, documented by OpenAPI at /docs.

Every read goes through the store library (`store.query`, `store.browse`,
`store.export`) on the server's shared read-only connection. `POST /api/code`
codes a text without storing it.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field, ValidationError

from eventcoder.store import Filters, browse
from eventcoder.store.export import export, stored_events
from eventcoder.store.query import TIMELINE_PERIODS, select_events, select_stats, select_timeline
from eventcoder.web.app import WebContext, context
from eventcoder.web.guard import admit, check_content_type, check_text_size, read_limited
from eventcoder.web.params import EventParams, Paging, Since, Until, event_params, paging
from eventcoder.web.views import code_name, frame_records, jsonable

__all__ = ["DESCRIPTION", "TAGS", "router"]

DESCRIPTION = """
Read the events of an eventcoder store, and code a text into PLOVER events.

The filters of `GET /api/events` are those of `eventcoder query`. By default a
list has one row per duplicate cluster (its representative report); `mentions=true`
gives every report. Errors are JSON objects with an `error` message: 400 for a bad
value, 404 for an unknown id, 413/429 for a text too large or too many codings,
503 while an ingest holds the store.
"""
TAGS = [
    {"name": "events", "description": "Events stored, filtered as `eventcoder query` does"},
    {"name": "aggregates", "description": "Counts: timelines, dyads, actors, places, stats"},
    {"name": "coding", "description": "Code a text (nothing is stored)"},
]

router = APIRouter(prefix="/api")

Context = Annotated[WebContext, Depends(context)]
Params = Annotated[EventParams, Depends(event_params)]
Page = Annotated[Paging, Depends(paging)]
_PERIODS = "|".join(TIMELINE_PERIODS)
#: The most periods `/api/timeline` lists, gaps filled: 55 years of days (a few MB of JSON).
MAX_PERIODS = 20_000


@router.get(
    "/events", tags=["events"], summary="Events matching the filters, a page at a time",
    response_model=None,
)  # fmt: skip
def list_events(
    web: Context,
    params: Params,
    page: Page,
    count: Annotated[
        bool, Query(description="Also count all matches (`total`; one more query)")
    ] = False,
) -> Response:
    """`{"total", "limit", "offset", "next_offset", "events": [...]}`; `next_offset` is null
    on the last page, `total` null unless `count=true`."""
    with web.shared.cursor() as con:
        frame = select_events(
            con, params.filters, mentions=params.mentions, limit=page.limit + 1,
            offset=page.offset,
        )  # fmt: skip
        total = None
        if count:
            total = browse.count_events(con, params.filters, mentions=params.mentions)
    more = len(frame) > page.limit
    head = {
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.offset + page.limit if more else None,
    }
    # Written here rather than by FastAPI's encoder, which would walk every value again.
    body = {**head, "events": frame_records(frame.head(page.limit))}
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")


@router.get("/export", tags=["events"], summary="Every event matching the filters, as a file")
def export_events(
    web: Context,
    params: Params,
    format: Annotated[
        str, Query(pattern="^(csv|jsonl)$", description="csv, or jsonl (PLOVER records)")
    ] = "jsonl",
) -> StreamingResponse:
    spool = _spooled_export(web, params, format)
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    name = f"events.{format}"
    return StreamingResponse(
        _chunks(spool), media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )  # fmt: skip


def _spooled_export(web: WebContext, params: EventParams, format: str) -> Any:
    """The export, written to a temporary file (in memory up to 8 MB) and rewound; at
    most `max_exports` are written at once (503 beyond)."""
    if not web.exports.acquire(blocking=False):
        raise HTTPException(
            503, f"the server writes at most {web.settings.max_exports} export(s) at once; "
            "try again in a minute, or narrow the selection", headers={"Retry-After": "30"},
        )  # fmt: skip
    spool = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        with web.shared.cursor() as con:
            fmt = "plover-jsonl" if format == "jsonl" else "csv"
            export(con, fmt, out=spool, filters=params.filters, mentions=params.mentions)  # type: ignore[arg-type]
    except BaseException:
        spool.close()
        raise
    finally:
        web.exports.release()
    spool.seek(0)
    return spool


def _chunks(spool: Any) -> Iterator[bytes]:
    try:
        while chunk := spool.read(1 << 16):
            yield chunk.encode("utf-8")
    finally:
        spool.close()


def read_event(web: WebContext, event_id: str) -> dict[str, Any]:
    """One stored report, its document, and every report of its cluster; 404 if unknown."""
    with web.shared.cursor() as con:
        where = browse.event_location(con, event_id)
        if where is None:
            raise HTTPException(404, f"no event with id {event_id!r} in this store")
        reports = list(stored_events(con, Filters(cluster=where["cluster_id"]), mentions=True))
        documents = browse.report_documents(con, where["cluster_id"])
    this = next((r for r in reports if r.event.id == event_id), None)
    if this is None:  # its cluster was rebuilt between the two reads
        raise HTTPException(503, "the store changed while reading; try again")
    return {"this": this, "reports": reports, "documents": documents}


@router.get("/events/{event_id}", tags=["events"], summary="One event and the other reports of it")
def get_event(
    web: Context, event_id: Annotated[str, Path(max_length=200, description="An event id")]
) -> dict[str, Any]:
    found = read_event(web, event_id)
    documents = {d["event_id"]: d for d in found["documents"]}
    this = found["this"]
    record = this.event.to_dict() | {"cluster": this.cluster}
    others = [
        jsonable(
            {"id": r.event.id, "date": r.event.date, "doc_id": r.event.doc_id,
             "doc_key": documents[r.event.id]["doc_key"], "source": r.source, "url": r.url,
             "type": r.event.event[0], "text": r.event.text}
        )
        for r in found["reports"]
        if r.event.id != event_id
    ]  # fmt: skip
    document = {k: v for k, v in documents[event_id].items() if k != "event_id"}
    return {"event": jsonable(record), "document": jsonable(document), "other_reports": others}


@router.get("/timeline", tags=["aggregates"], summary="Events per period")
def timeline(
    web: Context,
    params: Params,
    by: Annotated[
        str, Query(pattern=f"^({_PERIODS})$", description="day, week, month or year")
    ] = "week",
    split: Annotated[
        str, Query(pattern="^(none|quad)$", description="quad: one count per quad class")
    ] = "none",
) -> dict[str, Any]:
    with web.shared.cursor() as con:
        if split == "quad":
            rows = browse.select_quad_timeline(con, params.filters, by=by, mentions=params.mentions)
            return {"by": by, "split": split, "periods": jsonable(_wide(rows))}
        frame = select_timeline(
            con, params.filters, by=by, mentions=params.mentions, max_periods=MAX_PERIODS
        )
    return {"by": by, "split": split, "periods": frame_records(frame)}


def _wide(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows per (period, quad) -> one row per period with a count per quad class."""
    periods: dict[Any, dict[str, Any]] = {}
    for row in rows:
        entry = periods.setdefault(row["period"], {"period": row["period"], "events": 0,
                                                   "q1": 0, "q2": 0, "q3": 0, "q4": 0})  # fmt: skip
        entry[f"q{row['quad']}"] = row["events"]
        entry["events"] += row["events"]
    return list(periods.values())


@router.get("/dyads", tags=["aggregates"], summary="The most frequent dyads, either direction")
def dyads(
    web: Context,
    params: Params,
    involving: Annotated[
        str | None, Query(pattern="^[A-Za-z]{3}$", description="Only dyads with this code")
    ] = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> dict[str, Any]:
    with web.shared.cursor() as con:
        rows = web.shared.cached(
            ("dyads", params.pairs, involving, top),
            lambda: browse.select_dyads(
                con, params.filters, involving=involving, mentions=params.mentions, top=top
            ),
        )
    return {"dyads": jsonable(rows)}


@router.get("/actors", tags=["aggregates"], summary="Actors and the events they act in or receive")
def actors(
    web: Context,
    q: Annotated[str | None, Query(max_length=100, description="Words in the code or name")] = None,
    kind: Annotated[
        str,
        Query(
            pattern="^(all|code|entity)$", description="code, entity (people, organisations) or all"
        ),
    ] = "all",
    top: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    rows = list_actors(web, q, kind, top)
    return {"actors": jsonable(rows)}


def list_actors(web: WebContext, q: str | None, kind: str, top: int) -> list[dict[str, Any]]:
    """Actors with display names (country names for codes), cached while the store is unchanged."""
    search = q.strip() if q and q.strip() else None
    with web.shared.cursor() as con:
        rows = web.shared.cached(
            ("actors", search, kind, top),
            lambda: browse.select_actors(con, search=search, kind=kind, top=top),
        )
    return [row | {"name": row["name"] or code_name(row["key"])} for row in rows]


@router.get("/places", tags=["aggregates"], summary="Event places with coordinates")
def places(
    web: Context, params: Params, top: Annotated[int, Query(ge=1, le=5000)] = 500
) -> dict[str, Any]:
    with web.shared.cursor() as con:
        rows = browse.select_places(con, params.filters, mentions=params.mentions, top=top)
    return {"places": jsonable(rows)}


@router.get("/stats", tags=["aggregates"], summary="Totals, and counts by type, month and dyad")
def stats(
    web: Context,
    since: Since = None,
    until: Until = None,
    top: Annotated[int, Query(ge=1, le=1000, description="Dyads to list")] = 20,
    mentions: bool = False,
) -> dict[str, Any]:
    f = Filters.build(since=since or None, until=until or None)
    with web.shared.cursor() as con:
        result = web.shared.cached(
            ("stats", f, mentions, top), lambda: select_stats(con, f, mentions=mentions, top=top)
        )
    return {
        "totals": jsonable(result.totals),
        "by_type": frame_records(result.by_type),
        "by_month": frame_records(result.by_month),
        "by_dyad": frame_records(result.by_dyad),
    }


_SEND_JSON = (
    'send JSON like {"text": "...", "date": "2025-10-17"} with \'Content-Type: application/json\''
)


class CodeRequest(BaseModel):
    """A text to code and its publication date."""

    text: str = Field(min_length=1, description="The article text (plain text)")
    date: dt.date | None = Field(None, description="Publication date YYYY-MM-DD")
    id: str = Field("pasted", max_length=200, description="A document id for the records")


@router.post("/code", tags=["coding"], summary="Code a text into events (not stored)")
async def code(
    request: Request,
    web: Context,
    authorization: Annotated[
        str | None, Header(description="`Bearer TOKEN` when the server has a --token")
    ] = None,
) -> dict[str, Any]:
    bearer = authorization[7:] if authorization and authorization[:7].lower() == "bearer " else None
    admit(request, web, bearer)
    check_content_type(request, "application/json", _SEND_JSON)
    body = await read_limited(request, web)
    try:
        item = CodeRequest.model_validate_json(body)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        example = json.dumps({"text": "...", "date": "2025-10-17"})
        raise HTTPException(422, f"the body should be JSON like {example}: {problems}") from None
    check_text_size(item.text, web)
    events = await run_in_threadpool(web.coding.code, item.text, item.date, item.id)
    return {"count": len(events), "events": [event.to_dict() for event in events]}
