"""The Overview's keys: one visible focus, arrows through the card grid, Tab to the
timeline and Shift+Tab back (issue 11, item 10)."""

from __future__ import annotations

from textual.widgets import OptionList
from ui_helpers import SMALL, WIDE, make_app, press, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.tabs.overview import CardGrid, GridCard
from polyu_tui.ui.widgets.key_bar import KeyBar


def focused_card(app: PolyuApp) -> int | None:
    """The place of the focused card in the grid, None when no card has the focus."""
    cards = app.query_one("#cards", CardGrid).cards
    return cards.index(app.focused) if isinstance(app.focused, GridCard) else None


def row_background(options: OptionList, y: int) -> object:
    first = next(iter(options.render_line(y)))
    return first.style.bgcolor if first.style else None


def key_bar(app: PolyuApp) -> list[tuple[str, str]]:
    shown_keys = app.query_one(KeyBar).keys()
    return [(shown, what) for _key, shown, what, _on in shown_keys]


async def test_at_start_only_the_first_card_shows_the_focus() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert focused_card(app) == 0
        timeline = app.query_one("#timeline", OptionList)
        assert timeline.highlighted == 0
        # The highlighted first row looks like the others while a card has the focus
        # (it was drawn highlighted, a second focus beside the card's border).
        assert row_background(timeline, 0) == row_background(timeline, 2)
        timeline.focus()
        await settle(pilot)
        assert row_background(timeline, 0) != row_background(timeline, 2)


async def test_arrows_move_through_the_grid_by_its_columns() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.query_one("#cards", CardGrid).styles.grid_size_columns == 3
        await press(pilot, "right")
        assert focused_card(app) == 1
        await press(pilot, "down")
        assert focused_card(app) == 4
        await press(pilot, "left", "left")
        assert focused_card(app) == 2, "left goes on to the end of the row above"
        await press(pilot, "up")
        assert focused_card(app) == 2, "nothing above the first row"
        await press(pilot, "down", "down")
        assert focused_card(app) == 8
        # Down from the last row goes on to the timeline.
        await press(pilot, "down")
        assert app.focused is app.query_one("#timeline")


async def test_at_80_columns_up_and_down_move_by_two_cards() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert app.query_one("#cards", CardGrid).styles.grid_size_columns == 2
        await press(pilot, "down")
        assert focused_card(app) == 2
        await press(pilot, "right", "down", "down", "down")
        # 9 cards in 2 columns: from the 8th (second column), down is the last card.
        assert focused_card(app) == 8
        await press(pilot, "enter")
        assert app.detail_open


async def test_tab_goes_from_the_cards_to_the_timeline_and_shift_tab_back() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "right", "right", "down")
        assert focused_card(app) == 5
        assert ("tab", "Timeline") in key_bar(app)
        # One Tab, not nine: the grid is one stop.
        await press(pilot, "tab")
        assert app.focused is app.query_one("#timeline")
        assert ("shift+tab", "Figures") in key_bar(app)
        await press(pilot, "j", "shift+tab")
        assert focused_card(app) == 5, "back to the card the user left"
        # 1 (the Overview's key) comes back to that card too.
        await press(pilot, "2", "1")
        assert focused_card(app) == 5
