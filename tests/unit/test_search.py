"""Search finds what a person types: names, acronyms, prefixes, any case, no accents, typos.

And whatever a person types, it never raises.
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyu_tui.data.schema import KINDS
from polyu_tui.data.search import MARK_END, MARK_START, SearchResult, search


def ids(results: list[SearchResult]) -> list[str]:
    return [result.id for result in results]


def finds(conn: sqlite3.Connection, query: str, record_id: str, within: int = 3) -> bool:
    return record_id in ids(search(conn, query, limit=20))[:within]


# ------------------------------------------------------------------ finding records


@pytest.mark.parametrize(
    ("query", "record_id"),
    [
        ("University of Waterloo", "waterloo"),
        ("University Alliance of the Silk Road", "uasr"),
        ("Centre for Eye and Vision Research", "cevr"),
        ("Rwanda", "rwanda"),
        ("Hong Kong", "hong-kong"),
    ],
)
def test_finds_by_full_name_first(conn: sqlite3.Connection, query: str, record_id: str) -> None:
    results = search(conn, query)
    assert results, query
    assert results[0].id == record_id
    assert results[0].match == "exact"


@pytest.mark.parametrize(
    ("query", "record_id", "match"),
    [
        ("UMD", "umd", "exact"),
        ("UW", "waterloo", "exact"),
        ("CEVR", "cevr", "exact"),
        # Acronyms of common usage the article does not give are reference names.
        ("XJTU", "xjtu", "reference"),
        ("UASR", "uasr", "reference"),
    ],
)
def test_an_acronym_ranks_its_record_first(
    conn: sqlite3.Connection, query: str, record_id: str, match: str
) -> None:
    results = search(conn, query)
    assert ids(results)[:1] == [record_id]
    assert results[0].match == match
    # in lower case too
    assert ids(search(conn, query.lower()))[:1] == [record_id]


def test_an_exact_name_ranks_above_records_that_mention_it(conn: sqlite3.Connection) -> None:
    results = search(conn, "waterloo")
    assert ids(results)[0] == "waterloo"
    # The Waterloo Institute for Nanotechnology mentions Waterloo; it comes after.
    assert "win" in ids(results)
    assert ids(results).index("win") > 0


@pytest.mark.parametrize(
    ("query", "record_id"),
    [
        ("waterl", "waterloo"),
        ("University of Water", "waterloo"),
        ("nano", "nanoscience-centre"),
        ("Ljub", "ljubljana"),
        ("Silk Ro", "uasr"),
    ],
)
def test_finds_by_prefix(conn: sqlite3.Connection, query: str, record_id: str) -> None:
    assert finds(conn, query, record_id), ids(search(conn, query))


@pytest.mark.parametrize("query", ["WATERLOO", "waterloo", "WaTeRlOo", "university OF waterloo"])
def test_any_case(conn: sqlite3.Connection, query: str) -> None:
    assert ids(search(conn, query))[:1] == ["waterloo"]


@pytest.mark.parametrize(
    ("query", "record_id"),
    [
        ("Ljubljána", "ljubljana"),
        ("LJUBLJÀNA", "ljubljana"),
        ("Xí'an", "xjtu"),
        ("Xī’ān Jiāotōng", "xjtu"),
        ("Wàterlöo", "waterloo"),
        ("Slovénie", "slovenia"),
    ],
)
def test_accents_in_the_query_do_not_matter(
    conn: sqlite3.Connection, query: str, record_id: str
) -> None:
    assert finds(conn, query, record_id), ids(search(conn, query))


@pytest.mark.parametrize("query", ["Xi'an Jiaotong", "Xi’an Jiaotong", "Xian Jiaotong"])
def test_either_apostrophe_or_none(conn: sqlite3.Connection, query: str) -> None:
    assert finds(conn, query, "xjtu", within=1), ids(search(conn, query))


@pytest.mark.parametrize(
    ("query", "record_id"),
    [
        ("Waterlo", "waterloo"),
        ("Watreloo", "waterloo"),
        ("Univeristy of Waterloo", "waterloo"),
        ("Ljubliana", "ljubljana"),
        ("Maryland Univ", "umd"),
        ("Rwnada", "rwanda"),
        ("Xian Jiatong", "xjtu"),
    ],
)
def test_a_typo_still_finds_the_record(
    conn: sqlite3.Connection, query: str, record_id: str
) -> None:
    assert finds(conn, query, record_id), ids(search(conn, query))


def test_nonsense_finds_nothing(conn: sqlite3.Connection) -> None:
    assert search(conn, "qqqzzzxxyy") == []
    assert search(conn, "") == []
    assert search(conn, "   ") == []


# ------------------------------------------------------------------ filters and limits


def test_kind_filter_keeps_only_that_kind(conn: sqlite3.Connection) -> None:
    results = search(conn, "waterloo", kinds=["research"])
    assert {result.kind for result in results} == {"research"}
    assert {"cevr", "nanoscience-centre"} <= set(ids(results))
    assert "waterloo" not in ids(results)


def test_several_kinds(conn: sqlite3.Connection) -> None:
    results = search(conn, "Rwanda", kinds=["place", "programme"], limit=50)
    kinds = {result.kind for result in results}
    assert kinds == {"place", "programme"}


def test_kind_filter_applies_to_exact_and_fuzzy_matches(conn: sqlite3.Connection) -> None:
    by_acronym = search(conn, "UW", kinds=["place"])
    assert all(result.kind == "place" for result in by_acronym)
    assert "waterloo" not in ids(by_acronym)
    assert all(result.kind == "place" for result in search(conn, "Watreloo", kinds=["place"]))
    assert ids(search(conn, "Watreloo", kinds=["organisation"]))[:1] == ["waterloo"]


def test_unknown_kind_finds_nothing(conn: sqlite3.Connection) -> None:
    assert search(conn, "waterloo", kinds=["spaceship"]) == []


def test_limit(conn: sqlite3.Connection) -> None:
    assert len(search(conn, "university", limit=50)) > 3
    assert len(search(conn, "university", limit=3)) == 3
    assert ids(search(conn, "waterloo", limit=1)) == ["waterloo"]
    assert search(conn, "waterloo", limit=0) == []


def test_results_are_distinct(conn: sqlite3.Connection) -> None:
    found = ids(search(conn, "university", limit=500))
    assert len(found) == len(set(found))


# ------------------------------------------------------------------ what a result carries


def test_result_fields(conn: sqlite3.Connection) -> None:
    (document,) = conn.execute("SELECT text FROM document").fetchone()
    results = search(conn, "waterloo")
    top = results[0]
    assert (top.kind, top.id, top.name) == ("organisation", "waterloo", "University of Waterloo")
    for result in results:
        assert result.kind in KINDS
        assert result.id and result.name
        assert result.snippet
        assert isinstance(result.sources, list) and result.sources
        assert all(isinstance(quote, str) and quote in document for quote in result.sources)
    assert f"{MARK_START}Waterloo{MARK_END}" in top.snippet
    assert MARK_START == "«" and MARK_END == "»"


def test_snippet_marks_a_prefix_match(conn: sqlite3.Connection) -> None:
    results = search(conn, "nano")
    marked = [r for r in results if MARK_START in r.snippet]
    assert marked, [r.snippet for r in results]
    for result in marked:
        start = result.snippet.index(MARK_START)
        assert result.snippet[start + 1 :].lower().startswith("nano")


def test_as_json_has_what_the_cli_prints(conn: sqlite3.Connection) -> None:
    item = search(conn, "CEVR")[0].as_json()
    assert {"kind", "id", "name", "snippet", "source"} <= set(item)
    assert item["id"] == "cevr"
    assert isinstance(item["source"], list) and item["source"]


# ------------------------------------------------------------------ hostile text

HOSTILE = [
    "",
    " ",
    '"',
    '""',
    '"waterloo',
    "'",
    "Xi'an",
    "Xi’an",
    "*",
    "**",
    "water*",
    "*loo",
    "-",
    "--",
    "-nano",
    "- -",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "NEAR(waterloo nano, 2)",
    "waterloo AND",
    "AND OR NOT",
    "NOT waterloo",
    ":",
    "name:",
    "name:waterloo",
    "kind:place",
    "{name aliases}: x",
    "^",
    "^waterloo",
    "+",
    "(",
    ")",
    "()",
    "(waterloo",
    "waterloo)",
    "((()))",
    "[",
    "]",
    "{}",
    "\\",
    "%",
    "_",
    "__",
    "a_b",
    "';--",
    "'; DROP TABLE entity; --",
    "\x00",
    "\x00waterloo",
    "\n",
    "\t\r\n",
    "🎉",
    "👩‍🔬 waterloo",
    "🇭🇰",
    "香港",
    "香港理工大學",
    "西安交通大学",
    "한국",
    "ﬁ",
    "𝔘𝔫𝔦𝔳𝔢𝔯𝔰𝔦𝔱𝔶",
    "\u200b",
    "\ufeff",
    "\u0301",
    "x" * 5000,
    "waterloo " * 700,
    "a " * 2500,
    "-" * 5000,
    '"' * 5000,
    "*" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_query_never_raises(conn: sqlite3.Connection, query: str) -> None:
    results = search(conn, query)
    assert isinstance(results, list)
    assert all(isinstance(result, SearchResult) for result in results)


def test_query_syntax_is_plain_text(conn: sqlite3.Connection) -> None:
    # FTS5 operators and punctuation are words or nothing: they change no meaning.
    assert ids(search(conn, "-nano")) == ids(search(conn, "nano"))
    assert ids(search(conn, "(waterloo)"))[:1] == ["waterloo"]
    assert ids(search(conn, '"waterloo"'))[:1] == ["waterloo"]
    assert ids(search(conn, "waterloo*"))[:1] == ["waterloo"]
    # The database is still whole after a query that looks like SQL.
    search(conn, "'; DROP TABLE entity; --")
    assert conn.execute("SELECT count(*) FROM entity").fetchone()[0] > 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=st.one_of(
        st.text(),
        st.sampled_from(HOSTILE),
        st.lists(st.sampled_from(HOSTILE[:-6]), max_size=6).map(" ".join),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    ),
    kind=st.one_of(st.none(), st.sampled_from(KINDS)),
    limit=st.integers(min_value=-5, max_value=600),
)
def test_any_text_is_a_valid_query(
    conn: sqlite3.Connection, query: str, kind: str | None, limit: int
) -> None:
    results = search(conn, query, kinds=[kind] if kind else None, limit=limit)
    assert isinstance(results, list)
    assert len(results) <= max(0, limit)
    for result in results:
        assert result.kind in KINDS
        if kind:
            assert result.kind == kind
        assert result.sources


def test_lone_surrogates_from_undecodable_input_never_raise(conn: sqlite3.Connection) -> None:
    for query in ("water\udcff", "\udc80", "nano \ud800 tech"):
        assert isinstance(search(conn, query), list)
    assert search(conn, "waterloo\udcff")  # the readable part still finds records


def test_marks_split_into_plain_and_matched_pieces() -> None:
    from polyu_tui.marks import marked, split_marks, unmarked

    snippet = "University of «Waterloo», Canada"
    assert split_marks(snippet) == [
        ("University of ", False),
        ("Waterloo", True),
        (", Canada", False),
    ]
    assert unmarked(snippet) == "University of Waterloo, Canada"
    assert marked(snippet).plain == "University of Waterloo, Canada"


@pytest.mark.parametrize(
    ("text", "prefixes", "expected"),
    [
        # Short text: all of it, every word that starts like a query word marked.
        ("University of Waterloo, Canada", ("water",), "University of «Waterloo», Canada"),
        ("Nano and nanoscience.", ("nano",), "«Nano» and «nanoscience»."),
        # Folded: accents and case do not matter; the text keeps its own spelling.
        ("Universität Zürich, Schweiz", ("zur",), "Universität «Zürich», Schweiz"),
        # Long text: a window of 14 words around the matches, cut with '…' both ends.
        (
            " ".join(f"w{i}" for i in range(30))
            + " target "
            + " ".join(f"v{i}" for i in range(30)),
            ("target",),
            "…w24 w25 w26 w27 w28 w29 «target» v0 v1 v2 v3 v4 v5 v6…",
        ),
        # No word starts with the prefix (inside a word does not count).
        ("Mainland China", ("land",), ""),
    ],
)
def test_body_snippets_mark_prefix_matches_in_a_window(
    text: str, prefixes: tuple[str, ...], expected: str
) -> None:
    from polyu_tui.data.search import _marked_snippet

    assert (
        _marked_snippet(text, prefixes).replace(MARK_START, "«").replace(MARK_END, "»") == expected
    )
