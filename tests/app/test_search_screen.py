"""The search screen's result list and how it draws: keys, clicks, its scroll bar,
long names cut to the width, and screen updates never left on hold."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static
from ui_helpers import SMALL, WIDE, make_app, press, screen_text, settle, static_text

from polyu_tui.data.search import SearchPage, search_page
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.search import screen as search_screen
from polyu_tui.ui.search.frame_hold import FrameHold
from polyu_tui.ui.search.result_list import ResultList
from polyu_tui.ui.search.screen import RESULT_LIMIT, SearchScreen
from polyu_tui.ui.widgets.detail import DetailPanel


async def open_search(pilot: Pilot[None], query: str) -> tuple[SearchScreen, ResultList]:
    await settle(pilot)
    await press(pilot, "slash")
    search = pilot.app.screen
    assert isinstance(search, SearchScreen)
    search.query_one("#search-input", Input).value = query
    await settle(pilot)
    return search, search.query_one("#search-results", ResultList)


def wheel(kind: type[events.MouseEvent], widget: ResultList) -> events.MouseEvent:
    """One notch of the mouse wheel over the middle of ``widget``."""
    x, y = widget.size.width // 2, widget.size.height // 2
    return kind(widget, x, y, 0, 0, 0, False, False, False)


def bar_is_thumb(results: ResultList, y: int) -> bool:
    """Whether line ``y`` of the list shows the scroll bar's thumb in its last cell."""
    last = list(results.render_line(y))[-1]
    thumb = results.get_component_rich_style("result-list--scrollbar-thumb")
    return last.style is not None and last.style.bgcolor == thumb.bgcolor


async def test_the_keyboard_walks_the_results_and_the_list_follows() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        search, results = await open_search(pilot, "univ")
        ids = results.record_ids
        assert len(ids) == RESULT_LIMIT
        assert results.max_scroll_y > 0, "more results than fit at 80x24"
        assert results.highlighted_id == ids[0], "the best match is highlighted"

        await press(pilot, "down")
        assert app.focused is results, "Down moves from the query into the results"
        await press(pilot, "j")
        assert results.highlighted_id == ids[1]
        await press(pilot, "end")
        # The last of the first 20: the rest are read, and it stays highlighted.
        assert results.highlighted_id == ids[-1]
        assert len(results.record_ids) > RESULT_LIMIT
        await press(pilot, "end")
        assert results.highlighted_id == results.record_ids[-1]
        assert results.scroll_offset.y == results.max_scroll_y, "the last result is in view"
        last_title = results.entries[results.highlighted or 0].title
        assert last_title[:20] in screen_text(pilot)
        assert bar_is_thumb(results, results.size.height - 1)
        assert not bar_is_thumb(results, 0), "the thumb moved down with the list"

        await press(pilot, "home")
        assert results.highlighted_id == ids[0]
        assert results.scroll_offset.y == 0
        assert bar_is_thumb(results, 0)
        await press(pilot, "k")
        assert app.focused is search.query_one("#search-input"), "Up from the top: the query"

        await press(pilot, "down", "enter")
        assert app.query_one("#detail", DetailPanel).current_id == ids[0]


async def test_a_click_opens_a_result_and_the_wheel_scrolls() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        _search, results = await open_search(pilot, "univ")
        second = results.record_ids[1]
        results.post_message(wheel(events.MouseScrollDown, results))
        await settle(pilot)
        assert results.scroll_offset.y > 0, "the wheel scrolls though Textual's bar is hidden"
        for _ in range(3):
            results.post_message(wheel(events.MouseScrollUp, results))
        await settle(pilot)
        assert results.scroll_offset.y == 0
        # Line 0 is the heading, 1-2 the best match, 3 the second match's title.
        await pilot.click(ResultList, offset=(4, 3))
        await settle(pilot)
        assert app.query_one("#detail", DetailPanel).current_id == second


async def test_a_long_name_is_cut_to_the_width_with_an_ellipsis() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        _search, results = await open_search(pilot, "univ")
        wide_name = "北京大学" * 30  # two cells a character
        results.show([("Organisation", [("x", wide_name, "an «ordinary» snippet")])])
        await settle(pilot)
        title = results.render_line(1)
        assert title.cell_length == results.size.width
        text = title.text[:-1]  # the last cell is the scroll bar
        assert text.rstrip().endswith("…")
        assert cell_len(text) == results.size.width - 1
        detail = results.render_line(2).text
        assert "ordinary" in detail and "«" not in detail, "match marks are styled, not shown"


async def test_screen_updates_are_never_left_on_hold() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        search, results = await open_search(pilot, "waterl")
        assert results.record_ids[0] == "waterloo"
        # A leaked hold would stop the app drawing anything, for good.
        assert not search.frame_hold.held
        assert app._batch_count == 0

        # Escape while a search is still running.
        search.query_one("#search-input", Input).value = "univ"
        assert search.frame_hold.held, "the typed text waits for its results"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert app._batch_count == 0

        # No answer ever comes: the hold ends by itself.
        hold = FrameHold(app.screen, limit=0.05)
        hold.begin()
        hold.begin()  # once held, held once
        assert app._batch_count == 1
        await pilot.pause(0.2)
        assert not hold.held
        assert app._batch_count == 0


