"""Tab 6: research centres, labs and institutes, and industry research collaborations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from polyu_tui.data.format import value_label
from polyu_tui.data.lists import research_units
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.widgets.record_list import (
    REFERENCE_LEGEND,
    RecordList,
    Stacked,
    marked_name,
    two_line,
)

if TYPE_CHECKING:
    from polyu_tui.data.store import Store


def research_label(row: dict[str, Any]) -> Stacked:
    name = marked_name(row["name"], row["acronym"], row.get("reference_acronym"))
    details = [value_label(row["kind"])]
    if row["partners"]:
        details.append(f"with {row['partners']}")
    if row["place"]:
        details.append(str(row["place"]))
    if row["founded_year"]:
        details.append(f"since {row['founded_year']}")
    description = ""
    if row["kind"] == "industry-collaboration" and row["description"]:
        description = " ".join(row["description"].split())
    return two_line(name, " · ".join(details), Text(description))


class ResearchTab(TabView):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield RecordList(id="research-list")
            yield Static(REFERENCE_LEGEND, classes="note legend")

    def fetch(self, store: Store) -> Any:
        return store.run(research_units)

    def show(self, data: Any) -> None:
        centres = [r for r in data if r["kind"] != "industry-collaboration"]
        industry = [r for r in data if r["kind"] == "industry-collaboration"]
        self.query_one("#research-list", RecordList).set_groups(
            [
                ("Centres, labs and institutes", [(r["id"], research_label(r)) for r in centres]),
                (
                    "Industry research collaborations",
                    [(r["id"], research_label(r)) for r in industry],
                ),
            ]
        )
