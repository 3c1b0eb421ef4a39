"""The world drawn in braille: a box of the world fitted to a grid of terminal cells.

A braille character is 2 dots wide and 4 high, and a terminal cell is about twice as
high as it is wide, so a dot is about square: one degree of longitude and one of
latitude take the same number of dots (an equirectangular projection). Land is filled
(even-odd scanlines over every ring), and each outline's vertices are drawn too, so an
island smaller than a dot still shows.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache, lru_cache

from polyu_tui.geo.land import Ring, land_rings

# The dot (column, row) inside a cell -> its bit in the braille character U+2800 + bits.
_ROW_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
BRAILLE_BLANK = 0x2800


@dataclass(frozen=True)
class Box:
    """A rectangle of the world in degrees."""

    west: float
    east: float
    south: float
    north: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.west + self.east) / 2, (self.south + self.north) / 2

    def around(self, lon: float, lat: float, factor: float) -> Box:
        """This box scaled by ``factor`` about (lon, lat), kept inside the world."""
        half_w = (self.east - self.west) * factor / 2
        half_h = (self.north - self.south) * factor / 2
        box = Box(lon - half_w, lon + half_w, lat - half_h, lat + half_h)
        return box.inside(WORLD)

    def inside(self, outer: Box) -> Box:
        """Moved (not resized, unless it is larger) so it lies within ``outer``."""
        width = min(self.east - self.west, outer.east - outer.west)
        height = min(self.north - self.south, outer.north - outer.south)
        west = min(max(self.west, outer.west), outer.east - width)
        south = min(max(self.south, outer.south), outer.north - height)
        return Box(west, west + width, south, south + height)


# The inhabited world: Antarctica and the high Arctic left off.
WORLD = Box(-180.0, 180.0, -56.0, 80.0)


@dataclass(frozen=True)
class Projection:
    """A box of the world fitted (centred, aspect kept) into ``cols`` x ``rows`` cells."""

    cols: int
    rows: int
    west: float  # longitude at the left edge of the grid
    north: float  # latitude at the top edge
    scale: float  # dots per degree

    @classmethod
    def fit(cls, box: Box, cols: int, rows: int) -> Projection:
        cols, rows = max(cols, 1), max(rows, 1)
        scale = min(2 * cols / (box.east - box.west), 4 * rows / (box.north - box.south))
        lon, lat = box.centre
        return cls(cols, rows, lon - cols / scale, lat + 2 * rows / scale, scale)

    @property
    def box(self) -> Box:
        """The whole of the world the grid shows (at least the fitted box)."""
        return Box(
            self.west,
            self.west + 2 * self.cols / self.scale,
            self.north - 4 * self.rows / self.scale,
            self.north,
        )

    def dot(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.scale, (self.north - lat) * self.scale

    def cell(self, lon: float, lat: float) -> tuple[int, int] | None:
        """The cell (column, row) a point falls in, or None outside the grid."""
        x, y = self.dot(lon, lat)
        col, row = math.floor(x / 2), math.floor(y / 4)
        if 0 <= col < self.cols and 0 <= row < self.rows:
            return col, row
        return None

    def key(self) -> tuple[int, int, float, float, float]:
        return self.cols, self.rows, round(self.west, 6), round(self.north, 6), self.scale


def _ring_boxes(rings: tuple[Ring, ...]) -> list[tuple[float, float, float, float]]:
    return [
        (
            min(p[0] for p in ring),
            max(p[0] for p in ring),
            min(p[1] for p in ring),
            max(p[1] for p in ring),
        )
        for ring in rings
    ]


def unwrap(ring: Ring) -> Ring:
    """A ring that crosses the antimeridian (Fiji, Chukotka) with continuous longitudes
    (so 179 -> 181, not 179 -> -179); a ring around the pole (Antarctica) closed along
    the pole's latitude, so it is filled like any other."""
    out: Ring = [ring[0]]
    shift = 0.0
    for (lon0, _), (lon, lat) in itertools.pairwise(ring):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    if shift:
        pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole), out[0]]
    return out


# Land wholly south of this is Antarctica: left off, as partners are not there.
SOUTHMOST = -60.0


@cache
def _land() -> tuple[tuple[Ring, ...], list[tuple[float, float, float, float]]]:
    rings = tuple(unwrap(ring) for ring in land_rings())
    kept = [(ring, box) for ring, box in zip(rings, _ring_boxes(rings), strict=True)]
    kept = [(ring, box) for ring, box in kept if box[3] > SOUTHMOST]
    return tuple(ring for ring, _ in kept), [box for _, box in kept]


