"""Pilot tests of the explorer, as a keyboard user drives it.

Each test starts ``PolyuApp`` on the bundled database (at 120x40 unless it says
otherwise), waits for the worker threads to finish and asserts on what the user
would see: the rows and cards on screen, which record the detail panel shows, its
history and breadcrumb, and where the focus is. ``run_test`` re-raises any
exception the app or a worker thread hit, so every test also checks that nothing
went wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from ui_helpers import (
    SMALL,
    WIDE,
    flat,
    headings,
    highlighted_id,
    highlighted_id_at,
    isolate_settings,
    make_app,
    option_texts,
    plain,
    press,
    record_ids,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.commands import RecordCommands
from polyu_tui.ui.help_screen import HelpScreen
from polyu_tui.ui.search_screen import SearchScreen
from polyu_tui.ui.tabs import TABS
from polyu_tui.ui.tabs.overview import FigureCard
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.facet_select import FacetMenu, FacetSelect
from polyu_tui.ui.widgets.key_bar import KeyBar
from polyu_tui.ui.widgets.partner_table import PartnerTable
from polyu_tui.ui.widgets.record_list import RecordList
from polyu_tui.ui.widgets.result_list import ResultList
from polyu_tui.ui.widgets.tab_bar import TabBar


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's real settings."""
    return isolate_settings(monkeypatch, tmp_path / "config")


def detail(pilot: Pilot[None]) -> DetailPanel:
    return pilot.app.query_one("#detail", DetailPanel)


def detail_title(pilot: Pilot[None]) -> str:
    return static_text(pilot.app.query_one("#detail-title", Static))


def breadcrumb(pilot: Pilot[None]) -> str:
    return static_text(pilot.app.query_one("#breadcrumb", Static))


def active_tab(pilot: Pilot[None]) -> str:
    app = pilot.app
    assert isinstance(app, PolyuApp)
    return app.active_tab


def focus_is_in(pilot: Pilot[None], selector: str) -> bool:
    focused = pilot.app.focused
    return focused is not None and pilot.app.query_one(selector) in focused.ancestors_with_self


def partner_names(table: PartnerTable) -> list[str]:
    rows = [table.row_at(index) for index in range(table.row_count)]
    assert all(row is not None for row in rows), "every row of a short list is loaded"
    return [row.name for row in rows if row is not None]


async def open_tab(pilot: Pilot[None], key: str, tab_id: str) -> None:
    await press(pilot, key)
    assert active_tab(pilot) == tab_id
    assert focus_is_in(pilot, f"#{tab_id}-view"), f"{key} puts the focus in the {tab_id} tab"


async def search_and_open(pilot: Pilot[None], query: str) -> None:
    """`/`, the query, Enter. The query is set, not typed key by key: keys are slow in Pilot."""
    await press(pilot, "slash")
    assert isinstance(pilot.app.screen, SearchScreen)
    pilot.app.screen.query_one("#search-input", Input).value = query
    await settle(pilot)
    await press(pilot, "enter")
    assert not isinstance(pilot.app.screen, SearchScreen), "Enter opens the hit and closes search"


# --------------------------------------------------------------------------- tabs


async def test_overview_shows_nine_figure_cards_and_the_timeline() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert active_tab(pilot) == "overview"
        cards = list(app.query(FigureCard))
        assert len(cards) == 9
        values = [card.card.value for card in cards]
        assert values[0] == "more than 580 agreements"
        screen = screen_text(pilot)
        assert "Headline figures" in screen
        assert "more than 580 agreements" in screen
        assert "As of February 2025" in screen
        for key in ("institutions", "countries", "exchange-inbound", "exchange-outbound"):
            assert app.query_one(f"#card-{key}").region.height > 0, f"{key} card is drawn"

        timeline = app.query_one("#timeline", RecordList)
        texts = list(option_texts(timeline).values())
        assert texts[0].startswith("1995"), texts[0]
        assert "International Strategic Technology Alliance" in texts[0]
        assert texts[-1].startswith("2027/28"), texts[-1]
        assert "Target" in texts[-1]

        # 1 focuses the first card; Enter opens the figure with its source sentence.
        await open_tab(pilot, "1", "overview")
        card = app.focused
        assert isinstance(card, FigureCard)
        assert card.card.key == "agreements"
        await press(pilot, "enter")
        assert detail(pilot).current_id == "fig-agreements"
        fields = static_text(app.query_one("#detail-fields", Static))
        assert "more than 580 agreements" in fields
        sources = flat(static_text(app.query_one("#detail-sources", Static)))
        assert "PolyU has signed more than 580 international collaboration agreements" in sources


