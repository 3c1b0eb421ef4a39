"""Tab 1: the headline figures as cards, and a timeline of dated milestones."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, Self

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Digits, Static

from polyu_tui.data.format import value_label
from polyu_tui.ui.host import host
from polyu_tui.ui.messages import OpenRecord, ShowTab
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.tabs.format import when
from polyu_tui.ui.widgets.record_list import RecordList

if TYPE_CHECKING:
    from textual.layout import DockArrangeResult

    from polyu_tui.data.agreements.view import ImportedFigures
    from polyu_tui.data.lists import Card
    from polyu_tui.data.store import Store


class GridCard(Widget, can_focus=True):
    """A card in a CardGrid: Enter opens it, the arrows move through the grid, Tab goes
    on to the timeline. The grid is one stop for Tab and Shift+Tab: only its current
    card takes the focus from them (a roving focus), so the timeline is one Tab away,
    not nine."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="card.open", tooltip="Open the figure and its source"),
        # Shown: the way from the figures to the timeline (Shift+Tab comes back).
        Binding(
            "tab",
            "app.focus_next",
            "Timeline",
            id="card.timeline",
            tooltip="Go to the timeline (Shift+Tab comes back to the figures)",
        ),
        Binding("left", "move(-1, 0)", "Left", show=False, id="card.left",
                tooltip="The figure to the left"),
        Binding("right", "move(1, 0)", "Right", show=False, id="card.right",
                tooltip="The figure to the right"),
        Binding("up", "move(0, -1)", "Up", show=False, id="card.up",
                tooltip="The figure above"),
        Binding("down", "move(0, 1)", "Down", show=False, id="card.down",
                tooltip="The figure below (from the last row: the timeline)"),
    ]  # fmt: skip

    card: Card

    @property
    def grid(self) -> CardGrid | None:
        return self.parent if isinstance(self.parent, CardGrid) else None

    def allow_focus(self) -> bool:
        # Only the grid's current card is in the focus chain.
        grid = self.grid
        return super().allow_focus() and (grid is None or grid.current_card is self)

    def focus(self, scroll_visible: bool = True) -> Self:
        # Focused by the app, an arrow or a test: it becomes the grid's current card.
        grid = self.grid
        if grid is not None:
            grid.current = self
        return super().focus(scroll_visible)

    def action_move(self, columns: int, rows: int) -> None:
        grid = self.grid
        if grid is not None:
            grid.move(self, columns, rows)

    def action_open(self) -> None:
        self.post_message(OpenRecord(self.card.id))

    def on_click(self, event: events.Click) -> None:
        grid = self.grid
        if grid is not None:
            grid.current = self
        self.action_open()


class FigureCard(GridCard, Static):
    """One headline figure; Enter opens it with its source sentence."""

    def __init__(self, card: Card) -> None:
        super().__init__(id=f"card-{card.key}", classes="figure-card")
        self.card = card

    def render(self) -> Content:
        shown_when = when(self.card.as_of, self.card.period)
        return Content.assemble(
            (self.card.value, "bold $text-accent"),
            "\n",
            (self.card.label, "$foreground"),
            ("\n" + shown_when, "italic $text-muted") if shown_when else "",
        )

    @property
    def highlighted_record(self) -> str:
        return self.card.id


def headline_number(value: str) -> tuple[str, str, str]:
    """'more than 1.69 million hours' -> ('more than ', '1.69', ' million hours')."""
    match = re.search(r"\d[\d,.]*\d|\d", value)
    if match is None:
        return value, "", ""
    return value[: match.start()], match.group(), value[match.end() :]


class BigFigureCard(GridCard, Vertical):
    """A headline figure in presenter mode: its number in large digits, readable from
    the back of a room."""

    def __init__(self, card: Card) -> None:
        super().__init__(id=f"card-{card.key}", classes="figure-card big")
        self.card = card

    def compose(self) -> ComposeResult:
        _before, number, _after = headline_number(self.card.value)
        yield Digits(number or self.card.value, classes="figure-digits")
        # The figure as the article words it ("more than 580 agreements") under it.
        yield Static(
            Content.assemble(
                (self.card.value, "bold $text-accent"), "\n", (self.card.label, "$foreground")
            )
        )


def milestone_row(row: dict[str, Any]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=8, no_wrap=True, style="bold")
    grid.add_column(width=11, no_wrap=True, style="italic")
    grid.add_column(ratio=1)
    grid.add_row(
        Text(row["period"] or str(row["year"])),
        Text(value_label(row["kind"])),
        Text(row["label"]),
    )
    return grid


