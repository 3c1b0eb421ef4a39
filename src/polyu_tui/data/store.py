"""A small pool of read-only connections, lent to one thread at a time.

Textual starts a new thread for every thread worker, so a connection per thread
would mean a new connection for every search and every page of a table: its
open-time check run again, and SQLite's page cache cold each time (a two-letter
search at a million partners went from 5 ms to 170 ms that way). A pooled
connection keeps its cache warm between workers.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from polyu_tui.data.db import connect
from polyu_tui.data.privacy import hide_private

T = TypeVar("T")


class Store:
    """Lends read-only connections to one database file; at most one thread uses each."""

    def __init__(self, path: Path, *, private: bool = False) -> None:
        """``private``: imported contacts and notes read as empty (presenter mode)."""
        self.path = path
        self.private = private
        self._lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._all: list[sqlite3.Connection] = []
        self._closed = False

    @contextlib.contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A connection for this thread until the block ends."""
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            # Lent to several threads over its life, one at a time.
            conn = connect(self.path, check_same_thread=False)
            if self.private:
                hide_private(conn)
            with self._lock:
                if not self._closed:
                    self._all.append(conn)
        try:
            yield conn
        finally:
            with self._lock:
                closed = self._closed
                if not closed:
                    self._idle.append(conn)
            if closed:
                # The app closed the store meanwhile (a worker finishing at exit).
                with contextlib.suppress(sqlite3.Error):
                    conn.close()

    def run(self, query: Callable[[sqlite3.Connection], T]) -> T:
        with self.connection() as conn:
            return query(conn)

    @property
    def connections_opened(self) -> int:
        with self._lock:
            return len(self._all)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
            self._idle.clear()
