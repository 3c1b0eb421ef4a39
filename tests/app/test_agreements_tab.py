"""The Agreements tab (7): empty until an import, then a windowed table with a filter,
facets (expiry among them), sorting, an agreement's own panel, and `e` to export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from agreement_db import TODAY, agreements_db
from textual.widgets import Input, Static
from ui_helpers import (
    SMALL,
    WIDE,
    detail,
    detail_title,
    headings,
    make_app,
    open_tab,
    option_texts,
    press,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.widgets.agreement_table import AgreementTable
from polyu_tui.ui.widgets.facet_select import FacetSelect
from polyu_tui.ui.widgets.record_list import RecordList


@pytest.fixture
def user_app(tmp_path: Path) -> PolyuApp:
    return PolyuApp(agreements_db(tmp_path / "user"), remember_theme=False, today=TODAY)


def partners_in(table: AgreementTable) -> list[str]:
    rows = [table.row_at(index) for index in range(table.row_count)]
    return [f"{row.partner} / {row.agreement_type}" for row in rows if row is not None]


async def test_with_nothing_imported_the_tab_says_how_to_import() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        text = " ".join(screen_text(pilot).split())
        assert "No agreements imported yet." in text
        assert "polyu-tui import agreements.xlsx" in text
        assert "polyu-tui import --template agreements.xlsx" in text
        assert not app.query(AgreementTable), "no empty table"


async def test_the_title_says_which_data_is_open(user_app: PolyuApp) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        title = screen_text(pilot).splitlines()[0]
        assert "article + 6 agreements imported 2026-01-15 from agreements.csv" in title
    async with make_app().run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "agreements imported" not in screen_text(pilot).splitlines()[0]


async def test_the_table_lists_sorts_and_filters(user_app: PolyuApp) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        table = user_app.query_one(AgreementTable)
        assert user_app.focused is table
        assert table.row_count == 6
        assert partners_in(table)[:2] == ["Aalto University / mou", "Korea University / mou"]
        status = static_text(user_app.query_one("#agreement-status", Static))
        assert status.startswith("6 agreements · sorted by partner, ascending")
        screen = screen_text(pilot)
        assert "Negotiating" in screen and "Expired" in screen and "Terminated" in screen

        await press(pilot, "s")  # by type
        assert table.query_spec.sort == "type"
        assert partners_in(table)[0] == "Universidad de Chile / dual_degree"
        await press(pilot, "r")
        assert partners_in(table)[0] == "Zhejiang University / student_exchange"
        await press(pilot, "s", "s", "s")  # unit, start, end
        assert table.query_spec.sort == "end"
        assert partners_in(table)[0] == "Korea University / mou"
        assert partners_in(table)[-1] == "Aalto University / mou", "open-ended last"

        user_app.query_one("#agreement-filter", Input).value = "optometry"
        await settle(pilot)
        assert partners_in(table) == ["University of Waterloo / research"]
        assert static_text(user_app.query_one("#agreement-status", Static)).startswith(
            "1 agreement ·"
        )


async def test_expiry_and_other_facets_count_and_narrow(user_app: PolyuApp) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        table = user_app.query_one(AgreementTable)
        expiring = user_app.query_one("#facet-expiring", FacetSelect)
        # From 2026-01-15: UW-01 ends 2026-03-31 (3 months), UW-02 2026-06-30 (6),
        # UC-01 2026-12-01 (12); KU-01 has expired, ZJ-01 was terminated.
        assert [(label, n) for label, _v, n in expiring.options] == [
            ("within 3 months", 1),
            ("within 6 months", 2),
            ("within 12 months", 3),
        ]
        expiring.value = "6"
        await settle(pilot)
        assert sorted(partners_in(table)) == [
            "University of Waterloo / research",
            "University of Waterloo / student_exchange",
        ]
        types = user_app.query_one("#facet-type", FacetSelect)
        assert {value: n for _l, value, n in types.options} == {
            "student_exchange": 1,
            "research": 1,
        }
        types.value = "research"
        await settle(pilot)
        assert partners_in(table) == ["University of Waterloo / research"]
        expiring.value = None
        types.value = None
        level = user_app.query_one("#facet-level", FacetSelect)
        await settle(pilot)
        level.value = "pgt"
        await settle(pilot)
        assert sorted(partners_in(table)) == [
            "Universidad de Chile / dual_degree",
            "University of Waterloo / student_exchange",
        ]


async def test_the_tab_opens_from_the_read_ahead_without_reading_again(
    user_app: PolyuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyu_tui.ui.tabs.agreements import AgreementsTab

    def no_read(self: AgreementsTab, store: object) -> None:
        raise AssertionError("the first view was read again")

    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)  # the first screen, and the read-ahead after it
        assert user_app.agreement_preload is not None
        # Composed out of sight: pressing 7 only shows it.
        assert user_app.query_one("#agreements-view").display is False
        assert "Filter agreements" not in screen_text(pilot)
        monkeypatch.setattr(AgreementsTab, "fetch", no_read)
        await open_tab(pilot, "7", "agreements")
        table = user_app.query_one(AgreementTable)
        assert table.row_count == 6 and user_app.focused is table
        status = static_text(user_app.query_one("#agreement-status", Static))
        assert status.startswith("6 agreements · sorted by partner, ascending")
        types = user_app.query_one("#facet-type", FacetSelect)
        assert ("MoU", "mou", 2) in types.options


async def test_facets_not_counted_in_time_show_estimates_marked_as_such(
    user_app: PolyuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyu_tui.data import bounded
    from polyu_tui.data.agreements import view

    # No time to count any facet exactly, and the clock looked at after each step.
    monkeypatch.setattr(view, "FACET_TIME_LIMIT", 0.0)
    monkeypatch.setattr(bounded, "CHECK_EVERY", 1)
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        types = user_app.query_one("#facet-type", FacetSelect)
        countries = user_app.query_one("#facet-country", FacetSelect)
        # With no filter every count is read from the counts the import wrote: exact.
        assert not any("≈" in label for label in countries.menu_labels())
        types.value = "student_exchange"
        await settle(pilot)
        assert countries.estimated
        assert "Country: Canada (≈ 1)" in countries.menu_labels()
        # The facet chosen is counted without its own choice: still exact.
        assert not types.estimated
        assert "Type: Student exchange (2)" in types.menu_labels()


async def test_an_agreement_opens_its_panel_which_links_to_its_partner(
    user_app: PolyuApp,
) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        user_app.query_one("#agreement-filter", Input).value = "waterloo exchange"
        await settle(pilot)
        user_app.query_one(AgreementTable).focus()
        await press(pilot, "enter")
        panel = detail(pilot)
        assert panel.current_id == "agreement/uw-01"
        assert detail_title(pilot).startswith("Student exchange: University of Waterloo")
        text = " ".join(screen_text(pilot).split())
        assert "2022-09-01 → 2026-03-31" in text
        assert "Active (from the dates)" in text
        sources = " ".join(static_text(panel.query_one("#detail-sources", Static)).split())
        assert "Imported from the office's own list (agreements.csv:2)" in sources

        # Its partner, and the partner's own list of agreements.
        links = panel.query_one("#detail-links", RecordList)
        links.focus()
        await press(pilot, "enter")
        assert panel.current_id == "waterloo"
        assert "Agreements (imported, 2)" in headings(links)
        assert option_texts(links)["agreement/uw-02"].startswith(
            "Research · School of Optometry · 2021-01-01 → 2026-06-30 · Active"
        )


async def test_e_exports_the_view_as_shown(
    user_app: PolyuApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        user_app.query_one("#facet-unit", FacetSelect).value = "Faculty of Engineering"
        await settle(pilot)
        user_app.query_one(AgreementTable).focus()
        await press(pilot, "s", "s", "s", "r")  # by start, newest first
        await press(pilot, "e")
        await settle(pilot)
        [written] = tmp_path.glob("agreements-*.csv")
        rows = list(csv.DictReader(written.open(encoding="utf-8-sig")))
        assert [row["agreement_id"] for row in rows] == ["UC-01", "UW-01", "ZJ-01"]
        assert "contact_email" not in rows[0]
        notices = [n.message for n in user_app._notifications]
        assert any(f"3 agreements exported to {written}" in m for m in notices), notices


async def test_e_in_partners_exports_its_view(
    user_app: PolyuApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        user_app.query_one("#partner-filter", Input).value = "waterloo"
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        notices = [n.message for n in user_app._notifications]
        assert len(list(tmp_path.glob("partners-*.csv"))) == 1, notices
        [written] = tmp_path.glob("partners-*.csv")
        rows = list(csv.DictReader(written.open(encoding="utf-8-sig")))
        assert [(row["name"], row["agreements"]) for row in rows] == [
            ("University of Waterloo", "2"),
            ("Waterloo Institute for Nanotechnology", "0"),
        ]


async def test_the_tab_at_80x24_keeps_its_columns_readable(user_app: PolyuApp) -> None:
    async with user_app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        lines = screen_text(pilot).splitlines()
        header = next(line for line in lines if "Partner ▲" in line)
        for label in ("Type", "Start", "End", "Status"):
            assert label in header
        assert any("Universidad de Chile" in line for line in lines)


async def test_an_import_while_the_app_runs_is_noticed_and_ctrl_r_reloads(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from agreement_db import HEADER, ROWS

    from polyu_tui.data.agreements.importer import run_import
    from polyu_tui.data.db import bundled_database

    target = agreements_db(tmp_path / "user")
    app = PolyuApp(target, remember_theme=False, today=TODAY)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        app.watch_database()
        await pilot.pause()
        assert not app._notifications, "nothing changed yet"
        smaller = tmp_path / "fewer.csv"
        with smaller.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(ROWS[:2])
        run_import([smaller], target, bundled_database(), today=dt.date(2026, 2, 1))
        app.watch_database()
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any("Press ctrl+r to reload it" in m for m in notices), notices
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert (
            "article + 2 agreements imported 2026-02-01 from fewer.csv"
            in (screen_text(pilot).splitlines()[0])
        )
        assert app.active_tab == "agreements"
        assert app.query_one(AgreementTable).row_count == 2


async def test_a_first_import_while_the_app_runs_is_opened_by_ctrl_r() -> None:
    """Opened before any import, the app shows the bundled data; the first import
    writes the user database beside it, and ctrl+r must switch to it (it reloaded
    the bundled database again, and the tab still said nothing was imported)."""
    from polyu_tui.cli.launch import awaited_user_database
    from polyu_tui.data.db import bundled_database
    from polyu_tui.data.userdata import user_database

    awaiting = awaited_user_database(None, bundled_database())
    assert awaiting == user_database() and not awaiting.exists()
    assert awaited_user_database(str(bundled_database()), bundled_database()) is None
    app = PolyuApp(bundled_database(), remember_theme=False, today=TODAY, awaiting=awaiting)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        assert "No agreements imported yet" in screen_text(pilot)
        app.watch_database()
        await pilot.pause()
        assert not app._notifications, "nothing imported yet"
        assert agreements_db(awaiting.parent) == awaiting
        app.watch_database()
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        assert any("Press ctrl+r to reload it" in m for m in notices), notices
        await press(pilot, "ctrl+r")
        await settle(pilot)
        assert app.store.path == awaiting
        assert "6 agreements imported" in screen_text(pilot).splitlines()[0]
        assert app.query_one(AgreementTable).row_count == 6


async def test_a_tab_that_draws_after_it_was_switched_to_takes_the_focus() -> None:
    """Pressing 7 before the tab had read its data left the focus nowhere (its text
    arrived after the app looked for something to focus), so End did not scroll it."""
    from polyu_tui.ui.tabs.base import TabView

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_tab(pilot, "7", "agreements")
        view = app.query_one("#agreements-view", TabView)
        app.screen.set_focus(None)
        await pilot.pause()
        view.post_message(TabView.Shown(view))
        await settle(pilot)
        focused = app.screen.focused
        assert focused is not None and view in focused.ancestors_with_self


def test_the_help_and_the_keymap_know_the_agreements_keys() -> None:
    from polyu_tui.ui.bindings import binding_sections, with_ids

    ids = {binding.id: title for title, binding in with_ids(binding_sections([]))}
    assert ids["agreements.export"] == "Agreements table"
    assert ids["agreements.sort"] == "Agreements table"
    assert ids["partners.export"] == "Partners table"


async def test_with_nothing_imported_the_text_wraps_at_the_box_and_scrolls_to_its_end() -> None:
    """At 80 columns the hard line breaks made ragged lines ('dual' / 'degree and');
    at 80x24 the last paragraph was below the window with no way to reach it."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        lines = [line.strip(" │") for line in screen_text(pilot).splitlines()]
        start = next(i for i, line in enumerate(lines) if line.startswith("This tab lists"))
        end = next(i for i, line in enumerate(lines) if i > start and not line)
        paragraph = lines[start:end]
        assert len(paragraph) > 1
        inner = max(len(line) for line in paragraph)
        assert all(len(line) > inner - 12 for line in paragraph[:-1]), paragraph
        await press(pilot, "end")
        await pilot.wait_for_scheduled_animations()  # the scroll to the end is animated
        await pilot.pause()
        assert "opens the" in screen_text(pilot) and "data alone)." in screen_text(pilot)
