"""Temporal expressions -> `DateRef`, resolved against the document creation time.

News text dates events mostly with vague, relative words ("on Thursday", "last
month", "a year earlier", "the third quarter") rather than calendar dates, and a
general-purpose parser resolves those badly: it does not know that "Thursday" in
a Thursday article means that same day, that "last spring" is a season, or that
"the quarter" in an earnings report is the quarter just reported. So each kind
of expression has a rule here (a regular expression with named groups and a
handler that decides value and precision), and `dateparser` is only the last
resort of `resolve_date` for explicit dates in formats the rules do not know.

The same rules drive both entry points: `resolve_date` full-matches one
expression (as found by spaCy), `find_dates` searches free text with them (no
spaCy), keeps the longest non-overlapping matches and then resolves anaphoric
ones ("a year earlier", "the following day", "the quarter") against the
expression before them, as TimeML annotators do.

Conventions: `DateRef.value` is the first day of the period; a quarter or a
half-year is a month-precision ref whose `enddate` closes the quarter (or half),
a weekend a week-precision ref from Saturday to Sunday, a decade or century a
year-precision ref spanning it. Seasons are northern-hemisphere meteorological
(spring MAM, summer JJA, autumn SON, winter DJF; winter Y starts on 1 Dec Y-1).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from eventcoder.model import DateRef

__all__ = ["find_dates", "resolve_date", "timex_value"]

# --------------------------------------------------------------------------- tables

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
#: Written out in full (not locale-dependent like `calendar.month_name`).
_FULL_MONTHS = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    }
)  # fmt: skip

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4,
    "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

_UNITS_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS_WORDS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SMALL_WORDS: dict[str, int] = {**_UNITS_WORDS, **_TEENS_WORDS, **_TENS_WORDS}
#: Vague quantities read as a typical count ("a few months ago" -> 3 months).
_COUNT_PHRASES: dict[str, int] = {
    "a": 1, "an": 1, "a few": 3, "few": 3, "several": 3, "a couple": 2,
    "a couple of": 2, "couple of": 2, "a dozen": 12,
}  # fmt: skip

_ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
    "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30, "thirty-first": 31,
}  # fmt: skip

_DECADE_WORDS: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip

#: Season -> (first month, label-year offset of that month): winter Y starts Dec Y-1.
_SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 0), "summer": (6, 0), "fall": (9, 0), "autumn": (9, 0), "winter": (12, -1),
}  # fmt: skip
_SEASON_CODES: dict[int, str] = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}

_UNIT_PRECISION: dict[str, str] = {
    "minute": "day", "hour": "day", "day": "day", "week": "week", "weekend": "week",
    "month": "month", "quarter": "month", "year": "year", "decade": "year", "century": "year",
}  # fmt: skip
_UNIT_MONTHS: dict[str, int] = {
    "month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200,
}  # fmt: skip

#: Words that make a following bare month name or year a date ("in May", "since 1998").
_CUE_WORDS = frozenset(
    {
        "in", "since", "by", "until", "till", "through", "throughout", "of", "from",
        "last", "this", "next", "early", "late", "mid", "during", "before", "after",
        "on", "and", "or", "to", "between", "for", "around", "about", "as", "that",
        "the", "circa", "c", "year", "fiscal", "calendar", "than", "over",
    }
)  # fmt: skip
#: A number after these is an identifier, not a year ("Resolution 1973").
_NOT_YEAR_BEFORE = frozenset(
    {
        "resolution", "resolutions", "no", "nos", "number", "numbers", "flight", "route",
        "page", "pages", "article", "articles", "section", "chapter", "paragraph", "room",
        "bus", "highway", "road", "code", "unit", "platform", "gate", "box", "suite",
        "apartment", "decree", "law", "bill", "act", "order", "at", "rs", "usd", "eur",
    }
)  # fmt: skip
#: A number before these counts things, it is not a year ("2000 troops").
_NOT_YEAR_AFTER = frozenset(
    {
        "people", "persons", "men", "women", "children", "troops", "soldiers", "police",
        "policemen", "officers", "fighters", "militants", "rebels", "protesters",
        "demonstrators", "refugees", "migrants", "civilians", "residents", "workers",
        "employees", "students", "members", "delegates", "voters", "votes", "seats",
        "deaths", "dead", "killed", "injured", "wounded", "casualties", "victims",
        "prisoners", "detainees", "hostages", "cases", "km", "kilometers", "kilometres",
        "miles", "meters", "metres", "feet", "ft", "tons", "tonnes", "barrels", "dollars",
        "euros", "pounds", "yuan", "rupees", "rubles", "roubles", "shares", "units",
        "vehicles", "tanks", "missiles", "rockets", "aircraft", "planes", "ships", "homes",
        "houses", "buildings", "villages", "families", "households", "jobs", "hours",
        "hrs", "gmt", "utc", "est", "edt", "cet", "bst", "local", "points", "percent",
        "pct", "acres", "hectares", "square", "sq", "words", "times", "mw", "kg", "rounds",
    }
)  # fmt: skip
_SEASON_CUES = frozenset(
    {
        "in", "during", "by", "until", "till", "since", "through", "throughout", "over",
        "this", "last", "next", "early", "late", "mid", "that", "of", "before", "after",
    }
)  # fmt: skip

_TENSES = frozenset({"past", "present", "future"})
#: Relative words pointing one period back ("last week", "the past year").
_BACK_WORDS = frozenset({"last", "past", "this past", "the past", "the last"})

# ------------------------------------------------------------------ regex fragments


def _alternation(words: list[str]) -> str:
    """Longest-first alternation, hyphens in words matching a space or a hyphen."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\-", r"[\s-]+") for w in ordered)


