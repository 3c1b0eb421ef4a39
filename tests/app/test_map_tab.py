"""The Map tab in the app: markers from the database, keys, the detail panel, filters."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import clean_env, run_polyu
from map_db import db_with_points
from textual.widgets import Static
from ui_helpers import SMALL, WIDE, active_tab, detail_title, press, screen_text, settle

from polyu_tui.data.briefing.files import EXPORT_ENV
from polyu_tui.data.db import connect
from polyu_tui.data.world import world_data
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.widgets.world_map import HOME_GLYPH, WorldMap


@pytest.fixture
def points_db(tmp_path: Path) -> Path:
    return db_with_points(tmp_path)


def test_counts_per_country_are_the_partners_in_it(points_db: Path) -> None:
    conn = connect(points_db)
    data = world_data(conn)
    direct = dict(
        conn.execute(
            "SELECT country, count(*) FROM organisation WHERE kind != 'polyu' GROUP BY country"
        ).fetchall()
    )
    assert data.markers
    for marker in data.markers:
        assert marker.count == direct.get(marker.name, 0), marker.name
    assert data.placed + data.unplaced == sum(direct.values())
    home = [m for m in data.markers if m.home]
    assert [m.id for m in home] == ["hong-kong"]
    # A type filter counts only that type.
    companies = world_data(conn, kind="company")
    assert companies.placed <= data.placed
    assert all(m.count or m.home for m in companies.markers)
    assert "company" in data.kinds and "research" in data.relations


async def test_key_8_opens_the_map_and_enter_opens_the_country(points_db: Path) -> None:
    app = PolyuApp(points_db, remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        assert active_tab(pilot) == "map"
        world = app.query_one(WorldMap)
        assert app.focused is world
        text = screen_text(pilot)
        assert HOME_GLYPH in text and "partners in a country" in text
        assert "Natural Earth" in text
        first = world.marker
        assert first is not None and first.count == max(m.count for m in world.data.markers)
        status = str(app.query_one("#map-status", Static).render())
        assert first.name in status
        await press(pilot, "right")
        assert world.marker is not None and world.marker.id != first.id
        await press(pilot, "enter")
        assert detail_title(pilot).startswith(world.marker.name)


async def test_b_on_the_map_writes_the_selected_country_s_card(
    points_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EXPORT_ENV, str(tmp_path / "cards"))
    app = PolyuApp(points_db, remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        marker = app.query_one(WorldMap).marker
        assert marker is not None
        await press(pilot, "b")
        await settle(pilot)
        written = [path.name for path in (tmp_path / "cards").iterdir()]
        assert written and all(marker.name.split()[0].lower() in n.lower() for n in written)


async def test_the_overview_links_to_the_map(points_db: Path) -> None:
    app = PolyuApp(points_db, remember_theme=False)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert "the world map" in screen_text(pilot)
        await pilot.click("#map-link")
        await settle(pilot)
        assert active_tab(pilot) == "map"


async def test_a_type_filter_changes_the_markers(points_db: Path) -> None:
    app = PolyuApp(points_db, remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        world = app.query_one(WorldMap)
        every = {m.id: m.count for m in world.data.markers}
        await press(pilot, "t")
        filtered = {m.id: m.count for m in world.data.markers}
        kind = world.data.filters["kind"]
        assert sum(filtered.values()) < sum(every.values())
        assert "Only:" in screen_text(pilot) and kind.lower() in screen_text(pilot).lower()
        for _ in world.data.kinds:
            await press(pilot, "t")
        assert world.data.filters == {}  # round to every type again


@pytest.mark.parametrize("size", [(60, 16), (64, 20), (100, 28), (250, 80)])
async def test_the_map_tab_draws_at_every_size(points_db: Path, size: tuple[int, int]) -> None:
    app = PolyuApp(points_db, remember_theme=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        world = app.query_one(WorldMap)
        assert world.size.height >= 4 and world.size.width == size[0]
        cells = world.marker_cells()
        assert len(cells) == len(world.data.markers)  # every marker drawn, none lost
        text = screen_text(pilot)
        assert HOME_GLYPH in text


AGREEMENTS_CSV = (
    "partner,country,agreement_type,start_date,end_date\n"
    "University of Waterloo,CA,student_exchange,2024-01-01,2099-12-31\n"
    "University of Waterloo,CA,research,2024-01-01,\n"
    "Korea University,KR,mou,2023-05-01,2099-01-01\n"
    "Universidade de Sao Paulo,BR,mou,2023-05-01,\n"
    f"Korea University,KR,research,2023-01-01,{date.today() + timedelta(days=30)}\n"
)


async def test_a_counts_imported_agreements_per_country(tmp_path: Path) -> None:
    source = tmp_path / "agreements.csv"
    source.write_text(AGREEMENTS_CSV, encoding="utf-8")
    target = tmp_path / "user.db"
    done = run_polyu(
        ["import", str(source), "--into", str(target)],
        env=clean_env(POLYU_TUI_DATA_DIR=str(tmp_path / "data")),
    )
    assert done.returncode == 0, done.stderr
    app = PolyuApp(target, remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        world = app.query_one(WorldMap)
        assert world.data.unit == "partners"
        await press(pilot, "a")
        assert world.data.unit == "agreements"
        counts = {m.code: m.count for m in world.data.markers if m.count}
        # Brazil has no point in this database: counted as not on the map.
        assert counts == {"CA": 2, "KR": 2} and world.data.unplaced == 1
        assert "agreements in a country" in screen_text(pilot)
        await press(pilot, "t")  # the first agreement type
        assert set(world.data.filters) == {"agreement_type"}
        await press(pilot, "t", "t", "t")  # round to every type again
        assert world.data.filters == {}
        await press(pilot, "w")  # only the one ending within six months
        assert {m.code: m.count for m in world.data.markers if m.count} == {"KR": 1}
        await press(pilot, "a")
        assert world.data.unit == "partners"
