"""Browsing with the panel open (issue 11, item 13): the panel follows the table's
cursor once it rests, and n / p show the next and previous row from anywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from agreement_db import TODAY, agreements_db
from test_typing import type_at_once
from textual.pilot import Pilot
from ui_helpers import WIDE, detail, make_app, open_tab, press, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.widgets import windowed_table
from polyu_tui.ui.widgets.agreement_table import AgreementTable
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.key_bar import KeyBar
from polyu_tui.ui.widgets.partner_table import PartnerTable
from polyu_tui.ui.widgets.windowed_table import WindowedTable


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Wait on a condition (the panel follows after a pause), never on a fixed sleep."""
    for _ in range(200):
        if condition():
            await settle(pilot)
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def row_id(table: WindowedTable[Any, Any], index: int) -> str:
    row = table.row_at(index)
    assert row is not None
    return str(row.id)


def key_bar(app: PolyuApp) -> list[tuple[str, str]]:
    shown_keys = app.query_one(KeyBar).keys()
    return [(shown, what) for _key, shown, what, _on in shown_keys]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The records the panel is asked to read, in order."""
    reads: list[str] = []
    fetch = DetailPanel.fetch

    def counted(panel: DetailPanel, record_id: str) -> object:
        reads.append(record_id)
        return fetch(panel, record_id)

    monkeypatch.setattr(DetailPanel, "fetch", counted)
    return reads


async def test_the_panel_follows_the_cursor_once_it_rests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        # With no panel open, moving the cursor opens nothing.
        await press(pilot, "j")
        await pilot.pause(0.3)
        assert not app.detail_open
        await press(pilot, "k", "enter")
        assert detail(pilot).current_id == row_id(table, 0)
        table.focus()
        await settle(pilot)
        reads = count_reads(monkeypatch)
        # Four rows down at once: the panel reads the row the cursor rests on, not
        # each row passed. (A long rest here, so a loaded machine handles the four
        # keys well within it.)
        monkeypatch.setattr(windowed_table, "FOLLOW_SECONDS", 2.0)
        type_at_once(pilot, "j", "j", "j", "j")
        await wait_for(pilot, lambda: detail(pilot).current_id == row_id(table, 4), "row 5")
        assert reads == [row_id(table, 4)]
        assert app.focused is table, "the focus stays in the table"
        assert len(detail(pilot).history) == 1, "each row a fresh start, not a trail"


async def test_n_and_p_show_the_next_and_previous_partner_from_the_panel() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        await press(pilot, "enter")
        panel = detail(pilot)
        assert app.focused is not None and panel in app.focused.ancestors
        assert ("n", "Next") in key_bar(app)
        await press(pilot, "n")
        await wait_for(pilot, lambda: panel.current_id == row_id(table, 1), "the next row")
        await press(pilot, "n", "n")
        await wait_for(pilot, lambda: panel.current_id == row_id(table, 3), "two rows on")
        await press(pilot, "p")
        await wait_for(pilot, lambda: panel.current_id == row_id(table, 2), "one row back")
        assert table.cursor_row == 2
        assert app.focused is not None and panel in app.focused.ancestors, "focus kept"
        # Where the tab has no table, n is not offered (and does nothing).
        await press(pilot, "1")
        assert ("n", "Next") not in key_bar(app)


async def test_n_steps_through_the_agreements_table_too(tmp_path: Path) -> None:
    app = PolyuApp(agreements_db(tmp_path / "user"), remember_theme=False, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        table = app.query_one("#agreement-table", AgreementTable)
        await press(pilot, "enter")
        assert detail(pilot).current_id == row_id(table, 0)
        await press(pilot, "n")
        await wait_for(pilot, lambda: detail(pilot).current_id == row_id(table, 1), "next")
        table.focus()
        await press(pilot, "j")
        await wait_for(pilot, lambda: detail(pilot).current_id == row_id(table, 2), "follow")