_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan\.?|feb\.?|mar\.|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?"
    r"|oct\.?|nov\.?|dec\.?)"
)
_WD_FULL = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD_ABBR = r"mon\.|tues?\.|wed\.|thu(?:rs?)?\.|fri\.|sat\.|sun\."
_UNITS_RE = "|".join(_UNITS_WORDS)
_TWO_DIGITS_WORDS = (
    rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:[\s-]+(?:{_UNITS_RE}))?"
    rf"|{'|'.join(_TEENS_WORDS)}|oh[\s-]+(?:{_UNITS_RE}))"
)
#: "nineteen ninety-six", "twenty twenty-five", "nineteen hundred and five".
_SPELLED_YEAR = rf"(?:nineteen|twenty)[\s-]+(?:hundred(?:\s+and)?[\s-]+)?{_TWO_DIGITS_WORDS}"
#: "two thousand", "two thousand and three" (only after "the year": else a count).
_SPELLED_2000 = rf"two\s+thousand(?:(?:\s+and)?[\s-]+(?:{_TWO_DIGITS_WORDS}|{_UNITS_RE}))?"
_ORDINALS_RE = _alternation(list(_ORDINAL_WORDS))
_YEAR4 = r"(?:1[0-9]|20)\d{2}(?!\d)"
_NUM = (
    r"(?P<n>\d{1,3}|a\s+few|a\s+couple(?:\s+of)?|couple\s+of|a\s+dozen|few|several|an|a"
    rf"|{_TWO_DIGITS_WORDS}|{_UNITS_RE})"
)
_QUAL = (
    r"(?:(?:nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than"
    r"|over|under|just|only|barely|at\s+least|exactly|fully|well\s+over)\s+)?"
)
_UNIT_PL = (
    r"(?P<unit>minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?"
    r"|centur(?:y|ies))"
)
#: A leading modifier that keeps the period of what follows ("late last month").
_MOD = (
    r"(?:(?P<mod>(?:earlier|later)\s+in|early|late|mid|earlier|later"
    r"|(?:(?:the|at\s+the|by\s+the)\s+)?(?:very\s+)?(?:beginning|start|end|middle|close|turn)\s+of"
    r"|(?:the\s+)?(?:first|second|last|latter)\s+half\s+of)(?:\s*-\s*|\s+))?"
)

