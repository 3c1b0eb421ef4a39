"""The key bar says what the keys do where the focus is, and nothing else (issue 11,
item 12): Enter on every list, the panel's keys only while it is open, no sort hint
where s types, and b and y while a record is in focus and there is room."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import (
    WIDE,
    active_tab,
    detail,
    focus_is_in,
    make_app,
    open_tab,
    press,
    screen_text,
    settle,
)

LIST_TABS = [("3", "alliances"), ("4", "exchange"), ("5", "service-learning"), ("6", "research")]


def key_bar(pilot: Pilot[None]) -> str:
    return screen_text(pilot).splitlines()[-1]


async def test_every_list_shows_enter_and_enter_opens() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for key, tab in LIST_TABS:
            await open_tab(pilot, key, tab)
            assert "⏎ Open" in key_bar(pilot), tab
            await press(pilot, "enter")
            assert app.detail_open, f"Enter opens a record on {tab}"
            await press(pilot, "x")
        # The panel's links are a list too.
        await open_tab(pilot, "2", "partners")
        await press(pilot, "enter")
        assert focus_is_in(pilot, "#detail-links")
        assert "⏎ Open" in key_bar(pilot)


async def test_closing_the_panel_from_another_tab_takes_its_keys_off_the_bar() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        await press(pilot, "enter")
        await open_tab(pilot, "3", "alliances")
        bar = key_bar(pilot)
        assert "esc Back" in bar and "x Close panel" in bar and "m Maximize" in bar
        await press(pilot, "x")
        assert not app.detail_open
        assert active_tab(pilot) == "alliances"
        bar = key_bar(pilot)
        assert "esc" not in bar and "Close" not in bar and "Maximize" not in bar, bar


async def test_no_sort_hint_while_s_types_into_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        assert "s Sort" in key_bar(pilot) and "r Reverse" in key_bar(pilot)
        app.query_one("#partner-filter", Input).focus()
        await settle(pilot)
        shown = screen_text(pilot)
        assert "sort by next column" not in shown
        assert "s Sort" not in shown.splitlines()[-1]
        await press(pilot, "s")
        assert app.query_one("#partner-filter", Input).value == "s"


async def test_b_and_y_show_while_a_record_is_in_focus_and_make_room_for_the_rest() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bar = key_bar(pilot)
        assert "b Brief" in bar and "y Copy" in bar, "a figure card is a record"
        await open_tab(pilot, "2", "partners")
        await press(pilot, "enter")
        assert detail(pilot).current_id
        assert "b Brief" in key_bar(pilot)
        await press(pilot, "x")
        await press(pilot, "7")  # nothing imported: no record in focus
        assert "b Brief" not in key_bar(pilot) and "y Copy" not in key_bar(pilot)
    # At 64 columns the Partners table's own keys and q come first.
    app = make_app()
    async with app.run_test(size=(64, 20)) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        bar = key_bar(pilot)
        assert "q Quit" in bar and "b Brief" not in bar, bar
