"""The gazetteer made cheap: its fast paths say what the plain definitions say."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.gazetteer_cities import City, build, capital_names
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
def cities() -> dict[str, tuple[City, ...]]:
    """The city index as built from GeoNames, in memory."""
    return build()


def test_the_capital_table_is_what_the_city_index_says(cities: dict[str, tuple[City, ...]]) -> None:
    table = country_tables()
    assert capital_names(cities, table.alpha3_of) == table.capital_names
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
                  "index": "timeline.gazetteer_cities" in sys.modules}))
"""


def test_country_lookups_never_load_the_city_index() -> None:
    texts = ["Tehran", "Peking", "Iranian", "the Kremlin", "U.S.", "Zaire", "Geneva", "Lavrov"]
    done = subprocess.run(
        [sys.executable, "-c", COUNTRY_PROBE, *texts], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout)
    assert report["found"] == ["IRN", "CHN", "IRN", "RUS", "USA", "COD", None, None]
    assert (report["cities"], report["index"]) == (0, False)