# ----------------------------------------------------------------------- helpers


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What a rule may use: the document date, the verb's tense, and (in running
    text) the previous expression and the last completed quarter named, with
    whether that quarter was named close by."""

    dct: dt.date
    tense: str | None = None
    anchor: DateRef | None = None
    focus: DateRef | None = None
    focus_near: bool = False


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    """Shift by calendar months, clamping the day (31 Mar - 1 month = 28/29 Feb)."""
    total = d.year * 12 + d.month - 1 + n
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    """`d` moved by n units; hours and minutes only by the whole days they make
    (the document date has no time of day)."""
    if unit in ("hour", "minute"):
        return d + dt.timedelta(days=int(n / (24 if unit == "hour" else 1440)))
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    return _add_months(d, n * _UNIT_MONTHS[unit])


def _day(d: dt.date) -> DateRef:
    return DateRef(value=d, precision="day")


def _week(d: dt.date) -> DateRef:
    return DateRef(value=d - dt.timedelta(days=d.weekday()), precision="week")


def _month(year: int, month: int) -> DateRef:
    return DateRef(value=dt.date(year, month, 1), precision="month")


def _year(year: int) -> DateRef:
    return DateRef(value=dt.date(year, 1, 1), precision="year")


def _years(first: int, last: int) -> DateRef:
    return DateRef(dt.date(first, 1, 1), "year", enddate=dt.date(last, 12, 31))


def _quarter(year: int, q: int) -> DateRef:
    return DateRef(dt.date(year, 3 * q - 2, 1), "month", enddate=_month_end(year, 3 * q))


def _half(year: int, h: int) -> DateRef:
    return DateRef(dt.date(year, 6 * h - 5, 1), "month", enddate=_month_end(year, 6 * h))


def _quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _quarter_index(ref: DateRef) -> int | None:
    """Quarter number if `ref` is exactly a calendar quarter, else None."""
    v, e = ref.value, ref.enddate
    if ref.precision != "month" or e is None or v.day != 1 or v.month % 3 != 1:
        return None
    return (v.month - 1) // 3 + 1 if e == _month_end(v.year, v.month + 2) else None


def _half_index(ref: DateRef) -> int | None:
    v, e = ref.value, ref.enddate
    if ref.precision != "month" or e is None or v.day != 1 or v.month not in (1, 7):
        return None
    if v.month == 1 and e == dt.date(v.year, 6, 30):
        return 1
    return 2 if v.month == 7 and e == dt.date(v.year, 12, 31) else None


def _unit_ref(d: dt.date, unit: str) -> DateRef:
    """The period of kind `unit` that contains `d`."""
    if unit in ("day", "hour", "minute"):
        return _day(d)
    if unit in ("week", "weekend"):
        return _week(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "quarter":
        return _quarter(*_quarter_of(d))
    if unit == "decade":
        return _years(d.year - d.year % 10, d.year - d.year % 10 + 9)
    if unit == "century":
        return _years(d.year - d.year % 100, d.year - d.year % 100 + 99)
    return _year(d.year)


def _shift_ref(ref: DateRef, n: int, unit: str) -> DateRef:
    """`ref` moved by n units, keeping its kind (a quarter stays a quarter)."""
    q = _quarter_index(ref)
    if q is not None:
        return _quarter(*_quarter_of(_shift(ref.value, n, unit)))
    value = _shift(ref.value, n, unit)
    if ref.precision == "week":
        value -= dt.timedelta(days=value.weekday())
    elif ref.precision == "month":
        value = value.replace(day=1)
    elif ref.precision == "year":
        value = value.replace(month=1, day=1)
    end = _shift(ref.enddate, n, unit) if ref.enddate else None
    return DateRef(value, ref.precision, enddate=end)


def _range(start: dt.date, end: dt.date, unit: str) -> DateRef:
    return DateRef(start, _UNIT_PRECISION.get(unit, "day"), enddate=end)


def _unit_name(raw: str) -> str:
    u = raw.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") else u


def _count(raw: str | None) -> int | None:
    """'3', 'three', 'a few', 'twenty-five' -> int."""
    s = _norm(raw)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s in _COUNT_PHRASES:
        return _COUNT_PHRASES[s]
    return _small_number(re.split(r"[\s-]+", s))


def _small_number(tokens: list[str]) -> int | None:
    """Words for 0-99 ('ninety', 'six') -> 96; None if not a number."""
    tokens = [t for t in tokens if t and t != "and"]
    if not tokens:
        return 0
    if len(tokens) == 2 and tokens[0] == "oh" and tokens[1] in _UNITS_WORDS:
        return _UNITS_WORDS[tokens[1]]
    if len(tokens) == 1:
        return _SMALL_WORDS.get(tokens[0])
    if len(tokens) == 2 and tokens[0] in _TENS_WORDS and tokens[1] in _UNITS_WORDS:
        return _TENS_WORDS[tokens[0]] + _UNITS_WORDS[tokens[1]]
    return None


def _spelled_year(raw: str | None) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and three' -> 2003."""
    tokens = [t for t in re.split(r"[\s-]+", _norm(raw)) if t and t != "and"]
    if tokens[:2] == ["two", "thousand"]:
        rest = _small_number(tokens[2:])
        return None if rest is None else 2000 + rest
    if not tokens or tokens[0] not in ("nineteen", "twenty"):
        return None
    century = 19 if tokens[0] == "nineteen" else 20
    rest_tokens = tokens[1:]
    if rest_tokens[:1] == ["hundred"]:
        rest_tokens = rest_tokens[1:]
    rest = _small_number(rest_tokens)
    return None if rest is None or not rest_tokens else century * 100 + rest


