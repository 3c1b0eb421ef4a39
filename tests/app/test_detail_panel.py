"""Search, the detail panel, its links and its history."""

from __future__ import annotations

from textual.widgets import Static
from ui_helpers import (
    WIDE,
    breadcrumb,
    detail,
    detail_title,
    flat,
    focus_is_in,
    highlighted_id,
    highlighted_id_at,
    make_app,
    option_texts,
    press,
    record_ids,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.ui.search.result_list import ResultList
from polyu_tui.ui.search.screen import SearchScreen
from polyu_tui.ui.widgets.record_list import RecordList


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
        assert breadcrumb(pilot) == "", "one record: its heading names it, once"
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
        # Both names do not fit the panel's width: the latest stays whole.
        assert breadcrumb(pilot) == "… › Centre for Eye and Vision Research"
        assert "… › Centre for Eye and Vision Research" in screen_text(pilot)
        assert "waterloo" in record_ids(app.query_one("#detail-links", RecordList))

        await press(pilot, "escape")
        assert panel.history == [("waterloo", "University of Waterloo")]
        assert detail_title(pilot).startswith("University of Waterloo")
        assert breadcrumb(pilot) == ""
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
