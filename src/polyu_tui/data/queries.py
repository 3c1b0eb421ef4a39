"""Read queries for the screens. Plain sqlite3, no Textual: every function takes a
connection and returns plain data, so it can run in a worker thread.

The partners list is read a window at a time (LIMIT/OFFSET over an index, sort and
filter in SQL), so its cost does not grow with the size of the database.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from polyu_tui.data.format import KIND_LABELS, format_figure, format_number, value_label
from polyu_tui.data.schema import PARTNER_ORDERS
from polyu_tui.data.search import match_expression, tokens
from polyu_tui.data.text import fold

# (relation, direction, kind at the other end) -> heading in the detail panel.
# direction "out": this record names the other; "in": the other names this one.
_LINK_HEADINGS: dict[tuple[str, str, str], str] = {
    ("partner", "in", "research"): "Centres and research",
    ("partner", "in", "programme"): "Programmes",
    ("cofounded_by", "in", "alliance"): "Alliances co-founded",
    ("destination", "in", "programme"): "Programmes going here",
    ("located_in", "in", "organisation"): "Organisations here",
    ("located_in", "in", "research"): "Research here",
    ("located_in", "in", "place"): "Places within",
    ("about", "in", "figure"): "Figures",
    ("about", "in", "milestone"): "Milestones",
    ("outcome_of", "in", "outcome"): "Outcomes",
    ("funded_by", "in", "research"): "Funds",
    ("part_of", "in", "organisation"): "Includes",
}
_REL_HEADINGS: dict[tuple[str, str], str] = {
    ("located_in", "out"): "Located in",
    ("part_of", "out"): "Part of",
    ("cofounded_by", "out"): "Co-founded with",
    ("partner", "out"): "Partners",
    ("partner", "in"): "Partner in",
    ("destination", "out"): "Destinations",
    ("funded_by", "out"): "Funded by",
    ("outcome_of", "out"): "Outcome of",
    ("about", "out"): "About",
    ("mentions", "out"): "Places named in its sources",
    ("mentions", "in"): "Named in the sources of",
    # Only synthetic databases have members (polyu-tui db synth): alliance -member-> org.
    ("member", "out"): "Members",
    ("member", "in"): "Member of",
}


def link_heading(rel: str, direction: str, other_kind: str) -> str:
    return _LINK_HEADINGS.get(
        (rel, direction, other_kind),
        _REL_HEADINGS.get((rel, direction), f"{rel.replace('_', ' ').capitalize()}"),
    )


@dataclass(frozen=True)
class LinkedRecord:
    id: str
    kind: str
    name: str


@dataclass(frozen=True)
class LinkGroup:
    heading: str
    records: tuple[LinkedRecord, ...]


@dataclass(frozen=True)
class Detail:
    id: str
    kind: str
    name: str
    acronym: str | None
    summary: str
    fields: tuple[tuple[str, str], ...]
    links: tuple[LinkGroup, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    synthetic: bool = False


def get_detail(conn: sqlite3.Connection, record_id: str) -> Detail | None:
    """Everything about one record: its fields, its links both ways, its sources."""
    row = conn.execute(
        "SELECT id, kind, name, acronym, summary, sources, synthetic FROM entity WHERE id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        return None
    kind = str(row[1])
    aliases = tuple(
        str(a[0])
        for a in conn.execute(
            "SELECT alias FROM alias WHERE entity_id = ? ORDER BY alias", (record_id,)
        )
        if a[0] != row[3]
    )
    return Detail(
        id=str(row[0]),
        kind=kind,
        name=str(row[2]),
        acronym=row[3],
        summary=str(row[4] or ""),
        fields=tuple(_fields(conn, kind, record_id)),
        links=tuple(_links(conn, record_id)),
        sources=tuple(json.loads(row[5])),
        aliases=aliases,
        synthetic=bool(row[6]),
    )


def _fields(conn: sqlite3.Connection, kind: str, record_id: str) -> list[tuple[str, str]]:
    table = {
        "organisation": "organisation",
        "alliance": "alliance",
        "research": "research",
        "programme": "programme",
        "place": "place",
        "figure": "figure",
        "milestone": "milestone",
        "outcome": "outcome",
    }[kind]
    cursor = conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", (record_id,))
    row = cursor.fetchone()
    if row is None:
        return []
    data = dict(zip([c[0] for c in cursor.description], row, strict=True))
    out: list[tuple[str, str]] = [("Kind", KIND_LABELS[kind])]
    if kind == "organisation":
        out += [
            ("Type", value_label(data["kind"])),
            ("Country or region", data["country"]),
            ("Partnership", data["relationship"]),
        ]
    elif kind == "alliance":
        out += [
            (
                "Grouping",
                "Belt and Road" if data["grouping"] == "belt-and-road" else "International",
            ),
            ("PolyU’s role", value_label(data["polyu_role"])),
            ("Role in detail", data["role_detail"]),
            ("Founded", data["founded_year"]),
            (
                "Members",
                _count(data["member_qualifier"], data["member_count"], data["member_unit"]),
            ),
            ("Countries", _count(None, data["country_count"], data["country_unit"])),
            ("Focus", data["focus"]),
        ]
    elif kind == "research":
        out += [("Type", value_label(data["kind"])), ("Founded", data["founded_year"])]
    elif kind == "programme":
        out += [
            ("Type", value_label(data["kind"])),
            ("Since", data["started_year"]),
            ("Period", data["period"]),
        ]
    elif kind == "place":
        out += [("Type", value_label(data["kind"]))]
    elif kind == "figure":
        out += [
            ("Figure", format_figure(data)),
            ("Counts", data["label"]),
            ("Period", data["period"]),
            ("As of", data["as_of"]),
            ("Status", value_label(data["status"])),
        ]
    elif kind == "milestone":
        out += [("Year", data["period"] or data["year"]), ("Type", value_label(data["kind"]))]
    return [(label, str(value)) for label, value in out if value not in (None, "")]


def _count(qualifier: str | None, count: Any, unit: str | None) -> str:
    if count is None:
        return ""
    text = f"{format_number(float(count))} {unit or ''}".strip()
    return f"{qualifier} {text}" if qualifier and qualifier != "exact" else text


# Links shown per relation: a programme on a synthetic database has hundreds of
# thousands of partners, and the panel must still open at once and show its other links.
LINKS_PER_GROUP = 200


def _links(conn: sqlite3.Connection, record_id: str) -> list[LinkGroup]:
    groups: dict[str, list[tuple[int, str, LinkedRecord]]] = {}
    totals: dict[str, int] = {}
    for direction, own, other in (("out", "src_id", "dst_id"), ("in", "dst_id", "src_id")):
        for rel, total in conn.execute(
            f"SELECT rel, count(*) FROM link WHERE {own} = ? GROUP BY rel", (record_id,)
        ).fetchall():
            # A record's own lists keep the article's order; what points at it goes by name.
            # Sorting a big group would read all of it; past the limit take any first ones.
            order = "ORDER BY l.ord" if direction == "out" and total <= LINKS_PER_GROUP else ""
            rows = conn.execute(
                f"SELECT e.id, e.kind, e.name, l.ord FROM link l "
                f"JOIN entity e ON e.id = l.{other} WHERE l.{own} = ? AND l.rel = ? "
                f"{order} LIMIT ?",
                (record_id, rel, LINKS_PER_GROUP),
            ).fetchall()
            headings = set()
            for other_id, other_kind, other_name, position in rows:
                heading = link_heading(str(rel), direction, str(other_kind))
                headings.add(heading)
                rank = int(position) if direction == "out" else 0
                record = LinkedRecord(other_id, other_kind, other_name)
                groups.setdefault(heading, []).append((rank, fold(other_name), record))
            if total > LINKS_PER_GROUP:
                for heading in headings:
                    totals[heading] = totals.get(heading, 0) + int(total)
    result = []
    for heading, items in groups.items():
        shown = tuple(item[2] for item in sorted(items, key=lambda i: i[:2]))
        if totals.get(heading):
            heading = f"{heading} (first {len(shown):,} of {totals[heading]:,})"
        result.append(LinkGroup(heading, shown))
    return result


# ---------------------------------------------------------------- lists for the tabs


@dataclass(frozen=True)
class Card:
    key: str
    id: str
    label: str
    value: str
    as_of: str | None
    period: str | None


# The order the Overview shows its cards in: the network first, then the students.
CARD_ORDER = (
    "agreements",
    "institutions",
    "countries",
    "exchange-inbound",
    "exchange-outbound",
    "sl-students",
    "sl-hours",
    "wie-students",
    "non-local-students",
)


def overview_cards(conn: sqlite3.Connection) -> list[Card]:
    rows = conn.execute(
        "SELECT card, id, label, value, unit, qualifier, period, as_of "
        "FROM figure WHERE card IS NOT NULL"
    ).fetchall()
    rank = {key: index for index, key in enumerate(CARD_ORDER)}
    rows.sort(key=lambda row: (rank.get(row[0], len(rank)), row[0]))
    cards = []
    for card, record_id, label, value, unit, qualifier, period, as_of in rows:
        shown = format_figure({"value": value, "unit": unit, "qualifier": qualifier})
        cards.append(Card(card, record_id, label, shown, as_of, period))
    return cards


def rows_of(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, args)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def milestones(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows_of(
        conn, "SELECT id, year, period, label, kind, subject_id FROM milestone ORDER BY year, rowid"
    )


def alliances(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows_of(
        conn,
        "SELECT a.*, (SELECT group_concat(e.name, '; ') FROM link l JOIN entity e "
        "ON e.id = l.dst_id WHERE l.src_id = a.id AND l.rel = 'cofounded_by') AS cofounders "
        "FROM alliance a ORDER BY a.grouping = 'belt-and-road' DESC, "
        "a.founded_year IS NULL, a.founded_year, a.name",
    )


def research_units(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows_of(
        conn,
        "SELECT r.*, (SELECT group_concat(e.name, '; ') FROM link l JOIN entity e "
        "ON e.id = l.dst_id WHERE l.src_id = r.id AND l.rel = 'partner') AS partners, "
        "(SELECT name FROM place p WHERE p.id = r.place_id) AS place "
        "FROM research r ORDER BY r.kind = 'industry-collaboration', r.rowid",
    )


def programmes(conn: sqlite3.Connection, kinds: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    where = f"WHERE kind IN ({', '.join('?' for _ in kinds)})" if kinds else ""
    return rows_of(conn, f"SELECT * FROM programme {where} ORDER BY rowid", tuple(kinds))


def linked(
    conn: sqlite3.Connection, src_id: str, rel: str, kind: str | None = None
) -> list[dict[str, Any]]:
    """Records that ``src_id`` names through ``rel`` (a programme's destinations, say)."""
    kind_sql = " AND e.kind = ?" if kind else ""
    args: tuple[Any, ...] = (src_id, rel, kind) if kind else (src_id, rel)
    return rows_of(
        conn,
        f"SELECT e.id, e.kind, e.name, e.category, e.summary FROM link l "
        f"JOIN entity e ON e.id = l.dst_id WHERE l.src_id = ? AND l.rel = ?{kind_sql} "
        f"ORDER BY l.ord, e.name_fold",
        args,
    )


def figures(conn: sqlite3.Connection, subject_ids: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    where = f"WHERE subject_id IN ({', '.join('?' for _ in subject_ids)})" if subject_ids else ""
    rows = rows_of(conn, f"SELECT * FROM figure {where} ORDER BY rowid", tuple(subject_ids))
    for row in rows:
        row["shown"] = format_figure(row)
    return rows


def outcomes(conn: sqlite3.Connection, programme_id: str) -> list[dict[str, Any]]:
    return rows_of(
        conn, "SELECT id, text FROM outcome WHERE programme_id = ? ORDER BY rowid", (programme_id,)
    )


# ---------------------------------------------------------------- the partners window

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
        if match:
            clauses.append(
                "o.rowid IN (SELECT s.rowid FROM search_index s WHERE search_index MATCH ?)"
            )
            args.append(match)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args

    def text_match(self) -> str:
        """The full-text expression for the text filter ('' for none)."""
        words = tokens(self.text)
        return f"kind:organisation AND ({match_expression(words)})" if words else ""

    @property
    def text_only(self) -> bool:
        """A text filter and no facet: the case the full-text index can count alone."""
        return bool(self.text_match()) and not (
            self.kind or self.country is not None or self.relation
        )

    def order(self) -> str:
        column = PARTNER_SORTS.get(self.sort, "o.name_fold")
        direction = "DESC" if self.descending else "ASC"
        return f" ORDER BY {column} {direction}, o.name_fold {direction}, o.rowid {direction}"


PARTNER_COLUMNS = "o.id, o.name, o.acronym, o.kind, o.country, o.relationship, o.synthetic"


@dataclass(frozen=True)
class PartnerRow:
    id: str
    name: str
    acronym: str | None
    kind: str
    country: str
    relationship: str
    synthetic: bool


# The cost of a partners screen must not grow with the number of partners. Two
# tables derived at build time (schema.py, build.derive_tables) make that so:
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
    return [PartnerRow(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "", bool(r[6])) for r in rows]


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