def _day_number(raw: str | None) -> int | None:
    s = _norm(raw)
    digits = re.match(r"\d{1,2}", s)
    if digits:
        return int(digits.group())
    return _ORDINAL_WORDS.get(re.sub(r"[\s-]+", "-", s))


def _month_number(raw: str | None) -> int | None:
    return _MONTHS.get(_norm(raw).rstrip("."))


def _group(m: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the rule has no such group."""
    return m.groupdict().get(name)


def _year_from(m: re.Match[str]) -> int | None:
    """The explicit year of a match, in digits or spelled out."""
    for name in ("year", "year2"):
        digits = _group(m, name)
        if digits:
            return int(digits)
    if _group(m, "syear"):
        return _spelled_year(_group(m, "syear"))
    return None


# ------------------------------------------------------- choosing among candidates


def _pick(candidates: list[tuple[dt.date, dt.date, DateRef]], dct: dt.date, how: str) -> DateRef:
    """Choose a period among candidate instances (start, end, ref).

    how: 'past' latest one starting on or before dct; 'future' earliest one ending
    on or after dct; 'before' latest ending before dct; 'after' earliest starting
    after dct; 'nearest' the one containing dct, else the closest.
    """
    ordered = sorted(candidates, key=lambda c: c[0])
    if how == "past":
        ok = [c for c in ordered if c[0] <= dct]
        return (ok[-1] if ok else ordered[0])[2]
    if how == "future":
        ok = [c for c in ordered if c[1] >= dct]
        return (ok[0] if ok else ordered[-1])[2]
    if how == "before":
        ok = [c for c in ordered if c[1] < dct]
        return (ok[-1] if ok else ordered[0])[2]
    if how == "after":
        ok = [c for c in ordered if c[0] > dct]
        return (ok[0] if ok else ordered[-1])[2]

    def distance(c: tuple[dt.date, dt.date, DateRef]) -> int:
        return 0 if c[0] <= dct <= c[1] else min(abs((c[0] - dct).days), abs((c[1] - dct).days))

    return min(ordered, key=lambda c: (distance(c), c[0] > dct))[2]


def _tense_choice(tense: str | None, none_means: str) -> str:
    if tense == "past":
        return "past"
    if tense == "future":
        return "future"
    if tense == "present":
        return "nearest"
    return none_means


def _month_near(month: int, pivot: dt.date, how: str) -> DateRef:
    """The instance of `month` (last, this or next year) chosen by `_pick` around pivot."""
    cands = []
    for year in (pivot.year - 1, pivot.year, pivot.year + 1):
        cands.append((dt.date(year, month, 1), _month_end(year, month), _month(year, month)))
    return _pick(cands, pivot, how)


def _season_instance(label: int, season: str) -> DateRef:
    first_month, offset = _SEASONS[season]
    start = dt.date(label + offset, first_month, 1)
    end = _add_months(start, 2)
    return DateRef(start, "season", enddate=_month_end(end.year, end.month))


def _weekday_from(base: dt.date, wd: int, how: str) -> dt.date:
    """The weekday `wd` relative to `base`: 'before'/'after' strictly, 'past' on or
    before, 'nearest' within three days either way, 'week' inside base's ISO week."""
    back = (base.weekday() - wd) % 7
    ahead = (wd - base.weekday()) % 7
    if how == "before":
        return base - dt.timedelta(days=back or 7)
    if how == "after":
        return base + dt.timedelta(days=ahead or 7)
    if how == "week":
        return base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=wd)
    if how == "nearest" and 0 < ahead < back:
        return base + dt.timedelta(days=ahead)
    return base - dt.timedelta(days=back)


