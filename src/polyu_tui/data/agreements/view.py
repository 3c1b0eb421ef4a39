"""What the Agreements tab shows: a count, windows of rows in a sort order, facet counts.

Each read is one SQL statement over the agreement table's indexes, so a window costs
the same at any offset the index can walk to. The tab reads windows as they scroll
into view, never the whole list.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from polyu_tui.data.agreements.query import (
    EXPIRY_MONTHS,
    AgreementQuery,
    add_months,
    status_sql,
)
from polyu_tui.data.agreements.schema import describe, has_agreements

AGREEMENT_PAGE_SIZE = 100

# Sort key -> (label, ORDER BY for ascending; the same columns DESC for descending).
AGREEMENT_SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "partner": ("Partner", ("a.partner_fold", "a.rowid")),
    "type": ("Type", ("a.agreement_type", "a.partner_fold", "a.rowid")),
    "unit": ("PolyU unit", ("a.polyu_unit", "a.partner_fold", "a.rowid")),
    "start": ("Start", ("a.start_date", "a.rowid")),
    "end": ("End", ("a.end_date = ''", "a.end_date", "a.rowid")),  # open-ended last
    "status": ("Status", ("{status}", "a.end_date", "a.rowid")),
}

TYPE_LABELS: dict[str, str] = {
    "mou": "MoU",
    "student_exchange": "Student exchange",
    "staff_exchange": "Staff exchange",
    "research": "Research",
    "dual_degree": "Dual degree",
    "joint_degree": "Joint degree",
    "articulation": "Articulation",
    "joint_phd": "Joint PhD",
    "study_abroad": "Study abroad",
    "summer": "Summer programme",
    "internship": "Internship",
    "service_learning": "Service-Learning",
    "other": "Other",
}
STATUS_LABELS: dict[str, str] = {
    "draft": "Draft",
    "negotiating": "Negotiating",
    "active": "Active",
    "renewal_pending": "Renewal pending",
    "expired": "Expired",
    "terminated": "Terminated",
}
LEVEL_LABELS: dict[str, str] = {
    "ug": "Undergraduate",
    "pgt": "Taught postgraduate",
    "pgr": "Research postgraduate",
    "staff": "Staff",
}
DIRECTION_LABELS: dict[str, str] = {
    "both": "Both ways",
    "outbound": "Outbound (PolyU students out)",
    "inbound": "Inbound",
}


@dataclass(frozen=True)
class AgreementRow:
    id: str
    organisation_id: str
    partner: str
    country: str
    agreement_type: str
    polyu_unit: str
    start_date: str
    end_date: str
    status: str
    places_out: int | None
    places_in: int | None


@dataclass(frozen=True)
class ListQuery:
    """A filter plus a sort: one view of the Agreements tab."""

    filter: AgreementQuery = field(default_factory=AgreementQuery)
    sort: str = "partner"
    descending: bool = False


@dataclass
class AgreementFacets:
    types: list[tuple[str, int]] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    countries: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, n
    levels: list[tuple[str, int]] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)
    expiring: list[tuple[int, int]] = field(default_factory=list)  # months, n


def expiring_days(months: int, today: dt.date) -> int:
    return (add_months(today, months) - today).days


_ROW_COLUMNS = (
    "a.id, a.organisation_id, a.partner, a.country, a.agreement_type, a.polyu_unit, "
    "a.start_date, a.end_date, {status}, a.places_out, a.places_in"
)


def order_sql(query: ListQuery) -> str:
    """The view's ORDER BY (for an export of exactly what the tab shows)."""
    return _order(query, query.filter.day)


def _order(query: ListQuery, today: str) -> str:
    _label, columns = AGREEMENT_SORTS[query.sort]
    direction = " DESC" if query.descending else ""
    return ", ".join(c.format(status=status_sql(today)) + direction for c in columns)


def agreement_count(conn: sqlite3.Connection, query: AgreementQuery) -> int:
    if not has_agreements(conn):
        return 0
    where, args = query.where()
    return int(conn.execute(f"SELECT count(*) FROM agreement a {where}", args).fetchone()[0])


def agreement_window(
    conn: sqlite3.Connection, query: ListQuery, offset: int, limit: int
) -> list[AgreementRow]:
    """``limit`` rows from ``offset`` in the view's order."""
    if not has_agreements(conn):
        return []
    today = query.filter.day
    where, args = query.filter.where()
    sql = (
        f"SELECT {_ROW_COLUMNS.format(status=status_sql(today))} FROM agreement a {where} "
        f"ORDER BY {_order(query, today)} LIMIT ? OFFSET ?"
    )
    return [AgreementRow(*row) for row in conn.execute(sql, [*args, limit, offset])]


