"""Writing a synthetic database: the real records, the generated batches, the indexes and
derived tables, into a temporary file renamed into place."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from polyu_tui.data.errors import PolyuError
from polyu_tui.data.schema import APPLICATION_ID, DDL, SCHEMA_VERSION
from polyu_tui.data.synth.generate import (
    COUNTS,
    DEFAULT_SEED,
    GENERATOR_VERSION,
    generated_batches,
    make_context,
)


class SynthProblem(PolyuError):
    """The synthetic database cannot be written where asked."""


INSERT_SQL: dict[str, str] = {
    "entity": (
        "INSERT INTO entity (rowid, id, name, name_fold, acronym, category, summary, "
        "kind, sources, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, 'organisation', '[]', 1)"
    ),
    "organisation": (
        "INSERT INTO organisation (rowid, id, name, name_fold, acronym, kind, place_id, "
        "country, country_fold, relationship, country_provenance, country_code, lat, lon, "
        "synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
    ),
    "organisation_relation": (
        "INSERT INTO organisation_relation (organisation_id, relation) VALUES (?, ?)"
    ),
    "alias": "INSERT INTO alias (entity_id, alias, alias_fold) VALUES (?, ?, ?)",
    "link": "INSERT INTO link (src_id, rel, dst_id) VALUES (?, ?, ?)",
    "search_index": (
        "INSERT INTO search_index (rowid, name, aliases, body, kind) "
        "VALUES (?, ?, ?, ?, 'organisation')"
    ),
}


def split_ddl(ddl: str = DDL) -> tuple[list[str], list[str]]:
    """The schema's statements as (tables and the rest, CREATE INDEX statements)."""
    tables: list[str] = []
    indexes: list[str] = []
    pending = ""
    for line in ddl.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            head = " ".join(statement.split()[:3]).upper()
            is_index = head.startswith(("CREATE INDEX", "CREATE UNIQUE INDEX"))
            (indexes if is_index else tables).append(statement)
            pending = ""
    if pending.strip():
        tables.append(pending.strip())
    return tables, indexes


def _insert_dicts(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
        ([row[c] for c in columns] for row in rows),
    )


def bundled_targets() -> list[Path]:
    """Paths the generator must never write to: the bundled database."""
    from polyu_tui.data import db

    return sorted({db.bundled_database().resolve(), db.REPO_DB.resolve()})


def _holds_real_data(path: Path) -> bool:
    """True for an existing polyu-tui database built from the article (meta synthetic=0)."""
    import sqlite3

    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == "0"


ProgressFn = Callable[[str, int, int], None]


