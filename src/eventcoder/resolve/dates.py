"""Temporal expressions -> `DateRef`, resolved against the document creation time.

News text dates events mostly with vague, relative words ("on Thursday", "last
month", "a year earlier", "the third quarter") rather than calendar dates, and a
general-purpose parser resolves those badly: it does not know that "Thursday" in
a Thursday article means that same day, that "last spring" is a season, or that
"the quarter" in an earnings report is the quarter just reported. So each kind
of expression has a rule here (a regular expression with named groups and a
handler that decides value and precision), and `dateparser` is only the last
resort of `resolve_date` for explicit dates in formats the rules do not know.
The rules live in `date_rules` (one regular expression and handler each), the
tables, regex fragments and calendar arithmetic they share in `date_calendar`.

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

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from eventcoder.model import DateRef
from eventcoder.resolve.date_calendar import (
    _CUE_WORDS,
    _FULL_MONTHS,
    _NOT_YEAR_AFTER,
    _NOT_YEAR_BEFORE,
    _SEASON_CODES,
    _SEASON_CUES,
    _TENSES,
    _Ctx,
    _day,
    _half_index,
    _month,
    _norm,
    _quarter_index,
    _week,
    _year,
)
from eventcoder.resolve.date_rules import (
    _RULES,
    _is_period,
    _Rule,
)

__all__ = ["find_dates", "resolve_date", "timex_value"]


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
