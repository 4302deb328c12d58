"""The gazetteer made cheap: its fast paths say what the plain definitions say."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import gazetteer_index as index
from timeline.gazetteer_index import City, PlaceIndex
from timeline.gazetteer_tables import country_tables, fold

# --- fold -----------------------------------------------------------------------------------

# fold() as first written, one step after another: the definition its fast paths must keep.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_THE = re.compile(r"^the\s+", re.I)
_POSSESSIVE = re.compile(r"(?:(?<=\w)'s|(?<=s)')$", re.I)


def plain_fold(text: str) -> str:
    if text.isascii():
        text = _POSSESSIVE.sub("", _THE.sub("", text.strip())).lower()
    else:
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
        text = _POSSESSIVE.sub("", _THE.sub("", " ".join(text.split()))).strip()
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m[0].replace(".", ""), text)
    return re.sub(r"\bst\b", "saint", " ".join(re.sub(r"[\W_]+", " ", text).split()))


PIECES = [
    "a", "Z", "q", " ", "  ", "the ", "The ", "THE ", "St", "st", "St.", "U.S.", ".", "'", "'s",
    "\u2019s", "s'", "-", "_", "\t", "\n", "é", "E\u0301", "\u0300", "ß", "İ", "Ł", "Ｇ", "ﬁ",
    "\u200b", "\x00", "北京", "Москва", "1",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join) | st.text(max_size=12))
def test_fold_is_its_plain_definition(text: str) -> None:
    assert fold(text) == plain_fold(text)


def test_fold_of_names_as_written() -> None:
    assert [fold(t) for t in ["The Hague", "St. Kitts", "ST LOUIS", "The", "Theodore"]] == [
        "hague",
        "saint kitts",
        "saint louis",
        "the",
        "theodore",
    ]
    assert [fold(t) for t in ["The Élysée's", "Ｇｅｎｅｖａ", "U.S. State Department"]] == [
        "elysee",
        "geneva",
        "us state department",
    ]


# --- capitals without the city index -------------------------------------------------------


@pytest.fixture(scope="module")
def built() -> PlaceIndex:
    """The place index as built from GeoNames and ISO 3166-2, in memory."""
    return index.build()


def cities_of(built: PlaceIndex) -> dict[str, tuple[City, ...]]:
    assert isinstance(built.cities, index.MemoryIndex)
    return built.cities.cities


def test_the_capital_table_is_what_the_city_index_says(built: PlaceIndex) -> None:
    table = country_tables()
    assert index.capital_names(cities_of(built), table.alpha3_of) == table.capital_names
    # Its own names and former ones; not a name a larger city also bears.
    assert {n: table.capital_names.get(n) for n in ("tehran", "peking", "bombay", "victoria")} == {
        "tehran": "IRN",
        "peking": "CHN",
        "bombay": None,  # Mumbai is no capital
        "victoria": None,  # British Columbia's, more prominent than the Seychelles'
    }


COUNTRY_PROBE = """
import json, sys
from timeline import gazetteer, gazetteer_tables
found = [getattr(gazetteer.country(t), "alpha3", None) for t in sys.argv[1:]]
print(json.dumps({"found": found, "cities": gazetteer_tables.place_tables.cache_info().currsize,
                  "index": "timeline.gazetteer_index" in sys.modules}))
"""


def test_country_lookups_never_load_the_city_index() -> None:
    texts = ["Tehran", "Peking", "Iranian", "the Kremlin", "U.S.", "Zaire", "Geneva", "Lavrov"]
    done = subprocess.run(
        [sys.executable, "-c", COUNTRY_PROBE, *texts], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout)
    assert report["found"] == ["IRN", "CHN", "IRN", "RUS", "USA", "COD", None, None]
    assert (report["cities"], report["index"]) == (0, False)


# --- the cache --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cached(built: PlaceIndex, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cache") / "places-test.sqlite"
    assert index.write(path, built, "test")
    return path


def test_the_cache_says_what_the_index_built_in_memory_says(
    built: PlaceIndex, cached: Path
) -> None:
    found = index.open_cache(cached, "test")
    assert found is not None and isinstance(found.cities, index.SqliteIndex)
    names = cities_of(built)
    assert all(found.cities.get(name) == bearers for name, bearers in names.items())
    assert found.cities.get("xyzzyville") == ()
    assert found.subdivisions == built.subdivisions
    assert found.subdivision_places == built.subdivision_places


def test_the_cache_answers_threads_at_once(built: PlaceIndex, cached: Path) -> None:
    found = index.open_cache(cached, "test")
    assert found is not None
    names = sorted(cities_of(built))[::40] * 4
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(found.cities.get, names))
    assert answers == [cities_of(built)[name] for name in names]


def test_reading_the_cache_writes_nothing(cached: Path) -> None:
    before = sorted(cached.parent.iterdir())
    found = index.open_cache(cached, "test")
    assert found is not None and found.cities.get("geneva")[0].geonameid == 2660646
    assert sorted(cached.parent.iterdir()) == before  # no journal, no lock file


def test_a_cache_made_from_other_sources_is_not_read(cached: Path) -> None:
    assert index.open_cache(cached, "another digest") is None


@pytest.mark.parametrize("content", [b"", b"not a database", b"SQLite format 3\x00" + b"\x00" * 80])
def test_a_file_that_is_no_cache_is_not_read(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "places-test.sqlite"
    path.write_bytes(content)
    assert index.open_cache(path, "test") is None
    assert index.open_cache(tmp_path / "missing.sqlite", "test") is None


def test_a_cache_damaged_once_open_gives_way_to_geonames(built: PlaceIndex, tmp_path: Path) -> None:
    path = tmp_path / "places-test.sqlite"
    assert index.write(path, built, "test")
    found = index.open_cache(path, "test")
    assert found is not None
    path.write_bytes(b"\x00" * path.stat().st_size)  # the same file, overwritten
    assert found.cities.get("peking") == cities_of(built)["peking"]


def test_no_cache_is_written_where_none_can_be(built: PlaceIndex, tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    assert not index.write(blocked / "places-test.sqlite", built, "test")
    assert [p.name for p in tmp_path.iterdir()] == ["a file"]


def test_the_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    assert index.cache_dir() == tmp_path
    monkeypatch.setenv("TIMELINE_CACHE_DIR", "")
    assert index.cache_dir() is None and index.cache_path("x") is None
    monkeypatch.delenv("TIMELINE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert index.cache_dir() == tmp_path / "xdg" / "timeline"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert index.cache_dir() == tmp_path / "home" / ".cache" / "timeline"


def test_the_digest_names_what_the_index_is_made_from() -> None:
    key = index.digest()
    assert key is not None and len(key) == 20 and key == index.digest()


# --- the same answers, however the index is had -------------------------------------------

LOOKUP_PROBE = """
import dataclasses, json, sys
from timeline import gazetteer, gazetteer_tables
def record(found):
    return None if found is None else list(dataclasses.astuple(found))
