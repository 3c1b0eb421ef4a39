"""What each tab lists: the Overview's cards and timeline, the alliances, research
units, programmes, figures and outcomes. Plain sqlite3, no Textual."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from polyu_tui.data.format import format_figure


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


# A record's first acronym from the reference layer (shown marked where no article one is).
_REFERENCE_ACRONYM = (
    "(SELECT value FROM reference_fact f WHERE f.entity_id = {table}.id "
    "AND f.field = 'acronym' ORDER BY f.ord LIMIT 1) AS reference_acronym"
)


def alliances(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows_of(
        conn,
        "SELECT a.*, (SELECT group_concat(e.name, '; ') FROM link l JOIN entity e "
        "ON e.id = l.dst_id WHERE l.src_id = a.id AND l.rel = 'cofounded_by') AS cofounders, "
        f"{_REFERENCE_ACRONYM.format(table='a')} "
        "FROM alliance a ORDER BY a.grouping = 'belt-and-road' DESC, "
        "a.founded_year IS NULL, a.founded_year, a.name",
    )


def research_units(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return rows_of(
        conn,
        "SELECT r.*, (SELECT group_concat(e.name, '; ') FROM link l JOIN entity e "
        "ON e.id = l.dst_id WHERE l.src_id = r.id AND l.rel = 'partner') AS partners, "
        "(SELECT name FROM place p WHERE p.id = r.place_id) AS place, "
        f"{_REFERENCE_ACRONYM.format(table='r')} "
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


def place_parents(conn: sqlite3.Connection) -> dict[str, str]:
    """place id -> the id of the place it lies in (Cambodia -> Asia), for grouping."""
    rows = conn.execute("SELECT id, parent_id FROM place WHERE parent_id IS NOT NULL")
    return {str(place): str(parent) for place, parent in rows.fetchall()}
