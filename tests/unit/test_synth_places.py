"""Synthetic partners are placed on the map: at their country's reference point."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from polyu_tui.data.check import check_database
from polyu_tui.data.db import connect
from polyu_tui.data.detail import LINKS_PER_GROUP
from polyu_tui.data.show import show_record
from polyu_tui.data.synth import synthesize


def test_synthetic_partners_get_their_countrys_code_and_point(tmp_path: Path) -> None:
    path = tmp_path / "synth.db"
    synthesize(path, 1_000, seed=3, workers=0)
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT o.place_id, o.country_code, o.lat, o.lon, o.country_provenance, "
            "p.iso_code, p.lat, p.lon FROM organisation o LEFT JOIN place p ON p.id = o.place_id "
            "WHERE o.synthetic"
        ).fetchall()
        assert len(rows) == 1_000
        placed = [row for row in rows if row[0]]
        assert len(placed) > 900
        for place_id, code, lat, lon, provenance, iso, place_lat, place_lon in placed:
            assert (code, lat, lon) == (iso, place_lat, place_lon), place_id
            assert code and lat is not None and provenance == "synthetic"
        for row in rows:
            if not row[0]:
                assert row[1:4] == (None, None, None)
        # The real records keep their reference facts beside the generated ones.
        assert conn.execute(
            "SELECT country_code FROM organisation WHERE id = 'korea-university'"
        ).fetchone() == ("KR",)
        assert check_database(conn).problems == []
    finally:
        conn.close()


def test_show_lists_a_bounded_number_of_a_big_programmes_links(tmp_path: Path) -> None:
    path = tmp_path / "synth.db"
    synthesize(path, 3_000, seed=5, workers=0)
    conn = connect(path)
    try:
        total = conn.execute(
            "SELECT count(*) FROM link WHERE src_id = 'student-exchange' AND rel = 'partner'"
        ).fetchone()[0]
        assert total > LINKS_PER_GROUP
        shown = show_record(conn, "student-exchange").as_json()
        partners = [link for link in shown["links"] if link["relation"] == "partner"]
        assert len(partners) == LINKS_PER_GROUP
        assert {"relation": "partner", "direction": "out", "total": total} in shown["more_links"]
    finally:
        conn.close()
