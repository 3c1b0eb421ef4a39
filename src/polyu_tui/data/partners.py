"""The Partners table's engine: a window of sorted, filtered partners, its count, and
the facet counts, read so that their cost does not grow with the number of partners.
Plain sqlite3, no Textual.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from polyu_tui.data.agreements.partner_counts import agreement_types_exist, has_partner_counts
from polyu_tui.data.bounded import TimeLimit, sample_ranges, time_limit
from polyu_tui.data.countries import resolve_country
from polyu_tui.data.schema import PARTNER_ORDERS
from polyu_tui.data.search import match_expression, tokens
from polyu_tui.data.text import fold

PARTNER_SORTS: dict[str, str] = {
    "name": "o.name_fold",
    "kind": "o.kind",
    "country": "o.country_fold",
}


@dataclass(frozen=True)
class PartnerQuery:
    """What the Partners table shows: a filter, facets and a sort, all applied in SQL."""

    text: str = ""
    kind: str | None = None
    country: str | None = None
    relation: str | None = None
    sort: str = "name"
    descending: bool = False
    include_polyu: bool = False
    agreement_type: str | None = None
    """Partners with an imported agreement of this type."""

    def where(self, ranges: list[tuple[int, int]] | None = None) -> tuple[str, list[Any]]:
        """The WHERE clause over ``organisation o`` and its arguments; ``ranges``: only
        partners whose rowid is in one of them (a sample, see data/bounded.py)."""
        clauses: list[str] = []
        args: list[Any] = []
        if not self.include_polyu:
            clauses.append("o.kind != 'polyu'")
        if self.kind:
            clauses.append("o.kind = ?")
            args.append(self.kind)
        if self.country is not None:
            clauses.append("o.country = ?")
            args.append(self.country)
        if self.relation:
            # EXISTS, not IN (subquery): a window stops after its rows instead of first
            # listing every organisation with the relation.
            clauses.append(
                "EXISTS (SELECT 1 FROM organisation_relation r "
                "WHERE r.relation = ? AND r.organisation_id = o.id)"
            )
            args.append(self.relation)
        if self.agreement_type:
            clauses.append(
                "EXISTS (SELECT 1 FROM agreement_partner_types t "
                "WHERE t.agreement_type = ? AND t.organisation_id = o.id)"
            )
            args.append(self.agreement_type)
        bounds = [bound for pair in ranges or () for bound in pair]

        def within(alias: str) -> str:
            if not ranges:
                return ""
            return " AND (" + " OR ".join(f"{alias}.rowid BETWEEN ? AND ?" for _ in ranges) + ")"

        match = self.text_match()
        country = self.text_country()
        if match and country is not None:
            # One list of rowids from two index lookups (an OR would scan every partner).
            # A sample's ranges go inside it, or the list would hold every match.
            clauses.append(
                "o.rowid IN (SELECT s.rowid FROM search_index s WHERE search_index MATCH ?"
                f"{within('s')} UNION SELECT c.rowid FROM organisation c "
                f"WHERE c.country_fold = ?{within('c')})"
            )
            args += [match, *bounds, fold(country), *bounds]
        elif match:
            clauses.append(
                "o.rowid IN (SELECT s.rowid FROM search_index s WHERE search_index MATCH ?"
                f"{within('s')})"
            )
            args += [match, *bounds]
        elif ranges:
            clauses.append(within("o")[len(" AND ") :])
            args += bounds
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def text_match(self) -> str:
        """The full-text expression for the text filter ('' for none)."""
        words = tokens(self.text)
        return f"kind:organisation AND ({match_expression(words)})" if words else ""

    def text_country(self) -> str | None:
        """The country the whole text filter names ("uk", "United Kingdom", "USA"), as
        partners' countries are spelled ("U.K."): the filter finds its partners too."""
        found = resolve_country(self.text) if self.text.strip() else None
        return found.name if found is not None else None

    @property
    def text_only(self) -> bool:
        """A text filter and no facet: the case the full-text index can count alone
        (not when the text names a country: its partners are found by country too)."""
        return (
            bool(self.text_match())
            and not (self.kind or self.country is not None or self.relation or self.agreement_type)
            and self.text_country() is None
        )

    def order(self) -> str:
        column = PARTNER_SORTS.get(self.sort, "o.name_fold")
        direction = "DESC" if self.descending else "ASC"
        return f" ORDER BY {column} {direction}, o.name_fold {direction}, o.rowid {direction}"


