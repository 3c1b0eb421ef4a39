"""Private mode: a connection on which imported contacts and notes read as empty.

Presenter mode shows the app to strangers. Rather than trust every screen to leave
out an agreement's contact and notes, each of its connections gets a temporary view
named like the table: SQLite looks a name up in the temp schema first, so every
query of ``agreement`` on that connection reads the view, whose private columns are
empty text. The database file is not touched (it stays read-only).
"""

from __future__ import annotations

import sqlite3

# Table -> its columns that hold personal data or a user's own notes.
PRIVATE_COLUMNS: dict[str, frozenset[str]] = {
    "agreement": frozenset({"contact_name", "contact_email", "notes"}),
}


def hide_private(conn: sqlite3.Connection) -> list[str]:
    """Shadow each table with private columns by a view that blanks them; the tables
    shadowed (none for a database without imported data)."""
    shadowed: list[str] = []
    for table, private in PRIVATE_COLUMNS.items():
        columns = [str(row[1]) for row in conn.execute(f"PRAGMA main.table_info([{table}])")]
        if not columns:
            continue
        select = ", ".join(
            f"'' AS [{column}]" if column in private else f"[{column}]" for column in columns
        )
        conn.execute(
            f"CREATE TEMP VIEW IF NOT EXISTS [{table}] AS SELECT {select} FROM main.[{table}]"
        )
        shadowed.append(table)
    return shadowed
