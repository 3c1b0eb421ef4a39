"""`e` in a tab: export what it shows (its filter and sort) to a CSV file in the
current folder, in a worker thread; the app says where the file went."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.message import Message
from textual.widget import Widget

from polyu_tui.data.agreements.export import View, write_view
from polyu_tui.ui.host import host

# Reads the rows to export, in a worker thread.
RowSource = Callable[[sqlite3.Connection], View]


def export_path(folder: Path, stem: str, now: dt.datetime | None = None) -> Path:
    """A new file in ``folder``: 'agreements-2026-12-01-0930.csv', never an existing one."""
    moment = (now or dt.datetime.now()).strftime("%Y-%m-%d-%H%M")
    path = folder / f"{stem}-{moment}.csv"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{moment}-{number}.csv"
        number += 1
    return path


class ExportsView(Widget):
    """Mixed into a tab: ``export(source, stem, noun)`` writes the rows as CSV."""

    @dataclass
    class Exported(Message):
        path: Path
        count: int
        noun: str

    def export(self, source: RowSource, stem: str, noun: str) -> None:
        self._write_export(source, export_path(Path.cwd(), stem), noun)

    @work(thread=True, exit_on_error=False, group="export")
    def _write_export(self, source: RowSource, path: Path, noun: str) -> None:
        count = host(self).store.run(lambda conn: write_view(source(conn), "csv", path))
        self.post_message(self.Exported(path, count, noun))

    def on_exports_view_exported(self, message: ExportsView.Exported) -> None:
        message.stop()
        noun = message.noun if message.count == 1 else f"{message.noun}s"
        self.app.notify(
            f"{message.count:,} {noun} exported to {message.path} (no contacts)",
            title="Export",
            timeout=10,
            markup=False,
        )
