"""The Partners tab with an imported agreement list: an agreements column and an
agreement-type facet (and neither without one); facet counts estimated, and marked ≈,
when counting them exactly would take too long."""

from __future__ import annotations

from pathlib import Path

import pytest
from agreement_db import TODAY, agreements_db
from textual.widgets import Input, Static
from ui_helpers import (
    WIDE,
    make_app,
    open_tab,
    partner_names,
    press,
    screen_text,
    settle,
    static_text,
)

from polyu_tui.data import partners
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.widgets.facet_select import FacetMenu, FacetSelect
from polyu_tui.ui.widgets.partner_table import PartnerTable


@pytest.fixture
def user_app(tmp_path: Path) -> PolyuApp:
    return PolyuApp(agreements_db(tmp_path / "user"), remember_theme=False, today=TODAY)


def header(pilot: object) -> str:
    return next(line for line in screen_text(pilot).splitlines() if "Name ▲" in line)


async def test_without_agreements_there_is_no_column_and_no_facet() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        assert "Agreements" not in header(pilot)
        assert not app.query_one("#facet-agreement-type", FacetSelect).display
        assert "Agreement:" not in screen_text(pilot)


async def test_each_partner_shows_its_number_of_agreements(user_app: PolyuApp) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        assert header(pilot).rstrip().endswith("Agreements")
        lines = screen_text(pilot).splitlines()

        def row(name: str) -> str:
            return next(line for line in lines if f"▊ {name}" in line).rstrip()

        # Waterloo has two agreements (student exchange and research); Cathay none.
        assert row("University of Waterloo").endswith(" 2")
        assert row("Aalto University").endswith(" 1")
        assert row("Cathay Pacific Airways").endswith("WIE supporter in Thailand")


async def test_the_agreement_type_facet_counts_partners_and_narrows_the_table(
    user_app: PolyuApp,
) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        table = user_app.query_one("#partner-table", PartnerTable)
        facet = user_app.query_one("#facet-agreement-type", FacetSelect)
        assert facet.display
        # Partners with at least one agreement of each type (not agreements).
        assert sorted((value, n) for _label, value, n in facet.options) == [
            ("dual_degree", 1),
            ("mou", 2),
            ("research", 1),
            ("student_exchange", 2),
        ]
        # From the table, Shift+Tab reaches the agreement facet first.
        table.focus()
        await press(pilot, "shift+tab")
        assert user_app.focused is facet
        await press(pilot, "enter")
        assert isinstance(user_app.screen, FacetMenu)
        menu = screen_text(pilot)
        assert "Agreement: Student exchange (2)" in menu
        assert "Agreement: MoU (2)" in menu
        labels = [label for label, _value, _n in facet.options]
        await press(pilot, *["down"] * (1 + labels.index("Student exchange")), "enter")
        assert facet.value == "student_exchange"
        assert partner_names(table) == ["University of Waterloo", "Zhejiang University"]
        status = static_text(user_app.query_one("#partner-status", Static))
        assert status.startswith("2 partners")
        # The other facets count within it: two universities, Canada and Mainland China.
        kinds = user_app.query_one("#facet-kind", FacetSelect)
        assert [(value, n) for _l, value, n in kinds.options] == [("university", 2)]


async def test_estimated_facet_counts_are_marked_then_replaced_by_exact_ones(
    user_app: PolyuApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no time to count, and a sample smaller than the matches, the facets show
    estimates marked ≈ (menu and status line); the exact counts follow."""
    monkeypatch.setattr(partners, "FACET_SAMPLE_ROWS", 3)
    shown: list[partners.Facets] = []
    real = partners.partner_facets

    def timed_out(*args: object, **kwargs: object) -> partners.Facets:
        if kwargs.get("limit") is not None:
            kwargs["limit"] = 0.0  # no time at all: estimate whatever can be
        facets = real(*args, **kwargs)  # type: ignore[arg-type]
        shown.append(facets)
        return facets

    monkeypatch.setattr("polyu_tui.ui.tabs.partners.partner_facets", timed_out)
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        # Hold the exact counts back, to see the estimates on screen first.
        exact_ready = False

        def hold(*args: object, **kwargs: object) -> partners.Facets:
            if kwargs.get("limit") is None and not exact_ready:
                raise partners.TimeLimit("held")  # as if a newer filter cancelled it
            return timed_out(*args, **kwargs)

        monkeypatch.setattr("polyu_tui.ui.tabs.partners.partner_facets", hold)
        user_app.query_one("#partner-filter", Input).value = "univ"
        await settle(pilot)
        estimate = shown[-1]
        assert estimate.estimated == {"kind", "country", "relation", "agreement_type"}
        kinds = user_app.query_one("#facet-kind", FacetSelect)
        assert kinds.estimated
        status = static_text(user_app.query_one("#partner-status", Static))
        assert "≈ facet counts estimated" in status
        kinds.focus()
        await press(pilot, "enter")
        menu = screen_text(pilot)
        label, _value, count = kinds.options[0]
        assert f"Type: {label} (≈ {count})" in menu
        await press(pilot, "escape")

        # Exact counts now: the marks go.
        exact_ready = True
        user_app.query_one("#partner-filter", Input).value = "univers"
        await settle(pilot)
        assert shown[-1].estimated == frozenset()
        assert not kinds.estimated
        assert "≈" not in static_text(user_app.query_one("#partner-status", Static))
        await press(pilot, "enter")
        label, _value, count = kinds.options[0]
        assert f"Type: {label} ({count:,})" in screen_text(pilot)
        assert "≈" not in screen_text(pilot)


async def test_counts_that_fit_in_time_are_exact_and_unmarked(user_app: PolyuApp) -> None:
    async with user_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        user_app.query_one("#partner-filter", Input).value = "univ"
        await settle(pilot)
        for selector in ("#facet-kind", "#facet-country", "#facet-relation"):
            assert not user_app.query_one(selector, FacetSelect).estimated
        assert "≈" not in static_text(user_app.query_one("#partner-status", Static))
