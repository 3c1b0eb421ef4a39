"""The help screen and the search screen open and close."""

from __future__ import annotations

from textual.widgets import Input, Static
from ui_helpers import (
    WIDE,
    make_app,
    press,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.ui.help_screen import HelpScreen
from polyu_tui.ui.search.screen import SearchScreen
from polyu_tui.ui.tabs import TABS


async def test_help_and_search_screens_open_and_close() -> None:
    """`?` lists every binding; Escape closes it. Escape closes search without opening
    anything; ctrl+k opens a fresh one."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app.screen.query_one("#help-table", Static))
        lines = text.splitlines()
        search_line = next(line for line in lines if "Search everything" in line)
        # The same names for keys as the key bar gives them (App.get_key_display).
        assert search_line.split()[:2] == ["/,", "^k"]
        for expected in ("Everywhere", "Partners table", "Detail panel", "Quit polyu-tui"):
            assert expected in text
        assert "Choose a value of this facet" in text, "the facet keys are listed too"
        next_tab = next(line for line in lines if "The next tab" in line)
        assert next_tab.split()[0] == "]", next_tab
        for spec in TABS:
            assert any(line.split()[:1] == [spec.key] for line in lines), spec.key
        assert "Search everything" in screen_text(pilot)
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        assert len(app.screen_stack) == 1

        await press(pilot, "slash")
        app.screen.query_one("#search-input", Input).value = "water"
        await settle(pilot)
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1
        assert not app.query("#detail"), "Escape opened nothing"
        await press(pilot, "ctrl+k")
        assert isinstance(app.screen, SearchScreen), "ctrl+k opens search too"
        assert app.screen.query_one("#search-input", Input).value == "", "a fresh search"
