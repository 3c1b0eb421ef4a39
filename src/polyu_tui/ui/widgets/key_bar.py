"""The keys that work now, on one line at the bottom; a click on one presses it.

One widget instead of Textual's Footer, which composes a widget per key and
composes them all again whenever the focus moves; this redraws one line.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.keys import key_to_character
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Input

from polyu_tui.ui.host import host
from polyu_tui.ui.styles import css_beside

# The command palette's key, shown at the right end.
PALETTE_KEY = "ctrl+p"
# The record keys (b, y) and the panel's n (next row): shown while a record is in
# focus and the line has room for them after every other key (m Restore, at 64
# columns, goes before n Next).
SPARE = frozenset({"record.brief", "record.copy", "detail.next"})
# Keys whose character Textual's key_to_character does not find by name.
NAMED_CHARACTERS = {"slash": "/"}


def types_text(key: str) -> bool:
    """Whether an input takes this key as text, so a binding on it never fires there."""
    character = key_to_character(key) or NAMED_CHARACTERS.get(key)
    return character is not None and character.isprintable()


class KeyBar(Widget):
    """Every shown binding of the focused widget and its ancestors on the screen on
    top, then the palette."""

    DEFAULT_CSS = css_beside(__file__, "key_bar.tcss")
    SCOPED_CSS = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each label

    def on_mount(self) -> None:
        # The keys of the screen on top: search, help and menus open over this one
        # and leave this line in view.
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self._screen_changed(self.app.screen)

    def _screen_changed(self, screen: Screen[object]) -> None:
        screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.app.screen:
            self.refresh()

    def keys(self) -> list[tuple[str, str, str, bool]]:
        """(key, shown key, description, enabled) for each binding shown, in order; the
        spare ones only while the line (with the palette's key) has room for them."""
        shown = self._shown_bindings()
        room = self.size.width - len(self._palette_label()) if self.size.width else None

        def width(keys: list[tuple[str, str, str, bool, bool]]) -> int:
            return sum(
                len(display) + len(description) + 3 for _, display, description, _, _ in keys
            )

        if room is not None and width(shown) > room:
            shown = [key for key in shown if not key[4]]
        return [
            (key, display, description, enabled) for key, display, description, enabled, _ in shown
        ]

    def _palette_label(self) -> str:
        return f"▏{self.app.get_key_display(Binding(PALETTE_KEY, ''))} palette "

    def _shown_bindings(self) -> list[tuple[str, str, str, bool, bool]]:
        """(key, shown key, description, enabled, spare) for each binding shown."""
        shown: list[tuple[str, str, str, bool, bool]] = []
        actions: set[str] = set()
        typing = isinstance(self.app.focused, Input)
        record = host(self).record_in_focus() is not None
        for _node, binding, enabled, _tooltip in self.app.screen.active_bindings.values():
            if not binding.show or binding.action in actions or binding.key == PALETTE_KEY:
                continue
            key = binding.key.split(",")[0]
            if typing and types_text(key):
                continue  # "q Quit" while q types a q would be a lie
            actions.add(binding.action)
            if binding.id in SPARE and not record:
                continue
            display = self.app.get_key_display(binding)
            shown.append((key, display, binding.description, enabled, binding.id in SPARE))
        return shown

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        description_style = self.get_visual_style("key-bar--description")
        disabled_style = self.get_visual_style("key-bar--disabled")
        parts: list[str | tuple[str, Style]] = []
        spans: list[tuple[int, int, str]] = []
        x = 0
        for key, display, description, enabled in self.keys():
            label = f" {display} "
            parts += [
                (label, key_style if enabled else disabled_style),
                (f"{description} ", description_style if enabled else disabled_style),
            ]
            width = len(label) + len(description) + 1
            spans.append((x, x + width, key))
            x += width
        palette = self._palette_label()
        gap = self.size.width - x - len(palette)
        if gap > 0 and self.app.ENABLE_COMMAND_PALETTE:
            parts += [" " * gap, (palette, key_style)]
            spans.append((x + gap, x + gap + len(palette), PALETTE_KEY))
        self._spans = spans
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
