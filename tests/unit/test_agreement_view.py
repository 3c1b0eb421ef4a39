"""What the Agreements tab reads: counts, windows in each sort order, facets, expiry,
an agreement's detail and a partner's list of agreements."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from agreement_files import write_csv

from polyu_tui.data.agreements.detail import agreement_detail, partner_agreements
from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.agreements.query import AgreementQuery
from polyu_tui.data.agreements.view import (
    ListQuery,
    agreement_count,
    agreement_facets,
    agreement_window,
    expiring_days,
)
from polyu_tui.data.db import bundled_database, connect

TODAY = dt.date(2026, 1, 15)
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
    "places_out",
)
ROWS = [
    (
        "A",
        "University of Waterloo",
        "CA",
        "student_exchange",
        "2022-09-01",
        "2026-03-01",
        "",
        "Faculty of Engineering",
        "ug;pgt",
        "4",
    ),
    (
        "B",
        "University of Waterloo",
        "CA",
        "research",
        "2021-01-01",
        "2026-06-30",
        "",
        "School of Optometry",
        "pgr",
        "",
    ),
    ("C", "Korea University", "KR", "mou", "2020-01-01", "2025-12-31", "", "", "", ""),
    (
        "D",
        "Universidad de Chile",
        "CL",
        "dual_degree",
        "2024-01-01",
        "2026-12-01",
        "",
        "Faculty of Engineering",
        "pgt",
        "2",
    ),
    (
        "E",
        "Zhejiang University",
        "CN",
        "student_exchange",
        "2019-01-01",
        "2026-02-01",
        "terminated",
        "Faculty of Engineering",
        "ug",
        "",
    ),
    ("F", "Aalto University", "FI", "mou", "2026-06-01", "", "", "", "", ""),
]


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    target = tmp_path / "user.db"
    outcome = run_import(
        [write_csv(tmp_path / "list.csv", ROWS, header=HEADER)],
        target,
        bundled_database(),
        today=TODAY,
    )
    assert outcome.errors == []
    connection = connect(target)
    yield connection
    connection.close()


def ids(conn: sqlite3.Connection, query: ListQuery) -> list[str]:
    return [row.id.removeprefix("agreement/") for row in agreement_window(conn, query, 0, 100)]


def q(**kw: object) -> AgreementQuery:
    return AgreementQuery(today=TODAY, **kw)  # type: ignore[arg-type]


def test_each_sort_order_and_its_reverse(conn: sqlite3.Connection) -> None:
    assert ids(conn, ListQuery(q(), "partner")) == ["f", "c", "d", "a", "b", "e"]
    assert ids(conn, ListQuery(q(), "start")) == ["e", "c", "b", "a", "d", "f"]
    assert ids(conn, ListQuery(q(), "start", descending=True)) == ["f", "d", "a", "b", "c", "e"]
    assert ids(conn, ListQuery(q(), "end")) == ["c", "e", "a", "b", "d", "f"]  # open-ended last
    assert ids(conn, ListQuery(q(), "type")) == ["d", "f", "c", "b", "a", "e"]
    assert ids(conn, ListQuery(q(), "status")) == ["a", "b", "d", "c", "f", "e"]


def test_status_is_worked_out_from_the_dates_when_not_given(conn: sqlite3.Connection) -> None:
    rows = {row.id: row.status for row in agreement_window(conn, ListQuery(q()), 0, 100)}
    assert rows == {
        "agreement/a": "active",
        "agreement/b": "active",
        "agreement/c": "expired",
        "agreement/d": "active",
        "agreement/e": "terminated",
        "agreement/f": "negotiating",
    }


def test_a_window_is_a_slice_of_the_order(conn: sqlite3.Connection) -> None:
    query = ListQuery(q(), "start")
    assert [r.id for r in agreement_window(conn, query, 2, 2)] == ["agreement/b", "agreement/a"]


def test_expiring_within_counts_live_agreements_only(conn: sqlite3.Connection) -> None:
    facets = agreement_facets(conn, q())
    # A ends 2026-03-01 (within 3 months), B 2026-06-30 (6), D 2026-12-01 (12);
    # C has already expired and E was terminated.
    assert facets.expiring == [(3, 1), (6, 2), (12, 3)]
    within_six = q(expiring_days=expiring_days(6, TODAY))
    assert agreement_count(conn, within_six) == 2
    assert sorted(ids(conn, ListQuery(within_six))) == ["a", "b"]


def test_facets_count_within_the_other_filters(conn: sqlite3.Connection) -> None:
    facets = agreement_facets(conn, q(country_code="CA"))
    assert dict(facets.types) == {"student_exchange": 1, "research": 1}
    assert facets.countries[0][0::2] == ("CA", 2)
    assert len(facets.countries) == 5  # the country facet ignores its own choice
    assert dict(facets.levels) == {"ug": 1, "pgt": 1, "pgr": 1}
    assert dict(facets.units) == {"Faculty of Engineering": 1, "School of Optometry": 1}
    assert dict(facets.statuses) == {"active": 2}


def test_filter_by_text_level_unit_and_status(conn: sqlite3.Connection) -> None:
    assert sorted(ids(conn, ListQuery(q(text="optometry")))) == ["b"]
    assert sorted(ids(conn, ListQuery(q(text="waterloo exchange")))) == ["a"]
    assert sorted(ids(conn, ListQuery(q(level="pgt")))) == ["a", "d"]
    assert sorted(ids(conn, ListQuery(q(polyu_unit="")))) == ["c", "f"]
    assert sorted(ids(conn, ListQuery(q(status="expired")))) == ["c"]


def test_an_agreement_has_its_own_record_linking_partner_and_country(
    conn: sqlite3.Connection,
) -> None:
    detail = agreement_detail(conn, "agreement/a", today=TODAY)
    assert detail is not None
    assert detail.name == "Student exchange: University of Waterloo"
    fields = dict(detail.fields)
    assert fields["Dates"] == "2022-09-01 → 2026-03-01"
    assert fields["Status"] == "Active (from the dates)"
    assert fields["Places"] == "4 out"
    assert fields["Level"] == "Undergraduate, Taught postgraduate"
    assert detail.source == "list.csv:2"
    links = {group.heading: [link[0] for link in group.links] for group in detail.links}
    assert links == {"Partner": ["waterloo"], "Country or region": ["canada"]}
    assert agreement_detail(conn, "agreement/nope") is None


def test_a_partner_lists_its_agreements(conn: sqlite3.Connection) -> None:
    group = partner_agreements(conn, "waterloo", today=TODAY)
    assert group is not None
    assert (group.heading, group.relation, group.direction) == (
        "Agreements (imported, 2)",
        "agreement",
        "in",
    )
    assert [name for _id, _kind, name, _reference in group.links] == [
        "Student exchange · Faculty of Engineering · 2022-09-01 → 2026-03-01 · Active · 4 out",
        "Research · School of Optometry · 2021-01-01 → 2026-06-30 · Active",
    ]
    assert partner_agreements(conn, "rca") is None


def test_the_detail_panel_reads_agreements_and_a_partners_list(
    conn: sqlite3.Connection,
) -> None:
    from polyu_tui.data.detail import get_detail

    agreement = get_detail(conn, "agreement/b", today=TODAY)
    assert agreement is not None and agreement.kind == "agreement"
    assert agreement.name == "Research: University of Waterloo"
    assert [g.heading for g in agreement.links] == ["Partner", "Country or region"]
    partner = get_detail(conn, "waterloo", today=TODAY)
    assert partner is not None
    group = next(g for g in partner.links if g.heading.startswith("Agreements"))
    assert [r.id for r in group.records] == ["agreement/a", "agreement/b"]
    assert all(r.kind == "agreement" for r in group.records)


def test_the_overview_counts_the_imported_agreements(conn: sqlite3.Connection) -> None:
    from polyu_tui.data.agreements.view import imported_figures

    figures = imported_figures(conn, TODAY)
    assert figures is not None
    assert figures.source == "list.csv, imported 2026-01-15"
    assert figures.figures == (
        ("6", "agreements"),
        ("5", "institutions"),
        ("5", "countries and regions"),
        ("2", "expiring within 6 months"),
    )
