"""`polyu-tui db synth`: deterministic synthetic databases, and the windowed partner
queries proved right at 100,000 rows against a plain Python sort of every row.

These are count and ordering assertions, never timings.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import BUNDLED_DB, run_polyu

from polyu_tui.data import partners as q
from polyu_tui.data.build import iter_table_dump
from polyu_tui.data.check import check_database
from polyu_tui.data.db import connect
from polyu_tui.data.search import search
from polyu_tui.data.synth import SynthProblem, fast_fold, split_ddl, synthesize
from polyu_tui.data.text import fold

SMALL = 2_000
BIG = 100_000


def dump(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    conn = sqlite3.connect(path)
    try:
        return list(iter_table_dump(conn))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "small.db"
    synthesize(path, SMALL, seed=7, workers=0)
    return path


@pytest.fixture(scope="module")
def small_conn(small: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(small)
    yield conn
    conn.close()


# ------------------------------------------------------------------ the generator


def test_same_seed_same_content(small: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    synthesize(again, SMALL, seed=7, workers=0)
    assert dump(again) == dump(small)


def test_worker_processes_make_the_same_rows(small: Path, tmp_path: Path) -> None:
    # Batches are a pure function of (seed, batch number): made in another process,
    # in parallel with the writer, they are the same rows.
    again = tmp_path / "workers.db"
    synthesize(again, SMALL, seed=7, workers=1)
    assert dump(again) == dump(small)


def test_a_different_seed_differs(small: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    synthesize(other, SMALL, seed=8, workers=0)
    mine, theirs = dict(dump(small)), dict(dump(other))
    assert mine["organisation"] != theirs["organisation"]
    assert mine["search_index"] != theirs["search_index"]
    # ... while the real records are the same in both.
    assert [r for r in mine["entity"] if not r[-1]] == [r for r in theirs["entity"] if not r[-1]]


def test_synthetic_rows_are_marked(small_conn: sqlite3.Connection) -> None:
    entity = dict(
        small_conn.execute("SELECT synthetic, count(*) FROM entity GROUP BY synthetic").fetchall()
    )
    assert entity[1] == SMALL
    organisation = small_conn.execute(
        "SELECT count(*) FROM organisation WHERE synthetic = 1"
    ).fetchone()[0]
    assert organisation == SMALL
    # Synthetic rows quote nothing, and say what they are.
    bad = small_conn.execute(
        "SELECT count(*) FROM entity WHERE synthetic = 1 "
        "AND (sources != '[]' OR summary NOT LIKE '%Synthetic record for scale tests%' "
        "OR kind != 'organisation' OR id NOT LIKE 'syn-%')"
    ).fetchone()[0]
    assert bad == 0
    meta = dict(small_conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["synthetic"] == "1"
    assert meta["synthetic_partners"] == str(SMALL)
    assert meta["synthetic_seed"] == "7"


def test_real_records_are_all_there(small_conn: sqlite3.Connection) -> None:
    bundled = connect(BUNDLED_DB)
    try:
        real = bundled.execute("SELECT id, kind, name, sources FROM entity ORDER BY id").fetchall()
    finally:
        bundled.close()
    here = small_conn.execute(
        "SELECT id, kind, name, sources FROM entity WHERE synthetic = 0 ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in here] == [tuple(r) for r in real]


def test_same_schema_as_the_bundled_database(small_conn: sqlite3.Connection) -> None:
    def schema(conn: sqlite3.Connection) -> set[tuple[str, str]]:
        return {
            (str(r[0]), str(r[1]))
            for r in conn.execute(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        }

    bundled = connect(BUNDLED_DB)
    try:
        assert schema(small_conn) == schema(bundled)
        version = bundled.execute("PRAGMA user_version").fetchone()[0]
    finally:
        bundled.close()
    assert small_conn.execute("PRAGMA user_version").fetchone()[0] == version


def test_names_are_varied_and_folded(small_conn: sqlite3.Connection) -> None:
    names = [
        (str(r[0]), str(r[1]))
        for r in small_conn.execute("SELECT name, name_fold FROM organisation WHERE synthetic = 1")
    ]
    assert all(fold(name) == folded for name, folded in names)
    text = " ".join(name for name, _ in names)
    for mark in "éüñçø’-":
        assert mark in text, mark
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), "no CJK names"
    assert len({name for name, _ in names}) > 0.9 * len(names)
    kinds = Counter(
        str(r[0]) for r in small_conn.execute("SELECT kind FROM organisation WHERE synthetic = 1")
    )
    assert set(kinds) == {"university", "institute", "company", "government"}


def test_fast_fold_is_fold() -> None:
    for text in ["University of Waterloo", "Université de Besançon", "Xi’an  Polytechnic", " a"]:
        assert fast_fold(text) == fold(text)


def test_links_to_real_programmes_and_alliances(small_conn: sqlite3.Connection) -> None:
    rows = small_conn.execute(
        "SELECT l.rel, e.kind, count(*) FROM link l JOIN entity e ON e.id = l.src_id "
        "WHERE l.dst_id LIKE 'syn-%' GROUP BY l.rel, e.kind"
    ).fetchall()
    found = {(str(rel), str(kind)): int(n) for rel, kind, n in rows}
    assert set(found) == {("partner", "programme"), ("member", "alliance")}
    # About 30% of partners join a programme (governments never do).
    assert 0.15 * SMALL < found[("partner", "programme")] < 0.35 * SMALL
    programmes = {
        str(r[0])
        for r in small_conn.execute(
            "SELECT DISTINCT src_id FROM link WHERE rel = 'partner' AND dst_id LIKE 'syn-%'"
        )
    }
    assert programmes == {"student-exchange", "dual-phd", "wie"}


def test_relations_and_search_index_rows(small_conn: sqlite3.Connection) -> None:
    orphans = small_conn.execute(
        "SELECT count(*) FROM organisation_relation r LEFT JOIN organisation o "
        "ON o.id = r.organisation_id WHERE o.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    assert (
        small_conn.execute(
            "SELECT count(*) FROM search_index s JOIN entity e ON e.rowid = s.rowid "
            "WHERE e.synthetic = 1 AND s.kind = 'organisation' AND s.name = e.name"
        ).fetchone()[0]
        == SMALL
    )


def test_search_finds_synthetic_and_real_names(small_conn: sqlite3.Connection) -> None:
    name = small_conn.execute(
        "SELECT name FROM organisation WHERE synthetic = 1 AND name GLOB '*University*' "
        "ORDER BY rowid LIMIT 1"
    ).fetchone()[0]
    assert name in [r.name for r in search(small_conn, name)]
    assert [r.id for r in search(small_conn, "waterloo")][:1] == ["waterloo"]


def test_db_check_passes(small_conn: sqlite3.Connection) -> None:
    report = check_database(small_conn)
    assert report.problems == []


def test_ddl_splits_into_tables_and_indexes() -> None:
    tables, indexes = split_ddl()
    assert indexes and all(i.upper().startswith("CREATE INDEX") for i in indexes)
    assert any("CREATE VIRTUAL TABLE search_index" in t for t in tables)


def test_never_writes_the_bundled_database(tmp_path: Path) -> None:
    before = BUNDLED_DB.read_bytes()
    with pytest.raises(SynthProblem):
        synthesize(BUNDLED_DB, 10)
    result = run_polyu(["db", "synth", "--partners", "10", "--out", str(BUNDLED_DB)])
    assert result.returncode == 2
    assert result.stderr.startswith("polyu-tui: error: refusing")
    assert len(result.stderr.strip().splitlines()) == 1
    assert BUNDLED_DB.read_bytes() == before
    assert not list(BUNDLED_DB.parent.glob(".polyu-synth-*"))


def test_cli_synth(tmp_path: Path) -> None:
    out = tmp_path / "cli.db"
    result = run_polyu(["db", "synth", "--partners", "300", "--out", str(out), "--seed", "3"])
    assert result.returncode == 0, result.stderr
    assert "300 synthetic partners" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    check = run_polyu(["--db", str(out), "db", "check"])
    assert check.returncode == 0, check.stderr
    assert not list(tmp_path.glob(".polyu-synth-*"))


def test_cli_synth_never_replaces_a_database_built_from_the_article(tmp_path: Path) -> None:
    # Under a non-editable install the checkout's data/polyu.db is not the packaged
    # copy, so the refusal must not depend on the path: any real build is kept.
    copy = tmp_path / "polyu.db"
    copy.write_bytes(BUNDLED_DB.read_bytes())
    result = run_polyu(["db", "synth", "--partners", "10", "--out", str(copy)])
    assert result.returncode == 2
    assert result.stderr.startswith("polyu-tui: error: refusing to overwrite")
    assert copy.read_bytes() == BUNDLED_DB.read_bytes()
    # A synthetic database may be rebuilt in place.
    synthetic = tmp_path / "synthetic.db"
    for _ in range(2):
        again = run_polyu(["db", "synth", "--partners", "10", "--out", str(synthetic)])
        assert again.returncode == 0, again.stderr


# ------------------------------------------------------------------ windows at 100k


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("synth-big") / "big.db"
    synthesize(path, BIG, seed=11)
    conn = connect(path)
    yield conn
    conn.close()


Row = tuple[str, str, str | None, str, str, str, bool, str, str, int, bool, bool, str | None]


@pytest.fixture(scope="module")
def every_partner(big: sqlite3.Connection) -> list[Row]:
    """Every organisation, read plainly, with what it sorts by."""
    return [
        (
            r[0],
            r[1],
            r[2],
            r[3],
            r[4] or "",
            r[5] or "",
            bool(r[6]),
            r[7],
            r[8],
            r[9],
            bool(r[10]),
            bool(r[11]),
            r[12],
        )
        for r in big.execute(
            "SELECT id, name, acronym, kind, country, relationship, synthetic, "
            "name_fold, country_fold, rowid, country_provenance = 'reference', "
            "kind_provenance = 'reference', (SELECT f.value FROM reference_fact f "
            "WHERE f.entity_id = organisation.id AND f.field = 'acronym' ORDER BY f.ord LIMIT 1) "
            "FROM organisation"
        )
    ]


@pytest.fixture(scope="module")
def relations(big: sqlite3.Connection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for org_id, relation in big.execute(
        "SELECT organisation_id, relation FROM organisation_relation"
    ):
        found.setdefault(str(relation), set()).add(str(org_id))
    return found


def expected(
    rows: list[Row],
    query: q.PartnerQuery,
    relations: dict[str, set[str]],
    text_ids: set[str],
    *,
    ordered: bool = True,
) -> list[q.PartnerRow]:
    """What the Partners table must show, by filtering and sorting in Python."""
    kept = [
        r
        for r in rows
        if (query.include_polyu or r[3] != "polyu")
        and (not query.kind or r[3] == query.kind)
        and (query.country is None or r[4] == query.country)
        and (not query.relation or r[0] in relations.get(query.relation, set()))
        and (not query.text or r[0] in text_ids)
    ]
    column = {"name": 7, "kind": 3, "country": 8}[query.sort]
    if ordered:
        kept.sort(key=lambda r: (r[column], r[7], r[9]), reverse=query.descending)

    return [q.PartnerRow(*r[:7], r[10], r[11], r[12]) for r in kept]


def text_matches(conn: sqlite3.Connection, text: str) -> set[str]:
    """Organisations whose indexed text holds a word starting with ``text``."""
    return {
        str(r[0])
        for r in conn.execute(
            "SELECT o.id FROM search_index s JOIN organisation o ON o.rowid = s.rowid "
            "WHERE search_index MATCH ?",
            (f'kind:organisation AND ("{fold(text)}"*)',),
        )
    }


QUERIES = [
    q.PartnerQuery(),
    q.PartnerQuery(descending=True),
    q.PartnerQuery(sort="country"),
    q.PartnerQuery(sort="country", descending=True),
    q.PartnerQuery(sort="kind", descending=True),
    q.PartnerQuery(kind="university"),
    q.PartnerQuery(kind="company", sort="country", descending=True),
    q.PartnerQuery(country="Japan", sort="kind"),
    q.PartnerQuery(kind="institute", country="Mainland China"),
    q.PartnerQuery(relation="exchange", descending=True),
    q.PartnerQuery(relation="research", sort="country"),
    q.PartnerQuery(relation="wie", kind="company", sort="country"),
    q.PartnerQuery(relation="education", kind="university", country="U.K."),
    q.PartnerQuery(text="polytechnic"),
    q.PartnerQuery(text="universi", sort="country", descending=True),
    q.PartnerQuery(text="univ"),
    q.PartnerQuery(text="univ", sort="kind"),
    q.PartnerQuery(text="univ", include_polyu=True),
    q.PartnerQuery(text="univ", kind="university", sort="country"),
    q.PartnerQuery(text="waterloo"),
    q.PartnerQuery(include_polyu=True, sort="kind"),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: repr(query)[13:-1] or "default")
def test_windows_match_a_full_sort(
    big: sqlite3.Connection,
    every_partner: list[Row],
    relations: dict[str, set[str]],
    query: q.PartnerQuery,
) -> None:
    text_ids = text_matches(big, query.text) if query.text else set()
    want = expected(every_partner, query, relations, text_ids)
    total = q.count_partners(big, query)
    assert total == len(want)
    assert total > 0
    page = 40
    for offset in sorted({0, 1, total // 2, total // 2 + 7, max(0, total - page), total - 1}):
        got = q.partner_window(big, query, offset, page)
        assert got == want[offset : offset + page], (query, offset)
    assert q.partner_window(big, query, total, page) == []
    assert q.partner_window(big, query, total + 1000, page) == []


def test_a_broad_text_filter_walks_an_order_and_a_narrow_one_sorts_its_matches(
    big: sqlite3.Connection,
) -> None:
    """A window's cost follows the window, not the number of matches, when many match."""
    statements: list[str] = []
    big.set_trace_callback(statements.append)
    try:
        broad = q.PartnerQuery(text="univ")
        total = q.count_partners(big, broad)
        partners = q.count_partners(big, q.PartnerQuery())
        assert total >= q.WALK_SHARE * partners
        statements.clear()
        q.partner_window(big, broad, total // 3, 40, total=total)
        ours = [sql for sql in statements if not sql.startswith("--")]  # not FTS5's own
        assert not any("count(*) FROM search_index" in sql for sql in ours), "no recount"
        assert "FROM partner_order" in ours[-1], "broad: walks the name order"
        narrow = q.PartnerQuery(text="waterloo")
        assert q.count_partners(big, narrow) < q.WALK_SHARE * partners
        statements.clear()
        q.partner_window(big, narrow, 0, 40)
        ours = [sql for sql in statements if not sql.startswith("--")]
        assert "FROM partner_order" not in ours[-1], "narrow: sorts its few matches"
    finally:
        big.set_trace_callback(None)


# Facets depend on the filters only, not on the sort.
FACET_QUERIES = list(
    {
        (query.text, query.kind, query.country, query.relation): q.PartnerQuery(
            query.text, query.kind, query.country, query.relation
        )
        for query in QUERIES
    }.values()
)


@pytest.mark.parametrize("query", FACET_QUERIES, ids=lambda query: repr(query)[13:-1] or "default")
def test_facets_match_the_rows(
    big: sqlite3.Connection,
    every_partner: list[Row],
    relations: dict[str, set[str]],
    query: q.PartnerQuery,
) -> None:
    text_ids = text_matches(big, query.text) if query.text else set()
    facets = q.partner_facets(big, query, top=1000)

    def rows_without(**dropped: object) -> list[q.PartnerRow]:
        fields = {**query.__dict__, "include_polyu": False, **dropped}
        return expected(every_partner, q.PartnerQuery(**fields), relations, text_ids, ordered=False)

    kinds = Counter(r.kind for r in rows_without(kind=None))
    assert dict(facets.kinds) == dict(kinds)
    countries = Counter(r.country for r in rows_without(country=None))
    assert dict(facets.countries) == dict(countries)
    ids = Counter(r.id for r in rows_without(relation=None))
    want_relations = {
        relation: n
        for relation, members in relations.items()
        if (n := sum(i in members for i in ids))
    }
    assert dict(facets.relations) == want_relations
    # Biggest first, ties by value, as the table shows them.
    for counts in (facets.kinds, facets.countries, facets.relations):
        assert counts == sorted(counts, key=lambda item: (-item[1], item[0]))
    # A facet's count is what the table counts when that facet is applied.
    for kind, n in facets.kinds[:3]:
        assert (
            q.count_partners(
                big, q.PartnerQuery(**{**query.__dict__, "kind": kind, "include_polyu": False})
            )
            == n
        )


def test_search_on_the_big_database(big: sqlite3.Connection) -> None:
    assert "waterloo" in [r.id for r in search(big, "waterloo")]
    assert "xjtu" in [r.id for r in search(big, "Xi'an Jiaotong")]
    synthetic = big.execute(
        "SELECT name FROM organisation WHERE synthetic = 1 ORDER BY rowid DESC LIMIT 1"
    ).fetchone()[0]
    found = search(big, synthetic)
    assert found and found[0].name == synthetic and found[0].synthetic
    for prefix in ["w", "wa", "univ", "polytech", "zür", "北"]:
        results = search(big, prefix)
        assert results, prefix
        assert all(r.sources or r.synthetic for r in results)