PARTNER_COLUMNS = (
    "o.id, o.name, o.acronym, o.kind, o.country, o.relationship, o.synthetic, "
    "o.country_provenance = 'reference', o.kind_provenance = 'reference', "
    "(SELECT f.value FROM reference_fact f WHERE f.entity_id = o.id AND f.field = 'acronym' "
    "ORDER BY f.ord LIMIT 1)"
)
# Each partner's imported agreements, from the table an import derives (a lookup).
AGREEMENTS_COLUMN = (
    "coalesce((SELECT ap.n FROM agreements_per_partner ap WHERE ap.organisation_id = o.id), 0)"
)


def _columns(conn: sqlite3.Connection) -> str:
    """PARTNER_COLUMNS and the number of agreements (NULL with none imported)."""
    return f"{PARTNER_COLUMNS}, " + (AGREEMENTS_COLUMN if agreement_types_exist(conn) else "NULL")


@dataclass(frozen=True)
class PartnerRow:
    id: str
    name: str
    acronym: str | None
    kind: str
    country: str
    relationship: str
    synthetic: bool
    country_reference: bool = False
    """The country comes from the reference layer, not the article."""
    kind_reference: bool = False
    """The type comes from the reference layer, not the article."""
    reference_acronym: str | None = None
    """A common acronym from the reference layer, where the article gives none."""
    agreements: int | None = None
    """Imported agreements with this partner (None: none imported at all)."""


# The cost of a partners screen must not grow with the number of partners. Two
# tables derived at build time (schema.py, build.write.derive_tables) make that so:
#   partner_count  organisations per (relation or '', kind, country): every count and
#                  every facet without a text filter is a sum over a few hundred rows;
#   partner_order  each partner's position in orders grouped by facets, then sorted:
#                  a window with no filter, or with facets that group an order, is a
#                  range of positions in one block, at any offset.
# A text filter alone is counted by the full-text index; when it matches a large
# share of the partners (WALK_SHARE), its windows walk partner_order and keep the
# matches, rather than sort every match to read a page.
# Anything else (a text filter with facets, or matching few; a relation with both
# other facets, or with one and sorted by the other) runs as SQL with LIMIT/OFFSET
# over an index, read from whichever end of the list is nearer.
WALK_SHARE = 0.05
# The order in partner_order of each sort with no facet: by name alone, or grouped by
# the sorted column only (then by name).
_UNGROUPED_ORDERS = {
    (groups[0] if groups else "name"): code
    for code, (groups, _order) in PARTNER_ORDERS.items()
    if len(groups) <= 1 and "relation" not in groups
}


def _has_derived(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
        "AND name IN ('partner_count', 'partner_order')"
    ).fetchone()[0]
    return int(found) == 2


def _from_counts(query: PartnerQuery) -> bool:
    """Whether partner_count (or, with an agreement type, agreement_partner_counts)
    answers this query: every filter but text is in them, but not a relation and an
    agreement type together."""
    return not tokens(query.text) and not (query.agreement_type and query.relation)


def _where(
    query: PartnerQuery, clauses: list[str], args: list[Any], *, kind: bool, country: bool
) -> tuple[str, list[Any]]:
    """``clauses`` and the query's kind and country facets (unless dropped), as WHERE."""
    if kind and query.kind:
        clauses.append("kind = ?")
        args.append(query.kind)
    if country and query.country is not None:
        clauses.append("country = ?")
        args.append(query.country)
    return " WHERE " + " AND ".join(clauses), args


