"""Natural Earth's 1:110m land outlines, decoded from the vendored TopoJSON file.

TopoJSON keeps each shared border once, as an *arc*: a list of quantised points,
each after the first stored as the difference from the one before. A polygon's ring
is a list of arc indexes; ``~i`` (a negative index) means arc ``i`` walked backwards.
A quantised point (x, y) is ``x * scale + translate`` in degrees.
See NOTICE.md beside this file for where the data comes from and its licence.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LAND_FILE = Path(__file__).resolve().parent / "land-110m.json"

Point = tuple[float, float]  # (longitude, latitude) in degrees
Ring = list[Point]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as (lon, lat) points: the deltas summed and the transform applied."""
    transform = topology.get("transform")
    (sx, sy), (tx, ty) = (
        (transform["scale"], transform["translate"]) if transform else ((1, 1), (0, 0))
    )
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy, *_ in arc:
            if transform:
                x += dx
                y += dy
            else:
                x, y = dx, dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(arcs: list[Ring], indexes: list[int]) -> Ring:
    """A ring from its arcs, each joined arc's first point (the last one's end) dropped."""
    ring: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def polygons(topology: dict[str, Any], name: str) -> list[list[Ring]]:
    """The polygons (each an outer ring and its holes) of the object ``name``."""
    arcs = decode_arcs(topology)
    shapes: list[list[Ring]] = []

    def add(geometry: dict[str, Any]) -> None:
        kind = geometry["type"]
        if kind == "GeometryCollection":
            for child in geometry["geometries"]:
                add(child)
        elif kind == "Polygon":
            shapes.append([ring_points(arcs, ring) for ring in geometry["arcs"]])
        elif kind == "MultiPolygon":
            for polygon in geometry["arcs"]:
                shapes.append([ring_points(arcs, ring) for ring in polygon])

    add(topology["objects"][name])
    return shapes


@cache
def land_rings() -> tuple[Ring, ...]:
    """Every ring of the world's land (outer edges and holes alike), read once."""
    topology = json.loads(LAND_FILE.read_text(encoding="utf-8"))
    return tuple(ring for polygon in polygons(topology, "land") for ring in polygon)
