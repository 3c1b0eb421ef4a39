"""Search finds imported agreements by partner, unit, type and subject (issue 12).

Agreements live in the user database, not among the article's records; search finds
them through their own full-text index and opens the agreement's own record.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from agreement_db import agreements_db
from cli_helpers import CliRunner

from polyu_tui.data.agreements.synth import add_synthetic_agreements
from polyu_tui.data.detail import get_detail
from polyu_tui.data.search import SearchResult, search, search_page
from polyu_tui.data.synth import synthesize


@pytest.fixture(scope="module")
def user_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return agreements_db(tmp_path_factory.mktemp("user"))


@pytest.fixture
def conn(user_db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"{user_db.as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()


def agreements(results: list[SearchResult]) -> list[str]:
    return [result.id for result in results if result.kind == "agreement"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # PolyU unit (and subject): every Faculty of Engineering agreement.
        ("engineering", {"agreement/uw-01", "agreement/uc-01", "agreement/zj-01"}),
        ("engin", {"agreement/uw-01", "agreement/uc-01", "agreement/zj-01"}),
        # Type, as its label is written or its code.
        ("dual degree", {"agreement/uc-01"}),
        ("mou", {"agreement/ku-01", "agreement/aa-01"}),
        # Subject area.
        ("vision science", {"agreement/uw-02"}),
        # Partner.
        ("universidad de chile", {"agreement/uc-01"}),
        ("school of optometry", {"agreement/uw-02"}),
    ],
)
def test_agreements_are_found_by_unit_type_subject_and_partner(
    conn: sqlite3.Connection, query: str, expected: set[str]
) -> None:
    results = search(conn, query, limit=50)
    assert set(agreements(results)) == expected, [(r.kind, r.id) for r in results]


def test_a_result_is_the_agreement_as_its_record_names_it(conn: sqlite3.Connection) -> None:
    [hit] = [r for r in search(conn, "dual degree") if r.kind == "agreement"]
    assert hit.name == "Dual degree: Universidad de Chile"
    assert "«Dual» «degree»" in hit.snippet
    assert hit.country == "Chile"
    detail = get_detail(conn, hit.id)
    assert detail is not None and detail.name == hit.name
    # Contacts are personal data: never in what search shows.
    assert all("Ada" not in r.snippet and "@" not in r.snippet for r in search(conn, "waterloo"))


def test_the_kind_filter_keeps_agreements_alone(conn: sqlite3.Connection) -> None:
    results = search(conn, "engineering", kinds=["agreement"])
    assert results and {r.kind for r in results} == {"agreement"}
    assert "agreement" not in {r.kind for r in search(conn, "engineering", kinds=["place"])}


def test_the_article_records_named_so_still_come_first(conn: sqlite3.Connection) -> None:
    ids = [r.id for r in search(conn, "waterloo")]
    assert ids[0] == "waterloo"
    assert ids.index("waterloo") < ids.index("agreement/uw-01")


def test_the_bundled_database_has_no_agreements_to_find(bundled_db: Path) -> None:
    connection = sqlite3.connect(f"{bundled_db.as_uri()}?mode=ro", uri=True)
    try:
        assert agreements(search(connection, "engineering", limit=50)) == []
        assert search(connection, "x", kinds=["agreement"]) == []
    finally:
        connection.close()


def test_the_cli_finds_and_shows_an_agreement(run_cli: CliRunner, user_db: Path) -> None:
    args = ["search", "dual degree", "--kind", "agreement", "--db", str(user_db)]
    found = run_cli([*args, "--json"])
    assert found.returncode == 0, found.stderr
    [item] = json.loads(found.stdout)
    assert (item["kind"], item["id"]) == ("agreement", "agreement/uc-01")
    piped = run_cli(args)
    ref = piped.stdout.split("\t")[0]
    assert ref == "agreement/uc-01"
    shown = run_cli(["show", ref, "--db", str(user_db)])
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Dual degree: Universidad de Chile  (agreement/uc-01)")


def test_synthetic_agreements_are_found_and_counted(tmp_path: Path) -> None:
    """A synthetic database with agreements: every match counted, the best shown."""
    path = tmp_path / "synth.db"
    synthesize(path, 3_000, seed=2, workers=0)
    made = add_synthetic_agreements(path, seed=2)
    assert made > 3_000
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        page = search_page(connection, "staff exchange", kinds=["agreement"], limit=20)
        assert len(page.results) == 20
        (count,) = connection.execute(
            "SELECT count(*) FROM agreement WHERE agreement_type = 'staff_exchange'"
        ).fetchone()
        assert (page.total, page.at_least) == (count, False)
        assert all(r.synthetic and r.category == "staff_exchange" for r in page.results)
    finally:
        connection.close()
