"""The app's connections: lent to one thread at a time, and kept warm between workers."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from polyu_tui.data.store import Store


def test_workers_in_turn_share_one_connection(bundled_db: Path) -> None:
    # Textual starts a new thread for every worker; each must not open its own.
    store = Store(bundled_db)
    try:
        for _ in range(5):
            thread = threading.Thread(target=store.run, args=(lambda c: c.execute("SELECT 1"),))
            thread.start()
            thread.join()
        assert store.connections_opened == 1
    finally:
        store.close()


def test_threads_at_once_get_a_connection_each(bundled_db: Path) -> None:
    store = Store(bundled_db)
    inside = threading.Barrier(3)
    seen: list[int] = []

    def hold() -> None:
        with store.connection() as conn:
            seen.append(id(conn))
            inside.wait(timeout=10)  # all three hold theirs at the same time

    try:
        threads = [threading.Thread(target=hold) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(seen)) == 3
        assert store.connections_opened == 3
        with store.connection():
            assert store.connections_opened == 3, "a returned connection is lent again"
    finally:
        store.close()


def test_a_worker_finishing_after_close_leaves_no_connection_open(bundled_db: Path) -> None:
    store = Store(bundled_db)
    store.close()
    with store.connection() as conn:  # a worker still running when the app exits
        assert conn.execute("SELECT 1").fetchone()[0] == 1
    assert store.connections_opened == 0
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        conn.execute("SELECT 1")
