"""Global search over imported agreements: by partner, unit, type and subject.

Agreements are not records of the entity table (there may be a million of them), so
they have a full-text index of their own, ``agreement_search``: contentless (it keeps
only the index; the rows are the agreement table's), one row per agreement with the
same rowid. An import and ``db synth --agreements`` fill it once the agreements are
in; a user database written before it existed simply finds no agreements.

A query costs the same at any size: the last word, a prefix, is expanded to its most
common full terms (``agreement_term``, as ``search_term`` does for records), and
candidates are fetched unranked up to a limit. The index keeps no prefix index, no
positions and no column sizes (detail = none): nothing here asks for them, and
without them it is built in about half the time (measured: 1.2 s of CPU per 100,000
agreements, against 2.2 s with a prefix index).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from polyu_tui.data.agreements.query import status_sql
from polyu_tui.data.agreements.view import STATUS_LABELS, TYPE_LABELS
from polyu_tui.data.text import name_terms

INDEX_TABLE = "agreement_search"
TERM_TABLE = "agreement_term"
# How many full terms the last word of a query (a prefix) expands to.
MAX_EXPANSION = 24

# One statement each: executescript() would commit the caller's transaction.
AGREEMENT_SEARCH_DDL: tuple[str, ...] = (
    f"DROP TABLE IF EXISTS {INDEX_TABLE}",
    f"DROP TABLE IF EXISTS {TERM_TABLE}",
    f"CREATE VIRTUAL TABLE {INDEX_TABLE} USING fts5("
    "partner, units, type, subject, pairs, content = '', "
    "tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0)",
    f"CREATE TABLE {TERM_TABLE} (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID",
)


def _pairs(text: str | None) -> str:
    return name_terms(text) if text else ""


def index_agreements(conn: sqlite3.Connection) -> None:
    """(Re)build the agreements' search index from the agreement table.

    The type is indexed as its code ('dual_degree': the words dual and degree) and its
    label ('Summer programme'); CJK text also as character pairs (column pairs).
    """
    for statement in AGREEMENT_SEARCH_DDL:
        conn.execute(statement)
    conn.create_function("polyu_pairs", 1, _pairs, deterministic=True)
    labels = " ".join("WHEN ? THEN ?" for _ in TYPE_LABELS)
    # Only text with a byte outside ASCII can hold CJK: the rest skips the call.
    non_ascii = "length(CAST({0} AS BLOB)) != length({0})"
    text = "a.partner || ' ' || a.polyu_unit || ' ' || a.partner_unit || ' ' || a.subject_area"
    conn.execute(
        f"INSERT INTO {INDEX_TABLE} (rowid, partner, units, type, subject, pairs) "
        "SELECT a.rowid, a.partner, a.polyu_unit || ' ' || a.partner_unit, "
        f"a.agreement_type || ' ' || CASE a.agreement_type {labels} ELSE '' END, "
        f"a.subject_area, CASE WHEN {non_ascii.format(text)} THEN polyu_pairs({text}) "
        "ELSE '' END FROM agreement a",
        [value for pair in TYPE_LABELS.items() for value in pair],
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE temp.agreement_vocab USING fts5vocab(main, {INDEX_TABLE}, 'row')"
    )
    conn.execute(
        f"INSERT INTO {TERM_TABLE} (term, docs) SELECT term, doc FROM temp.agreement_vocab"
    )
    conn.execute("DROP TABLE temp.agreement_vocab")
    conn.execute(f"CREATE INDEX {TERM_TABLE}_head ON {TERM_TABLE}(substr(term, 1, 1), docs DESC)")


def searchable(conn: sqlite3.Connection) -> bool:
    """True when this database has agreements indexed for search."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX_TABLE,)
    ).fetchone()
    return row is not None


def _expand(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """The most common indexed terms starting with ``prefix``, most common first."""
    if len(prefix) == 1:
        rows = conn.execute(
            f"SELECT term FROM {TERM_TABLE} WHERE substr(term, 1, 1) = ? "
            "ORDER BY docs DESC LIMIT ?",
            (prefix, MAX_EXPANSION),
        ).fetchall()
    else:
        rows = conn.execute(
            f"SELECT term FROM {TERM_TABLE} WHERE term >= ? AND term < ? "
            "ORDER BY docs DESC LIMIT ?",
            (prefix, prefix + "\U0010ffff", MAX_EXPANSION),
        ).fetchall()
    return [str(row[0]) for row in rows if '"' not in str(row[0])]


def expression(conn: sqlite3.Connection, words: list[str]) -> str:
    """A safe FTS5 expression for ``words``: every word quoted, the last one a prefix
    (the word itself, or one of the commonest terms that start with it)."""
    *head, last = words
    parts = [f'"{word}"' for word in head]
    terms = dict.fromkeys([last, *_expand(conn, last)])
    parts.append("(" + " OR ".join(f'"{term}"' for term in terms) + ")")
    return " AND ".join(parts)


def find_agreements(conn: sqlite3.Connection, words: list[str], limit: int) -> list[int]:
    """Rowids of agreements matching every word, at most ``limit``, unranked (in the
    order of the office's list). One pass over every column: a pass limited to the
    partner column first would read every match of a unit or type to find none."""
    if not words or limit <= 0 or not searchable(conn):
        return []
    rows = conn.execute(
        f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH ? LIMIT ?",
        (expression(conn, words), limit),
    ).fetchall()
    return [int(row[0]) for row in rows]


@dataclass(frozen=True)
class FoundAgreement:
    id: str
    name: str  # as the detail record names it: 'Dual degree: Universidad de Chile'
    text: str  # what it was found by: units, type, subject, dates and status
    agreement_type: str
    country: str


def agreement_hits(
    conn: sqlite3.Connection, rowids: list[int], *, today: str
) -> dict[int, FoundAgreement]:
    """What a search result shows of each agreement (never its contacts or notes)."""
    if not rowids:
        return {}
    marks = ", ".join("?" for _ in rowids)
    found: dict[int, FoundAgreement] = {}
    for row in conn.execute(
        f"SELECT a.rowid, a.id, a.partner, a.agreement_type, a.polyu_unit, a.partner_unit, "
        f"a.subject_area, a.start_date, a.end_date, ({status_sql(today)}), a.country "
        f"FROM agreement a WHERE a.rowid IN ({marks})",
        rowids,
    ):
        rowid, record_id, partner, kind, unit, partner_unit, subject, start, end, status = row[:10]
        label = TYPE_LABELS.get(kind, kind)
        dates = f"{start} → {end or 'open-ended'}"
        parts = [label, unit, partner_unit, subject, dates, STATUS_LABELS.get(status, status)]
        found[int(rowid)] = FoundAgreement(
            id=str(record_id),
            name=f"{label}: {partner}",
            text=" · ".join(str(part) for part in parts if part),
            agreement_type=str(kind),
            country=str(row[10]),
        )
    return found
