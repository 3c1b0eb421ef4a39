"""Counts within a time limit (data/bounded.py): a statement past its limit stops and
says so, the connection stays usable, and estimates are scaled and marked."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from polyu_tui.data.bounded import (
    Count,
    TimeLimit,
    format_count,
    sample_ranges,
    scale,
    time_limit,
)

# A statement that runs until stopped (a recursive count to a billion).
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n"
)


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (rowid INTEGER PRIMARY KEY, colour TEXT)")
    conn.executemany(
        "INSERT INTO t (rowid, colour) VALUES (?, ?)",
        [(i, "red" if i % 4 else "blue") for i in range(1, 10_001)],
    )
    yield conn
    conn.close()


def test_a_statement_past_its_limit_stops_with_time_limit(conn: sqlite3.Connection) -> None:
    with pytest.raises(TimeLimit), time_limit(conn, 0.0):
        conn.execute(ENDLESS).fetchone()
    # The connection is usable afterwards, and no longer limited.
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 10_000


def test_a_statement_within_its_limit_gives_its_answer(conn: sqlite3.Connection) -> None:
    with time_limit(conn, 60):
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 10_000


def test_work_no_longer_wanted_is_stopped(conn: sqlite3.Connection) -> None:
    with pytest.raises(TimeLimit), time_limit(conn, None, cancelled=lambda: True):
        conn.execute(ENDLESS).fetchone()


def test_an_error_that_is_not_the_limit_is_not_hidden(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"), time_limit(conn, 60):
        conn.execute("SELECT * FROM missing")


def test_estimates_are_marked_and_rounded_exact_counts_are_not() -> None:
    assert format_count(123_456) == "123,456"
    assert format_count(123_456, exact=False) == "≈ 120k"
    assert format_count(1_234_567, exact=False) == "≈ 1.2M"
    assert format_count(987, exact=False) == "≈ 990"
    assert format_count(42, exact=False) == "≈ 42"
    assert format_count(0, exact=False) == "≈ 1"  # seen in the sample: never "none"
    assert Count(5).label() == "5"
    assert Count(5, exact=False).label() == "≈ 5"


def test_scale_marks_a_sample_and_keeps_a_whole_count_exact() -> None:
    assert scale([("red", 30), ("blue", 10)], sampled=40, total=400) == [
        ("red", Count(300, exact=False)),
        ("blue", Count(100, exact=False)),
    ]
    assert scale([("red", 30)], sampled=40, total=40) == [("red", Count(30))]


def test_sample_ranges_cover_the_table_evenly_and_estimate_well(
    conn: sqlite3.Connection,
) -> None:
    matches = conn.execute("SELECT count(*) FROM t WHERE colour = 'blue'").fetchone()[0]
    ranges = sample_ranges(conn, "t", matches, rows=500, ranges=10)
    assert len(ranges) == 10
    assert ranges[0][0] == 1 and ranges[-1][0] > 9000  # spread over the whole table
    sampled = total = 0
    for low, high in ranges:
        sampled += conn.execute(
            "SELECT count(*) FROM t WHERE rowid BETWEEN ? AND ?", (low, high)
        ).fetchone()[0]
        total += conn.execute(
            "SELECT count(*) FROM t WHERE colour = 'blue' AND rowid BETWEEN ? AND ?", (low, high)
        ).fetchone()[0]
    assert 400 <= total <= 600  # about the rows asked for
    [(_, estimate)] = scale([("blue", total)], sampled=sampled, total=10_000)
    assert not estimate.exact and abs(estimate.value - matches) < matches * 0.1


def test_few_matches_are_counted_whole(conn: sqlite3.Connection) -> None:
    assert sample_ranges(conn, "t", 100, rows=500) == [(1, 10_000)]
    conn.execute("DELETE FROM t")
    assert sample_ranges(conn, "t", 100) == []
