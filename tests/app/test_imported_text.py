"""Text from an imported file reaches the terminal as text: a control character in a
partner's name shows as its picture ('␛') and never drives the terminal."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import WIDE, open_tab, press, settle

from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.db import bundled_database
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.cells import fit
from polyu_tui.ui.search.result_list import ResultList
from polyu_tui.ui.widgets.agreement_table import AgreementTable

EVIL = "Evil\x1b[31mRed\x07 University"


def test_a_fitted_cell_shows_control_characters_and_keeps_one_line() -> None:
    assert fit(EVIL, 30) == "Evil␛[31mRed␇ University      "
    assert fit("two\nlines\there", 16) == "two lines here  "
    assert "\x9b" not in fit("C1\x9bcode", 12)


def user_db(folder: Path) -> Path:
    folder.mkdir(parents=True)
    source = folder / "agreements.csv"
    source.write_text(
        f'partner,country,agreement_type,start_date\n"{EVIL}",CA,mou,2024-01-01\n',
        encoding="utf-8",
    )
    target = folder / "polyu-user.db"
    outcome = run_import([source], target, bundled_database())
    assert outcome.errors == [], outcome.errors
    return target


def drawn(lines: list[str]) -> str:
    return "\n".join(lines)


async def test_an_imported_name_with_escapes_is_drawn_as_text(tmp_path: Path) -> None:
    app = PolyuApp(user_db(tmp_path / "user"), remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        table = app.query_one(AgreementTable)
        rows = drawn([table.render_line(y).text for y in range(3)])
        assert "Evil␛[31mRed␇ University" in rows
        assert "\x1b" not in rows and "\x07" not in rows

        await press(pilot, "slash", *"evil")
        await settle(pilot)
        results = app.screen.query_one(ResultList)
        lines = drawn([results.render_line(y).text for y in range(6)])
        assert "Evil␛[31mRed␇ University" in lines
        assert "\x1b" not in lines
