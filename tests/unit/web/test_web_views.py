"""The web layer's small parts (issue 7): highlighting, names, URLs, periods, the rate
limiter, the offline world map and the charts."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from eventcoder.model import Attribution, Entity, Event, Place
from eventcoder.web import charts, worldmap
from eventcoder.web.coding import RateLimiter
from eventcoder.web.views import (
    Segment,
    Span,
    auto_period,
    code_name,
    event_spans,
    jsonable,
    link,
    safe_url,
    segments,
)

SENTENCE = "Kremlin aide Yuri Ushakov said Putin praised Trump in Moscow."
OFFSET = 900  # the sentence's first character in its document


def _at(word: str) -> tuple[int, int]:
    start = SENTENCE.index(word) + OFFSET
    return start, start + len(word)


def test_segments_cut_at_every_span_and_keep_the_text() -> None:
    spans = [Span(*_at("praised"), "trigger"), Span(*_at("Putin"), "actor", "RUS GOV")]
    pieces = segments(SENTENCE, OFFSET, spans)
    assert "".join(p.text for p in pieces) == SENTENCE
    marked = [(p.text, p.roles) for p in pieces if p.roles]
    assert marked == [("Putin", ("actor",)), ("praised", ("trigger",))]
    assert pieces[1].title == "actor: RUS GOV" and pieces[1].css == "hl-actor"


def test_overlapping_spans_give_a_piece_both_roles() -> None:
    who = Span(*_at("Kremlin aide Yuri Ushakov"), "source")
    said = Span(_at("Yuri")[0], _at("said")[1], "attribution")
    pieces = segments(SENTENCE, OFFSET, [who, said])
    assert [(p.text, p.roles) for p in pieces][:3] == [
        ("Kremlin aide ", ("source",)),
        ("Yuri Ushakov", ("source", "attribution")),
        (" said", ("attribution",)),
    ]


def test_spans_outside_the_sentence_are_left_out_or_clipped() -> None:
    earlier = Span(10, 20, "actor")  # named in an earlier sentence
    across = Span(OFFSET + len(SENTENCE) - 7, OFFSET + len(SENTENCE) + 30, "place")
    pieces = segments(SENTENCE, OFFSET, [earlier, across])
    assert [p for p in pieces if p.roles] == [Segment("Moscow.", ("place",), ("place: ",))]
    assert segments("", 0, [Span(0, 5, "trigger")]) == []


def test_event_spans_cover_every_role_a_record_carries() -> None:
    entity = Entity("Putin", code="RUS", sector="GOV", start=_at("Putin")[0], end=_at("Putin")[1])
    source = Entity("Kremlin aide Yuri Ushakov", code="RUS", start=_at("Kremlin")[0],
                    end=_at("Ushakov")[1])  # fmt: skip
    place = Place("Moscow", "Moscow", "RUS", 4, start=_at("Moscow")[0], end=_at("Moscow")[1])
    event = Event(
        id="x", doc_id="d", date=dt.date(2025, 10, 17), date_precision="day", event=("SUPPORT",),
        actor=(entity,), recipient=(Entity("Trump", code="USA"),), event_loc=place,
        trigger_start=_at("praised")[0], trigger_end=_at("praised")[1], text=SENTENCE,
        sentence_start=OFFSET, attribution=Attribution(source, "said", *_at("said")),
    )  # fmt: skip
    roles = {
        span.role: SENTENCE[span.start - OFFSET : span.end - OFFSET] for span in event_spans(event)
    }
    assert roles == {"trigger": "praised", "actor": "Putin", "place": "Moscow",
                     "attribution": "said", "source": "Kremlin aide Yuri Ushakov"}  # fmt: skip


def test_names_links_and_urls() -> None:
    assert code_name("RUS") == "Russia" and code_name("IGO") == "intergovernmental organisations"
    assert code_name("XYZ") == "XYZ"
    assert link("/actors/person:a b", by="week", q=None) == "/actors/person%3Aa%20b?by=week"
    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "", None):
        assert safe_url(bad) is None


def test_jsonable_values() -> None:
    assert jsonable({"d": dt.date(2025, 1, 2), "n": float("nan"), "l": (1, None)}) == {
        "d": "2025-01-02", "n": None, "l": [1, None]
    }  # fmt: skip


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [("2025-01-06", "2025-03-03", "week"), ("2018-01-01", "2020-12-28", "week"),
     ("2018-01-01", "2025-12-01", "month"), ("1950-01-01", "2025-12-01", "year")],
)  # fmt: skip
def test_auto_period_keeps_charts_readable(first: str, last: str, period: str) -> None:
    rows = [{"period": dt.date.fromisoformat(day)} for day in (first, last)]
    assert auto_period(rows) == period
    assert auto_period([]) == "week"


def test_rate_limiter_allows_a_burst_then_the_rate() -> None:
    limiter = RateLimiter(per_minute=6, burst=2)  # one token every 10 s
    assert limiter.take("a", now=0) == 0 and limiter.take("a", now=0) == 0
    assert limiter.take("a", now=1) == pytest.approx(9.0)
    assert limiter.take("b", now=1) == 0  # each client has its own bucket
    assert limiter.take("a", now=10) == 0  # refilled
    assert limiter.take("a", now=10) > 0


def test_rate_limiter_forgets_clients_whose_bucket_is_full() -> None:
    limiter = RateLimiter(per_minute=60, burst=1, max_clients=2)
    for n, client in enumerate(["a", "b", "c"]):
        limiter.take(client, now=n * 100)
    assert len(limiter._buckets) <= 2


def test_projection_puts_places_where_they_belong() -> None:
    x0, y0 = worldmap.project(0, 0)
    assert x0 == pytest.approx(worldmap.WIDTH / 2) and y0 == pytest.approx(
        worldmap.HEIGHT / 2, abs=0.1
    )
    east, _ = worldmap.project(180, 0)
    assert east == pytest.approx(worldmap.WIDTH, abs=0.5)
    _, north = worldmap.project(0, 90)
    assert north == pytest.approx(0, abs=0.5)
    bx, by = worldmap.project(19.04, 47.5)  # Budapest: east of centre, north of the equator
    assert bx > x0 and by < y0


def test_basemap_ships_with_the_package_and_map_points_scale_by_area() -> None:
    svg = worldmap.basemap_svg()
    assert svg.startswith("<svg") and svg.count("<path") > 150 and "http" not in svg.split(">")[1]
    points = worldmap.map_points(
        [{"place": "Kyiv", "lat": 50.45, "lon": 30.52, "events": 4, "geonameid": 703448},
         {"place": "Nowhere", "lat": None, "lon": None, "events": 9},
         {"place": "Goma", "lat": -1.68, "lon": 29.23, "events": 1, "country_code": "COD"}],
    )  # fmt: skip
    assert [p.place for p in points] == ["Kyiv", "Goma"]
    assert points[0].r == pytest.approx(2 * points[1].r, rel=0.02)
    assert points[0].key == "703448" and points[1].key == "Goma"


def test_charts_render_offline_to_svg_images() -> None:
    rows = [
        {"period": dt.date(2025, 10, 13), "quad": 1, "events": 2, "scale_mean": 2.5},
        {"period": dt.date(2025, 10, 20), "quad": 4, "events": 1, "scale_mean": -9.0},
    ]
    chart = charts.quad_chart(rows, by="week", title="RUS-USA")
    assert chart is not None and chart.uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(chart.uri.split(",", 1)[1]).decode()
    assert "<svg" in svg and "verbal cooperation" in svg and "events per week" in svg
    assert charts.quad_chart([], by="week", title="none") is None
    types = charts.types_chart([{"type": "ASSAULT", "events": 3, "quad_code": 4}], title="t")
    assert types is not None and "ASSAULT" in base64.b64decode(types.uri[26:]).decode()


def test_chart_labels_from_data_cannot_become_markup() -> None:
    chart = charts.types_chart(
        [{"type": "<script>alert(1)</script>", "events": 1, "quad_code": 1}], title="t"
    )
    assert chart is not None
    svg = base64.b64decode(chart.uri.split(",", 1)[1]).decode()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
