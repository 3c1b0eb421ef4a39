"""The world map's row: aggregate partners per country in SQL, then draw the map.

    .venv/bin/python benchmarks/run.py --only map [--sizes 1000000]

Run in a child process per database (run.py --measure-map PATH), headless: the map
widget at 120x40 and 250x80 in Textual's test harness, so what is timed is the
widget's own work (land, markers, lines), not a terminal's.

- *aggregate*: ``world_data(conn)``, the GROUP BY over partner_count and the places'
  points: what the Map tab reads when it opens.
- *draw, cold*: every line of the map at a size never drawn before (the land
  rasterised from the outlines, markers placed, lines composed).
- *draw, warm*: the same after the selection moved (the land cached for that size,
  the markers and lines drawn again): what an arrow key costs.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import Any

SIZES = ((120, 40), (250, 80))


def measure_map(path: Path, rounds: int) -> dict[str, Any]:
    from polyu_tui.data.db import connect
    from polyu_tui.data.world import world_data

    conn = connect(path)
    world_data(conn)  # warm-up: the pages it reads
    aggregate = []
    for _ in range(rounds):
        started = time.perf_counter()
        data = world_data(conn)
        aggregate.append((time.perf_counter() - started) * 1000)
    out: dict[str, Any] = {
        "aggregate": statistics.median(aggregate),
        "markers": len(data.markers),
        "placed": data.placed,
    }
    out.update(asyncio.run(_draws(data, rounds)))
    return out


async def _draws(data: Any, rounds: int) -> dict[str, float]:
    from textual.app import App, ComposeResult

    from polyu_tui.geo import braille
    from polyu_tui.ui.widgets.world_map import WorldMap

    class MapApp(App[None]):
        def compose(self) -> ComposeResult:
            yield WorldMap()

    out: dict[str, float] = {}
    for cols, rows in SIZES:
        app = MapApp()
        async with app.run_test(size=(cols, rows)) as pilot:
            await pilot.pause()
            world = app.query_one(WorldMap)
            world.set_data(data)
            cold, warm = [], []
            for _ in range(rounds):
                braille._land_lines.cache_clear()
                world._lines = None
                started = time.perf_counter()
                lines = [world.render_line(y) for y in range(rows)]
                cold.append((time.perf_counter() - started) * 1000)
                # Another marker selected: the land is cached, markers and lines not.
                world.action_move("left" if world.marker_cells() else "right")
                world._lines = None
                started = time.perf_counter()
                lines = [world.render_line(y) for y in range(rows)]
                warm.append((time.perf_counter() - started) * 1000)
            assert len(lines) == rows
            out[f"cold_{cols}x{rows}"] = statistics.median(cold)
            out[f"warm_{cols}x{rows}"] = statistics.median(warm)
    return out


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    """The map's rows as a Markdown table (ms)."""
    head = (
        "| partners | countries on the map | aggregate | draw 120x40 cold | warm "
        "| draw 250x80 cold | warm | aggregate + draw (worst) |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for label, m in rows:
        worst = m["aggregate"] + max(m["cold_120x40"], m["cold_250x80"])
        lines.append(
            f"| {label} | {m['markers']} | {m['aggregate']:.2f} | {m['cold_120x40']:.1f} "
            f"| {m['warm_120x40']:.1f} | {m['cold_250x80']:.1f} | {m['warm_250x80']:.1f} "
            f"| {worst:.1f} |"
        )
    return head + "\n".join(lines) + "\n| target at 1M | | | | | | | ≤ 50 |"