def agreement_facets(conn: sqlite3.Connection, query: AgreementQuery) -> AgreementFacets:
    """Counts per value of each facet, within the other facets and the text filter."""
    facets = AgreementFacets()
    if not has_agreements(conn):
        return facets
    today = query.day

    def grouped(column: str, skip: str) -> list[tuple[Any, ...]]:
        where, args = query.where(skip=skip)
        return conn.execute(
            f"SELECT {column}, count(*) FROM agreement a {where} GROUP BY 1 ORDER BY 2 DESC, 1",
            args,
        ).fetchall()

    facets.types = [(t, n) for t, n in grouped("a.agreement_type", "agreement_type")]
    facets.statuses = [(s, n) for s, n in grouped(f"({status_sql(today)})", "status")]
    where, args = query.where(skip="country")
    facets.countries = [
        (code, name, n)
        for code, name, n in conn.execute(
            f"SELECT a.country_code, min(a.country), count(*) FROM agreement a {where} "
            "GROUP BY a.country_code ORDER BY 3 DESC, 2",
            args,
        )
    ]
    levels: dict[str, int] = {}
    for combined, n in grouped("a.level", "level"):
        for level in str(combined).split(";"):
            if level:
                levels[level] = levels.get(level, 0) + n
    facets.levels = sorted(levels.items(), key=lambda item: (-item[1], item[0]))
    facets.units = [(u, n) for u, n in grouped("a.polyu_unit", "polyu_unit")]
    where, args = query.where(skip="expiring")
    live = f"({status_sql(today)}) NOT IN ('expired', 'terminated')"
    sums = ", ".join(
        f"coalesce(sum(a.end_date != '' AND a.end_date >= ? AND a.end_date <= ? AND {live}), 0)"
        for _ in EXPIRY_MONTHS
    )
    bounds: list[str] = []
    for months in EXPIRY_MONTHS:
        bounds.extend([today, add_months(dt.date.fromisoformat(today), months).isoformat()])
    row = conn.execute(f"SELECT {sums} FROM agreement a {where}", [*bounds, *args]).fetchone()
    facets.expiring = list(zip(EXPIRY_MONTHS, (int(n) for n in row), strict=True))
    return facets


@dataclass
class AgreementView:
    """The first read of a view: its count, its first page, maybe its facets."""

    query: ListQuery
    count: int
    pages: dict[int, list[AgreementRow]]
    facets: AgreementFacets | None = None
    source: str = ""


def agreement_view(
    conn: sqlite3.Connection,
    query: ListQuery,
    *,
    page_size: int = AGREEMENT_PAGE_SIZE,
    with_facets: bool = False,
) -> AgreementView:
    count = agreement_count(conn, query.filter)
    first = agreement_window(conn, query, 0, page_size) if count else []
    return AgreementView(
        query,
        count,
        {0: first},
        agreement_facets(conn, query.filter) if with_facets else None,
        describe(conn),
    )


def agreements_of(
    conn: sqlite3.Connection, organisation_id: str, *, today: dt.date | None = None
) -> list[AgreementRow]:
    """A partner's agreements, latest first (for its detail panel)."""
    query = ListQuery(
        AgreementQuery(organisation_id=organisation_id, today=today), sort="start", descending=True
    )
    return agreement_window(conn, query, 0, 500)


def with_sort(query: ListQuery, sort: str) -> ListQuery:
    return replace(query, sort=sort, descending=False)


@dataclass(frozen=True)
class ImportedFigures:
    """The Overview's figures computed from the imported agreements, beside the article's."""

    source: str  # 'agreements.csv, imported 2026-01-15'
    figures: tuple[tuple[str, str], ...]  # (value, label)


def imported_figures(conn: sqlite3.Connection, today: dt.date) -> ImportedFigures | None:
    """Agreements, institutions, countries and regions, and expiring within 6 months."""
    from polyu_tui.data.agreements.schema import META_DATE, META_FILES, import_meta

    if not has_agreements(conn):
        return None
    meta = import_meta(conn)
    agreements, institutions, countries = conn.execute(
        "SELECT count(*), count(DISTINCT organisation_id), count(DISTINCT country_code) "
        "FROM agreement"
    ).fetchone()
    expiring = agreement_count(
        conn, AgreementQuery(expiring_days=expiring_days(6, today), today=today)
    )
    return ImportedFigures(
        f"{meta.get(META_FILES, '?')}, imported {meta.get(META_DATE, '?')}",
        (
            (f"{agreements:,}", "agreements"),
            (f"{institutions:,}", "institutions"),
            (f"{countries:,}", "countries and regions"),
            (f"{expiring:,}", "expiring within 6 months"),
        ),
    )
