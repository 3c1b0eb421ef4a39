"""A tab's filter box: digits, q and ? are text there; Escape leaves it for the table."""

from __future__ import annotations

from pathlib import Path

from agreement_db import TODAY, agreements_db
from textual.widgets import Input
from ui_helpers import WIDE, active_tab, make_app, open_tab, press, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.widgets.agreement_table import AgreementTable
from polyu_tui.ui.widgets.key_bar import KeyBar
from polyu_tui.ui.widgets.partner_table import PartnerTable


def key_bar(app: PolyuApp) -> list[tuple[str, str]]:
    shown_keys = app.query_one(KeyBar).keys()
    return [(shown, what) for _key, shown, what, _on in shown_keys]


async def test_escape_leaves_the_partners_filter_for_the_table_and_the_bar_says_so() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        box = app.query_one("#partner-filter", Input)
        table = app.query_one("#partner-table", PartnerTable)
        box.focus()
        await settle(pilot)
        assert ("esc", "To table") in key_bar(app)
        # A digit is text in the box (no tab switch), and Escape gets out of it.
        await press(pilot, *"korea", "escape")
        assert app.focused is table
        assert box.value == "korea", "the filter stays"
        assert table.row_count == 1
        assert ("esc", "To table") not in key_bar(app)
        # Out of the box, the keys work again: 3 shows Alliances.
        await press(pilot, "3")
        assert active_tab(pilot) == "alliances"


async def test_with_the_panel_open_escape_leaves_the_filter_first_then_goes_back() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        await press(pilot, "enter")
        assert app.detail_open
        box = app.query_one("#partner-filter", Input)
        box.focus()
        await press(pilot, "escape")
        assert app.focused is app.query_one("#partner-table", PartnerTable)
        assert app.detail_open, "the first Escape only leaves the filter"
        await press(pilot, "escape")
        assert not app.detail_open


async def test_escape_leaves_the_agreements_filter_for_its_table(tmp_path: Path) -> None:
    app = PolyuApp(agreements_db(tmp_path / "user"), remember_theme=False, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        box = app.query_one("#agreement-filter", Input)
        box.focus()
        await press(pilot, *"korea", "escape")
        assert app.focused is app.query_one("#agreement-table", AgreementTable)
        assert box.value == "korea"
