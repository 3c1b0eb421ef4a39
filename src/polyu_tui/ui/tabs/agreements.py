"""Tab 7: the office's own agreements, imported from its list: filter, facets, expiry.

With none imported it says what importing gives and the exact command to run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from polyu_tui.data.store import Store

from polyu_tui.data.agreements.export import agreement_view as export_rows
from polyu_tui.data.agreements.query import AgreementQuery
from polyu_tui.data.agreements.view import (
    AGREEMENT_SORTS,
    LEVEL_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    AgreementFacets,
    AgreementView,
    ListQuery,
    agreement_facets,
    agreement_view,
    expiring_days,
    order_sql,
)
from polyu_tui.ui.host import host
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.tabs.exporting import ExportsView
from polyu_tui.ui.widgets.agreement_table import AgreementTable
from polyu_tui.ui.widgets.facet_select import FacetSelect
from polyu_tui.ui.widgets.filter_input import FilterInput

NO_UNIT = "none given"

# One line per paragraph: the box wraps it at its width (hard breaks wrapped raggedly
# in a box narrower than them).
EMPTY_TEXT = """\
[b]No agreements imported yet.[/b]

This tab lists the office's own agreements: every MoU, exchange, dual degree and \
research agreement, with its PolyU unit, dates and status, what expires within 3, 6 \
or 12 months, a filter and facets, and export of what is shown.

Export the list from MoveON, Mobility-Online, Terra Dotta or a spreadsheet as CSV or \
XLSX, then run:

    [b]polyu-tui import agreements.xlsx[/b]

To start from a template with the columns and drop-down lists:

    [b]polyu-tui import --template agreements.xlsx[/b]

