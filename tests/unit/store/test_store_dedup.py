"""The duplicate rules, on hand-made reports (issue 6)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from eventcoder.store.dedup import (
    Report,
    Site,
    assign_clusters,
    modes_compatible,
    places_compatible,
)

BUDAPEST = Site("HUN", 4, 3054643, "Budapest", "Budapest", None)
DEBRECEN = Site("HUN", 4, 721472, "Debrecen", "Debrecen", None)
HUNGARY = Site("HUN", 1, 719819, "Hungary", None, None)
PEST_REGION = Site("HUN", 2, None, "Budapest", None, None)
SARATOV = Site("RUS", 2, None, "Saratov Oblast", None, None)
ORENBURG = Site("RUS", 2, None, "Orenburg Oblast", None, None)
ENGELS = Site("RUS", 4, 563464, "Engels", "Engels", "Saratov Oblast")
VIENNA = Site("AUT", 4, 2761369, "Vienna", "Vienna", None)


def day(n: int) -> dt.date:
    return dt.date(2025, 10, 1) + dt.timedelta(days=n)


def report(
    event_id: str, when: int, mode: str | None = None, site: Site | None = None, conf: float = 0.5
) -> Report:
    return Report(event_id, day(when), mode, site, conf)


def clusters_of(reports: list[Report], window: int = 1) -> set[frozenset[str]]:
    ordered = sorted(
        reports, key=lambda r: (r.date, -(r.site.resolution if r.site else 0), r.event_id)
    )
    assignment = assign_clusters(ordered, window)
    groups: dict[str, set[str]] = {}
    for event_id, (cluster_id, _rep) in assignment.items():
        groups.setdefault(cluster_id, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (None, BUDAPEST, True),  # unknown place: no evidence against
        (BUDAPEST, BUDAPEST, True),
        (BUDAPEST, HUNGARY, True),  # a whole country contains the city
        (BUDAPEST, PEST_REGION, True),  # same name
        (BUDAPEST, DEBRECEN, False),  # two cities
        (BUDAPEST, VIENNA, False),  # two countries
        (SARATOV, ORENBURG, False),  # two regions
        (SARATOV, ENGELS, True),  # the city lies in the region
    ],
)
def test_places_compatible(a: Site | None, b: Site | None, expected: bool) -> None:
    assert places_compatible(a, b) is expected
    assert places_compatible(b, a) is expected


def test_modes_compatible() -> None:
    assert modes_compatible(None, "phone")
    assert modes_compatible("phone", "phone")
    assert not modes_compatible("phone", "visit")


def test_reports_within_the_window_merge_and_the_cluster_never_spans_more() -> None:
    reports = [report("a", 0), report("b", 1), report("c", 2)]
    assert clusters_of(reports) == {frozenset({"a", "b"}), frozenset({"c"})}
    assert clusters_of(reports, window=2) == {frozenset({"a", "b", "c"})}
    assert clusters_of(reports, window=0) == {frozenset({"a"}), frozenset({"b"}), frozenset({"c"})}


def test_incompatible_modes_and_places_split() -> None:
    reports = [
        report("call", 0, "phone"),
        report("vague", 0),
        report("visit", 0, "visit"),
        report("budapest", 0, site=BUDAPEST),
    ]
    groups = clusters_of(reports)
    assert not any({"call", "visit"} <= g for g in groups)
    assert len(groups) == 2


def test_a_vague_report_joins_the_most_reported_compatible_event() -> None:
    reports = [
        report("nairobi-1", 0, site=Site("KEN", 4, 184745, "Nairobi", "Nairobi", None)),
        report("nairobi-2", 0, site=Site("KEN", 4, 184745, "Nairobi", "Nairobi", None)),
        report("mombasa", 0, site=Site("KEN", 4, 186301, "Mombasa", "Mombasa", None)),
        report("somewhere", 0),
    ]
    assert frozenset({"nairobi-1", "nairobi-2", "somewhere"}) in clusters_of(reports)


def test_cluster_ids_and_representative_do_not_depend_on_input_order() -> None:
    reports = [
        report("x1", 1, conf=0.4),
        report("x2", 0, conf=0.3),
        report("x3", 0, conf=0.9),
        report("x4", 1, "phone"),
    ]
    results = set()
    for perm in itertools.permutations(reports):
        ordered = sorted(perm, key=lambda r: (r.date, r.event_id))
        results.add(tuple(sorted(assign_clusters(ordered, 1).items())))
    assert len(results) == 1
    (assignment,) = results
    as_dict = dict(assignment)
    assert {cid for cid, _ in as_dict.values()} == {"x2"}  # the first report names it
    assert [e for e, (_, rep) in as_dict.items() if rep] == ["x3"]  # earliest day, best confidence
