"""Keys typed together into a text box take effect in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import WIDE, detail_title, make_app, open_tab, press, settle

from polyu_tui.ui.widgets.partner_table import PartnerTable

# Named keys a terminal sends with a character.
NAMED = {"slash": "/", "space": " "}


def type_at_once(pilot: Pilot[None], *keys: str) -> None:
    """Post every key before any is handled, as a terminal delivers one read of them."""
    for key in keys:
        character = key if len(key) == 1 else NAMED.get(key)
        pilot.app.post_message(events.Key(key, character))


async def test_ctrl_u_then_letters_at_once_keeps_the_letters_in_the_partner_filter() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        box = app.query_one("#partner-filter", Input)
        box.focus()
        await press(pilot, *"canada")
        for _ in range(3):
            type_at_once(pilot, "ctrl+u", *"korea")
            await settle(pilot)
            assert box.value == "korea"
        assert app.query_one("#partner-table", PartnerTable).row_count == 1
        # Backspace and the arrows keep their place among typed letters too.
        type_at_once(pilot, "backspace", "backspace", "x", "left", "left", "y")
        await settle(pilot)
        assert box.value == "koyrx"


async def test_ctrl_u_then_letters_at_once_keeps_the_letters_in_search() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        box = app.screen.query_one("#search-input", Input)
        await press(pilot, *"mars")
        type_at_once(pilot, "ctrl+u", *"korea")
        await settle(pilot)
        assert box.value == "korea"


async def test_letters_typed_straight_after_slash_go_into_the_search_box() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        # Without a pause: the letters reached the Overview's card, not the search box,
        # and search opened empty. Enter among them opens the best hit of the letters.
        type_at_once(pilot, "slash", *"korea", "enter")
        await settle(pilot)
        assert "Korea" in detail_title(pilot)
        type_at_once(pilot, "slash", *"marz", "backspace", "s")
        await settle(pilot)
        assert app.screen.query_one("#search-input", Input).value == "mars"
        type_at_once(pilot, "escape", "slash", "escape")
        await settle(pilot)
        assert app.screen is app.screen_stack[0], "Escape at once after / closes search"
        # Ctrl+K (a priority key, run in order already) lost them too: no box had the
        # focus yet on the new screen.
        type_at_once(pilot, "ctrl+k", *"korea")
        await settle(pilot)
        assert app.screen.query_one("#search-input", Input).value == "korea"


async def test_slash_typed_into_a_filter_is_text_not_search() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        box = app.query_one("#partner-filter", Input)
        box.focus()
        await settle(pilot)
        type_at_once(pilot, "a", "slash", "b")
        await settle(pilot)
        assert app.screen is app.screen_stack[0]
        assert box.value == "a/b"
