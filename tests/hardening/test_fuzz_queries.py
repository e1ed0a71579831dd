"""Fuzzing the store's query parameters (issue 9): the Python API and the CLI options.

Properties: any value of any filter gives a DataFrame or a StoreError with a message,
never another exception; values are data, never SQL (an injection attempt matches
nothing and changes nothing); the `sql` command runs one read-only SELECT and can
neither change the store nor read other files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import typer
from fuzzing import budget, tried
from hypothesis import given
from hypothesis import strategies as st
from tests.unit.store.store_fixtures import sample_pairs
from typer.testing import CliRunner

from eventcoder.commands.store import register
from eventcoder.errors import EventcoderError, StoreError
from eventcoder.model import AUX_MODES, PLOVER_TYPES
from eventcoder.store import Filters, Ingester, Store

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    'RUS") OR 1=1 --',
    "1; DELETE FROM documents",
    "%' UNION SELECT * FROM documents --",
    "' || (SELECT text FROM documents LIMIT 1) || '",
    "\\'; COPY events TO '/tmp/eventcoder-pwned.csv'; --",
    "<script>alert(1)</script>",
    "RUS\x00",
    "RUS\n",
    "%",
    "_",
    "*",
]
VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(INJECTIONS),
    st.sampled_from([*PLOVER_TYPES, *AUX_MODES, "none", "RUS", "USA-RUS", "Q7747", "2025-10-16"]),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["²", "٣", "9" * 40, "-1", "0x10", "1e5", "2025-02-30", "20251016"]),
)
VALUE_LISTS = st.lists(VALUES, max_size=3)
LIST_FIELDS = ("actor", "recipient", "sector", "type", "mode", "aux_mode")
ONE_FIELDS = ("since", "until", "place", "text", "dyad", "cluster")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("query-fuzz")
    db = folder / "store.duckdb"
    Ingester(db, batch_size=2).add(sample_pairs(folder))
    store = Store.open(db)
    with store.session():  # one read-only connection for all the calls: faster
        yield store


def counts_and_events(store: Store) -> tuple[dict[str, int], pd.DataFrame]:
    return store.counts(), store.events(mentions=True)


@st.composite
def filter_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    chosen = draw(st.sets(st.sampled_from(LIST_FIELDS + ONE_FIELDS), max_size=4))
    return {name: draw(VALUE_LISTS if name in LIST_FIELDS else VALUES) for name in sorted(chosen)}


@budget(300)
@given(kwargs=filter_kwargs())
def test_fuzz_filters_build(kwargs: dict[str, Any]) -> None:
    tried("query Filters.build")
    try:
        built = Filters.build(**kwargs)
    except StoreError as exc:
        assert str(exc)
        return
    assert isinstance(built, Filters)


@budget(150)
@given(
    kwargs=filter_kwargs(),
    mentions=st.booleans(),
    limit=st.one_of(st.none(), st.integers(-5, 2**70)),
    offset=st.integers(-5, 2**70),
)
def test_fuzz_store_events(
    store: Store, kwargs: dict[str, Any], mentions: bool, limit: int | None, offset: int
) -> None:
    tried("Store.events API parameters")
    try:
        frame = store.events(**kwargs, mentions=mentions, limit=limit, offset=offset)
    except StoreError as exc:
        assert str(exc)
        return
    assert isinstance(frame, pd.DataFrame)


@budget(100)
@given(
    kwargs=filter_kwargs(),
    by=st.one_of(st.sampled_from(["day", "week", "month", "year"]), st.text(max_size=8)),
    top=st.integers(-5, 2**70),
)
def test_fuzz_timeline_and_stats(store: Store, kwargs: dict[str, Any], by: str, top: int) -> None:
    tried("Store.timeline/stats API parameters")
    timeline_kwargs = {k: v for k, v in kwargs.items() if k in ("dyad", "type", "since", "until")}
    for call in (
        lambda: store.timeline(by=by, **timeline_kwargs),
        lambda: store.stats(since=kwargs.get("since"), until=kwargs.get("until"), top=top),
    ):
        try:
            call()
        except StoreError as exc:
            assert str(exc)


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_attempts_match_nothing_and_change_nothing(store: Store, payload: str) -> None:
    before = counts_and_events(store)
    for name in ("actor", "recipient", "mode", "place", "text", "cluster"):
        assert store.events(**{name: payload}, mentions=True).empty, name
    for name in ("type", "aux_mode", "since", "dyad"):
        with pytest.raises(StoreError):
            store.events(**{name: payload})
    after = counts_and_events(store)
    assert before[0] == after[0]
    pd.testing.assert_frame_equal(before[1], after[1])


@budget(100)
@given(words=st.one_of(st.text(min_size=1, max_size=6), st.sampled_from(INJECTIONS)))
def test_fuzz_text_filter_matches_exactly_the_rows_containing_it(store: Store, words: str) -> None:
    """The words filter is data: its result is what a plain substring search gives."""
    tried("Store.events text filter (result equals a Python search)")
    everything = store.events(mentions=True)
    expected = sorted(
        event_id
        for event_id, text in zip(everything.event_id, everything.text, strict=True)
        if words.lower() in text.lower()
    )
    assert sorted(store.events(text=words, mentions=True).event_id) == expected


SQL_ATTACKS = [
    "DROP TABLE events",
    "DELETE FROM documents",
    "UPDATE events SET type = 'X'",
    "SELECT 1; DROP TABLE events",
    "COPY events TO '{tmp}/leak.csv'",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "SELECT * FROM read_csv('{tmp}/secret.txt')",
    "SELECT * FROM read_text('{tmp}/secret.txt')",
    "SELECT * FROM '{tmp}/secret.txt'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "PRAGMA database_list",
    "CALL pragma_version()",
    "CREATE TABLE x AS SELECT 1",
    "EXPORT DATABASE '{tmp}/dump'",
    "SELECT * FROM events WHERE type = '' OR 1=1; --",
    "CONNECT",  # a statement type duckdb's Python enum lacks: raised ValueError (issue 9)
]


def test_sql_command_refuses_writes_and_file_access(store: Store, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the store's users\n")
    before = counts_and_events(store)
    for attack in SQL_ATTACKS:
        statement = attack.format(tmp=tmp_path)
        try:
            frame = store.sql(statement)
        except StoreError:
            continue
        assert "not for the store" not in frame.to_string(), statement
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.txt"]
    after = counts_and_events(store)
    assert before[0] == after[0]
    pd.testing.assert_frame_equal(before[1], after[1])


@budget(100)
@given(statement=st.one_of(st.text(max_size=60), st.sampled_from(SQL_ATTACKS)))
def test_fuzz_sql_statements(store: Store, statement: str) -> None:
    tried("sql command statements")
    try:
        frame = store.sql(statement.replace("{tmp}", "/nonexistent"))
    except StoreError as exc:
        assert str(exc)
        return
    assert isinstance(frame, pd.DataFrame)


# ---------------------------------------------------------------- the CLI options

OPTIONS = ("--since", "--until", "--type", "--actor", "--recipient", "--aux-mode",
           "--dyad", "--place", "--text", "--mode", "--sector", "--cluster", "--limit",
           "--offset")  # fmt: skip


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@budget(60)
@given(
    command=st.sampled_from(["query", "timeline", "stats", "export"]),
    options=st.lists(st.tuples(st.sampled_from(OPTIONS), VALUES), max_size=4),
)
def test_fuzz_cli_query_options(
    app: typer.Typer, store: Store, command: str, options: list[tuple[str, str]]
) -> None:
    """Any option value ends in output, a usage error (exit 2) or one of our errors
    (which `eventcoder` prints as `error: ...`), never in a traceback."""
    tried("CLI query/timeline/stats/export options")
    args = [command, "--db", str(store.path)]
    if command in ("query", "export"):
        args += ["--format", "jsonl" if command == "query" else "plover-jsonl"]
    for option, value in options:
        args += [f"{option}={value}"]
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert isinstance(result.exception, EventcoderError), (args, repr(result.exception))
        return
    assert result.exit_code in (0, 2), (args, result.output)
    if result.exit_code == 0 and command == "query":
        for line in result.stdout.splitlines():
            assert isinstance(json.loads(line), dict)


def test_cli_dates_are_checked(app: typer.Typer, store: Store) -> None:
    result = CliRunner().invoke(app, ["query", "--db", str(store.path), "--since", "2025-02-30"])
    assert result.exit_code == 2
    assert "is not a date; write YYYY-MM-DD" in result.output
