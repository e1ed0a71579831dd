"""The shipped people.csv is consistent: valid codes, dates and sectors, no duplicated
lines, and no two people in a single-holder office at once (issue 4)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

import pytest

from eventcoder.knowledge.base import normalize_name
from eventcoder.knowledge.csvdata import data_path, read_rows

#: PLOVER actor sectors; ELI (former officials) is computed by the resolver, never written.
PLOVER_SECTORS = frozenset({
    "AGR", "BUS", "COP", "CRM", "CVL", "EDU", "GOV", "JRN", "JUD", "LAB", "LEG", "MED",
    "MIL", "OPP", "PRE", "PRM", "PTY", "REB", "REF", "REL", "SOC", "SPY", "UAF", "UNK",
})  # fmt: skip

#: Offices held by one person at a time in a country. The head-of-state-and-government
#: office counts as both a head of state and a head of government.
SINGLE_HOLDER = {
    "head of state and government": ("head of state", "head of government"),
    "head of state": ("head of state",),
    "head of government": ("head of government",),
    "foreign minister": ("foreign minister",),
    "defence minister": ("defence minister",),
    "interior minister": ("interior minister",),
    "finance minister": ("finance minister",),
    "justice minister": ("justice minister",),
    "speaker": ("speaker",),
    "chief of defence": ("chief of defence",),
    "opposition leader": ("opposition leader",),
}
#: Offices named after their region or service are single-holder too ("governor of Texas").
SINGLE_HOLDER_PREFIXES = (
    "governor of ", "chief minister of ", "head of ", "director of ", "director general of ",
    "chief of ", "commander of ", "president of ", "secretary of ",
)  # fmt: skip
#: Offices with several holders at once despite their prefix.
MULTI_HOLDER = frozenset({"vice president", "first deputy prime minister", "deputy prime minister"})

#: Rival claimants in disputed periods, listed on purpose (see the header of people.csv):
#: (country, office group) -> the identifiers allowed to overlap.
DISPUTED = {
    ("LBY", "head of state"): {"Q19878", "person:mustafa-abdul-jalil"},
    ("CIV", "head of state"): {"person:laurent-gbagbo", "person:alassane-ouattara"},
}


@dataclass(frozen=True)
class Line:
    line_no: int
    identifier_id: str
    name: str
    country: str
    office: str
    sector: str
    start: dt.date
    end: dt.date | None

    def overlap_days(self, other: Line) -> int:
        far = dt.date.max
        last = min(self.end or far, other.end or far)
        first = max(self.start, other.start)
        return (last - first).days + 1


def _country_codes() -> set[str]:
    """Country codes, plus the organisation codes (UNO...) of organizations.csv: the UN
    Secretaries-General serve the UN, not a state."""
    countries = {row["code"] for _n, row in read_rows(data_path("countries.csv"), ("code",))}
    orgs = {row["code"] for _n, row in read_rows(data_path("organizations.csv"), ("code",))}
    return countries | orgs


def _raw_rows() -> list[tuple[int, dict[str, str]]]:
    return list(read_rows(data_path("people.csv"), ("identifier_id", "name", "country")))


@pytest.fixture(scope="module")
def lines() -> list[Line]:
    out = []
    for line_no, row in _raw_rows():
        out.append(
            Line(
                line_no,
                row["identifier_id"],
                row["name"],
                row["country"],
                row["office"],
                row["sector"],
                dt.date.fromisoformat(row["start"]),
                dt.date.fromisoformat(row["end"]) if row["end"] else None,
            )
        )
    return out


def test_every_line_has_valid_fields() -> None:
    codes = _country_codes()
    bad = []
    for line_no, row in _raw_rows():
        problems = []
        if row["country"] not in codes:
            problems.append(f"country {row['country']!r} not in countries.csv")
        if row["sector"] not in PLOVER_SECTORS:
            problems.append(f"sector {row['sector']!r} is not a PLOVER sector (ELI is computed)")
        if not row["identifier_id"] or not row["name"] or not row["office"]:
            problems.append("identifier_id, name and office are required")
        try:
            start = dt.date.fromisoformat(row["start"])
            end = dt.date.fromisoformat(row["end"]) if row["end"] else None
        except ValueError as exc:
            problems.append(str(exc))
        else:
            if end is not None and end < start:
                problems.append(f"end {end} before start {start}")
        if "|" in row["name"] or any(a != a.strip() for a in row["aliases"].split("|")):
            problems.append("malformed name or aliases")
        bad += [f"people.csv:{line_no}: {p}" for p in problems]
    assert not bad, "\n".join(bad)


def test_one_identifier_one_name(lines: list[Line]) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        names[line.identifier_id].add(line.name)
    assert not {i: n for i, n in names.items() if len(n) > 1}


#: Names two different people share on purpose: father and son, both called "Khamenei",
#: and both presidents Bush; the date picks the one in office.
SHARED_NAMES = frozenset({"khamenei", "bush", "george bush"})


def test_one_name_one_person_and_the_same_aliases_on_every_line() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for _line_no, row in _raw_rows():
        ident = row["identifier_id"]
        aliases[ident].add(row["aliases"])
        for name in [row["name"], *row["aliases"].split("|")]:
            if name.strip():
                owners[normalize_name(name)].add(ident)
    shared = {n: ids for n, ids in owners.items() if len(ids) > 1 and n not in SHARED_NAMES}
    assert not shared, f"one name, several identifier_ids: {shared}"
    # A person's aliases are looked up per line: an alias missing from one line would
    # make that term unreachable by the alias ("Lieberman" as defence minister).
    uneven = {i: a for i, a in aliases.items() if len(a) > 1}
    assert not uneven, f"different aliases on the lines of one person: {uneven}"


def test_no_duplicate_or_overlapping_terms_of_one_person(lines: list[Line]) -> None:
    by_key: dict[tuple[str, str, str], list[Line]] = defaultdict(list)
    for line in lines:
        by_key[(line.identifier_id, line.country, line.office)].append(line)
    bad = []
    for (ident, country, office), terms in by_key.items():
        terms.sort(key=lambda t: t.start)
        for a, b in itertools.pairwise(terms):
            if a.overlap_days(b) > 1:
                bad.append(f"lines {a.line_no} and {b.line_no}: {ident} {country} {office}")
    assert not bad, "\n".join(bad)


def _office_groups(office: str) -> tuple[str, ...]:
    if office in SINGLE_HOLDER:
        return SINGLE_HOLDER[office]
    if office in MULTI_HOLDER:
        return ()
    return (office,) if office.startswith(SINGLE_HOLDER_PREFIXES) else ()


def test_single_holder_offices_have_one_holder_at_a_time(lines: list[Line]) -> None:
    by_office: dict[tuple[str, str], list[Line]] = defaultdict(list)
    for line in lines:
        for group in _office_groups(line.office):
            by_office[(line.country, group)].append(line)
    bad = []
    for key, terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for i, a in enumerate(terms):
            for b in terms[i + 1 :]:
                if b.start > (a.end or dt.date.max):
                    break
                if a.identifier_id == b.identifier_id or a.overlap_days(b) <= 1:
                    continue
                if {a.identifier_id, b.identifier_id} <= DISPUTED.get(key, set()):
                    continue
                bad.append(
                    f"{key[0]} {key[1]}: {a.name} (line {a.line_no}, {a.start}..{a.end}) and "
                    f"{b.name} (line {b.line_no}, {b.start}..{b.end})"
                )
    assert not bad, "\n".join(bad)


def test_the_check_catches_an_overlap() -> None:
    a = Line(1, "p:a", "A", "FRA", "interior minister", "GOV", dt.date(2020, 1, 1), None)
    b = Line(2, "p:b", "B", "FRA", "interior minister", "GOV", dt.date(2021, 1, 1), None)
    end = dt.date(2021, 1, 1)
    handover = Line(3, "p:c", "C", "FRA", "speaker", "LEG", dt.date(2020, 1, 1), end)
    assert a.overlap_days(b) > 1 and handover.overlap_days(b) == 1
    assert _office_groups("governor of Texas") == ("governor of Texas",)
    assert _office_groups("vice president") == ()
