"""Themes: remembered, a broken settings file ignored, NO_COLOR honoured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ui_helpers import (
    WIDE,
    make_app,
    screen_text,
    settle,
)


async def test_theme_choice_is_remembered_between_runs(settings_dir: Path) -> None:
    first = make_app(remember_theme=True)
    async with first.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert first.theme != "nord"
        first.theme = "nord"
        await pilot.pause()
    settings = settings_dir / "settings.json"
    assert settings.is_file()
    assert json.loads(settings.read_text(encoding="utf-8"))["theme"] == "nord"

    second = make_app(remember_theme=True)
    async with second.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert second.theme == "nord"


async def test_a_broken_settings_file_is_ignored(settings_dir: Path) -> None:
    settings_dir.mkdir(parents=True)
    (settings_dir / "settings.json").write_text("{not json", encoding="utf-8")
    app = make_app(remember_theme=True)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"


async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.no_color is True
        assert "more than 580 agreements" in screen_text(pilot)
