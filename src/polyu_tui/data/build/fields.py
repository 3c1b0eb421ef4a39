"""The fields each kind of source record may have, their types, and where in its TOML
file each one is written, so a wrong value is reported as ``FILE:LINE: field: message``.

data/README.md describes the same fields for people; a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    """``type``: text, texts (a list of text), ref, refs, year (a whole number),
    count (a whole number, 0 or more), number, or quotes (a non-empty list of text)."""

    type: str
    required: bool = False
    choices: tuple[str, ...] = ()


ID = Field("text", required=True)
NAME = Field("text", required=True)
TEXT = Field("text")
TEXTS = Field("texts")
REF = Field("ref")
REFS = Field("refs")
YEAR = Field("year")
COUNT = Field("count")
QUOTES = Field("quotes", required=True)


def one_of(*choices: str, required: bool = True) -> Field:
    return Field("text", required=required, choices=choices)


NAMED = {"id": ID, "name": NAME, "acronym": TEXT, "aliases": TEXTS, "sources": QUOTES}

FIELDS: dict[str, dict[str, Field]] = {
    "place": {
        "id": ID,
        "name": NAME,
        "aliases": TEXTS,
        "sources": QUOTES,
        "kind": one_of("country", "region", "site", "continent", "other"),
        "parent": REF,
    },
    "organisation": {
        **NAMED,
        # Left out where the article gives no type: reference/organisations.toml has it.
        "kind": one_of("university", "institute", "company", "government", "polyu", required=False),
        "place": REF,
        "parent": REF,
        "relationship": TEXT,
        "description": TEXT,
        "partners": REFS,
        "wie_place": REF,
    },
    "alliance": {
        **NAMED,
        "grouping": one_of("belt-and-road", "international"),
        "polyu_role": one_of("co-founder", "founder", "member"),
        "role_detail": TEXT,
        "founded_year": YEAR,
        "member_count": COUNT,
        "member_qualifier": TEXT,
        "member_unit": TEXT,
        "country_count": COUNT,
        "country_unit": TEXT,
        "cofounders": REFS,
        "regions": REFS,
        "focus": TEXT,
    },
    "research": {
        **NAMED,
        "kind": one_of("innohk-centre", "research-centre", "institute", "industry-collaboration"),
        "place": REF,
        "funding": REF,
        "partners": REFS,
        "founded_year": YEAR,
        "description": TEXT,
    },
    "programme": {
        **NAMED,
        "kind": one_of(
            "dual-phd",
            "exchange",
            "wie",
            "service-learning",
            "training",
            "scholarship",
            "subsidy",
            "initiative",
            "agreement",
            "cross-border",
        ),
        "partners": REFS,
        "destinations": REFS,
        "parent": REF,
        "signed_by": REF,
        "participants_from": REFS,
        "approved_by": REFS,
        "started_year": YEAR,
        "period": TEXT,
        "description": TEXT,
    },
    "outcome": {
        "id": ID,
        "programme": Field("ref", required=True),
        "text": Field("text", required=True),
        "sources": QUOTES,
    },
    "figure": {
        "id": ID,
        "label": Field("text", required=True),
        "value": Field("number", required=True),
        "unit": TEXT,
        "qualifier": one_of(
            "exact",
            "more than",
            "over",
            "about",
            "almost",
            "up to",
            "approximately",
            required=False,
        ),
        "period": TEXT,
        "as_of": TEXT,
        "status": one_of("actual", "target", "projection", "announced", required=False),
        "subject": REF,
        "card": TEXT,
        "sources": QUOTES,
    },
    "milestone": {
        "id": ID,
        "year": Field("year", required=True),
        "period": TEXT,
        "label": Field("text", required=True),
        "kind": one_of(
            "founding", "first", "event", "recognition", "target", "projection", required=False
        ),
        "subject": REF,
        "sources": QUOTES,
    },
}

_WHAT = {
    "text": "text",
    "texts": "a list of text",
    "ref": "an id (text)",
    "refs": "a list of ids",
    "year": "a year (a whole number)",
    "count": "a whole number, 0 or more",
    "number": "a number",
    "quotes": "a list of sentences from the article",
}


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def field_problem(field: Field, value: Any) -> str | None:
    """Why ``value`` does not fit ``field`` (None if it does)."""
    kind = field.type
    if kind in ("text", "ref"):
        fits = _is_text(value) and (value.strip() != "" or not field.required)
    elif kind in ("texts", "refs", "quotes"):
        fits = isinstance(value, list) and all(_is_text(item) for item in value)
        if fits and kind == "quotes" and not value:
            return "needs at least one source quote (a sentence of the article)"
    elif kind == "year":
        fits = _is_int(value) and 0 < value < 10_000
    elif kind == "count":
        fits = _is_int(value) and value >= 0
    elif kind == "number":
        fits = (_is_int(value) or isinstance(value, float)) and value == value  # not NaN
    else:  # pragma: no cover - a typo in FIELDS
        raise ValueError(f"unknown field type {kind!r}")
    if not fits:
        return f"{_shown(value)} is not {_WHAT[kind]}"
    if field.choices and value not in field.choices:
        return f"{_shown(value)} is not one of: {', '.join(field.choices)}"
    return None


# A line that opens a record: [[array]] (with optional spaces and a comment).
_TABLE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


@dataclass
class Positions:
    """Where a TOML file of ``[[array]]`` records writes each record and field."""

    top: dict[str, int]  # top-level key -> line
    records: dict[str, list[tuple[int, dict[str, int]]]]  # array -> [(line, {key: line})]

    def record_line(self, array: str, index: int) -> int:
        found = self.records.get(array, [])
        return found[index][0] if index < len(found) else 0

    def field_line(self, array: str, index: int, key: str) -> int:
        found = self.records.get(array, [])
        if index >= len(found):
            return 0
        line, keys = found[index]
        return keys.get(key, line)


def positions(text: str) -> Positions:
    """Line numbers (from 1) of top-level keys, each ``[[array]]`` and its keys.

    Only the first line of a key's value counts, so a multi-line array does not
    confuse it; lines inside a multi-line string are skipped.
    """
    top: dict[str, int] = {}
    records: dict[str, list[tuple[int, dict[str, int]]]] = {}
    current: dict[str, int] | None = None
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        table = _TABLE.match(line)
        if table:
            current = {}
            records.setdefault(table.group(1), []).append((number, current))
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip('"')
            (top if current is None else current).setdefault(name, number)
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2 == 1:
                in_string = quotes
    return Positions(top, records)
