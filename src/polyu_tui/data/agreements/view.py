"""What the Agreements tab shows: a count, windows of rows in a sort order, facet counts.

A window is one SQL statement walking the index of its sort order, from whichever end
of the list is nearer, so the last window costs what the first does. The count and
facets of the unfiltered view, and the count of a view with one facet chosen, are
sums over the counts derived when the agreements were written (derive.py). Any other
view is counted in SQL; its facets within a time limit, those not counted by then
estimated from a sample of the table and marked as estimates (bounded.py). The tab
reads windows as they scroll into view, never the whole list.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from polyu_tui.data.agreements.derive import has_derived
from polyu_tui.data.agreements.query import (
    EXPIRY_MONTHS,
    AgreementQuery,
    add_months,
    status_sql,
)
from polyu_tui.data.agreements.schema import describe, has_agreements
from polyu_tui.data.bounded import SAMPLE_ROWS, TimeLimit, sample_ranges, time_limit

# Seconds the facets of a filtered view may take to count exactly, all together;
# those not counted by then are estimated from a sample.
FACET_TIME_LIMIT = 0.12

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


# The facets of the Agreements tab, as AgreementQuery.where(skip=...) names them.
FACET_NAMES: tuple[str, ...] = (
    "agreement_type",
    "status",
    "country",
    "level",
    "polyu_unit",
    "expiring",
)


@dataclass
class AgreementFacets:
    types: list[tuple[str, int]] = field(default_factory=list)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    countries: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, n
    levels: list[tuple[str, int]] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)
    expiring: list[tuple[int, int]] = field(default_factory=list)  # months, n
    # Facets (FACET_NAMES) whose counts are estimates from a sample, not exact.
    estimated: frozenset[str] = frozenset()


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


def _chosen(query: AgreementQuery) -> list[str]:
    """The facets the query chooses a value of (FACET_NAMES)."""
    chosen = {
        "agreement_type": bool(query.agreement_type),
        "status": bool(query.status),
        "country": bool(query.country_code),
        "level": bool(query.level),
        "polyu_unit": query.polyu_unit is not None,
        "expiring": query.expiring_days is not None,
    }
    return [name for name in FACET_NAMES if chosen[name]]


def _unfiltered(query: AgreementQuery, *, skip: str = "") -> bool:
    """Whether the query, less the ``skip`` facet, leaves every agreement in."""
    if query.text.strip() or query.organisation_id:
        return False
    return all(name == skip for name in _chosen(query))


def agreement_count(conn: sqlite3.Connection, query: AgreementQuery) -> int:
    if not has_agreements(conn):
        return 0
    if has_derived(conn) and not query.text.strip() and not query.organisation_id:
        chosen = _chosen(query)
        if len(chosen) <= 1:
            return _derived_count(conn, query, chosen[0] if chosen else "")
    where, args = query.where()
    return int(conn.execute(f"SELECT count(*) FROM agreement a {where}", args).fetchone()[0])


def _derived_count(conn: sqlite3.Connection, query: AgreementQuery, facet: str) -> int:
    """The count of a query that chooses at most one facet, from the derived tables."""
    if facet == "status":
        return dict(_derived_statuses(conn, query.day)).get(query.status, 0)
    if facet == "expiring":
        end = dt.date.fromisoformat(query.day) + dt.timedelta(days=query.expiring_days or 0)
        return _derived_expiring(conn, query.day, end.isoformat())
    if facet:
        value = {
            "agreement_type": query.agreement_type,
            "country": query.country_code,
            "level": query.level,
            "polyu_unit": query.polyu_unit,
        }[facet]
        row = conn.execute(
            "SELECT n FROM agreement_facet_count WHERE facet = ? AND value = ?",
            (_DERIVED_FACETS[facet], value),
        ).fetchone()
        return int(row[0]) if row else 0
    row = conn.execute(
        "SELECT coalesce(sum(n), 0) FROM agreement_facet_count WHERE facet = 'given_status'"
    )
    return int(row.fetchone()[0])


# FACET_NAMES -> agreement_facet_count.facet
_DERIVED_FACETS = {"agreement_type": "type", "country": "country", "level": "level",
                   "polyu_unit": "unit"}  # fmt: skip


def agreement_window(
    conn: sqlite3.Connection,
    query: ListQuery,
    offset: int,
    limit: int,
    *,
    total: int | None = None,
) -> list[AgreementRow]:
    """``limit`` rows from ``offset`` in the view's order (``total``: the view's count,
    if the caller has it)."""
    if not has_agreements(conn):
        return []
    offset, limit = max(0, offset), max(0, limit)
    today = query.filter.day
    columns = _ROW_COLUMNS.format(status=status_sql(today))
    where, args = query.filter.where()
    descending, skip, take = query.descending, offset, limit
    if offset > 0:
        # Past the middle, read from the other end: OFFSET costs what it skips.
        total = agreement_count(conn, query.filter) if total is None else total
        if offset >= total:
            return []
        take = min(limit, total - offset)
        if offset > total // 2:
            descending, skip = not descending, total - offset - take
    order = _order(replace(query, descending=descending), today)
    sql = f"SELECT {columns} FROM agreement a {where} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = [AgreementRow(*row) for row in conn.execute(sql, [*args, take, skip])]
    if descending != query.descending:
        rows.reverse()
    return rows


def agreement_facets(
    conn: sqlite3.Connection, query: AgreementQuery, *, time_limit_s: float | None = None
) -> AgreementFacets:
    """Counts per value of each facet, within the other facets and the text filter.

    A facet that leaves every agreement in (no other filter) is read from the derived
    counts. The others are counted exactly while ``time_limit_s`` lasts (all together),
    then estimated from a sample of the table and named in ``estimated``
    (``time_limit_s``: FACET_TIME_LIMIT unless given).
    """
    facets = AgreementFacets()
    if not has_agreements(conn):
        return facets
    today = query.day
    derived = has_derived(conn)
    limit = FACET_TIME_LIMIT if time_limit_s is None else time_limit_s
    deadline = time.monotonic() + limit
    estimated: set[str] = set()
    sample: tuple[list[tuple[int, int]], float] | None = None

    def counted(name: str, sql: str, args: list[Any]) -> tuple[list[tuple[Any, ...]], float]:
        """Rows of ``sql`` ('{where}': the query less this facet) and the factor their
        counts are scaled by: 1 when counted in time, else read from a sample. A
        sample is read a range of rowids at a time (so SQLite walks that range, not
        an index of a filter), so the caller adds up rows with the same values."""
        nonlocal sample
        where, where_args = query.where(skip=name)
        try:
            with time_limit(conn, deadline - time.monotonic()):
                return conn.execute(sql.format(where=where), [*args, *where_args]).fetchall(), 1.0
        except TimeLimit:
            pass
        estimated.add(name)
        if sample is None:
            sample = _sample(conn)
        ranges, factor = sample
        in_range = "a.rowid BETWEEN ? AND ?"
        where = f"{where} AND {in_range}" if where else f"WHERE {in_range}"
        within = sql.replace("FROM agreement a ", "FROM agreement a NOT INDEXED ").format(
            where=where
        )
        rows: list[tuple[Any, ...]] = []
        for low, high in ranges:
            rows += conn.execute(within, [*args, *where_args, low, high]).fetchall()
        return rows, factor

    def grouped(column: str, name: str) -> list[tuple[Any, int]]:
        rows, factor = counted(
            name, f"SELECT {column}, count(*) FROM agreement a {{where}} GROUP BY 1", []
        )
        totals: Counter[Any] = Counter()
        for value, n in rows:
            totals[value] += int(n)
        return _ranked((value, _scaled(n, factor)) for value, n in totals.items() if n)

    if derived and _unfiltered(query, skip="agreement_type"):
        facets.types = _derived_facet(conn, "type")
    else:
        facets.types = grouped("a.agreement_type", "agreement_type")
    if derived and _unfiltered(query, skip="status"):
        facets.statuses = _derived_statuses(conn, today)
    else:
        facets.statuses = grouped(f"({status_sql(today)})", "status")
    if derived and _unfiltered(query, skip="country"):
        factor = 1.0
        rows = conn.execute(
            "SELECT value, label, n FROM agreement_facet_count WHERE facet = 'country'"
        ).fetchall()
    else:
        rows, factor = counted(
            "country",
            "SELECT a.country_code, min(a.country), count(*) FROM agreement a {where} "
            "GROUP BY a.country_code",
            [],
        )
    names: dict[str, str] = {}
    by_code: Counter[str] = Counter()
    for code, name, n in rows:
        names[code] = min(names.get(code, name), name)
        by_code[code] += int(n)
    facets.countries = sorted(
        ((str(code), str(names[code]), _scaled(n, factor)) for code, n in by_code.items() if n),
        key=lambda item: (-item[2], item[1]),
    )
    if derived and _unfiltered(query, skip="level"):
        facets.levels = _derived_facet(conn, "level")
    else:
        levels: dict[str, int] = {}
        for combined, n in grouped("a.level", "level"):
            for level in {part for part in str(combined).split(";") if part}:
                levels[level] = levels.get(level, 0) + n
        facets.levels = _ranked(levels.items())
    if derived and _unfiltered(query, skip="polyu_unit"):
        facets.units = _derived_facet(conn, "unit")
    else:
        facets.units = grouped("a.polyu_unit", "polyu_unit")
    bounds = [
        (months, add_months(dt.date.fromisoformat(today), months).isoformat())
        for months in EXPIRY_MONTHS
    ]
    if derived and _unfiltered(query, skip="expiring"):
        facets.expiring = [(m, _derived_expiring(conn, today, end)) for m, end in bounds]
    else:
        live = f"({status_sql(today)}) NOT IN ('expired', 'terminated')"
        sums = ", ".join(
            f"coalesce(sum(a.end_date != '' AND a.end_date >= ? AND a.end_date <= ? AND {live}), 0)"
            for _ in bounds
        )
        args: list[Any] = [bound for _m, end in bounds for bound in (today, end)]
        found, factor = counted("expiring", f"SELECT {sums} FROM agreement a {{where}}", args)
        sums_found = [sum(int(row[i]) for row in found) for i in range(len(bounds))]
        facets.expiring = [
            (m, _scaled(n, factor)) for (m, _end), n in zip(bounds, sums_found, strict=True)
        ]
    facets.estimated = frozenset(estimated)
    return facets


def _sample(conn: sqlite3.Connection) -> tuple[list[tuple[int, int]], float]:
    """Rowid ranges spread over the agreement table, and the factor that scales a count
    within them to the whole table (rowids run 1..N with no gaps: the table is written
    whole by each import)."""
    total = int(conn.execute("SELECT count(*) FROM agreement").fetchone()[0])
    ranges = sample_ranges(conn, "agreement", total, rows=SAMPLE_ROWS)
    sampled = sum(high - low + 1 for low, high in ranges)
    return ranges, (total / sampled if sampled else 1.0)


def _scaled(n: Any, factor: float) -> int:
    """A count from a sample, scaled to the whole table (one seen is at least one)."""
    seen = int(n or 0)
    return seen if factor == 1.0 or not seen else max(1, round(seen * factor))


def _ranked(counts: Iterable[tuple[Any, int]]) -> list[tuple[Any, int]]:
    """Largest count first, then by value."""
    return sorted(((value, int(n)) for value, n in counts), key=lambda item: (-item[1], item[0]))


def _derived_facet(conn: sqlite3.Connection, facet: str) -> list[tuple[str, int]]:
    rows = conn.execute(
        "SELECT value, n FROM agreement_facet_count WHERE facet = ? AND n > 0", (facet,)
    )
    return _ranked((str(value), int(n)) for value, n in rows)


def _derived_statuses(conn: sqlite3.Connection, today: str) -> list[tuple[str, int]]:
    """The status facet of every agreement on ``today``: given statuses as given; the
    others expired once their end date has passed, negotiating before their start
    (an end date is never before its start: the import checks it), else active."""
    counts = _given_statuses(conn)
    worked_out = counts.pop("", 0)
    expired = _sum_dates(conn, "end", "status = '' AND day != '' AND day < ?", today)
    negotiating = _sum_dates(conn, "start", "status = '' AND day > ?", today)
    for status, n in (
        ("expired", expired),
        ("negotiating", negotiating),
        ("active", worked_out - expired - negotiating),
    ):
        counts[status] = counts.get(status, 0) + n
    return _ranked((status, n) for status, n in counts.items() if n)


def _given_statuses(conn: sqlite3.Connection) -> dict[str, int]:
    """Agreements per value of the status column ('' = worked out from the dates)."""
    rows = conn.execute(
        "SELECT value, n FROM agreement_facet_count WHERE facet = 'given_status'"
    ).fetchall()
    return {str(value): int(n) for value, n in rows}


def _derived_expiring(conn: sqlite3.Connection, today: str, end: str) -> int:
    """Agreements still live that end from ``today`` to ``end``: an agreement whose
    status is worked out is not expired on a day before its end. A range of end dates
    per status, each a range of the table's key."""
    return sum(
        _sum_dates(conn, "end", "status = ? AND day >= ? AND day <= ?", status, today, end)
        for status in _given_statuses(conn)
        if status not in ("expired", "terminated")
    )


def _sum_dates(conn: sqlite3.Connection, field_name: str, condition: str, *args: str) -> int:
    row = conn.execute(
        f"SELECT coalesce(sum(n), 0) FROM agreement_date_count WHERE field = ? AND {condition}",
        (field_name, *args),
    ).fetchone()
    return int(row[0])


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
    """The count, the pages at both ends (Home and End never wait), maybe the facets."""
    count = agreement_count(conn, query.filter)
    pages = {0: agreement_window(conn, query, 0, page_size, total=count) if count else []}
    # The pages holding the last page_size rows (one or two): a screenful at the end.
    for row in (count - page_size, count - 1):
        page = max(0, row) // page_size
        if page not in pages:
            pages[page] = agreement_window(conn, query, page * page_size, page_size, total=count)
    return AgreementView(
        query,
        count,
        pages,
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
