"""Fixtures every Pilot test shares."""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_helpers import isolate_settings


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's real settings."""
    return isolate_settings(monkeypatch, tmp_path / "config")
