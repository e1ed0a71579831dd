"""Date tables, regular-expression fragments and calendar arithmetic for the date rules
(see `eventcoder.resolve.dates`)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from eventcoder.model import DateRef

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
