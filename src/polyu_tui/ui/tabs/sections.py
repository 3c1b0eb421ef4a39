"""Tabs built of labelled sections: bars for the numbers, lists of records to open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.bar import Bar
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.visual import VisualType
from textual.widgets import Static

from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.tabs.format import when
from polyu_tui.ui.widgets.record_list import RecordList, Stacked, two_line

BAR_WIDTH = 30


@dataclass
class Bars:
    """Figures drawn as bars against the largest of them."""

    title: str
    figures: list[dict[str, Any]]


@dataclass
class SectionData:
    bars: list[Bars] = field(default_factory=list)
    groups: list[tuple[str, list[tuple[str, VisualType]]]] = field(default_factory=list)


def pick(
    by_id: dict[str, dict[str, Any]], ids: tuple[str, ...], short: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The figures named by ``ids`` that exist, in that order, with short bar labels."""
    rows = [dict(by_id[i]) for i in ids if i in by_id]
    for row, name in zip(rows, short, strict=False):
        row["short"] = name
    return rows


def figure_label(row: dict[str, Any]) -> Stacked:
    """The figure as the article states it, then what it counts and when."""
    detail = row["label"]
    shown_when = when(row.get("as_of"), row.get("period"))
    if shown_when and shown_when.casefold() not in detail.casefold():
        detail += f" · {shown_when}"
    if row.get("status") == "target" and "target" not in detail.casefold():
        detail += " · target"
    return two_line(row["shown"], Text(detail))


def bars_table(group: Bars) -> Table:
    """Label, bar, figure: the bar takes whatever width is left, so the figure is never cut."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, max_width=BAR_WIDTH)
    table.add_column(no_wrap=True)
    largest = max((float(f["value"]) for f in group.figures), default=0.0)
    for row in group.figures:
        table.add_row(
            Text(row["short"]),
            Bar(size=largest, begin=0, end=float(row["value"]), color="default"),
            Text(row["shown"]),
        )
    return table


class SectionsTab(TabView):
    """A tab of bar charts followed by one keyboard list of records under headings."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("", classes="bars")
            yield RecordList(classes="sections")

    def show(self, data: Any) -> None:
        assert isinstance(data, SectionData)
        block = Table.grid(padding=(0, 0))
        block.add_column()
        for group in data.bars:
            block.add_row(Text(group.title, style="bold"))
            block.add_row(bars_table(group))
            block.add_row("")
        bars = self.query_one(".bars", Static)
        bars.update(block if data.bars else "")
        bars.display = bool(data.bars)
        self.query_one(".sections", RecordList).set_groups(data.groups)
