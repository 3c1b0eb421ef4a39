"""The audit of the article against the data: each wrong value or link, and its fix.

Each test here failed on the database before its fix.
"""

from __future__ import annotations

import sqlite3

import pytest


def links(conn: sqlite3.Connection, src: str, rel: str | None = None) -> set[str]:
    sql = "SELECT dst_id FROM link WHERE src_id = ?"
    args: list[str] = [src]
    if rel:
        sql += " AND rel = ?"
        args.append(rel)
    return {row[0] for row in conn.execute(sql, args)}


def linked_either_way(conn: sqlite3.Connection, a: str, b: str) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM link WHERE (src_id = ? AND dst_id = ?) OR (src_id = ? AND dst_id = ?)",
            (a, b, b, a),
        ).fetchall()
    )


BR_COUNTRIES = {
    "chile", "mainland-china", "hong-kong", "philippines", "portugal", "russia", "zimbabwe"
}  # fmt: skip


def test_belt_and_road_programme_participants_come_from_its_countries(
    conn: sqlite3.Connection,
) -> None:
    assert links(conn, "br-power-energy", "destination") == set()
    assert links(conn, "br-power-energy", "participants_from") == BR_COUNTRIES


@pytest.mark.parametrize(
    ("record", "place"),
    [
        # The other WIE supporters' places.
        ("cathay", "canada"),
        ("cathay", "japan"),
        ("cathay", "new-zealand"),
        ("mitacs", "japan"),
        ("rlb", "thailand"),
        # The SHTM sentence: Institut Lyfe is in France, the two universities in Slovenia.
        ("lyfe", "slovenia"),
        ("ljubljana", "france"),
        ("primorska", "france"),
        # "overseas and Mainland universities" says nothing of where each one is.
        ("qut", "mainland-china"),
        ("korea-university", "mainland-china"),
        ("surrey", "mainland-china"),
        # "HK$30,000" is money, not Hong Kong; "non- Mainland" is not Mainland China.
        ("exchange-scholarship", "hong-kong"),
        ("fig-exchange-scholarship", "hong-kong"),
        ("academic-entry-scholarship", "hong-kong"),
        ("sl-subsidy", "hong-kong"),
        ("fig-intake-target", "mainland-china"),
        ("fig-non-mainland-ratio-target", "mainland-china"),
        # "the Royal College of Art, the U.K.": the U.K. is the college's, not AiDLab's.
        ("aidlab", "uk"),
        # "Canada’s University of Waterloo": CEVR itself is not placed in Canada.
        ("cevr", "canada"),
    ],
)
def test_no_place_link_to_what_the_sentence_says_about_another_record(
    conn: sqlite3.Connection, record: str, place: str
) -> None:
    assert not linked_either_way(conn, record, place)


def test_what_a_sentence_says_about_its_record_still_links(conn: sqlite3.Connection) -> None:
    assert {"uk", "mainland-china", "sweden"} <= links(conn, "fig-top-destinations")
    assert {"moon", "mars"} <= links(conn, "space-instruments", "mentions")
    assert "south-korea" in links(conn, "fig-non-local-students", "mentions")


@pytest.mark.parametrize(
    "place",
    [
        "belgium", "denmark", "germany", "latvia", "macao", "netherlands", "poland",
        "singapore", "switzerland",
    ],
)  # fmt: skip
def test_the_agreements_countries_link_to_the_agreements_figures(
    conn: sqlite3.Connection, place: str
) -> None:
    assert place in links(conn, "fig-agreements", "mentions")
    assert place in links(conn, "fig-countries", "mentions")


def test_pakistan_and_asean_link_to_their_alliances(conn: sqlite3.Connection) -> None:
    assert "pakistan" in links(conn, "cpec-consortium", "region")
    assert "asean" in links(conn, "asean-china-network", "region")


def test_shtm_links_to_its_agreements_and_its_three_partners(conn: sqlite3.Connection) -> None:
    assert links(conn, "shtm", "partner") == {"lyfe", "ljubljana", "primorska"}
    assert links(conn, "shtm-agreements", "signed_by") == {"shtm"}


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("sl-rwanda", "service-learning"),
        ("sl-subsidy", "service-learning"),
        ("exchange-scholarship", "student-exchange"),
    ],
)
def test_programmes_link_to_their_parent(conn: sqlite3.Connection, child: str, parent: str) -> None:
    assert links(conn, child, "part_of") == {parent}


def test_polyu_co_founded_ista(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT polyu_role FROM alliance WHERE id = 'ista'").fetchone()
    assert row[0] == "co-founder"


def test_service_learning_totals_are_not_a_2012_event(conn: sqlite3.Connection) -> None:
    labels = [row[0] for row in conn.execute("SELECT label FROM milestone WHERE year = 2012")]
    assert labels
    assert not any("42,400" in label or "million" in label for label in labels)
    for figure in ("fig-sl-students", "fig-sl-hours"):
        period = conn.execute("SELECT period FROM figure WHERE id = ?", (figure,)).fetchone()[0]
        assert period == "since 2012"


def test_the_2050_myopia_projection_is_on_the_timeline_as_a_projection(
    conn: sqlite3.Connection,
) -> None:
    rows = conn.execute("SELECT kind, label FROM milestone WHERE year = 2050").fetchall()
    assert [row[0] for row in rows] == ["projection"]
    assert "myopia" in rows[0][1].lower()


def test_the_exchange_scholarship_is_announced_not_actual(conn: sqlite3.Connection) -> None:
    row = conn.execute(
        "SELECT status, period FROM figure WHERE id = 'fig-exchange-scholarship'"
    ).fetchone()
    assert tuple(row) == ("announced", "2025/26")


@pytest.mark.parametrize(
    ("record", "home", "hosts_wie_in"),
    [
        ("cathay", "hong-kong", "thailand"),
        ("shanghai-silk-group", "mainland-china", "mainland-china"),
        ("edison-ai", "japan", "japan"),
        ("rlb", "new-zealand", "new-zealand"),
        ("mitacs", "canada", "canada"),
    ],
)
def test_wie_supporters_host_students_in_the_articles_place(
    conn: sqlite3.Connection, record: str, home: str, hosts_wie_in: str
) -> None:
    assert links(conn, record, "hosts_wie_in") == {hosts_wie_in}
    located = conn.execute(
        "SELECT dst_id, provenance FROM link WHERE src_id = ? AND rel = 'located_in'", (record,)
    ).fetchall()
    assert [tuple(row) for row in located] == [(home, "reference")]


def test_the_ministry_approved_the_cross_border_programme_not_a_partner(
    conn: sqlite3.Connection,
) -> None:
    assert links(conn, "cross-border-programme", "partner") == set()
    assert links(conn, "cross-border-programme", "approved_by") == {"moe"}


@pytest.mark.parametrize(
    ("place", "inside"),
    [("asia", {"cambodia", "indonesia", "japan"}), ("hong-kong", {"hong-kong-science-park"})],
)
def test_a_containing_places_page_reads_includes(
    conn: sqlite3.Connection, place: str, inside: set[str]
) -> None:
    from polyu_tui.data.detail import get_detail

    detail = get_detail(conn, place)
    assert detail is not None
    groups = {group.heading: {r.id for r in group.records} for group in detail.links}
    assert inside <= groups.get("Includes", set())
    assert "Part of" not in groups