def _type_count_sql(
    query: PartnerQuery, *, kind: bool = True, country: bool = True, agreement_type: bool = True
) -> tuple[str, list[Any]]:
    """WHERE over agreement_partner_counts for the query's facets (those not dropped)."""
    clauses = ["kind != 'polyu'"]
    args: list[Any] = []
    if agreement_type and query.agreement_type:
        clauses.append("agreement_type = ?")
        args.append(query.agreement_type)
    return _where(query, clauses, args, kind=kind, country=country)


def _count_sql(
    query: PartnerQuery, *, kind: bool = True, country: bool = True, relation: bool = True
) -> tuple[str, list[Any]]:
    """WHERE over partner_count for the query's facets (those not dropped)."""
    clauses = ["relation = ?"]
    args: list[Any] = [query.relation if relation and query.relation else ""]
    if not query.include_polyu:
        clauses.append("kind != 'polyu'")
    return _where(query, clauses, args, kind=kind, country=country)


def count_partners(conn: sqlite3.Connection, query: PartnerQuery) -> int:
    if _from_counts(query) and query.agreement_type and has_partner_counts(conn):
        where, args = _type_count_sql(query)
        row = conn.execute(f"SELECT coalesce(sum(n), 0) FROM agreement_partner_counts{where}", args)
        return int(row.fetchone()[0])
    if _from_counts(query) and not query.agreement_type and _has_derived(conn):
        where, args = _count_sql(query)
        row = conn.execute(f"SELECT coalesce(sum(n), 0) FROM partner_count{where}", args)
        return int(row.fetchone()[0])
    if query.text_only:
        # The index alone: no lookup of each match in organisation (2.5x faster when
        # a third of a million partners match).
        sql = "SELECT count(*) FROM search_index WHERE search_index MATCH ?"
        if not query.include_polyu:
            sql += " AND rowid NOT IN (SELECT rowid FROM organisation WHERE kind = 'polyu')"
        return int(conn.execute(sql, (query.text_match(),)).fetchone()[0])
    where, args = query.where()
    return int(conn.execute(f"SELECT count(*) FROM organisation o{where}", args).fetchone()[0])


def _block(conn: sqlite3.Connection, query: PartnerQuery) -> tuple[str, int, int] | None:
    """(order, first position, size) of the query's rows in partner_order, if contiguous.

    An order grouped by the query's facets first, then by the sorted column (unless a
    facet fixes it), then by name, holds the query's rows as one block in table order.
    """
    if query.include_polyu or tokens(query.text) or query.sort not in PARTNER_SORTS:
        return None
    if query.agreement_type:
        return None  # partner_order has no groups by agreement type
    if not _has_derived(conn):
        return None
    fixed: dict[str, str] = {}
    if query.kind:
        fixed["kind"] = query.kind
    if query.country is not None:
        fixed["country"] = query.country
    if query.relation:
        fixed["relation"] = query.relation
    then = [] if query.sort == "name" or query.sort in fixed else [query.sort]
    found = [
        (code, groups)
        for code, (groups, _order) in PARTNER_ORDERS.items()
        if set(groups[: len(fixed)]) == set(fixed) and list(groups[len(fixed) :]) == then
    ]
    if not found:
        return None
    code, groups = found[0]
    prefix = groups[: len(fixed)]
    relation_rows = "relation" in groups
    cells = conn.execute(
        "SELECT relation, kind, country, n FROM partner_count WHERE kind != 'polyu' AND "
        + ("relation != ''" if relation_rows else "relation = ''")
    ).fetchall()
    # Orders sort countries by their folded name; compare the same way here.
    folded = {country: fold(country) for country in {str(cell[2]) for cell in cells}}
    if "country" in fixed:
        key = fold(fixed["country"])
        if any(f == key and c != fixed["country"] for c, f in folded.items()):
            return None  # another spelling folds alike and interleaves: no block
    target = tuple(fold(fixed[g]) if g == "country" else fixed[g] for g in prefix)
    before = size = 0
    for relation, kind, country, n in cells:
        values = {"relation": relation, "kind": kind, "country": folded[country]}
        cell = tuple(values[g] for g in prefix)
        if cell < target:
            before += int(n)
        elif cell == target:
            size += int(n)
    return code, before, size


