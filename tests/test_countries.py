"""screen.countries: country text to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import screen
from screen import countries
from screen.countries import codes_in, codes_of, normalize

REPO = Path(__file__).resolve().parents[1]

# Values of the real lists' "nationalities" and "countries" that name no country.
NAMES_NO_COUNTRY = {
    "None Identified": "OFAC's way of saying there is no nationality",
    "undetermined": "no country given",
    "115088": "a Moscow postcode in a country field, not a country",
    "Region: Commonwealth of Independent States": "a group of twelve countries",
}


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("RU", {"RU"}),
        ("RUS", {"RU"}),
        ("ru", {"RU"}),
        ("Russian Federation", {"RU"}),
        ("Russia", {"RU"}),
        ("Россия", {"RU"}),
        ("Russie", {"RU"}),
        ("Russland", {"RU"}),
        ("North Korea", {"KP"}),
        ("Korea, North", {"KP"}),
        ("DPRK", {"KP"}),
        ("KP", {"KP"}),
        ("Korea, South", {"KR"}),
        ("Burma", {"MM"}),
        ("Myanmar", {"MM"}),
        ("UK", {"GB"}),
        ("GB", {"GB"}),
        ("United Kingdom", {"GB"}),
        ("U.S.A.", {"US"}),
        ("The Netherlands", {"NL"}),
        ("Bahamas, The", {"BS"}),
        ("St. Kitts & Nevis", {"KN"}),
        ("Côte d’Ivoire", {"CI"}),
        ("Türkiye", {"TR"}),
        ("Kosovo", {"XK"}),
        ("Georgia", {"GE"}),
        ("Korea", {"KP", "KR"}),
        ("Congo", {"CD", "CG"}),
        # nationality words and the World Bank's short forms, as a bank's field has them
        ("Iranian", {"IR"}),
        ("North Korean", {"KP"}),
        ("KSA", {"SA"}),
        ("Saudi", {"SA"}),
        # ... for the countries the lists name most ("Mexican": 889 parties was "not
        # recognised, not used"); one two countries share stays unread
        ("Mexican", {"MX"}),
        ("Colombian", {"CO"}),
        ("British", {"GB"}),
        ("American", {"US"}),
        ("South Sudanese", {"SS"}),
        ("Sudanese", {"SD"}),
        ("N. Korea", {"KP"}),
        ("Dominican", set()),
        ("Syrian Arab Rep.", {"SY"}),
        ("Korea, Rep.", {"KR"}),
        ("Korea, Dem. People's Rep.", {"KP"}),
        ("Chinese Taipei", {"TW"}),
        ("Congo, Dem. Rep.", {"CD"}),
        ("Congo, Rep.", {"CG"}),
        ("Iran, Islamic Rep.", {"IR"}),
        ("Venezuela, RB", {"VE"}),
        ("Hong Kong SAR, China", {"HK"}),
        ("West Bank and Gaza", {"PS"}),
        # Kosovo's code, outside ISO 3166-1 but what the EU and SWIFT write
        ("XK", {"XK"}),
        ("XKX", {"XK"}),
    ],
)
def test_codes_and_names_resolve_in_query_and_listed_values(text, codes):
    assert codes_of(text) == codes
    assert codes_in(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Romania", {"RO"}),
        ("Nigeria", {"NG"}),
        ("Somalia", {"SO"}),
        ("Papua New Guinea", {"PG"}),
        ("Equatorial Guinea", {"GQ"}),
        ("Guinea-Bissau", {"GW"}),
        ("Dominican Republic", {"DO"}),
        ("South Sudan", {"SS"}),
        ("Sudan", {"SD"}),
        # a qualifier after a comma, as lists write it: not the country it qualifies
        ("Sudan, South", {"SS"}),
        ("Guinea, Equatorial", {"GQ"}),
        ("Korea, South", {"KR"}),
        # a continent's part is no country ("America" read as the US)
        ("South America", set()),
        ("Region: Latin America", set()),
    ],
)
def test_a_name_inside_another_never_counts(text, codes):
    assert codes_in(text) == codes
    if "," in text or not codes:
        assert codes_of(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Moscow, Russia", {"RU"}),
        ("Culiacan, Sinaloa, Mexico", {"MX"}),
        ("St. Petersburg, Russia", {"RU"}),
        ("Tbilisi, Georgia", {"GE"}),
        ("Touggourt, Wilaya (province) of Ouargla, ALGERIA", {"DZ"}),
        ("Congo (Democratic Republic)", {"CD"}),
        ("CONGO, Democratic Republic of (was Zaire)", {"CD"}),
        ("Congo, Republic of the", {"CG"}),
        ("Region: Northern Mali", {"ML"}),
        ("Estonia, Russia", {"EE", "RU"}),
        ("North Hamgyong Province, North Korea", {"KP"}),
        ("Santa Fe, New Mexico, USA", {"US"}),
        ("Salmas, West Azerbaijan Province, Iran", {"IR"}),
        ("Kharkiv, Ukrainian SSR (now Ukraine)", {"UA"}),
        # a former country counts only when no current one is named
        ("Baku, Azerbaijan (former USSR)", {"AZ"}),
        ("Belgrade, Serbia and Montenegro", {"RS", "ME"}),
        ("Sreka, ex-Yugoslavia", {"RS", "ME", "BA", "HR", "SI", "MK", "XK"}),
    ],
)
def test_places_resolve_to_their_country(text, codes):
    assert codes_in(text) == codes


@pytest.mark.parametrize(
    "text",
    ["Born in Al Mukalla and to the port", "in", "Al", "AND", "to"],
)
def test_bare_codes_inside_listed_text_are_words(text):
    if " " in text:
        assert codes_in(text) == frozenset()
    else:  # alone, the whole value is a code; a bank may well send "in" for India
        assert codes_in(text) == codes_of(text) != frozenset()


@pytest.mark.parametrize("text", ["", "   ", "Atlantis", "Moscow Oblast", "Region: Kurdistan"])
def test_unknown_text_gives_no_codes(text):
    assert codes_of(text) == frozenset()


def test_query_country_is_read_whole():
    assert codes_of("Moscow, Russia") == frozenset()
    assert codes_in("Moscow, Russia") == {"RU"}


def test_non_str_is_a_type_error():
    with pytest.raises(TypeError, match="'text' must be a str"):
        codes_of(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'text' must be a str"):
        codes_in(["RU"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "norm"),
    [
        ("Cote d'Ivoire", "cote divoire"),
        ("St. Kitts & Nevis", "saint kitts and nevis"),
        ("U.S.A.", "usa"),
        ("  Korea,   DEMOCRATIC People’s Rep.", "korea democratic peoples rep"),
        ("Россия", "rossiia"),
    ],
)
def test_normalize(text, norm):
    assert normalize(text) == norm


@given(st.text())
def test_normalizing_twice_changes_nothing(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_codes_are_iso_alpha2(text):
    for code in codes_in(text) | codes_of(text):
        assert len(code) == 2 and code.isupper()


def test_table_is_normalized_sorted_and_small():
    lines = countries.DATA.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert rows == sorted(rows)
    assert countries.DATA.stat().st_size < 150_000
    former = {row[1] for row in rows if row[2:] == ["former"]}
    current = {row[1] for row in rows if row[2:] == []}
    assert not former & current
    for row in rows:
        code, name = row[:2]
        assert len(code) == 2 and code.isupper()
        assert name.isupper() or normalize(name) == name


def test_table_is_what_the_build_script_makes():
    """The shipped table is up to date with tools/build_countries.py and pycountry."""
    if importlib.util.find_spec("pycountry") is None:
        pytest.skip("pycountry is not installed (pip install -e '.[tools]')")
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build_countries
    finally:
        sys.path.pop(0)
    shipped = countries.DATA.read_text(encoding="utf-8")
    if shipped.splitlines()[0] != build_countries.render([]).splitlines()[0]:
        pytest.skip("the table was made from another pycountry version")
    assert build_countries.render(build_countries.build()[0]) == shipped


def _distinct(imported, column: str) -> list[str]:
    table = screen.load(imported.home).entities
    return sorted({v for vs in table.column(column).to_pylist() if vs for v in vs})


@pytest.mark.slow
@pytest.mark.parametrize("column", ["nationalities", "countries"])
def test_every_listed_country_value_resolves(imported, column):
    values = _distinct(imported, column)
    unresolved = [v for v in values if not codes_in(v)]
    print(f"\n{column}: {len(values)} distinct values, unresolved: {unresolved}")
    assert set(unresolved) <= set(NAMES_NO_COUNTRY), unresolved
    for value in NAMES_NO_COUNTRY:
        assert not codes_in(value), f"{value!r} now resolves: remove it from the list"


@pytest.mark.slow
def test_most_birth_places_name_their_country(imported):
    # (96.3% of 3,655 when written: the rest name a town or region alone, "Damascus",
    # "Kursk", "Guerrero, Michoacan")
    values = _distinct(imported, "birth_places")
    unresolved = [v for v in values if not codes_in(v)]
    share = 1 - len(unresolved) / len(values)
    print(f"\nbirth_places: {len(values)} distinct, {share:.1%} resolve to a code")
    print("unresolved, for example:", unresolved[:: max(1, len(unresolved) // 20)][:20])
    assert share > 0.95
