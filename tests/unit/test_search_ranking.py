"""What a visitor types ranks the record they meant first (issue 11, item 16).

Typos are matched word by word, measured against the longer word, so a short name
never wins on a fragment; guesses never follow an exact match; words are words
(no OR syntax); and part of a Chinese or Japanese name finds the record.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.db import bundled_database
from polyu_tui.data.search import SearchResult, search
from polyu_tui.data.synth import synthesize


def ids(results: list[SearchResult]) -> list[str]:
    return [result.id for result in results]


@pytest.mark.parametrize(
    ("query", "meant", "not_meant"),
    [("marylnd", "umd", "mars"), ("cathey", "cathay", "cast")],
)
def test_a_typo_finds_the_longer_closer_name_not_a_short_fragment(
    conn: sqlite3.Connection, query: str, meant: str, not_meant: str
) -> None:
    results = search(conn, query)
    assert ids(results)[:1] == [meant], ids(results)
    assert not_meant not in ids(results)
    assert results[0].match == "fuzzy"


@pytest.mark.parametrize(("query", "meant"), [("catay", "cathay"), ("mitax", "mitacs")])
def test_one_or_two_letters_wrong_still_find_the_record(
    conn: sqlite3.Connection, query: str, meant: str
) -> None:
    assert ids(search(conn, query))[:1] == [meant]


@pytest.mark.parametrize("query", ["CAST", "cast"])
def test_an_exact_acronym_comes_first_and_alone(conn: sqlite3.Connection, query: str) -> None:
    results = search(conn, query)
    assert ids(results)[:1] == ["cast"]
    # Cathay Pacific was a 'closest spelling' guess added after an exact hit.
    assert "cathay" not in ids(results)
    assert all(result.match != "fuzzy" for result in results)


def test_a_country_lists_what_is_there_not_another_country(conn: sqlite3.Connection) -> None:
    results = search(conn, "australia")
    assert ids(results)[:1] == ["australia"]
    assert "us" not in ids(results)
    assert all(result.match != "fuzzy" for result in results)


@pytest.mark.parametrize("query", ["a OR b", "a or b", "x AND y"])
def test_words_are_words_and_short_ones_are_not_guessed_at(
    conn: sqlite3.Connection, query: str
) -> None:
    # OR is a plain word (every word must match); one- and two-letter words have
    # no 'closest spelling', so there is no list of odd guesses.
    assert search(conn, query) == []


def test_a_typo_in_several_words_needs_every_word(conn: sqlite3.Connection) -> None:
    assert ids(search(conn, "univeristy of watreloo"))[:1] == ["waterloo"]
    assert search(conn, "watreloo qqqzzzx") == []


@pytest.fixture(scope="module")
def cjk_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    folder = tmp_path_factory.mktemp("cjk")
    source = folder / "agreements.csv"
    source.write_text(
        "partner,country,agreement_type,start_date\n"
        "香港理工大學附屬學院,Hong Kong,MoU,2024-01-01\n"
        "東京大学,Japan,MoU,2024-01-01\n",
        encoding="utf-8",
    )
    target = folder / "user.db"
    outcome = run_import([source], target, bundled_database(), today=dt.date(2026, 1, 15))
    assert outcome.errors == []
    conn = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("理工", "香港理工大學附屬學院"),
        ("附屬學院", "香港理工大學附屬學院"),
        ("港", "香港理工大學附屬學院"),
        ("大学", "東京大学"),
        ("東京大学", "東京大学"),
    ],
)
def test_part_of_a_cjk_name_finds_it(cjk_db: sqlite3.Connection, query: str, name: str) -> None:
    results = search(cjk_db, query)
    assert [result.name for result in results][:1] == [name]
    # Found by the index, not guessed as a 'closest spelling'.
    assert results[0].match in ("text", "exact")


def test_hong_kong_in_chinese_comes_before_a_name_that_contains_it(
    cjk_db: sqlite3.Connection,
) -> None:
    names = [result.name for result in search(cjk_db, "香港")]
    assert names[0] == "Hong Kong"
    assert "香港理工大學附屬學院" in names


def test_cjk_pairs_must_all_match(cjk_db: sqlite3.Connection) -> None:
    assert search(cjk_db, "香港大学") == []


def test_large_database_takes_the_same_paths(tmp_path: Path) -> None:
    # Above SMALL_DATABASE records search takes its bounded path: typos and pairs too.
    path = tmp_path / "synth.db"
    synthesize(path, 6_000, seed=3, workers=0)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert ids(search(conn, "marylnd"))[:1] == ["umd"]
        assert ids(search(conn, "mitax"))[:1] == ["mitacs"]
        assert ids(search(conn, "CAST"))[:1] == ["cast"]
        assert search(conn, "a OR b") == []
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("query", "meant"),
    [("香港", "hong-kong"), ("浙江", "zhejiang"), ("西安", "xjtu")],
)
def test_chinese_names_find_the_bundled_records(
    conn: sqlite3.Connection, query: str, meant: str
) -> None:
    """`香港` found nothing: the article is in English. The Chinese names are reference
    names (data/source/reference/names.toml), shown marked like every reference."""
    results = search(conn, query)
    assert ids(results)[:1] == [meant]
    assert results[0].match == "reference"
