"""A tab's filter box: typed keys are text, Escape leaves it for the rows it filters.

In a text box digits, q and ? are text (a user may filter for "3"), so the tab and
quit keys cannot work there; Escape is the way out, as in posting and harlequin, and
the key bar says so while the box has the focus.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.css.query import NoMatches

from polyu_tui.ui.widgets.ordered_input import OrderedInput


class FilterInput(OrderedInput):
    """A filter box; Escape moves the focus to the widget ``leave_to`` names, the
    filter kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "leave",
            "To table",
            id="filter.leave",
            tooltip="Leave the filter for the table (what is typed stays)",
        ),
    ]

    def __init__(self, *, leave_to: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.leave_to = leave_to

    def action_leave(self) -> None:
        try:
            self.screen.query_one(self.leave_to).focus()
        except NoMatches:
            self.screen.focus_next()