def _last_completed_quarter(dct: dt.date) -> DateRef:
    year, q = _quarter_of(dct)
    return _quarter(year, q - 1) if q > 1 else _quarter(year - 1, 4)


def _focus_quarter(ctx: _Ctx) -> DateRef:
    """The quarter a report is about: the last one named, else the last completed."""
    return ctx.focus if ctx.focus is not None else _last_completed_quarter(ctx.dct)


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


# ------------------------------------------------------------- finder plausibility

_WORD_BEFORE = re.compile(r"([^\W\d_][\w.'’]*|[$#€£]|\d[\d,.]*)\W*$")
_WORD_AFTER = re.compile(r"^\s*([^\s]+)")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”\n(\[]|\n\s*)\s*$")


def _word_before(text: str, start: int) -> str:
    found = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return found.group(1).rstrip(".'’").lower() if found else ""


def _word_before_raw(text: str, start: int) -> str:
    found = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return found.group(1) if found else ""


def _word_after(text: str, end: int) -> str:
    found = _WORD_AFTER.match(text[end : end + 40])
    return found.group(1) if found else ""


def _sentence_start(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[max(0, start - 4) : start]) is not None


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _plausible(text: str, m: re.Match[str], rule: _Rule) -> bool:
    """Reject matches that in running text are rarely dates ('Theresa May', 'the
    fall of Kabul', 'Resolution 1973', '2000 troops', 'may' the verb)."""
    groups = m.groupdict()
    month, wd = groups.get("month"), groups.get("wd")
    if month and not _capitalised(month):
        return False
    if wd and not _capitalised(wd):
        return False
    if rule.name == "month" and not any(
        groups.get(k) for k in ("mod", "rel", "year", "syear", "yrel")
    ):
        return _plausible_bare_month(text, m, str(month))
    if rule.name == "weekday" and wd and wd.endswith(".") and not groups.get("rel"):
        return False
    if rule.name == "season":
        return _plausible_season(text, m)
    if rule.name == "year" and not any(groups.get(k) for k in ("mod", "pre", "y2")):
        return _plausible_year(text, m)
    if rule.name == "q_notation":
        return "q" in m.group().lower() and any(c.isupper() for c in m.group() if c in "qQ")
    return True


