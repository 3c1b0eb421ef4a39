"""SVG snapshots of the Map tab at 120x40 and 80x24, on a database whose places have
points (tests/map_db.py), a country selected and one zoomed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from map_db import db_with_points
from test_snapshots import SnapCompare, prepare
from ui_helpers import SMALL, WIDE, isolate_settings

from polyu_tui.ui.app import PolyuApp


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_settings(monkeypatch, tmp_path / "config")


def test_map_at_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = PolyuApp(db_with_points(tmp_path), remember_theme=False)
    assert snap_compare(app, terminal_size=WIDE, run_before=prepare("8", "right"))


def test_map_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = PolyuApp(db_with_points(tmp_path), remember_theme=False)
    assert snap_compare(app, terminal_size=SMALL, run_before=prepare("8"))


def test_map_zoomed_to_asia_at_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = PolyuApp(db_with_points(tmp_path), remember_theme=False)
    assert snap_compare(app, terminal_size=WIDE, run_before=prepare("8", "z"))