class Timeline(RecordList):
    """The dated milestones; Shift+Tab goes back to the figure cards."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Figures",
            id="timeline.figures",
            tooltip="Back to the figure cards",
        ),
    ]


class MapLink(Static):
    """Above the figures: where the partners are, a key (8) or a click away. Not
    focusable, so the focus still starts on the first figure."""

    def __init__(self) -> None:
        super().__init__(
            Content.assemble(
                ("◆ Where the partners are: ", "$text-muted"),
                ("the world map", "bold $text-accent underline"),
                (" (8)", "$text-muted"),
            ),
            id="map-link",
        )

    def on_click(self, event: events.Click) -> None:
        self.post_message(ShowTab("map"))


def card_columns(width: int) -> int:
    """Cards per row in ``width`` cells: none narrower than about 26 cells."""
    return 3 if width >= 84 else 2 if width >= 44 else 1


class CardGrid(Grid):
    """The figure cards: as many columns as the width it is given holds.

    Set as it is arranged, from the size it is arranged in: a Resize event of the tab
    is not always sent when the detail panel opens beside it, which left 3 columns
    of cards in a tab 70 cells wide, and the timeline under them laid out wider than
    the tab and cut off at its right edge."""

    # The card Tab and Shift+Tab come to (the first until another takes the focus).
    current: GridCard | None = None

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        columns = card_columns(size.width)
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
        return super().arrange(size, optimal)

    @property
    def cards(self) -> list[GridCard]:
        return list(self.query_children(GridCard))

    @property
    def current_card(self) -> GridCard | None:
        if self.current is not None and self.current.parent is self:
            return self.current
        return next(iter(self.cards), None)

    def move(self, card: GridCard, columns: int, rows: int) -> None:
        """From ``card``, ``columns`` to the right (in reading order) or ``rows`` down,
        by the columns the grid has at its width now. Down from the last row goes on
        to what follows the grid (the timeline); beyond the other edges nothing moves."""
        cards = self.cards
        index, count = cards.index(card), len(cards)
        per_row = max(1, self.styles.grid_size_columns or 1)
        target = index + columns + rows * per_row
        if rows > 0 and target >= count:
            if index // per_row < (count - 1) // per_row:
                target = count - 1  # the last row is short: its last card
            else:
                self.screen.focus_next()
                return
        if 0 <= target < count and target != index:
            cards[target].focus()


class OverviewTab(TabView):
    async def _show_imported(self, imported: ImportedFigures) -> None:
        """Beside the article's figures, the same counted from the office's own list."""
        scroll = self.query_one("#overview-scroll", VerticalScroll)
        grid = CardGrid(
            *(
                Static(
                    Content.assemble((value, "bold $text-accent"), "\n", (label, "$foreground")),
                    classes="figure-card imported-card",
                )
                for value, label in imported.figures
            ),
            id="imported-cards",
        )
        title = Static(
            f"From your imported agreements ({imported.source})",
            classes="section-title",
            id="imported-title",
        )
        await scroll.mount_all([title, grid], before=self.query_one("#timeline-title"))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="overview-scroll"):
            yield Static("Headline figures", classes="section-title")
            yield MapLink()
            yield CardGrid(id="cards")
            yield Static("Timeline", classes="section-title", id="timeline-title")
            yield Timeline(id="timeline")

    def fetch(self, store: Store) -> Any:
        # Imported in the worker thread: the first screen is drawn without it.
        from polyu_tui.data.agreements.view import imported_figures
        from polyu_tui.data.lists import milestones, overview_cards

        today = host(self).today
        imported = store.run(lambda conn: imported_figures(conn, today))
        return store.run(overview_cards), store.run(milestones), imported

    async def show(self, data: Any) -> None:
        cards, dated, imported = data
        card_class = BigFigureCard if host(self).presenter is not None else FigureCard
        await self.query_one("#cards", Grid).mount_all(card_class(card) for card in cards)
        if imported is not None:
            await self._show_imported(imported)
        self.query_one("#timeline", RecordList).set_groups(
            [("", [(row["id"], milestone_row(row)) for row in dated])]
        )
        # At launch nothing has the focus yet: give it to the first card, so arrows,
        # Tab and Enter work from the first key.
        # None if the app is closing as they are mounted (a signal at start-up).
        first = next(iter(self.query(".figure-card")), None)
        # Not while the window is too small: the cards are hidden, and Enter would
        # open one unseen. The app gives the focus back when the window grows.
        if (
            first is not None
            and self.app.focused is None
            and not self.screen.has_class("too-small")
        ):
            first.focus(scroll_visible=False)
