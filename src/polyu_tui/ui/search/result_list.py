"""Search results, drawn a line at a time.

Results change on every key typed, so the list must cost little to fill and to
draw: it is a ScrollView whose lines are computed when drawn (a heading line per
kind, two lines per result), never measured up front.

It draws its own one-column scroll bar. Textual's scroll bar widget is redrawn
after every layout of the screen, and the search box lays the screen out on every
key: that redraw took a frame of its own, which delayed the next key's results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from polyu_tui.marks import split_marks
from polyu_tui.ui.cells import fit_segments
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.styles import css_beside

# Where a result's title and its detail line start, in cells.
TITLE_INDENT = 1
DETAIL_INDENT = 3
SCROLLBAR_WIDTH = 1


@dataclass(frozen=True)
class ResultLine:
    """One drawn line: a kind's heading, or a result's title or detail."""

    entry: int  # index into ResultList.entries
    part: Literal["heading", "title", "detail"]


@dataclass(frozen=True)
class ResultEntry:
    """A heading (no record id) or a result: its title and a marked snippet."""

    record_id: str | None
    title: str
    snippet: str = ""  # may hold the search core's match marks


@dataclass(frozen=True)
class _LineStyles:
    width: int  # of the text, left of the scroll bar
    scrollbar: Style
    thumb: Style
    base: Style
    heading: Style
    title: Style
    detail: Style
    match: Style
    highlight: Style
    highlight_title: Style

    @classmethod
    def plain(cls, width: int) -> _LineStyles:
        none = Style()
        return cls(width, none, none, none, none, none, none, none, none, none)


class ResultList(ScrollView, can_focus=True):
    """Results under kind headings; Enter (or a click) opens the highlighted one."""

    DEFAULT_CSS = css_beside(__file__, "result_list.tcss")
    SCOPED_CSS = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j", "cursor_down", "Down", show=False, id="results.down", tooltip="Next result"
        ),
        Binding(
            "up,k",
            "cursor_up",
            "Up",
            show=False,
            id="results.up",
            tooltip="Previous result (from the first, back to the query)",
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="results.pagedown",
            tooltip="A screen of results further",
        ),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            show=False,
            id="results.pageup",
            tooltip="A screen of results back",
        ),
        Binding("home,g", "first", "First", show=False, id="results.first", tooltip="First result"),
        Binding("end,G", "last", "Last", show=False, id="results.last", tooltip="Last result"),
        Binding("enter", "open", "Open", id="results.open", tooltip="Open the highlighted result"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "result-list--scrollbar",
        "result-list--scrollbar-thumb",
        "result-list--heading",
        "result-list--title",
        "result-list--detail",
        "result-list--match",
        "result-list--highlight",
    }

    # The index into ``entries`` of the highlighted result (never a heading).
    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class TopReached(Message):
        """Up on the first result, or in an empty list: back to where the query is typed."""

    class EndReached(Message):
        """The last result is highlighted (the screen may have more to show)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[ResultEntry] = []
        self._lines: list[ResultLine] = []
        self._first_line: list[int] = []  # entry index -> its first line
        self._styles: _LineStyles | None = None  # set at the start of each draw

    # ------------------------------------------------------------------ content

    def show(
        self, groups: list[tuple[str, list[tuple[str, str, str]]]], *, keep: str | None = None
    ) -> None:
        """Replace the results with (heading, [(record id, title, snippet)]) groups.

        The result whose record id is ``keep`` is highlighted, else the first.
        """
        entries: list[ResultEntry] = []
        for heading, items in groups:
            if not items:
                continue
            entries.append(ResultEntry(None, heading))
            entries += [ResultEntry(*item) for item in items]
        lines: list[ResultLine] = []
        first_line: list[int] = []
        for index, entry in enumerate(entries):
            first_line.append(len(lines))
            if entry.record_id is None:
                lines.append(ResultLine(index, "heading"))
            else:
                lines.append(ResultLine(index, "title"))
                if entry.snippet:
                    lines.append(ResultLine(index, "detail"))
        self.entries, self._lines, self._first_line = entries, lines, first_line
        self.scroll_to(y=0, animate=False, immediate=True)
        self._resize_virtual()
        results = [i for i, entry in enumerate(entries) if entry.record_id is not None]
        kept = [i for i in results if keep is not None and entries[i].record_id == keep]
        chosen = kept or results
        self.highlighted = chosen[0] if chosen else None

    @property
    def record_ids(self) -> list[str]:
        return [entry.record_id for entry in self.entries if entry.record_id is not None]

    @property
    def headings(self) -> list[str]:
        return [entry.title for entry in self.entries if entry.record_id is None]

    @property
    def highlighted_record(self) -> str | None:
        return self.highlighted_id

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.entries[self.highlighted].record_id

    # ------------------------------------------------------------------ drawing

    def _resize_virtual(self) -> None:
        size = Size(self.size.width, len(self._lines))
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._resize_virtual()
        if self.highlighted is not None:
            self._scroll_into_view(self.highlighted)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Looked up once per draw, not once per line: a widget's style and size are
        # computed afresh each time they are asked for.
        component = self.get_component_rich_style
        base = self.rich_style
        self._styles = _LineStyles(
            width=max(0, self.size.width - SCROLLBAR_WIDTH),
            scrollbar=component("result-list--scrollbar"),
            thumb=component("result-list--scrollbar-thumb"),
            base=base,
            heading=component("result-list--heading"),
            title=base + component("result-list--title", partial=True),
            detail=component("result-list--detail"),
            match=component("result-list--match", partial=True),
            highlight=component("result-list--highlight"),
            highlight_title=component("result-list--highlight")
            + component("result-list--title", partial=True),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        styles = self._styles or _LineStyles.plain(self.size.width - SCROLLBAR_WIDTH)
        bar = self._scrollbar_cell(y, styles)
        return Strip.join([self._text_line(y, styles), bar])

    def _scrollbar_cell(self, y: int, styles: _LineStyles) -> Strip:
        height = self.size.height
        total = len(self._lines)
        style = styles.scrollbar
        if total > height > 0:
            thumb = max(1, round(height * height / total))
            top = round(self.scroll_offset.y * (height - thumb) / (total - height))
            if top <= y < top + thumb:
                style = styles.thumb
        return Strip([Segment(" " * SCROLLBAR_WIDTH, style)], SCROLLBAR_WIDTH)

    def _text_line(self, y: int, styles: _LineStyles) -> Strip:
        width = styles.width
        index = int(self.scroll_offset.y) + y
        if index >= len(self._lines) or width <= 0:
            return Strip.blank(width, styles.base)
        line = self._lines[index]
        entry = self.entries[line.entry]
        if line.part == "heading":
            text = " " * TITLE_INDENT + entry.title
            return fit_segments([Segment(text, styles.heading)], width, styles.heading)
        highlighted = line.entry == self.highlighted
        fill = styles.highlight if highlighted else styles.base
        if line.part == "title":
            style = styles.highlight_title if highlighted else styles.title
            return fit_segments([Segment(" " * TITLE_INDENT + entry.title, style)], width, fill)
        style = fill if highlighted else styles.detail
        match = style + styles.match
        segments = [Segment(" " * DETAIL_INDENT, fill)]
        segments += [
            Segment(piece, match if is_match else style)
            for piece, is_match in split_marks(entry.snippet)
        ]
        return fit_segments(segments, width, fill)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ highlight

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is not None:
            self._scroll_into_view(new)
            if self.has_focus and self._results_from(new + 1, 1) is None:
                self.post_message(self.EndReached())
        self.refresh()

    def _scroll_into_view(self, entry: int) -> None:
        title = self._first_line[entry]
        bottom = title + (2 if self.entries[entry].snippet else 1)
        # The heading above the first result of a kind comes into view with it.
        top = title - 1 if entry > 0 and self.entries[entry - 1].record_id is None else title
        view_top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if bottom - top > height:
            top = title  # too small a window for it all: the title, at least
        if top < view_top or bottom - top > height:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > view_top + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def _results_from(self, start: int, step: int) -> int | None:
        """The first result at or after ``start`` going by ``step``."""
        index = start
        while 0 <= index < len(self.entries):
            if self.entries[index].record_id is not None:
                return index
            index += step
        return None

    def _move(self, step: int, count: int = 1) -> None:
        if self.highlighted is None:
            return
        target = self.highlighted
        for _ in range(count):
            following = self._results_from(target + step, step)
            if following is None:
                break
            target = following
        self.highlighted = target

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self._results_from(self.highlighted - 1, -1) is None:
            self.post_message(self.TopReached())
            return
        self._move(-1)

    def _page(self) -> int:
        # Results are about two lines each.
        return max(1, self.scrollable_content_region.height // 2 - 1)

    def action_page_down(self) -> None:
        self._move(1, self._page())

    def action_page_up(self) -> None:
        self._move(-1, self._page())

    def action_first(self) -> None:
        if self.entries:
            self.highlighted = self._results_from(0, 1)

    def action_last(self) -> None:
        if self.entries:
            self.highlighted = self._results_from(len(self.entries) - 1, -1)

    def action_open(self) -> None:
        record_id = self.highlighted_id
        if record_id is not None:
            self.post_message(OpenRecord(record_id))

    @property
    def allow_vertical_scroll(self) -> bool:
        # Its own bar stands in for Textual's (overflow-y is hidden): the wheel scrolls.
        return self.max_scroll_y > 0

    def on_click(self, event: events.Click) -> None:
        if event.x >= self.size.width - SCROLLBAR_WIDTH and self.max_scroll_y > 0:
            # On the bar: jump there, as a scroll bar does.
            height = max(1, self.size.height - 1)
            self.scroll_to(y=self.max_scroll_y * event.y / height, animate=False)
            return
        index = int(self.scroll_offset.y) + event.y
        if not 0 <= index < len(self._lines):
            return
        entry = self._lines[index].entry
        if self.entries[entry].record_id is not None:
            self.highlighted = entry
            self.action_open()
