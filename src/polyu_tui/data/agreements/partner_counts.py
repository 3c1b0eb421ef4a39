"""Tables derived from the agreements for the Partners table, written with them (an
import, ``db synth --agreements``), so its agreements column and agreement-type facet
cost the same at a million partners as at twenty-four (as partner_count does):

- ``agreements_per_partner``: each partner's number of agreements (the column: a lookup
  per row shown);
- ``agreement_partner_types``: which partners have an agreement of each type (the
  facet's filter: one lookup per partner, as organisation_relation is for a relation);
- ``agreement_partner_counts``: partners per (agreement type, kind, country) (the
  facet's counts, and the counts within it, without a text filter: a sum over a few
  hundred rows).

Their names begin with "agreement", so they are the import's own tables, never part
of the article's (importer.article_fingerprint).
"""

from __future__ import annotations

import sqlite3

PARTNER_COUNT_DDL = """
CREATE TABLE agreements_per_partner (
    organisation_id TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE agreement_partner_types (
    agreement_type TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    PRIMARY KEY (agreement_type, organisation_id)
) WITHOUT ROWID;
CREATE TABLE agreement_partner_counts (
    agreement_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (agreement_type, kind, country)
) WITHOUT ROWID;
"""

PARTNER_COUNT_TABLES = (
    "agreements_per_partner",
    "agreement_partner_types",
    "agreement_partner_counts",
)


def derive_partner_counts(conn: sqlite3.Connection) -> None:
    """(Re)write the tables from the agreement and organisation tables (in the caller's
    transaction; the agreement table's organisation index makes it a walk in order)."""
    for table in PARTNER_COUNT_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in PARTNER_COUNT_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(
        "INSERT INTO agreements_per_partner (organisation_id, n) "
        "SELECT organisation_id, count(*) FROM agreement GROUP BY organisation_id"
    )
    conn.execute(
        "INSERT INTO agreement_partner_types (agreement_type, organisation_id) "
        "SELECT DISTINCT agreement_type, organisation_id FROM agreement"
    )
    conn.execute(
        "INSERT INTO agreement_partner_counts (agreement_type, kind, country, n) "
        "SELECT t.agreement_type, o.kind, o.country, count(*) FROM agreement_partner_types t "
        "JOIN organisation o ON o.id = t.organisation_id GROUP BY 1, 2, 3"
    )


def has_partner_counts(conn: sqlite3.Connection) -> bool:
    """Whether the database has agreements counted per partner (a user database
    written before these tables has not: it is rebuilt when next opened)."""
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)",
        PARTNER_COUNT_TABLES,
    ).fetchone()[0]
    return int(found) == len(PARTNER_COUNT_TABLES)


def agreement_types_exist(conn: sqlite3.Connection) -> bool:
    """Whether the Partners table has agreements to show: a column and a facet."""
    if not has_partner_counts(conn):
        return False
    return conn.execute("SELECT 1 FROM agreements_per_partner LIMIT 1").fetchone() is not None
