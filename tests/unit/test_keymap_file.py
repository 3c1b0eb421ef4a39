"""keymap.toml: what a user writes is read into binding id -> keys; anything wrong in
the file is one problem naming the file, the line and the value, and no keys at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from polyu_tui.ui.keymap import MAX_BYTES, load_keymap

KNOWN = {"tab.partners", "search.alt", "detail.close", "quit"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_no_keymap_and_no_problem(tmp_path: Path) -> None:
    loaded = load_keymap(tmp_path / "keymap.toml", KNOWN)
    assert loaded.keys == {}
    assert loaded.problem is None


def test_quoted_ids_and_tables_both_name_bindings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '"tab.partners" = "p"\nquit = "ctrl+q"\n\n[search]\nalt = "ctrl+f, f3"\n'
        '[detail]\nclose = "ctrl+w"\n',
    )
    loaded = load_keymap(path, KNOWN)
    assert loaded.problem is None
    assert loaded.keys == {
        "tab.partners": "p",
        "quit": "ctrl+q",
        "search.alt": "ctrl+f,f3",
        "detail.close": "ctrl+w",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"tab.partners" = "p"\n"tab.nope" = "n"\n', ":2: unknown binding id 'tab.nope'"),
        (
            'quit = "q"\n"tab.partners" = 2\n',
            ':2: tab.partners: a key is text such as "ctrl+f", not 2',
        ),
        ('"tab.partners" = ["p"]\n', ':1: tab.partners: a key is text such as "ctrl+f", not list'),
        ('quit = ""\n', ":1: quit: no key given: ''"),
        (
            'quit = "ctrl + q"\n',
            ":1: quit: a key has no spaces in it (ctrl+f, not ctrl + f): 'ctrl + q'",
        ),
        ('quit = "q"\nquit = "x"\n', "is not valid TOML: Cannot overwrite a value (at line 2"),
        ("quit = q\n", "is not valid TOML: Invalid value (at line 1, column 8)"),
    ],
)
def test_a_bad_file_gives_one_problem_with_its_line_and_no_keys(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    loaded = load_keymap(path, KNOWN)
    assert loaded.keys == {}, "a bad file changes no key: the defaults stay"
    assert loaded.problem is not None
    assert loaded.problem.startswith(str(path))
    assert expected in loaded.problem


def test_a_folder_a_huge_file_and_bad_bytes_are_problems(tmp_path: Path) -> None:
    folder = tmp_path / "keymap.toml"
    folder.mkdir()
    assert "is a folder, not a file" in (load_keymap(folder, KNOWN).problem or "")

    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    loaded = load_keymap(huge, KNOWN)
    assert loaded.keys == {}
    assert "a keymap is at most 64 KiB" in (loaded.problem or "")

    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes(b'quit = "\xe9"\n')
    assert "is not UTF-8 text (byte 8)" in (load_keymap(latin1, KNOWN).problem or "")