def _partner_rows(rows: list[Any]) -> list[PartnerRow]:
    return [
        PartnerRow(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4] or "",
            r[5] or "",
            bool(r[6]),
            bool(r[7]),
            bool(r[8]),
            r[9],
            r[10],
        )
        for r in rows
    ]


def _walk_order(conn: sqlite3.Connection, query: PartnerQuery, total: int) -> str | None:
    """The partner_order to walk for a text filter's windows, if it is worth it."""
    if query.sort not in _UNGROUPED_ORDERS or not _has_derived(conn):
        return None
    partners = count_partners(conn, PartnerQuery())
    return _UNGROUPED_ORDERS[query.sort] if total >= WALK_SHARE * partners else None


def partner_window(
    conn: sqlite3.Connection,
    query: PartnerQuery,
    offset: int,
    limit: int,
    *,
    total: int | None = None,
) -> list[PartnerRow]:
    """Rows ``offset`` to ``offset + limit`` of the sorted, filtered partners.

    ``total`` is the query's count, if the caller has it (it saves counting again).
    """
    offset, limit = max(0, offset), max(0, limit)
    if query.text_only and not query.include_polyu:
        total = count_partners(conn, query) if total is None else total
        order = _walk_order(conn, query, total)
        if order is not None:
            return _walk_window(conn, query, order, offset, limit, total)
    block = _block(conn, query)
    if block is not None:
        sort, first, size = block
        end = min(offset + limit, size)  # exclusive, within the block
        if offset >= end:
            return []
        if query.descending:
            low, high, direction = first + size - end, first + size - 1 - offset, "DESC"
        else:
            low, high, direction = first + offset, first + end - 1, "ASC"
        rows = conn.execute(
            f"SELECT {_columns(conn)} FROM partner_order p "
            "JOIN organisation o ON o.rowid = p.org_rowid "
            f"WHERE p.sort = ? AND p.pos BETWEEN ? AND ? ORDER BY p.pos {direction}",
            (sort, low, high),
        ).fetchall()
        return _partner_rows(rows)
    where, args = query.where()
    if offset > 0:
        # Past the middle, read from the other end: OFFSET costs what it skips.
        total = count_partners(conn, query) if total is None else total
        if offset >= total:
            return []
        if offset > total // 2:
            reverse = PartnerQuery(**{**query.__dict__, "descending": not query.descending})
            take = min(limit, total - offset)
            rows = conn.execute(
                f"SELECT {_columns(conn)} FROM organisation o{where}{reverse.order()} "
                "LIMIT ? OFFSET ?",
                [*args, take, total - offset - take],
            ).fetchall()
            return _partner_rows(rows[::-1])
    rows = conn.execute(
        f"SELECT {_columns(conn)} FROM organisation o{where}{query.order()} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return _partner_rows(rows)


def _walk_window(
    conn: sqlite3.Connection, query: PartnerQuery, order: str, offset: int, limit: int, total: int
) -> list[PartnerRow]:
    """A window of a text filter's matches, walking partner_order from the nearer end.

    The matches are listed once (as SQLite's IN list); the walk stops at the window,
    so it costs about (rows before the window) / (share matching), not a sort.
    """
    if offset >= total:
        return []
    take = min(limit, total - offset)
    descending = query.descending
    skip = offset
    if offset > total // 2:
        descending, skip = not descending, total - offset - take
    rows = conn.execute(
        f"SELECT {_columns(conn)} FROM partner_order p "
        "JOIN organisation o ON o.rowid = p.org_rowid "
        "WHERE p.sort = ? AND p.org_rowid IN "
        "(SELECT s.rowid FROM search_index s WHERE search_index MATCH ?) "
        f"ORDER BY p.pos {'DESC' if descending else 'ASC'} LIMIT ? OFFSET ?",
        (order, query.text_match(), take, skip),
    ).fetchall()
    if descending != query.descending:
        rows.reverse()
    return _partner_rows(rows)


FACET_NAMES = ("kind", "country", "relation", "agreement_type")


@dataclass(frozen=True)
class Facets:
    kinds: list[tuple[str, int]] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)
    relations: list[tuple[str, int]] = field(default_factory=list)
    agreement_types: list[tuple[str, int]] = field(default_factory=list)
    """Partners with an agreement of each type (empty with no agreements imported)."""
    estimated: frozenset[str] = frozenset()
    """The facets (FACET_NAMES) whose counts are estimates from a sample: counting
    them exactly would have taken longer than the time limit."""

    @property
    def exact(self) -> bool:
        return not self.estimated


