"""The app's crash paths found by fuzzing (issue 14), each driven as a user met it.

``run_test`` re-raises whatever the app hit, so each test fails with the crash
itself when its fix is missing; the asserts check what the user sees instead.
"""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.command import Matcher
from textual.content import Content
from textual.drivers.linux_driver import LinuxDriver
from textual.widgets import Static
from textual.widgets._toast import Toast
from ui_helpers import WIDE, isolate_settings, make_app, plain, press, settle, static_text

from polyu_tui.ui import terminal_input
from polyu_tui.ui.commands import as_markup, highlighted
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.record_list import RecordList
from polyu_tui.ui.worker_errors import report_failure


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return isolate_settings(monkeypatch, tmp_path / "config")


# ---------------------------------------------------------------- 1. markup in user text


@pytest.mark.parametrize(
    "query",
    ["zzq[/", "[/]", "[/bold]", "[bold]zzzq", "[@click=app.quit]x[/]", "\\[/]zq", "[/\\;=]"],
)
async def test_a_query_that_looks_like_markup_is_shown_as_typed(query: str) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *query)
        status = app.screen.query_one("#search-status", Static)
        assert static_text(status) == f"No records match “{query}”."
        # Not a link that quits, not bold: the status is text, with no style from the query.
        content = status.content
        assert isinstance(content, Content)
        assert not content.spans
        assert app.is_running


async def test_a_failure_notice_quoting_markup_is_shown_as_written() -> None:
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        report_failure(app, ValueError("no such column: [/bold]"))
        await pilot.pause(0.2)
        toast = app.screen.query_one(Toast)
        assert "no such column: [/bold]" in plain(toast.render())


@given(st.text(st.characters(blacklist_categories=["Cc", "Cs"])))
def test_palette_help_shows_any_text_as_it_is(text: str) -> None:
    # The palette reads a hit's help as markup; textual.markup.escape('[/\\;=]') raises.
    assert Content.from_markup(as_markup(text)).plain == text


def test_palette_names_are_text_with_the_match_marked() -> None:
    shown = highlighted(Matcher("bold"), "Open [bold]Uni[/]")
    assert shown.plain == "Open [bold]Uni[/]"
    assert shown.spans  # the matched letters are styled


# ---------------------------------------------------------------- 2. keys while too small


@pytest.mark.parametrize("size", [(40, 12), (59, 40), (120, 15)])
async def test_keys_never_reach_the_hidden_screen_while_too_small(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "5", "pageup", "pagedown", "down", "enter", "end", "home")
        await press(pilot, "2", "pagedown", "enter", "6", "pageup")
        assert "too small" in static_text(app.screen.query_one("#too-small", Static))
        assert app.focused is None
        assert app.is_running
        # Made large enough again, the tab's list takes the keys once more.
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert isinstance(app.focused, RecordList)
        await press(pilot, "pagedown")
        assert app.focused.highlighted


# ---------------------------------------------------------------- 3. growing back


async def test_growing_back_with_the_panel_open_lays_out_again() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5", "enter")
        title = static_text(app.query_one("#detail-title", Static))
        for size in [(40, 12), WIDE, (40, 12), (100, 28), WIDE]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
        assert app.query_one("#detail", DetailPanel).display
        assert static_text(app.query_one("#detail-title", Static)) == title
        assert app.query_one(".sections", RecordList).size.width > 0


def test_a_list_measured_at_no_width_is_one_column_wide() -> None:
    # What a layout pass mid-resize asks of it; Content cannot wrap at width 0.
    from textual.app import App
    from textual.geometry import Size

    class One(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            records = RecordList()
            yield records

    async def run() -> int:
        app = One()
        async with app.run_test():
            records = app.query_one(RecordList)
            records.set_groups([("Figures", [("a", "A partner")])])
            return records.get_content_height(Size(0, 10), Size(0, 10), 0)

    import asyncio

    assert asyncio.run(run()) >= 2


# ---------------------------------------------------------------- 4. invalid UTF-8 input


class PipeDriver(LinuxDriver):
    """LinuxDriver's input loop reading a pipe, keeping what it would send the app."""

    def __init__(self, fileno: int) -> None:  # not super(): no app, no terminal, no signals
        self.fileno = fileno
        self._debug = False
        self._in_band_window_resize = False
        self.exit_event = threading.Event()
        self.events: list[events.Event] = []

    def process_message(self, message: object) -> None:  # type: ignore[override]
        self.events.append(message)  # type: ignore[arg-type]


def read_keys(data: bytes) -> list[str]:
    """Run the driver's own input loop over ``data``; the characters of its keys."""
    terminal_input.install()
    read_end, write_end = os.pipe()
    driver = PipeDriver(read_end)
    failures: list[BaseException] = []

    def run() -> None:
        try:
            driver.run_input_thread()
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    os.write(write_end, data)
    os.close(write_end)
    thread.join(0.5)
    driver.exit_event.set()
    thread.join(5)
    os.close(read_end)
    assert not failures, failures
    return [event.character or "" for event in driver.events if isinstance(event, events.Key)]


def test_an_invalid_utf8_byte_from_the_terminal_is_a_replacement_character() -> None:
    assert read_keys(b"a\xffb\xc3\xa9") == ["a", "\ufffd", "b", "é"]


def test_the_guard_reaches_every_driver_that_decodes() -> None:
    patched = terminal_input.install()
    assert "textual.drivers.linux_driver" in patched
    import textual.drivers.linux_driver as linux_driver

    decoder = linux_driver.getincrementaldecoder("utf-8")()  # as the driver builds it
    assert decoder.decode(b"\xff", final=True) == "\ufffd"
    assert codecs.getincrementaldecoder("utf-8")().errors == "strict"  # no one else's


# ---------------------------------------------------------------- found since


async def test_the_overview_loaded_while_the_app_closes_is_no_crash() -> None:
    """SIGINT (or q) right at launch: the cards' mount returns without mounting them,
    and the first card to focus is not there. Found by tests/test_exit_status.py."""
    from polyu_tui.ui.tabs.overview import FigureCard, OverviewTab

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        tab = app.query_one(OverviewTab)
        data = tab.fetch(app.store)
        await tab.query_one("#cards").remove_children()
        app.exit()
        await tab.show(data)
        assert not tab.query(FigureCard)


async def test_a_resize_that_leaves_a_two_line_item_no_width_is_no_crash() -> None:
    """Found by the key fuzzer (seed 11, 500 actions), shortened to these 7: the
    Alliances list laid out an item's indented detail line at width 0."""
    from key_fuzzer import play

    actions = [
        ("key", "ctrl+e"),
        ("key", "enter"),
        ("key", "3"),
        ("resize", (73, 33)),
        ("resize", (47, 43)),
        ("resize", (139, 59)),
        ("type", "x"),
    ]
    failure = await play(actions)
    assert failure is None, failure.describe()


def test_a_two_line_item_at_any_width_has_a_height_and_lines() -> None:
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions

    from polyu_tui.ui.widgets.record_list import two_line

    item = two_line("PolyU: Co-founder", "appointed Rotating President in 2023")
    for width in range(6):
        assert item.get_height(RulesMap(), width) >= 2
        strips = item.render_strips(width, None, Style(), RenderOptions(lambda _: Style(), {}))
        assert strips and all(strip.cell_length <= max(width, 0) for strip in strips)
