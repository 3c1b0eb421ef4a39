"""A settings.json the app did not write: ignored with a notice, never a hang or a crash,
and no temporary file left behind by a save that failed."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from textual.widgets._toast import Toast
from ui_helpers import WIDE, isolate_settings, make_app, plain, settle

from polyu_tui.ui.config import MAX_SETTINGS_BYTES, read_settings, save_settings


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = isolate_settings(monkeypatch, tmp_path / "config")
    folder.mkdir()
    return folder


def read_within(seconds: float) -> tuple[dict[str, object], str | None]:
    """read_settings, failing (not hanging) if it blocks."""
    found: list[tuple[dict[str, object], str | None]] = []
    reader = threading.Thread(target=lambda: found.append(read_settings()), daemon=True)
    reader.start()
    reader.join(seconds)
    assert found, f"read_settings still blocked after {seconds} s"
    return found[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "settings.json")


def test_no_settings_file_is_no_problem(folder: Path) -> None:
    assert read_within(5) == ({}, None)


def test_a_fifo_in_its_place_does_not_block(folder: Path) -> None:
    os.mkfifo(folder / "settings.json")
    settings, problem = read_within(5)
    assert settings == {}
    assert problem and problem.endswith("ignored: not a regular file")


def test_a_deeply_nested_file_is_ignored(folder: Path) -> None:
    depth = 20_000  # under the size limit, far over any recursion limit
    (folder / "settings.json").write_text('{"theme": ' + "[" * depth + "]" * depth + "}")
    settings, problem = read_within(10)
    assert settings == {}
    assert problem and problem.endswith("ignored: nested too deeply")


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"theme": "\xff"}', "not valid JSON"),
        (b'["nord"]', "not a JSON object"),
        (b" " * (MAX_SETTINGS_BYTES + 1), "bytes, not a settings file"),
    ],
)
def test_a_file_that_is_not_small_json_is_ignored(folder: Path, content: bytes, why: str) -> None:
    (folder / "settings.json").write_bytes(content)
    settings, problem = read_within(5)
    assert settings == {}
    assert problem and why in problem


def test_a_folder_in_its_place_leaves_no_temporary_file(folder: Path) -> None:
    (folder / "settings.json").mkdir()
    assert read_within(5)[1] == f"{folder / 'settings.json'} ignored: not a regular file"
    for _ in range(3):
        save_settings({"theme": "nord"})
    assert leftovers(folder) == []


def test_a_save_that_cannot_be_encoded_leaves_no_temporary_file(folder: Path) -> None:
    save_settings({"theme": object()})
    assert leftovers(folder) == []
    save_settings({"theme": "nord"})
    assert json.loads((folder / "settings.json").read_text())["theme"] == "nord"
    assert leftovers(folder) == []


@pytest.mark.parametrize("kind", ["fifo", "folder"])
async def test_the_app_starts_says_so_and_saves_no_stray_files(folder: Path, kind: str) -> None:
    path = folder / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    app = make_app(remember_theme=True)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        notices = [plain(toast.render()) for toast in app.screen.query(Toast)]
        assert any("settings.json ignored: not a regular file" in n for n in notices), notices
        app.theme = "nord"
        await pilot.pause()
        app.theme = "gruvbox"
        await pilot.pause()
    assert leftovers(folder) == []
