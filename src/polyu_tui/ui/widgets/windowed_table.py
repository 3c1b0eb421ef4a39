"""A table that reads only the rows on screen: the Partners and Agreements tables.

It is a ScrollView whose virtual height is the row count; ``render_line`` draws a
row from a small page cache and asks a worker thread for pages it lacks, so
opening, scrolling and jumping cost the same with 26 rows or a million. A subclass
says how to read a view and a window of its rows, which columns it has, and how a
row is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from polyu_tui.ui.cells import fit
from polyu_tui.ui.columns import Column, allocate
from polyu_tui.ui.host import host
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from polyu_tui.data.store import Store

# Pages kept in memory; the rest are read again when scrolled back to.
MAX_CACHED_PAGES = 24
# How long the cursor rests on a row before an open detail panel follows it: a held
# j reads one record when it stops, not one per row passed.
FOLLOW_SECONDS = 0.15


class SortedQuery(Protocol):
    """A frozen dataclass with a sort column and a direction."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def sort(self) -> str: ...

    @property
    def descending(self) -> bool: ...


class RowWithId(Protocol):
    @property
    def id(self) -> str: ...


class FirstView(Protocol):
    """A view's first read: its query, row count and first pages."""

    @property
    def query(self) -> Any: ...

    @property
    def count(self) -> int: ...

    @property
    def pages(self) -> dict[int, Any]: ...


Q = TypeVar("Q", bound=SortedQuery)
R = TypeVar("R", bound=RowWithId)


def table_bindings(prefix: str, noun: str, sorts: str) -> list[BindingType]:
    """The keys of a windowed table; ``prefix`` names them for the keymap and help."""
    return [
        Binding("down,j", "cursor_down", "Down", show=False, id=f"{prefix}.down",
                tooltip=f"Next {noun}"),
        Binding("up,k", "cursor_up", "Up", show=False, id=f"{prefix}.up",
                tooltip=f"Previous {noun}"),
        Binding("pagedown", "page_down", "Page down", show=False, id=f"{prefix}.pagedown",
                tooltip="A screen further"),
        Binding("pageup", "page_up", "Page up", show=False, id=f"{prefix}.pageup",
                tooltip="A screen back"),
        Binding("home,g", "first", "First", show=False, id=f"{prefix}.first",
                tooltip=f"First {noun}"),
        Binding("end,G", "last", "Last", show=False, id=f"{prefix}.last",
                tooltip=f"Last {noun}"),
        Binding("enter", "open", "Open", id=f"{prefix}.open", tooltip=f"Open the {noun}"),
        Binding("s", "cycle_sort", "Sort", id=f"{prefix}.sort",
                tooltip=f"Sort by the next column ({sorts})"),
        Binding("r", "reverse_sort", "Reverse", id=f"{prefix}.reverse",
                tooltip="Reverse the sort order"),
    ]  # fmt: skip


