"""One read-only connection per thread, so worker threads can query safely."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from polyu_tui.data.db import connect

T = TypeVar("T")


class Store:
    """Hands each thread its own read-only connection to one database file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # Used by this thread only, but closed from the UI thread at exit.
            conn = connect(self.path, check_same_thread=False)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def run(self, query: Callable[[sqlite3.Connection], T]) -> T:
        return query(self.conn)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
