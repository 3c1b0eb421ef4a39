"""Tables derived from the agreement table when it is written, so that the Agreements
tab's counts and facets cost the same at a million agreements as at a hundred (as
partner_count does for the Partners table):

- ``agreement_facet_count``: the unfiltered view's counts per type, country, level
  and PolyU unit;
- ``agreement_date_count``: agreements per given status and end date, and, for those
  whose status is worked out from the dates, per start date. The status and
  "expires within" counts depend on the day they are read; these answer them for any
  day with a sum over a range of dates.

The counts are taken from the rows as they are written (an import has them in memory,
``db synth`` makes them), never by reading the table back: an import of 100,000 rows
spends about as long on them as on reading its CSV's header. A database written before
these tables is still read, more slowly (:func:`has_derived`).

No order table: a window past the middle of a sort order is read from its other end
(view.py), so the last window costs what the first does; a row number per agreement and
per sort order cost an import of 100,000 rows 1.8 s (five walks and 500,000 inserts),
an eighth of its time budget, for windows in the middle only.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

DERIVED_DDL = """
CREATE TABLE agreement_facet_count (
    facet TEXT NOT NULL,                -- 'type', 'country', 'level', 'unit', and
                                        -- 'given_status' (the status column, '' too)
    value TEXT NOT NULL,
    label TEXT NOT NULL,                -- a country's name; else the value
    n INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;
CREATE TABLE agreement_date_count (
    field TEXT NOT NULL,                -- 'end': every agreement; 'start': status ''
    status TEXT NOT NULL,               -- as given ('' = worked out from the dates)
    day TEXT NOT NULL,                  -- YYYY-MM-DD, or '' (open-ended)
    n INTEGER NOT NULL,
    PRIMARY KEY (field, status, day)
) WITHOUT ROWID;
"""

DERIVED_TABLES = ("agreement_facet_count", "agreement_date_count")

# The columns of the agreement table the counts are taken from.
COUNTED_COLUMNS = (
    "agreement_type",
    "country_code",
    "country",
    "polyu_unit",
    "level",
    "status",
    "end_date",
    "start_date",
)
# pick(*columns) -> a function of a row giving those columns (as operator.attrgetter
# does for an Agreement, operator.itemgetter of their positions for a tuple).
Picker = Callable[..., Callable[[Any], Any]]


class AgreementCounts:
    """The derived counts of a set of agreements, added a batch of rows at a time."""

    def __init__(self) -> None:
        self.types: Counter[str] = Counter()
        self.countries: Counter[tuple[str, str]] = Counter()  # (code, name)
        self.units: Counter[str] = Counter()
        self.levels: Counter[str] = Counter()  # as given: 'ug;pgt'
        self.ends: Counter[tuple[str, str]] = Counter()  # (status, end date)
        self.starts: Counter[str] = Counter()  # start dates of status ''

    def add(self, rows: Sequence[Any], pick: Picker) -> None:
        """Count ``rows``; a column at a time, so no copy of the rows is made."""
        self.types.update(map(pick("agreement_type"), rows))
        self.countries.update(map(pick("country_code", "country"), rows))
        self.units.update(map(pick("polyu_unit"), rows))
        self.levels.update(map(pick("level"), rows))
        self.ends.update(map(pick("status", "end_date"), rows))
        self.starts.update(
            start for status, start in map(pick("status", "start_date"), rows) if not status
        )


def count_agreements(conn: sqlite3.Connection, batch: int = 50_000) -> AgreementCounts:
    """The counts of the agreements in the table (a database written without them)."""
    counts = AgreementCounts()
    cursor = conn.execute(f"SELECT {', '.join(COUNTED_COLUMNS)} FROM agreement")
    while rows := cursor.fetchmany(batch):
        counts.add(rows, by_position(COUNTED_COLUMNS))
    return counts


def by_position(columns: Sequence[str]) -> Picker:
    """A Picker for rows that are tuples of ``columns``."""
    where = {name: index for index, name in enumerate(columns)}

    def pick(*names: str) -> Callable[[Any], Any]:
        return itemgetter(*(where[name] for name in names))

    return pick


def has_derived(conn: sqlite3.Connection) -> bool:
    """Whether the database has the derived tables (one written before them has not)."""
    found = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)",
        DERIVED_TABLES,
    ).fetchone()[0]
    return int(found) == len(DERIVED_TABLES)


def derive_agreement_tables(
    conn: sqlite3.Connection, counts: AgreementCounts | None = None
) -> None:
    """(Re)write the derived tables: from ``counts`` of every row written, or, without
    them, from a read of the agreement table."""
    if counts is None:
        counts = count_agreements(conn)
    for table in DERIVED_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    _create(conn)
    names: dict[str, str] = {}
    by_code: Counter[str] = Counter()
    for (code, name), n in counts.countries.items():
        # The name shown for a code: the first in sort order, as min() in SQL gives.
        names[code] = min(names.get(code, name), name)
        by_code[code] += n
    # A level facet value counts the agreements whose ';'-joined levels include it.
    levels: Counter[str] = Counter()
    for combined, n in counts.levels.items():
        for level in {part for part in combined.split(";") if part}:
            levels[level] += n
    given: Counter[str] = Counter()
    for (status, _day), n in counts.ends.items():
        given[status] += n
    facet_rows = [
        *(("given_status", value, value, n) for value, n in given.items()),
        *(("type", value, value, n) for value, n in counts.types.items()),
        *(("unit", value, value, n) for value, n in counts.units.items()),
        *(("country", code, names[code], n) for code, n in by_code.items()),
        *(("level", value, value, n) for value, n in levels.items()),
    ]
    conn.executemany(
        "INSERT INTO agreement_facet_count (facet, value, label, n) VALUES (?, ?, ?, ?)",
        facet_rows,
    )
    conn.executemany(
        "INSERT INTO agreement_date_count (field, status, day, n) VALUES (?, ?, ?, ?)",
        [
            *(("end", status, day, n) for (status, day), n in counts.ends.items()),
            *(("start", "", day, n) for day, n in counts.starts.items()),
        ],
    )


def _create(conn: sqlite3.Connection) -> None:
    """DERIVED_DDL statement by statement (executescript would commit a transaction)."""
    bare = "\n".join(line.split("--", 1)[0] for line in DERIVED_DDL.splitlines())
    for statement in bare.split(";"):
        if statement.strip():
            conn.execute(statement)
