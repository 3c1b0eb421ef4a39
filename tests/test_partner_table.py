"""Column fitting in the windowed Partners table: every cell is exactly its width."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from polyu_tui.ui.widgets.partner_table import column_widths, fit


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
