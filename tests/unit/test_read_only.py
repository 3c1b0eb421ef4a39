"""The connection every reader uses cannot write anything, anywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from polyu_tui.data.db import connect
from polyu_tui.data.search import search


@pytest.fixture
def reader(bundled_db: Path) -> sqlite3.Connection:
    conn = connect(bundled_db)
    yield conn  # type: ignore[misc]
    conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "ATTACH DATABASE '{target}' AS other",
        "VACUUM INTO '{target}'",
        "CREATE TEMP TABLE scratch (x)",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA writable_schema = ON",
        "DELETE FROM entity",
    ],
)
def test_the_read_only_connection_denies_writes(
    reader: sqlite3.Connection, tmp_path: Path, statement: str
) -> None:
    target = tmp_path / "copy.db"
    with pytest.raises(sqlite3.DatabaseError):
        reader.execute(statement.format(target=target))
    assert not target.exists()


def test_it_still_reads_checks_and_searches(reader: sqlite3.Connection) -> None:
    assert reader.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
    assert reader.execute("PRAGMA user_version").fetchone()[0] > 0
    assert search(reader, "polyu", limit=3)
