"""`?`: every key binding, read from the widgets' own BINDINGS so it stays true."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from polyu_tui.ui.host import host
from polyu_tui.ui.styles import css_beside


def binding_rows(
    bindings: list[BindingType],
    key_display: Callable[[str], str],
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, str]]:
    """(keys, what they do) for each Binding, merging keys that do the same thing;
    each key shown as ``key_display`` names it (the app's, as the key bar does), and
    as the user's ``keymap`` (binding id -> keys) changed it."""
    rows: dict[str, list[str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        text = binding.tooltip or binding.description
        keys = (keymap or {}).get(binding.id or "", binding.key)
        rows.setdefault(text, []).append(", ".join(key_display(key) for key in keys.split(",")))
    return [(", ".join(keys), text) for text, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Lists the keys of every part of the app."""

    DEFAULT_CSS = css_beside(__file__, "help_screen.tcss")
    # The list is longer than a small window: the keys scroll it (the app focuses
    # nothing by itself).
    AUTO_FOCUS = "#help-box"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q", "dismiss", "Close", id="help.close", tooltip="Close this help"
        ),
    ]

    def __init__(
        self,
        sections: list[tuple[str, list[BindingType]]],
        keymap: Mapping[str, str] | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap or {}
        self.notes = notes

    def _key_display(self, key: str) -> str:
        return self.app.get_key_display(Binding(key, ""))

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=14)
        table.add_column()
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            for keys, text in binding_rows(bindings, self._key_display, self.keymap):
                table.add_row(keys, text)
            table.add_row("", "")
        with VerticalScroll(id="help-box"):
            yield Static(Text("polyu-tui keys", style="bold"), id="help-title")
            yield Static(table, id="help-table")
            for note in self.notes:
                yield Static(Text(note), classes="help-note")
            yield Static(f"{self._close_keys()} closes this help.", id="help-footer")
        # Its own, not the one under the shade this screen casts: readable.
        yield host(self).key_bar()

    def _close_keys(self) -> str:
        """The keys that close the help, as the user's keymap has them: 'esc, ? or q'."""
        [binding] = [b for b in self.BINDINGS if isinstance(b, Binding)]
        keys = [self._key_display(k) for k in self.keymap.get("help.close", binding.key).split(",")]
        return " or ".join([", ".join(keys[:-1]), keys[-1]]) if len(keys) > 1 else keys[0]

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
