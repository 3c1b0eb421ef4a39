"""The columns of an agreement list and the rule each value must follow.

One row of a file becomes one :class:`Agreement`, or a list of :class:`Problem`s that
name the column and the offending value. Nothing here reads files or writes databases.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from polyu_tui.data.text import fold

# Every column, in the order a template and an export write them.
COLUMNS: tuple[str, ...] = (
    "agreement_id",
    "partner",
    "country",
    "agreement_type",
    "start_date",
    "end_date",
    "status",
    "polyu_unit",
    "partner_unit",
    "level",
    "direction",
    "places_out",
    "places_in",
    "subject_area",
    "city",
    "notes",
    "contact_name",
    "contact_email",
    "url",
)
REQUIRED: tuple[str, ...] = ("partner", "country", "agreement_type", "start_date")
CONTACT_COLUMNS: tuple[str, ...] = ("contact_name", "contact_email")

AGREEMENT_TYPES: tuple[str, ...] = (
    "mou",
    "student_exchange",
    "staff_exchange",
    "research",
    "dual_degree",
    "joint_degree",
    "articulation",
    "joint_phd",
    "study_abroad",
    "summer",
    "internship",
    "service_learning",
    "other",
)
STATUSES: tuple[str, ...] = (
    "draft",
    "negotiating",
    "active",
    "renewal_pending",
    "expired",
    "terminated",
)
LEVELS: tuple[str, ...] = ("ug", "pgt", "pgr", "staff")
DIRECTIONS: tuple[str, ...] = ("both", "outbound", "inbound")

# The coded columns and their values: what the XLSX template offers as drop-downs.
CODED: dict[str, tuple[str, ...]] = {
    "agreement_type": AGREEMENT_TYPES,
    "status": STATUSES,
    "level": LEVELS,
    "direction": DIRECTIONS,
}

PARTNER_MAX = 200
NOTES_MAX = 2000

# Spellings people use for a coded value, by key() of the spelling.
_TYPE_SPELLINGS: dict[str, str] = {
    "memorandumofunderstanding": "mou",
    "memorandum": "mou",
    "generalagreement": "mou",
    "frameworkagreement": "mou",
    "exchange": "student_exchange",
    "studentexchangeagreement": "student_exchange",
    "studentmobility": "student_exchange",
    "staffmobility": "staff_exchange",
    "researchcollaboration": "research",
    "researchagreement": "research",
    "doubledegree": "dual_degree",
    "jointphdprogramme": "joint_phd",
    "jointphdprogram": "joint_phd",
    "dualphd": "joint_phd",
    "summerschool": "summer",
    "summerprogramme": "summer",
    "summerprogram": "summer",
}
_STATUS_SPELLINGS: dict[str, str] = {
    "indraft": "draft",
    "undernegotiation": "negotiating",
    "negotiation": "negotiating",
    "current": "active",
    "valid": "active",
    "signed": "active",
    "pendingrenewal": "renewal_pending",
    "renewal": "renewal_pending",
    "forrenewal": "renewal_pending",
    "lapsed": "expired",
    "ended": "terminated",
    "cancelled": "terminated",
    "canceled": "terminated",
}
_LEVEL_SPELLINGS: dict[str, str] = {
    "undergraduate": "ug",
    "pg": "pgt",
    "postgraduate": "pgt",
    "postgraduatetaught": "pgt",
    "taughtpostgraduate": "pgt",
    "masters": "pgt",
    "postgraduateresearch": "pgr",
    "researchpostgraduate": "pgr",
    "phd": "pgr",
    "doctoral": "pgr",
}
_DIRECTION_SPELLINGS: dict[str, str] = {
    "twoway": "both",
    "bilateral": "both",
    "reciprocal": "both",
    "out": "outbound",
    "in": "inbound",
}

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAYFIRST_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
# What a spreadsheet-safe export prefixes with "'" (OWASP CSV injection guidance).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "\n")


def quick_fold(text: str) -> str:
    """``fold`` with a shortcut for plain ASCII text (most of an agreement list)."""
    if text.isascii() and "`" not in text:
        return " ".join(text.lower().split())
    return fold(text)


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """'Memorandum of Understanding' -> 'memorandumofunderstanding'."""
    return _NON_ALNUM.sub("", quick_fold(text))


def header_key(text: str) -> str:
    """A header as matched to a column: case, spaces, hyphens and underscores ignored."""
    return re.sub(r"[\s\-_]+", "", text.strip().lower())


HEADER_KEYS: dict[str, str] = {header_key(column): column for column in COLUMNS}


def _spellings(values: tuple[str, ...], extra: Mapping[str, str]) -> dict[str, str]:
    table = {key(value): value for value in values}
    table.update({key(value.replace("_", " ")): value for value in values})
    table.update(extra)
    return table


_TYPES = _spellings(AGREEMENT_TYPES, _TYPE_SPELLINGS)
_STATUS = _spellings(STATUSES, _STATUS_SPELLINGS)
_LEVEL = _spellings(LEVELS, _LEVEL_SPELLINGS)
_DIRECTION = _spellings(DIRECTIONS, _DIRECTION_SPELLINGS)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a warning) in a file, at a place in it."""

    where: str  # 'agreements.csv:5' or 'agreements.xlsx:Sheet1!5'
    column: str  # '' for a problem with a whole row or file
    message: str

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.column}: {self.message}"
            if self.column
            else (f"{self.where}: {self.message}")
        )


