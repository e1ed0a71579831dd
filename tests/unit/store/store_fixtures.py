"""Hand-made articles and events for store tests: no spaCy model needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import duckdb

from eventcoder.model import QUAD_CODES, Article, Attribution, Entity, Event, Place
from eventcoder.store.ingest import doc_key
from eventcoder.store.rows import Coded, build_tables
from eventcoder.store.schema import MIGRATIONS

NAMES = {"RUS": "Russia", "USA": "United States", "UKR": "Ukraine", "HUN": "Hungary"}


def country(code: str, sector: str | None = "GOV", ident: str | None = None) -> Entity:
    return Entity(NAMES.get(code, code), code=code, sector=sector, identifier_id=ident,
                  identifier_text=NAMES.get(code), start=0, end=len(code))  # fmt: skip


def event(
    article: Article,
    index: int,
    kind: str,
    actor: Sequence[Entity],
    recipient: Sequence[Entity] = (),
    *,
    when: str | None = "2025-10-16",
    mode: str | None = None,
    aux: str | None = None,
    place: Place | None = None,
    text: str = "",
) -> Event:
    sentence = text or f"Sentence {index} of {article.id} about {kind.lower()}."
    return Event(
        id=f"{doc_key(article.text)[:8]}-{index}-{kind}",
        doc_id=article.id,
        date=dt.date.fromisoformat(when) if when else None,
        date_precision="day" if when else None,
        event=(kind,),
        actor=tuple(actor),
        recipient=tuple(recipient),
        mode=(mode,) if mode else (),
        aux_mode=aux,
        context=("diplomatic",),
        event_loc=place,
        event_text=kind.lower(),
        trigger_start=3,
        trigger_end=9,
        text=sentence,
        sentence_index=index,
        sentence_start=index * 100,
        attribution=Attribution(country("RUS"), "said", 20, 24) if index == 0 else None,
        quad_code=QUAD_CODES[kind],
        event_scale=1.5 if QUAD_CODES[kind] < 3 else -5.0,
        cameo="040",
        coder="test",
        confidence=0.8,
    )


def article(doc_id: str, text: str, origin: str, source: str | None = None) -> Article:
    return Article(doc_id, text, dt.date(2025, 10, 17), title=None, url=None, source=source,
                   origin=origin)  # fmt: skip


BUDAPEST = Place("Budapest", "Budapest", "HUN", 4, 47.5, 19.04, 3054643, "Budapest", None,
                 "Hungary", "P", "PPLC", 10, 18)  # fmt: skip


def sample_pairs(folder: Path) -> list[tuple[Article, list[Event]]]:
    """Three reports of one Putin-Trump call (one with the sides swapped), a summit
    agreement in Budapest, and unrelated events, from three outlets."""
    a = article("wire-1", "Putin spoke with Trump by phone.", f"{folder}/wire.jsonl:1", "Wire")
    b = article("daily-7", "Trump and Putin talked.", f"{folder}/daily.jsonl:1", "Daily")
    c = article("radio.txt", "Radio bulletin text.", f"{folder}/radio.txt")
    rus, usa, ukr = country("RUS"), country("USA"), country("UKR", "MIL")
    return [
        (a, [
            event(a, 0, "CONSULT", [rus], [usa], mode="phone"),
            event(a, 1, "AGREE", [rus, usa], [], when="2025-10-16", place=BUDAPEST),
            event(a, 2, "ASSAULT", [ukr], [rus], when="2025-10-15", mode="drone"),
        ]),
        (b, [
            event(b, 0, "CONSULT", [usa], [rus], mode="phone", when="2025-10-17"),
            event(b, 1, "AID", [usa], [ukr], aux="hypothetical", when="2025-10-17"),
        ]),
        (c, [
            event(c, 0, "CONSULT", [rus, usa], [], when="2025-10-16"),
            event(c, 1, "CONSULT", [rus], [usa], mode="phone", when="2025-10-20"),
            event(c, 2, "PROTEST", [], [], when=None),
        ]),
    ]  # fmt: skip


def make_version_1_store(db: Path, folder: Path) -> None:
    """A store as schema version 1 wrote it (no duplicate clusters), holding the samples."""
    con = duckdb.connect(str(db))
    MIGRATIONS[1](con)
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    items = [Coded(a, tuple(e), f"key-{n}") for n, (a, e) in enumerate(sample_pairs(folder))]
    for name, table in build_tables(items, dt.datetime.now(dt.UTC)).items():
        con.register("_t", table)
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _t")
        con.unregister("_t")
    con.close()
