"""The map widget on its own, with a fixed list of markers: drawing, keys, zoom, sizes."""

from __future__ import annotations

import itertools

import pytest
from textual.app import App, ComposeResult

from polyu_tui.data.world import CountryMarker, WorldData
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.widgets.world_map import GLYPHS, HOME_GLYPH, WorldMap, levels, nearest

MARKERS = [
    CountryMarker("canada", "Canada", "CA", 45.42, -75.70, 30),
    CountryMarker("uk", "U.K.", "GB", 51.51, -0.13, 12),
    CountryMarker("france", "France", "FR", 48.86, 2.35, 6),
    CountryMarker("japan", "Japan", "JP", 35.68, 139.69, 2),
    CountryMarker("australia", "Australia", "AU", -35.28, 149.13, 1),
    CountryMarker("singapore", "Singapore", "SG", 1.29, 103.85, 3),
    CountryMarker("macao", "Macao", "MO", 22.19, 113.54, 1),
    CountryMarker("hong-kong", "Hong Kong", "HK", 22.30, 114.17, 4, home=True),
]


class MapApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    def compose(self) -> ComposeResult:
        yield WorldMap(id="map")

    def on_mount(self) -> None:
        world = self.query_one(WorldMap)
        world.set_data(WorldData(list(MARKERS), sum(m.count for m in MARKERS), 0))
        world.focus()

    def on_open_record(self, message: OpenRecord) -> None:
        self.opened.append(message.record_id)


def screen_text(app: App[None]) -> str:
    return "\n".join(
        "".join(segment.text for segment in app.query_one(WorldMap).render_line(y))
        for y in range(app.query_one(WorldMap).size.height)
    )


def test_sizes_follow_the_counts() -> None:
    bounds = levels(30)
    assert [glyph for glyph, _, _ in bounds] == list(GLYPHS)
    assert bounds[0][1] == 1 and bounds[-1][2] == 30
    # Contiguous: every count from 1 to the largest has exactly one size.
    assert all(a[2] + 1 == b[1] for a, b in itertools.pairwise(bounds))
    assert levels(1) == [(GLYPHS[2], 1, 1)]
    assert levels(0) == []


def test_nearest_goes_the_way_the_arrow_points() -> None:
    cells = {0: (10, 10), 1: (20, 10), 2: (10, 2), 3: (0, 11), 4: (11, 18)}
    assert nearest(cells, 0, "right") == 1
    assert nearest(cells, 0, "left") == 3
    assert nearest(cells, 0, "up") == 2
    assert nearest(cells, 0, "down") == 4
    assert nearest(cells, 1, "right") is None


@pytest.mark.parametrize("size", [(60, 16), (80, 24), (120, 40), (250, 80)])
async def test_every_marker_shows_once_at_every_size(size: tuple[int, int]) -> None:
    app = MapApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        world = app.query_one(WorldMap)
        cells = world.marker_cells()
        # Hong Kong and Macao share a cell at world scale: each still gets its own.
        assert set(cells) == set(range(len(MARKERS)))
        assert len(set(cells.values())) == len(MARKERS)
        text = screen_text(app)
        assert text.count(HOME_GLYPH) == 1
        assert sum(text.count(glyph) for glyph in GLYPHS) == len(MARKERS) - 1
        assert "Canada" in text  # the largest is selected first, and labelled
        lines = text.split("\n")
        assert len(lines) == size[1] and all(len(line) == size[0] for line in lines)
        # Land is drawn: braille in the rows where Canada and Australia are.
        assert any("\u2800" < ch <= "\u28ff" for ch in lines[cells[0][1]])


async def test_arrows_walk_the_markers_and_enter_opens_the_country() -> None:
    app = MapApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        world = app.query_one(WorldMap)
        assert world.marker is not None and world.marker.id == "canada"
        await pilot.press("right")
        assert world.marker.id in {"uk", "france"}
        await pilot.press("right", "right", "right")
        assert world.marker.id not in {"canada", "uk", "france"}
        await pilot.press("down")
        await pilot.press("enter")
        assert app.opened == [world.marker.id]
        # From the far east, right stays put.
        world.select("australia")
        await pilot.press("right")
        assert world.marker.id == "australia"


async def test_zoom_and_regions_change_what_is_shown() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        world = app.query_one(WorldMap)
        world.select("hong-kong")
        before = world.marker_cells()
        await pilot.press("plus", "plus")
        assert 0 not in world.marker_cells()  # Canada is out of view
        await pilot.press("plus", "plus", "plus", "plus")  # as far as it goes: 32 times
        zoomed = world.marker_cells()
        assert world.marker is not None and world.marker.id == "hong-kong"
        # Hong Kong and Macao, one cell apart at world scale, are apart by their points.
        hk, mo = len(MARKERS) - 1, 6
        assert abs(before[hk][0] - before[mo][0]) + abs(before[hk][1] - before[mo][1]) == 1
        assert zoomed[hk][0] - zoomed[mo][0] >= 3
        await pilot.press(*["minus"] * 5)
        assert world.marker_cells() == before
        await pilot.press("z")  # Asia
        assert world.view_name == "Asia"
        shown = {MARKERS[i].id for i in world.marker_cells()}
        assert {"japan", "hong-kong", "singapore"} <= shown and "canada" not in shown
        await pilot.press("z")  # Europe: the selection moves to a marker in view
        assert world.view_name == "Europe"
        assert world.marker is not None and world.marker.id in {"uk", "france"}
