"""Partners facets within a time limit, and the agreement-type facet: counts a user
would see, never timings."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from agreement_db import agreements_db

from polyu_tui.data import bounded, partners
from polyu_tui.data.db import connect
from polyu_tui.data.partners import PartnerQuery, count_partners, partner_facets, partner_window


@pytest.fixture(scope="module")
def user_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return agreements_db(tmp_path_factory.mktemp("user"))


@pytest.fixture
def conn(user_db: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(user_db)
    yield conn
    conn.close()


def brute_types(conn: sqlite3.Connection, query: PartnerQuery) -> dict[str, int]:
    """Partners per agreement type, straight from the agreement table."""
    where, args = query.where()
    return dict(
        conn.execute(
            "SELECT a.agreement_type, count(DISTINCT o.id) FROM organisation o "
            f"JOIN agreement a ON a.organisation_id = o.id{where} GROUP BY 1",
            args,
        ).fetchall()
    )


@pytest.mark.parametrize(
    "query",
    [
        PartnerQuery(),
        PartnerQuery(kind="university"),
        PartnerQuery(country="Canada"),
        PartnerQuery(relation="agreement"),
        PartnerQuery(text="univ"),
        PartnerQuery(text="univ", country="Mainland China"),
    ],
)
def test_the_agreement_type_facet_counts_partners_with_each_type(
    conn: sqlite3.Connection, query: PartnerQuery
) -> None:
    facets = partner_facets(conn, query)
    assert dict(facets.agreement_types) == brute_types(conn, query)
    assert facets.estimated == frozenset()


@pytest.mark.parametrize("text", ["", "univ"])
def test_a_chosen_agreement_type_narrows_counts_windows_and_the_other_facets(
    conn: sqlite3.Connection, text: str
) -> None:
    query = PartnerQuery(text=text, agreement_type="student_exchange")
    names = [row.name for row in partner_window(conn, query, 0, 50)]
    assert names == ["University of Waterloo", "Zhejiang University"]
    assert count_partners(conn, query) == 2
    facets = partner_facets(conn, query)
    assert dict(facets.kinds) == {"university": 2}
    assert dict(facets.countries) == {"Canada": 1, "Mainland China": 1}
    # Its own facet counts without it: every type, within the text filter.
    assert dict(facets.agreement_types) == brute_types(conn, PartnerQuery(text=text))


def test_rows_carry_their_number_of_agreements(conn: sqlite3.Connection) -> None:
    rows = {row.name: row.agreements for row in partner_window(conn, PartnerQuery(), 0, 50)}
    assert rows["University of Waterloo"] == 2
    assert rows["Cathay Pacific Airways"] == 0


def test_the_bundled_database_has_no_agreement_counts(bundled_db: Path) -> None:
    bundled = connect(bundled_db)
    try:
        rows = partner_window(bundled, PartnerQuery(), 0, 5)
        assert all(row.agreements is None for row in rows)
        assert partner_facets(bundled, PartnerQuery(text="univ")).agreement_types == []
    finally:
        bundled.close()


def test_counts_within_the_time_limit_are_exact(conn: sqlite3.Connection) -> None:
    exact = partner_facets(conn, PartnerQuery(text="univ"))
    timed = partner_facets(conn, PartnerQuery(text="univ"), limit=60)
    assert timed == exact and timed.estimated == frozenset()


def test_matches_fewer_than_a_sample_are_counted_exactly_even_with_no_time(
    conn: sqlite3.Connection,
) -> None:
    exact = partner_facets(conn, PartnerQuery(text="univ"))
    assert partner_facets(conn, PartnerQuery(text="univ"), limit=0) == exact


def test_past_the_time_limit_counts_are_estimated_scaled_and_marked(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(partners, "FACET_SAMPLE_ROWS", 4)
    exact = partner_facets(conn, PartnerQuery(text="univ"))
    guess = partner_facets(conn, PartnerQuery(text="univ"), limit=0)
    assert guess.estimated == {"kind", "country", "relation", "agreement_type"}
    # A sample of 4 of the 13 matches, scaled: about as many as there are in all.
    matches = sum(n for _kind, n in exact.kinds)
    assert 0.3 * matches <= sum(n for _kind, n in guess.kinds) <= 3 * matches
    assert {kind for kind, _n in guess.kinds} <= {kind for kind, _n in exact.kinds}
    # Without a text filter the facets come from derived counts: exact at once.
    assert partner_facets(conn, PartnerQuery(kind="university"), limit=0).estimated == set()


def test_a_cancelled_count_stops(conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "CHECK_EVERY", 1)  # these statements are short
    with pytest.raises(partners.TimeLimit):
        partner_facets(conn, PartnerQuery(text="univ"), limit=60, cancelled=lambda: True)
