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
from polyu_tui.ui.columns import Column
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.widgets.windowed_table import WindowedTable, table_bindings

PAGE_SIZE = PARTNER_PAGE_SIZE
SORTS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("kind", "Type"),
    ("country", "Country or region"),
)


# The name shrinks last: 24 cells tell "University of Maryland" from "University of
# Primorska". Type is left out first, then the agreements, then Partnership
# (polyu_tui.ui.columns).
AGREEMENTS_WIDTH = 10  # "Agreements"
COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", minimum=24, ideal=28, sort="name", grow=1),
    Column("kind", "Type", minimum=10, ideal=12, sort="kind", drop=3),
    # "Mainland China †" whole at 16; the header is shorter than the sort's name.
    Column("country", "Country", minimum=11, ideal=16, sort="country"),
    Column("relationship", "Partnership", minimum=16, ideal=30, drop=1, grow=1),
    # Only when agreements are imported.
    Column("agreements", "Agreements", AGREEMENTS_WIDTH, AGREEMENTS_WIDTH, drop=2),
)


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
    COLUMNS = COLUMNS

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

    def shown_columns(self) -> tuple[Column, ...]:
        if self.with_agreements:
            return self.COLUMNS
        return tuple(column for column in self.COLUMNS if column.key != "agreements")

    def cells(self, row: PartnerRow) -> dict[str, str]:
        # A value from the reference layer, not the article, is marked † (legend: the status).
        name = name_with_acronym(row.name, row.acronym)
        if row.reference_acronym and not row.acronym:
            name = f"{row.name} ({row.reference_acronym} †)"
        return {
            "name": name,
            "kind": value_label(row.kind) + (" †" if row.kind_reference else ""),
            "country": f"{row.country} †" if row.country_reference else row.country or "—",
            "relationship": row.relationship,
            # Right-aligned, blank for none: the partners with agreements stand out.
            "agreements": f"{row.agreements:>{AGREEMENTS_WIDTH},}" if row.agreements else "",
        }