# Time the Partners facets may take to be counted exactly (from the start of their
# read) before the rest are estimated from a sample: with the table's own read, the
# screen is drawn within about half a second of a keystroke at a million partners.
FACET_TIME_LIMIT = 0.25
# Partners a facet estimate counts: enough for two significant figures of a value
# that holds a few per cent of the matches.
FACET_SAMPLE_ROWS = 5_000


@dataclass(frozen=True)
class _Sample:
    """Partners a facet is estimated from: the text filter's matches whose rowids are
    listed (JSON), or else those in rowid ranges; and the factor to the whole."""

    factor: float
    rowids: str | None = None
    ranges: list[tuple[int, int]] = field(default_factory=list)


class _Counter:
    """Runs the grouped counts of one partner_facets call: exactly while there is time
    left, then each on a sample of the partners, scaled to all of them.

    With a time limit and a text filter, the filter's first FACET_SAMPLE_ROWS matches
    are read first (from the middle of the table on, so the article's own partners,
    stored first, do not skew them): if that is all of them, they are counted exactly
    in no time; if there are more, counting them all would not fit in the time limit,
    and the facets are estimated from those at once.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        query: PartnerQuery,
        top: int,
        limit: float | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.conn = conn
        self.top = top
        self.deadline = None if limit is None else time.monotonic() + limit
        self.cancelled = cancelled
        self.estimated: set[str] = set()
        self._sample: _Sample | None = None
        self._all_matches: str | None = None  # every match's rowid (JSON), when few
        if limit is not None and query.text_match() and query.text_country() is None:
            self._probe(query.text_match())

    def _span(self) -> tuple[int, int]:
        # Two subqueries: min() and max() in one SELECT would scan the whole table.
        low, high = self.conn.execute(
            "SELECT (SELECT min(rowid) FROM organisation), (SELECT max(rowid) FROM organisation)"
        ).fetchone()
        return (int(low), int(high)) if low is not None else (0, -1)

    def _probe(self, match: str) -> None:
        low, high = self._span()
        middle = low + (high - low + 1) // 2
        wanted = FACET_SAMPLE_ROWS + 1
        sql = "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid {} ? LIMIT ?"
        with time_limit(self.conn, None, cancelled=self.cancelled):
            found = [r[0] for r in self.conn.execute(sql.format(">="), (match, middle, wanted))]
            wrapped = len(found) < wanted
            if wrapped:
                found += [
                    r[0]
                    for r in self.conn.execute(
                        sql.format("<"), (match, middle, wanted - len(found))
                    )
                ]
        if len(found) <= FACET_SAMPLE_ROWS:
            self._all_matches = json.dumps(found)
            return
        # Matches per rowid in the stretch read, times every rowid: about how many match.
        read = (high - middle + 1) + (found[-1] - low + 1) if wrapped else found[-1] - middle + 1
        total = len(found) * (high - low + 1) / max(1, read)
        self._sample = _Sample(max(1.0, total / len(found)), rowids=json.dumps(found))

    def _where(self, query: PartnerQuery, rowids: str) -> tuple[str, list[Any]]:
        """``query``'s WHERE with its text filter replaced by a list of its matches."""
        where, args = replace(query, text="").where()
        clause = "o.rowid IN (SELECT value FROM json_each(?))"
        return (f"{where} AND {clause}" if where else f" WHERE {clause}"), [*args, rowids]

    def grouped(self, name: str, sql: str, query: PartnerQuery) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` ('... FROM organisation o{where} GROUP BY ...', the count
        last) for ``query``'s rows: exact in time, else from the sample (scaled)."""
        if self._all_matches is not None:
            where, args = self._where(query, self._all_matches)
            with time_limit(self.conn, None, cancelled=self.cancelled):
                return self.conn.execute(sql.format(where=where), args).fetchall()
        if self._sample is None and (self.deadline is None or time.monotonic() < self.deadline):
            where, args = query.where()
            left = None if self.deadline is None else self.deadline - time.monotonic()
            try:
                with time_limit(self.conn, left, cancelled=self.cancelled):
                    return self.conn.execute(sql.format(where=where), args).fetchall()
            except TimeLimit:
                if self.cancelled is not None and self.cancelled():
                    raise
        sample = self.sample()
        if sample.factor > 1.0:
            self.estimated.add(name)  # else the "sample" is every partner: exact
        if sample.rowids is not None:
            where, args = self._where(query, sample.rowids)
        else:
            where, args = query.where(sample.ranges)
        with time_limit(self.conn, None, cancelled=self.cancelled):
            rows = self.conn.execute(sql.format(where=where), args).fetchall()
        return [(*row[:-1], max(1, round(row[-1] * sample.factor))) for row in rows]

    def sample(self) -> _Sample:
        """The text filter's sample, or rowid ranges of about FACET_SAMPLE_ROWS
        partners spread over all of them."""
        if self._sample is None:
            low, high = self._span()
            span = high - low + 1
            ranges = (
                sample_ranges(self.conn, "organisation", span, rows=FACET_SAMPLE_ROWS)
                if span > 0
                else []
            )
            covered = sum(end - start + 1 for start, end in ranges)
            self._sample = _Sample(span / covered if covered else 1.0, ranges=ranges)
        return self._sample

    def top_of(self, rows: list[tuple[Any, ...]]) -> list[tuple[str, int]]:
        ordered = sorted(((str(r[0]), int(r[1])) for r in rows), key=lambda r: (-r[1], r[0]))
        return ordered[: self.top]


def partner_facets(
    conn: sqlite3.Connection,
    query: PartnerQuery,
    top: int = 40,
    *,
    limit: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Facets:
    """Counts per kind, country, relation and agreement type for the rows the other
    facets leave.

    ``limit``: seconds to count exactly; a facet not counted by then is estimated from
    a sample (and named in Facets.estimated). None: always exact. ``cancelled``: when
    it turns true the counting stops with TimeLimit (a newer filter is wanted).
    """
    types_on = has_partner_counts(conn)
    if _from_counts(query) and _has_derived(conn) and (types_on or not query.agreement_type):
        return _facets_from_counts(conn, query, top, types_on, limit, cancelled)
    counter = _Counter(conn, query, top, limit, cancelled)
    if query.text_only:
        kinds, countries = _kinds_and_countries(counter, PartnerQuery(query.text))
    else:
        kinds = counter.top_of(
            counter.grouped(
                "kind",
                "SELECT o.kind, count(*) FROM organisation o{where} GROUP BY o.kind",
                replace(query, kind=None, include_polyu=False),
            )
        )
        countries = counter.top_of(
            counter.grouped(
                "country",
                "SELECT o.country, count(*) FROM organisation o{where} GROUP BY o.country",
                replace(query, country=None, include_polyu=False),
            )
        )
    relations = _relation_counts(counter, query)
    types = _type_counts(counter, query) if types_on else []
    return Facets(kinds, countries, relations, types, frozenset(counter.estimated))


def _relation_counts(counter: _Counter, query: PartnerQuery) -> list[tuple[str, int]]:
    return counter.top_of(
        counter.grouped(
            "relation",
            "SELECT r.relation, count(*) FROM organisation o "
            "JOIN organisation_relation r ON r.organisation_id = o.id{where} "
            "GROUP BY r.relation",
            replace(query, relation=None, include_polyu=False),
        )
    )


def _type_counts(counter: _Counter, query: PartnerQuery) -> list[tuple[str, int]]:
    return counter.top_of(
        counter.grouped(
            "agreement_type",
            "SELECT t.agreement_type, count(*) FROM organisation o "
            "JOIN agreement_partner_types t ON t.organisation_id = o.id{where} "
            "GROUP BY t.agreement_type",
            replace(query, agreement_type=None, include_polyu=False),
        )
    )


def _kinds_and_countries(
    counter: _Counter, query: PartnerQuery
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Both facets of a query that fixes neither, from one pass over its rows."""
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    rows = counter.grouped(
        "kind",
        "SELECT o.kind, o.country, count(*) FROM organisation o{where} GROUP BY o.kind, o.country",
        query,
    )
    if "kind" in counter.estimated:
        counter.estimated.add("country")
    for kind, country, n in rows:
        kinds[str(kind)] += int(n)
        countries[str(country)] += int(n)
    return counter.top_of(list(kinds.items())), counter.top_of(list(countries.items()))


# Rows the Partners table reads at a time.
PARTNER_PAGE_SIZE = 100


@dataclass(frozen=True)
class PartnerView:
    """What the Partners table needs to draw a query at once: its count, the rows at
    both ends (Home and End never wait), and the facet counts if asked for."""

    query: PartnerQuery
    count: int
    pages: dict[int, list[PartnerRow]]
    facets: Facets | None = None


def partner_view(
    conn: sqlite3.Connection,
    query: PartnerQuery,
    *,
    page_size: int = PARTNER_PAGE_SIZE,
    with_facets: bool = False,
) -> PartnerView:
    count = count_partners(conn, query)
    pages = {0: partner_window(conn, query, 0, page_size, total=count)}
    # The pages holding the last page_size rows (one or two): a screenful at the end.
    # Not for a text filter matching a large share of the partners: each end costs a
    # walk over all its matches, and the first screen comes first (End reads it then).
    walks = query.text_only and _walk_order(conn, query, count) is not None
    for row in () if walks else (count - page_size, count - 1):
        page = max(0, row) // page_size
        if page not in pages:
            pages[page] = partner_window(conn, query, page * page_size, page_size, total=count)
    facets = partner_facets(conn, query) if with_facets else None
    return PartnerView(query, count, pages, facets)


def _facets_from_counts(
    conn: sqlite3.Connection,
    query: PartnerQuery,
    top: int,
    types_on: bool,
    limit: float | None,
    cancelled: Callable[[], bool] | None,
) -> Facets:
    """partner_facets without a text filter: sums over partner_count (or, with an
    agreement type chosen, agreement_partner_counts), never a scan; only a relation and
    an agreement type counted within each other are read from the partners."""
    # Facets always leave PolyU's own units out, whatever the table shows.
    base = replace(query, sort="name", descending=False, include_polyu=False)

    def counts(table: str, column: str, where: str, args: list[Any]) -> list[tuple[str, int]]:
        rows = conn.execute(
            f"SELECT {column}, sum(n) AS total FROM {table}{where} "
            f"GROUP BY {column} HAVING total > 0 ORDER BY total DESC, {column} LIMIT ?",
            [*args, top],
        ).fetchall()
        return [(str(value), int(n)) for value, n in rows]

    counter = _Counter(conn, base, top, limit, cancelled)
    if base.agreement_type:
        kinds = counts("agreement_partner_counts", "kind", *_type_count_sql(base, kind=False))
        countries = counts(
            "agreement_partner_counts", "country", *_type_count_sql(base, country=False)
        )
        relations = _relation_counts(counter, base)
    else:
        kinds = counts("partner_count", "kind", *_count_sql(base, kind=False))
        countries = counts("partner_count", "country", *_count_sql(base, country=False))
        where, args = _count_sql(base, relation=False)
        where = where.replace("relation = ?", "relation != ?", 1)
        relations = counts("partner_count", "relation", where, args)
    types: list[tuple[str, int]] = []
    if types_on:
        if base.relation:
            types = _type_counts(counter, base)
        else:
            types = counts(
                "agreement_partner_counts",
                "agreement_type",
                *_type_count_sql(base, agreement_type=False),
            )
    return Facets(kinds, countries, relations, types, frozenset(counter.estimated))
