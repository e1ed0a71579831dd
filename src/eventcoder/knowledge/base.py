"""The actor knowledge base: countries, organisations, seats of power, people, agents.

Everything here is loaded from CSV data files (see `eventcoder/data/*.csv`, each
with a header comment saying what its columns mean). Users extend or override
entries with files in the same formats; a later file's entry for the same name
wins. Lookups are by normalised name (casefolded, no leading "the", one kind of
apostrophe), so "The Kremlin", "kremlin" and "Kremlin" are the same key.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventcoder.errors import DataFileError
from eventcoder.knowledge.csvdata import data_path, read_rows, split_list

__all__ = ["KBEntry", "KnowledgeBase", "PersonTerm", "normalize_name"]

_COUNTRY_COLS = ("code", "name", "aliases", "adjectives", "capital", "seats", "fold_into")
_METONYM_COLS = ("text", "code", "sector")
_ORG_COLS = ("name", "aliases", "code", "sector")
_AGENT_COLS = ("term", "sector")
_PEOPLE_COLS = ("identifier_id", "name", "aliases", "country", "office", "start", "end")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """The lookup key of a name: casefolded, accents and a leading "the" removed."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text.replace("-", " ")).strip().casefold()
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class KBEntry:
    """A named actor: a country, an organisation or a seat of power."""

    code: str
    sector: str | None
    identifier_id: str | None
    identifier_text: str
    kind: str  # country, seat, metonym, organization


@dataclass(frozen=True, slots=True)
class PersonTerm:
    """One term of one person in one office."""

    identifier_id: str
    name: str
    country: str
    office: str
    sector: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class KnowledgeBase:
    """Name -> actor lookups over the shipped data files and any user files."""

    def __init__(self) -> None:
        self.names: dict[str, KBEntry] = {}
        self.adjectives: dict[str, str] = {}
        self.agents: dict[str, str] = {}
        self.people: dict[str, list[PersonTerm]] = {}
        self.country_names: dict[str, str] = {}
        self.fold: dict[str, str] = {}

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> KnowledgeBase:
        """Load the shipped data, then each user file in order (later entries win)."""
        kb = cls()
        kb.add_countries(data_path("countries.csv"))
        kb.add_organizations(data_path("organizations.csv"))
        kb.add_metonyms(data_path("metonyms.csv"))
        kb.add_agents(data_path("agents.csv"))
        kb.add_people(data_path("people.csv"))
        for path in extra_files:
            kb.add_file(Path(path))
        return kb

    def add_file(self, path: Path) -> None:
        """Add a user file; its kind is told by its header columns."""
        header = _header_of(path)
        loaders = [
            (_PEOPLE_COLS, self.add_people),
            (_COUNTRY_COLS, self.add_countries),
            (_ORG_COLS, self.add_organizations),
            (_METONYM_COLS, self.add_metonyms),
            (_AGENT_COLS, self.add_agents),
        ]
        for columns, loader in loaders:
            if set(columns) <= set(header):
                loader(path)
                return
        raise DataFileError(
            f"{path}: header {','.join(header)} matches no knowledge file kind; "
            "see the README section 'Extending the knowledge base' for the formats"
        )

    def add_countries(self, path: Path) -> None:
        for line_no, row in read_rows(path, ("code", "name")):
            code = _code(path, line_no, row["code"])
            target = row.get("fold_into") or code
            self.fold[code] = target
            entry = KBEntry(target, None, None, row["name"], "country")
            for name in [row["name"], *split_list(row.get("aliases"))]:
                self._put(name, entry)
                self.country_names[normalize_name(name)] = target
            # Only the listed seats stand for the government: many capitals share their
            # name with other places (Victoria, Santiago), and a city-state's name is
            # the country, not its government.
            seat = KBEntry(target, "GOV", None, f"{row['name']} government", "seat")
            for name in split_list(row.get("seats")):
                if normalize_name(name) not in self.country_names:
                    self._put(name, seat)
            for adjective in split_list(row.get("adjectives")):
                self.adjectives[normalize_name(adjective)] = target

    def add_organizations(self, path: Path) -> None:
        for line_no, row in read_rows(path, _ORG_COLS):
            entry = KBEntry(
                _code(path, line_no, row["code"]),
                row["sector"] or None,
                row.get("identifier_id") or None,
                row["name"],
                "organization",
            )
            for name in [row["name"], *split_list(row["aliases"])]:
                self._put(name, entry)

    def add_metonyms(self, path: Path) -> None:
        for line_no, row in read_rows(path, _METONYM_COLS):
            label = row.get("identifier_text") or row["text"]
            entry = KBEntry(
                _code(path, line_no, row["code"]), row["sector"] or None, None, label, "metonym"
            )
            for name in split_list(row["text"]):
                self._put(name, entry)

    def add_agents(self, path: Path) -> None:
        for _line_no, row in read_rows(path, _AGENT_COLS):
            for term in [row["term"], *split_list(row.get("plural"))]:
                self.agents[normalize_name(term)] = row["sector"]

    def add_people(self, path: Path) -> None:
        for line_no, row in read_rows(path, _PEOPLE_COLS):
            term = PersonTerm(
                identifier_id=row["identifier_id"],
                name=row["name"],
                country=_code(path, line_no, row["country"]),
                office=row["office"],
                sector=row.get("sector") or "GOV",
                start=_date(path, line_no, row["start"], "start"),
                end=_date(path, line_no, row["end"], "end") if row["end"] else None,
            )
            for name in _person_names(row["name"], split_list(row["aliases"])):
                terms = self.people.setdefault(normalize_name(name), [])
                terms[:] = [t for t in terms if not _same_term(t, term)]
                terms.append(term)

    def _put(self, name: str, entry: KBEntry) -> None:
        key = normalize_name(name)
        if key:
            self.names[key] = entry

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str) -> KBEntry | None:
        """A country, organisation or seat of power by any of its names."""
        return self.names.get(normalize_name(text))

    def adjective(self, text: str) -> str | None:
        """The country code for a nationality adjective or demonym ("Russian")."""
        return self.adjectives.get(normalize_name(text))

    def agent_sector(self, text: str) -> str | None:
        """The PLOVER sector of a generic agent noun ("troops" -> MIL)."""
        return self.agents.get(normalize_name(text))

    def person_terms(self, text: str) -> list[PersonTerm]:
        """Every known term of office of the person called `text`."""
        return self.people.get(normalize_name(text), [])


def _person_names(name: str, aliases: Iterable[str]) -> list[str]:
    return [name, *aliases]


def _same_term(a: PersonTerm, b: PersonTerm) -> bool:
    return (a.identifier_id, a.office, a.start) == (b.identifier_id, b.office, b.start)


def _code(path: Path, line_no: int, code: str) -> str:
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise DataFileError(
            f"{path}:{line_no}: code {code!r} is not a 3-letter code "
            "(an ISO 3166 alpha-3 code or IGO, UNO, EUR, NGO, ISM, IMG, MNC)"
        )
    return code


def _date(path: Path, line_no: int, text: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DataFileError(
            f"{path}:{line_no}: {column} {text!r} is not a date; write YYYY-MM-DD"
        ) from None


def _header_of(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.lstrip().startswith("#"):
                    return [c.strip() for c in line.strip().split(",")]
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read knowledge file ({exc})") from exc
    raise DataFileError(f"{path}: empty knowledge file; it needs a header line")