def _plausible_bare_month(text: str, m: re.Match[str], month: str) -> bool:
    if month not in _FULL_MONTHS:
        return False  # "Jan", "Dec" alone are more often names
    before = _word_before(text, m.start())
    if before in _CUE_WORDS:
        return True
    if month in ("May", "March"):
        return False
    if _capitalised(_word_before_raw(text, m.start())) and not _sentence_start(text, m.start()):
        return False  # "Chief Justice April ..."
    after = _word_after(text, m.end())
    return not (_capitalised(after) and after[:1].isalpha())


def _plausible_season(text: str, m: re.Match[str]) -> bool:
    groups = m.groupdict()
    season = m["season"]
    explicit = groups.get("year") or groups.get("syear")
    if _capitalised(season) and not explicit and not _sentence_start(text, m.start("season")):
        return False  # "the Arab Spring"
    rel = _norm(groups.get("rel"))
    if explicit or groups.get("mod") or rel not in ("", "the", "that"):
        return True
    after = _word_after(text, m.end()).lower().strip(",.;:")
    if after in ("of", "in", "from", "to", "for", "on", "by", "and", "season", "collection"):
        return False  # "the fall of Kabul", "the fall in prices"
    if rel and season.lower() != "fall":
        return True
    return _word_before(text, m.start()) in _SEASON_CUES


def _plausible_year(text: str, m: re.Match[str]) -> bool:
    year = int(m["year"])
    before = _word_before(text, m.start())
    if before in _NOT_YEAR_BEFORE:
        return False
    if not 1900 <= year <= 2099 and before not in ("in", "since", "from", "until", "of", "by"):
        return False
    after = _word_after(text, m.end()).lower().strip(",.;:)")
    return after not in _NOT_YEAR_AFTER


# ------------------------------------------------------------------ entry points


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _apply(rule: _Rule, m: re.Match[str], ctx: _Ctx) -> DateRef | None:
    """Run a handler; impossible dates (Feb 30, year 0) resolve to nothing."""
    try:
        return rule.handler(m, ctx)
    except (ValueError, OverflowError, KeyError, TypeError):
        return None


def find_dates(text: str, dct: dt.date) -> list[DateRef]:
    """All temporal expressions in `text`, resolved against `dct`, in text order.

    Regex-based (no spaCy): the longest non-overlapping matches win; anaphoric
    expressions take the previous expression as anchor. Never raises.
    """
    base = _as_date(dct)
    if not isinstance(text, str) or not text or base is None:
        return []
    try:
        return _find(text, base)
    except (ValueError, OverflowError, RecursionError):
        return []


def _find(text: str, dct: dt.date) -> list[DateRef]:
    plain = _Ctx(dct)
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for index, rule in enumerate(_RULES):
        if rule.finder is None:
            continue
        for m in rule.finder.finditer(text):
            if m.end() == m.start() or not _plausible(text, m, rule):
                continue
            if rule.anaphoric or _apply(rule, m, plain) is not None:
                candidates.append((m.start(), m.end(), index, m))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    taken = bytearray(len(text))
    chosen = []
    for start, end, index, m in candidates:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, index, m))
    chosen.sort(key=lambda c: c[0])
    found: list[DateRef] = []
    anchor: DateRef | None = None
    focus: DateRef | None = None
    for start, end, index, m in chosen:
        rule = _RULES[index]
        ctx = _Ctx(
            dct,
            tense=_text_tense(text, start) if rule.name in _CUED_RULES else None,
            anchor=anchor,
            focus=focus,
            focus_near=_near(focus, start, 1000),
        )
        ref = _apply(rule, m, ctx)
        if ref is None:
            continue
        ref = replace(ref, text=text[start:end], start=start, end=end)
        found.append(ref)
        if rule.name not in ("compare", "compare_long", "ago", "period", "year_period"):
            anchor = ref
        if _reported_period(ref, dct) and rule.name in _FOCUS_RULES:
            focus = ref
    return found


