"""Progress bars for long commands (db synth), on stderr, with rich."""

from __future__ import annotations

import sys
from typing import Any

from polyu_tui.data.synth.write import ProgressFn


def rich_progress() -> tuple[Any, ProgressFn]:
    """A rich progress bar on stderr (disabled when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    )
    tasks: dict[str, Any] = {}
    labels = {"partners": "generating partners", "indexes": "indexing"}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(labels.get(phase, phase), total=total)
        bar.update(tasks[phase], completed=done, total=total)

    return bar, update
