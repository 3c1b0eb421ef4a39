"""`polyu-tui config path` prints where the keymap is read from; `config keys` prints a
keymap of every binding id that the app accepts as it is."""

from __future__ import annotations

import tomllib
from pathlib import Path

from cli_helpers import clean_env, run_polyu

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.bindings import binding_sections, with_ids
from polyu_tui.ui.keymap import load_keymap


def test_config_path_honours_the_config_folder_override(tmp_path: Path) -> None:
    done = run_polyu(["config", "path"], env=clean_env(POLYU_TUI_CONFIG_DIR=str(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{tmp_path / 'keymap.toml'}\n"
    assert not (tmp_path / "keymap.toml").exists(), "printing the path writes nothing"


def test_config_keys_lists_every_binding_id_as_a_keymap_the_app_reads(tmp_path: Path) -> None:
    done = run_polyu(["config", "keys"])
    assert done.returncode == 0, done.stderr
    ids = {str(b.id) for _, b in with_ids(binding_sections(list(PolyuApp.BINDINGS)))}
    uncommented = "\n".join(
        line.removeprefix("# ") for line in done.stdout.splitlines() if line.startswith('# "')
    )
    listed = tomllib.loads(uncommented)
    assert set(listed) == ids
    path = tmp_path / "keymap.toml"
    path.write_text(uncommented, encoding="utf-8")
    loaded = load_keymap(path, ids)
    assert loaded.problem is None
    assert loaded.keys["search.alt"] == "ctrl+k"
