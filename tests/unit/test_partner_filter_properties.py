"""The Partners filter for any text, facet and sort: never an error, and every path
(count from the index, a walk of a stored order, SQL with OFFSET) agrees with the others."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyu_tui.data.partners import (
    PARTNER_SORTS,
    PartnerQuery,
    count_partners,
    partner_facets,
    partner_window,
)

HOSTILE = ["[/]", "'; DROP TABLE organisation; --", '"', "*", "NEAR(", "a OR", "-", "^", "\x00"]


@pytest.fixture(scope="module")
def words(conn: sqlite3.Connection) -> list[str]:
    """Words of the partners' names and countries: filters that match something."""
    found: set[str] = set()
    for name, country in conn.execute("SELECT name, country FROM organisation"):
        found.update(f"{name} {country or ''}".split())
    return sorted(found)


@pytest.fixture(scope="module")
def facet_values(conn: sqlite3.Connection) -> dict[str, list[str]]:
    facets = partner_facets(conn, PartnerQuery(), top=1000)
    return {
        "kind": [value for value, _ in facets.kinds],
        "country": [value for value, _ in facets.countries],
        "relation": [value for value, _ in facets.relations],
    }


def listing(conn: sqlite3.Connection, query: PartnerQuery) -> list[str]:
    return [row.id for row in partner_window(conn, query, 0, 100_000)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_filter_counts_lists_and_pages_alike(
    conn: sqlite3.Connection,
    words: list[str],
    facet_values: dict[str, list[str]],
    data: st.DataObject,
) -> None:
    text = data.draw(
        st.one_of(
            st.text(max_size=40),
            st.lists(st.sampled_from(words), min_size=1, max_size=3).map(" ".join),
            st.sampled_from(words).map(lambda w: w[: max(1, len(w) // 2)]),  # a prefix
            st.sampled_from(HOSTILE),
        ),
        label="text",
    )

    def facet(name: str) -> str | None:
        return data.draw(st.one_of(st.none(), st.sampled_from(facet_values[name])), label=name)

    query = PartnerQuery(
        text=text,
        kind=facet("kind"),
        country=facet("country"),
        relation=facet("relation"),
        sort=data.draw(st.sampled_from(sorted(PARTNER_SORTS)), label="sort"),
        descending=data.draw(st.booleans(), label="descending"),
    )
    everything = listing(conn, query)
    assert count_partners(conn, query) == len(everything)
    assert len(set(everything)) == len(everything), "a partner listed twice"
    # Any page is that slice of the whole list, whichever path reads it.
    offset = data.draw(st.integers(0, max(0, len(everything) + 5)), label="offset")
    limit = data.draw(st.integers(0, 60), label="limit")
    page = [row.id for row in partner_window(conn, query, offset, limit)]
    assert page == everything[offset : offset + limit]
    # A text filter only takes partners away, and keeps the others in their order.
    unfiltered = listing(conn, PartnerQuery(**{**query.__dict__, "text": ""}))
    kept = iter(unfiltered)
    assert all(partner in kept for partner in everything), "not a subsequence"