The article's database is never changed: imported agreements go to your own user \
database, which polyu-tui opens from then on ([b]polyu-tui --bundled[/b] opens the \
article's data alone).
"""


def status_line(count: int, query: ListQuery) -> str:
    """'1,234 agreements · sorted by partner, ascending'"""
    label = AGREEMENT_SORTS[query.sort][0].lower()
    order = "descending" if query.descending else "ascending"
    noun = "agreement" if count == 1 else "agreements"
    return f"{count:,} {noun} · sorted by {label}, {order}"


class AgreementsTab(ExportsView, TabView):
    DEFAULT_CSS = css_beside(__file__, "agreements.tcss")
    SCOPED_CSS = False

    preloaded: AgreementView | None = None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "export",
            "Export",
            id="agreements.export",
            tooltip="Export the agreements shown (filtered and sorted) as CSV",
        ),
    ]

    class FacetsLoaded(Message):
        def __init__(self, query: AgreementQuery, facets: AgreementFacets) -> None:
            self.query = query
            self.facets = facets
            super().__init__()

    def compose(self) -> ComposeResult:
        # Read ahead by the app (its first view, as fetch reads it): drawn at once.
        preload = host(self).agreement_preload
        if preload is not None and preload.query == self._first_query():
            self.preloaded = preload
            self.LOADS_DATA = False  # TabView's on_mount reads nothing in a worker
            yield from self._controls(preload)

    def on_mount(self) -> None:
        # (TabView.on_mount runs too: without a read-ahead it reads the first view.)
        if self.preloaded is not None:
            self.today = host(self).today
            self._shown(self.preloaded)

    def _first_query(self) -> ListQuery:
        return ListQuery(AgreementQuery(today=host(self).today))

    def fetch(self, store: Store) -> AgreementView:
        query = self._first_query()
        return store.run(lambda conn: agreement_view(conn, query, with_facets=True))

    async def show(self, data: AgreementView) -> None:
        if not data.source.startswith("article +"):  # no import: say how
            # Taller than a small window: it scrolls (and takes the focus to do so).
            await self.mount(
                VerticalScroll(Static(EMPTY_TEXT, id="agreements-empty"), id="agreements-intro")
            )
            return
        self.today = host(self).today
        await self.mount_all(self._controls(data))
        self._shown(data)

    def _controls(self, data: AgreementView) -> list[Widget]:
        return [
            Horizontal(
                FilterInput(
                    leave_to="#agreement-table",
                    placeholder="Filter agreements…",
                    id="agreement-filter",
                    compact=True,
                ),
                FacetSelect("Type", id="facet-type"),
                FacetSelect("Status", id="facet-status"),
                FacetSelect("Country", id="facet-country"),
                classes="agreement-controls",
            ),
            Horizontal(
                FacetSelect("Level", id="facet-level"),
                FacetSelect("PolyU unit", id="facet-unit"),
                FacetSelect("Expires", id="facet-expiring"),
                classes="agreement-controls second",
            ),
            # Written now, not when the table says it has counted: one frame less.
            Static(status_line(data.count, data.query), id="agreement-status", classes="note"),
            AgreementTable(id="agreement-table", preload=data),
        ]

    def _shown(self, data: AgreementView) -> None:
        if data.facets is not None:
            self._show_facets(data.facets)
        if self.display and self.app.focused is None:
            self.table.focus()  # the tab was switched to before its table was there

    @property
    def table(self) -> AgreementTable:
        return self.query_one("#agreement-table", AgreementTable)

    @work(thread=True, exit_on_error=False, exclusive=True, group="agreement-facets")
    def refresh_facets(self, query: AgreementQuery) -> None:
        facets = self.store.run(lambda conn: agreement_facets(conn, query))
        self.post_message(self.FacetsLoaded(query, facets))

    def on_agreements_tab_facets_loaded(self, message: FacetsLoaded) -> None:
        message.stop()
        if self._filter_from_controls() != message.query:
            return  # the filter moved on while these counts were read
        self._show_facets(message.facets)

    def _show_facets(self, facets: AgreementFacets) -> None:
        estimated = facets.estimated
        with self.prevent(FacetSelect.Changed):
            for selector, facet, options in (
                ("#facet-type", "agreement_type",
                 [(TYPE_LABELS.get(t, t), t, n) for t, n in facets.types]),
                ("#facet-status", "status",
                 [(STATUS_LABELS.get(s, s), s, n) for s, n in facets.statuses]),
                ("#facet-country", "country",
                 [(name, code, n) for code, name, n in facets.countries]),
                ("#facet-level", "level",
                 [(LEVEL_LABELS.get(v, v), v, n) for v, n in facets.levels]),
                ("#facet-unit", "polyu_unit", [(u or NO_UNIT, u, n) for u, n in facets.units]),
                ("#facet-expiring", "expiring",
                 [(f"within {m} months", str(m), n) for m, n in facets.expiring]),
            ):  # fmt: skip
                self.query_one(selector, FacetSelect).set_options(
                    options, estimated=facet in estimated
                )

    def _filter_from_controls(self) -> AgreementQuery:
        def value(selector: str) -> str | None:
            return self.query_one(selector, FacetSelect).value

        months = value("#facet-expiring")
        return AgreementQuery(
            text=self.query_one("#agreement-filter", Input).value,
            agreement_type=value("#facet-type") or "",
            status=value("#facet-status") or "",
            country_code=value("#facet-country") or "",
            level=value("#facet-level") or "",
            polyu_unit=value("#facet-unit"),
            expiring_days=expiring_days(int(months), self.today) if months else None,
            today=self.today,
        )

    def _apply(self) -> None:
        query = replace(self.table.query_spec, filter=self._filter_from_controls())
        self.table.set_query(query)
        self.refresh_facets(query.filter)

    @on(Input.Changed, "#agreement-filter")
    def on_filter_changed(self) -> None:
        self._apply()

    @on(Input.Submitted, "#agreement-filter")
    def on_filter_submitted(self) -> None:
        self.table.focus()

    @on(FacetSelect.Changed)
    def on_facet_changed(self) -> None:
        self._apply()

    def on_agreement_table_counted(self, message: AgreementTable.Counted) -> None:
        self.query_one("#agreement-status", Static).update(
            status_line(message.count, self.table.query_spec)
        )

    # ------------------------------------------------------------------ export

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return bool(self.query("#agreement-table"))
        return True

    def action_export(self) -> None:
        query = self.table.query_spec
        order = order_sql(query)
        self.export(
            lambda conn: export_rows(conn, query.filter, order=order), "agreements", "agreement"
        )
