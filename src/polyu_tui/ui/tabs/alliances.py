"""Tab 3: alliances and networks with PolyU's role; the Belt and Road ones grouped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from polyu_tui.data.format import format_count
from polyu_tui.data.lists import alliances
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

GROUPS = (("belt-and-road", "Belt and Road alliances"), ("international", "International networks"))


def members(row: dict[str, Any]) -> str:
    text = format_count(row["member_qualifier"], row["member_count"], row["member_unit"])
    if text and row["country_count"] is not None:
        text += f" from {row['country_count']} {row['country_unit'] or ''}".rstrip()
    return text


def alliance_label(row: dict[str, Any]) -> Stacked:
    name = marked_name(row["name"], row["acronym"], row.get("reference_acronym"))
    role = row["role_detail"] or (row["polyu_role"] or "").capitalize()
    details = [f"PolyU: {role}"]
    if row["founded_year"]:
        details.append(f"founded {row['founded_year']}")
    if members(row):
        details.append(members(row))
    if row["cofounders"]:
        details.append(f"co-founded with {row['cofounders']}")
    return two_line(name, " · ".join(details))


class AlliancesTab(TabView):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield RecordList(id="alliance-list")
            yield Static(REFERENCE_LEGEND, classes="note legend")

    def fetch(self, store: Store) -> Any:
        return store.run(alliances)

    def show(self, data: Any) -> None:
        self.query_one("#alliance-list", RecordList).set_groups(
            [
                (
                    title,
                    [(r["id"], alliance_label(r)) for r in data if r["grouping"] == key],
                )
                for key, title in GROUPS
            ]
        )