#: Words just before a month or a day of the month that put it ahead of the
#: document date ("is expected in December", "scheduled for Jan. 2") or behind it
#: ("the year ended March 31"). Only these unambiguous cues: a loose reading of
#: tense without a parse does more harm than good.
_FUTURE_CUES = frozenset(
    {"will", "expected", "scheduled", "due", "slated", "planned", "payable", "until", "till"}
)  # fmt: skip
_PAST_CUES = frozenset({"ended", "since", "closed", "dated"})
#: The rules whose reading depends on such a cue.
_CUED_RULES = frozenset({"month", "month_day", "day_month"})
_CLAUSE_BEFORE = re.compile(r"[^.;:!?\n]{0,60}$")


def _text_tense(text: str, start: int) -> str | None:
    """The tense running text gives a month or a date, from a cue among the four
    words before it (see `_FUTURE_CUES`); None when there is none."""
    clause = _CLAUSE_BEFORE.search(text[max(0, start - 60) : start])
    words = re.findall(r"[a-z']+", clause.group().lower()) if clause else []
    for word in reversed(words[-4:]):
        if word in _FUTURE_CUES:
            return "future"
        if word in _PAST_CUES:
            return "past"
    return None


#: Rules whose quarter becomes "the quarter" a report is about.
_FOCUS_RULES = frozenset({"quarter", "q_notation", "half", "rel_unit"})


def _reported_period(ref: DateRef, dct: dt.date) -> bool:
    """A completed quarter or half: what a report can give results for (an outlook
    for "the fourth quarter" does not change which quarter "the quarter" is)."""
    return _is_period(ref) and ref.enddate is not None and ref.enddate < dct


def _near(ref: DateRef | None, start: int, distance: int) -> bool:
    return ref is not None and ref.end is not None and start - ref.end < distance


_PREPOSITIONS = re.compile(
    r"^(?:on|in|at|by|since|until|till|from|during|around|about|circa|approximately|roughly"
    r"|sometime|some\s+time|as\s+of|as\s+early\s+as|as\s+late\s+as|before|after|through"
    r"|throughout|over|for|within|of|starting|beginning|ending|effective|dated|to|as\s+recently\s+as"
    r"|no\s+later\s+than|no\s+earlier\s+than|not\s+until|until\s+at\s+least)\s+",
    re.IGNORECASE,
)
_STRIP = re.compile(r"^[\s\"'“”‘’(\[]+|[\s\"'“”‘’)\],;:!?.]+$")
#: Durations and sets: not a point or period in time, never sent to dateparser.
_NOT_A_TIME = re.compile(
    r"(?:(?:for|about|around|nearly|almost|some|over|under)\s+)*"
    r"(?:\d+|\w+)(?:[\s-]+\w+)?\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
    r"(?:\s+long|\s+old)?|(?:every|each|per)\b.*|.*\b(?:daily|weekly|monthly|yearly|annually)\b.*",
    re.IGNORECASE,
)
#: What dateparser is trusted with: a month name, a numeric date or a year.
_EXPLICIT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|(?<!\d)(?:1[0-9]|20)\d{2}(?!\d)",
    re.IGNORECASE,
)


def resolve_date(text: str, dct: dt.date, *, tense: str | None = None) -> DateRef | None:
    """Resolve ONE temporal expression against the document date `dct`.

    `tense` ("past", "present", "future" or None) is that of the verb the
    expression modifies; it decides which Thursday or which October is meant.
    Returns None for durations, sets, vague words ("recently") and anything that
    is not a date. Never raises.
    """
    base = _as_date(dct)
    if not isinstance(text, str) or base is None:
        return None
    verb_tense = tense.lower() if isinstance(tense, str) and tense.lower() in _TENSES else None
    cleaned = _clean(text)
    if not cleaned or len(cleaned) > 120:
        return None
    ctx = _Ctx(base, tense=verb_tense)
    try:
        ref = _resolve_rules(cleaned, ctx)
        if ref is None and _EXPLICIT.search(cleaned) and not _NOT_A_TIME.fullmatch(cleaned):
            ref = _dateparser_resolve(cleaned, ctx)
    except (ValueError, OverflowError, RecursionError):
        return None
    return replace(ref, text=text.strip()) if ref is not None else None


