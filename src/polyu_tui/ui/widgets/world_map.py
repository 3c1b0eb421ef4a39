"""The world in braille with a marker per country that has partners.

The land is drawn once per size and view (polyu_tui.geo.braille caches it); markers go
on top, one cell each, sized and shaded by how many partners are there. Markers that
would share a cell (Hong Kong and Macao at world scale) take the nearest free one, so
each stays visible and reachable. Arrow keys move to the nearest marker in that
direction, Enter opens the country's page, +/- zoom about the selected marker, and
``z`` steps through the regions.
"""

from __future__ import annotations

import math
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from polyu_tui.data.world import CountryMarker, WorldData
from polyu_tui.geo.braille import WORLD, Box, Projection, land_lines
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.styles import css_beside

# Named views the z key steps through: (name, box).
REGIONS: tuple[tuple[str, Box], ...] = (
    ("World", WORLD),
    ("Asia", Box(60.0, 150.0, -12.0, 55.0)),
    ("Europe", Box(-12.0, 42.0, 34.0, 66.0)),
    ("Africa", Box(-20.0, 52.0, -36.0, 38.0)),
    ("Americas", Box(-170.0, -30.0, -56.0, 72.0)),
    ("Oceania", Box(105.0, 180.0, -48.0, 0.0)),
)
# Zooming in further than this many times the world shows nothing more useful.
MAX_ZOOM = 32.0
HOME_GLYPH = "★"
GLYPHS = ("•", "●", "◉")  # small, medium, large


def levels(largest: int) -> list[tuple[str, int, int]]:
    """(glyph, fewest, most) of each marker size in use, for markers and the legend.

    The large marker is for at least half the largest count, the medium one for at
    least an eighth; with few partners per country the sizes collapse to fewer.
    """
    if largest <= 0:
        return []
    large = max(math.ceil(largest / 2), 1)
    medium = max(math.ceil(largest / 8), 1)
    bounds: list[tuple[str, int, int]] = []
    if medium > 1:
        bounds.append((GLYPHS[0], 1, medium - 1))
    if large > medium:
        bounds.append((GLYPHS[1], medium, large - 1))
    bounds.append((GLYPHS[2], large, largest))
    return bounds


def level_of(count: int, bounds: list[tuple[str, int, int]]) -> int:
    """0, 1 or 2: the size of a marker (the glyph's index in GLYPHS)."""
    for glyph, _low, high in bounds:
        if count <= high:
            return GLYPHS.index(glyph)
    return len(GLYPHS) - 1


def place_markers(
    markers: list[CountryMarker], projection: Projection
) -> dict[tuple[int, int], int]:
    """Cell -> marker index for every marker in view; a taken cell passes a marker to
    the nearest free one (largest counts first keep their true cell)."""
    taken: dict[tuple[int, int], int] = {}
    order = sorted(range(len(markers)), key=lambda i: (-markers[i].count, markers[i].name))
    for index in order:
        marker = markers[index]
        cell = projection.cell(marker.lon, marker.lat)
        if cell is None:
            continue
        col, row = cell
        if (col, row) in taken:
            free = [
                (abs(dc) * 1 + abs(dr) * 2, col + dc, row + dr)
                for dr in range(-2, 3)
                for dc in range(-4, 5)
                if 0 <= col + dc < projection.cols
                and 0 <= row + dr < projection.rows
                and (col + dc, row + dr) not in taken
            ]
            if not free:
                continue
            _, col, row = min(free)
        taken[(col, row)] = index
    return taken


def nearest(cells: dict[int, tuple[int, int]], current: int, direction: str) -> int | None:
    """The marker nearest ``current`` in a direction (left/right/up/down), by cells
    (a cell is about twice as high as wide), preferring those straight ahead."""
    if current not in cells:
        return None
    x0, y0 = cells[current]
    best: tuple[float, int] | None = None
    for index, (x, y) in cells.items():
        dx, dy = x - x0, (y - y0) * 2
        ahead, side = {
            "left": (-dx, dy),
            "right": (dx, dy),
            "up": (-dy, dx),
            "down": (dy, dx),
        }[direction]
        if ahead <= 0:
            continue
        score = ahead + 2 * abs(side)
        if best is None or score < best[0]:
            best = (score, index)
    return best[1] if best else None


