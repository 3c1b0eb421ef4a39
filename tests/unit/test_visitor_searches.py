"""The searches a conference visitor typed: each finds what was wanted in its top five."""

from __future__ import annotations

import sqlite3

import pytest

from polyu_tui.data.search import search


def top(conn: sqlite3.Connection, query: str, n: int = 5) -> list[str]:
    return [result.id for result in search(conn, query)[:n]]


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("aviation", "cathay"),
        ("airline", "cathay"),
        ("CPEC", "cpec-consortium"),
        ("ISTA", "ista"),
        ("RLB", "rlb"),
        ("2015", "uasr"),
        ("2015", "usrn"),
        ("2015", "ms-2015-uasr"),
        ("2015", "ms-2015-usrn"),
        ("30000", "fig-exchange-scholarship"),
        ("30000", "exchange-scholarship"),
        ("britain", "uk"),
        ("artificial intelligence design", "aidlab"),
        ("diversity", "fig-non-local-students"),
        ("42400", "fig-sl-students"),
        ("1.69", "fig-sl-hours"),
        ("2023", "ms-2023-uasr-president"),
        ("Hangzhou", "zhejiang"),
    ],
)
def test_a_visitors_search_finds_what_was_wanted(
    conn: sqlite3.Connection, query: str, wanted: str
) -> None:
    assert wanted in top(conn, query), (query, top(conn, query))


def test_ai_puts_aidlab_first_and_a_whole_word_above_a_fragment(conn: sqlite3.Connection) -> None:
    found = top(conn, "AI", 10)
    assert found[0] == "aidlab"
    # edison.ai has "ai" as a word of its name; Cathay Pacific only as the start of "Airways".
    assert found.index("edison-ai") < found.index("cathay")


def test_a_country_lists_the_place_then_the_organisations_there(
    conn: sqlite3.Connection,
) -> None:
    found = top(conn, "South Korea", 3)
    assert found[0] == "south-korea"
    assert "korea-university" in found
    hong_kong = top(conn, "Hong Kong", 10)
    assert hong_kong[0] == "hong-kong"
    assert {"cathay", "hk-electric", "polyu"} <= set(hong_kong)


def test_numbers_match_with_or_without_separators(conn: sqlite3.Connection) -> None:
    assert top(conn, "42400", 1) == ["fig-sl-students"]
    assert set(top(conn, "42400", 3)) == set(top(conn, "42,400", 3))


@pytest.mark.parametrize(
    ("query", "record"),
    [("ISTA", "ista"), ("britain", "uk"), ("airline", "cathay"), ("Institut Paul Bocuse", "lyfe")],
)
def test_a_hit_on_a_reference_name_says_so(
    conn: sqlite3.Connection, query: str, record: str
) -> None:
    result = search(conn, query)[0]
    assert result.id == record
    assert result.match == "reference"
    assert result.as_json()["match"] == "reference"


def test_a_hit_on_an_article_name_is_not_called_reference(conn: sqlite3.Connection) -> None:
    result = search(conn, "University of Waterloo")[0]
    assert (result.id, result.match) == ("waterloo", "exact")
    result = search(conn, "Korea University")[0]
    assert (result.id, result.match) == ("korea-university", "exact")
