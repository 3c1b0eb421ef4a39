"""Regenerate the README's screenshots: python docs/make_screenshots.py

Drives the real app headless at 120x40 with the bundled database and saves SVGs.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from polyu_tui.data.db import bundled_database
from polyu_tui.ui.app import PolyuApp

DOCS = Path(__file__).resolve().parent


async def settle(app: PolyuApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def main() -> None:
    os.environ["POLYU_TUI_CONFIG_DIR"] = tempfile.mkdtemp()
    app = PolyuApp(bundled_database(), remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.save_screenshot(str(DOCS / "overview.svg"))
        await pilot.press("slash", *"waterl")
        await pilot.pause(0.2)  # a search starts a moment after the last key
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        app.save_screenshot(str(DOCS / "detail.svg"))
        await pilot.press("escape", "2")
        await settle(app, pilot)
        app.save_screenshot(str(DOCS / "partners.svg"))
        await pilot.press("8")
        await settle(app, pilot)
        app.save_screenshot(str(DOCS / "map.svg"))
    print("wrote", ", ".join(p.name for p in sorted(DOCS.glob("*.svg"))))


if __name__ == "__main__":
    asyncio.run(main())
