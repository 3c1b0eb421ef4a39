"""Presenter mode's own screens: help for visitors, and asking before quitting."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

VISITOR_HELP = """\
[b]How to explore PolyU's partners[/b]

  [b $text-accent]1[/] … [b $text-accent]8[/]      a tab: Overview, Partners, Alliances, …, Map
  [b $text-accent]← ↑ → ↓[/]      move around a list, or between countries on the map
  [b $text-accent]Enter[/]        open what is highlighted: its details and links
  [b $text-accent]Esc[/]          back
  [b $text-accent]/[/]            search for a university, a country, a programme
  [b $text-accent]+ −[/]          zoom the map;  [b $text-accent]z[/] a region of the world

{sources}

Left alone for a while, the screen goes back to the start.

[dim]Press any key to start exploring.[/]"""


ARTICLE_ONLY = """\
Everything comes from one article about PolyU's global network; a † marks
general knowledge added for reference (a country, a city, a place on the map)."""

WITH_AGREEMENTS = """\
The partners and figures come from one article about PolyU's global network,
the agreements from the office's own list; a † marks general knowledge added
for reference (a country, a city, a place on the map)."""


def sources(imported: str) -> str:
    """Where what a visitor sees comes from: the article, and the imported list if any."""
    return WITH_AGREEMENTS if imported else ARTICLE_ONLY


class VisitorHelp(ModalScreen[None]):
    """One screen of "how to explore", for someone who walked up to the booth."""

    DEFAULT_CSS = """
    VisitorHelp { align: center middle; }
    VisitorHelp > Static {
        width: auto; max-width: 90%; height: auto; max-height: 90%;
        padding: 1 3; border: thick $accent; background: $surface;
    }
    """

    def __init__(self, imported: str = "") -> None:
        """``imported``: which agreements were imported ('' for the article alone), as
        the title line says it."""
        super().__init__()
        self.imported = imported

    def compose(self) -> ComposeResult:
        yield Static(VISITOR_HELP.format(sources=sources(self.imported)), id="visitor-help")

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
