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

# (padding around each label, gap between labels), widest first.
SPACINGS: tuple[tuple[int, int], ...] = ((1, 1), (1, 0), (0, 1))


@dataclass(frozen=True)
class TabLabel:
    """A tab as the bar names it: its key, its title, and shorter forms of the title."""

    id: str
    key: str
    title: str
    short: tuple[str, ...] = ()  # shorter and shorter: ("Res.",), ("SL",)

    def names(self) -> list[str]:
        """The title, then each shorter form; a title without any is abbreviated
        ("Agreements" to "Agr."), never cut."""
        short = self.short
        if not short and len(self.title) > 5:
            short = (self.title[:3].rstrip("-") + ".",)
        return [self.title, *short]


class TabBar(Widget):
    """Tabs by key and title; the app switches them (number keys, or a click here)."""

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

    def __init__(
        self, tabs: list[tuple[str, str, str]] | list[TabLabel], *, id: str | None = None
    ) -> None:
        """``tabs``: each tab's label, or its (id, key, title)."""
        super().__init__(id=id)
        self.tabs = [tab if isinstance(tab, TabLabel) else TabLabel(*tab) for tab in tabs]
        self.set_reactive(TabBar.active, self.tabs[0].id if self.tabs else "")

    def labels(self) -> list[tuple[int, str, str, str]]:
        """(start, key part, title part, tab id) of each label, as fits the width.

        Every label keeps its key (the only hint that the number keys switch tabs) and
        a whole name: the gaps close up first, then the longest names give way to
        their short forms ("Service-Learning" to "SL"), one at a time.
        """
        width = self.size.width
        forms = [tab.names() for tab in self.tabs]
        chosen = [0] * len(self.tabs)  # which form of each name is shown
        for pad, gap in SPACINGS:
            while True:
                labels = self._layout(pad, gap, [f[i] for f, i in zip(forms, chosen, strict=True)])
                end = labels[-1][0] + len(labels[-1][1]) + len(labels[-1][2]) if labels else 0
                if end <= width:
                    return labels
                if (pad, gap) != SPACINGS[-1] and chosen == [0] * len(chosen):
                    break  # closer together first, with every name whole
                # The longest name shown that has a shorter form gives way.
                longer = [
                    (len(f[i]), index)
                    for index, (f, i) in enumerate(zip(forms, chosen, strict=True))
                    if i + 1 < len(f)
                ]
                if not longer:
                    break
                chosen[max(longer)[1]] += 1
        return labels  # the tightest there is, cut by the edge of a tiny window

    def _layout(self, pad: int, gap: int, names: list[str]) -> list[tuple[int, str, str, str]]:
        labels: list[tuple[int, str, str, str]] = []
        x = 1
        for tab, name in zip(self.tabs, names, strict=True):
            key_part = f"{' ' * pad}{tab.key} "
            title_part = name + " " * pad
            labels.append((x, key_part, title_part, tab.id))
            x += len(key_part) + len(title_part) + gap
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
