"""User settings kept between runs, in the platform's config folder: the theme
(settings.json, written by the app) and the user's own keys (keymap.toml, written by
the user; see keymap.py).

The settings file is small JSON written by the app. Anything else in its place (a
folder, a FIFO that would block the start, a huge or deeply nested file, not JSON)
is ignored, and ``read_settings`` says why so the app can tell the user once.
Writes go to a temporary file renamed into place, removed if anything fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

CONFIG_ENV = "POLYU_TUI_CONFIG_DIR"
KEYMAP_NAME = "keymap.toml"
# Far more than a theme name needs; a bigger file is not one the app wrote.
MAX_SETTINGS_BYTES = 64 * 1024


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("polyu-tui", appauthor=False))


def keymap_path() -> Path:
    """Where the user's keymap is read from (``polyu-tui config path`` prints it)."""
    return config_dir() / KEYMAP_NAME


def settings_path() -> Path:
    return config_dir() / "settings.json"


def read_settings() -> tuple[dict[str, Any], str | None]:
    """(the settings, None), or ({}, why the file was ignored). No file is no problem."""
    path = settings_path()
    try:
        # Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"{path} ignored: {exc.strerror or exc}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a folder, a FIFO, a device
            return {}, f"{path} ignored: not a regular file"
        if info.st_size > MAX_SETTINGS_BYTES:
            return {}, f"{path} ignored: {info.st_size:,} bytes, not a settings file"
        raw = os.read(fd, MAX_SETTINGS_BYTES + 1)
    except OSError as exc:
        return {}, f"{path} ignored: {exc.strerror or exc}"
    finally:
        os.close(fd)
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        return {}, f"{path} ignored: nested too deeply"
    except ValueError as exc:  # not UTF-8, not JSON
        return {}, f"{path} ignored: not valid JSON ({exc})"
    if not isinstance(data, dict):
        return {}, f"{path} ignored: not a JSON object"
    return data, None


def load_settings() -> dict[str, Any]:
    return read_settings()[0]


def save_settings(settings: dict[str, Any]) -> None:
    """Write atomically; a settings file we cannot write is not worth crashing for,
    and leaves no temporary file behind."""
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings, handle, indent=2, sort_keys=True)
        os.replace(tmp, folder / "settings.json")  # fails if a folder is in its place
    except (OSError, ValueError, TypeError):
        pass
    finally:
        with contextlib.suppress(FileNotFoundError, OSError):
            os.unlink(tmp)  # left only if the rename did not happen
