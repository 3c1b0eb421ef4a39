"""A list of records under headings: Enter (or a click) opens the record."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size, Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual, VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from polyu_tui.data.format import name_with_acronym
from polyu_tui.ui.messages import OpenRecord

HEADING_PREFIX = "heading:"


# Indent of the detail lines under a title.
DETAIL_INDENT = 2
# The narrowest a Stacked is laid out at: a detail line needs one column after its
# indent (Content cannot wrap at width 0). A layout pass mid-resize can offer less.
MIN_WIDTH = DETAIL_INDENT + 1


class Stacked(Visual):
    """A title over indented detail lines that wrap under themselves.

    Textual Content rather than a Rich Group, because a list measures every option's
    height when it fills: Content does that in about half the time.
    """

    def __init__(self, title: Content, details: list[Content]) -> None:
        self.title = title
        self.details = details
        self._parts: list[Visual] = [
            title,
            *(Padding(detail, Spacing(0, 0, 0, DETAIL_INDENT)) for detail in details),
        ]

    @property
    def plain(self) -> str:
        indent = " " * DETAIL_INDENT
        return "\n".join([self.title.plain, *(indent + d.plain for d in self.details)])

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for part in self._parts:
            strips.extend(part.render_strips(max(width, MIN_WIDTH), None, style, options))
        if width < MIN_WIDTH:
            strips = [strip.crop(0, max(width, 0)) for strip in strips]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(part.get_optimal_width(rules, container_width) for part in self._parts)

    def get_height(self, rules: RulesMap, width: int) -> int:
        width = max(width, MIN_WIDTH)
        return sum(part.get_height(rules, width) for part in self._parts)


def _content(text: str | Text | Content, style: str) -> Content:
    if isinstance(text, Content):
        return text
    if isinstance(text, Text):
        return Content.from_rich_text(text)
    return Content.styled(text, style)


REFERENCE_LEGEND = "† not in the article: reference"


def marked_name(name: str, acronym: str | None, reference_acronym: str | None) -> Text:
    """'Name (ACR)'; an acronym from the reference layer, not the article, marked '(ACR †)'."""
    if acronym or not reference_acronym:
        return Text(name_with_acronym(name, acronym))
    text = Text(f"{name} ({reference_acronym}")
    text.append(" †", style="dim")
    text.append(")")
    return text


def two_line(title: str | Text | Content, *details: str | Text | Content) -> Stacked:
    """A bold title and indented detail lines that wrap under themselves."""
    return Stacked(_content(title, "bold"), [_content(d, "italic") for d in details if d])


class RecordList(OptionList):
    """Options whose ids are record ids; headings are disabled options.

    It grows to show every option and lets the scrolling container around it do
    the scrolling, so a tab or panel has one scrollbar, not one inside another; the
    container follows the highlight so the keyboard never moves it out of view.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Next item"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous item"),
        Binding("g", "first", "First", show=False, id="list.first", tooltip="First item"),
        Binding("G", "last", "Last", show=False, id="list.last", tooltip="Last item"),
        # OptionList's own Enter, shown: the key bar says a list opens its records.
        Binding("enter", "select", "Open", id="list.open", tooltip="Open the highlighted record"),
    ]

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, links: bool = False
    ) -> None:
        super().__init__(id=id, classes=classes)
        # A detail panel's links extend its history; any other list starts a fresh one.
        self.links = links
        self._drawn_width = 0

    def set_groups(self, groups: list[tuple[str, list[tuple[str, VisualType]]]]) -> None:
        """Replace the options with (heading, [(record id, label)]) groups."""
        options: list[Option | None] = []
        for index, (heading, items) in enumerate(groups):
            if not items:
                continue
            if heading:
                options.append(
                    Option(
                        Text(heading, style="bold"), id=f"{HEADING_PREFIX}{index}", disabled=True
                    )
                )
            seen: set[str] = set()
            for record_id, label in items:
                # An option id must be unique; a record listed twice keeps its first place.
                if record_id in seen:
                    continue
                seen.add(record_id)
                options.append(Option(label, id=f"{index}:{record_id}"))
        self.clear_options()
        self.add_options(options)
        if self.option_count:
            self.highlighted = next(
                (i for i in range(self.option_count) if not self.get_option_at_index(i).disabled),
                None,
            )
        self.refresh_bindings()  # "⏎ Open" while there is something to open

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return self.highlighted_record is not None
        return True

    @property
    def highlighted_record(self) -> str | None:
        """The record id of the highlighted option (None on a heading or nothing)."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if ":" not in option_id or option_id.startswith(HEADING_PREFIX):
            return None
        return option_id.split(":", 1)[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        # OptionList forgets its drawn options (kept without their width) on a Resize
        # event, but Textual does not always send one: when a scroll is refreshed as
        # the detail panel opens, a list that shrank kept lines drawn for its old
        # width, cut off at its new edge. The width drawn at decides here instead.
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._drawn_width = width
            self._clear_caches()
        return super().render_lines(crop)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # A layout pass in the middle of a resize can offer no width at all, where
        # Content cannot wrap (range() with a step of 0); one column is as good.
        padding = self.get_component_styles("option-list--option").padding.width
        return super().get_content_height(container, viewport, max(width, padding + 1))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if ":" in option_id and not option_id.startswith(HEADING_PREFIX):
            self.post_message(OpenRecord(option_id.split(":", 1)[1], from_link=self.links))

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        container = self.parent
        # Only while the user moves through the list: filling it, or a panel opening
        # on a record, leaves the container where it is (the title stays in view).
        if (
            self.highlighted is None
            or not self.has_focus
            or not isinstance(container, ScrollableContainer)
        ):
            return
        # OptionList keeps where each option starts and how tall it is (private, but
        # the only record of it); without them the container is left as it is.
        try:
            line = self._index_to_line[self.highlighted]
            height = self._heights[self.highlighted]
        except (AttributeError, KeyError):
            return
        top_y = self.virtual_region.y + self.gutter.top + line
        container.scroll_to_region(
            Region(0, top_y, 1, height), animate=False, immediate=True, top=top
        )
