"""The date rules: one regular expression and one handler per kind of expression
(see `eventcoder.resolve.dates`)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from eventcoder.model import DateRef
from eventcoder.resolve.date_calendar import (
    _BACK_WORDS,
    _DECADE_WORDS,
    _MOD,
    _MONTH,
    _NUM,
    _ORDINAL_WORDS,
    _ORDINALS_RE,
    _QUAL,
    _SPELLED_2000,
    _SPELLED_YEAR,
    _UNIT_PL,
    _WD_ABBR,
    _WD_FULL,
    _WEEKDAYS,
    _YEAR4,
    _count,
    _Ctx,
    _day,
    _day_number,
    _focus_quarter,
    _group,
    _half,
    _half_index,
    _last_completed_quarter,
    _month,
    _month_end,
    _month_near,
    _month_number,
    _norm,
    _pick,
    _quarter,
    _quarter_index,
    _quarter_of,
    _range,
    _season_instance,
    _shift,
    _shift_ref,
    _spelled_year,
    _tense_choice,
    _unit_name,
    _unit_ref,
    _weekday_from,
    _year,
    _year_from,
    _years,
)

# ----------------------------------------------------------------------- handlers

_Handler = Callable[[re.Match[str], _Ctx], DateRef | None]


def _h_iso(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """2025-10-17, 2025/10/17."""
    return _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"])))


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """10/17/2025 (US order unless the first number cannot be a month), 17.10.2025."""
    year = int(m["y"])
    if year < 100:
        year += 2000 if year + 2000 <= ctx.dct.year + 20 else 1900
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if m["sep"] == "/" and a <= 12 else (b, a)
    return _day(dt.date(year, month, day))


def _h_month_day(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """Oct. 17 / 17 October / October 17, 2025 / Friday, Oct. 13."""
    month, day = _month_number(m["month"]), _day_number(m["day"])
    if month is None or day is None or not 1 <= day <= 31:
        return None
    year = _year_from(m)
    if year is not None:
        return _day(dt.date(year, month, day))
    cands = []
    for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        if day <= calendar.monthrange(y, month)[1]:
            d = dt.date(y, month, day)
            cands.append((d, d, _day(d)))
    if not cands:
        return None
    return _pick(cands, ctx.dct, _tense_choice(ctx.tense, "nearest"))


def _h_month(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """October / last October / October 2025 / January this year / mid-November."""
    month = _month_number(m["month"])
    if month is None:
        return None
    year = _year_from(m)
    if year is not None:
        return _month(year, month)
    yrel = _norm(_group(m, "yrel"))
    if yrel:
        return _month(ctx.dct.year + {"last": -1, "this": 0, "next": 1}[yrel], month)
    rel = _norm(_group(m, "rel"))
    if rel in ("last", "this past", "past"):  # strictly before this month
        return _month_near(month, ctx.dct.replace(day=1), "before")
    if rel in ("next", "this coming", "coming"):  # strictly after this month
        return _month_near(month, _month_end(ctx.dct.year, ctx.dct.month), "after")
    if rel == "this":
        return _month(ctx.dct.year, month)
    # past (and no tense): the latest such month not after this one; future: the next
    # one not before this one; present: the nearest.
    return _month_near(month, ctx.dct, _tense_choice(ctx.tense, "past"))


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """Thursday / last Thursday / on Thursday / Thursday next week / early Tuesday."""
    wd = _WEEKDAYS.get(_norm(m["wd"]).rstrip("."))
    if wd is None:
        return None
    rel, week_rel = _norm(_group(m, "rel")), _norm(_group(m, "wrel"))
    if week_rel:
        base = ctx.dct + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[week_rel])
        return _day(_weekday_from(base, wd, "week"))
    if rel in ("the previous", "the following", "the next", "that", "the same"):
        if ctx.anchor is None:
            return None
        base = ctx.anchor.value
        how = {"the previous": "before", "the following": "after", "the next": "after"}
        return _day(_weekday_from(base, wd, how.get(rel, "past")))
    if rel in ("last", "this past", "past"):
        return _day(_weekday_from(ctx.dct, wd, "before"))
    if rel in ("next", "this coming", "coming"):
        return _day(_weekday_from(ctx.dct, wd, "after"))
    if rel == "this":
        return _day(_weekday_from(ctx.dct, wd, "week"))
    if ctx.tense == "future":
        # "will meet on Thursday" written on a Thursday: taken as a week later.
        return _day(_weekday_from(ctx.dct, wd, "after"))
    if ctx.tense == "present":
        return _day(_weekday_from(ctx.dct, wd, "nearest"))
    # News style: "said on Thursday" in a Thursday article is that same day.
    return _day(_weekday_from(ctx.dct, wd, "past"))


def _h_deictic(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """today, tonight, now, yesterday, last night, tomorrow, the day before yesterday."""
    word = _norm(m["word"])
    if word.startswith("the day before"):
        return _day(ctx.dct - dt.timedelta(days=2))
    if word.startswith("the day after"):
        return _day(ctx.dct + dt.timedelta(days=2))
    if word.startswith("yesterday") or word == "last night":
        return _day(ctx.dct - dt.timedelta(days=1))
    if word.startswith("tomorrow"):
        return _day(ctx.dct + dt.timedelta(days=1))
    return _day(ctx.dct)


def _h_rel_unit(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """this week, last month, next year, the past year, the quarter, the year before."""
    rel, unit = _norm(m["rel"]), _unit_name(m["unit"])
    if unit == "weekend":
        return _weekend(rel, ctx)
    if unit == "quarter":
        return _rel_quarter(rel, ctx)
    if rel in ("the previous", "the prior", "previous", "prior"):
        return _shift_ref(_unit_ref(_base(ctx), unit), -1, unit)
    if rel in ("the following", "following") or (rel == "the next" and unit == "day"):
        return _shift_ref(_unit_ref(ctx.anchor.value, unit), 1, unit) if ctx.anchor else None
    if rel in ("that", "the same"):
        return _unit_ref(ctx.anchor.value, unit) if ctx.anchor else None
    if unit == "day":
        return None  # "the day", "this day": which day is not said
    if rel in ("the past", "the last"):
        return _range(_shift(ctx.dct, -1, unit), ctx.dct, unit)
    if rel in ("last", "past", "this past", "the latest", "the most recent"):
        return _unit_ref(_shift(ctx.dct, -1, unit), unit)
    if rel in ("next", "coming", "the coming", "the next", "this coming"):
        return _unit_ref(_shift(ctx.dct, 1, unit), unit)
    return _unit_ref(ctx.dct, unit)  # this, current, the current, the, the present


def _h_unit_before(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the day before, the year after: one unit from the previous expression."""
    if ctx.anchor is None:
        return None
    step = -1 if _norm(m["post"]) in ("before", "earlier") else 1
    unit = _unit_name(m["unit"])
    return _shift_ref(_unit_ref(ctx.anchor.value, unit), step, unit)


