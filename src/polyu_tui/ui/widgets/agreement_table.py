"""The Agreements table: a windowed table (windowed_table.py) of imported agreements
(data/agreements/view.py), which reads only the rows on screen."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import work
from textual.binding import BindingType

from polyu_tui.data.agreements.view import (
    AGREEMENT_PAGE_SIZE,
    AGREEMENT_SORTS,
    STATUS_LABELS,
    TYPE_LABELS,
    AgreementRow,
    AgreementView,
    ListQuery,
    agreement_view,
    agreement_window,
)
from polyu_tui.ui.columns import Column
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.widgets.windowed_table import WindowedTable, table_bindings

PAGE_SIZE = AGREEMENT_PAGE_SIZE


# The partner shrinks last, then the unit ("School of Hotel and Tourism Management"):
# the unit is left out first, then the start date, the type and the end
# (polyu_tui.ui.columns).
COLUMNS: tuple[Column, ...] = (
    Column("partner", "Partner", minimum=24, ideal=30, sort="partner", grow=2),
    Column("type", "Type", minimum=10, ideal=16, sort="type", drop=3),
    Column("unit", "PolyU unit", minimum=16, ideal=38, sort="unit", drop=5, grow=1),
    Column("start", "Start", minimum=10, ideal=10, sort="start", drop=4),
    Column("end", "End", minimum=10, ideal=10, sort="end", drop=2),
    Column("status", "Status", minimum=10, ideal=15, sort="status", drop=1),
)


class AgreementTable(WindowedTable[ListQuery, AgreementRow]):
    """Agreements, sorted and filtered in SQL, drawn a window at a time; an expired or
    terminated agreement is drawn dim."""

    DEFAULT_CSS = css_beside(__file__, "agreement_table.tcss")
    SCOPED_CSS = False

    BINDINGS: ClassVar[list[BindingType]] = table_bindings(
        "agreements", "agreement", "partner, type, unit, start, end, status"
    )
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "agreement-table--header",
        "agreement-table--cursor",
        "agreement-table--odd",
        "agreement-table--placeholder",
        "agreement-table--ended",
    }
    PAGE_SIZE = PAGE_SIZE
    STYLE_PREFIX = "agreement-table"
    SORTS = tuple((key, label) for key, (label, _order) in AGREEMENT_SORTS.items())
    COLUMNS = COLUMNS

    class Counted(WindowedTable.Counted):
        """The table shows a new query: how many rows it has."""

    def __init__(self, *, id: str | None = None, preload: AgreementView | None = None) -> None:
        super().__init__(
            preload.query if preload is not None else ListQuery(), id=id, preload=preload
        )

    @work(thread=True, exit_on_error=False, exclusive=True, group="agreement-count")
    def count_rows(self, generation: int, query: ListQuery) -> None:
        view = self.store.run(lambda conn: agreement_view(conn, query, page_size=PAGE_SIZE))
        self.post_message(self.Viewed(generation, view))

    @work(thread=True, exit_on_error=False, group="agreement-pages")
    def fetch_pages(self, generation: int, query: ListQuery, pages: list[int], total: int) -> None:
        with self.store.connection() as conn:
            loaded = {
                page: agreement_window(conn, query, page * PAGE_SIZE, PAGE_SIZE, total=total)
                for page in pages
            }
        self.post_message(self.PagesLoaded(generation, loaded))

    @property
    def highlighted_record(self) -> str | None:
        """For `b` and `y`: the partner of the agreement under the cursor."""
        row = self.row_at(self.cursor_row) if self.row_count else None
        return row.organisation_id if row else None

    def cells(self, row: AgreementRow) -> dict[str, str]:
        return {
            "partner": row.partner,
            "type": TYPE_LABELS.get(row.agreement_type, row.agreement_type),
            "unit": row.polyu_unit or "—",
            "start": row.start_date,
            "end": row.end_date or "open-ended",
            "status": STATUS_LABELS.get(row.status, row.status),
        }

    def row_style(self, row: AgreementRow, index: int) -> Style | None:
        if row.status in ("expired", "terminated"):
            return self._style("ended")
        return None
