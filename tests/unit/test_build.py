"""The bundled database: every kind of record, its links, its quotes, and a faithful build."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from polyu_tui.data.build import build, iter_table_dump
from polyu_tui.data.build import write as build_write
from polyu_tui.data.detail import Detail, get_detail
from polyu_tui.data.errors import SourceProblem, WriteProblem
from polyu_tui.data.schema import KINDS, SCHEMA_VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DB = REPO_ROOT / "data" / "polyu.db"
SOURCE_DIR = REPO_ROOT / "data" / "source"
SEED_DOCUMENT = REPO_ROOT.parent / "shared" / "seeds" / "000_735f83abd731f2a9.txt"


def source_document_path() -> Path:
    """The original source document when it is there, else the copy in data/source."""
    return SEED_DOCUMENT if SEED_DOCUMENT.is_file() else SOURCE_DIR / "article.txt"


EXPECTED_KINDS = (
    "organisation",
    "alliance",
    "research",
    "programme",
    "place",
    "figure",
    "milestone",
    "outcome",
)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(iter_table_dump(connection))
    finally:
        connection.close()


def linked_ids(detail: Detail, heading: str | None = None) -> set[str]:
    return {
        record.id
        for group in detail.links
        if heading is None or group.heading == heading
        for record in group.records
    }


def field_value(detail: Detail, label: str) -> str:
    values = dict(detail.fields)
    assert label in values, f"{detail.id} has no field {label!r}: {detail.fields}"
    return values[label]


# ------------------------------------------------------------------ what the data holds


def test_the_schema_knows_every_kind_of_record() -> None:
    assert set(EXPECTED_KINDS) == set(KINDS)


@pytest.mark.parametrize("kind", EXPECTED_KINDS)
def test_every_kind_of_record_is_present(conn: sqlite3.Connection, kind: str) -> None:
    (count,) = conn.execute("SELECT count(*) FROM entity WHERE kind = ?", (kind,)).fetchone()
    assert count > 0, f"no {kind} records in the bundled database"
    # The typed table holds the same records as the shared entity table.
    (typed,) = conn.execute(f"SELECT count(*) FROM [{kind}]").fetchone()
    assert typed == count


def test_every_record_is_in_the_search_index(conn: sqlite3.Connection) -> None:
    (entities,) = conn.execute("SELECT count(*) FROM entity").fetchone()
    (indexed,) = conn.execute("SELECT count(*) FROM search_index").fetchone()
    assert indexed == entities


def test_waterloo_links_to_both_centres_it_is_part_of(conn: sqlite3.Connection) -> None:
    detail = get_detail(conn, "waterloo")
    assert detail is not None
    assert detail.kind == "organisation"
    assert detail.name == "University of Waterloo"
    assert detail.acronym == "UW"
    research = {
        record.id for group in detail.links for record in group.records if record.kind == "research"
    }
    assert {"cevr", "nanoscience-centre"} <= research
    # Both in one group, under a heading a reader understands.
    groups_with_both = [
        group.heading
        for group in detail.links
        if {"cevr", "nanoscience-centre"} <= {record.id for record in group.records}
    ]
    assert groups_with_both, detail.links
    assert "canada" in linked_ids(detail), "Waterloo is in Canada"
    assert field_value(detail, "Country or region") == "Canada"


def test_the_centres_name_waterloo_as_partner(conn: sqlite3.Connection) -> None:
    for centre in ("cevr", "nanoscience-centre"):
        detail = get_detail(conn, centre)
        assert detail is not None
        assert "waterloo" in linked_ids(detail), centre
    nano = get_detail(conn, "nanoscience-centre")
    assert nano is not None
    assert "win" in linked_ids(nano), "the nanoscience centre is with UW's WIN"


def test_silk_road_alliance_shows_cofounder_year_and_members(conn: sqlite3.Connection) -> None:
    detail = get_detail(conn, "uasr")
    assert detail is not None
    assert detail.kind == "alliance"
    assert detail.name == "University Alliance of the Silk Road"
    cofounders = [
        record
        for group in detail.links
        for record in group.records
        if record.id == "xjtu" and "co-founded" in group.heading.lower()
    ]
    assert cofounders, detail.links
    assert cofounders[0].name == "Xi’an Jiaotong University"
    assert field_value(detail, "Founded") == "2015"
    assert field_value(detail, "Members") == "over 150 universities"
    assert field_value(detail, "Countries") == "37 countries and regions"
    assert "co" in field_value(detail, "PolyU’s role").lower()
    (row,) = conn.execute(
        "SELECT founded_year, member_count, member_qualifier, member_unit, country_count, "
        "country_unit, polyu_role, grouping FROM alliance WHERE id = 'uasr'"
    ).fetchall()
    assert tuple(row) == (
        2015,
        150,
        "over",
        "universities",
        37,
        "countries and regions",
        "co-founder",
        "belt-and-road",
    )


def test_xjtu_shows_the_alliance_it_cofounded(conn: sqlite3.Connection) -> None:
    detail = get_detail(conn, "xjtu")
    assert detail is not None
    assert "uasr" in linked_ids(detail)


def test_links_only_name_records_that_exist(conn: sqlite3.Connection) -> None:
    dangling = conn.execute(
        "SELECT src_id, rel, dst_id FROM link "
        "WHERE src_id NOT IN (SELECT id FROM entity) OR dst_id NOT IN (SELECT id FROM entity)"
    ).fetchall()
    assert dangling == []


# ------------------------------------------------------------------ quotes and the document


def test_the_document_in_the_database_is_the_source_document(conn: sqlite3.Connection) -> None:
    (text,) = conn.execute("SELECT text FROM document").fetchone()
    assert text == source_document_path().read_text(encoding="utf-8")
    assert text == (SOURCE_DIR / "article.txt").read_text(encoding="utf-8")


def test_every_quote_of_every_record_is_in_the_document(conn: sqlite3.Connection) -> None:
    document = "".join(row[0] for row in conn.execute("SELECT text FROM document"))
    original = source_document_path().read_text(encoding="utf-8")
    checked = 0
    missing: list[tuple[str, str]] = []
    for record_id, sources in conn.execute("SELECT id, sources FROM entity ORDER BY rowid"):
        quotes = json.loads(sources)
        assert isinstance(quotes, list) and quotes, f"{record_id} has no source quote"
        for quote in quotes:
            checked += 1
            if not (quote.strip() and quote in document and quote in original):
                missing.append((record_id, quote))
    assert missing == []
    assert checked >= conn.execute("SELECT count(*) FROM entity").fetchone()[0]


# ------------------------------------------------------------------ the build


def test_schema_version_is_in_user_version(conn: sqlite3.Connection) -> None:
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    assert version == SCHEMA_VERSION


def test_committed_database_equals_a_fresh_build(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    result = build(SOURCE_DIR, fresh)
    assert result.path == fresh.resolve()
    committed, rebuilt = dump(BUNDLED_DB), dump(fresh)
    assert list(committed) == list(rebuilt), "the two builds have different tables"
    for table in committed:
        assert committed[table] == rebuilt[table], (
            f"table {table} differs: run 'polyu-tui db build' and commit data/polyu.db"
        )
    with sqlite3.connect(fresh) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_building_twice_gives_identical_contents(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "polyu.db", tmp_path / "b" / "polyu.db"
    build(SOURCE_DIR, first)
    build(SOURCE_DIR, second)
    assert dump(first) == dump(second)


def test_a_build_leaves_only_the_database_behind(tmp_path: Path) -> None:
    target = tmp_path / "polyu.db"
    build(SOURCE_DIR, target)
    build(SOURCE_DIR, target)  # over an existing file, too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["polyu.db"]


# ------------------------------------------------------------------ bad sources


def copy_sources(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, source)
    return source


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def quote_not_in_document(source: Path) -> None:
    edit(
        source / "alliances.toml",
        "with the Xi’an Jiaotong University in 2015 and",
        "with the Xi’an Jiaotong University in 2016 and",
    )


def unknown_ref(source: Path) -> None:
    edit(source / "alliances.toml", 'cofounders = ["xjtu"]', 'cofounders = ["no-such-university"]')


def duplicate_id(source: Path) -> None:
    # A place with the id of an organisation: ids are unique across all files.
    with (source / "places.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[place]]\nid = "waterloo"\nname = "Waterloo"\nkind = "other"\nsources = [\n'
            '  "Jointly with Canada’s University of Waterloo (UW), PolyU founded the Centre for '
            "Eye and Vision Research (CEVR), the world’s first international hub for vision "
            "science to promote eye health with clinical, basic and applied research and to "
            "develop groundbreaking technologies to prevent vision loss and preserve sight "
            'among the ageing population.",\n]\n'
        )


def broken_toml(source: Path) -> None:
    with (source / "research.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[research]]\nid = "unterminated\n')


def empty_quote_list(source: Path) -> None:
    # The first outcome's quotes moved to another key: it is left with none.
    edit(source / "outcomes.toml", "sources = [", "sources = []\nunused = [")


BAD_SOURCES = {
    "quote-not-in-document": (quote_not_in_document, "quote not found"),
    "unknown-ref": (unknown_ref, "no-such-university"),
    "duplicate-id": (duplicate_id, "duplicate id 'waterloo'"),
    "broken-toml": (broken_toml, "research.toml"),
    "no-quote": (empty_quote_list, "source quote"),
}


@pytest.mark.parametrize("problem", sorted(BAD_SOURCES))
def test_bad_source_raises_and_leaves_no_file(tmp_path: Path, problem: str) -> None:
    spoil, message = BAD_SOURCES[problem]
    source = copy_sources(tmp_path)
    spoil(source)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "polyu.db"
    with pytest.raises(SourceProblem) as raised:
        build(source, target)
    assert message in str(raised.value)
    # One line a problem, each naming its file and line: never a traceback.
    for line in str(raised.value).strip().splitlines():
        assert re.match(rf"{re.escape(str(source))}/\w+\.toml:\d+: ", line), line
    assert not target.exists()
    assert list(out.iterdir()) == [], "a failed build left a file behind"


def test_bad_source_keeps_the_previous_database(tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = out / "polyu.db"
    build(SOURCE_DIR, target)
    before = target.read_bytes()
    source = copy_sources(tmp_path)
    unknown_ref(source)
    with pytest.raises(SourceProblem):
        build(source, target)
    assert target.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["polyu.db"]


def test_a_failure_while_writing_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when SQLite itself fails mid-build, nothing half-written is left."""

    def failing_schema(connection: sqlite3.Connection) -> None:
        connection.executescript("CREATE TABLE meta (key TEXT);")
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(build_write, "create_schema", failing_schema)
    out = tmp_path / "out"
    out.mkdir()
    # Named as the target the user gave, not the temporary file that failed.
    with pytest.raises(WriteProblem, match=r"cannot write .*polyu\.db: disk I/O error"):
        build(SOURCE_DIR, out / "polyu.db")
    assert list(out.iterdir()) == []
