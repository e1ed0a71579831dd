"""Date resolution: each kind of expression against a fixed document date.

DCT is Friday 17 October 2025 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.model import DateRef
from eventcoder.resolve.dates import find_dates, resolve_date, timex_value

DCT = dt.date(2025, 10, 17)  # a Friday
D = dt.date


def value(text: str, tense: str | None = None, dct: dt.date = DCT) -> str | None:
    ref = resolve_date(text, dct, tense=tense)
    return timex_value(ref) if ref else None


# ---------------------------------------------------------------- deictic words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2025-10-17"),
        ("tonight", "2025-10-17"),
        ("now", "2025-10-17"),
        ("currently", "2025-10-17"),
        ("this morning", "2025-10-17"),
        ("yesterday", "2025-10-16"),
        ("late yesterday", "2025-10-16"),
        ("last night", "2025-10-16"),
        ("tomorrow", "2025-10-18"),
        ("the day before yesterday", "2025-10-15"),
    ],
)
def test_deictic_words(text: str, expected: str) -> None:
    assert value(text) == expected


def test_deictic_precision_is_day() -> None:
    ref = resolve_date("yesterday", DCT)
    assert ref == DateRef(D(2025, 10, 16), "day", text="yesterday")


# --------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Thursday", None, "2025-10-16"),
        ("Thursday", "past", "2025-10-16"),
        ("on Thursday", None, "2025-10-16"),
        ("Monday", None, "2025-10-13"),
        ("Monday", "future", "2025-10-20"),
        ("Thursday", "future", "2025-10-23"),
        ("Sunday", "present", "2025-10-19"),
        ("Tuesday", "present", "2025-10-14"),
        ("last Thursday", None, "2025-10-16"),
        ("last Friday", None, "2025-10-10"),
        ("next Monday", None, "2025-10-20"),
        ("this coming Sunday", None, "2025-10-19"),
        ("early Tuesday", None, "2025-10-14"),
        ("Friday next week", None, "2025-10-24"),
    ],
)
def test_weekdays(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


def test_same_weekday_as_dct_is_dct_in_the_past_and_a_week_on_in_the_future() -> None:
    # News style: "said on Friday" in a Friday article means that very day.
    assert value("Friday", "past") == "2025-10-17"
    assert value("Friday") == "2025-10-17"
    # "will meet on Friday" written on a Friday: taken as the next one.
    assert value("Friday", "future") == "2025-10-24"


# ----------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("October", None, "2025-10"),
        ("October", "future", "2025-10"),
        ("December", None, "2024-12"),
        ("December", "past", "2024-12"),
        ("December", "future", "2025-12"),
        ("February", "future", "2026-02"),
        ("last October", None, "2024-10"),
        ("last September", None, "2025-09"),
        ("next March", None, "2026-03"),
        ("this December", None, "2025-12"),
        ("March 2024", None, "2024-03"),
        ("January this year", None, "2025-01"),
        ("June last year", None, "2024-06"),
        ("mid-November", "future", "2025-11"),
        ("the middle of August", None, "2025-08"),
    ],
)
def test_month_names(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Oct. 17", None, "2025-10-17"),
        ("Oct. 3", None, "2025-10-03"),
        ("Jan. 5", None, "2026-01-05"),  # 80 days ahead is nearer than 285 back
        ("Jan. 5", "past", "2025-01-05"),
        ("Sept. 30", "future", "2026-09-30"),
        ("Sept. 30", None, "2025-09-30"),
        ("October 17, 2025", None, "2025-10-17"),
        ("17 October 2025", None, "2025-10-17"),
        ("the 3rd of March", "past", "2025-03-03"),
        ("Friday, Oct. 10", None, "2025-10-10"),
        ("March eighth", "future", "2026-03-08"),
        ("2025-10-17", None, "2025-10-17"),
        ("10/17/2025", None, "2025-10-17"),
        ("17.10.2025", None, "2025-10-17"),
        ("17th Oct 2025", None, "2025-10-17"),
    ],
)
def test_explicit_dates(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 October 2025 at 10:00 GMT", "2025-10-17"),
        ("Thursday 16 October 2025 10:00", "2025-10-16"),
        ("2025.10.17", "2025-10-17"),
    ],
)
def test_explicit_dates_in_other_formats_fall_back_to_dateparser(text: str, expected: str) -> None:
    assert value(text) == expected


@pytest.mark.parametrize("text", ["17", "3.5", "the 1st", "12:30", "for 2000 years"])
def test_bare_numbers_are_not_sent_to_dateparser_as_dates(text: str) -> None:
    assert resolve_date(text, DCT) is None


def test_impossible_calendar_dates_are_none() -> None:
    assert resolve_date("February 30, 2025", DCT) is None
    assert resolve_date("2025-13-40", DCT) is None


# --------------------------------------------------------- relative periods


@pytest.mark.parametrize(
    ("text", "expected_value", "precision"),
    [
        ("this week", D(2025, 10, 13), "week"),
        ("last week", D(2025, 10, 6), "week"),
        ("next week", D(2025, 10, 20), "week"),
        ("this month", D(2025, 10, 1), "month"),
        ("next month", D(2025, 11, 1), "month"),
        ("earlier this month", D(2025, 10, 1), "month"),
        ("late last month", D(2025, 9, 1), "month"),
        ("this year", D(2025, 1, 1), "year"),
        ("last year", D(2024, 1, 1), "year"),
        ("next year", D(2026, 1, 1), "year"),
        ("early next year", D(2026, 1, 1), "year"),
        ("later this year", D(2025, 1, 1), "year"),
        ("two days ago", D(2025, 10, 15), "day"),
        ("10 days ago", D(2025, 10, 7), "day"),
        ("several weeks ago", D(2025, 9, 22), "week"),
        ("a few months ago", D(2025, 7, 1), "month"),
        ("a month ago", D(2025, 9, 1), "month"),
        ("nearly four years ago", D(2021, 1, 1), "year"),
        ("three weeks from now", D(2025, 11, 3), "week"),
        ("in two weeks", D(2025, 10, 27), "week"),
    ],
)
def test_relative_expressions(text: str, expected_value: dt.date, precision: str) -> None:
    ref = resolve_date(text, DCT)
    assert ref is not None
    assert (ref.value, ref.precision) == (expected_value, precision)


def test_the_weekend_is_the_last_one_from_a_weekday_and_the_next_in_the_future() -> None:
    ref = resolve_date("the weekend", DCT)
    assert ref == DateRef(D(2025, 10, 11), "week", D(2025, 10, 12), text="the weekend")
    assert timex_value(ref) == "2025-W41-WE"
    future = resolve_date("the weekend", DCT, tense="future")
    assert future is not None and future.value == D(2025, 10, 18)
    assert value("this weekend") == "2025-W42-WE"


# ----------------------------------------------------------- ranges and seasons


def test_in_the_past_eight_months_is_a_range_ending_at_dct() -> None:
    ref = resolve_date("in the past eight months", DCT)
    assert ref == DateRef(D(2025, 2, 17), "month", D(2025, 10, 17), text="in the past eight months")


def test_the_past_year_and_the_next_two_years() -> None:
    assert resolve_date("the past year", DCT) == DateRef(
        D(2024, 10, 17), "year", D(2025, 10, 17), text="the past year"
    )
    ref = resolve_date("over the next two years", DCT)
    assert ref is not None and (ref.value, ref.enddate) == (DCT, D(2027, 10, 17))


@pytest.mark.parametrize(
    ("text", "tense", "start", "end", "timex"),
    [
        ("last spring", None, D(2025, 3, 1), D(2025, 5, 31), "2025-SP"),
        ("this summer", None, D(2025, 6, 1), D(2025, 8, 31), "2025-SU"),
        ("last summer", None, D(2025, 6, 1), D(2025, 8, 31), "2025-SU"),
        ("next summer", None, D(2026, 6, 1), D(2026, 8, 31), "2026-SU"),
        ("this winter", None, D(2025, 12, 1), D(2026, 2, 28), "2026-WI"),
        ("last winter", None, D(2024, 12, 1), D(2025, 2, 28), "2025-WI"),
        ("the fall", None, D(2025, 9, 1), D(2025, 11, 30), "2025-FA"),
        ("autumn", "future", D(2025, 9, 1), D(2025, 11, 30), "2025-FA"),
        ("spring", "future", D(2026, 3, 1), D(2026, 5, 31), "2026-SP"),
        ("the winter of 1994", None, D(1993, 12, 1), D(1994, 2, 28), "1994-WI"),
        ("summer 2024", None, D(2024, 6, 1), D(2024, 8, 31), "2024-SU"),
    ],
)
def test_seasons(text: str, tense: str | None, start: dt.date, end: dt.date, timex: str) -> None:
    ref = resolve_date(text, DCT, tense=tense)
    assert ref is not None
    assert (ref.value, ref.enddate, ref.precision) == (start, end, "season")
    assert timex_value(ref) == timex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1998", "1998"),
        ("in 1998", "1998"),
        ("fiscal 2024", "2024"),
        ("mid-2024", "2024"),
        ("the end of 2026", "2026"),
        ("the 1990s", "199"),
        ("the early 1980s", "198"),
        ("the '80s", "198"),
        ("the nineties", "199"),
        ("the 20th century", "19"),
        ("nineteen ninety-six", "1996"),
        ("the year two thousand", "2000"),
        ("2025-10", "2025-10"),
    ],
)
def test_years_decades_centuries(text: str, expected: str) -> None:
    assert value(text) == expected


def test_decade_is_a_year_precision_range() -> None:
    ref = resolve_date("the 1990s", DCT)
    assert ref == DateRef(D(1990, 1, 1), "year", D(1999, 12, 31), text="the 1990s")


def test_a_year_range_like_1987_88() -> None:
    ref = resolve_date("1987-88", DCT)
    assert ref is not None and (ref.value, ref.enddate) == (D(1987, 1, 1), D(1988, 12, 31))


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("the first quarter", None, "2025-Q1"),
        ("the third quarter", None, "2025-Q3"),
        ("the fourth quarter", None, "2025-Q4"),  # under way on 17 October
        ("third-quarter", None, "2025-Q3"),
        ("the fourth quarter of 2023", None, "2023-Q4"),
        ("next year's first quarter", None, "2026-Q1"),
        ("Q2 2024", None, "2024-Q2"),
        ("the quarter", None, "2025-Q3"),  # the last completed one
        ("the current quarter", None, "2025-Q4"),
        ("the first half of 2024", None, "2024-H1"),
        ("the second half", None, "2025-H1"[:-1] + "2"),
    ],
)
def test_quarters_and_halves(text: str, tense: str | None, expected: str) -> None:
    assert value(text, tense) == expected


def test_quarter_is_a_month_precision_range() -> None:
    ref = resolve_date("the third quarter", DCT)
    assert ref == DateRef(D(2025, 7, 1), "month", D(2025, 9, 30), text="the third quarter")


def test_quarter_in_the_past_tense_before_it_starts_is_last_years() -> None:
    assert value("the fourth quarter", "past", dct=D(2026, 2, 10)) == "2025-Q4"
    assert value("the fourth quarter", None, dct=D(2026, 2, 10)) == "2025-Q4"
    assert value("the fourth quarter", "future", dct=D(2026, 2, 10)) == "2026-Q4"


# ------------------------------------------------------------ not a time point


@pytest.mark.parametrize(
    "text",
    [
        "recently",
        "for three years",
        "eight months",
        "3 weeks",
        "every week",
        "each Monday",
        "the past",
        "the future",
        "recent years",
        "soon",
        "",
        "   ",
        "the day",
        "the following day",  # anaphoric: nothing to follow in isolation
        "Theresa",
        "hello world",
    ],
)
def test_not_a_resolvable_time(text: str) -> None:
    assert resolve_date(text, DCT) is None


def test_unknown_tense_is_ignored_and_datetime_dct_accepted() -> None:
    assert value("Thursday", tense="pluperfect") == "2025-10-16"
    ref = resolve_date("yesterday", dt.datetime(2025, 10, 17, 23, 59))
    assert ref is not None and ref.value == D(2025, 10, 16)


def test_resolve_keeps_the_given_text_without_offsets() -> None:
    ref = resolve_date(" on Thursday ", DCT)
    assert ref is not None
    assert (ref.text, ref.start, ref.end, ref.defaulted) == ("on Thursday", None, None, False)


# -------------------------------------------------------------------- timex_value


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (DateRef(D(2025, 10, 17), "day"), "2025-10-17"),
        (DateRef(D(2025, 10, 13), "week"), "2025-W42"),
        (DateRef(D(2024, 12, 30), "week"), "2025-W01"),  # ISO week-year
        (DateRef(D(2025, 10, 11), "week", D(2025, 10, 12)), "2025-W41-WE"),
        (DateRef(D(2025, 10, 1), "month"), "2025-10"),
        (DateRef(D(2025, 7, 1), "month", D(2025, 9, 30)), "2025-Q3"),
        (DateRef(D(2025, 7, 1), "month", D(2025, 12, 31)), "2025-H2"),
        (DateRef(D(2025, 2, 17), "month", D(2025, 10, 17)), "2025-02"),
        (DateRef(D(2025, 3, 1), "season", D(2025, 5, 31)), "2025-SP"),
        (DateRef(D(2025, 6, 1), "season", D(2025, 8, 31)), "2025-SU"),
        (DateRef(D(2025, 9, 1), "season", D(2025, 11, 30)), "2025-FA"),
        (DateRef(D(2024, 12, 1), "season", D(2025, 2, 28)), "2025-WI"),
        (DateRef(D(2025, 1, 1), "year"), "2025"),
        (DateRef(D(1990, 1, 1), "year", D(1999, 12, 31)), "199"),
        (DateRef(D(1900, 1, 1), "year", D(1999, 12, 31)), "19"),
        (DateRef(D(987, 1, 1), "year"), "0987"),
    ],
)
def test_timex_value_formats(ref: DateRef, expected: str) -> None:
    assert timex_value(ref) == expected


# ---------------------------------------------------------------------- find_dates

ARTICLE = (
    "GENEVA - The foreign minister said on Thursday that talks would resume next week, "
    "two months after they collapsed in August. Officials met on Oct. 3 and again "
    "last month. Prime Minister Theresa May said in May that 2000 troops would stay "
    "under Resolution 1973 until 2027. Exports fell in the third quarter, compared "
    "with a year earlier, and the company expects growth in the fourth quarter. "
    "Earlier this year, in the past eight months and since the 1990s, prices rose. "
    "After the fall of the old regime, the Arab Spring reached the region last spring."
)


def test_find_dates_finds_each_expression_with_honest_offsets() -> None:
    refs = find_dates(ARTICLE, DCT)
    for ref in refs:
        assert ref.start is not None and ref.end is not None
        assert ARTICLE[ref.start : ref.end] == ref.text
    assert [(r.text, timex_value(r)) for r in refs] == [
        ("Thursday", "2025-10-16"),
        ("next week", "2025-W43"),
        ("August", "2025-08"),
        ("Oct. 3", "2025-10-03"),
        ("last month", "2025-09"),
        ("May", "2025-05"),
        ("2027", "2027"),
        ("the third quarter", "2025-Q3"),
        ("a year earlier", "2024-Q3"),
        ("the fourth quarter", "2025-Q4"),
        ("Earlier this year", "2025"),
        ("the past eight months", "2025-02"),
        ("the 1990s", "199"),
        ("last spring", "2025-SP"),
    ]


def test_find_dates_is_ordered_and_non_overlapping_and_longest_match_wins() -> None:
    text = "It happened on Friday, Oct. 10, 2025, and again in mid-2024 and in March 2024."
    refs = find_dates(text, DCT)
    assert [r.text for r in refs] == ["Friday, Oct. 10, 2025", "mid-2024", "March 2024"]
    ends = [(r.start or 0, r.end or 0) for r in refs]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def test_find_dates_anaphora_follow_the_previous_expression() -> None:
    text = "The treaty was signed on March 3, 2019. The following year it was ratified."
    refs = find_dates(text, DCT)
    assert [(r.text, timex_value(r)) for r in refs] == [
        ("March 3, 2019", "2019-03-03"),
        ("The following year", "2020"),
    ]


def test_find_dates_skips_words_that_only_look_like_dates() -> None:
    text = (
        "Theresa May may march on. The fall in prices after the fall of Kabul hit 1500 "
        "people; Flight 1986 and page 2001 were cited. The Arab Spring is over."
    )
    assert find_dates(text, DCT) == []


def test_find_dates_on_empty_and_odd_input() -> None:
    assert find_dates("", DCT) == []
    assert find_dates("no dates at all here", DCT) == []
    odd: Any = None
    assert find_dates(odd, DCT) == []
    assert find_dates("yesterday", odd) == []
    assert resolve_date(odd, DCT) is None
    assert resolve_date("yesterday", odd) is None
    assert resolve_date("tomorrow", D(9999, 12, 31)) is None


# ----------------------------------------------------------------- never raises

DATEISH = st.sampled_from(
    [
        "last", "next", "this", "the", "ago", "earlier", "Friday", "May", "Oct.", "17",
        "2025", "99999", "0", "-", "/", "'80s", "quarter", "third", "winter", "of", "in",
        "years", "a", "few", "centuries", "year-ago", "Q3", "mid-", "nineteen", "week",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), st.lists(DATEISH, max_size=8).map(" ".join)),
    dct=st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)),
    tense=st.sampled_from([None, "past", "present", "future", "odd"]),
)
def test_resolve_date_never_raises(text: str, dct: dt.date, tense: str | None) -> None:
    ref = resolve_date(text, dct, tense=tense)
    if ref is not None:
        assert ref.precision in ("day", "week", "month", "season", "year")
        assert isinstance(timex_value(ref), str)


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(DATEISH, max_size=30).map(" ".join)),
    dct=st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)),
)
def test_find_dates_never_raises(text: str, dct: dt.date) -> None:
    refs = find_dates(text, dct)
    for ref in refs:
        assert ref.start is not None and ref.end is not None
        assert text[ref.start : ref.end] == ref.text


# ------------------------------------------- running text without a parse (issue 5)


def test_find_dates_reads_a_future_cue_before_a_month() -> None:
    text = "The handover is expected in March. Exports fell in March."
    refs = find_dates(text, DCT)
    assert [timex_value(r) for r in refs] == ["2026-03", "2025-03"]


def test_find_dates_reads_a_past_cue_before_a_day() -> None:
    text = "Revenue for the fiscal period ended March 31 rose. The bonds are payable Jan. 2."
    values = {r.text: timex_value(r) for r in find_dates(text, DCT)}
    assert values["March 31"] == "2025-03-31"  # not the nearer one ahead
    assert values["Jan. 2"] == "2026-01-02"


def test_find_dates_resolves_the_issue_examples_with_offsets() -> None:
    text = (
        "The envoys met a few months ago, again earlier this month and late last "
        "month; the army has shelled the town in the past eight months, as it did last spring."
    )
    refs = find_dates(text, DCT)
    got = {r.text: (timex_value(r), r.precision) for r in refs}
    assert got["a few months ago"] == ("2025-07", "month")
    assert got["earlier this month"] == ("2025-10", "month")
    assert got["late last month"] == ("2025-09", "month")
    assert got["last spring"] == ("2025-SP", "season")
    past = next(r for r in refs if "eight months" in r.text)
    assert (past.value, past.enddate) == (D(2025, 2, 17), DCT)
    for ref in refs:
        assert ref.start is not None and ref.end is not None
        assert text[ref.start : ref.end] == ref.text
