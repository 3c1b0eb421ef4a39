"""The detail panel's trail of records, on one line, fitted to its width.

The most recent names are kept: earlier ones give way to "…" first, and a name that
is cut ends at a word, with an ellipsis, never in the middle of one.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from polyu_tui.ui.cells import cut_at_word

SEPARATOR = " › "
ELLIPSIS = "…"
# The fewest cells a cut name keeps before the "… › " of earlier names gives way to it.
MIN_CUT_NAME = 12


def fit_trail(names: list[str], width: int) -> tuple[bool, list[str]]:
    """(whether earlier names were left out, the names shown) so that the trail fits
    ``width`` cells: as many of the latest names as fit whole, the oldest of them cut
    at a word if even the latest alone is too long."""
    if not names or width <= 0:
        return False, []
    shown: list[str] = []
    used = 0
    for index, name in enumerate(reversed(names)):
        dropped = index < len(names) - 1  # names before this one would be left out
        extra = cell_len(name) + (cell_len(SEPARATOR) if shown else 0)
        prefix = cell_len(ELLIPSIS + SEPARATOR) if dropped else 0
        if used + extra + prefix <= width:
            shown.insert(0, name)
            used += extra
            continue
        if not shown:
            # The latest name alone is too long: cut it at a word (after "… › " if
            # that leaves it room enough to read).
            room = width - 1 - prefix
            if room < MIN_CUT_NAME:
                prefix, room = 0, width - 1
            if room < 1:
                return False, []
            return prefix > 0, [cut_at_word(name, room) + ELLIPSIS]
        return True, shown
    return False, shown


class Breadcrumb(Widget):
    """Names from the first record opened to the current one; shown from the second."""

    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: list[str] = []

    def set_names(self, names: list[str]) -> None:
        self.names = list(names)
        # One record is its own heading: the trail would only say its name twice.
        self.display = len(self.names) > 1
        self.refresh()

    @property
    def plain(self) -> str:
        return self.render().plain

    def render(self) -> Content:
        dropped, shown = fit_trail(self.names, self.content_region.width or 80)
        parts: list[str | tuple[str, str]] = []
        if dropped:
            parts.append((ELLIPSIS + SEPARATOR, "dim"))
        for index, name in enumerate(shown):
            last = index == len(shown) - 1
            parts.append((name, "bold" if last else ""))
            if not last:
                parts.append((SEPARATOR, "dim"))
        return Content.assemble(*parts)