def land_dots(projection: Projection) -> list[bytearray]:
    """The land as one bytearray per dot row, byte x 1 where dot x is land."""
    width, height = 2 * projection.cols, 4 * projection.rows
    crossings: list[list[float]] = [[] for _ in range(height)]
    rows = [bytearray(width) for _ in range(height)]
    view = projection.box
    north, scale = projection.north, projection.scale
    rings, boxes = _land()
    copies = [
        (ring, shift)
        for ring, (r_west, r_east, r_south, r_north) in zip(rings, boxes, strict=True)
        if r_north >= view.south and r_south <= view.north
        # A ring unwrapped past the antimeridian also shows at the other edge.
        for shift in (-360.0, 0.0, 360.0)
        if r_east + shift >= view.west and r_west + shift <= view.east
    ]
    ceil = math.ceil
    for ring, shift in copies:
        west = projection.west - shift
        xs = [(lon - west) * scale for lon, _ in ring]
        ys = [(north - lat) * scale for _, lat in ring]
        # An edge crosses the centre (row + 0.5) of the rows from one end's ceil(y - 0.5)
        # up to (not including) the other's: none when both ends have the same one.
        cs = [ceil(y - 0.5) for y in ys]
        if max(xs) - min(xs) < 3 or max(ys) - min(ys) < 3:
            # An island a few dots across: its points, as the scanlines may miss it.
            for x, y in zip(xs, ys, strict=True):
                if 0 <= x < width and 0 <= y < height:
                    rows[int(y)][int(x)] = 1
        for x0, y0, c0, x1, y1, c1 in zip(
            xs[-1:] + xs[:-1], ys[-1:] + ys[:-1], cs[-1:] + cs[:-1], xs, ys, cs, strict=True
        ):
            if c0 == c1:
                continue
            first, last = (c0, c1 - 1) if c0 < c1 else (c1, c0 - 1)
            if first < 0:
                first = 0
            if last >= height:
                last = height - 1
            if first <= last:
                slope = (x1 - x0) / (y1 - y0)
                for row in range(first, last + 1):
                    crossings[row].append(x0 + (row + 0.5 - y0) * slope)
    ones = b"\x01" * width
    for dot_row, xs in zip(rows, crossings, strict=True):
        if xs:
            xs.sort()
            for i in range(0, len(xs) - 1, 2):
                start = max(ceil(xs[i] - 0.5), 0)
                end = min(math.floor(xs[i + 1] - 0.5), width - 1)
                if start <= end:
                    dot_row[start : end + 1] = ones[: end - start + 1]
    return rows


# A dot (0 or 1, one byte per dot) -> its bit in a braille cell, for each place in the
# cell: (column, row) as in _ROW_BITS. bytes.translate applies it to a row at C speed.
_DOT_TABLES = {
    (column, row): bytes((_ROW_BITS[row][column] if value else 0) for value in range(256))
    for row in range(4)
    for column in range(2)
}


def braille_rows(dots: list[bytearray], cols: int) -> list[str]:
    """Dot rows (4 per cell row, a byte per dot) as lines of braille; no dots, a space.

    Each cell row is a handful of whole-row operations (slices, translate, one OR of
    big integers), then UTF-16 decoding: U+2800 + bits is the bytes 0x28, bits.
    """
    lines: list[str] = []
    for top in range(0, len(dots), 4):
        quad = dots[top : top + 4]
        if not any(1 in row for row in quad):
            lines.append(" " * cols)
            continue
        cells = 0
        for row_index, row in enumerate(quad):
            for column in (0, 1):
                dots_here = row[column::2][:cols]
                if 1 in dots_here:
                    table = _DOT_TABLES[(column, row_index)]
                    cells |= int.from_bytes(dots_here.translate(table), "little")
        pairs = bytearray(b"\x28" * (2 * cols))
        pairs[1::2] = cells.to_bytes(cols, "little")
        lines.append(pairs.decode("utf-16-be").replace(chr(BRAILLE_BLANK), " "))
    return lines


@lru_cache(maxsize=16)
def _land_lines(key: tuple[int, int, float, float, float]) -> tuple[str, ...]:
    cols, rows, west, north, scale = key
    projection = Projection(cols, rows, west, north, scale)
    return tuple(braille_rows(land_dots(projection), cols))


def land_lines(projection: Projection) -> tuple[str, ...]:
    """The land in this projection, one string of ``cols`` characters per row (cached)."""
    return _land_lines(projection.key())
