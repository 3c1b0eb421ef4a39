"""SVG snapshots of every tab and of a detail panel, at 120x40 and at 80x24.

Deterministic: everything happens in ``run_before`` (snap_compare presses its own
keys only after it), which waits for every worker thread, fixes the theme, stops
the Input cursors blinking, and reads no user settings (remember_theme=False and
POLYU_TUI_CONFIG_DIR in a temporary folder).

The UI is still being polished; after a deliberate change to how it looks, look
at the report pytest writes on failure, then regenerate the snapshots with:

    .venv/bin/python -m pytest tests/snapshots/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from agreement_db import TODAY, agreements_db
from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import SMALL, THEME, WIDE, isolate_settings, make_app, no_blink, press, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.tabs import TABS, TabSpec

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_settings(monkeypatch, tmp_path / "config")


def prepare(*keys: str, search: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A run_before: fixed theme, the keys pressed, optionally a search opened with Enter."""

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = THEME
        await settle(pilot)
        for key in keys:
            await press(pilot, key)
        if search is not None:
            await press(pilot, "slash")
            pilot.app.screen.query_one("#search-input", Input).value = search
            await settle(pilot)
            await press(pilot, "enter")
        await settle(pilot)
        no_blink(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("spec", TABS, ids=[spec.id for spec in TABS])
def test_tab_at_120x40(snap_compare: SnapCompare, spec: TabSpec) -> None:
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=prepare(spec.key))


def test_detail_at_120x40(snap_compare: SnapCompare) -> None:
    """University of Waterloo, opened by `/ waterl Enter`, with its centres and source."""
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=prepare(search="waterl"))


def test_overview_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=prepare())


def test_detail_at_80x24(snap_compare: SnapCompare) -> None:
    """At 80x24 the detail panel has the whole body; the key bar says m restores."""
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=prepare(search="waterl"))


def test_overview_with_the_panel_opened_from_the_timeline_at_120x40(
    snap_compare: SnapCompare,
) -> None:
    """Two columns of cards beside the panel, the timeline wrapped within the tab, every
    tab's key kept (issue 11: 3 columns and cut words when opened from the timeline)."""

    async def run_before(pilot: Pilot[None]) -> None:
        # Once the Overview is drawn: before, its first card may take the focus after
        # this, and Enter opened the card (under load, most of the time).
        await settle(pilot)
        pilot.app.query_one("#timeline").focus()
        await prepare("enter")(pilot)

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=run_before)


def test_partners_at_100x28(snap_compare: SnapCompare) -> None:
    """Every column ends in view, a cut cell at a word and an ellipsis."""
    assert snap_compare(make_app(), terminal_size=(100, 28), run_before=prepare("2"))


def test_overview_at_64x20(snap_compare: SnapCompare) -> None:
    """The smallest usable size: every tab's key, names shortened, none cut."""
    assert snap_compare(make_app(), terminal_size=(64, 20), run_before=prepare())


def test_detail_at_64x20(snap_compare: SnapCompare) -> None:
    """A narrow window gives the panel the whole body, the record named once."""
    assert snap_compare(make_app(), terminal_size=(64, 20), run_before=prepare("2", "enter"))


def test_search_screen_at_120x40(snap_compare: SnapCompare) -> None:
    """Results for "water" as you type them: grouped by kind, the match marked."""

    async def run_before(pilot: Pilot[None]) -> None:
        await prepare("slash")(pilot)
        await press(pilot, "w", "a", "t", "e", "r")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=run_before)


def test_facet_menu_at_120x40(snap_compare: SnapCompare) -> None:
    """The Type facet's menu, opened from the table with Shift+Tab and Enter."""
    keys = ("2", "shift+tab", "shift+tab", "shift+tab", "enter")
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=prepare(*keys))


def test_help_screen_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=prepare("question_mark"))


def agreements_app(folder: Path) -> PolyuApp:
    """The app on a user database of six imported agreements, on a fixed day."""
    return PolyuApp(agreements_db(folder), remember_theme=False, today=TODAY)


def test_agreements_tab_at_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """Six imported agreements: expired and terminated ones dim, the title says so."""
    app = agreements_app(tmp_path / "user")
    assert snap_compare(app, terminal_size=WIDE, run_before=prepare("7"))


def test_agreements_tab_at_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = agreements_app(tmp_path / "user")
    assert snap_compare(app, terminal_size=SMALL, run_before=prepare("7"))


def test_agreement_detail_at_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """An agreement's own record, opened with Enter: fields, its partner and country."""
    app = agreements_app(tmp_path / "user")
    assert snap_compare(app, terminal_size=WIDE, run_before=prepare("7", "down", "enter"))


def test_overview_with_imported_agreements_at_120x40(
    snap_compare: SnapCompare, tmp_path: Path
) -> None:
    """Beside the article's figures, the same counted from the imported agreements."""
    app = agreements_app(tmp_path / "user")
    assert snap_compare(app, terminal_size=WIDE, run_before=prepare())


def test_partners_with_imported_agreements_at_120x40(
    snap_compare: SnapCompare, tmp_path: Path
) -> None:
    """An agreements column, and the agreement-type facet's menu (partners per type)."""
    app = agreements_app(tmp_path / "user")
    keys = ("2", "shift+tab", "enter")
    assert snap_compare(app, terminal_size=WIDE, run_before=prepare(*keys))


def test_partners_with_imported_agreements_at_80x24(
    snap_compare: SnapCompare, tmp_path: Path
) -> None:
    app = agreements_app(tmp_path / "user")
    assert snap_compare(app, terminal_size=SMALL, run_before=prepare("2"))