async def test_page_keys_move_a_screen_of_results_and_a_click_on_the_bar_scrolls_there() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        _search, results = await open_search(pilot, "univ")
        ids = results.record_ids
        await press(pilot, "down", "pagedown")
        # Results are two lines each, under headings: a screen is about height / 2.
        moved = ids.index(results.highlighted_id or "")
        assert results.size.height // 2 - 2 <= moved <= results.size.height // 2
        await press(pilot, "pageup")
        assert results.highlighted_id == ids[0]

        bar = results.size.width - 1
        await pilot.click(ResultList, offset=(bar, results.size.height - 1))
        await settle(pilot)
        assert results.scroll_offset.y == results.max_scroll_y
        assert isinstance(app.screen, SearchScreen), "a click on the bar opens nothing"
        await pilot.click(ResultList, offset=(bar, 0))
        await settle(pilot)
        assert results.scroll_offset.y == 0


async def test_a_click_on_a_heading_opens_nothing_and_up_in_an_empty_list_goes_back() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        search, results = await open_search(pilot, "waterl")
        assert results.headings[0] == "Organisation"
        await pilot.click(ResultList, offset=(4, 0))
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert results.highlighted_id == "waterloo", "the highlight stays on a result"
        search.query_one("#search-input", Input).value = "zzzzqqq"
        await settle(pilot)
        assert results.record_ids == []
        results.focus()
        await press(pilot, "up")
        assert app.focused is search.query_one("#search-input")


async def test_a_resize_keeps_the_highlighted_result_in_view() -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        _search, results = await open_search(pilot, "univ")
        await press(pilot, "down", "end")
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        title = results.entries[results.highlighted or 0].title
        assert title[:20] in screen_text(pilot)
        # A window too small for a whole result still shows the highlighted title.
        await pilot.resize_terminal(60, 12)
        await settle(pilot)
        await press(pilot, "k")
        title = results.entries[results.highlighted or 0].title
        assert title[:12] in screen_text(pilot)


async def test_enter_before_the_results_opens_the_best_of_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def slow_search(*args: Any, **kwargs: Any) -> SearchPage:
        time.sleep(0.3)
        return search_page(*args, **kwargs)

    monkeypatch.setattr(search_screen, "search_page", slow_search)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"waterl", "enter")
        await settle(pilot)
        assert app.query_one("#detail", DetailPanel).current_id == "waterloo"


async def test_a_failed_search_says_so_rather_than_no_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken_search(*args: Any, **kwargs: Any) -> SearchPage:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(search_screen, "search_page", broken_search)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        search_view, results = await open_search(pilot, "univ")
        status = static_text(search_view.query_one("#search-status", Static))
        assert status == "Search failed: disk I/O error"
        assert results.record_ids == []
        assert app._batch_count == 0
        # A working search afterwards shows results again.
        monkeypatch.setattr(search_screen, "search_page", search_page)
        search_view.query_one("#search-input", Input).value = "waterl"
        await settle(pilot)
        assert results.record_ids[0] == "waterloo"


async def test_ctrl_k_in_search_edits_the_query_and_opens_no_second_search() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        search_view, _results = await open_search(pilot, "waterloo")
        query = search_view.query_one("#search-input", Input)
        query.cursor_position = 5
        await press(pilot, "ctrl+k")
        assert len(app.screen_stack) == 2, "one search screen, not two"
        assert query.value == "water", "ctrl+k deletes to the end, as in any input"


async def test_search_says_how_many_match_and_shows_the_rest_as_you_scroll() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        search_view, results = await open_search(pilot, "university")
        assert isinstance(app, PolyuApp)
        total = app.store.run(lambda conn: search_page(conn, "university").total)
        assert total > RESULT_LIMIT
        status = static_text(search_view.query_one("#search-status", Static))
        assert status.startswith(f"{RESULT_LIMIT} of {total} results"), status
        await press(pilot, "down", "end")
        assert len(results.record_ids) == total
        status = static_text(search_view.query_one("#search-status", Static))
        assert status == f"{total} results"
        # A new query starts with the best 20 again.
        search_view.query_one("#search-input", Input).value = "univ"
        await settle(pilot)
        assert len(results.record_ids) == RESULT_LIMIT


async def test_the_count_of_results_is_never_cut_at_64_columns() -> None:
    """'20 of 49 results · the rest as you scroll past the last' was cut at 64 columns:
    a narrow search box says it shorter; a wide one says it in full."""
    for size, expected in (((64, 20), "· scroll for more"), (WIDE, "as you scroll past the last")):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "slash")
            app.screen.query_one("#search-input", Input).value = "university"
            await settle(pilot)
            status = app.screen.query_one("#search-status", Static)
            shown = [line for line in screen_text(pilot).splitlines() if " of " in line]
            assert shown and expected in shown[0], (size, shown)
            text = static_text(status)
            assert cell_len(text) <= status.content_region.width, (size, text)
