"""Query parameters shared by the API and the pages: the filters of `eventcoder query`.

Values are checked by `Filters.build`, as for the CLI, so a bad date or an
unknown event type gets the same message (HTTP 400). Empty values, as an HTML
form sends for a blank field, select nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query

from eventcoder.store import Filters

__all__ = ["EventParams", "Paging", "Since", "Until", "event_params", "paging"]

MAX_LIMIT = 500
#: The most values one repeatable filter takes: each adds a condition to the query, and
#: a few thousand (a long query string) exceed DuckDB's expression depth.
MAX_VALUES = 50

_Many = list[str] | None
#: The date bounds every filtered route takes.
Since = Annotated[str | None, Query(description="First event date YYYY-MM-DD", max_length=100)]
Until = Annotated[str | None, Query(description="Last event date YYYY-MM-DD", max_length=100)]


def _clean(values: list[str] | None) -> list[str]:
    return [v.strip() for v in values or () if v and v.strip()]


def _one(value: str | None) -> str | None:
    return value.strip() or None if value else None


@dataclass(frozen=True)
class EventParams:
    """The filters of one request, checked, and the query string that repeats them."""

    filters: Filters
    mentions: bool
    pairs: tuple[tuple[str, str], ...]

    def query(self, **extra: str | int) -> str:
        """The query string of these filters (and `extra`), for links."""
        pairs = [*self.pairs, *((k, str(v)) for k, v in extra.items())]
        return urlencode(pairs)

    def value(self, name: str) -> str:
        """The first value given for `name` (for filling a form back in)."""
        return next((v for k, v in self.pairs if k == name), "")

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]


def _many(description: str) -> Any:
    return Query(description=description, max_length=MAX_VALUES)


def event_params(
    actor: Annotated[
        _Many, _many("Actor code (RUS, IGO) or identifier (Q7747, name); repeatable")
    ] = None,
    recipient: Annotated[_Many, _many("Recipient code or identifier; repeatable")] = None,
    sector: Annotated[_Many, _many("Sector of an actor or recipient (GOV, MIL, CVL ...)")] = None,
    type: Annotated[_Many, _many("PLOVER event type (CONSULT, ASSAULT ...); repeatable")] = None,
    mode: Annotated[_Many, _many("PLOVER mode (phone, visit ...)")] = None,
    aux_mode: Annotated[
        _Many, _many("historical, future, hypothetical, negation, or none (happened)")
    ] = None,
    since: Since = None,
    until: Until = None,
    place: Annotated[
        str | None, Query(description="Place name, country code or geonameid", max_length=200)
    ] = None,
    text: Annotated[str | None, Query(description="Words in the sentence", max_length=200)] = None,
    dyad: Annotated[
        str | None, Query(description="Two codes, either direction: USA-RUS", max_length=100)
    ] = None,
    cluster: Annotated[str | None, Query(description="One cluster id", max_length=200)] = None,
    mentions: Annotated[
        bool, Query(description="Every report, not one row per duplicate cluster")
    ] = False,
) -> EventParams:
    """The filters of `eventcoder query`, from the query string."""
    lists = {
        "actor": _clean(actor), "recipient": _clean(recipient), "sector": _clean(sector),
        "type": _clean(type), "mode": _clean(mode), "aux_mode": _clean(aux_mode),
    }  # fmt: skip
    single = {
        "since": _one(since), "until": _one(until), "place": _one(place), "text": _one(text),
        "dyad": _one(dyad), "cluster": _one(cluster),
    }  # fmt: skip
    filters = Filters.build(**lists, **single)  # type: ignore[arg-type]
    pairs = [(k, v) for k, vs in lists.items() for v in vs]
    pairs += [(k, v) for k, v in single.items() if v]
    if mentions:
        pairs.append(("mentions", "true"))
    return EventParams(filters, mentions, tuple(pairs))


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
) -> Paging:
    """A page of results: `limit` rows after `offset`."""
    return Paging(limit, offset)
