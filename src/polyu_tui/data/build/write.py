"""Writing a database: the schema, a temporary file renamed into place, the meta rows,
the derived tables. Shared by the article build and the synthetic generator."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from polyu_tui.data.build.sources import DOCUMENT_TITLE
from polyu_tui.data.errors import WriteProblem
from polyu_tui.data.schema import APPLICATION_ID, DDL, PARTNER_ORDERS, SCHEMA_VERSION


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(DDL)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@contextmanager
def atomic_target(target: Path, prefix: str) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it only if the block succeeds.

    A failed or interrupted write leaves ``target`` as it was and no temporary file.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteProblem(f"cannot write {target}: cannot make its folder ({_why(exc)})") from None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".db", dir=target.parent)
    except OSError as exc:
        raise WriteProblem(f"cannot write {target}: {_why(exc)}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # SQLite creates the file itself
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        # The user named the target, not our temporary file beside it.
        if isinstance(exc, OSError) and exc.filename in (str(tmp), tmp):
            raise WriteProblem(f"cannot write {target}: {_why(exc)}") from None
        if isinstance(exc, sqlite3.OperationalError):
            raise WriteProblem(f"cannot write {target}: {exc}") from None
        raise


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def source_meta(document: str, *, synthetic: bool) -> dict[str, str]:
    """The meta rows every database has: schema version, which article, synthetic or not."""
    return {
        "schema_version": str(SCHEMA_VERSION),
        "document_sha256": hashlib.sha256(document.encode("utf-8")).hexdigest(),
        "synthetic": "1" if synthetic else "0",
    }


def write_database(
    target: Path,
    fill: Iterable[tuple[str, Iterable[dict[str, Any]]]],
    meta: dict[str, str],
    document: str,
) -> dict[str, int]:
    """Create a database at ``target`` atomically from (table, rows) pairs."""
    import sqlite_utils  # deferred: only building needs it, and it costs ~100 ms to import

    counts: dict[str, int] = {}
    with atomic_target(target.resolve(), ".polyu-build-") as tmp:
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        create_schema(conn)
        db = sqlite_utils.Database(conn)
        conn.execute("BEGIN")
        db.table("document").insert({"id": 1, "title": DOCUMENT_TITLE, "text": document})
        db.table("meta").insert_all({"key": k, "value": v} for k, v in sorted(meta.items()))
        for table, table_rows in fill:
            db.table(table).insert_all(table_rows, batch_size=5000)
            counts[table] = int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
        derive_tables(conn)
        conn.execute("COMMIT")
        conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        conn.execute("ANALYZE")
        conn.execute("VACUUM")
        conn.close()
    return counts


def derive_tables(
    conn: sqlite3.Connection, counts: dict[tuple[str, str, str], int] | None = None
) -> None:
    """Fill the derived tables: search_term from the full-text index, partner_order
    and partner_count from organisation and organisation_relation.

    Run after every row and the indexes are written. ``counts`` maps
    (relation, kind, country) to a count when the caller has already counted
    (the synthetic generator does); otherwise they are counted here.
    """
    conn.execute("DELETE FROM search_term")
    conn.execute(
        "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, 'row')"
    )
    conn.execute("INSERT INTO search_term (term, docs) SELECT term, doc FROM temp.search_vocab")
    conn.execute("DROP TABLE temp.search_vocab")
    conn.execute("DELETE FROM partner_order")
    conn.execute("DELETE FROM partner_count")
    # The relation orders read one joined copy of what they sort by.
    conn.execute(
        "CREATE TEMP TABLE partner_relation AS SELECT r.relation, o.kind, o.country_fold, "
        "o.name_fold, o.rowid AS org_rowid FROM organisation_relation r "
        "JOIN organisation o ON o.id = r.organisation_id WHERE o.kind != 'polyu'"
    )
    for sort, (groups, order) in PARTNER_ORDERS.items():
        if "relation" in groups:
            source = "temp.partner_relation o"
            order = order.replace("r.relation", "o.relation").replace("o.rowid", "o.org_rowid")
            org_rowid = "o.org_rowid"
        else:
            # NOT IN over a covering index: no table lookups to leave PolyU's own out.
            source = (
                "organisation o WHERE o.rowid NOT IN "
                "(SELECT rowid FROM organisation WHERE kind = 'polyu')"
            )
            org_rowid = "o.rowid"
        conn.execute(
            "INSERT INTO partner_order (sort, pos, org_rowid) "
            f"SELECT ?, row_number() OVER (ORDER BY {order}) - 1, {org_rowid} FROM {source} "
            f"ORDER BY {order}",
            (sort,),
        )
    conn.execute("DROP TABLE temp.partner_relation")
    if counts is not None:
        conn.executemany(
            "INSERT INTO partner_count (relation, kind, country, n) VALUES (?, ?, ?, ?)",
            sorted((*key, n) for key, n in counts.items()),
        )
        return
    conn.execute(
        "INSERT INTO partner_count (relation, kind, country, n) "
        "SELECT '', kind, country, count(*) FROM organisation GROUP BY kind, country"
    )
    conn.execute(
        "INSERT INTO partner_count (relation, kind, country, n) "
        "SELECT r.relation, o.kind, o.country, count(*) FROM organisation_relation r "
        "JOIN organisation o ON o.id = r.organisation_id GROUP BY r.relation, o.kind, o.country"
    )


def iter_table_dump(conn: sqlite3.Connection) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Every table's rows in a stable order, for comparing two builds by content."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%' ORDER BY name"
        )
    ]
    for table in tables:
        columns = "rowid, *" if table == "search_index" else "*"
        yield table, sorted(conn.execute(f"SELECT {columns} FROM [{table}]").fetchall(), key=repr)
