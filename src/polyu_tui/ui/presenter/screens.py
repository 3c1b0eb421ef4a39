"""Presenter mode's own screens: help for visitors, and asking before quitting."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

TITLE = "[b]How to explore PolyU's partners[/b]"
# Each key beside what it does; a description wraps under itself on a narrow screen.
KEYS = (
    ("1 … 8", "a tab: Overview, Partners, Alliances, …, Map"),
    ("← ↑ → ↓", "move in a list, or between countries on the map"),
    ("Enter", "open what is highlighted: details and links"),
    ("Esc", "back"),
    ("/", "search for a university, country or programme"),
    ("+ −", "zoom the map in, out"),
    ("z", "the map's next region of the world"),
)
# Paragraphs are single lines: the box wraps them to its width.
ARTICLE_ONLY = (
    "Everything comes from one article about PolyU's global network; a † marks "
    "general knowledge added for reference (a country, a city, a place on the map)."
)
WITH_AGREEMENTS = (
    "The partners and figures come from one article about PolyU's global network, "
    "the agreements from the office's own list; a † marks general knowledge added "
    "for reference (a country, a city, a place on the map)."
)
START = (
    "Press any key to start exploring. Left alone for a while, the screen goes back to the start."
)


def sources(imported: str) -> str:
    """Where what a visitor sees comes from: the article, and the imported list if any."""
    return WITH_AGREEMENTS if imported else ARTICLE_ONLY


class VisitorHelp(ModalScreen[None]):
    """One screen of "how to explore", for someone who walked up to the booth; it fits
    whole down to 64x20 (the last line, how to start, included)."""

    DEFAULT_CSS = """
    VisitorHelp { align: center middle; }
    VisitorHelp > #visitor-help {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 2; border: thick $accent; background: $surface;
    }
    VisitorHelp #visitor-keys {
        grid-size: 2; grid-columns: 9 1fr; grid-gutter: 0 1;
        height: auto; margin: 1 0 0 0;
    }
    VisitorHelp Static { height: auto; }
    VisitorHelp .key { text-style: bold; color: $text-accent; }
    VisitorHelp .paragraph { margin: 1 0 0 0; }
    """

    def __init__(self, imported: str = "") -> None:
        """``imported``: which agreements were imported ('' for the article alone), as
        the title line says it."""
        super().__init__()
        self.imported = imported

    def compose(self) -> ComposeResult:
        with Vertical(id="visitor-help"):
            yield Static(TITLE)
            with Grid(id="visitor-keys"):
                for key, what in KEYS:
                    yield Static(key, classes="key", markup=False)
                    yield Static(what, markup=False)
            for text in (sources(self.imported), START):
                yield Static(text, classes="paragraph", markup=False)

    def on_key(self) -> None:
        self._close()

    def on_click(self) -> None:
        self._close()

    def _close(self) -> None:
        # Keys typed at once all arrive here before the screen has gone: the first
        # closes it, the rest must not pop the screen below it too.
        if self.is_current:
            self.dismiss()


class ConfirmQuit(ModalScreen[bool]):
    """q in presenter mode asks first: a visitor pressing q does not end the demo."""

    DEFAULT_CSS = """
    ConfirmQuit { align: center middle; }
    ConfirmQuit > Vertical {
        width: 40; height: auto; padding: 1 3;
        border: thick $error; background: $surface;
    }
    ConfirmQuit Static { width: 100%; height: auto; text-align: center; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Quit", id="present.quit.yes", tooltip="Quit"),
        Binding("n,escape", "answer(False)", "Stay", id="present.quit.no", tooltip="Stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Quit the presentation?[/]")
            yield Static("y quits · n or Esc stays")

    def action_answer(self, quit_now: bool) -> None:
        self.dismiss(quit_now)
