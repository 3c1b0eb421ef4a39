"""The tab names on one line, with their keys, over a rule that marks the open tab.

One widget instead of Textual's Tabs (a widget per tab plus an animated underline):
the first frame of the app is drawn in about half the time, and switching tabs
redraws two lines instead of animating for a third of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget

from polyu_tui.ui.styles import css_beside


class TabBar(Widget):
    """Tabs by key and title; the app switches them (keys 1–6, or a click here)."""

    DEFAULT_CSS = css_beside(__file__, "tab_bar.tcss")
    SCOPED_CSS = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tab-bar--key",
        "tab-bar--title",
        "tab-bar--active",
        "tab-bar--rule",
        "tab-bar--rule-active",
    }

    active: reactive[str] = reactive("")

    @dataclass
    class Clicked(Message):
        tab_id: str

    def __init__(self, tabs: list[tuple[str, str, str]], *, id: str | None = None) -> None:
        """``tabs``: (id, key, title) of each tab, in order."""
        super().__init__(id=id)
        self.tabs = tabs
        self.set_reactive(TabBar.active, tabs[0][0] if tabs else "")

    def labels(self) -> list[tuple[int, str, str, str]]:
        """(start, key part, title part, tab id) of each label, as fits the width.

        With keys ("1 Overview") when they fit; without them at 80 columns; closer
        together below that (the last is cut only below 64 columns).
        """
        # (keys shown, padding around each title, gap between labels), widest first.
        for show_keys, pad, gap in ((True, 1, 1), (False, 1, 1), (False, 1, 0), (False, 0, 1)):
            labels: list[tuple[int, str, str, str]] = []
            x = 1
            for tab_id, key, title in self.tabs:
                key_part = f" {key} " if show_keys else " " * pad
                title_part = title + " " * pad
                labels.append((x, key_part, title_part, tab_id))
                x += len(key_part) + len(title_part) + gap
            if x - gap <= self.size.width:
                break
        return labels

    def spans(self) -> list[tuple[int, int, str]]:
        """(start, end, tab id) of each tab's label on the line."""
        return [(x, x + len(k) + len(t), tab_id) for x, k, t, tab_id in self.labels()]

    def render(self) -> Content:
        key_style = self.get_visual_style("tab-bar--key")
        title_style = self.get_visual_style("tab-bar--title")
        active_style = self.get_visual_style("tab-bar--active")
        parts: list[str | tuple[str, Style]] = []
        x = 0
        marked_from = marked_to = 0  # where the rule under the open tab is lit
        for start, key_part, title_part, tab_id in self.labels():
            active = tab_id == self.active
            parts += [
                " " * (start - x),
                (key_part, active_style if active else key_style),
                (title_part, active_style if active else title_style),
            ]
            x = start + len(key_part) + len(title_part)
            if active:
                marked_from, marked_to = start, x
        width = self.size.width
        start, end = min(marked_from, width), min(marked_to, width)
        rule = self.get_visual_style("tab-bar--rule")
        marked = self.get_visual_style("tab-bar--rule-active")
        parts += [
            "\n",
            ("━" * start, rule),
            ("━" * (end - start), marked),
            ("━" * (width - end), rule),
        ]
        return Content.assemble(*parts)

    def watch_active(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        for start, end, tab_id in self.spans():
            if start <= event.x < end:
                self.post_message(self.Clicked(tab_id))
                return
