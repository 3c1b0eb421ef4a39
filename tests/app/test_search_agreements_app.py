"""Global search in the app finds an imported agreement and opens its record (issue 12)."""

from __future__ import annotations

from pathlib import Path

from agreement_db import TODAY, agreements_db
from textual.widgets import Input
from ui_helpers import WIDE, press, screen_text, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.search.result_list import ResultList
from polyu_tui.ui.search.screen import SearchScreen
from polyu_tui.ui.widgets.detail import DetailPanel


async def test_searching_a_subject_opens_the_agreement(tmp_path: Path) -> None:
    app = PolyuApp(agreements_db(tmp_path / "user"), remember_theme=False, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        search.query_one("#search-input", Input).value = "vision science"
        await settle(pilot)
        results = search.query_one("#search-results", ResultList)
        assert results.record_ids[0] == "agreement/uw-02"
        text = screen_text(app)
        assert "Agreement" in text
        assert "Research: University of Waterloo" in text
        await press(pilot, "enter")
        await settle(pilot)
        panel = app.query_one("#detail", DetailPanel)
        assert panel.current_id == "agreement/uw-02"
        assert "School of Optometry" in screen_text(app)
