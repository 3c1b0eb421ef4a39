"""The Partners table's engine: a window of sorted, filtered partners, its count, and
the facet counts, read so that their cost does not grow with the number of partners.
Plain sqlite3, no Textual.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

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

    def where(self) -> tuple[str, list[Any]]:
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
        match = self.text_match()
        country = self.text_country()
        if match and country is not None:
            # One list of rowids from two index lookups (an OR would scan every partner).
            clauses.append(
                "o.rowid IN (SELECT s.rowid FROM search_index s WHERE search_index MATCH ? "
                "UNION SELECT c.rowid FROM organisation c WHERE c.country_fold = ?)"
            )
            args += [match, fold(country)]
        elif match:
            clauses.append(
                "o.rowid IN (SELECT s.rowid FROM search_index s WHERE search_index MATCH ?)"
            )
            args.append(match)
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
            and not (self.kind or self.country is not None or self.relation)
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
    """Whether partner_count answers this query (every filter but text is in it)."""
    return not tokens(query.text)


def _count_sql(
    query: PartnerQuery, *, kind: bool = True, country: bool = True, relation: bool = True
) -> tuple[str, list[Any]]:
    """WHERE over partner_count for the query's facets (those not dropped)."""
    clauses = ["relation = ?"]
    args: list[Any] = [query.relation if relation and query.relation else ""]
    if not query.include_polyu:
        clauses.append("kind != 'polyu'")
    if kind and query.kind:
        clauses.append("kind = ?")
        args.append(query.kind)
    if country and query.country is not None:
        clauses.append("country = ?")
        args.append(query.country)
    return " WHERE " + " AND ".join(clauses), args


def count_partners(conn: sqlite3.Connection, query: PartnerQuery) -> int:
    if _from_counts(query) and _has_derived(conn):
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
            r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", bool(r[6]), bool(r[7]), bool(r[8]), r[9]
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
            f"SELECT {PARTNER_COLUMNS} FROM partner_order p "
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
                f"SELECT {PARTNER_COLUMNS} FROM organisation o{where}{reverse.order()} "
                "LIMIT ? OFFSET ?",
                [*args, take, total - offset - take],
            ).fetchall()
            return _partner_rows(rows[::-1])
    rows = conn.execute(
        f"SELECT {PARTNER_COLUMNS} FROM organisation o{where}{query.order()} LIMIT ? OFFSET ?",
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
        f"SELECT {PARTNER_COLUMNS} FROM partner_order p "
        "JOIN organisation o ON o.rowid = p.org_rowid "
        "WHERE p.sort = ? AND p.org_rowid IN "
        "(SELECT s.rowid FROM search_index s WHERE search_index MATCH ?) "
        f"ORDER BY p.pos {'DESC' if descending else 'ASC'} LIMIT ? OFFSET ?",
        (order, query.text_match(), take, skip),
    ).fetchall()
    if descending != query.descending:
        rows.reverse()
    return _partner_rows(rows)


@dataclass(frozen=True)
class Facets:
    kinds: list[tuple[str, int]] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)
    relations: list[tuple[str, int]] = field(default_factory=list)


def partner_facets(conn: sqlite3.Connection, query: PartnerQuery, top: int = 40) -> Facets:
    """Counts per kind, country and relation for the rows the other facets leave."""
    if _from_counts(query) and _has_derived(conn):
        return _facets_from_counts(conn, query, top)

    def counts(sql_for: str, dropped: PartnerQuery) -> list[tuple[str, int]]:
        where, args = dropped.where()
        return [
            (str(value), int(n))
            for value, n in conn.execute(sql_for.format(where=where), [*args, top]).fetchall()
        ]

    if query.text_only:
        kinds, countries = _kinds_and_countries(conn, PartnerQuery(query.text), top)
    else:
        kinds = counts(
            "SELECT o.kind, count(*) n FROM organisation o{where} GROUP BY o.kind "
            "ORDER BY n DESC, o.kind LIMIT ?",
            PartnerQuery(query.text, None, query.country, query.relation, include_polyu=False),
        )
        countries = counts(
            "SELECT o.country, count(*) n FROM organisation o{where} GROUP BY o.country "
            "ORDER BY n DESC, o.country LIMIT ?",
            PartnerQuery(query.text, query.kind, None, query.relation),
        )
    relation_query = PartnerQuery(query.text, query.kind, query.country, None)
    where, args = relation_query.where()
    relations = [
        (str(value), int(n))
        for value, n in conn.execute(
            "SELECT r.relation, count(*) n FROM organisation_relation r "
            f"JOIN organisation o ON o.id = r.organisation_id{where} "
            "GROUP BY r.relation ORDER BY n DESC, r.relation LIMIT ?",
            [*args, top],
        ).fetchall()
    ]
    return Facets(kinds, countries, relations)


def _kinds_and_countries(
    conn: sqlite3.Connection, query: PartnerQuery, top: int
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Both facets of a query that fixes neither, from one pass over its rows."""
    where, args = query.where()
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for kind, country, n in conn.execute(
        f"SELECT o.kind, o.country, count(*) FROM organisation o{where} GROUP BY o.kind, o.country",
        args,
    ):
        kinds[str(kind)] += int(n)
        countries[str(country)] += int(n)

    def biggest(counter: Counter[str]) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]

    return biggest(kinds), biggest(countries)


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
    for row in (count - page_size, count - 1):
        page = max(0, row) // page_size
        if page not in pages:
            pages[page] = partner_window(conn, query, page * page_size, page_size, total=count)
    facets = partner_facets(conn, query) if with_facets else None
    return PartnerView(query, count, pages, facets)


def _facets_from_counts(conn: sqlite3.Connection, query: PartnerQuery, top: int) -> Facets:
    """partner_facets without a text filter: sums over partner_count, never a scan."""
    # Facets always leave PolyU's own units out, whatever the table shows.
    base = PartnerQuery(
        kind=query.kind, country=query.country, relation=query.relation, include_polyu=False
    )

    def counts(column: str, where: str, args: list[Any]) -> list[tuple[str, int]]:
        rows = conn.execute(
            f"SELECT {column}, sum(n) AS total FROM partner_count{where} "
            f"GROUP BY {column} HAVING total > 0 ORDER BY total DESC, {column} LIMIT ?",
            [*args, top],
        ).fetchall()
        return [(str(value), int(n)) for value, n in rows]

    kinds = counts("kind", *_count_sql(base, kind=False))
    countries = counts("country", *_count_sql(base, country=False))
    where, args = _count_sql(base, relation=False)
    where = where.replace("relation = ?", "relation != ?", 1)
    relations = counts("relation", where, args)
    return Facets(kinds, countries, relations)