@dataclass(frozen=True, slots=True)
class Agreement:
    """One agreement, every value checked and in its coded form."""

    partner: str
    country_code: str
    country: str
    agreement_type: str
    start_date: str  # ISO 8601 date
    end_date: str = ""  # '' = open-ended
    agreement_id: str = ""
    status: str = ""  # '' = worked out from the dates when read
    polyu_unit: str = ""
    partner_unit: str = ""
    level: str = ""  # ';'-joined codes, in LEVELS order
    direction: str = ""
    places_out: int | None = None
    places_in: int | None = None
    subject_area: str = ""
    city: str = ""
    notes: str = ""
    contact_name: str = ""
    contact_email: str = ""
    url: str = ""
    source: str = field(default="", compare=False)  # where it was read: 'FILE:LINE'

    def values(self) -> dict[str, Any]:
        """Column -> value, as an export writes it (country as its display name)."""
        return {
            "agreement_id": self.agreement_id,
            "partner": self.partner,
            "country": self.country,
            "agreement_type": self.agreement_type,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "status": self.status,
            "polyu_unit": self.polyu_unit,
            "partner_unit": self.partner_unit,
            "level": self.level,
            "direction": self.direction,
            "places_out": self.places_out,
            "places_in": self.places_in,
            "subject_area": self.subject_area,
            "city": self.city,
            "notes": self.notes,
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
            "url": self.url,
        }


def status_on(status: str, start_date: str, end_date: str, today: dt.date) -> str:
    """The status shown: as given, else worked out from the dates on ``today``."""
    if status:
        return status
    iso = today.isoformat()
    if end_date and end_date < iso:
        return "expired"
    if start_date > iso:
        return "negotiating"
    return "active"


class RowError(ValueError):
    """A value breaks its column's rule; the message names the value."""