async def test_partners_tab_lists_every_partner_and_enter_opens_a_row() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        assert app.focused is table, "2 focuses the table, not the filter box"
        assert table.row_count == 24
        assert "University of Waterloo" in partner_names(table)
        status = static_text(app.query_one("#partner-status", Static))
        assert status.startswith("24 partners · sorted by name, ascending")
        screen = screen_text(pilot)
        assert "Name ▲" in screen
        assert "University of Waterloo (UW)" in screen
        rows = screen.split("Name ▲", 1)[1].splitlines()
        assert all(row.strip() != "…" for row in rows), "no row is left as a placeholder"

        await press(pilot, "j", "j", "j", "k")
        assert table.cursor_row == 2
        row = table.row_at(2)
        assert row is not None
        await press(pilot, "enter")
        assert detail(pilot).history == [(row.id, row.name)]
        assert app.query_one("#body").has_class("with-detail")
        assert detail_title(pilot).startswith(row.name)


async def test_alliances_tab_lists_uasr_with_its_cofounder_and_role() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "3", "alliances")
        alliances = app.query_one("#alliance-list", RecordList)
        assert headings(alliances) == ["Belt and Road alliances", "International networks"]
        uasr = option_texts(alliances)["uasr"]
        assert "University Alliance of the Silk Road (UASR)" in uasr
        assert "co-founded with Xi’an Jiaotong University" in uasr
        assert "PolyU: Co-founder" in uasr
        assert "founded 2015" in uasr
        assert "University Alliance of the Silk Road" in screen_text(pilot)
        assert app.focused is alliances


async def test_exchange_tab_shows_inbound_and_outbound() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "4", "exchange")
        screen = screen_text(pilot)
        assert "Students on exchange, each year" in screen
        for line in ("Inbound to PolyU", "Outbound from PolyU"):
            bar_line = next(row for row in screen.splitlines() if line in row)
            assert "█" in bar_line, f"{line} has a bar"
        assert "more than 600 students" in screen
        assert "over 500 students" in screen
        sections = app.query_one("#exchange-view RecordList", RecordList)
        assert "Top outbound exchange destinations, 2023/24" in headings(sections)
        assert {"fig-exchange-inbound", "fig-exchange-outbound", "sweden"} <= set(
            record_ids(sections)
        )


async def test_service_learning_tab_lists_rwanda_and_its_outcomes() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "5", "service-learning")
        sections = app.query_one("#service-learning-view RecordList", RecordList)
        assert "Destinations further abroad" in headings(sections)
        assert "Rwanda: outcomes" in headings(sections)
        texts = option_texts(sections)
        assert texts["rwanda"] == "Rwanda"
        assert "sl-rwanda" in texts
        outcomes = [text for key, text in texts.items() if key.startswith("out-rwanda-")]
        assert len(outcomes) >= 3
        assert any("solar panels" in text for text in outcomes)
        assert "over 42,400 students" in screen_text(pilot)


async def test_research_tab_lists_cevr_with_waterloo() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "6", "research")
        research = app.query_one("#research-list", RecordList)
        cevr = option_texts(research)["cevr"]
        assert "Centre for Eye and Vision Research (CEVR)" in cevr
        assert "with University of Waterloo" in cevr
        assert "Industry research collaborations" in headings(research)
        assert "Centre for Eye and Vision Research" in screen_text(pilot)


