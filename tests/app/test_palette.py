"""The command palette opens records by name."""

from __future__ import annotations

from textual.widgets import OptionList
from ui_helpers import (
    WIDE,
    detail,
    detail_title,
    make_app,
    plain,
    press,
    search_and_open,
    settle,
)

from polyu_tui.ui.commands import RecordCommands


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
