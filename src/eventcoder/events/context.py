"""Contexts from lexical cues, and the event table (CAMEO code, scale, quad class).

`data/contexts.csv` maps cue lemmas to PLOVER contexts ("missile" -> military);
`data/event_table.csv` gives, per PLOVER type and mode, the closest CAMEO code,
the event_scale (-10 conflict .. +10 cooperation) and the quad class.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from eventcoder.errors import DataFileError
from eventcoder.knowledge.csvdata import data_path, read_rows
from eventcoder.model import PLOVER_TYPES, QUAD_CODES

__all__ = ["ContextCues", "EventTable", "ModeCues", "TableRow"]


class ContextCues:
    """Cue lemma (or multiword cue) -> contexts."""

    def __init__(self, cues: dict[str, tuple[str, ...]]) -> None:
        self.single = {k: v for k, v in cues.items() if " " not in k}
        self.multi = {k: v for k, v in cues.items() if " " in k}

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> ContextCues:
        cues: dict[str, tuple[str, ...]] = {}
        for path in [data_path("contexts.csv"), *extra_files]:
            for _line_no, row in read_rows(Path(path), ("cue", "context")):
                key = row["cue"].casefold()
                cues[key] = tuple(dict.fromkeys((*cues.get(key, ()), row["context"])))
        return cls(cues)

    def contexts(self, sent: Span, implied: Sequence[str] = ()) -> tuple[str, ...]:
        found: dict[str, None] = dict.fromkeys(implied)
        for token in sent:
            for ctx in self.single.get(token.lemma_.casefold(), ()):
                found[ctx] = None
        if self.multi:
            lowered = sent.text.casefold()
            for cue, ctxs in self.multi.items():
                if cue in lowered:
                    found.update(dict.fromkeys(ctxs))
        return tuple(found)


_CLAUSE_BOUNDARIES = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "xcomp", "acl"})


class ModeCues:
    """(event type, cue lemma) -> mode, tried in file order (data/mode_cues.csv)."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.by_event: dict[str, list[tuple[str, str]]] = {}
        for event, cue, mode in rows:
            self.by_event.setdefault(event, []).append((cue, mode))

    @classmethod
    def load(cls) -> ModeCues:
        path = data_path("mode_cues.csv")
        rows = [
            (row["event"].upper(), row["cue"].casefold(), row["mode"])
            for _line_no, row in read_rows(path, ("event", "cue", "mode"))
        ]
        return cls(rows)

    def mode_for(self, event: str, trigger: Token) -> str | None:
        cues = self.by_event.get(event)
        if not cues:
            return None
        lemmas = {t.lemma_.casefold() for t in _clause_tokens(trigger)}
        lemmas |= {t.lower_ for t in _clause_tokens(trigger)}
        for cue, mode in cues:
            if cue in lemmas:
                return mode
        return None


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger and its dependents, without embedded or coordinated clauses."""
    out = [trigger]
    stack = [c for c in trigger.children if c.dep_ not in _CLAUSE_BOUNDARIES]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSE_BOUNDARIES)
    if trigger.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
        out.append(trigger.head)
    return out


@dataclass(frozen=True, slots=True)
class TableRow:
    cameo: str
    event_scale: float
    quad_code: int


class EventTable:
    """(type, mode) -> CAMEO code, event scale and quad class."""

    def __init__(self, rows: dict[tuple[str, str], TableRow]) -> None:
        self.rows = rows

    @classmethod
    def load(cls) -> EventTable:
        path = data_path("event_table.csv")
        rows: dict[tuple[str, str], TableRow] = {}
        for line_no, row in read_rows(path, ("event", "mode", "cameo", "event_scale")):
            event = row["event"].upper()
            if event not in PLOVER_TYPES:
                raise DataFileError(f"{path}:{line_no}: {event!r} is not a PLOVER type")
            try:
                scale = float(row["event_scale"])
            except ValueError:
                raise DataFileError(f"{path}:{line_no}: event_scale is not a number") from None
            rows[(event, row["mode"])] = TableRow(row["cameo"], scale, QUAD_CODES[event])
        return cls(rows)

    def lookup(self, event: str, mode: str | None) -> TableRow:
        row = self.rows.get((event, mode or "")) or self.rows.get((event, ""))
        if row is None:
            return TableRow("", 0.0, QUAD_CODES[event])
        return row