class WindowedTable(ReportsWorkerErrors, ScrollView, Generic[Q, R], can_focus=True):
    """Rows sorted and filtered in SQL, drawn a window at a time."""

    PAGE_SIZE: ClassVar[int] = 100
    # The component classes' prefix: "partner-table" gives partner-table--header, ...
    STYLE_PREFIX: ClassVar[str] = "windowed-table"
    # Sort keys in the order 's' steps through them, with their column labels.
    SORTS: ClassVar[tuple[tuple[str, str], ...]] = ()
    # The columns, in order; how they share the width: polyu_tui.ui.columns.
    COLUMNS: ClassVar[tuple[Column, ...]] = ()

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Viewed(Message):
        """A worker read the count and first pages of a query."""

        generation: int
        view: Any

    @dataclass
    class Counted(Message):
        """The table shows a new query: how many rows it has."""

        generation: int
        count: int

    @dataclass
    class PagesLoaded(Message):
        generation: int
        pages: dict[int, list[Any]]

    @dataclass
    class CursorRested(Message):
        """The cursor the user moved rests on a row, its record read: an open detail
        panel shows it (the app decides)."""

        record_id: str

    def __init__(self, query: Q, *, id: str | None = None, preload: FirstView | None = None):
        super().__init__(id=id)
        self.query_spec: Q = query
        # Read ahead for the first frame (the app's read of the unfiltered Partners).
        self.preload = preload
        self.row_count = 0
        self.counted = False
        self._generation = 0
        # Pages read, least recently drawn evicted first (the pages on screen are drawn
        # at every refresh, so they stay).
        self._pages: LRUCache[int, list[R]] = LRUCache(MAX_CACHED_PAGES)
        self._wanted: set[int] = set()  # pages drawing or a jump asked for, not yet read
        self._pending: set[int] = set()  # pages a worker is reading
        # The cursor moved: CursorRested is due once it rests and its row is read.
        self._following = False
        self._follow_timer: Timer | None = None

    # ------------------------------------------------------------------ what a subclass says

    def count_rows(self, generation: int, query: Q) -> object:
        """A worker: read the view's count and first page, post Viewed."""
        raise NotImplementedError

    def fetch_pages(self, generation: int, query: Q, pages: list[int], total: int) -> object:
        """A worker: read these pages, post PagesLoaded."""
        raise NotImplementedError

    def cells(self, row: R) -> dict[str, str]:
        """A row's text, keyed by the keys of ``COLUMNS``."""
        raise NotImplementedError

    def row_style(self, row: R, index: int) -> Style | None:
        """A style for a row other than the cursor and the stripes (None: those)."""
        return None

    # ------------------------------------------------------------------ data

    @property
    def store(self) -> Store:
        return host(self).store

    def on_mount(self) -> None:
        self.set_query(self.query_spec, self.preload)
        self.preload = None

    def set_query(self, query: Q, view: FirstView | None = None) -> None:
        """Show another filter or sort: forget the cache and count again."""
        self.query_spec = query
        self._generation += 1
        self._pages.clear()
        self._wanted.clear()
        self._pending.clear()
        self.counted = False
        self.cursor_row = 0
        self.scroll_to(y=0, animate=False)
        if view is not None and view.query == query:
            self._show_view(view)
        else:
            self.count_rows(self._generation, query)

    def on_windowed_table_viewed(self, message: WindowedTable.Viewed) -> None:
        message.stop()
        # A slower read for a query already replaced is dropped.
        if message.generation == self._generation:
            self._show_view(message.view)

    def _show_view(self, view: FirstView) -> None:
        self.row_count = view.count
        self.counted = True
        for number, rows in view.pages.items():
            self._pages.set(number, rows)
        self._resize_virtual()
        self.refresh()
        self.post_message(self.Counted(self._generation, view.count))
        self._follow_if_read()

    def on_windowed_table_pages_loaded(self, message: WindowedTable.PagesLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        for number, rows in message.pages.items():
            self._pages.set(number, rows)
        self._pending.difference_update(message.pages)
        self.refresh()
        self._follow_if_read()

    def _visible_pages(self) -> set[int]:
        first = int(self.scroll_offset.y)
        last = first + max(1, self.size.height)
        size = self.PAGE_SIZE
        return {first // size, min(last, max(0, self.row_count - 1)) // size}

    def _request(self, *pages: int) -> None:
        if not self.counted:
            return
        new = {
            page
            for page in pages
            if 0 <= page * self.PAGE_SIZE < self.row_count
            and page not in self._pages
            and page not in self._pending
        }
        if not new:
            return
        if not self._wanted:
            # Once the current message is handled: every page one redraw asks for, or a
            # jump and its redraw, go to one worker.
            self.call_later(self._flush_requests)
        self._wanted |= new

    def _flush_requests(self) -> None:
        wanted = sorted(self._wanted - self._pages.keys() - self._pending)
        self._wanted.clear()
        if wanted:
            self._pending.update(wanted)
            self.fetch_pages(self._generation, self.query_spec, wanted, self.row_count)

    @property
    def highlighted_record(self) -> str | None:
        """The record under the cursor (None while its page is being read)."""
        row = self.row_at(self.cursor_row) if self.row_count else None
        return row.id if row else None

    def row_at(self, index: int) -> R | None:
        page = self._pages.get(index // self.PAGE_SIZE)
        if page is None:
            return None
        offset = index % self.PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def cached_pages(self) -> int:
        """How many pages are in memory (a few, never the whole list)."""
        return len(self._pages)

    # ------------------------------------------------------------------ drawing

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"{self.STYLE_PREFIX}--{part}")

    def _resize_virtual(self) -> None:
        # One header line, then a line per row.
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._resize_virtual()

    @property
    def text_width(self) -> int:
        """The cells a row may fill: the width less the scroll bar's gutter (kept even
        when no bar shows), so the last column ends in view, with its ellipsis."""
        return self.scrollable_content_region.width

    def columns(self, width: int) -> list[tuple[Column, int]]:
        """The columns shown in a row ``width`` cells wide (after its leading space),
        with their widths."""
        shown = self.shown_columns()
        widths = allocate(shown, width - 1)
        return [(column, widths[column.key]) for column in shown if column.key in widths]

    def shown_columns(self) -> tuple[Column, ...]:
        """The columns this table has now (all of ``COLUMNS`` unless a subclass says)."""
        return self.COLUMNS

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        row = self.row_at(index)
        if row is None:
            self._request(index // self.PAGE_SIZE)
            return Strip([Segment(fit("  …", width), self._style("placeholder"))], width)
        return self._row(row, index, width)

    def _header(self, width: int) -> Strip:
        arrow = " ▼" if self.query_spec.descending else " ▲"
        heads = []
        for column, cell_w in self.columns(width):
            label = column.label
            if column.sort and column.sort == self.query_spec.sort:
                # Shorten the label, never the arrow: it is how the user sees the sort.
                heads.append(fit(fit(label, cell_w - len(arrow)).rstrip() + arrow, cell_w))
            else:
                heads.append(fit(label, cell_w))
        text = " " + " ".join(heads)
        return Strip([Segment(fit(text, width), self._style("header"))], width)

    def _row(self, row: R, index: int, width: int) -> Strip:
        cells = self.cells(row)
        text = " " + " ".join(
            fit(cells[column.key], cell_w) for column, cell_w in self.columns(width)
        )
        if index == self.cursor_row and self.has_focus:
            style = self._style("cursor")
        elif index == self.cursor_row:
            # The table's own colours, reversed (not the terminal's, which may be
            # any): as readable as its text.
            style = self._style("cursor").without_color + self.rich_style + Style(reverse=True)
        else:
            special = self.row_style(row, index)
            if special is not None:
                style = special
            elif index % 2:
                style = self._style("odd")
            else:
                style = self.rich_style
        return Strip([Segment(fit(text, width), style)], width)

    # ------------------------------------------------------------------ cursor

    def watch_cursor_row(self, old: int, new: int) -> None:
        page_rows = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + page_rows:
            self.scroll_to(y=new - page_rows + 1, animate=False, immediate=True)
        # Ask for the rows now, not when the redraw finds them missing.
        self._request(*self._visible_pages())
        self.refresh()
        if self.has_focus:
            self.follow_cursor()

    def follow_cursor(self, delay: float | None = None) -> None:
        """Post CursorRested once the cursor has rested ``delay`` seconds (by default
        FOLLOW_SECONDS) and its row is read (a page read for it posts it then)."""
        if delay is None:
            delay = FOLLOW_SECONDS
        self._following = True
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        if delay > 0:
            self._follow_timer = self.set_timer(delay, self._cursor_rested)
        else:
            self.call_later(self._cursor_rested)  # a Timer of 0 seconds divides by it

    def _cursor_rested(self) -> None:
        self._follow_timer = None
        row = self.row_at(self.cursor_row) if self.row_count else None
        if row is not None:
            self._following = False
            self.post_message(self.CursorRested(row.id))

    def _follow_if_read(self) -> None:
        if self._following and self._follow_timer is None:
            self._cursor_rested()

    def _move(self, delta: int) -> None:
        if self.row_count:
            self.cursor_row = max(0, min(self.row_count - 1, self.cursor_row + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self._move(-max(1, self.size.height - 2))

    def action_first(self) -> None:
        self._move(-self.row_count)

    def action_last(self) -> None:
        self._move(self.row_count)

    def action_open(self) -> None:
        row = self.row_at(self.cursor_row)
        if row is not None:
            self.post_message(OpenRecord(row.id))

    def sort_by(self, key: str) -> None:
        """Sort by ``key``, ascending; the column already sorted by is reversed."""
        if key == self.query_spec.sort:
            self.action_reverse_sort()
        else:
            self.set_query(replace(self.query_spec, sort=key, descending=False))

    def action_cycle_sort(self) -> None:
        keys = [key for key, _ in self.SORTS]
        following = keys[(keys.index(self.query_spec.sort) + 1) % len(keys)]
        self.set_query(replace(self.query_spec, sort=following, descending=False))

    def action_reverse_sort(self) -> None:
        flipped = not self.query_spec.descending
        self.set_query(replace(self.query_spec, descending=flipped))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self._sort_by_header_x(event.x)
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < self.row_count:
            self.cursor_row = index
            self.action_open()

    def _sort_by_header_x(self, x: int) -> None:
        edge = 1  # the row's leading space
        for column, cell_w in self.columns(self.text_width):
            edge += cell_w + 1
            if x < edge:
                if column.sort:
                    self.sort_by(column.sort)
                return
