"""``polyu-tui import``: read the files, check every row, and write the user database.

With any error nothing is written. The summary says what was (or would be) done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from polyu_tui.data.agreements.columns import Problem
from polyu_tui.data.agreements.read import ReadResult, read_files
from polyu_tui.data.agreements.template import example_rows
from polyu_tui.data.agreements.write import (
    ImportSummary,
    combine,
    previous_agreements,
    remove_stale_temporaries,
    write_user_database,
)


@dataclass
class ImportOutcome:
    summary: ImportSummary
    errors: list[Problem] = field(default_factory=list)
    rows: int = 0


def run_import(
    paths: list[Path],
    target: Path,
    base: Path,
    *,
    merge: bool = False,
    dry_run: bool = False,
    dayfirst: bool = False,
    progress: Callable[[str], None] | None = None,
    today: dt.date | None = None,
) -> ImportOutcome:
    """Import ``paths`` into the user database at ``target`` (built on ``base``)."""
    read: ReadResult = read_files(paths, dayfirst=dayfirst)
    read.errors.extend(example_rows(read.agreements))
    summary = ImportSummary(target=target)
    summary.warnings.extend(str(w) for w in read.warnings)
    outcome = ImportOutcome(summary, read.errors, read.rows)
    if read.errors:
        return outcome
    previous = previous_agreements(target)
    agreements = combine(
        previous, read.agreements, merge=merge, summary=summary, columns=read.columns
    )
    if dry_run:
        import sqlite3

        from polyu_tui.data.agreements.write import resolve_partners

        conn = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
        try:
            resolve_partners(conn, agreements, summary)
        finally:
            conn.close()
        return outcome
    remove_stale_temporaries(target.resolve().parent)
    write_user_database(
        target,
        base,
        agreements,
        files=[path.name for path in paths],
        summary=summary,
        progress=progress,
        today=today,
    )
    return outcome


def upgrade(target: Path, base: Path) -> ImportSummary:
    """Rebuild the user database at ``target`` on this polyu-tui's article database,
    keeping its agreements (after an upgrade changed the schema)."""
    from polyu_tui.data.agreements.read import ImportProblem

    if not target.exists():
        raise ImportProblem(f"no user database to upgrade at {target}")
    import sqlite3

    conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'import%'"))
    finally:
        conn.close()
    agreements = list(previous_agreements(target))
    summary = ImportSummary(target=target)
    summary.unchanged = summary.total = len(agreements)
    files = [name for name in meta.get("import_files", "").split(", ") if name]
    day = meta.get("import_date")
    write_user_database(
        target,
        base,
        agreements,
        files=files or ["the earlier import"],
        summary=summary,
        today=dt.date.fromisoformat(day) if day else None,
    )
    return summary


# Tables and indexes an import adds to the article's database: not part of its shape.
_OWN = ("agreement", "imported_record", "sqlite_")


def article_fingerprint(path: Path) -> str:
    """The shape and content version of the article's part of a database: its schema
    (tables, columns, indexes) and the article it was built from."""
    import hashlib
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        parts = [
            f"{kind}:{name}:{sql}"
            for kind, name, sql in conn.execute(
                "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
            )
            if not name.startswith(_OWN)
        ]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        document = conn.execute("SELECT value FROM meta WHERE key = 'document_sha256'").fetchone()
    finally:
        conn.close()
    parts.append(f"version:{version}:{document[0] if document else ''}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _has_own_tables(path: Path) -> bool:
    """Whether the user database has every table this version's import writes."""
    import sqlite3

    from polyu_tui.data.agreements.partner_counts import has_partner_counts

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return has_partner_counts(conn)
    finally:
        conn.close()


def refresh_if_stale(target: Path, base: Path) -> bool:
    """Rebuild the user database at ``target`` on ``base`` (keeping its agreements) when
    ``base``, this polyu-tui's article database, is not the one it was built on: after
    an upgrade of polyu-tui. True when it was rebuilt."""
    import sqlite3

    try:
        if article_fingerprint(target) == article_fingerprint(base) and _has_own_tables(target):
            return False
    except sqlite3.Error:
        return False  # not readable: opening it says what is wrong
    upgrade(target, base)
    return True