def _base(ctx: _Ctx) -> dt.date:
    return ctx.anchor.value if ctx.anchor is not None else ctx.dct


def _rel_quarter(rel: str, ctx: _Ctx) -> DateRef:
    if rel in ("this", "current", "the current", "the present"):
        return _quarter(*_quarter_of(ctx.dct))
    if rel in ("next", "coming", "the coming", "the next", "this coming"):
        return _shift_ref(_quarter(*_quarter_of(ctx.dct)), 1, "quarter")
    if rel in _BACK_WORDS or rel in ("the latest", "the most recent"):
        return _last_completed_quarter(ctx.dct)
    if rel in ("the previous", "the prior", "previous", "prior"):
        return _shift_ref(_focus_quarter(ctx), -1, "quarter")
    if rel in ("the following", "following"):
        return _shift_ref(_focus_quarter(ctx), 1, "quarter")
    return _focus_quarter(ctx)  # the, that, the same


def _weekend(rel: str, ctx: _Ctx) -> DateRef:
    """A weekend: week precision, Saturday to Sunday."""
    dct = ctx.dct
    saturday_this_week = dct - dt.timedelta(days=dct.weekday()) + dt.timedelta(days=5)
    if rel in ("last", "past", "this past", "the past", "the last"):
        sat = saturday_this_week - dt.timedelta(weeks=1)
    elif rel in ("next", "coming", "the coming", "the next"):
        sat = saturday_this_week + dt.timedelta(weeks=1 if dct.weekday() >= 5 else 0)
    elif rel in ("this", "this coming") or dct.weekday() >= 5 or ctx.tense == "future":
        sat = saturday_this_week  # a weekend under way, or the coming one
    else:
        sat = saturday_this_week - dt.timedelta(weeks=1)
    return DateRef(sat, "week", enddate=sat + dt.timedelta(days=1))


