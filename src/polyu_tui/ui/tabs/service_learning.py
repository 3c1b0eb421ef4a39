"""Tab 5: Service-Learning destinations by region, the Rwanda programme, totals, targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.padding import Padding

from polyu_tui.data.lists import figures, linked, outcomes, place_parents
from polyu_tui.ui.tabs.sections import SectionData, SectionsTab, figure_label

if TYPE_CHECKING:
    import sqlite3

    from polyu_tui.data.store import Store

# The article groups the destinations this way: "in Hong Kong, Mainland China, and
# Taiwan, but also internationally, such as in Asia (...) and further abroad (...)".
HOME_REGION = ("hong-kong", "mainland-china", "taiwan")
ASIA = "asia"


class ServiceLearningTab(SectionsTab):
    def fetch(self, store: Store) -> Any:
        return store.run(self.read)

    def read(self, conn: sqlite3.Connection) -> SectionData:
        destinations = linked(conn, "service-learning", "destination")
        parents = place_parents(conn)
        home = [d for d in destinations if d["id"] in HOME_REGION]
        asia = [d for d in destinations if parents.get(d["id"]) == ASIA]
        abroad = [d for d in destinations if d not in home and d not in asia]

        def items(rows: list[dict[str, Any]]) -> list[tuple[str, Any]]:
            return [(r["id"], f"  {r['name']}") for r in rows]

        sl_figures = figures(conn, ("service-learning", "sl-rwanda", "sl-subsidy"))
        actual = [r for r in sl_figures if r["status"] != "target"]
        targets = [r for r in sl_figures if r["status"] == "target"]
        # No bars here: the SL figures count different periods and cannot share a scale.
        data = SectionData()
        data.groups = [
            ("Figures", [(r["id"], figure_label(r)) for r in actual]),
            ("Targets", [(r["id"], figure_label(r)) for r in targets]),
            ("Destinations: Hong Kong, Mainland China and Taiwan", items(home)),
            ("Destinations in Asia", items(asia)),
            ("Destinations further abroad", items(abroad)),
            ("The Rwanda programme", [("sl-rwanda", "  Service-Learning in Rwanda (since 2013)")]),
            (
                "Rwanda: outcomes",
                [(r["id"], Padding(r["text"], (0, 0, 0, 2))) for r in outcomes(conn, "sl-rwanda")],
            ),
        ]
        return data
