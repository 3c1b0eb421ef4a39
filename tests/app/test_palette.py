"""The command palette: records by name, each action once, Escape undoes what it opened,
and a screenshot lands in a folder that exists."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput
from textual.pilot import Pilot
from textual.widgets import OptionList
from ui_helpers import (
    BUNDLED_DB,
    WIDE,
    detail,
    detail_title,
    focus_is_in,
    make_app,
    open_tab,
    plain,
    press,
    screen_text,
    search_and_open,
    settle,
)

from polyu_tui.data.briefing.files import EXPORT_ENV
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.commands import RecordCommands
from polyu_tui.ui.help_screen import HelpScreen
from polyu_tui.ui.presenter.options import PresenterOptions
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.partner_table import PartnerTable


async def test_command_palette_opens_a_record_by_name() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "rwanda")
        assert "Rwanda" in detail_title(pilot)
        await press(pilot, "ctrl+p")
        assert app.screen.id == "--command-palette"
        await press(pilot, *"waterloo")
        hits = app.screen.query_one("CommandList", OptionList)
        for _ in range(50):  # the palette gathers its hits on a timer
            if hits.option_count and hits.highlighted is not None:
                break
            await pilot.pause(0.05)
        texts = [plain(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert texts, "the palette found something"
        assert "Open University of Waterloo" in texts[0]
        await press(pilot, "enter")
        assert app.screen.id != "--command-palette"
        assert detail(pilot).history == [("waterloo", "University of Waterloo")], "a fresh start"
        assert detail_title(pilot).startswith("University of Waterloo")


async def test_record_provider_finds_a_record_by_name() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        provider = RecordCommands(app.screen)
        hits = [hit async for hit in provider.search("waterloo")]
        assert any("University of Waterloo" in plain(hit.text or "") for hit in hits)
        assert [hit async for hit in provider.search("   ")] == []


async def palette_titles(pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette, type ``query``; the titles of the hits it lists."""
    app = pilot.app
    await press(pilot, "ctrl+p")
    assert app.screen.id == "--command-palette"
    app.screen.query_one(CommandInput).value = query
    hits = app.screen.query_one("CommandList", OptionList)
    for _ in range(100):  # the palette gathers its hits on a timer
        await pilot.pause(0.05)
        titles = [
            plain(hits.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(hits.option_count)
        ]
        # The hits for the query, not the list shown before it was typed.
        if titles and all(query[0].lower() in title.lower() for title in titles):
            return titles
    raise AssertionError(f"no hits for {query!r}")


async def run_from_palette(pilot: Pilot[None], title: str) -> None:
    titles = await palette_titles(pilot, title)
    assert titles and titles[0].strip() == title, titles
    await press(pilot, "enter")
    await pilot.pause(0.2)  # some commands run on a timer once the palette has gone
    await settle(pilot)


async def test_the_palette_lists_the_keys_once_and_escape_closes_them() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = await palette_titles(pilot, "keys")
        keys = [title for title in titles if "key" in title.lower()]
        assert keys == ["Show keys"], titles
        assert titles[0] == "Show keys", titles
        await press(pilot, "enter")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert app.screen is app.screen_stack[0]
        assert not app.screen.query("HelpPanel"), "no side panel left open"


async def test_maximize_from_the_palette_says_how_back_and_escape_restores() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        await run_from_palette(pilot, "Maximize")
        assert isinstance(app.screen.maximized, PartnerTable)
        assert "m Restore" in screen_text(pilot).splitlines()[-1]
        await press(pilot, "escape")
        assert app.screen.maximized is None
        # From the panel's links: the whole panel, its record and links, not the links alone.
        await press(pilot, "enter")
        assert focus_is_in(pilot, "#detail")
        await run_from_palette(pilot, "Maximize")
        assert isinstance(app.screen.maximized, DetailPanel)
        shown = screen_text(pilot)
        assert "Cathay Pacific Airways" in shown and "Source" in shown
        assert "m Restore" in shown.splitlines()[-1]
        await press(pilot, "m")
        assert app.screen.maximized is None
        assert app.detail_open


async def test_a_screenshot_goes_to_a_folder_it_makes_and_the_notice_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/Downloads
    monkeypatch.setenv(EXPORT_ENV, str(tmp_path / "exports" / "new"))
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "Screenshot")
        saved = list((tmp_path / "exports" / "new").glob("*.svg"))
        assert len(saved) == 1
        assert saved[0].read_text(encoding="utf-8").startswith("<svg")
        messages = [notice.message for notice in app._notifications]
        assert any(str(saved[0]) in message for message in messages), messages


async def test_a_screenshot_that_cannot_be_written_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(EXPORT_ENV, str(blocker / "shots"))
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "Screenshot")
        messages = [notice.message for notice in app._notifications]
        assert any(
            "Could not save the screenshot" in message and str(blocker) in message
            for message in messages
        ), messages


async def test_presenter_mode_offers_no_screenshot_and_no_other_theme() -> None:
    app = PolyuApp(BUNDLED_DB, presenter=PresenterOptions())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Theme" not in titles
        assert "Quit" in titles
