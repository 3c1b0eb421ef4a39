"""The world map's geometry: the vendored outlines decode, and land is where land is."""

from __future__ import annotations

import pytest

from polyu_tui.geo.braille import (
    WORLD,
    Box,
    Projection,
    braille_rows,
    land_dots,
    land_lines,
    unwrap,
)
from polyu_tui.geo.land import LAND_FILE, decode_arcs, land_rings, polygons, ring_points


def test_the_land_file_and_its_licence_are_vendored_together() -> None:
    folder = LAND_FILE.parent
    assert LAND_FILE.stat().st_size < 60_000
    assert "ISC" in (folder / "NOTICE.md").read_text(encoding="utf-8")
    assert "Michael Bostock" in (folder / "LICENSE-world-atlas.txt").read_text(encoding="utf-8")


def test_topojson_arcs_are_delta_decoded_and_walked_backwards_for_a_negative_index() -> None:
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, -1.0]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, 0], [0, -1]]],
        "objects": {
            "land": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0, 1]]}],
            }
        },
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(10.0, -1.0), (11.0, -1.0), (11.0, 1.0)]
    ring = ring_points(arcs, [0, 1])
    assert ring == [(10.0, -1.0), (11.0, -1.0), (11.0, 1.0), (10.0, 1.0), (10.0, -1.0)]
    assert ring_points(arcs, [~1])[0] == (10.0, -1.0)  # arc 1 reversed starts at its end
    assert polygons(topology, "land") == [[ring]]


def test_a_ring_across_the_antimeridian_is_unwrapped() -> None:
    ring = [(179.0, 65.0), (-179.0, 66.0), (-179.0, 64.0), (179.0, 65.0)]
    assert [lon for lon, _ in unwrap(ring)] == [179.0, 181.0, 181.0, 179.0]


def is_land(projection: Projection, dots: list[bytearray], lon: float, lat: float) -> bool:
    x, y = projection.dot(lon, lat)
    return bool(dots[int(y)][int(x)])


@pytest.mark.parametrize("size", [(60, 12), (118, 34), (248, 74)])
def test_land_and_sea_are_where_they_are_at_every_size(size: tuple[int, int]) -> None:
    projection = Projection.fit(WORLD, *size)
    dots = land_dots(projection)
    for lon, lat in [(10, 23), (134, -25), (-100, 40), (-60, -10), (90, 60), (20, 0)]:
        assert is_land(projection, dots, lon, lat), (lon, lat)  # Sahara … Congo
    for lon, lat in [(-150, 0), (-30, 30), (80, -20), (-140, 40), (160, -40)]:
        assert not is_land(projection, dots, lon, lat), (lon, lat)  # the oceans
    # Chukotka, whose outline crosses the antimeridian, is land and not a band of it.
    assert is_land(projection, dots, 176, 66)
    for lon, lat in [(-5, 74), (-120, -16.3), (0, 72)]:
        assert not is_land(projection, dots, lon, lat), (lon, lat)


def test_braille_packs_two_by_four_dots_per_cell() -> None:
    # One cell, dot (0,0) and dot (1,3): U+2801 | U+2880; the second cell every dot.
    rows = [bytearray(b"\x01\x00\x01\x01"), bytearray(b"\x00\x00\x01\x01")]
    rows += [bytearray(b"\x00\x00\x01\x01"), bytearray(b"\x00\x01\x01\x01")]
    assert braille_rows(rows, 2) == [chr(0x2800 | 0x01 | 0x80) + chr(0x28FF)]
    assert braille_rows([bytearray(4)] * 4, 2) == ["  "]


def test_the_world_fills_the_width_or_the_height_and_keeps_its_shape() -> None:
    for cols, rows in [(60, 10), (120, 34), (250, 74), (80, 60)]:
        projection = Projection.fit(WORLD, cols, rows)
        shown = projection.box
        assert shown.west <= WORLD.west + 1e-9 and shown.east >= WORLD.east - 1e-9
        assert shown.south <= WORLD.south + 1e-9 and shown.north >= WORLD.north - 1e-9
        # Square dots: the degrees across per dot equal the degrees down per dot.
        assert (shown.east - shown.west) / (2 * cols) == pytest.approx(
            (shown.north - shown.south) / (4 * rows)
        )
        lines = land_lines(projection)
        assert len(lines) == rows and all(len(line) == cols for line in lines)


def test_a_zoomed_box_stays_inside_the_world() -> None:
    box = WORLD.around(175.0, 70.0, 0.25)
    assert box.east <= WORLD.east and box.north <= WORLD.north
    assert box.east - box.west == pytest.approx(90.0)
    assert Box(0, 10, 0, 10).inside(WORLD) == Box(0, 10, 0, 10)


def test_land_rings_are_read_once() -> None:
    assert land_rings() is land_rings()
    assert len(land_rings()) > 100
