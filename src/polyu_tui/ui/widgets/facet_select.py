"""A one-line facet: it shows its choice; Enter opens a menu of values with counts.

Textual's Select composes its drop-down list (and that list's scrollbars) up front;
three of them made up about half of the time the Partners tab took to open. This
draws one line, and composes its menu only when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList

from polyu_tui.data.bounded import format_count
from polyu_tui.ui.styles import css_beside

# Rows of the menu at most; it scrolls beyond.
MENU_MAX_HEIGHT = 20


class FacetSelect(Widget, can_focus=True):
    """A value of one facet, or none ("any")."""

    # Styles beside this module, parsed when first used (not before the first frame).
    DEFAULT_CSS = css_beside(__file__, "facet_select.tcss")
    SCOPED_CSS = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,space,down",
            "open",
            "Choose",
            id="facet.open",
            tooltip="Choose a value of this facet",
        ),
        Binding(
            "backspace,delete",
            "clear",
            "Any",
            show=False,
            id="facet.clear",
            tooltip="Any value of this facet again",
        ),
    ]

    value: reactive[str | None] = reactive[str | None](None, init=False)

    @dataclass
    class Changed(Message):
        facet: FacetSelect
        value: str | None

        @property
        def control(self) -> FacetSelect:
            return self.facet

    def __init__(self, heading: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="facet")
        self.heading = heading  # "Type": shown as "Type: any" or "Type: University"
        self.options: list[tuple[str, str, int]] = []  # (label, value, count)
        self.estimated = False  # the counts are estimates (shown "≈ 120k")
        self.menu: FacetMenu | None = None  # while it is open

    def set_options(self, options: list[tuple[str, str, int]], *, estimated: bool = False) -> None:
        """New values and counts (``estimated``: read from a sample, see data/bounded.py).
        The choice always stays, with a count of 0 if the filter now leaves none of it:
        it still filters the table, so the label must say so (dropping it here would
        show "any" over a table it still narrows)."""
        chosen = next(((label, v) for label, v, _ in self.options if v == self.value), None)
        self.options = list(options)
        self.estimated = estimated
        if chosen is not None and all(value != self.value for _, value, _ in self.options):
            self.options.append((chosen[0], chosen[1], 0))
        self.refresh()
        if self.menu is not None:
            # Counts for a newer filter arrived while the menu is open: show those.
            self.menu.fill()

    def clear(self) -> None:
        self.value = None

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    @property
    def any_label(self) -> str:
        return f"{self.heading}: any"

    @property
    def chosen(self) -> str | None:
        """The chosen value's label, without its count (the status line counts the rows)."""
        return next((label for label, v, _ in self.options if v == self.value), None)

    @property
    def label(self) -> str:
        chosen = self.chosen
        return self.any_label if chosen is None else f"{self.heading}: {chosen}"

    def menu_labels(self) -> list[str]:
        """What the menu lists: any, then each value with its count."""
        return [
            self.any_label,
            *(
                f"{self.heading}: {label} ({format_count(count, exact=not self.estimated)})"
                for label, _, count in self.options
            ),
        ]

    def render(self) -> Content:
        label = self.label
        if len(label) + 2 > self.content_region.width:
            # Narrow (80 columns): the choice alone, or the facet's name while any.
            label = self.chosen or self.heading
        return Content.assemble(label, (" ▼", "$text-muted"))

    def action_open(self) -> None:
        self.menu = FacetMenu(self)

        def closed(_: None) -> None:
            self.menu = None

        self.app.push_screen(self.menu, closed)

    def action_clear(self) -> None:
        self.clear()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()


class FacetMenu(ModalScreen[None]):
    """The values of a facet in a list under it; Enter chooses, Escape leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="facet.menu.close", tooltip="Keep the choice"),
    ]

    def __init__(self, facet: FacetSelect) -> None:
        super().__init__(classes="facet-menu")
        self.facet = facet
        # The values as listed now: a choice maps through these, even if the facet's
        # options change while the menu is open.
        self.values: list[str | None] = []

    def compose(self) -> ComposeResult:
        # A country or kind is text, never markup.
        yield OptionList(id="facet-menu-list", markup=False)

    def on_mount(self) -> None:
        self.fill()
        self.query_one(OptionList).focus()

    def fill(self) -> None:
        """List the facet's values now, keeping the highlighted one if it is still there."""
        menu = self.query_one(OptionList)
        highlighted = (
            self.values[menu.highlighted]
            if menu.highlighted is not None and menu.highlighted < len(self.values)
            else self.facet.value
        )
        labels = self.facet.menu_labels()
        self.values = [None, *(value for _, value, _ in self.facet.options)]
        menu.set_options(labels)
        menu.highlighted = self.values.index(highlighted) if highlighted in self.values else 0
        self._place(menu, labels)

    def _place(self, menu: OptionList, labels: list[str]) -> None:
        """Under the facet, or over it when there is more room there; within the screen."""
        region = self.facet.region
        screen_width, screen_height = self.size
        width = min(max(region.width, *(len(label) + 4 for label in labels)), screen_width)
        wanted = len(labels) + 2  # and the border
        below = screen_height - (region.y + 1)
        if wanted <= below or below >= region.y:
            height, y = min(wanted, below, MENU_MAX_HEIGHT), region.y + 1
        else:
            height = min(wanted, region.y, MENU_MAX_HEIGHT)
            y = region.y - height
        menu.styles.width = width
        menu.styles.height = max(3, height)
        menu.styles.offset = (min(region.x, max(0, screen_width - width)), y)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.facet.value = self.values[event.option_index]
        self.dismiss()

    def on_click(self, event: events.Click) -> None:
        # A click outside the menu closes it.
        if event.widget is self:
            self.dismiss()
