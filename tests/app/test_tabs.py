"""Each tab: what it lists, and reaching it by key, click and brackets."""

from __future__ import annotations

from textual.widgets import Static
from ui_helpers import (
    SMALL,
    WIDE,
    active_tab,
    detail,
    detail_title,
    flat,
    focus_is_in,
    headings,
    make_app,
    open_tab,
    option_texts,
    partner_names,
    press,
    record_ids,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.ui.help_screen import HelpScreen
from polyu_tui.ui.tabs import TABS
from polyu_tui.ui.tabs.overview import FigureCard
from polyu_tui.ui.widgets.key_bar import KeyBar
from polyu_tui.ui.widgets.partner_table import PartnerTable
from polyu_tui.ui.widgets.record_list import RecordList
from polyu_tui.ui.widgets.tab_bar import TabBar


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
        # The 2050 myopia projection closes the timeline, marked as a projection.
        assert texts[-1].startswith("2050"), texts[-1]
        assert "Projection" in texts[-1]
        assert texts[-2].startswith("2027/28"), texts[-2]
        assert "Target" in texts[-2]

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
        # UASR is a reference acronym (common usage, not the article's): marked.
        assert "University Alliance of the Silk Road (UASR †)" in uasr
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
    """Each tab by its key and a whole name: its title, or a short form of it ("SL")."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        words = screen_text(pilot).splitlines()[1].split()
        for spec in TABS:
            assert spec.key in words, words
            name = words[words.index(spec.key) + 1]
            assert name in (spec.title, *spec.short), (spec.title, words)


async def test_every_tab_by_its_key_and_enter_opens_a_record_at_80x24() -> None:
    """1-6 put the focus in the tab's list, Enter opens its first record, at 80x24.
    (7, Agreements, has no records until an import: test_agreements_tab.py.)

    Revisiting tabs keeps working: the focus never lands in a box that eats the keys,
    nor in a hidden tab (which would switch back to it). No error, no stray screen.
    """
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert not app.query("#detail"), "the panel is composed when a record first opens"
        # The map's Enter opens its selected country: tests/app/test_map_tab.py; the
        # Agreements tab has no records until an import: test_agreements_tab.py.
        for spec in (spec for spec in TABS if spec.id not in ("map", "agreements")):
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
