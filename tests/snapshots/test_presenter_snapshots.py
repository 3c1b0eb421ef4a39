"""SVG snapshots of presenter mode: the Overview in its theme at 120x40, the visitors'
help and the quit question at 80x24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from test_snapshots import SnapCompare
from textual.pilot import Pilot
from ui_helpers import BUNDLED_DB, SMALL, WIDE, isolate_settings, no_blink, press, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.presenter.options import PresenterOptions


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_settings(monkeypatch, tmp_path / "config")


def presenter() -> PolyuApp:
    return PolyuApp(BUNDLED_DB, presenter=PresenterOptions(idle=3600))


def keys(*pressed: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in pressed:
            await press(pilot, key)
        no_blink(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_presenter_overview_at_120x40(snap_compare: SnapCompare) -> None:
    assert snap_compare(presenter(), terminal_size=WIDE, run_before=keys())


def test_presenter_help_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(presenter(), terminal_size=SMALL, run_before=keys("question_mark"))


def test_presenter_quit_question_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(presenter(), terminal_size=SMALL, run_before=keys("q"))
