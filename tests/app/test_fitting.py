"""Nothing is cut mid-word or hidden: tab names and keys, cards, the timeline, table
cells and the detail panel's trail fit the width they are given, at every size."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Grid
from textual.widgets import Input
from ui_helpers import (
    SMALL,
    WIDE,
    detail,
    focus_is_in,
    make_app,
    open_tab,
    press,
    screen_text,
    settle,
)

from polyu_tui.data.lists import milestones
from polyu_tui.ui.tabs import TABS
from polyu_tui.ui.widgets.breadcrumb import fit_trail
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.record_list import RecordList
from polyu_tui.ui.widgets.tab_bar import TabBar, TabLabel

SIX = [TabLabel(spec.id, spec.key, spec.title, spec.short) for spec in TABS]
# The Agreements and Map tabs are coming: the bar must hold eight.
EIGHT = [*SIX[:6], TabLabel("agreements", "7", "Agreements"), TabLabel("map", "8", "Map")]


class BarApp(App[None]):
    def __init__(self, tabs: list[TabLabel]) -> None:
        super().__init__()
        self.tabs = tabs

    def compose(self) -> ComposeResult:
        yield TabBar(self.tabs)


def assert_every_tab_named_whole_with_its_key(line: str, tabs: list[TabLabel]) -> None:
    words = line.split()
    for tab in tabs:
        assert tab.key in words, f"key {tab.key} shown in {line!r}"
        name = words[words.index(tab.key) + 1]
        assert name in tab.names() or " ".join(words).count(tab.title), (name, line)


async def test_the_tab_bar_keeps_every_key_and_whole_names_down_to_60_columns() -> None:
    for tabs in (SIX[:6], EIGHT):
        for width in (120, 100, 80, 64, 60):
            app = BarApp(tabs)
            async with app.run_test(size=(width, 4)) as pilot:
                await pilot.pause()
                line = screen_text(pilot).splitlines()[0]
                assert len(line.rstrip()) <= width
                assert_every_tab_named_whole_with_its_key(line, tabs)
                if width >= 100 and len(tabs) == 6:
                    assert "Service-Learning" in line, "full names where they fit"
    assert TabLabel("agreements", "7", "Agreements").names() == ["Agreements", "Agr."]


async def test_the_tab_numbers_stay_when_the_panel_opens_and_at_80_columns() -> None:
    for size in (WIDE, SMALL, (64, 20)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "enter")  # the first card's panel
            assert app.query_one("#body").has_class("with-detail")
            if size == WIDE:
                line = screen_text(pilot).splitlines()[1]
                assert_every_tab_named_whole_with_its_key(line, SIX)
            await press(pilot, "x")
            line = screen_text(pilot).splitlines()[1]
            assert_every_tab_named_whole_with_its_key(line, SIX)


async def test_cards_keep_their_columns_however_the_panel_was_opened() -> None:
    """From a card or from the timeline, the panel beside the Overview leaves it two
    columns of cards, and the timeline under them wraps within the tab."""
    # From the timeline three times: the missed resize this guards against came in
    # about two runs in three.
    for from_timeline in (False, True, True, True):
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            milestone_labels = [row["label"] for row in app.store.run(milestones)]
            assert len(milestone_labels) > 5
            cards = app.query_one("#cards", Grid)
            assert cards.styles.grid_size_columns == 3
            if from_timeline:
                app.query_one("#timeline", RecordList).focus()
                await settle(pilot)
            await press(pilot, "enter")
            assert cards.styles.grid_size_columns == 2, f"from the timeline: {from_timeline}"
            tab = app.query_one("#overview-view")
            assert cards.region.right <= tab.region.right
            # Every word of every milestone is drawn, none cut at the tab's edge.
            timeline = app.query_one("#timeline", RecordList)
            drawn = " ".join(
                " ".join(timeline.render_line(y).text.split()) for y in range(timeline.size.height)
            )
            for label in milestone_labels:
                assert " ".join(label.split()) in drawn, label


async def test_table_cells_end_at_a_word_and_an_ellipsis_at_100_columns() -> None:
    app = make_app()
    async with app.run_test(size=(100, 28)) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        screen = screen_text(pilot)
        # Cut where a word ends, the ellipsis in view (it was "(space ins", no "…").
        assert "Research collaboration (space…" in screen
        assert "Joint research (myopia-control…" in screen
        assert "Research centre (InnoHK): AiDLab" in screen, "a cell that fits is whole"


def test_the_trail_keeps_the_latest_names_and_cuts_at_a_word() -> None:
    names = ["Cathay Pacific Airways", "Mainland China", "Cross-border higher education"]
    assert fit_trail(names, 200) == (False, names)
    dropped, shown = fit_trail(names, 50)
    assert dropped and shown == ["Mainland China", "Cross-border higher education"]
    dropped, shown = fit_trail(names, 24)
    assert dropped and shown == ["Cross-border higher…"]
    for width in range(1, 60):
        dropped, shown = fit_trail(names, width)
        text = ("… › " if dropped else "") + " › ".join(shown)
        assert len(text) <= width, (width, text)


async def test_at_80x24_the_panel_takes_the_body_names_the_record_once_and_scrolls_once() -> None:
    for size in (SMALL, (64, 20)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await open_tab(pilot, "2", "partners")
            await press(pilot, "enter")
            panel = detail(pilot)
            assert app.screen.maximized is panel, "the panel has the whole body"
            screen = screen_text(pilot)
            lines = [line.replace("▊", "").strip() for line in screen.splitlines()]
            assert lines.count("Cathay Pacific Airways") == 1, "the name once"
            assert "Organisation" in lines[:4], "the heading at the top, no blank line over it"
            assert "m Restore" in screen.splitlines()[-1], "the key bar says how to get back"
            body = panel.query_one("#detail-body")
            assert body.max_scroll_y > 0
            body.scroll_to_widget(panel.query_one("#detail-sources"), animate=False, top=True)
            await settle(pilot)
            assert "Source" in screen_text(pilot), "one scroll bar reaches the quote"
            # m shows the list above the panel again; Escape closes the panel.
            await press(pilot, "m")
            assert app.screen.maximized is None
            assert "m Maximize" in screen_text(pilot).splitlines()[-1]
            await press(pilot, "escape")
            assert not app.query_one("#body").has_class("with-detail")
            assert focus_is_in(pilot, "#partners-view")


async def test_a_wide_window_shows_the_panel_beside_the_tab_again() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen.maximized, DetailPanel)
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert app.screen.maximized is None
        assert "Headline figures" in screen_text(pilot)


async def test_shift_tab_from_the_links_goes_back_to_the_list_the_record_came_from() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        app.query_one("#partner-filter", Input).value = "waterloo"
        await settle(pilot)
        await press(pilot, "enter")  # from the box to the table
        await press(pilot, "enter")
        assert focus_is_in(pilot, "#detail-links")
        await press(pilot, "shift+tab")
        assert not focus_is_in(pilot, "#detail"), f"focus went to {app.focused}"
        assert focus_is_in(pilot, "#partners-view")
