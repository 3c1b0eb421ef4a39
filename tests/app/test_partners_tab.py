"""The Partners tab: filter, facets, sort."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static
from ui_helpers import (
    SMALL,
    WIDE,
    detail,
    make_app,
    open_tab,
    partner_names,
    press,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.ui.widgets.facet_select import FacetMenu, FacetSelect
from polyu_tui.ui.widgets.partner_table import PartnerTable


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
        # The name has the room: whole, not cut first (fit's own tests cut at words).
        assert "Waterloo Institute for Nanotechnology" in screen
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
        assert "Country ▲" in header, "the arrow is never cut off"
        assert "Name ▲" not in header
        await press(pilot, "s", "r")
        assert "Name ▼" in screen_text(pilot)
        assert partner_names(table) == list(reversed(by_name))


async def test_a_chosen_facet_that_the_filter_empties_still_says_what_it_filters() -> None:
    """Relation = Research, then a filter none of whose partners has it: the label keeps
    "Research" (the table is still narrowed by it), never "any" over 0 partners."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        relation = app.query_one("#facet-relation", FacetSelect)
        relation.value = "research"
        await settle(pilot)
        # Typed at once: the table's query has Research before the counts come back.
        app.query_one("#partner-filter", Input).value = "korea"
        await settle(pilot)
        table = app.query_one("#partner-table", PartnerTable)
        assert table.query_spec.relation == "research"
        assert table.row_count == 0
        assert relation.value == "research"
        assert "Relation: Research" in screen_text(pilot)
        assert "Relation: any" not in screen_text(pilot)
        assert "Relation: Research (0)" in relation.menu_labels()
        # Clearing the facet shows the partner the filter alone finds.
        relation.clear()
        await settle(pilot)
        assert "Korea University" in partner_names(table)


async def test_the_filter_knows_country_names_as_people_type_them() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = app.query_one("#partner-table", PartnerTable)
        for text in ("uk", "united kingdom"):
            app.query_one("#partner-filter", Input).value = text
            await settle(pilot)
            assert "Royal College of Art" in partner_names(table), text
            assert "Royal College of Art" in screen_text(pilot)