def synthesize(
    target: Path,
    partners: int,
    *,
    seed: int = DEFAULT_SEED,
    source_dir: Path | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = None,
) -> dict[str, int]:
    """Write a synthetic database to ``target`` atomically; return row counts.

    ``progress(phase, done, total)`` is called as the work advances. ``workers``
    is how many processes generate rows alongside the writer (default: 1 when
    the machine has more than one CPU and there is more than one batch).
    """
    from polyu_tui.data.build import atomic_target, build_rows, load_sources, source_meta

    if partners < 0:
        raise SynthProblem("--partners must be 0 or more")
    resolved = Path(target).resolve()
    if resolved in bundled_targets():
        raise SynthProblem(
            f"refusing to write synthetic data into the bundled database {resolved}; "
            "give --out another path"
        )
    if resolved.is_dir():
        raise SynthProblem(f"--out is a directory: {resolved}")
    if _holds_real_data(resolved):
        # Wherever it lives (a checkout's data/polyu.db under a non-editable install
        # is not the packaged copy), a database built from the article is not replaced.
        raise SynthProblem(
            f"refusing to overwrite {resolved}: it holds the article's records, not "
            "synthetic ones; give --out another path"
        )
    if source_dir is None:
        from polyu_tui.data.db import default_source_dir

        source_dir = default_source_dir()
    if workers is None:
        workers = 1 if (os.cpu_count() or 1) > 1 else 0
    report = progress or (lambda phase, done, total: None)

    sources = load_sources(source_dir)
    rows = build_rows(sources)
    ctx = make_context(sources)
    meta = {
        **source_meta(sources.document, synthetic=True),
        "synthetic_partners": str(partners),
        "synthetic_seed": str(seed),
        "synthetic_generator": str(GENERATOR_VERSION),
    }

    with atomic_target(resolved, ".polyu-synth-") as tmp:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            _setup(conn, rows, meta, sources.document)
            report("partners", 0, partners)
            done = 0
            first_rowid = len(rows["entity"]) + 1
            counts = real_counts(rows)
            # closing: an error or a signal here ends the workers now, not when the
            # generator is collected.
            batches = closing(generated_batches(ctx, seed, partners, first_rowid, workers))
            with batches as generated:
                for size, batch in generated:
                    for key, n in batch.pop(COUNTS).items():  # type: ignore[attr-defined]
                        counts[key] = counts.get(key, 0) + n
                    for table, batch_rows in batch.items():
                        conn.executemany(INSERT_SQL[table], batch_rows)
                    done += size
                    report("partners", done, partners)
            _finish(conn, counts, report)
            written = {
                table: int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
                for table in INSERT_SQL
            }
        finally:
            conn.close()
    return written


def real_counts(rows: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str, str], int]:
    """partner_count increments for the real organisations in ``build_rows`` output."""
    counts: dict[tuple[str, str, str], int] = {}
    where: dict[str, tuple[str, str]] = {}
    for org in rows["organisation"]:
        where[org["id"]] = (org["kind"], org["country"])
        key = ("", org["kind"], org["country"])
        counts[key] = counts.get(key, 0) + 1
    for row in rows["organisation_relation"]:
        key = (row["relation"], *where[row["organisation_id"]])
        counts[key] = counts.get(key, 0) + 1
    return counts


def _setup(
    conn: sqlite3.Connection,
    rows: dict[str, list[dict[str, Any]]],
    meta: dict[str, str],
    document: str,
) -> None:
    """Tables without their secondary indexes, the real records, an open transaction."""
    from polyu_tui.data.build import DOCUMENT_TITLE

    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
    conn.execute("PRAGMA temp_store = MEMORY")
    tables, _indexes = split_ddl()
    for statement in tables:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("BEGIN")
    # Flush full-text data in big segments while loading ('optimize' merges them at the end).
    conn.execute("INSERT INTO search_index(search_index, rank) VALUES ('hashsize', 134217728)")
    conn.execute(
        "INSERT INTO document (id, title, text) VALUES (1, ?, ?)", (DOCUMENT_TITLE, document)
    )
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
    for table, table_rows in rows.items():
        _insert_dicts(conn, table, table_rows)


def _finish(
    conn: sqlite3.Connection, counts: dict[tuple[str, str, str], int], report: ProgressFn
) -> None:
    """Secondary indexes, derived partner tables, full-text optimise, ANALYZE."""
    from polyu_tui.data.build import derive_tables

    _tables, indexes = split_ddl()
    steps: list[str | Callable[[], None]] = [*indexes]
    steps.append(lambda: derive_tables(conn, counts))
    # Back to FTS5's defaults, so nothing about loading stays in the file's config.
    steps.append("INSERT INTO search_index(search_index, rank) VALUES ('hashsize', 1048576)")
    steps.append("INSERT INTO search_index(search_index, rank) VALUES ('automerge', 4)")
    steps.append("COMMIT")
    steps.append("INSERT INTO search_index(search_index) VALUES ('optimize')")
    steps.append("ANALYZE")
    for number, step in enumerate(steps):
        report("indexes", number, len(steps))
        if callable(step):
            step()
        else:
            conn.execute(step)
    report("indexes", len(steps), len(steps))
