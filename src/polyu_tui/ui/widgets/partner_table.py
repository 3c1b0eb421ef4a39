"""The Partners table: a windowed table (windowed_table.py) of the Partners engine's
rows (data/partners.py), which reads only the rows on screen."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from textual import work
from textual.binding import BindingType
from textual.worker import get_current_worker

from polyu_tui.data.bounded import TimeLimit, time_limit
from polyu_tui.data.format import name_with_acronym, value_label
from polyu_tui.data.partners import (
    PARTNER_PAGE_SIZE,
    PartnerQuery,
    PartnerRow,
    PartnerView,
    partner_view,
    partner_window,
)
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.widgets.windowed_table import WindowedTable, table_bindings

PAGE_SIZE = PARTNER_PAGE_SIZE
SORTS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("kind", "Type"),
    ("country", "Country or region"),
)


def column_widths(width: int, agreements: bool = False) -> tuple[int, int, int, int, int]:
    """Name, type, country, partnership, agreements: the name gets the most room.
    ``agreements``: a column of each partner's imported agreements (none without)."""
    kind_w, country_w = 12, 18
    if width < 70:
        kind_w, country_w = 0, 14
    # A space before each column (and its width) for the agreements column.
    agreements_w = AGREEMENTS_WIDTH if agreements else 0
    rest = max(10, width - kind_w - country_w - 4 - (agreements_w + 1 if agreements else 0))
    name_w = max(10, int(rest * 0.45))
    return name_w, kind_w, country_w, max(0, rest - name_w), agreements_w


AGREEMENTS_WIDTH = 10  # "Agreements"


class PartnerTable(WindowedTable[PartnerQuery, PartnerRow]):
    """Partners, sorted and filtered in SQL, drawn a window at a time."""

    # Styles beside this module, parsed when first used (not before the first frame).
    DEFAULT_CSS = css_beside(__file__, "partner_table.tcss")
    SCOPED_CSS = False

    BINDINGS: ClassVar[list[BindingType]] = table_bindings(
        "partners", "partner", "name, type, country"
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "partner-table--header",
        "partner-table--cursor",
        "partner-table--odd",
        "partner-table--placeholder",
    }
    PAGE_SIZE = PAGE_SIZE
    STYLE_PREFIX = "partner-table"
    SORTS = SORTS

    class Counted(WindowedTable.Counted):
        """The table shows a new query: how many rows it has."""

    def __init__(self, *, id: str | None = None, preload: PartnerView | None = None) -> None:
        super().__init__(PartnerQuery(), id=id, preload=preload)

    @work(thread=True, exit_on_error=False, exclusive=True, group="partner-count")
    def count_rows(self, generation: int, query: PartnerQuery) -> None:
        # A newer filter (the next letter typed) cancels this worker; its SQL stops
        # then too, rather than run on beside the newer one's.
        worker = get_current_worker()

        def read(conn: sqlite3.Connection) -> PartnerView:
            with time_limit(conn, None, cancelled=lambda: worker.is_cancelled):
                return partner_view(conn, query, page_size=PAGE_SIZE)

        try:
            view = self.store.run(read)
        except TimeLimit:
            return
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

    @property
    def with_agreements(self) -> bool:
        """Whether agreements are imported (then each row has a number of them)."""
        row = self.row_at(0) if self.row_count else None
        return row is not None and row.agreements is not None

    def columns(self, width: int) -> list[tuple[str, str, int]]:
        name_w, kind_w, country_w, rel_w, agreements_w = column_widths(width, self.with_agreements)
        shown = [
            ("name", "Name", name_w),
            ("kind", "Type", kind_w),
            ("country", "Country or region", country_w),
            ("", "Partnership", rel_w),
            ("", "Agreements", agreements_w),
        ]
        return [column for column in shown if column[2]]

    def cells(self, row: PartnerRow) -> list[str]:
        # A value from the reference layer, not the article, is marked † (legend: the status).
        widths = column_widths(self.text_width, self.with_agreements)
        name = name_with_acronym(row.name, row.acronym)
        if row.reference_acronym and not row.acronym:
            name = f"{row.name} ({row.reference_acronym} †)"
        cells = [name]
        if widths[1]:
            cells.append(value_label(row.kind) + (" †" if row.kind_reference else ""))
        cells.append(f"{row.country} †" if row.country_reference else row.country or "—")
        if widths[3]:
            cells.append(row.relationship)
        if widths[4]:
            # Right-aligned, blank for none: the partners with agreements stand out.
            cells.append(f"{row.agreements:>{AGREEMENTS_WIDTH},}" if row.agreements else "")
        return cells
