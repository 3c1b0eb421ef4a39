"""The shared country table: ISO 3166-1 codes, the names the app shows, the names people type."""

from __future__ import annotations

import re

import pytest

from polyu_tui.data.countries import Country, all_countries, country_by_code, resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("America", "US"),
        ("the U.S.", "US"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("England", "GB"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Republic of Korea", "KR"),
        ("korea", "KR"),
        ("North Korea", "KP"),
        ("Hong Kong", "HK"),
        ("Hong Kong SAR, China", "HK"),
        ("Mainland China", "CN"),
        ("China", "CN"),
        ("People’s Republic of China", "CN"),
        ("Macao", "MO"),
        ("Macau", "MO"),
        ("Taiwan", "TW"),
        ("Taiwan, Province of China", "TW"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("The Netherlands", "NL"),
        ("Holland", "NL"),
        ("Côte d'Ivoire", "CI"),
        ("cote d’ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("  sweden  ", "SE"),
        ("SLOVENIA", "SI"),
        ("Czech Republic", "CZ"),
        ("Burma", "MM"),
    ],
)
def test_common_spellings_resolve(text: str, code: str) -> None:
    country = resolve_country(text)
    assert country is not None, text
    assert country.code == code


@pytest.mark.parametrize(
    ("text", "code"), [("KR", "KR"), ("GBR", "GB"), ("IN", "IN"), ("DEU", "DE")]
)
def test_iso_codes_in_capitals_resolve(text: str, code: str) -> None:
    country = resolve_country(text)
    assert country is not None
    assert country.code == code


@pytest.mark.parametrize("text", ["", "   ", "in", "Atlantis", "Asia", "the", "Korea University"])
def test_what_is_not_a_country_resolves_to_none(text: str) -> None:
    assert resolve_country(text) is None


def test_names_shown_are_the_short_ones_people_use() -> None:
    shown = {code: resolve_country(code) for code in ("KR", "RU", "VN", "TW", "GB", "US", "CN")}
    assert {code: c.name for code, c in shown.items() if c} == {
        "KR": "South Korea",
        "RU": "Russia",
        "VN": "Vietnam",
        "TW": "Taiwan",
        "GB": "U.K.",
        "US": "U.S.",
        "CN": "Mainland China",
    }


def test_every_country_resolves_by_its_name_and_code() -> None:
    countries = all_countries()
    assert len(countries) >= 249
    assert len({c.code for c in countries}) == len(countries)
    for country in countries:
        assert resolve_country(country.name) == country
        assert resolve_country(country.code) == country
        # No formal "Korea, Republic of" or "Falkland Islands (Malvinas)" shown.
        assert not re.search(r",.*\bof\b|Malvinas|French part", country.name), country.name


def test_country_is_frozen_and_lookup_by_code_ignores_case() -> None:
    korea = country_by_code("kr")
    assert korea == Country("KR", "South Korea")
    with pytest.raises(AttributeError):
        korea.code = "KP"  # type: ignore[misc]
    assert country_by_code("xx") is None
