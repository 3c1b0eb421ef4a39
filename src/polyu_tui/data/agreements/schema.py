"""The tables a user database adds to the article's: agreements and what was imported.

The bundled database has none of these; code that reads agreements asks
:func:`has_agreements` first.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

AGREEMENT_DDL = """
CREATE TABLE agreement (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,            -- 'agreement/<key>': the detail record's id
    agreement_id TEXT NOT NULL DEFAULT '',  -- the office's own id, as given
    organisation_id TEXT NOT NULL REFERENCES organisation(id),
    partner TEXT NOT NULL,              -- the partner as the file names it
    partner_fold TEXT NOT NULL,
    country_code TEXT NOT NULL,         -- ISO 3166-1 alpha-2
    country TEXT NOT NULL,              -- the name the app shows
    agreement_type TEXT NOT NULL,
    start_date TEXT NOT NULL,           -- YYYY-MM-DD
    end_date TEXT NOT NULL DEFAULT '',  -- '' = open-ended
    status TEXT NOT NULL DEFAULT '',    -- '' = worked out from the dates when read
    polyu_unit TEXT NOT NULL DEFAULT '',
    partner_unit TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',     -- ';'-joined codes
    direction TEXT NOT NULL DEFAULT '',
    places_out INTEGER,
    places_in INTEGER,
    subject_area TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',    -- 'FILE:LINE' it was read from
    text_fold TEXT NOT NULL DEFAULT ''  -- folded partner, units, type, subject: the text filter
);
-- One index per sort order of the Agreements tab, in exactly its ORDER BY (view.py),
-- so a window is a walk along it, never a sort of every row.
CREATE INDEX agreement_organisation ON agreement(organisation_id);
CREATE INDEX agreement_partner ON agreement(partner_fold, rowid);
CREATE INDEX agreement_type ON agreement(agreement_type, partner_fold, rowid);
CREATE INDEX agreement_unit ON agreement(polyu_unit, partner_fold, rowid);
CREATE INDEX agreement_start ON agreement(start_date, rowid);
CREATE INDEX agreement_end ON agreement(end_date = '', end_date, rowid);
CREATE INDEX agreement_country ON agreement(country_code);

-- Records an import added (organisations the article does not name): they quote nothing.
CREATE TABLE imported_record (
    entity_id TEXT PRIMARY KEY REFERENCES entity(id)
) WITHOUT ROWID;
"""

# The columns of the agreement table an Agreement is made from, in its field order.
AGREEMENT_FIELDS: tuple[str, ...] = (
    "partner",
    "country_code",
    "country",
    "agreement_type",
    "start_date",
    "end_date",
    "agreement_id",
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
    "source",
)

# meta keys an import writes.
META_FILES = "import_files"
META_DATE = "import_date"
META_COUNT = "import_agreements"


def has_agreements(conn: sqlite3.Connection) -> bool:
    """True for a user database (one an import wrote), even with no agreements in it."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agreement'"
    ).fetchone()
    return row is not None


def import_meta(conn: sqlite3.Connection) -> dict[str, str]:
    """The import_* meta rows ({} for the bundled database)."""
    return dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'import\\_%' ESCAPE '\\'"))


def data_label(path: Path) -> str:
    """describe() of the database at ``path`` when it holds imported agreements, else ''
    (read in a millisecond: the app's title line shows it)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return ""
    try:
        return describe(conn) if has_agreements(conn) else ""
    except sqlite3.Error:
        return ""
    finally:
        conn.close()


def describe(conn: sqlite3.Connection) -> str:
    """Which data is open, in a few words: 'article + 612 agreements imported 2026-11-30
    from agreements.xlsx', or 'article' for the bundled database."""
    meta = import_meta(conn)
    if not meta:
        return "article"
    count = int(meta.get(META_COUNT, "0"))
    noun = "agreement" if count == 1 else "agreements"
    files = meta.get(META_FILES, "")
    shown = files if len(files) <= 40 else files[:39] + "…"
    return f"article + {count:,} {noun} imported {meta.get(META_DATE, '?')} from {shown}"
