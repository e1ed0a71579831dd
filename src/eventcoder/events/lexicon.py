"""The trigger lexicon: which words signal which PLOVER event, and when.

`data/triggers.csv` holds one trigger sense per line:

    trigger  a lemma ("attack") or a multiword expression ("air strike", "cease-fire")
    pos      VERB, NOUN, ADJ or * (any part of speech)
    event    the PLOVER type
    mode     the PLOVER mode, or empty
    context  contexts this sense implies (`|`-separated), or empty
    requires conditions that must all hold (`;`-separated), or empty
    excludes conditions none of which may hold, or empty
    args     how the parse maps to actor and recipient: empty (subject acts on
             object), `reverse` (the object or "from" phrase acts on the
             subject: "received aid from"), `joint` (all parties act together),
             `theme` (the object is what is moved, not the recipient: "sent
             missiles to Ukraine" -> the recipient is the "to" phrase)
    weight   how reliable the sense is on its own, 0..1

A condition is `kind:lemma|lemma`: `obj` (direct object, or a noun trigger's
"of" phrase), `objent` (the object's named-entity label: PERSON, GPE, ORG,
NORP), `pobj` (the object of any preposition attached to the trigger), `prep`
(a preposition attached to the trigger), `word` (the trigger's own word form,
lowercased), `prt` (a verb particle: "rule out"), `mod` (a compound, adjective or
adverb modifier: "phone call", "sexually abused"),
`head` (the verb governing a noun trigger: "go on strike"), `subj` (the lemma
of who acts: the active subject, or the "by" agent of a passive; a passive's
subject is its object), `xcomp` (a to-infinitive complement, lemma list or `*`).
Senses of one trigger are tried in file order; the first that fits wins, so
specific senses come before general ones ("strike a deal" before "strike").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventcoder.errors import DataFileError
from eventcoder.knowledge.csvdata import data_path, read_rows, split_list
from eventcoder.model import PLOVER_TYPES

__all__ = ["Condition", "Lexicon", "TriggerSense"]

_CONDITION_KINDS = frozenset(
    {"obj", "objent", "pobj", "prep", "prt", "mod", "head", "subj", "xcomp", "word"}
)
_POS = frozenset({"VERB", "NOUN", "ADJ", "*"})
_ARGS = frozenset({"", "reverse", "joint", "theme"})
_COLUMNS = ("trigger", "pos", "event", "mode", "context", "requires", "excludes", "args", "weight")


@dataclass(frozen=True, slots=True)
class Condition:
    kind: str
    lemmas: frozenset[str]


@dataclass(frozen=True, slots=True)
class TriggerSense:
    """One line of the lexicon."""

    words: tuple[str, ...]
    pos: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    requires: tuple[Condition, ...]
    excludes: tuple[Condition, ...]
    args: str
    weight: float
    origin: str


class Lexicon:
    """Trigger senses indexed by their first word, in file order."""

    def __init__(self, senses: Sequence[TriggerSense]) -> None:
        self.single: dict[str, list[TriggerSense]] = {}
        self.multi: dict[str, list[TriggerSense]] = {}
        for sense in senses:
            index = self.multi if len(sense.words) > 1 else self.single
            index.setdefault(sense.words[0], []).append(sense)
        for senses_ in self.multi.values():
            senses_.sort(key=lambda s: -len(s.words))

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> Lexicon:
        """The shipped lexicon; user files' senses are tried before shipped ones."""
        senses: list[TriggerSense] = []
        for path in [*extra_files, data_path("triggers.csv")]:
            senses.extend(read_senses(Path(path)))
        return cls(senses)


def read_senses(path: Path) -> list[TriggerSense]:
    return [_sense(path, line_no, row) for line_no, row in read_rows(path, _COLUMNS[:3])]


def _sense(path: Path, line_no: int, row: dict[str, str]) -> TriggerSense:
    where = f"{path}:{line_no}"
    event = row["event"].upper()
    if event not in PLOVER_TYPES:
        raise DataFileError(f"{where}: {event!r} is not a PLOVER event type")
    pos = (row.get("pos") or "*").upper()
    if pos not in _POS:
        raise DataFileError(f"{where}: pos {pos!r} must be VERB, NOUN, ADJ or *")
    args = row.get("args", "")
    if args not in _ARGS:
        raise DataFileError(f"{where}: args {args!r} must be empty, reverse, joint or theme")
    words = tuple(_split_words(row["trigger"]))
    if not words:
        raise DataFileError(f"{where}: empty trigger")
    return TriggerSense(
        words=words,
        pos=pos,
        event=event,
        mode=row.get("mode") or None,
        context=tuple(split_list(row.get("context"))),
        requires=_conditions(where, row.get("requires", "")),
        excludes=_conditions(where, row.get("excludes", "")),
        args=args,
        weight=_weight(where, row.get("weight", "")),
        origin=where,
    )


def _split_words(trigger: str) -> list[str]:
    """Words as spaCy's English tokenizer splits them ("cease-fire" -> cease - fire)."""
    words: list[str] = []
    for chunk in trigger.casefold().split():
        parts = chunk.split("-")
        for i, part in enumerate(parts):
            if i:
                words.append("-")
            if part:
                words.append(part)
    return words


def _conditions(where: str, text: str) -> tuple[Condition, ...]:
    conditions = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        kind, _, lemmas = item.partition(":")
        if kind not in _CONDITION_KINDS:
            kinds = ", ".join(sorted(_CONDITION_KINDS))
            raise DataFileError(f"{where}: condition {item!r}: kind must be one of {kinds}")
        conditions.append(Condition(kind, frozenset(x.casefold() for x in split_list(lemmas))))
    return tuple(conditions)


def _weight(where: str, text: str) -> float:
    if not text:
        return 0.7
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(f"{where}: weight {text!r} is not a number between 0 and 1") from None
    if not 0.0 <= value <= 1.0:
        raise DataFileError(f"{where}: weight {value} is not between 0 and 1")
    return value
