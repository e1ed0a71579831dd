"""Exports: the stored records come back exactly as coded (issue 6)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from store_fixtures import sample_pairs

from eventcoder.output import CSV_COLUMNS
from eventcoder.store import Filters, Ingester, Store
from eventcoder.store.export import GDELT_COLUMNS


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("export")


@pytest.fixture(scope="module")
def store(folder: Path) -> Store:
    Ingester(folder / "store.duckdb", batch_size=2).add(sample_pairs(folder))
    return Store.open(folder / "store.duckdb")


def exported(store: Store, fmt: str, **options: object) -> str:
    out = io.StringIO()
    store.export(fmt, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def test_plover_jsonl_gives_back_every_record_as_coded(store: Store, folder: Path) -> None:
    records = [
        json.loads(line) for line in exported(store, "plover-jsonl", mentions=True).splitlines()
    ]
    coded = {e.id: e.to_dict() for _article, events in sample_pairs(folder) for e in events}
    assert len(records) == len(coded) == 8
    for record in records:
        cluster = record.pop("cluster")
        assert record == coded[record["id"]]
        assert cluster["reports"] >= 1 and cluster["id"]


def test_plover_jsonl_by_default_gives_one_record_per_cluster(store: Store) -> None:
    records = [json.loads(line) for line in exported(store, "plover-jsonl").splitlines()]
    assert len(records) == 6
    call = next(r for r in records if r["cluster"]["reports"] == 3)
    assert call["cluster"]["documents"] == ["daily-7", "radio.txt", "wire-1"]
    assert call["cluster"]["outlets"] == ["Daily", "Wire"]


def test_csv_has_the_code_commands_columns_and_the_cluster(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv", mentions=True))))
    assert len(rows) == 8
    assert list(rows[0])[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    assert {"cluster_id", "cluster_reports", "outlets"} <= set(rows[0])


def test_gdelt_rows_carry_cameo_quad_class_and_scale(store: Store) -> None:
    lines = exported(store, "gdelt", filters=Filters.build(type="ASSAULT")).splitlines()
    header, row = lines[0].split("\t"), lines[1].split("\t")
    assert len(header) == len(row) == 61 and tuple(header) == GDELT_COLUMNS
    values = dict(zip(header, row, strict=True))
    assert values["SQLDATE"] == "20251015" and values["EventRootCode"] == "04"
    assert values["Actor1Code"] == "UKRMIL" and values["Actor2CountryCode"] == "RUS"
    assert (values["QuadClass"], values["GoldsteinScale"]) == ("4", "-5.0")
    assert values["NumMentions"] == "1" and values["GLOBALEVENTID"].isdigit()


def test_parquet_is_partitioned_by_month(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    assert store.export("parquet", out, mentions=True) == 8
    assert sorted(p.name for p in out.iterdir()) == ["month=2025-10", "month=undated"]
    table = ds.dataset(out, partitioning="hive").to_table()
    assert table.num_rows == 8
    assert set(table.column("type").to_pylist()) >= {"CONSULT", "PROTEST"}