answers = {
    "place": {n: record(gazetteer.place(n)) for n in json.loads(sys.argv[1])},
    "place_in": {f"{n}, {w}": record(gazetteer.place_in(n, w)) for n, w in json.loads(sys.argv[2])},
    "country": {n: record(gazetteer.country(n)) for n in json.loads(sys.argv[3])},
    "index": type(gazetteer_tables.place_tables().cities).__name__,
}
print(json.dumps(answers))
"""

PLACES = {
    "Geneva": ["Geneva", "city", "CHE", "CH", 46.20222, 6.14569, 2660646],
    "Genf": ["Geneva", "city", "CHE", "CH", 46.20222, 6.14569, 2660646],  # an alternate name
    "Peking": ["Beijing", "city", "CHN", "CN", 39.9075, 116.39723, 1816670],
    "Bombay": ["Mumbai", "city", "IND", "IN", 19.07283, 72.88261, 1275339],
    "Springfield": ["Springfield", "city", "USA", "US", 37.21533, -93.29824, 4409896],  # Missouri
    "Hamilton": ["Hamilton", "city", "CAN", "CA", 43.25011, -79.84963, 5969782],  # not Bermuda
    "Victoria": ["Victoria", "region", "AUS", "AU", None, None, None],  # the Australian state
    "Iran": ["Iran", "country", "IRN", "IR", 32.0, 53.0, 130758],
    "Xyzzyville": None,
}

PLACES_IN = {
    "Springfield, PA": ["Springfield", "city", "USA", "US", 39.93067, -75.32019, 4561407],
    "Portland, Texas": ["Portland", "city", "USA", "US", 27.87725, -97.32388, 4720131],
    "Springfield, Texas": None,
}

COUNTRIES = {
    "Peking": ["CHN", "China", "CN"],
    "Tehran": ["IRN", "Iran", "IR"],
    "Paris": ["FRA", "France", "FR"],
    "San Jose": ["CRI", "Costa Rica", "CR"],  # its capital, though a larger city bears the name
    "Iranian": ["IRN", "Iran", "IR"],
    "Greek Cypriots": ["CYP", "Cyprus", "CY"],
    "the Kremlin": ["RUS", "Russia", "RU"],
    "Zaire": ["COD", "Democratic Republic of the Congo", "CD"],
    "Victoria": None,  # the Seychelles' capital, but a Canadian city of that name outweighs it
    "Hamilton": None,  # Bermuda's, likewise
    "Geneva": None,
}


def lookups(cache: str) -> dict[str, object]:
    argv = [json.dumps(list(PLACES)), json.dumps([k.split(", ") for k in PLACES_IN])]
    argv.append(json.dumps(list(COUNTRIES)))
    env = {**os.environ, "TIMELINE_CACHE_DIR": cache}
    done = subprocess.run(
        [sys.executable, "-c", LOOKUP_PROBE, *argv],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout)


def test_the_same_answers_from_geonames_and_from_the_cache(tmp_path: Path) -> None:
    expected = {"place": PLACES, "place_in": PLACES_IN, "country": COUNTRIES}
    built_now = lookups(str(tmp_path))  # no cache yet: built in memory, then written
    assert built_now == {**expected, "index": "MemoryIndex"}
    assert [p.name.startswith("places-") for p in tmp_path.iterdir()] == [True]
    assert lookups(str(tmp_path)) == {**expected, "index": "SqliteIndex"}
    assert lookups("") == {**expected, "index": "MemoryIndex"}  # no cache at all


def test_the_load_benchmark_reports_each_lookup() -> None:
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "gazetteer_load.py"
    argv = ["--steps", "country", "--states", "off", "--repeat", "1"]
    done = subprocess.run([sys.executable, str(script), *argv], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    header, row = done.stdout.splitlines()
    assert header.split() == ["lookup", "cache", "cpu", "s", "peak", "MB", "index", "loaded"]
    assert row.split()[:2] == ["country", "off"] and row.split()[-1] == "no"
    bad = subprocess.run([sys.executable, str(script), "--steps", "city"], capture_output=True)
    assert bad.returncode == 2 and b"steps are country, place, place_in" in bad.stderr
