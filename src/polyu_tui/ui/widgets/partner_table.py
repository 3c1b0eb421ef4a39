"""A table that reads only the rows on screen.

It is a ScrollView whose virtual height is the row count; ``render_line`` draws a
row from a small page cache and asks a worker thread for pages it lacks, so
opening, scrolling and jumping cost the same with 26 rows or a million.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from polyu_tui.data.format import name_with_acronym, value_label
from polyu_tui.data.partners import (
    PARTNER_PAGE_SIZE,
    PartnerQuery,
    PartnerRow,
    PartnerView,
    partner_view,
    partner_window,
)
from polyu_tui.ui.cells import fit
from polyu_tui.ui.host import host
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from polyu_tui.data.store import Store

PAGE_SIZE = PARTNER_PAGE_SIZE
# Pages kept in memory; the rest are read again when scrolled back to.
MAX_CACHED_PAGES = 24
SORTS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("kind", "Type"),
    ("country", "Country or region"),
)


def column_widths(width: int) -> tuple[int, int, int, int]:
    """Name, type, country, partnership: the name gets the most room."""
    kind_w, country_w = 12, 18
    if width < 70:
        kind_w, country_w = 0, 14
    rest = max(10, width - kind_w - country_w - 4)
    name_w = max(10, int(rest * 0.45))
    return name_w, kind_w, country_w, max(0, rest - name_w)


class PartnerTable(ReportsWorkerErrors, ScrollView, can_focus=True):
    """Partners, sorted and filtered in SQL, drawn a window at a time."""

    # Styles beside this module, parsed when first used (not before the first frame).
    DEFAULT_CSS = css_beside(__file__, "partner_table.tcss")
    SCOPED_CSS = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j", "cursor_down", "Down", show=False, id="partners.down", tooltip="Next partner"
        ),
        Binding(
            "up,k", "cursor_up", "Up", show=False, id="partners.up", tooltip="Previous partner"
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="partners.pagedown",
            tooltip="A screen further",
        ),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            show=False,
            id="partners.pageup",
            tooltip="A screen back",
        ),
        Binding(
            "home,g", "first", "First", show=False, id="partners.first", tooltip="First partner"
        ),
        Binding("end,G", "last", "Last", show=False, id="partners.last", tooltip="Last partner"),
        Binding("enter", "open", "Open", id="partners.open", tooltip="Open the partner"),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="partners.sort",
            tooltip="Sort by the next column (name, type, country)",
        ),
        Binding(
            "r", "reverse_sort", "Reverse", id="partners.reverse", tooltip="Reverse the sort order"
        ),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "partner-table--header",
        "partner-table--cursor",
        "partner-table--odd",
        "partner-table--placeholder",
    }

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Viewed(Message):
        """A worker read the count and first pages of a query."""

        generation: int
        view: PartnerView

    @dataclass
    class Counted(Message):
        """The table shows a new query: how many rows it has."""

        generation: int
        count: int

    @dataclass
    class PagesLoaded(Message):
        generation: int
        pages: dict[int, list[PartnerRow]]

    def __init__(self, *, id: str | None = None, preload: PartnerView | None = None) -> None:
        super().__init__(id=id)
        self.query_spec = PartnerQuery()
        # Read ahead by the app for the unfiltered table: drawn in the first frame.
        self.preload = preload
        self.row_count = 0
        self.counted = False
        self._generation = 0
        # Pages read, least recently drawn evicted first (the pages on screen are drawn
        # at every refresh, so they stay).
        self._pages: LRUCache[int, list[PartnerRow]] = LRUCache(MAX_CACHED_PAGES)
        self._wanted: set[int] = set()  # pages drawing or a jump asked for, not yet read
        self._pending: set[int] = set()  # pages a worker is reading

    # ------------------------------------------------------------------ data

    @property
    def store(self) -> Store:
        return host(self).store

    def on_mount(self) -> None:
        self.set_query(self.query_spec, self.preload)
        self.preload = None

    def set_query(self, query: PartnerQuery, view: PartnerView | None = None) -> None:
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

    @work(thread=True, exit_on_error=False, exclusive=True, group="partner-count")
    def count_rows(self, generation: int, query: PartnerQuery) -> None:
        view = self.store.run(lambda conn: partner_view(conn, query, page_size=PAGE_SIZE))
        self.post_message(self.Viewed(generation, view))

    @work(thread=True, exit_on_error=False, group="partner-pages")
    def fetch_pages(
        self, generation: int, query: PartnerQuery, pages: list[int], total: int
    ) -> None:
        with self.store.connection() as conn:
            loaded = {
                page: partner_window(conn, query, page * PAGE_SIZE, PAGE_SIZE, total=total)
                for page in pages
            }
        self.post_message(self.PagesLoaded(generation, loaded))

    def on_partner_table_viewed(self, message: Viewed) -> None:
        message.stop()
        # A slower read for a query already replaced is dropped.
        if message.generation == self._generation:
            self._show_view(message.view)

    def _show_view(self, view: PartnerView) -> None:
        self.row_count = view.count
        self.counted = True
        for number, rows in view.pages.items():
            self._pages.set(number, rows)
        self._resize_virtual()
        self.refresh()
        self.post_message(self.Counted(self._generation, view.count))

    def on_partner_table_pages_loaded(self, message: PagesLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        for number, rows in message.pages.items():
            self._pages.set(number, rows)
        self._pending.difference_update(message.pages)
        self.refresh()

    def _visible_pages(self) -> set[int]:
        first = int(self.scroll_offset.y)
        last = first + max(1, self.size.height)
        return {first // PAGE_SIZE, min(last, max(0, self.row_count - 1)) // PAGE_SIZE}

    def _request(self, *pages: int) -> None:
        if not self.counted:
            return
        new = {
            page
            for page in pages
            if 0 <= page * PAGE_SIZE < self.row_count
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
        """The partner under the cursor (None while its page is being read)."""
        row = self.row_at(self.cursor_row) if self.row_count else None
        return row.id if row else None

    def row_at(self, index: int) -> PartnerRow | None:
        page = self._pages.get(index // PAGE_SIZE)
        if page is None:
            return None
        offset = index % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # ------------------------------------------------------------------ drawing

    def _resize_virtual(self) -> None:
        # One header line, then a line per row.
        self.virtual_size = Size(self.size.width, self.row_count + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._resize_virtual()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        row = self.row_at(index)
        if row is None:
            self._request(index // PAGE_SIZE)
            style = self.get_component_rich_style("partner-table--placeholder")
            return Strip([Segment(fit("  …", width), style)], width)
        return self._row(row, index, width)

    def _header(self, width: int) -> Strip:
        name_w, kind_w, country_w, rel_w = column_widths(width)
        arrow = " ▼" if self.query_spec.descending else " ▲"

        def head(key: str, width: int) -> str:
            label = dict(SORTS)[key]
            if key != self.query_spec.sort:
                return fit(label, width)
            # Shorten the label, never the arrow: it is how the user sees the sort.
            return fit(fit(label, width - len(arrow)).rstrip() + arrow, width)

        text = " " + head("name", name_w) + " "
        if kind_w:
            text += head("kind", kind_w) + " "
        text += head("country", country_w) + " " + fit("Partnership", rel_w)
        style = self.get_component_rich_style("partner-table--header")
        return Strip([Segment(fit(text, width), style)], width)

    def _row(self, row: PartnerRow, index: int, width: int) -> Strip:
        name_w, kind_w, country_w, rel_w = column_widths(width)
        # A value from the reference layer, not the article, is marked † (legend: the status).
        name = name_with_acronym(row.name, row.acronym)
        if row.reference_acronym and not row.acronym:
            name = f"{row.name} ({row.reference_acronym} †)"
        text = " " + fit(name, name_w) + " "
        if kind_w:
            kind = value_label(row.kind) + (" †" if row.kind_reference else "")
            text += fit(kind, kind_w) + " "
        country = f"{row.country} †" if row.country_reference else row.country or "—"
        text += fit(country, country_w) + " " + fit(row.relationship, rel_w)
        if index == self.cursor_row and self.has_focus:
            style = self.get_component_rich_style("partner-table--cursor")
        elif index == self.cursor_row:
            style = self.get_component_rich_style("partner-table--cursor").without_color + Style(
                reverse=True
            )
        elif index % 2:
            style = self.get_component_rich_style("partner-table--odd")
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

    def action_cycle_sort(self) -> None:
        keys = [key for key, _ in SORTS]
        following = keys[(keys.index(self.query_spec.sort) + 1) % len(keys)]
        self.set_query(replace(self.query_spec, sort=following, descending=False))

    def action_reverse_sort(self) -> None:
        self.set_query(replace(self.query_spec, descending=not self.query_spec.descending))

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
        name_w, kind_w, country_w, _ = column_widths(self.size.width)
        edges = [
            ("name", name_w + 2),
            ("kind", name_w + kind_w + 3),
            ("country", name_w + kind_w + country_w + 4),
        ]
        for key, edge in edges:
            if x < edge and (key != "kind" or kind_w):
                if key == self.query_spec.sort:
                    self.action_reverse_sort()
                else:
                    self.set_query(replace(self.query_spec, sort=key, descending=False))
                return
