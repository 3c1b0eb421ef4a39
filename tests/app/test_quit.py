"""Quitting."""

from __future__ import annotations

from ui_helpers import (
    WIDE,
    make_app,
    settle,
)


async def test_q_quits() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
