"""Tab 4: exchange flows and network, WIE, dual PhD, scholarships, non-local students."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from polyu_tui.data.lists import figures, linked, programmes
from polyu_tui.ui.tabs.sections import Bars, SectionData, SectionsTab, figure_label, pick

if TYPE_CHECKING:
    import sqlite3

    from polyu_tui.data.store import Store

NON_LOCAL_FIGURES = (
    "fig-non-local-students",
    "fig-non-mainland-share",
    "fig-intake-target",
    "fig-non-mainland-ratio-target",
    "fig-recruitment-events",
    "fig-recruitment-countries",
    "fig-applications-increase",
)


class ExchangeTab(SectionsTab):
    def fetch(self, store: Store) -> Any:
        return store.run(self.read)

    def read(self, conn: sqlite3.Connection) -> SectionData:
        by_id = {row["id"]: row for row in figures(conn)}

        def places(src: str, rel: str) -> list[tuple[str, Any]]:
            return [(r["id"], f"  {r['name']}") for r in linked(conn, src, rel)]

        def figure_items(*ids: str) -> list[tuple[str, Any]]:
            return [(row["id"], figure_label(row)) for row in pick(by_id, ids)]

        data = SectionData()
        data.bars.append(
            Bars(
                "Students on exchange, each year",
                pick(
                    by_id,
                    ("fig-exchange-inbound", "fig-exchange-outbound"),
                    ("Inbound to PolyU", "Outbound from PolyU"),
                ),
            )
        )
        data.bars.append(
            Bars(
                "Non-local learning in 2023/24",
                pick(
                    by_id,
                    ("fig-wie-students", "fig-sl-nonlocal-students"),
                    ("Work-Integrated Education", "Service-Learning"),
                ),
            )
        )
        scholarships = [
            (row["id"], f"  {row['name']}") for row in programmes(conn, ("scholarship", "subsidy"))
        ]
        data.groups = [
            (
                "Student exchange network",
                figure_items(
                    "fig-exchange-universities",
                    "fig-exchange-countries",
                    "fig-exchange-inbound",
                    "fig-exchange-outbound",
                ),
            ),
            (
                "Top outbound exchange destinations, 2023/24",
                places("student-exchange", "destination"),
            ),
            (
                "Work-Integrated Education (WIE)",
                figure_items("fig-wie-students", "fig-wie-companies"),
            ),
            ("WIE destinations", places("wie", "destination")),
            ("Overseas WIE supporters", places("wie", "partner")),
            (
                "Dual PhD Degree Programmes",
                [*figure_items("fig-dual-phd-universities"), *places("dual-phd", "partner")],
            ),
            (
                "Scholarships and subsidies",
                [*scholarships, *figure_items("fig-exchange-scholarship", "fig-sl-subsidy")],
            ),
            ("Non-local students", figure_items(*NON_LOCAL_FIGURES)),
        ]
        return data
