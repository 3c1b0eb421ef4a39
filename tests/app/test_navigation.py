"""What a keyboard user relies on beyond the tour: the best search hit comes first,
the panel answers Escape and x from anywhere, and lists never hide the highlight."""

from __future__ import annotations

import sqlite3

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList
from ui_helpers import WIDE, highlighted_id, make_app, press, record_ids, screen_text, settle

from polyu_tui.ui.widgets import partner_table
from polyu_tui.ui.widgets.detail import DetailPanel


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("cevr", "cevr"), ("usrn", "usrn"), ("canada", "canada"), ("umd", "umd")],
)
async def test_enter_in_search_opens_the_best_match_even_when_its_kind_is_not_first(
    typed: str, expected: str
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *typed)
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert app.query_one("#detail", DetailPanel).current_id == expected


async def test_escape_and_x_reach_the_panel_when_the_focus_is_in_a_tab() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"waterl")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        detail = app.query_one("#detail", DetailPanel)
        assert detail.current_id == "waterloo"
        await press(pilot, "3")  # focus moves into the Alliances tab; the panel stays
        await settle(pilot)
        assert app.focused is not None and detail not in app.focused.ancestors_with_self
        await press(pilot, "x")
        await settle(pilot)
        assert detail.current_id is None
        assert not app.query_one("#body").has_class("with-detail")
        # With the panel closed, x and Escape are not offered in the footer.
        assert not app.check_action("detail_close", ())


async def test_a_search_result_opened_with_the_panel_open_is_one_step_back() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for typed in ("waterl", "xjtu"):
            await press(pilot, "slash", *typed)
            await settle(pilot)
            await press(pilot, "enter")
            await settle(pilot)
        detail = app.query_one("#detail", DetailPanel)
        assert [record_id for record_id, _ in detail.history] == ["waterloo", "xjtu"]
        await press(pilot, "escape")
        await settle(pilot)
        assert detail.current_id == "waterloo"


async def test_moving_to_the_last_item_scrolls_the_tab_so_it_stays_in_view() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await settle(pilot)
        sections = app.query_one("#exchange-view OptionList", OptionList)
        sections.focus()
        await press(pilot, "G")
        await settle(pilot)
        scroll = app.query_one("#exchange-view VerticalScroll", VerticalScroll)
        last = record_ids(sections)[-1]
        assert highlighted_id(sections) == last
        # The list is taller than the window, so only the container can bring the
        # last item into view: it must have scrolled to (near) its end.
        assert scroll.max_scroll_y > 0
        assert scroll.scroll_y == pytest.approx(scroll.max_scroll_y, abs=2)


async def test_the_keys_scroll_help_when_it_is_longer_than_the_window() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        box = app.screen.query_one("#help-box", VerticalScroll)
        assert box.max_scroll_y > 0, "help is longer than 24 lines"
        assert app.focused is box
        await press(pilot, "pagedown")
        assert box.scroll_offset.y > 0


async def test_the_key_bar_offers_only_keys_that_work_where_the_focus_is() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        footer = screen_text(pilot).splitlines()[-1]
        assert "/ Search" in footer and "q Quit" in footer
        await press(pilot, "2")
        app.query_one("#partner-filter", Input).focus()
        await settle(pilot)
        footer = screen_text(pilot).splitlines()[-1]
        # The filter takes / and q as text; ctrl+k still searches.
        assert "q Quit" not in footer and "/ Search" not in footer
        assert "^k Search" in footer
        await press(pilot, "ctrl+k")
        footer = screen_text(pilot).splitlines()[-1]
        assert "esc Close" in footer, "the search screen's own keys"
        assert "Search" not in footer.replace("^p palette", "")
        await press(pilot, "escape")
        assert "^k Search" in screen_text(pilot).splitlines()[-1]


async def test_a_failed_read_in_a_tab_becomes_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual tells only the widget that ran a worker that it failed: the table's
    failure must still reach the user, and the app must stay up."""

    def damaged(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(partner_table, "partner_view", damaged)
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        app.query_one("#partner-filter", Input).value = "waterloo"
        await settle(pilot)
        await pilot.pause(0.2)
        shown = screen_text(pilot)  # the notice wraps inside its toast
        assert "Could not read the database" in shown and "malformed" in shown
        await press(pilot, "3")
        assert app.active_tab == "alliances", "the app is still up and answering keys"