def unescape_cell(text: str) -> str:
    """Remove exactly the "'" a formula-safe export put before a risky first character."""
    if len(text) >= 2 and text[0] == "'" and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def _show(value: Any) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return repr(text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return unescape_cell(str(value)).strip()


def _coded(value: str, table: dict[str, str], allowed: tuple[str, ...], what: str) -> str:
    found = table.get(key(value))
    if found is None:
        article = "an" if what[0] in "aeiou" else "a"
        raise RowError(f"{_show(value)} is not {article} {what}; use one of {', '.join(allowed)}")
    return found


def parse_date(value: Any, *, dayfirst: bool) -> str:
    """A date cell or text -> 'YYYY-MM-DD'."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise RowError(f"{_show(value)} has a time of day; give a date")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise RowError(f"{_show(value)} is a number, not a date; use YYYY-MM-DD")
    text = _text(value)
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _DAYFIRST_DATE.match(text)
        if not match:
            hint = "YYYY-MM-DD or DD/MM/YYYY" if dayfirst else "YYYY-MM-DD"
            raise RowError(f"{_show(text)} is not a date; use {hint}")
        if not dayfirst:
            raise RowError(
                f"{_show(text)} could be day or month first; use YYYY-MM-DD, or --dayfirst "
                "if the file writes DD/MM/YYYY"
            )
        day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise RowError(f"{_show(text)} is not a date on the calendar") from None


def parse_count(value: Any) -> int:
    if isinstance(value, bool):
        raise RowError(f"{_show(value)} is not a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise RowError(f"{_show(value)} is not a whole number")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = _text(value).replace(",", "").replace("_", "")
        if not re.fullmatch(r"[+-]?\d+(\.0*)?", text):
            raise RowError(f"{_show(_text(value))} is not a whole number")
        number = int(float(text)) if "." in text else int(text)
    if number < 0:
        raise RowError(f"{_show(_text(value))} is below 0")
    return number


def _levels(value: str) -> str:
    found: set[str] = set()
    for part in value.split(";"):
        if part.strip():
            found.add(_coded(part.strip(), _LEVEL, LEVELS, "study level"))
    return ";".join(level for level in LEVELS if level in found)


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise RowError(f"{_show(value)} is not an email address")
    return value


def _url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:
        raise RowError(f"{_show(value)} is not a URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
        raise RowError(f"{_show(value)} is not an http or https URL")
    return value


def _partner(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise RowError("is empty; every agreement names its partner")
    if len(text) > PARTNER_MAX:
        raise RowError(f"is {len(text)} characters long; at most {PARTNER_MAX}")
    return text


def _notes(value: str) -> str:
    if len(value) > NOTES_MAX:
        raise RowError(f"is {len(value):,} characters long; at most {NOTES_MAX:,}")
    return value


@lru_cache(maxsize=4096)
def _country(text: str) -> Any:
    from polyu_tui.data.countries import resolve_country

    found = resolve_country(text)
    if found is None:
        raise RowError(f"{_show(text)} is not a country or region we know")
    return found


def _rules(dayfirst: bool) -> dict[str, Callable[[Any, str], Any]]:
    """Column -> rule(raw cell, its trimmed text) -> the checked value, or RowError."""

    def date(raw: Any, _text: str) -> str:
        return parse_date(raw, dayfirst=dayfirst)

    def same(_raw: Any, text: str) -> str:
        return text

    return {
        "partner": lambda _r, t: _partner(t),
        "country": lambda _r, t: _country(t),
        "agreement_type": lambda _r, t: _coded(t, _TYPES, AGREEMENT_TYPES, "agreement type"),
        "start_date": date,
        "end_date": date,
        "agreement_id": same,
        "status": lambda _r, t: _coded(t, _STATUS, STATUSES, "status"),
        "polyu_unit": same,
        "partner_unit": same,
        "level": lambda _r, t: _levels(t),
        "direction": lambda _r, t: _coded(t, _DIRECTION, DIRECTIONS, "direction"),
        "places_out": lambda r, _t: parse_count(r),
        "places_in": lambda r, _t: parse_count(r),
        "subject_area": same,
        "city": same,
        "notes": lambda _r, t: _notes(t),
        "contact_name": same,
        "contact_email": lambda _r, t: _email(t),
        "url": lambda _r, t: _url(t),
    }


_RULES = {dayfirst: _rules(dayfirst) for dayfirst in (False, True)}
_ORDER = {column: index for index, column in enumerate(_RULES[False])}


def parse_row(
    cells: Mapping[str, Any], where: str, *, dayfirst: bool = False
) -> tuple[Agreement | None, list[Problem]]:
    """One row (column -> raw cell) -> an Agreement, or every problem found in it."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    rules = _RULES[dayfirst]
    for column in sorted(cells, key=_ORDER.__getitem__):
        raw = cells[column]
        if raw is None or raw == "":
            continue
        text = _text(raw)
        if text == "":
            continue
        try:
            out[column] = rules[column](raw, text)
        except RowError as exc:
            problems.append(Problem(where, column, str(exc)))
    for column in REQUIRED:
        if column not in out and not any(p.column == column for p in problems):
            problems.append(Problem(where, column, "is empty; this column is required"))
    start, end = out.get("start_date"), out.get("end_date")
    if start and end and end < start:
        problems.append(Problem(where, "end_date", f"{end!r} is before the start date {start!r}"))
    if problems:
        problems.sort(key=lambda p: _ORDER[p.column])
        return None, problems
    found_country = out.pop("country")
    return (
        Agreement(
            country_code=found_country.code,
            country=found_country.name,
            source=where,
            **out,
        ),
        [],
    )