def _clean(text: str) -> str:
    s = " ".join(text.split())
    s = _STRIP.sub("", s)
    return re.sub(r"['’]s$", "", s)


def _variants(text: str) -> Iterator[str]:
    """The expression as given, then without leading prepositions ('on Thursday')."""
    yield text
    current = text
    for _ in range(3):
        stripped = _PREPOSITIONS.sub("", current, count=1)
        if stripped == current:
            return
        current = stripped
        yield current


def _resolve_rules(text: str, ctx: _Ctx) -> DateRef | None:
    for variant in _variants(text):
        for rule in _RULES:
            m = rule.regex.fullmatch(variant)
            if m is None:
                continue
            ref = _apply(rule, m, ctx)
            if ref is not None:
                return ref
    return None


_DATEPARSER_PERIODS = {
    "day": "day", "time": "day", "week": "week", "month": "month", "year": "year",
}  # fmt: skip


@functools.lru_cache(maxsize=32)
def _date_data_parser(relative_base: dt.date, prefer: str) -> Any:
    """One DateDataParser per (dct, preference): building one is slow."""
    from dateparser.date import DateDataParser  # slow import, only when needed

    settings = {
        "RELATIVE_BASE": dt.datetime(
            relative_base.year, relative_base.month, relative_base.day, 12
        ),
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_resolve(text: str, ctx: _Ctx) -> DateRef | None:
    """Last resort for explicit dates the rules do not know ('17th Oct 2025')."""
    prefer = {"past": "past", "future": "future"}.get(ctx.tense or "", "current_period")
    try:
        data = _date_data_parser(ctx.dct, prefer).get_date_data(text)
    except Exception:  # third-party parser: any failure just means "not a date"
        return None
    moment = getattr(data, "date_obj", None)
    if not isinstance(moment, dt.datetime):
        return None
    day = moment.date()
    precision = _DATEPARSER_PERIODS.get(str(getattr(data, "period", "day")), "day")
    if precision == "week":
        return _week(day)
    if precision == "month":
        return _month(day.year, day.month)
    if precision == "year":
        return _year(day.year)
    return _day(day)


def timex_value(ref: DateRef) -> str:
    """TIMEX3-style value at the ref's precision: 2025-10-17, 2025-W42, 2025-W41-WE,
    2025-10, 2025-Q3, 2025-H1, 2025-SP, 2025, 199 (a decade), 19 (a century)."""
    value, end = ref.value, ref.enddate
    if ref.precision == "day":
        return value.isoformat()
    if ref.precision == "week":
        year, week, _ = value.isocalendar()
        weekend = value.weekday() == 5 and end == value + dt.timedelta(days=1)
        return f"{year:04d}-W{week:02d}" + ("-WE" if weekend else "")
    if ref.precision == "month":
        quarter, half = _quarter_index(ref), _half_index(ref)
        if quarter is not None:
            return f"{value.year:04d}-Q{quarter}"
        if half is not None:
            return f"{value.year:04d}-H{half}"
        return f"{value.year:04d}-{value.month:02d}"
    if ref.precision == "season":
        first_month = {12: 12, 1: 12, 2: 12}.get(value.month, (value.month - 3) // 3 * 3 + 3)
        label = value.year + 1 if value.month == 12 else value.year
        return f"{label:04d}-{_SEASON_CODES[first_month]}"
    if ref.precision == "year":
        year = value.year
        if end is not None and value == dt.date(year, 1, 1) and end.month == 12 and end.day == 31:
            if year % 100 == 0 and end.year == year + 99:
                return f"{year // 100:02d}"
            if year % 10 == 0 and end.year == year + 9:
                return f"{year // 10:03d}"
        return f"{year:04d}"
    return value.isoformat()
