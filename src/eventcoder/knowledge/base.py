"""The actor knowledge base: countries, organisations, seats of power, people, agents.

Everything here is loaded from CSV data files (see `eventcoder/data/*.csv`, each
with a header comment saying what its columns mean, and docs/actors.md). Users
extend or override entries with files in the same formats: an entry from a later
file replaces every earlier entry for the same name (or, for people, the same
person in the same office from the same start date). Lookups are by normalised
name (casefolded, no accents, no leading "the", one kind of apostrophe), so
"The Kremlin", "kremlin" and "Kremlin" are the same key.

Two kinds of facts are bound in time: a person's terms of office, and an
organisation whose role changed (the Taliban were rebels until they took Kabul
on 2021-08-15, then the de facto government); both are looked up with the date
of the event.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from eventcoder.errors import DataFileError
from eventcoder.knowledge.csvdata import data_path, read_rows, split_list

__all__ = ["OFFICES", "KBEntry", "KnowledgeBase", "PersonTerm", "normalize_name"]

_COUNTRY_COLS = ("code", "name", "aliases", "adjectives", "capital", "seats", "fold_into")
_METONYM_COLS = ("text", "code", "sector")
_ORG_COLS = ("name", "aliases", "code", "sector")
_AGENT_COLS = ("term", "sector")
_PEOPLE_COLS = ("identifier_id", "name", "aliases", "country", "office", "start", "end")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_SPACES = re.compile(r"\s+")
_EL = re.compile(r"(^| )el ")

#: The offices people.csv knows, most senior first (the order breaks ties when one
#: person holds two offices on the same day).
OFFICES = (
    "head of state and government",
    "head of state",
    "head of government",
    "foreign minister",
    "defence minister",
)
#: Fuzzy matches below this score (rapidfuzz ratio, 0-100) are not taken.
FUZZY_THRESHOLD = 90.0
#: Names shorter than this are never matched fuzzily: "Iran" is not "Oman".
FUZZY_MIN_LENGTH = 7


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
    """A named actor: a country, an organisation, a seat of power or a breakaway entity.

    `start`/`end` bound the entry in time when the same name had another role
    before or after (an entry without them always holds).
    """

    code: str
    sector: str | None
    identifier_id: str | None
    identifier_text: str
    kind: str  # country, seat, metonym, organization, breakaway
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


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
        self.names: dict[str, list[KBEntry]] = {}
        self.adjectives: dict[str, str] = {}
        self.agents: dict[str, str] = {}
        self.agent_codes: dict[str, str] = {}
        self.people: dict[str, list[PersonTerm]] = {}
        self.country_names: dict[str, str] = {}
        self.fold: dict[str, str] = {}
        self.leader_office: dict[str, str] = {}
        self._sources: dict[str, str] = {}
        self._source = ""
        self._fuzzy_keys: list[str] | None = None
        self._by_office: dict[tuple[str, str], set[PersonTerm]] | None = None

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
            f"{path}: header {','.join(header)} matches no knowledge file kind; see "
            "docs/actors.md for the formats (e.g. text,code,sector for a metonym file)"
        )

    def add_countries(self, path: Path) -> None:
        self._source = str(path)
        for line_no, row in read_rows(path, ("code", "name")):
            code = _code(path, line_no, row["code"])
            target = row.get("fold_into") or code
            self.fold[code] = target
            if row.get("leader"):
                self.leader_office[target] = _office(path, line_no, row["leader"])
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
        self._source = str(path)
        for line_no, row in read_rows(path, _ORG_COLS):
            start = _date(path, line_no, row["start"], "start") if row.get("start") else None
            end = _date(path, line_no, row["end"], "end") if row.get("end") else None
            entry = KBEntry(
                _code(path, line_no, row["code"]),
                row["sector"] or None,
                row.get("identifier_id") or None,
                row["name"],
                "breakaway" if row.get("kind") == "breakaway" else "organization",
                start,
                end,
            )
            for name in [row["name"], *split_list(row["aliases"])]:
                self._put(name, entry)

    def add_metonyms(self, path: Path) -> None:
        self._source = str(path)
        for line_no, row in read_rows(path, _METONYM_COLS):
            label = row.get("identifier_text") or row["text"]
            entry = KBEntry(
                _code(path, line_no, row["code"]), row["sector"] or None, None, label, "metonym"
            )
            for name in split_list(row["text"]):
                self._put(name, entry)

    def add_agents(self, path: Path) -> None:
        for line_no, row in read_rows(path, _AGENT_COLS):
            code = _code(path, line_no, row["code"]) if row.get("code") else None
            for term in [row["term"], *split_list(row.get("plural"))]:
                self.agents[normalize_name(term)] = row["sector"]
                if code:
                    self.agent_codes[normalize_name(term)] = code
                else:
                    self.agent_codes.pop(normalize_name(term), None)

    def add_people(self, path: Path) -> None:
        for line_no, row in read_rows(path, _PEOPLE_COLS):
            term = PersonTerm(
                identifier_id=row["identifier_id"] or f"person:{normalize_name(row['name'])}",
                name=row["name"],
                country=_code(path, line_no, row["country"]),
                office=row["office"],
                sector=row.get("sector") or "GOV",
                start=_date(path, line_no, row["start"], "start"),
                end=_date(path, line_no, row["end"], "end") if row["end"] else None,
            )
            for name in [row["name"], *split_list(row["aliases"])]:
                terms = self.people.setdefault(normalize_name(name), [])
                terms[:] = [t for t in terms if not _same_term(t, term)]
                terms.append(term)
        self._fuzzy_keys = self._by_office = None

    def _put(self, name: str, entry: KBEntry) -> None:
        key = normalize_name(name)
        if not key:
            return
        entries = self.names.get(key)
        if entries is None or self._sources.get(key) != self._source:
            # A later file's entry replaces the earlier ones for this name.
            self.names[key] = [entry]
            self._sources[key] = self._source
        elif entry not in entries:
            entries.append(entry)
        self._fuzzy_keys = None

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str, day: dt.date | None = None) -> KBEntry | None:
        """A country, organisation, seat of power or breakaway entity by any of its names.

        When the name's role changed over time, `day` picks the entry in force
        (without a day, the current one: the entry with no end date).
        """
        entries = self.names.get(normalize_name(text))
        if not entries:
            return None
        if len(entries) == 1:
            return entries[0]
        if day is not None:
            for entry in entries:
                if entry.covers(day):
                    return entry
        return next((e for e in entries if e.end is None), entries[-1])

    def adjective(self, text: str) -> str | None:
        """The country code for a nationality adjective or demonym ("Russian")."""
        return self.adjectives.get(normalize_name(text))

    def agent_sector(self, text: str) -> str | None:
        """The PLOVER sector of a generic agent noun ("troops" -> MIL)."""
        return self.agents.get(normalize_name(text))

    def agent_code(self, text: str) -> str | None:
        """The code a generic agent carries by itself ("peacekeepers" -> IGO), if any."""
        return self.agent_codes.get(normalize_name(text))

    def person_terms(self, text: str) -> list[PersonTerm]:
        """Every known term of office of the person called `text`. The Arabic article
        may be spelt "el" ("Omar El Bashir" is Omar al-Bashir)."""
        key = normalize_name(text)
        terms = self.people.get(key)
        if terms is None and " el " in f" {key} ":
            terms = self.people.get(_EL.sub(r"\1al ", key))
        return terms or []

    def office_holders(self, country: str, office: str, day: dt.date | None) -> list[PersonTerm]:
        """Who held `office` in `country` on `day` (without a day: the latest holder)."""
        if self._by_office is None:
            index: dict[tuple[str, str], set[PersonTerm]] = {}
            for ts in self.people.values():
                for t in ts:
                    index.setdefault((t.country, t.office), set()).add(t)
            self._by_office = index
        terms = self._by_office.get((country, office), set())
        if day is None:
            latest = max(terms, key=lambda t: t.start, default=None)
            return [latest] if latest else []
        return sorted((t for t in terms if t.covers(day)), key=lambda t: t.start)

    def leader_of(self, country: str, day: dt.date | None) -> PersonTerm | None:
        """The country's leader on `day`: the holder of its `leader` office (countries.csv),
        else its head of state and government, else its head of government."""
        offices = [self.leader_office[country]] if country in self.leader_office else []
        offices += ["head of state and government", "head of government", "head of state"]
        for office in offices:
            holders = self.office_holders(country, office, day)
            if holders:
                return holders[-1]
        return None

    def fuzzy_name(self, text: str, threshold: float = FUZZY_THRESHOLD) -> str | None:
        """The known name (entity or person key) closest to `text`, if it is close enough.

        Only a fallback for misspellings ("Ahlu Sunnah Waljama"): exact and alias
        lookups come first, and short names are never matched fuzzily.
        """
        key = normalize_name(text)
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        if self._fuzzy_keys is None:
            keys = set(self.names) | set(self.people)
            self._fuzzy_keys = sorted(k for k in keys if len(k) >= FUZZY_MIN_LENGTH)
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=threshold)
        return best[0] if best else None


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


def _office(path: Path, line_no: int, office: str) -> str:
    if office not in OFFICES:
        raise DataFileError(
            f"{path}:{line_no}: office {office!r} is not one of {', '.join(OFFICES)}"
        )
    return office


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
