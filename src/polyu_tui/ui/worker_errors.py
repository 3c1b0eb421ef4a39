"""A worker that fails becomes one notice, wherever it ran.

Workers run with exit_on_error=False, so a database damaged past the open-time
check never takes the app down. But Textual tells only the node that started a
worker how it ended (Worker.StateChanged does not bubble), so every node that runs
workers mixes in ReportsWorkerErrors.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState


def report_failure(node: DOMNode, error: BaseException | None) -> None:
    if isinstance(error, sqlite3.Error):
        message = f"Could not read the database: {error}"
    else:
        message = f"Something went wrong: {error!r}"
    # markup=False: an error message may quote a query or a file name.
    node.app.notify(message, title="polyu-tui", severity="error", timeout=10, markup=False)


class ReportsWorkerErrors:
    """Mixed into a widget or screen that runs workers."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            report_failure(cast(DOMNode, self), event.worker.error)
