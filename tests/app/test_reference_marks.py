"""Reference values are marked where the app shows them, and never shown as quotes."""

from __future__ import annotations

from textual.widgets import Static
from ui_helpers import (
    WIDE,
    detail,
    flat,
    make_app,
    open_tab,
    option_texts,
    press,
    screen_text,
    search_and_open,
    settle,
    static_text,
)

from polyu_tui.ui.search.result_list import ResultList
from polyu_tui.ui.search.screen import SearchScreen
from polyu_tui.ui.widgets.record_list import RecordList


async def test_the_detail_panel_marks_reference_values_and_lists_their_references() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "Korea University")
        await settle(pilot)
        assert detail(pilot).current_id == "korea-university"
        fields = flat(static_text(app.query_one("#detail-fields", Static)))
        assert "South Korea †" in fields
        assert "Dual PhD †" not in fields, "an article value is not marked"
        references = flat(static_text(app.query_one("#detail-references", Static)))
        assert "† not in the article: reference" in references
        assert "KR †" in references and "ISO 3166-1" in references
        assert "Seoul †" in references and "Anam-ro" in references
        sources = flat(static_text(app.query_one("#detail-sources", Static)))
        assert "Seoul" not in sources and "ISO 3166-1" not in sources, "no reference as a quote"
        links = option_texts(app.query_one("#detail-links", RecordList))
        assert links["south-korea"].startswith("South Korea †")
        assert not links["dual-phd"].split("Programme")[0].endswith("†")


async def test_the_south_korea_page_lists_korea_university_marked() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "South Korea")
        await settle(pilot)
        assert detail(pilot).current_id == "south-korea"
        links = option_texts(app.query_one("#detail-links", RecordList))
        assert links["korea-university"].startswith("Korea University †")


async def test_a_search_hit_on_a_reference_name_is_marked() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await press(pilot, *"airline")
        await settle(pilot)
        results = search.query_one("#search-results", ResultList)
        assert results.record_ids[0] == "cathay"
        screen = screen_text(pilot)
        assert "Cathay Pacific Airways †" in screen
        assert "† found by a reference name, not in the article" in screen


async def test_the_partners_table_marks_a_reference_country() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        await settle(pilot)
        screen = screen_text(pilot)
        korea = next(line for line in screen.splitlines() if "Korea University" in line)
        assert "South Korea †" in korea
        waterloo = next(line for line in screen.splitlines() if "University of Waterloo" in line)
        assert "Canada" in waterloo and "†" not in waterloo, "the article's country is not marked"
        assert "† not in the article: reference" in screen
        hoya = next(line for line in screen.splitlines() if "HOYA Vision Care" in line)
        assert "Company †" in hoya and "Japan †" in hoya
        rca = next(line for line in screen.splitlines() if "Royal College of Art" in line)
        assert "(RCA †)" in rca and "University †" in rca and "U.K. †" not in rca


async def test_the_partners_legend_fits_at_80_columns() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        await settle(pilot)
        screen = screen_text(pilot)
        assert "South Korea †" in screen
        assert "† not in the article: reference" in screen
