"""Paths given on the command line: an empty one is refused by name, and a target that
cannot be written is named as given, never as the temporary file beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_polyu


@pytest.mark.parametrize(
    ("args", "option", "command"),
    [
        (["--db", "", "search", "polyu"], "--db", "polyu-tui"),
        (["--db=", "search", "polyu"], "--db", "polyu-tui"),
        (["db", "build", "--out", ""], "--out", "polyu-tui db build"),
        (["db", "build", "--source", "", "--out", "x.db"], "--source", "polyu-tui db build"),
        (["db", "synth", "--partners", "5", "--out", ""], "--out", "polyu-tui db synth"),
    ],
)
def test_an_empty_path_is_refused_by_name(
    tmp_path: Path, args: list[str], option: str, command: str
) -> None:
    done = run_polyu(args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"polyu-tui: error: Invalid value for '{option}': the path is empty "
        f"(see '{command} --help')"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["db", "build"], ["db", "synth", "--partners", "5"]])
def test_a_target_in_a_file_names_the_target(tmp_path: Path, command: list[str]) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    target = not_a_folder / "polyu.db"
    done = run_polyu([*command, "--out", str(target)])
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"polyu-tui: error: cannot write {target}: cannot make its folder (File exists)"
    )


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
@pytest.mark.parametrize("command", [["db", "build"], ["db", "synth", "--partners", "5"]])
def test_a_target_that_cannot_be_created_names_the_target(command: list[str]) -> None:
    # /proc takes no new files, even from root.
    done = run_polyu([*command, "--out", "/proc/polyu.db"])
    assert done.returncode == 2
    assert done.stderr.strip().startswith("polyu-tui: error: cannot write /proc/polyu.db: ")
    assert ".polyu-" not in done.stderr
