"""Briefing cards: what they say (a golden Markdown file), agreements by type and
validity once imported, provenance marks, a self-contained SVG, files written safely."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import sqlite3
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from agreement_files import HEADER, write_csv

from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.briefing.card import REFERENCE, Brief, get_brief
from polyu_tui.data.briefing.files import file_name, write_brief, write_private
from polyu_tui.data.briefing.render import to_markdown, to_svg
from polyu_tui.data.db import bundled_database, connect
from polyu_tui.data.show import UnknownRecord, resolve_ref

GOLDEN = Path(__file__).parent / "golden"
DAY = dt.date(2026, 12, 1)


def svg_text(svg: str) -> str:
    """The text an SVG drawn by Rich shows (its spaces are no-break spaces)."""
    return html.unescape(svg).replace("\xa0", " ")


def brief_of(conn: sqlite3.Connection, record_id: str) -> Brief:
    card = get_brief(conn, record_id, today=DAY)
    assert card is not None
    return card


def test_the_markdown_card_of_a_partner_matches_its_golden_file(conn: sqlite3.Connection) -> None:
    """After a deliberate change: POLYU_UPDATE_GOLDEN=1 pytest tests/unit/test_brief.py"""
    text = to_markdown(brief_of(conn, "korea-university"))
    golden = GOLDEN / "brief-korea-university.md"
    if os.environ.get("POLYU_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_a_card_names_links_figures_and_sources_marked_article(conn: sqlite3.Connection) -> None:
    card = brief_of(conn, "korea-university")
    text = to_markdown(card)
    assert text.startswith("# Korea University\n\n*Organisation*\n")
    assert "| Partnership | Dual PhD |" in text
    assert "- **Programmes**: Dual PhD Degree Programmes" in text
    # A figure about the programme it takes part in concerns it too.
    assert "- **more than 20 universities**:" in text
    quote = "One recent initiative is the Dual PhD Degree Programmes"
    assert re.search(rf"> {quote}.*\n>\n> — \*article\*", text)
    assert "## Agreements" not in text, "the bundled database has no agreements"
    assert card.agreements is None


def test_a_country_an_alliance_and_a_programme_each_get_a_card(conn: sqlite3.Connection) -> None:
    for record_id in ("south-korea", "anso", "dual-phd", "fig-agreements"):
        text = to_markdown(brief_of(conn, record_id))
        assert text.count("\n## Sources\n") == 1, record_id
        assert "— *article*" in text, record_id
    country = to_markdown(brief_of(conn, "south-korea"))
    assert "- **214 students**: Non-local, non-Mainland students enrolled" in country
    programme = to_markdown(brief_of(conn, "dual-phd"))
    assert "Korea University" in programme.split("## Linked records")[1]


def test_agreements_are_counted_by_type_and_validity(tmp_path: Path) -> None:
    rows = [
        ("KU-1", "Korea University", "KR", "MoU", "2023-01-15", ""),
        ("KU-2", "Korea University", "KR", "Student Exchange", "2020-01-01", "2025-12-31"),
        ("KU-3", "Korea University", "KR", "Student Exchange", "2024-01-01", "2028-12-31"),
        ("UW-1", "University of Waterloo", "CA", "Student Exchange", "2024-09-01", "2029-08-31"),
    ]
    target = tmp_path / "user.db"
    outcome = run_import(
        [write_csv(tmp_path / "list.csv", rows)], target, bundled_database(), today=DAY
    )
    assert outcome.errors == []
    user = connect(target)
    try:
        text = to_markdown(brief_of(user, "korea-university"))
        agreements = text.split("## Agreements\n\n")[1].split("\n\n")[0]
        assert agreements.splitlines() == [
            "- **MoU**: 1 active",
            "- **Student exchange**: 1 active, 1 expired",
        ]
        assert "data: article + 4 agreements imported" in text
        # An alliance has no agreements of its own: the section says so.
        assert "None imported for this record." in to_markdown(brief_of(user, "anso"))
        # A country counts the agreements of the partners placed in it.
        canada = to_markdown(brief_of(user, "canada"))
        assert "- **Student exchange**: 1 active" in canada.split("## Agreements")[1]
    finally:
        user.close()


def test_contacts_and_notes_of_agreements_never_reach_a_card(tmp_path: Path) -> None:
    header = (*HEADER, "notes", "contact_name", "contact_email")
    rows = [
        (
            "KU-9",
            "Korea University",
            "KR",
            "MoU",
            "2023-01-15",
            "",
            "renegotiate fees quietly",
            "Kim Min-jun",
            "minjun.kim@example.ac.kr",
        )
    ]
    target = tmp_path / "user.db"
    source = write_csv(tmp_path / "list.csv", rows, header)
    assert run_import([source], target, bundled_database(), today=DAY).errors == []
    user = connect(target)
    try:
        card = brief_of(user, "korea-university")
        for text in (to_markdown(card), svg_text(to_svg(card)), card.summary):
            assert "MoU" in text or text == card.summary
            for secret in ("renegotiate", "Kim Min-jun", "minjun.kim", "example.ac.kr"):
                assert secret not in text
        # Nor the card of the agreement itself, whose panel shows them.
        (agreement,) = user.execute("SELECT id FROM agreement").fetchone()
        card = brief_of(user, agreement)
        assert card.facts  # a card of the agreement
        for text in (to_markdown(card), svg_text(to_svg(card)), card.summary):
            for secret in ("renegotiate", "Kim Min-jun", "minjun.kim", "example.ac.kr"):
                assert secret not in text
    finally:
        user.close()


def test_reference_facts_are_marked_with_their_reference(conn: sqlite3.Connection) -> None:
    """The article does not say where Korea University is: the reference layer does,
    and the card says which reference, in the table, the links and the sources."""
    card = brief_of(conn, "korea-university")
    country = next(fact for fact in card.facts if fact.label == "Country or region")
    assert (country.provenance, country.value) == (REFERENCE, "South Korea")
    assert "ISO 3166-1" in country.reference
    text = to_markdown(card)
    assert "| Country or region | South Korea † |" in text
    assert "| Partnership | Dual PhD |" in text, "an article fact has no mark"
    assert "- **Located in**: South Korea †" in text
    assert re.search(r"> Country or region: South Korea\n>\n> — \*reference: ISO 3166-1", text)
    assert text.count("— *article*") == len(card.sources) - len(
        {fact.reference for fact in card.facts if fact.provenance == REFERENCE}
    )
    assert "† not in the article: reference" in text
    assert "reference: ISO 3166-1" in svg_text(to_svg(card))


def test_a_reference_value_a_field_shows_is_said_once(conn: sqlite3.Connection) -> None:
    """Cathay's type and country come from the reference layer: each is one line of the
    table, marked, and its source names its own reference."""
    text = to_markdown(brief_of(conn, "cathay"))
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0] for line in table].count("| Type") == 1
    assert "| Type | Company † |" in table
    assert not any(line.startswith(("| Country |", "| ISO code |")) for line in table)
    assert re.search(r"> Type: Company\n>\n> — \*reference: [^*\n]*description", text)


def test_markdown_shows_names_as_text_not_markup(conn: sqlite3.Connection) -> None:
    card = brief_of(conn, "korea-university")
    odd = Brief(**{**card.__dict__, "title": "A *bold* | [link](x) <b>#1</b>"})
    first = to_markdown(odd).splitlines()[0]
    assert first == r"# A \*bold\* \| \[link\](x) \<b\>\#1\</b\>"


def test_the_svg_is_self_contained_and_well_formed(conn: sqlite3.Connection) -> None:
    svg = to_svg(brief_of(conn, "korea-university"))
    ET.fromstring(svg)  # well-formed XML
    urls = set(re.findall(r"https?://[^\s\"')]+", svg))
    assert urls == {"http://www.w3.org/2000/svg"}, urls
    assert "@font-face" not in svg and "<script" not in svg
    assert "Korea University" in svg_text(svg) and "— article" in svg_text(svg)


def test_unknown_refs_are_errors_and_names_find_their_best_match(conn: sqlite3.Connection) -> None:
    assert resolve_ref(conn, "organisation/korea-university") == "korea-university"
    assert resolve_ref(conn, "Korea University") == "korea-university"
    with pytest.raises(UnknownRecord, match="no record 'organisation/nope'"):
        resolve_ref(conn, "organisation/nope")
    with pytest.raises(UnknownRecord, match="no record matches"):
        resolve_ref(conn, "qqzzxxy")
    with pytest.raises(UnknownRecord):
        resolve_ref(conn, "   ")


def test_files_are_named_after_the_record_and_written_privately(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    card = brief_of(conn, "korea-university")
    assert file_name(card, "md") == "korea-university.md"
    odd = Brief(**{**card.__dict__, "name": "../Université de Genève: ‘A/B’ ..."})
    assert file_name(odd, "svg") == "universite-de-geneve-a-b.svg"
    blank = Brief(**{**card.__dict__, "name": "…", "id": "x"})
    assert file_name(blank, "md") == "x.md"

    folder = tmp_path / "new" / "briefs"
    path = write_brief(card, "md", folder)
    assert path == folder / "korea-university.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert path.read_text(encoding="utf-8") == to_markdown(card)
    write_brief(card, "svg", folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "korea-university.md",
        "korea-university.svg",
    ], "no temporary file is left"


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = write_private(tmp_path / "card.md", "old")

    with pytest.raises(TypeError):
        write_private(path, 42)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["card.md"]
