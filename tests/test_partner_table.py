"""Column fitting in the windowed Partners table: every cell is exactly its width."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from ui_helpers import press, settle

from polyu_tui.data.db import connect
from polyu_tui.data.queries import PartnerQuery, count_partners, partner_window
from polyu_tui.data.synth import synthesize
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.widgets.partner_table import PartnerTable, column_widths, fit


@pytest.mark.parametrize(
    "text",
    ["University of Waterloo", "龙龙达科技大学", "東京大学 Tokyo", "Université de Genève", ""],
)
@pytest.mark.parametrize("width", [1, 5, 8, 13, 40])
def test_fit_pads_or_cuts_to_exact_cell_width(text: str, width: int) -> None:
    fitted = fit(text, width)
    # Wide (CJK) characters take two cells; a row only lines up if cells, not
    # characters, are counted.
    assert cell_len(fitted) == width
    if cell_len(text) > width:
        assert fitted.endswith("…")


def test_columns_fill_the_width_and_drop_type_when_narrow() -> None:
    wide = column_widths(120)
    assert sum(wide) + 4 == 120
    narrow = column_widths(60)
    assert narrow[1] == 0  # no Type column below 70 cells


async def test_end_draws_the_last_partner_of_a_table_many_pages_long(tmp_path: Path) -> None:
    # 1,000 synthetic partners: ten pages, so End needs a page the table has not read.
    path = tmp_path / "synth.db"
    synthesize(path, 1000, seed=5)
    conn = connect(path)
    try:
        query = PartnerQuery()
        total = count_partners(conn, query)
        last = partner_window(conn, query, total - 1, 1)[0]
    finally:
        conn.close()
    app = PolyuApp(path, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        table = app.query_one("#partner-table", PartnerTable)
        table.focus()
        await press(pilot, "end")
        await settle(pilot)
        assert table.cursor_row == total - 1
        # What is on screen: the rows the viewport shows (below the header line),
        # not hidden under a scrollbar.
        visible = table.scrollable_content_region.height
        lines = [table.render_line(y).text for y in range(visible)]
        assert any(last.name[:20] in line for line in lines), lines[-3:]