async def test_a_click_on_a_tab_name_opens_it_and_on_a_key_presses_it() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bar = app.query_one(TabBar)
        spans = {tab_id: (start, end) for start, end, tab_id in bar.spans()}
        await pilot.click(TabBar, offset=(spans["alliances"][0] + 2, 0))
        await settle(pilot)
        assert active_tab(pilot) == "alliances"
        assert "Belt and Road alliances" in screen_text(pilot)
        footer = screen_text(pilot).splitlines()[-1]
        await pilot.click(KeyBar, offset=(footer.index("Help"), 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_brackets_step_through_the_tabs() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket")
        assert active_tab(pilot) == TABS[1].id
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert active_tab(pilot) == TABS[-1].id, "from the first tab back to the last"


async def test_every_tab_name_shows_at_80_columns() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        tab_line = screen_text(pilot).splitlines()[1]
        assert all(spec.title in tab_line for spec in TABS), tab_line


async def test_every_tab_by_its_key_and_enter_opens_a_record_at_80x24() -> None:
    """1-6 put the focus in the tab's list, Enter opens its first record, at 80x24.

    Revisiting tabs keeps working: the focus never lands in a box that eats the keys,
    nor in a hidden tab (which would switch back to it). No error, no stray screen.
    """
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert not app.query("#detail"), "the panel is composed when a record first opens"
        for spec in TABS:
            await open_tab(pilot, spec.key, spec.id)
            assert spec.title in screen_text(pilot)
            await press(pilot, "enter")
            panel = detail(pilot)
            assert panel.current_id, f"Enter opened a record on {spec.title}"
            assert panel.detail is not None, f"{panel.current_id} has a detail"
            assert detail_title(pilot).startswith(panel.detail.name)
            assert len(panel.history) == 1, "a record opened from a tab starts a fresh history"
        await press(pilot, "x")
        assert panel.history == []
        assert not app.query_one("#body").has_class("with-detail")
        assert focus_is_in(pilot, "#research-view"), "closing returns to the tab"
        for spec in (TABS[0], TABS[1]):  # from a focused card to the table: no flip back
            await open_tab(pilot, spec.key, spec.id)
        assert len(app.screen_stack) == 1
        assert app._exception is None
        assert app.return_code is None


# ------------------------------------------------------------------ partners table


async def test_filter_narrows_the_partners_table() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        app.query_one("#partner-filter", Input).focus()
        await press(pilot, *"water")
        assert table.row_count == 2
        assert partner_names(table) == [
            "University of Waterloo",
            "Waterloo Institute for Nanotechnology",
        ]
        assert static_text(app.query_one("#partner-status", Static)).startswith("2 partners")
        screen = screen_text(pilot)
        assert "Waterloo Institute for Nano" in screen
        assert "Cathay Pacific Airways" not in screen

        # Enter leaves the box for the table; Enter again opens the first row.
        await press(pilot, "enter")
        assert app.focused is table
        await press(pilot, "enter")
        assert detail(pilot).current_id == "waterloo"

        app.query_one("#partner-filter", Input).value = ""
        await settle(pilot)
        assert table.row_count == 24


async def test_facets_narrow_the_table_and_their_counts_match_and_follow_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        for selector in ("#facet-kind", "#facet-country", "#facet-relation"):
            facet = app.query_one(selector, FacetSelect)
            options = list(facet.options)
            assert options, f"{selector} has counts"
            if selector != "#facet-kind":
                # Two of them, and the partners with no country ("—"), are enough.
                options = options[:2] + [option for option in options if not option[1]]
            for label, value, count in options:
                facet.value = value
                await settle(pilot)
                assert table.row_count == count, f"{selector} = {label}"
                status = static_text(app.query_one("#partner-status", Static))
                assert status.startswith(f"{count} partner"), status
                if selector == "#facet-kind":
                    assert all(row.kind == value for row in map(table.row_at, range(count)))
            facet.clear()
            await settle(pilot)
            assert table.row_count == 24

        # The counts follow the filter.
        app.query_one("#partner-filter", Input).value = "water"
        await settle(pilot)
        kinds = app.query_one("#facet-kind", FacetSelect)
        assert sorted(kinds.menu_labels()) == [
            "Type: Institute (1)",
            "Type: University (1)",
            "Type: any",
        ]
        kinds.value = "university"
        await settle(pilot)
        assert partner_names(table) == ["University of Waterloo"]


async def test_a_facet_is_chosen_from_its_menu_with_the_keyboard() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        kinds = app.query_one("#facet-kind", FacetSelect)
        # From the table, Shift+Tab goes back through the facets to Type.
        for _ in range(3):
            await press(pilot, "shift+tab")
        assert app.focused is kinds
        await press(pilot, "enter")
        assert isinstance(app.screen, FacetMenu)
        menu = screen_text(pilot)
        first_label, first_value, count = kinds.options[0]
        assert "Type: any" in menu
        assert f"Type: {first_label} ({count:,})" in menu
        await press(pilot, "down", "enter")
        assert not isinstance(app.screen, FacetMenu)
        assert app.focused is kinds
        assert kinds.value == first_value
        assert table.row_count == count
        shown = screen_text(pilot)
        assert f"Type: {first_label} ▼" in shown
        assert f"{count:,} partner" in shown

        # Escape leaves the choice as it is; Backspace goes back to any.
        await press(pilot, "enter", "down", "escape")
        assert kinds.value == first_value
        await press(pilot, "backspace")
        assert kinds.value is None
        assert table.row_count == 24


async def test_new_counts_while_a_facet_menu_is_open_relist_it() -> None:
    """Counts for a newer filter can arrive while the menu is open: the menu shows
    them, and Enter applies the value highlighted, never another or an error."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        kinds = app.query_one("#facet-kind", FacetSelect)
        kinds.focus()
        await press(pilot, "enter", "end")
        menu = app.screen
        assert isinstance(menu, FacetMenu)
        last_value = kinds.options[-1][1]
        # As if the filter had moved on: only one kind left, not the highlighted one.
        kept = next(option for option in kinds.options if option[1] != last_value)
        kinds.set_options([kept])
        await settle(pilot)
        assert f"Type: {kept[0]} ({kept[2]:,})" in screen_text(pilot)
        assert menu.query_one(OptionList).option_count == 2
        await press(pilot, "end", "enter")
        assert kinds.value == kept[1]
        assert app._exception is None


async def test_the_facet_menu_stays_within_a_small_window() -> None:
    app = make_app()
    async with app.run_test(size=(60, 16)) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        countries = app.query_one("#facet-country", FacetSelect)
        countries.focus()
        await press(pilot, "enter")
        menu = app.screen.query_one(OptionList)
        assert menu.region.bottom <= 16 and menu.region.y >= 0
        await press(pilot, "end")
        assert countries.options[-1][0] in screen_text(pilot), "the last value scrolls into view"


async def test_narrow_facets_show_their_name_or_their_choice_whole() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        controls = screen_text(pilot).splitlines()[4]
        assert "Country ▼" in controls and "Relation ▼" in controls, controls
        countries = app.query_one("#facet-country", FacetSelect)
        countries.value = "Canada"
        await settle(pilot)
        assert "Canada ▼" in screen_text(pilot).splitlines()[4]


async def test_s_and_r_change_the_sort_order() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        by_name = partner_names(table)
        assert by_name == sorted(by_name, key=str.casefold)
        footer = screen_text(pilot).splitlines()[-1]
        assert "s Sort" in footer, "the footer shows the table's keys"
        assert "r Reverse" in footer

        await press(pilot, "s")
        assert "Type ▲" in screen_text(pilot)
        assert "sorted by type, ascending" in static_text(app.query_one("#partner-status"))
        by_kind = partner_names(table)
        assert by_kind != by_name
        kinds = [row.kind for row in map(table.row_at, range(table.row_count)) if row]
        assert kinds == sorted(kinds)

        await press(pilot, "r")
        assert "Type ▼" in screen_text(pilot)
        reversed_kind = partner_names(table)
        assert reversed_kind[0] != by_kind[0], "the first row changes"
        assert reversed_kind == list(reversed(by_kind))

        await press(pilot, "s")
        header = next(line for line in screen_text(pilot).splitlines() if "Partnership" in line)
        assert re.search(r"Country or regi\S* ▲", header), "the arrow is never cut off"
        assert "Name ▲" not in header
        await press(pilot, "s", "r")
        assert "Name ▼" in screen_text(pilot)
        assert partner_names(table) == list(reversed(by_name))


# --------------------------------------------------------------- search and detail


async def test_search_waterloo_shows_its_centres_and_source_then_links_and_back() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        assert app.focused is search.query_one("#search-input")
        await press(pilot, *"waterl")
        results = search.query_one("#search-results", ResultList)
        assert results.record_ids[0] == "waterloo", "the best hit comes first"
        assert results.highlighted_id == "waterloo"
        assert "Organisation" in results.headings
        assert "University of Waterloo" in screen_text(pilot)
        await press(pilot, "enter")
        assert app.screen is not search

        panel = detail(pilot)
        assert panel.history == [("waterloo", "University of Waterloo")]
        assert detail_title(pilot).startswith("University of Waterloo")
        assert breadcrumb(pilot) == "University of Waterloo"
        links = app.query_one("#detail-links", RecordList)
        assert app.focused is links, "the links take the focus, ready to follow"
        assert {"cevr", "nanoscience-centre"} <= set(record_ids(links))
        texts = option_texts(links)
        assert "Centre for Eye and Vision Research" in texts["cevr"]
        assert "Research Centre for Nanoscience and Nanotechnology" in texts["nanoscience-centre"]
        sources = flat(static_text(app.query_one("#detail-sources", Static)))
        assert "PolyU founded the Centre for Eye and Vision Research (CEVR)" in sources
        screen = screen_text(pilot)
        assert "Centre for Eye and Vision" in screen
        assert "Source" in screen
        assert "esc Back" in screen.splitlines()[-1], "the footer shows the panel's keys"

        # Walk down the links to CEVR, then follow it.
        for _ in range(links.option_count):
            if highlighted_id(links) == "cevr":
                break
            await press(pilot, "down")
        assert highlighted_id(links) == "cevr"
        await press(pilot, "enter")
        assert [record_id for record_id, _ in panel.history] == ["waterloo", "cevr"]
        assert detail_title(pilot).startswith("Centre for Eye and Vision Research")
        assert breadcrumb(pilot) == "University of Waterloo › Centre for Eye and Vision Research"
        assert "University of Waterloo › Centre for Eye" in screen_text(pilot)
        assert "waterloo" in record_ids(app.query_one("#detail-links", RecordList))

        await press(pilot, "escape")
        assert panel.history == [("waterloo", "University of Waterloo")]
        assert detail_title(pilot).startswith("University of Waterloo")
        assert breadcrumb(pilot) == "University of Waterloo"
        assert app.query_one("#body").has_class("with-detail")

        # Backspace goes back too.
        links = app.query_one("#detail-links", RecordList)
        links.highlighted = [highlighted_id_at(links, i) for i in range(links.option_count)].index(
            "nanoscience-centre"
        )
        await press(pilot, "enter")
        assert panel.current_id == "nanoscience-centre"
        await press(pilot, "backspace")
        assert panel.current_id == "waterloo"
        assert len(panel.history) == 1

        await press(pilot, "escape")
        assert panel.history == []
        assert not app.query_one("#body").has_class("with-detail")
        assert not panel.display or panel.region.width == 0
        assert "Source" not in screen_text(pilot)
        assert focus_is_in(pilot, "#overview-view"), "the focus goes back to the tab"


# --------------------------------------------------------------------------- help


async def test_help_and_search_screens_open_and_close() -> None:
    """`?` lists every binding; Escape closes it. Escape closes search without opening
    anything; ctrl+k opens a fresh one."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app.screen.query_one("#help-table", Static))
        lines = text.splitlines()
        search_line = next(line for line in lines if "Search everything" in line)
        assert search_line.split()[:2] == ["/,", "Ctrl+K"]
        for expected in ("Everywhere", "Partners table", "Detail panel", "Quit polyu-tui"):
            assert expected in text
        assert "Choose a value of this facet" in text, "the facet keys are listed too"
        next_tab = next(line for line in lines if "The next tab" in line)
        assert next_tab.split()[0] == "]", next_tab
        for spec in TABS:
            assert any(line.split()[:1] == [spec.key] for line in lines), spec.key
        assert "Search everything" in screen_text(pilot)
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        assert len(app.screen_stack) == 1

        await press(pilot, "slash")
        app.screen.query_one("#search-input", Input).value = "water"
        await settle(pilot)
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1
        assert not app.query("#detail"), "Escape opened nothing"
        await press(pilot, "ctrl+k")
        assert isinstance(app.screen, SearchScreen), "ctrl+k opens search too"
        assert app.screen.query_one("#search-input", Input).value == "", "a fresh search"


# -------------------------------------------------------------- themes and colour


async def test_theme_choice_is_remembered_between_runs(settings_dir: Path) -> None:
    first = make_app(remember_theme=True)
    async with first.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert first.theme != "nord"
        first.theme = "nord"
        await pilot.pause()
    settings = settings_dir / "settings.json"
    assert settings.is_file()
    assert json.loads(settings.read_text(encoding="utf-8"))["theme"] == "nord"

    second = make_app(remember_theme=True)
    async with second.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert second.theme == "nord"


async def test_a_broken_settings_file_is_ignored(settings_dir: Path) -> None:
    settings_dir.mkdir(parents=True)
    (settings_dir / "settings.json").write_text("{not json", encoding="utf-8")
    app = make_app(remember_theme=True)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"


async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.no_color is True
        assert "more than 580 agreements" in screen_text(pilot)


# ------------------------------------------------------------------------ resizing


async def test_keys_pressed_while_too_small_act_on_nothing_hidden() -> None:
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("too-small")
        assert "too small" in screen_text(pilot)
        await press(pilot, "enter")
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert not app.query("#detail"), "Enter on a hidden card opened nothing"
        assert isinstance(app.focused, FigureCard), "the first card has the focus again"


async def test_resizing_down_to_40x12_and_up_to_200x60() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "waterl")
        tabs = app.query_one("#tabs")
        panel = detail(pilot)
        assert not app.screen.has_class("narrow")
        assert panel.region.x > tabs.region.x, "at 120x40 the panel is beside the list"

        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        assert app.screen.has_class("too-small")
        assert "The window is too small for polyu-tui." in screen_text(pilot)
        await app.run_action("show_tab('research')")  # a tab first composed while too small
        await settle(pilot)
        assert "too small" in flat(screen_text(pilot))
        await app.run_action("show_tab('overview')")

        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert not app.screen.has_class("too-small")
        assert app.screen.has_class("narrow")
        assert panel.region.width > 0
        assert panel.region.y > tabs.region.y, "at 80x24 the panel stacks under the list"
        assert panel.region.x == tabs.region.x
        assert "University of Waterloo" in screen_text(pilot)
        assert focus_is_in(pilot, "#detail"), "the focus comes back after 'too small'"

        await pilot.resize_terminal(200, 60)
        await settle(pilot)
        assert not app.screen.has_class("narrow")
        assert not app.screen.has_class("too-small")
        assert panel.region.x > tabs.region.x
        assert panel.current_id == "waterloo"
        assert "more than 580 agreements" in screen_text(pilot)


async def test_resizing_while_search_is_open_resizes_the_main_screen() -> None:
    """The size classes go on the main screen, not on the search screen above it."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        app.screen.query_one("#search-input", Input).value = "waterl"
        await settle(pilot)
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        await press(pilot, "enter")
        assert detail(pilot).current_id == "waterloo"
        assert app.screen.has_class("narrow")
        assert not app.screen.has_class("too-small")
        panel, tabs = detail(pilot), app.query_one("#tabs")
        assert panel.region.y > tabs.region.y, "the panel stacks under the list"
        assert "University of Waterloo" in screen_text(pilot)


# ----------------------------------------------------------------- command palette


async def test_command_palette_opens_a_record_by_name() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "rwanda")
        assert "Rwanda" in detail_title(pilot)
        await press(pilot, "ctrl+p")
        assert app.screen.id == "--command-palette"
        await press(pilot, *"waterloo")
        hits = app.screen.query_one("CommandList", OptionList)
        for _ in range(50):  # the palette gathers its hits on a timer
            if hits.option_count and hits.highlighted is not None:
                break
            await pilot.pause(0.05)
        texts = [plain(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert texts, "the palette found something"
        assert "Open University of Waterloo" in texts[0]
        await press(pilot, "enter")
        assert app.screen.id != "--command-palette"
        assert detail(pilot).history == [("waterloo", "University of Waterloo")], "a fresh start"
        assert detail_title(pilot).startswith("University of Waterloo")


async def test_record_provider_finds_a_record_by_name() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        provider = RecordCommands(app.screen)
        hits = [hit async for hit in provider.search("waterloo")]
        assert any("University of Waterloo" in plain(hit.text or "") for hit in hits)
        assert [hit async for hit in provider.search("   ")] == []


# -------------------------------------------------------------------- robustness


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
