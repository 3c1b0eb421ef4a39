"""Tab 2: every partner organisation, a filter that narrows as you type, facets."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from polyu_tui.data.agreements.export import partner_table_view
from polyu_tui.data.agreements.view import TYPE_LABELS
from polyu_tui.data.bounded import TimeLimit
from polyu_tui.data.format import value_label
from polyu_tui.data.partners import (
    FACET_TIME_LIMIT,
    Facets,
    PartnerQuery,
    PartnerView,
    partner_facets,
)
from polyu_tui.ui.host import host
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.tabs.exporting import ExportsView
from polyu_tui.ui.widgets.facet_select import FacetSelect
from polyu_tui.ui.widgets.filter_input import FilterInput
from polyu_tui.ui.widgets.partner_table import SORTS, PartnerTable

NO_COUNTRY = "none given"
# Seconds after estimated facet counts are shown before the exact ones are counted.
EXACT_FACETS_AFTER = 1.0


class PartnersTab(ExportsView, TabView):
    # Styles beside this module, parsed when first used (not before the first frame).
    DEFAULT_CSS = css_beside(__file__, "partners.tcss")
    SCOPED_CSS = False

    LOADS_DATA = False  # the table and the facets read their own data

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "export",
            "Export",
            id="partners.export",
            tooltip="Export the partners shown (filtered and sorted) as CSV",
        ),
    ]

    @dataclass
    class FacetsLoaded(Message):
        query: PartnerQuery
        facets: Facets

    preload: PartnerView | None = None
    count: int | None = None  # rows the table shows (once counted)
    estimated = False  # the facet counts shown are estimates

    def compose(self) -> ComposeResult:
        # What the app read ahead for the unfiltered table, if it has finished.
        self.preload = host(self).partner_preload
        with Horizontal(id="partner-controls"):
            # One-line controls leave the rows to the table, even at 80x24.
            yield FilterInput(
                leave_to="#partner-table",
                placeholder="Filter partners…",
                id="partner-filter",
                compact=True,
            )
            yield FacetSelect("Type", id="facet-kind")
            yield FacetSelect("Country", id="facet-country")
            yield FacetSelect("Relation", id="facet-relation")
            # Shown once facet counts say there are imported agreements.
            agreement = FacetSelect("Agreement", id="facet-agreement-type")
            agreement.display = False
            yield agreement
        yield Static("", id="partner-status", classes="note")
        yield PartnerTable(id="partner-table", preload=self.preload)

    def on_mount(self) -> None:
        # The table loads itself; this tab only needs the facet counts.
        if self.preload is not None and self.preload.facets is not None:
            self._show_facets(self.preload.facets)
        else:
            self.refresh_facets(PartnerQuery())

    @property
    def table(self) -> PartnerTable:
        return self.query_one("#partner-table", PartnerTable)

    @work(thread=True, exit_on_error=False, exclusive=True, group="partner-facets")
    def refresh_facets(self, query: PartnerQuery) -> None:
        """Facet counts within FACET_TIME_LIMIT (estimated where exact ones would take
        longer), then, if some were estimated, the exact ones when they are ready. A
        newer filter stops this one's counting (the worker is cancelled)."""
        worker = get_current_worker()
        try:
            facets = self.store.run(
                lambda conn: partner_facets(
                    conn, query, limit=FACET_TIME_LIMIT, cancelled=lambda: worker.is_cancelled
                )
            )
            self.post_message(self.FacetsLoaded(query, facets))
            if facets.estimated:
                # The exact counts take seconds of a core: not while the table still
                # reads this filter's rows, nor while the next letter may be typed.
                time.sleep(EXACT_FACETS_AFTER)
            if facets.estimated and not worker.is_cancelled:
                exact = self.store.run(
                    lambda conn: partner_facets(conn, query, cancelled=lambda: worker.is_cancelled)
                )
                self.post_message(self.FacetsLoaded(query, exact))
        except TimeLimit:
            return  # cancelled: a newer filter's counts are on their way

    def on_partners_tab_facets_loaded(self, message: FacetsLoaded) -> None:
        message.stop()
        current = self._query_from_controls(sort_from=message.query)
        if current != message.query:
            return  # the filter moved on while these counts were read
        self._show_facets(message.facets)

    def _show_facets(self, facets: Facets) -> None:
        self.estimated = bool(facets.estimated)
        guessed = facets.estimated
        with self.prevent(FacetSelect.Changed):
            self._fill(
                "#facet-kind", [(value_label(k), k, n) for k, n in facets.kinds], "kind" in guessed
            )
            self._fill(
                "#facet-country",
                [(c or NO_COUNTRY, c, n) for c, n in facets.countries],
                "country" in guessed,
            )
            self._fill(
                "#facet-relation",
                [(value_label(r), r, n) for r, n in facets.relations],
                "relation" in guessed,
            )
            agreement = self.query_one("#facet-agreement-type", FacetSelect)
            # No agreements imported: no facet that could only say "any".
            agreement.display = bool(facets.agreement_types) or agreement.value is not None
            self._fill(
                "#facet-agreement-type",
                [(TYPE_LABELS.get(t, value_label(t)), t, n) for t, n in facets.agreement_types],
                "agreement_type" in guessed,
            )
        self._show_status()

    def _fill(self, selector: str, options: list[tuple[str, str, int]], estimated: bool) -> None:
        self.query_one(selector, FacetSelect).set_options(options, estimated=estimated)

    def _query_from_controls(self, sort_from: PartnerQuery) -> PartnerQuery:
        def value(selector: str) -> str | None:
            return self.query_one(selector, FacetSelect).value

        return replace(
            sort_from,
            text=self.query_one("#partner-filter", Input).value,
            kind=value("#facet-kind"),
            country=value("#facet-country"),
            relation=value("#facet-relation"),
            agreement_type=value("#facet-agreement-type"),
        )

    def _apply(self) -> None:
        query = self._query_from_controls(sort_from=self.table.query_spec)
        self.table.set_query(query)
        self.refresh_facets(query)

    @on(Input.Changed, "#partner-filter")
    def on_filter_changed(self) -> None:
        self._apply()

    @on(Input.Submitted, "#partner-filter")
    def on_filter_submitted(self) -> None:
        self.table.focus()

    @on(FacetSelect.Changed)
    def on_facet_changed(self) -> None:
        self._apply()

    def on_partner_table_counted(self, message: PartnerTable.Counted) -> None:
        self.count = message.count
        self._show_status()

    def _show_status(self) -> None:
        if self.count is None:
            return
        query = self.table.query_spec
        sort_label = dict(SORTS)[query.sort]
        order = "descending" if query.descending else "ascending"
        noun = "partner" if self.count == 1 else "partners"
        # Estimated facet counts (≈) say so here too: the menus are closed most of the time.
        estimated = " · ≈ facet counts estimated" if self.estimated else ""
        self.query_one("#partner-status", Static).update(
            f"{self.count:,} {noun} · sorted by {sort_label.lower()}, {order}{estimated} "
            "· † not in the article: reference"
        )

    def action_export(self) -> None:
        query = self.table.query_spec
        self.export(lambda conn: partner_table_view(conn, query), "partners", "partner")
