"""The windowed tables give the name its room: it is the last column to shrink, so
rows a trial found reading five times "University of…" tell their partners apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agreement_db import TODAY, agreements_db
from ui_helpers import SMALL, WIDE, detail, make_app, open_tab, press, settle

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.columns import Column, allocate
from polyu_tui.ui.widgets.agreement_table import AgreementTable
from polyu_tui.ui.widgets.partner_table import PartnerTable
from polyu_tui.ui.widgets.windowed_table import WindowedTable

UNIVERSITIES_OF = 5  # Ljubljana, Maryland, Primorska, Surrey, Waterloo


def drawn_rows(table: WindowedTable[Any, Any]) -> list[str]:
    """The rows as drawn (the header left out)."""
    height = table.scrollable_content_region.height
    return [table.render_line(y).text for y in range(1, height)]


def first_cells(table: WindowedTable[Any, Any], rows: list[str]) -> list[str]:
    """Each drawn row's first (name) cell, as the eye reads it."""
    (first, width), *_ = table.columns(table.text_width)
    assert first.key in ("name", "partner")
    return [row[1 : 1 + width].strip() for row in rows]


async def assert_universities_told_apart(table: PartnerTable) -> None:
    rows = [row for row in drawn_rows(table) if row.startswith(" University of")]
    assert len(rows) == UNIVERSITIES_OF, rows
    names = first_cells(table, rows)
    assert len(set(names)) == UNIVERSITIES_OF, names
    assert "University of…" not in names


async def test_partner_names_are_told_apart_beside_the_panel() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        table.focus()
        await press(pilot, "enter")
        await settle(pilot)
        assert detail(pilot).display, "the panel is open beside the table"
        assert table.size.width < 80, "the table has the narrow half"
        await assert_universities_told_apart(table)
        header = table.render_line(0).text
        assert "Type" in header, "Type keeps its place beside the panel"


async def test_partner_names_are_told_apart_at_80_columns() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        table.focus()
        await press(pilot, "end")  # the Universities of are near the end
        await settle(pilot)
        await assert_universities_told_apart(table)
        header = table.render_line(0).text
        assert "Country or" not in header, "a short header for short values"
        widths = {column.key: width for column, width in table.columns(table.text_width)}
        assert widths["country"] <= 16


async def test_agreement_partners_and_units_are_told_apart(tmp_path: Path) -> None:
    app = PolyuApp(agreements_db(tmp_path / "user"), remember_theme=False, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        table = app.query_one(AgreementTable)
        screen_rows = drawn_rows(table)
        assert any("School of Optometry" in row for row in screen_rows), "the unit whole"
        table.focus()
        await press(pilot, "enter")
        await settle(pilot)
        assert detail(pilot).display
        waterloo = [row for row in drawn_rows(table) if "Waterloo" in row]
        assert len(waterloo) == 2, waterloo
        assert set(first_cells(table, waterloo)) == {"University of Waterloo"}


def test_columns_are_dropped_whole_before_the_name_is_cut() -> None:
    columns = (
        Column("name", "Name", minimum=24, ideal=30, grow=1),
        Column("a", "A", minimum=10, ideal=12, drop=1),
        Column("b", "B", minimum=10, ideal=12, drop=2),
    )
    assert allocate(columns, 80) == {"name": 54, "a": 12, "b": 12}
    assert allocate(columns, 46) == {"name": 24, "a": 10, "b": 10}
    assert allocate(columns, 45) == {"name": 32, "a": 12}, "b goes first, whole"
    assert allocate(columns, 30) == {"name": 30}
    assert allocate(columns, 20) == {"name": 20}, "the name is cut only when alone"
