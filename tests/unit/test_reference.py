"""The reference layer: general knowledge apart from the article, each fact naming its reference."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import CliRunner, clean_env

from polyu_tui.data.build import build, load_sources
from polyu_tui.data.countries import resolve_country
from polyu_tui.data.errors import SourceProblem
from polyu_tui.data.reference import (
    ArticleRecord,
    Point,
    ReferenceFact,
    ReferenceLayer,
    article_records,
    check_reference,
    load_reference,
)

SOURCE_DIR = Path(__file__).resolve().parents[2] / "data" / "source"


def test_every_organisation_has_a_country_code_and_coordinates(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT id, country, country_code, lat, lon FROM organisation WHERE NOT synthetic"
    ).fetchall()
    assert len(rows) >= 26
    for org_id, country, code, lat, lon in rows:
        assert country and code and lat is not None and lon is not None, org_id
        assert resolve_country(code) is not None, (org_id, code)


def test_every_country_or_territory_has_an_iso_code_and_a_point(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, name, iso_code, lat, lon FROM place WHERE kind = 'country'")
    for place_id, name, code, lat, lon in rows:
        assert code and lat is not None and lon is not None, place_id
        # The code agrees with the article's own name for the place.
        assert resolve_country(name) is not None
        assert resolve_country(name).code == code, place_id  # type: ignore[union-attr]


def test_korea_university_is_in_south_korea_by_reference(conn: sqlite3.Connection) -> None:
    row = conn.execute(
        "SELECT country, country_code, country_provenance, city FROM organisation "
        "WHERE id = 'korea-university'"
    ).fetchone()
    assert tuple(row) == ("South Korea", "KR", "reference", "Seoul")
    link = conn.execute(
        "SELECT provenance FROM link WHERE src_id = 'korea-university' AND rel = 'located_in' "
        "AND dst_id = 'south-korea'"
    ).fetchone()
    assert link is not None
    assert tuple(link) == ("reference",)
    facts = dict(
        conn.execute(
            "SELECT field, reference FROM reference_fact WHERE entity_id = 'korea-university'"
        ).fetchall()
    )
    assert facts["country"].startswith("ISO 3166-1")
    assert "Anam-ro" in facts["city"]


def test_the_article_wins_where_it_places_an_organisation(conn: sqlite3.Connection) -> None:
    # The article says "Canada’s University of Waterloo": no reference country is added.
    row = conn.execute(
        "SELECT country, country_provenance FROM organisation WHERE id = 'waterloo'"
    ).fetchone()
    assert tuple(row) == ("Canada", "article")
    assert not conn.execute(
        "SELECT 1 FROM reference_fact WHERE entity_id = 'waterloo' AND field = 'country'"
    ).fetchall()


def test_partners_country_facet_has_no_blank_for_the_articles_partners(
    conn: sqlite3.Connection,
) -> None:
    blank = conn.execute(
        "SELECT id FROM organisation WHERE country = '' AND NOT synthetic"
    ).fetchall()
    assert blank == []


def test_acronyms_of_common_usage_are_reference_names_not_article_acronyms(
    conn: sqlite3.Connection,
) -> None:
    moved = {
        "rca": "RCA", "win": "WIN", "cast": "CAST", "qut": "QUT", "xjtu": "XJTU",
        "eaie": "EAIE", "nafsa": "NAFSA", "shtm": "SHTM", "asrtu": "ASRTU", "anso": "ANSO",
        "uasr": "UASR", "cairs": "CAiRS",
    }  # fmt: skip
    for record_id, acronym in moved.items():
        acronym_row = conn.execute("SELECT acronym FROM entity WHERE id = ?", (record_id,))
        assert tuple(acronym_row.fetchone()) == (None,), record_id
        alias_row = conn.execute(
            "SELECT provenance FROM alias WHERE entity_id = ? AND alias = ?", (record_id, acronym)
        ).fetchone()
        assert alias_row is not None
        assert tuple(alias_row) == ("reference",), record_id
        assert conn.execute(
            "SELECT reference FROM reference_fact WHERE entity_id = ? AND field = 'acronym'",
            (record_id,),
        ).fetchone()[0]


def _layer() -> tuple[ReferenceLayer, list[ArticleRecord]]:
    sources = load_sources(SOURCE_DIR)
    return sources.reference, article_records(sources.records)


def test_the_bundled_reference_layer_is_sound() -> None:
    layer, records = _layer()
    assert check_reference(layer, records) == []


def test_a_reference_country_where_the_article_places_it_is_a_contradiction() -> None:
    layer, records = _layer()
    layer.country["rca"] = "FR"
    problems = check_reference(layer, records)
    assert any("(rca)" in p and "the article places it in 'uk'" in p for p in problems)


def test_an_iso_code_that_contradicts_the_places_name_is_caught() -> None:
    layer, records = _layer()
    layer.iso["uk"] = "FR"
    problems = check_reference(layer, records)
    assert any("(uk)" in p and "contradicts" in p for p in problems)


def test_a_reference_alias_that_is_another_records_name_is_caught() -> None:
    layer, records = _layer()
    layer.facts.append(ReferenceFact("cathay", "alias", "Korea University", "nobody", "x (cathay)"))
    problems = check_reference(layer, records)
    assert any("article's name for 'korea-university'" in p for p in problems)


def test_a_point_far_from_its_country_is_caught() -> None:
    layer, records = _layer()
    korea = layer.point["korea-university"]
    layer.point["korea-university"] = Point(korea.lon, korea.lat)  # swapped
    problems = check_reference(layer, records)
    assert any("(korea-university): point is" in p for p in problems)


def test_an_organisation_without_a_country_is_caught() -> None:
    layer, records = _layer()
    del layer.country["zhejiang"]
    assert "organisation 'zhejiang' has no country (article or reference)" in check_reference(
        layer, records
    )


def _copy_sources(tmp_path: Path) -> Path:
    target = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, target)
    return target


def test_the_build_fails_on_a_contradiction_naming_the_file_and_record(tmp_path: Path) -> None:
    source = _copy_sources(tmp_path)
    path = source / "reference" / "organisations.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('id = "waterloo"\n', 'id = "waterloo"\ncountry = "US"\n'), encoding="utf-8"
    )
    with pytest.raises(SourceProblem, match=r"reference/organisations.toml \(waterloo\)"):
        build(source, tmp_path / "out.db")
    assert not (tmp_path / "out.db").exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('iso = "KR"', 'iso = "XX"', r"places.toml \(south-korea\): 'XX' is not an ISO"),
        ("point = [37.57, 126.98]", "point = [137.57, 126.98]", r"is not a latitude"),
        ("point = [37.57, 126.98]", 'point = "Seoul"', r"must be \[latitude, longitude\]"),
    ],
)
def test_bad_reference_values_name_the_file_and_record(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    source = _copy_sources(tmp_path)
    path = source / "reference" / "places.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SourceProblem, match=message):
        load_reference(source)


def test_db_check_counts_article_and_reference_facts_apart(run_cli: CliRunner) -> None:
    result = run_cli(["db", "check"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    article = next(line for line in lines if line.startswith("article "))
    reference = next(line for line in lines if line.startswith("reference "))
    assert "quotes" in article and "records" in article
    assert "facts" in reference and "country" in reference and "point" in reference


def test_db_check_fails_on_a_reference_value_that_contradicts_the_article(
    tmp_path: Path, run_cli: CliRunner
) -> None:
    target = tmp_path / "polyu.db"
    build(SOURCE_DIR, target)
    with sqlite3.connect(target) as db:
        # Waterloo is in Canada by the article; a reference country must not stand in.
        db.execute(
            "INSERT INTO reference_fact (ord, entity_id, field, value, reference) "
            "VALUES (9999, 'waterloo', 'country', 'US', 'made up')"
        )
        db.execute("UPDATE place SET iso_code = 'FR' WHERE id = 'uk'")
    result = run_cli(["db", "check"], env=clean_env(POLYU_TUI_DB=str(target)))
    assert result.returncode != 0
    assert (
        "waterloo: a reference country, but the article places it" in result.stdout + result.stderr
    )
    assert "uk: ISO code FR" in result.stdout + result.stderr


def test_a_type_the_article_does_not_give_is_a_marked_reference_fact(
    conn: sqlite3.Connection,
) -> None:
    rows = dict(
        conn.execute(
            "SELECT id, kind_provenance FROM organisation WHERE id IN ('hoya', 'cathay', 'qut')"
        ).fetchall()
    )
    assert rows == {"hoya": "reference", "cathay": "reference", "qut": "article"}
    reference = conn.execute(
        "SELECT reference FROM reference_fact WHERE entity_id = 'hoya' AND field = 'kind'"
    ).fetchone()[0]
    assert "HOYA" in reference


def test_a_reference_type_where_the_article_gives_one_is_a_contradiction() -> None:
    layer, records = _layer()
    layer.kind["qut"] = "company"
    problems = check_reference(layer, records)
    assert any("(qut)" in p and "gives its type" in p for p in problems)
    layer, records = _layer()
    del layer.kind["hoya"]
    assert "organisation 'hoya' has no type (article or reference)" in check_reference(
        layer, records
    )
