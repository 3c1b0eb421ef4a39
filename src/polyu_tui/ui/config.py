"""User settings kept between runs, in the platform's config folder: the theme
(settings.json, written by the app) and the user's own keys (keymap.toml, written by
the user; see keymap.py)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

CONFIG_ENV = "POLYU_TUI_CONFIG_DIR"
KEYMAP_NAME = "keymap.toml"


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("polyu-tui", appauthor=False))


def keymap_path() -> Path:
    """Where the user's keymap is read from (``polyu-tui config path`` prints it)."""
    return config_dir() / KEYMAP_NAME


def load_settings() -> dict[str, Any]:
    path = config_dir() / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(settings: dict[str, Any]) -> None:
    """Write atomically; a settings file we cannot write is not worth crashing for."""
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings, handle, indent=2, sort_keys=True)
        os.replace(tmp, folder / "settings.json")
    except OSError:
        pass