class WorldMap(Widget, can_focus=True):
    """The world, a marker per country with partners, and a selected marker."""

    DEFAULT_CSS = css_beside(__file__, "world_map.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left",
            "move('left')",
            "West",
            show=False,
            id="map.left",
            tooltip="Nearest country to the west",
        ),
        Binding(
            "right",
            "move('right')",
            "East",
            show=False,
            id="map.right",
            tooltip="Nearest country to the east",
        ),
        Binding(
            "up",
            "move('up')",
            "North",
            show=False,
            id="map.up",
            tooltip="Nearest country to the north",
        ),
        Binding(
            "down",
            "move('down')",
            "South",
            show=False,
            id="map.down",
            tooltip="Nearest country to the south",
        ),
        Binding(
            "enter",
            "open",
            "Open",
            id="map.open",
            tooltip="Open the country: its partners, programmes, alliances",
        ),
        Binding(
            "plus,equals_sign",
            "zoom(2)",
            "Zoom in",
            id="map.zoom_in",
            tooltip="Zoom in on the selected country",
        ),
        Binding("minus", "zoom(0.5)", "Zoom out", id="map.zoom_out", tooltip="Zoom out"),
        Binding(
            "z",
            "region",
            "Region",
            id="map.region",
            tooltip="Next region: World, Asia, Europe, Africa, Americas, Oceania",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "world-map--land",
        "world-map--marker-0",
        "world-map--marker-1",
        "world-map--marker-2",
        "world-map--home",
        "world-map--selected",
        "world-map--label",
    }

    class Selected(Message):
        """The selected marker changed (None: none)."""

        def __init__(self, marker: CountryMarker | None, region: str) -> None:
            self.marker = marker
            self.view_name = region
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = WorldData([], 0, 0)
        self.box = WORLD
        self.view_name = "World"
        self.selected: int | None = None
        self._lines: list[Strip] | None = None
        self._cells: dict[int, tuple[int, int]] = {}

    # ------------------------------------------------------------------ state

    @property
    def marker(self) -> CountryMarker | None:
        return None if self.selected is None else self.data.markers[self.selected]

    @property
    def highlighted_record(self) -> str | None:
        """The selected country's record: what b (a briefing card) and y act on."""
        return self.marker.id if self.marker is not None else None

    def set_data(self, data: WorldData) -> None:
        """New markers (a filter changed): keep the same country selected if it is there."""
        previous = self.marker.id if self.marker else None
        self.data = data
        ids = [m.id for m in data.markers]
        if previous in ids:
            self.selected = ids.index(previous)
        else:
            self.selected = next(
                (i for i, m in enumerate(data.markers) if m.count), 0 if ids else None
            )
        self._changed()

    def select(self, marker_id: str) -> bool:
        for index, marker in enumerate(self.data.markers):
            if marker.id == marker_id:
                self.selected = index
                self._changed()
                return True
        return False

    def projection(self, size: Size | None = None) -> Projection:
        size = size or self.size
        return Projection.fit(self.box, size.width, size.height)

    def marker_cells(self) -> dict[int, tuple[int, int]]:
        """Marker index -> the cell it is drawn in, for those in view."""
        self._layout()
        return dict(self._cells)

    def _changed(self) -> None:
        self._lines = None
        self.refresh()
        self.post_message(self.Selected(self.marker, self.view_name))

    # ------------------------------------------------------------------ actions

    def action_move(self, direction: str) -> None:
        self._layout()
        if self.selected is None or self.selected not in self._cells:
            self._select_visible()
            return
        found = nearest(self._cells, self.selected, direction)
        if found is not None:
            self.selected = found
            self._changed()

    def action_open(self) -> None:
        if self.marker is not None:
            self.post_message(OpenRecord(self.marker.id))

    def action_zoom(self, factor: float) -> None:
        width = WORLD.east - WORLD.west
        current = width / (self.box.east - self.box.west)
        target = min(max(current * factor, 1.0), MAX_ZOOM)
        if target == current:
            return
        if target <= 1.0:
            self.box, self.view_name = WORLD, "World"
        else:
            lon, lat = (self.marker.lon, self.marker.lat) if self.marker else self.box.centre
            self.box = self.box.around(lon, lat, current / target)
            self.view_name = f"{target:g}× around {self.marker.name}" if self.marker else "Zoomed"
        self._select_visible()
        self._changed()

    def action_region(self) -> None:
        names = [name for name, _ in REGIONS]
        step = names.index(self.view_name) + 1 if self.view_name in names else 0
        self.view_name, self.box = REGIONS[step % len(REGIONS)]
        self._select_visible()
        self._changed()

    def _select_visible(self) -> None:
        """After the view moved: keep the selection if it shows, else the largest shown."""
        self._lines = None
        self._layout()
        if self.selected in self._cells:
            return
        shown = sorted(self._cells, key=lambda i: -self.data.markers[i].count)
        if shown:
            self.selected = shown[0]
            self._changed()

    def on_click(self, event: events.Click) -> None:
        self._layout()
        hits = [
            (abs(x - event.x) + 2 * abs(y - event.y), index)
            for index, (x, y) in self._cells.items()
            if abs(x - event.x) <= 1 and abs(y - event.y) <= 1
        ]
        if hits:
            self.selected = min(hits)[1]
            self._changed()
            if event.chain > 1:
                self.action_open()

    # ------------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None

    def on_resize(self, event: events.Resize) -> None:
        self._lines = None

    def _layout(self) -> list[Strip]:
        if self._lines is not None:
            return self._lines
        width, height = self.size.width, self.size.height
        if width <= 0 or height <= 0:
            self._cells = {}
            self._lines = []
            return self._lines
        projection = self.projection()
        land = land_lines(projection)
        taken = place_markers(self.data.markers, projection)
        self._cells = {index: cell for cell, index in taken.items()}
        self._lines = self._draw(land, taken, width)
        return self._lines

    def _draw(
        self, land: tuple[str, ...], taken: dict[tuple[int, int], int], width: int
    ) -> list[Strip]:
        style = self.get_component_rich_style
        land_style = style("world-map--land")
        marker_styles = [style(f"world-map--marker-{level}") for level in range(3)]
        home_style = style("world-map--home")
        selected_style = style("world-map--selected")
        label_style = style("world-map--label")
        bounds = levels(self.data.largest)
        # Per row: column -> (text, style) drawn over the land.
        overlays: dict[int, dict[int, tuple[str, Style]]] = {}
        label: tuple[int, int, str] | None = None
        for (col, row), index in taken.items():
            marker = self.data.markers[index]
            if marker.home:
                glyph, marker_style = HOME_GLYPH, home_style
            else:
                level = level_of(marker.count, bounds)
                glyph, marker_style = GLYPHS[level], marker_styles[level]
            if index == self.selected:
                marker_style = marker_style + selected_style
                label = self._label_place(f" {marker.name} ", col, row, taken, width)
            overlays.setdefault(row, {})[col] = (glyph, marker_style)
        if label is not None:
            start, row, text = label
            row_overlay = overlays.setdefault(row, {})
            for offset, char in enumerate(text):
                row_overlay.setdefault(start + offset, (char, label_style))
        strips: list[Strip] = []
        for row, line in enumerate(land):
            over = overlays.get(row)
            if not over:
                strips.append(Strip([Segment(line, land_style)], width))
                continue
            segments: list[Segment] = []
            x = 0
            for col in sorted(over):
                if col >= width:
                    break
                if col > x:
                    segments.append(Segment(line[x:col], land_style))
                char, char_style = over[col]
                segments.append(Segment(char, char_style))
                x = col + 1
            if x < width:
                segments.append(Segment(line[x:], land_style))
            strips.append(Strip(segments, width))
        return strips

    def _label_place(
        self, text: str, col: int, row: int, taken: dict[tuple[int, int], int], width: int
    ) -> tuple[int, int, str]:
        """Where the selected marker's name goes: beside it, else above or below it,
        wherever it covers no other marker (else to its right, over them)."""
        text = text[:width]
        rows = self.size.height
        candidates = [
            (col + 1, row),
            (col - len(text), row),
            (col - len(text) // 2, row - 1),
            (col - len(text) // 2, row + 1),
        ]
        fitting = [
            (min(max(start, 0), width - len(text)), at)
            for start, at in candidates
            if 0 <= at < rows
        ]
        for start, at in fitting:
            if not any((x, at) in taken for x in range(start, start + len(text))):
                return start, at, text
        start, at = fitting[0]
        return start, at, text

    def render_line(self, y: int) -> Strip:
        lines = self._layout()
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.rich_style)
