"""Counts within a time limit: exact when SQLite gives them in time, else estimated
from a sample and marked as approximate (Datasette's facet time limit, with an
estimate in place of nothing).

Used by every facet that may have to count a large share of a million rows with a
text filter (Partners, Agreements). Plain sqlite3, no Textual.

    with time_limit(conn, 0.2):
        rows = conn.execute(exact_sql).fetchall()   # raises TimeLimit when too slow

    ranges = sample_ranges(conn, "organisation", total_matches)
    ...  # the same count over  rowid BETWEEN ? AND ?  for each range, then scale()
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

K = TypeVar("K")

# How often (in SQLite virtual machine steps) the progress handler looks at the clock:
# about every few milliseconds of work. Each look takes Python's GIL, which other
# threads hold for up to 5 ms at a time (sys.getswitchinterval): looking every few
# thousand steps made a count in a worker thread several times slower in the app.
CHECK_EVERY = 100_000
# Rows an estimate counts at most: enough for two significant figures of a value
# that holds a few per cent of the matches.
SAMPLE_ROWS = 20_000
# The sample is spread over this many rowid ranges, so data stored in runs (one
# country after another) is still sampled across all of them.
SAMPLE_RANGES = 32


class TimeLimit(Exception):
    """A statement ran past its time limit (or its work was no longer wanted)."""


@dataclass(frozen=True)
class Count:
    """A facet count: exact, or estimated from a sample (shown as "≈ 120k")."""

    value: int
    exact: bool = True

    def label(self) -> str:
        return format_count(self.value, exact=self.exact)


def format_count(value: int, *, exact: bool = True) -> str:
    """120000 -> '120,000'; estimated: '≈ 120k' (two significant figures, never a
    false precision); an estimate below 1 that was seen is '≈ 1'."""
    if exact:
        return f"{value:,}"
    value = max(1, value)
    if value < 100:
        return f"≈ {value}"
    digits = len(str(value)) - 2
    rounded = round(value, -digits)
    if rounded >= 1_000_000:
        return f"≈ {rounded / 1_000_000:g}M"
    if rounded >= 1_000:
        return f"≈ {rounded / 1_000:g}k"
    return f"≈ {rounded}"


@contextlib.contextmanager
def time_limit(
    conn: sqlite3.Connection,
    seconds: float | None,
    *,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """Interrupt a statement on ``conn`` that runs past ``seconds`` from now, or once
    ``cancelled()`` is true; it raises TimeLimit then. ``None``: no time limit (only
    ``cancelled``). The connection is usable again afterwards.
    """
    deadline = None if seconds is None else time.monotonic() + max(0.0, seconds)
    fired = False

    def handler() -> int:
        nonlocal fired
        if (deadline is not None and time.monotonic() >= deadline) or (
            cancelled is not None and cancelled()
        ):
            fired = True
            return 1  # SQLite stops the statement: "interrupted"
        return 0

    conn.set_progress_handler(handler, CHECK_EVERY)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if fired and "interrupt" in str(exc):
            raise TimeLimit(str(exc)) from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def sample_ranges(
    conn: sqlite3.Connection,
    table: str,
    matches: int,
    *,
    rows: int = SAMPLE_ROWS,
    ranges: int = SAMPLE_RANGES,
) -> list[tuple[int, int]]:
    """Rowid ranges of ``table`` (inclusive) that hold about ``rows`` of ``matches``
    rows matching a filter, spread evenly over the table: count the filter's rows
    within them and scale() the counts. One range (the whole table) when the
    matches are few enough to count them all. ``table`` is a name from the code,
    never from input.
    """
    # Two subqueries: min() and max() in one SELECT would scan the whole table.
    low, high = conn.execute(
        f"SELECT (SELECT min(rowid) FROM {table}), (SELECT max(rowid) FROM {table})"
    ).fetchone()
    if low is None:
        return []
    low, high = int(low), int(high)
    share = rows / matches if matches else 1.0
    if share >= 1.0:
        return [(low, high)]
    span = high - low + 1
    ranges = max(1, min(ranges, rows))
    step = span / ranges
    width = max(1, round(span * share / ranges))
    return [
        (start, min(high, start + width - 1))
        for start in sorted({low + int(i * step) for i in range(ranges)})
    ]


def scale(counts: Iterable[tuple[K, int]], sampled: int, total: int) -> list[tuple[K, Count]]:
    """Counts from a sample of ``sampled`` of ``total`` rows, scaled to the whole and
    marked as estimates; in the order given. Exact if the sample was everything."""
    if sampled >= total or sampled <= 0:
        return [(key, Count(n)) for key, n in counts]
    factor = total / sampled
    return [(key, Count(round(n * factor), exact=False)) for key, n in counts]
