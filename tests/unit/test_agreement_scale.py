"""The Agreements tab at scale: counts and facets from the derived tables equal the live
GROUP BY counts (after an import, a merge, a snapshot and `db synth`, on any day), the
last window costs what the first does, and facets past their time limit are
estimates, marked as such. Counts and complexity only, never timing."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from agreement_files import write_csv

from polyu_tui.data.agreements import view
from polyu_tui.data.agreements.derive import DERIVED_TABLES, has_derived
from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.agreements.query import AgreementQuery
from polyu_tui.data.agreements.synth import add_synthetic_agreements
from polyu_tui.data.agreements.view import (
    AGREEMENT_SORTS,
    ListQuery,
    agreement_count,
    agreement_facets,
    agreement_window,
    expiring_days,
)
from polyu_tui.data.db import bundled_database, connect
from polyu_tui.data.synth import synthesize

TODAY = dt.date(2026, 1, 15)
# Days the counts are read on: status and "expires within" move with the day.
DAYS = (dt.date(2019, 6, 1), TODAY, dt.date(2027, 3, 1), dt.date(2040, 1, 1))
HEADER = (
    "agreement_id",
    "partner",
    "country",
    "agreement_type",
    "start_date",
    "end_date",
    "status",
    "polyu_unit",
    "level",
)
STATUSES = ("", "", "", "active", "renewal_pending", "terminated", "expired", "draft")
LEVELS = ("", "ug", "ug;pgt", "pgr", "pgt;pgr", "staff")


def made_up_rows(count: int, seed: int, prefix: str = "R") -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 14))
        end = "" if rng.random() < 0.2 else str(start + dt.timedelta(days=rng.randrange(0, 2500)))
        rows.append(
            (
                f"{prefix}-{n}",
                f"Made-up University {rng.randrange(40)}",
                rng.choice(("CA", "DE", "Japan", "KR", "UK", "CL")),
                rng.choice(("mou", "student_exchange", "research", "dual_degree")),
                str(start),
                end,
                rng.choice(STATUSES),
                rng.choice(("", "Faculty of Engineering", "School of Design")),
                rng.choice(LEVELS),
            )
        )
    return rows


def live_copy(path: Path, tmp_path: Path) -> Path:
    """The database without its derived tables: every count is a GROUP BY over rows."""
    copy = tmp_path / f"live-{path.name}"
    shutil.copyfile(path, copy)
    raw = sqlite3.connect(copy)
    for table in DERIVED_TABLES:
        raw.execute(f"DROP TABLE {table}")
    raw.commit()
    raw.close()
    return copy


def queries(day: dt.date) -> Iterator[AgreementQuery]:
    """No filter, then one facet value of each facet at a time."""
    yield AgreementQuery(today=day)
    for value in ("mou", "student_exchange", "joint_phd"):
        yield AgreementQuery(agreement_type=value, today=day)
    for value in ("active", "expired", "negotiating", "terminated", "renewal_pending"):
        yield AgreementQuery(status=value, today=day)
    for value in ("CA", "JP", "ZZ"):
        yield AgreementQuery(country_code=value, today=day)
    for value in ("ug", "pgt", "staff"):
        yield AgreementQuery(level=value, today=day)
    for unit in ("", "School of Design", "Faculty of Engineering"):
        yield AgreementQuery(polyu_unit=unit, today=day)
    for months in (3, 6, 12):
        yield AgreementQuery(expiring_days=expiring_days(months, day), today=day)


def assert_derived_equal_live(path: Path, tmp_path: Path) -> None:
    derived, live = connect(path), connect(live_copy(path, tmp_path))
    try:
        assert has_derived(derived) and not has_derived(live)
        for day in DAYS:
            for query in queries(day):
                assert agreement_count(derived, query) == agreement_count(live, query), query
                fast = agreement_facets(derived, query, time_limit_s=600)
                slow = agreement_facets(live, query, time_limit_s=600)
                assert fast == slow, query
                assert not fast.estimated
    finally:
        derived.close()
        live.close()


def test_derived_counts_equal_live_counts_after_import_merge_and_snapshot(
    tmp_path: Path,
) -> None:
    target = tmp_path / "user.db"
    first = write_csv(tmp_path / "first.csv", made_up_rows(300, 1), header=HEADER)
    assert run_import([first], target, bundled_database(), today=TODAY).errors == []
    assert_derived_equal_live(target, tmp_path)
    more = write_csv(tmp_path / "more.csv", made_up_rows(120, 2, prefix="M"), header=HEADER)
    merged = run_import([more], target, bundled_database(), merge=True, today=TODAY)
    assert merged.errors == []
    assert agreement_count(connect(target), AgreementQuery(today=TODAY)) == 420
    assert_derived_equal_live(target, tmp_path)
    other = write_csv(tmp_path / "other.csv", made_up_rows(90, 3, prefix="S"), header=HEADER)
    assert run_import([other], target, bundled_database(), today=TODAY).errors == []
    assert agreement_count(connect(target), AgreementQuery(today=TODAY)) == 90
    assert_derived_equal_live(target, tmp_path)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("synth") / "synth.db"
    synthesize(target, 1500, seed=5, workers=0)
    add_synthetic_agreements(target, seed=5, today=TODAY)
    return target


def test_derived_counts_equal_live_counts_after_db_synth(synthetic: Path, tmp_path: Path) -> None:
    assert_derived_equal_live(synthetic, tmp_path)


def steps(conn: sqlite3.Connection, read: object) -> int:
    """SQLite virtual machine steps (in hundreds) that ``read()`` took."""
    taken = 0

    def count() -> int:
        nonlocal taken
        taken += 1
        return 0

    conn.set_progress_handler(count, 100)
    try:
        read()  # type: ignore[operator]
    finally:
        conn.set_progress_handler(None, 0)
    return taken


@pytest.mark.parametrize(
    "facets", [{}, {"agreement_type": "student_exchange"}, {"polyu_unit": "School of Design"}]
)
@pytest.mark.parametrize("sort", [key for key in AGREEMENT_SORTS if key != "status"])
def test_the_last_window_costs_what_the_first_does(
    synthetic: Path, sort: str, facets: dict[str, str]
) -> None:
    conn = connect(synthetic)
    try:
        for descending in (False, True):
            query = ListQuery(AgreementQuery(today=TODAY, **facets), sort, descending)
            total = agreement_count(conn, query.filter)
            assert total > 3 * 50

            def first(query: ListQuery = query, total: int = total) -> object:
                return agreement_window(conn, query, 0, 50, total=total)

            def last(query: ListQuery = query, total: int = total) -> object:
                return agreement_window(conn, query, total - 50, 50, total=total)

            def whole(query: ListQuery = query, total: int = total) -> object:
                return agreement_window(conn, query, 0, total, total=total)

            assert steps(conn, last) <= 2 * steps(conn, first) + 5
            if not facets:  # an index in the sort order: far less than reading every row
                assert steps(conn, last) * 4 < steps(conn, whole)
    finally:
        conn.close()


def test_a_window_read_from_the_far_end_is_the_same_rows(synthetic: Path) -> None:
    conn = connect(synthetic)
    try:
        for sort in AGREEMENT_SORTS:
            query = ListQuery(AgreementQuery(today=TODAY, agreement_type="mou"), sort)
            total = agreement_count(conn, query.filter)
            everything = agreement_window(conn, query, 0, total, total=total)
            for offset in (0, total // 2 - 30, total // 2 + 1, total - 150, total - 40):
                window = agreement_window(conn, query, offset, 100, total=total)
                assert window == everything[offset : offset + 100], (sort, offset)
    finally:
        conn.close()


def test_the_last_window_walks_an_index_never_sorts_every_row(synthetic: Path) -> None:
    conn = connect(synthetic)
    plans: list[str] = []
    conn.set_trace_callback(plans.append)
    try:
        query = ListQuery(AgreementQuery(today=TODAY), "partner")
        total = agreement_count(conn, query.filter)
        agreement_window(conn, query, total - 100, 100, total=total)
    finally:
        conn.set_trace_callback(None)
    (sql,) = [s for s in plans if "FROM agreement a" in s]
    plan = " ".join(str(row[3]) for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    conn.close()
    assert "USING INDEX agreement_partner" in plan
    assert "TEMP B-TREE" not in plan  # no sort of every agreement


def test_facets_past_their_time_limit_are_estimates_marked_as_such(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyu_tui.data import bounded

    monkeypatch.setattr(view, "SAMPLE_ROWS", 600)
    monkeypatch.setattr(bounded, "CHECK_EVERY", 1)  # the clock looked at after each step
    conn = connect(synthetic)
    try:
        query = AgreementQuery(today=TODAY, agreement_type="student_exchange")
        exact = agreement_facets(conn, query, time_limit_s=600)
        rough = agreement_facets(conn, query, time_limit_s=0)
    finally:
        conn.close()
    assert not exact.estimated
    # The type facet leaves every agreement in: it is still read exactly.
    assert rough.estimated == {"status", "country", "level", "polyu_unit", "expiring"}
    assert rough.types == exact.types
    # An estimate is near the count: the largest value of each facet within a third.
    for got, want in (
        (rough.statuses, exact.statuses),
        (rough.levels, exact.levels),
        (rough.units, exact.units),
    ):
        assert abs(dict(got)[want[0][0]] - want[0][1]) <= want[0][1] / 3
    total = agreement_count(conn=connect(synthetic), query=query)
    assert abs(sum(n for _code, _name, n in rough.countries) - total) <= total / 3
