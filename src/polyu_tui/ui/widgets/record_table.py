"""A small table of records: Enter (or a click) opens the row's record."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from polyu_tui.ui.messages import OpenRecord

VIM_BINDINGS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down", tooltip="Next row"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up", tooltip="Previous row"),
    Binding("g", "scroll_top", "First", show=False, id="list.first", tooltip="First row"),
    Binding("G", "scroll_bottom", "Last", show=False, id="list.last", tooltip="Last row"),
]


class RecordTable(DataTable[str]):
    """Rows keyed by record id; selecting a row opens that record."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="list.open", tooltip="Open the record"),
        *VIM_BINDINGS,
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(OpenRecord(event.row_key.value))
