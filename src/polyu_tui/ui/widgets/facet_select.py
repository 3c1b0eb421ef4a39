"""A one-line facet: it shows its choice; Enter opens a menu of values with counts.

Textual's Select composes its drop-down list (and that list's scrollbars) up front;
three of them made up about half of the time the Partners tab took to open. This
draws one line, and composes its menu only when it is opened.
"""

from __future__ import annotations

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
from textual.widgets.option_list import Option

from polyu_tui.ui.styles import css_beside

ANY_ID = "any"


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

    class Changed(Message):
        def __init__(self, facet: FacetSelect, value: str | None) -> None:
            self.facet = facet
            self.value = value
            super().__init__()

        @property
        def control(self) -> FacetSelect:
            return self.facet

    def __init__(self, heading: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="facet")
        self.heading = heading  # "Type": shown as "Type: any" or "Type: University"
        self.options: list[tuple[str, str, int]] = []  # (label, value, count)

    def set_options(self, options: list[tuple[str, str, int]]) -> None:
        """New values and counts; the choice stays if it is still among them."""
        self.options = list(options)
        if self.value is not None and all(value != self.value for _, value, _ in self.options):
            self.value = None
        self.refresh()

    def clear(self) -> None:
        self.value = None

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    @property
    def any_label(self) -> str:
        return f"{self.heading}: any"

    @property
    def label(self) -> str:
        """The choice, without its count: the status line under it counts the rows."""
        chosen = next((label for label, v, _ in self.options if v == self.value), None)
        return self.any_label if chosen is None else f"{self.heading}: {chosen}"

    def menu_labels(self) -> list[str]:
        """What the menu lists: any, then each value with its count."""
        return [
            self.any_label,
            *(f"{self.heading}: {label} ({count:,})" for label, _, count in self.options),
        ]

    def render(self) -> Content:
        return Content.assemble(self.label, (" ▼", "$text-muted"))

    def action_open(self) -> None:
        self.app.push_screen(FacetMenu(self))

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

    def compose(self) -> ComposeResult:
        labels = self.facet.menu_labels()
        options = [Option(labels[0], id=ANY_ID)]
        options += [Option(label, id=f"value-{i}") for i, label in enumerate(labels[1:])]
        yield OptionList(*options, id="facet-menu-list")

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        region = self.facet.region
        # Under the facet, as wide as it (or as its longest value, within the screen).
        width = max(region.width, *(len(label) + 4 for label in self.facet.menu_labels()))
        width = min(width, self.size.width)
        menu.styles.width = width
        menu.styles.offset = (min(region.x, max(0, self.size.width - width)), region.y + 1)
        values = [value for _, value, _ in self.facet.options]
        current = self.facet.value
        menu.highlighted = values.index(current) + 1 if current in values else 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ANY_ID
        self.facet.value = (
            None if option_id == ANY_ID else self.facet.options[int(option_id.split("-")[1])][1]
        )
        self.dismiss()

    def on_click(self, event: events.Click) -> None:
        # A click outside the menu closes it.
        if event.widget is self:
            self.dismiss()
