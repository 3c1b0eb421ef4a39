"""`polyu-tui show` on imported agreements: where each came from, its partner and country,
its contact; a partner's agreements among its links (as the app's panel gives them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agreement_db import TODAY, agreements_db
from cli_helpers import CliRunner

from polyu_tui.data.db import connect
from polyu_tui.data.detail import get_detail
from polyu_tui.data.show import show_record, show_text


@pytest.fixture(scope="module")
def user_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return agreements_db(tmp_path_factory.mktemp("user"))


def links_of(user_db: Path, record_id: str) -> list[tuple[str, str, str, str]]:
    conn = connect(user_db)
    try:
        shown = show_record(conn, record_id)
    finally:
        conn.close()
    return [(link.relation, link.direction, link.id, link.provenance) for link in shown.links]


def test_show_json_gives_an_agreements_source_partner_and_country(
    run_cli: CliRunner, user_db: Path
) -> None:
    result = run_cli(["--db", str(user_db), "show", "agreement/uw-01", "--json"])
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["imported"] == "agreements.csv:2"
    assert shown["sources"] == []  # none of the article's sentences
    assert [(link["relation"], link["direction"], link["id"]) for link in shown["links"]] == [
        ("partner", "out", "waterloo"),
        ("country", "out", "canada"),
    ]


def test_show_text_says_where_an_agreement_was_imported_from(user_db: Path) -> None:
    conn = connect(user_db)
    try:
        out = show_text(show_record(conn, "agreement/uw-01"))
    finally:
        conn.close()
    assert "none: generated for scale tests" not in out
    assert "Imported from the office's own list (agreements.csv:2)" in out.split("Source")[-1]
    assert "→ partner: University of Waterloo (organisation/waterloo)" in out
    assert "→ country: Canada (place/canada)" in out
    # Whom to contact, in normal mode.
    assert "Contact            Ada Example <ada@example.org>" in out


def test_show_lists_a_partners_imported_agreements(run_cli: CliRunner, user_db: Path) -> None:
    assert [link for link in links_of(user_db, "waterloo") if link[0] == "agreement"] == [
        ("agreement", "in", "agreement/uw-01", "imported"),
        ("agreement", "in", "agreement/uw-02", "imported"),
    ]
    result = run_cli(["--db", str(user_db), "show", "waterloo"])
    assert result.returncode == 0, result.stderr
    assert "← agreement: Research · School of Optometry · 2021-01-01 → 2026-06-30" in (
        result.stdout
    )
    assert "(agreement/uw-02)" in result.stdout


def test_an_agreement_links_its_country_even_where_only_a_reference_places_the_partner(
    user_db: Path,
) -> None:
    """The article never says Korea University is in South Korea: the link is there,
    marked reference, in the panel and in `show`."""
    assert links_of(user_db, "agreement/ku-01") == [
        ("partner", "out", "korea-university", "imported"),
        ("country", "out", "south-korea", "reference"),
    ]
    conn = connect(user_db)
    try:
        detail = get_detail(conn, "agreement/ku-01", today=TODAY)
    finally:
        conn.close()
    assert detail is not None
    country = next(group for group in detail.links if group.heading == "Country or region")
    assert [(r.id, r.reference) for r in country.records] == [("south-korea", True)]


def test_the_contact_is_a_field_of_the_agreement_and_absent_without_personal_data(
    user_db: Path,
) -> None:
    conn = connect(user_db)
    try:
        full = get_detail(conn, "agreement/uw-01", today=TODAY)
        card = get_detail(conn, "agreement/uw-01", today=TODAY, personal=False)
    finally:
        conn.close()
    assert full is not None and card is not None
    assert ("Contact", "Ada Example <ada@example.org>") in full.fields
    assert all(label != "Contact" for label, _ in card.fields)
