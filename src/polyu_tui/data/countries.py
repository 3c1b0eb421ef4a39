"""Countries and territories: ISO 3166-1 codes, the names the app shows, the names people type.

The codes and official names come from the `iso3166` package (ISO 3166-1). On top of them:

- the name the app shows, where ISO's is a formal one nobody types ("Korea, Republic of" is
  shown as "South Korea"), and the article's own spelling where the article names the country
  ("U.K.", "U.S.", "Mainland China"), so a place page and a partner's country agree;
- the English names a spreadsheet or a visitor uses instead ("USA", "Britain", "Holland",
  "Macau", "Korea, Republic of", "Viet Nam", "Burma", ...).

`resolve_country` folds case, accents and punctuation ("U.K." == "uk", "Côte d'Ivoire" ==
"cote d ivoire") and drops a leading "the". Two- and three-letter ISO codes are accepted only
as typed in capitals ("IN" is India, "in" is not a country).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from iso3166 import countries as _iso


@dataclass(frozen=True, slots=True)
class Country:
    """One ISO 3166-1 country or territory."""

    code: str
    """ISO 3166-1 alpha-2, upper case (`KR`)."""
    name: str
    """The name the app shows (`South Korea`)."""


# The name the app shows, where it differs from ISO 3166-1's short name.
DISPLAY_NAMES: dict[str, str] = {
    # The article's own spelling.
    "CN": "Mainland China",
    "GB": "U.K.",
    "US": "U.S.",
    # ISO's formal "X, Republic of" style, or a name few people use.
    "BO": "Bolivia",
    "BN": "Brunei",
    "CD": "DR Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint Martin",
    "NR": "Nauru",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
    "VN": "Vietnam",
}

# Names people type for a country besides its ISO name, its display name and its codes.
ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "Emirates"),
    "BA": ("Bosnia",),
    "BO": ("Bolivia",),
    "CD": ("Democratic Republic of the Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast",),
    "CN": (
        "China",
        "Mainland",
        "Mainland China",
        "Chinese Mainland",
        "PRC",
        "P.R. China",
        "People's Republic of China",
        "China, People's Republic of",
    ),
    "CV": ("Cape Verde",),
    "CZ": ("Czech Republic",),
    "GB": (
        "UK",
        "United Kingdom",
        "Britain",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    ),
    "HK": ("Hong Kong SAR", "Hong Kong, China", "Hong Kong SAR, China", "HKSAR"),
    "IR": ("Iran",),
    "KP": ("Korea, North", "DPRK", "Democratic People's Republic of Korea"),
    "KR": ("Korea", "Republic of Korea", "Korea, South", "ROK"),
    "LA": ("Lao PDR", "Lao"),
    "MD": ("Moldova",),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "MO": ("Macau", "Macao SAR", "Macau SAR", "Macao, China", "Macau, China"),
    "NL": ("Holland", "The Netherlands", "Netherlands, Kingdom of the"),
    "NR": ("Nauru",),
    "PS": ("Palestinian Territories",),
    "RU": ("Russian Federation",),
    "SY": ("Syria",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "TW": ("Taiwan, China", "Chinese Taipei", "Taiwan ROC", "Republic of China"),
    "TZ": ("Tanzania",),
    "US": ("USA", "United States", "United States of America", "America", "U.S.A."),
    "VA": ("Vatican", "Holy See"),
    "VE": ("Venezuela",),
    "VN": ("Viet Nam",),
}

_PUNCT = re.compile(r"[^\w]+")


def fold_country(text: str) -> str:
    """The lookup key of a name: 'the U.K.' -> 'uk', 'Côte d’Ivoire' -> 'cote d ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Dots join an abbreviation's letters (U.S.A.); '&' is 'and'; other punctuation separates.
    lowered = stripped.casefold().replace(".", "").replace("&", " and ")
    words = _PUNCT.sub(" ", lowered).replace("_", " ").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@cache
def all_countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country or territory, sorted by the name the app shows."""
    found = [Country(c.alpha2, DISPLAY_NAMES.get(c.alpha2, c.name)) for c in _iso]
    return tuple(sorted(found, key=lambda c: fold_country(c.name)))


@cache
def _index() -> tuple[dict[str, Country], dict[str, Country]]:
    by_code = {c.code: c for c in all_countries()}
    codes: dict[str, Country] = {}
    names: dict[str, Country] = {}
    for record in _iso:
        country = by_code[record.alpha2]
        codes[record.alpha2] = country
        codes[record.alpha3] = country
        spellings = (record.name, record.apolitical_name, country.name)
        for spelling in (*spellings, *ALIASES.get(record.alpha2, ())):
            names.setdefault(fold_country(spelling), country)
    return codes, names


def country_by_code(code: str) -> Country | None:
    """The country with this ISO 3166-1 alpha-2 or alpha-3 code (any case), or None."""
    codes, _ = _index()
    return codes.get(code.strip().upper())


def resolve_country(text: str) -> Country | None:
    """The country `text` names ('USA', 'Korea, Republic of', 'Macau', 'GB'), or None."""
    codes, names = _index()
    stripped = text.strip()
    if stripped.isupper() and stripped in codes:
        return codes[stripped]
    key = fold_country(stripped)
    return names.get(key) if key else None