def _h_ago(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """two days ago, a few months ago, a year earlier, three weeks later."""
    n, unit = _count(m["n"]), _unit_name(m["unit"])
    direction = _norm(m["dir"])
    if n is None or n > 5000:
        return None
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    sign = 1 if direction in ("later", "from now", "hence", "after") else -1
    anchor = ctx.anchor
    if anchor is not None and direction in ("earlier", "later", "before", "after"):
        return _shift_ref(anchor, sign * n, unit)
    if direction in ("before", "after"):
        return None  # "two years before" what? Unknown without the previous date.
    if ctx.focus is not None and ctx.focus_near and unit == "year" and n == 1:
        # Earnings style: "profit rose from $5m a year ago" = the same quarter a year ago.
        return _shift_ref(ctx.focus, sign * n, unit)
    target = _shift(ctx.dct, sign * n, unit)
    if unit in ("decade", "century"):
        return _year(target.year)
    return _unit_ref(target, unit)


def _is_period(ref: DateRef) -> bool:
    return _quarter_index(ref) is not None or _half_index(ref) is not None


def _h_in_n(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """in two weeks (a point ahead); within two weeks (a range from dct)."""
    n, unit = _count(m["n"]), _unit_name(m["unit"])
    if n is None or n > 5000:
        return None
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    if _norm(m["prep"]) == "within":
        return _range(ctx.dct, _shift(ctx.dct, n, unit), unit)
    target = _shift(ctx.dct, n, unit)
    return _year(target.year) if unit in ("decade", "century") else _unit_ref(target, unit)


def _h_past_n(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the past eight months (dct - 8 months .. dct), the next two years."""
    n, unit = _count(m["n"]), _unit_name(m["unit"])
    if n is None or n > 5000 or n == 0:
        return None
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    if _norm(m["rel"]) in ("next", "coming", "following"):
        return _range(ctx.dct, _shift(ctx.dct, n, unit), unit)
    return _range(_shift(ctx.dct, -n, unit), ctx.dct, unit)


def _quarter_number(m: re.Match[str]) -> int | None:
    """'third', '3rd', 'final', '3' -> 3 (None unless 1-4)."""
    q_raw = _norm(_group(m, "q") or _group(m, "qn"))
    q = 4 if q_raw == "final" else int(q_raw[0]) if q_raw[:1].isdigit() else None
    q = q or _ORDINAL_WORDS.get(q_raw)
    return q if q is not None and 1 <= q <= 4 else None


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the third quarter, third-quarter, Q3 2025, next year's first quarter,
    the 1988 second quarter, the year-ago third quarter."""
    q = _quarter_number(m)
    if q is None:
        return None
    year = _year_from(m) or (int(str(_group(m, "yearpre"))) if _group(m, "yearpre") else None)
    if year is not None:
        return _quarter(year, q)
    ryear = _norm(_group(m, "ryear") or _group(m, "yrel"))
    if ryear:
        return _quarter(ctx.dct.year + {"last": -1, "this": 0, "next": 1}[ryear], q)
    cands = [(r.value, r.enddate or r.value, r) for r in (_quarter(y, q) for y in _around(ctx))]
    chosen = _pick(cands, ctx.dct, _tense_choice(ctx.tense, "past"))
    if _group(m, "ago"):
        return _shift_ref(chosen, -1, "year")
    return chosen


def _around(ctx: _Ctx) -> tuple[int, int, int]:
    return ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1


def _h_half(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the first half of 2024, the second half (of the year), first-half."""
    h = 1 if _norm(m["h"]) in ("first", "1st") else 2
    year = _year_from(m)
    if year is not None:
        return _half(year, h)
    yrel = _norm(_group(m, "yrel"))
    if yrel in ("this", "last", "next"):
        return _half(ctx.dct.year + {"last": -1, "this": 0, "next": 1}[yrel], h)
    cands = [(r.value, r.enddate or r.value, r) for r in (_half(y, h) for y in _around(ctx))]
    return _pick(cands, ctx.dct, _tense_choice(ctx.tense, "past"))


def _h_compare(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """year-earlier, the year-ago quarter, the same period last year, last year's
    quarter: the period the report is about, one year back."""
    what = _norm(_group(m, "cu") or _group(m, "cu2") or _group(m, "cu3"))
    if what in ("month", "week"):
        return _shift_ref(_unit_ref(ctx.dct, what), -1, "year")
    if what or ctx.focus is not None:
        return _shift_ref(_focus_quarter(ctx), -1, "year")
    return _year(ctx.dct.year - 1)  # a bare "year-earlier" outside a report


def _h_period(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the latest period: the last completed quarter; the same period: the one named."""
    if _norm(m["rel"]) in ("latest", "most recent"):
        return _last_completed_quarter(ctx.dct)
    return _focus_quarter(ctx)


def _h_year_period(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the 1988 period / the 1988 quarter: the reported quarter in that year."""
    year = int(m["year"])
    if ctx.focus is not None or _norm(m["cu"]) == "quarter":
        q = _quarter_index(_focus_quarter(ctx)) or 1
        return _quarter(year, q)
    return _year(year)


def _h_season(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """last spring, this summer, the winter of 1994, summer 2024."""
    season = _norm(m["season"])
    year = _year_from(m)
    if year is not None:
        return _season_instance(year, season)
    cands = []
    for label in range(ctx.dct.year - 1, ctx.dct.year + 3):
        ref = _season_instance(label, season)
        cands.append((ref.value, ref.enddate or ref.value, ref))
    rel = _norm(_group(m, "rel"))
    if rel in ("last", "this past", "past"):
        return _pick(cands, ctx.dct, "before")
    if rel in ("next", "this coming", "coming"):
        return _pick(cands, ctx.dct, "after")
    if rel == "this":
        return _pick(cands, ctx.dct, "nearest")
    return _pick(cands, ctx.dct, _tense_choice(ctx.tense, "nearest"))


def _h_year(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """1998, fiscal 1989, mid-2024, 1987-88, 2025-10 (a month)."""
    year = int(m["year"])
    y2 = _group(m, "y2")
    if not y2:
        return _year(year)
    if len(y2) == 4:
        return _years(year, int(y2)) if int(y2) > year else None
    if int(y2) == (year + 1) % 100:
        return _years(year, year + 1)
    if m["ysep"] == "-" and 1 <= int(y2) <= 12:
        return _month(year, int(y2))
    return None


def _h_spelled_year(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """nineteen ninety-six, the year two thousand."""
    year = _spelled_year(_group(m, "syear") or _group(m, "syear2"))
    return _year(year) if year is not None and year >= 1000 else None


def _h_year_end(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """year-end, year's end: the last day of the year."""
    shift = {"last": -1, "next": 1}.get(_norm(_group(m, "rel")), 0)
    return _day(dt.date(ctx.dct.year + shift, 12, 31))


def _decade_start(two_digits: int, dct: dt.date) -> int:
    """'80s -> the latest such decade that has begun (1980 in 2025, 2020 for '20s)."""
    recent = dct.year - dct.year % 100 + two_digits
    return recent if recent <= dct.year else recent - 100


def _h_decade(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the 1990s, the '80s, the nineties, the early 1980s."""
    if _group(m, "dec4"):
        start = int(str(_group(m, "dec4")))
    elif _group(m, "dec2"):
        start = _decade_start(int(str(_group(m, "dec2"))), ctx.dct)
    else:
        start = _decade_start(_DECADE_WORDS[_norm(_group(m, "decw"))], ctx.dct)
    return _years(start, start + 9)


def _h_century(m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """the 20th century -> 1900-1999 (popular reckoning)."""
    n = _day_number(m["ord"])
    if n is None or not 1 <= n <= 21:
        return None
    return _years(100 * (n - 1), 100 * (n - 1) + 99) if n > 1 else _years(1, 99)


# -------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class _Rule:
    """One kind of expression: full-match regex for `resolve_date`, a search regex
    for `find_dates` (None: not searched, too ambiguous in running text)."""

    name: str
    regex: re.Pattern[str]
    finder: re.Pattern[str] | None
    handler: _Handler
    anaphoric: bool = False


#: A match must not start or end inside a word or number ("mid-1996" is one match).
_LEFT = r"(?<![\w$£€#@/])(?<!\w-)(?<!\d[.,:])"
_RIGHT = r"(?![\w/]|-\w|[.,:]\d|\s?%)"


def _rule(
    name: str, pattern: str, handler: _Handler, *, find: bool = True, anaphoric: bool = False
) -> _Rule:
    flags = re.IGNORECASE
    regex = re.compile(pattern, flags)
    finder = re.compile(_LEFT + "(?:" + pattern + ")" + _RIGHT, flags) if find else None
    return _Rule(name, regex, finder, handler, anaphoric)


_REL_WORDS = (
    r"this\s+past|this\s+coming|the\s+(?:current|past|coming|previous|prior|following|next"
    r"|last|latest|most\s+recent|same|present)|last|this|next|past|coming|previous|prior"
    r"|following|current|that|the"
)

_RULES: tuple[_Rule, ...] = (
    _rule(
        "iso",
        rf"(?P<y>{_YEAR4})(?P<sep>[-/])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)(?:T[\d:.]+Z?)?",
        _h_iso,
    ),
    _rule(
        "numeric",
        r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:1[0-9]|20)\d{2}|\d{2})(?!\d)",
        _h_numeric,
    ),
    _rule(
        "month_day",
        rf"(?:(?P<wd>{_WD_FULL}|{_WD_ABBR}),?\s+(?:the\s+)?)?{_MOD}{_MONTH}\s*"
        rf"(?P<day>\d{{1,2}}(?!\d)(?:st|nd|rd|th)?|{_ORDINALS_RE})"
        rf"(?:,?\s*(?P<year>{_YEAR4})|,?\s+(?P<syear>{_SPELLED_YEAR}))?",
        _h_month_day,
    ),
    _rule(
        "day_month",
        rf"(?:(?P<wd>{_WD_FULL}|{_WD_ABBR}),?\s+)?(?:the\s+)?"
        rf"(?P<day>\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINALS_RE})\s+(?:of\s+)?{_MONTH}"
        rf"(?:,?\s*(?P<year>{_YEAR4}))?",
        _h_month_day,
    ),
    _rule(
        "month",
        rf"{_MOD}(?:(?P<rel>this\s+past|this\s+coming|last|this|next|past|coming)\s+)?{_MONTH}"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR4})|\s+(?P<syear>{_SPELLED_YEAR})"
        r"|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?",
        _h_month,
    ),
    _rule(
        "weekday",
        rf"{_MOD}(?:(?P<rel>this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next"
        rf"|the\s+same|last|next|this|coming|past|that)\s+)?(?P<wd>{_WD_FULL}|{_WD_ABBR})"
        r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+(?P<wrel>last|next|this)\s+week)?",
        _h_weekday,
        anaphoric=True,
    ),
    _rule(
        "deictic",
        rf"{_MOD}(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|today|tonight"
        r"|right\s+now|now|currently|this\s+(?:morning|afternoon|evening)|last\s+night)",
        _h_deictic,
    ),
    _rule(
        "quarter",
        r"(?:(?P<ryear>this|last|next)\s+year'?s\s+|(?:the|its|their|our|his|her)\s+)?"
        rf"(?:(?P<yearpre>{_YEAR4})\s+|(?P<ago>(?:comparable\s+|corresponding\s+)?year-?"
        r"(?:ago|earlier)\s+))?(?:fiscal[\s-]+)?"
        r"(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?quarter"
        rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<year>{_YEAR4})|,?\s+(?P<year2>{_YEAR4})"
        r"|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?",
        _h_quarter,
    ),
    _rule(
        "q_notation",
        rf"(?:(?P<year>{_YEAR4})\s*)?(?:Q(?P<qn>[1-4])|(?P<q>[1-4])Q)(?:\s*(?P<year2>{_YEAR4}))?",
        _h_quarter,
    ),
    _rule(
        "half",
        r"(?:the\s+)?(?P<h>first|second|last|latter|1st|2nd)(?:[\s-]+half|\s+two\s+quarters)"
        rf"(?:\s+of\s+(?:(?P<year>{_YEAR4})|(?P<yrel>this|last|next|the)\s+year))?",
        _h_half,
    ),
    _rule(
        "compare",
        r"(?:the\s+)?(?:(?:same|comparable|corresponding)\s+)?year[\s-]?(?:ago|earlier)"
        r"(?:\s+(?P<cu>quarter|period|month|week))?",
        _h_compare,
        anaphoric=True,
    ),
    _rule(
        "compare_long",
        r"the\s+(?:same|corresponding|comparable)\s+(?P<cu>period|quarter|month|week)\s+"
        r"(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)|the\s+(?:previous|prior)\s+year)"
        r"|the\s+(?P<cu2>quarter|period)\s+a\s+year\s+(?:ago|earlier)"
        r"|last\s+year'?s\s+(?P<cu3>quarter|period)",
        _h_compare,
        anaphoric=True,
    ),
    _rule(
        "period",
        r"the\s+(?P<rel>latest|most\s+recent|same|current|reporting)\s+(?:fiscal\s+)?period",
        _h_period,
        anaphoric=True,
    ),
    _rule(
        "year_period",
        rf"the\s+(?P<year>{_YEAR4})\s+(?P<cu>period|quarter)",
        _h_year_period,
        anaphoric=True,
    ),
    _rule(
        "ago",
        rf"{_QUAL}{_NUM}\s+{_UNIT_PL}(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|later|back|from\s+now|hence)",
        _h_ago,
        anaphoric=True,
    ),
    _rule(
        "ago_before",
        rf"{_QUAL}{_NUM}\s+{_UNIT_PL}\s+(?P<dir>before|after)",
        _h_ago,
        find=False,
    ),
    _rule(
        "in_n",
        rf"(?P<prep>in|within)\s+{_QUAL}(?:the\s+next\s+)?{_NUM}\s+{_UNIT_PL}(?:'?\s*time)?",
        _h_in_n,
        find=False,
    ),
    _rule(
        "past_n",
        r"(?:the\s+)?(?P<rel>past|last|previous|next|coming|following)\s+"
        rf"{_QUAL}{_NUM}\s+{_UNIT_PL}",
        _h_past_n,
    ),
    _rule(
        "rel_unit",
        rf"{_MOD}(?P<rel>{_REL_WORDS})\s+(?:(?:full|whole|entire)\s+)?(?:(?:fiscal|calendar)\s+)?"
        r"(?P<unit>weekend|week|month|quarter|year|decade|century|day)",
        _h_rel_unit,
        anaphoric=True,
    ),
    _rule(
        "unit_before",
        r"the\s+(?P<unit>day|week|month|year)\s+(?P<post>before|after|earlier|later)",
        _h_unit_before,
        anaphoric=True,
    ),
    _rule(
        "year_end",
        r"(?:(?:the|this|last|next)\s+)?(?:(?P<rel>this|last|next)\s+)?(?:fiscal\s+)?"
        r"year(?:'s)?[\s-]*end",
        _h_year_end,
    ),
    _rule(
        "season",
        rf"{_MOD}(?:(?P<rel>this\s+past|this\s+coming|last|this|next|past|coming|the|that)\s+)?"
        r"(?:(?:early|late|mid)[\s-]+)?(?P<season>spring|summer|fall|autumn|winter)"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{_YEAR4})|\s+of\s+(?P<syear>{_SPELLED_YEAR}))?",
        _h_season,
    ),
    _rule(
        "decade",
        r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec4>(?:1[0-9]|20)\d0)'?s"
        r"|'(?P<dec2>\d0)s)",
        _h_decade,
    ),
    _rule(
        "decade_the",
        r"the\s+(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec2>\d0)s"
        r"|(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        _h_decade,
    ),
    _rule(
        "century",
        rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINALS_RE})"
        r"[\s-]+century",
        _h_century,
    ),
    _rule(
        "year",
        rf"{_MOD}(?:(?:the\s+)?(?P<pre>fiscal|calendar|(?:fiscal\s+)?year|model\s+year)[\s-]+)?"
        rf"(?P<year>{_YEAR4})(?:(?P<ysep>\s*[-–/]\s*)(?P<y2>(?:1[0-9]|20)\d{{2}}|\d{{2}})(?!\d))?",
        _h_year,
    ),
    _rule(
        "spelled_year",
        rf"(?:(?:the\s+)?year\s+)?(?P<syear>{_SPELLED_YEAR})|the\s+year\s+(?P<syear2>{_SPELLED_2000})",
        _h_spelled_year,
    ),
)
