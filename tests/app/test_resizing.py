"""Resizing: too small, back again, and with search open."""

from __future__ import annotations

from textual.widgets import Input
from ui_helpers import (
    SMALL,
    WIDE,
    detail,
    flat,
    focus_is_in,
    make_app,
    press,
    screen_text,
    search_and_open,
    settle,
)

from polyu_tui.ui.tabs.overview import FigureCard


async def test_keys_pressed_while_too_small_act_on_nothing_hidden() -> None:
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("too-small")
        assert "too small" in screen_text(pilot)
        await press(pilot, "enter")
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert not app.query("#detail"), "Enter on a hidden card opened nothing"
        assert isinstance(app.focused, FigureCard), "the first card has the focus again"


async def test_resizing_down_to_40x12_and_up_to_200x60() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "waterl")
        tabs = app.query_one("#tabs")
        panel = detail(pilot)
        assert not app.screen.has_class("narrow")
        assert panel.region.x > tabs.region.x, "at 120x40 the panel is beside the list"

        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        assert app.screen.has_class("too-small")
        assert "The window is too small for polyu-tui." in screen_text(pilot)
        await app.run_action("show_tab('research')")  # a tab first composed while too small
        await settle(pilot)
        assert "too small" in flat(screen_text(pilot))
        await app.run_action("show_tab('overview')")

        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert not app.screen.has_class("too-small")
        assert app.screen.has_class("narrow")
        assert panel.region.width > 0
        assert panel.region.y > tabs.region.y, "at 80x24 the panel stacks under the list"
        assert panel.region.x == tabs.region.x
        assert "University of Waterloo" in screen_text(pilot)
        assert focus_is_in(pilot, "#detail"), "the focus comes back after 'too small'"

        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert not app.screen.has_class("narrow")
        assert not app.screen.has_class("too-small")
        assert panel.region.x > tabs.region.x
        assert panel.current_id == "waterloo"
        assert "more than 580 agreements" in screen_text(pilot)


async def test_resizing_while_search_is_open_resizes_the_main_screen() -> None:
    """The size classes go on the main screen, not on the search screen above it."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        app.screen.query_one("#search-input", Input).value = "waterl"
        await settle(pilot)
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        await press(pilot, "enter")
        assert detail(pilot).current_id == "waterloo"
        assert app.screen.has_class("narrow")
        assert not app.screen.has_class("too-small")
        panel, tabs = detail(pilot), app.query_one("#tabs")
        assert panel.region.y > tabs.region.y, "the panel stacks under the list"
        assert "University of Waterloo" in screen_text(pilot)
