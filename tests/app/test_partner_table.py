"""Column fitting in the windowed Partners table: every cell is exactly its width."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from ui_helpers import press, settle

from polyu_tui.data.db import connect
from polyu_tui.data.partners import PartnerQuery, count_partners, partner_window
from polyu_tui.data.synth import synthesize
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.cells import fit
from polyu_tui.ui.columns import allocate
from polyu_tui.ui.widgets.partner_table import COLUMNS, PartnerTable


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
        # Cut where the words end, then the ellipsis (a cut wide character leaves a
        # cell of padding after it).
        assert fitted.rstrip().endswith("…")


def test_columns_fill_the_width_and_drop_type_before_cutting_the_name() -> None:
    wide = allocate(COLUMNS, 119)
    assert list(wide) == ["name", "kind", "country", "relationship", "agreements"]
    assert sum(wide.values()) + 4 == 119
    narrow = allocate(COLUMNS, 60)
    assert "kind" not in narrow  # Type goes first
    assert "agreements" not in narrow
    assert narrow["name"] >= 24


def visible_lines(table: PartnerTable) -> list[str]:
    """What is on screen: the rows the viewport shows, not hidden under a scrollbar."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def test_end_draws_the_last_partner_at_once_and_a_jump_reads_one_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 1,000 synthetic partners: ten pages of 100.
    path = tmp_path / "synth.db"
    synthesize(path, 1000, seed=5)
    conn = connect(path)
    try:
        query = PartnerQuery()
        total = count_partners(conn, query)
        last = partner_window(conn, query, total - 1, 1)[0]
        middle = partner_window(conn, query, total // 2, 1)[0]
    finally:
        conn.close()
    reads: list[list[int]] = []
    fetch_pages = PartnerTable.fetch_pages

    def spy(
        self: PartnerTable, generation: int, query: PartnerQuery, pages: list[int], total: int
    ) -> None:
        reads.append(pages)
        fetch_pages(self, generation, query, pages, total)

    monkeypatch.setattr(PartnerTable, "fetch_pages", spy)
    app = PolyuApp(path, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        table = app.query_one("#partner-table", PartnerTable)
        table.focus()
        await press(pilot, "end")
        assert table.cursor_row == total - 1
        assert any(last.name[:20] in line for line in visible_lines(table))
        assert reads == [], "the last page is read with the count: End waits for nothing"

        table.cursor_row = total // 2
        await settle(pilot)
        assert any(middle.name[:20] in line for line in visible_lines(table))
        assert reads == [[total // 2 // 100]], "one page, read once"
