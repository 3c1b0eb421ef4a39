"""The search path and the data layer stay light: they never import Textual."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import polyu_tui
import polyu_tui.data
from polyu_tui.data.db import ENV_VAR

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != ENV_VAR}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def data_modules() -> list[str]:
    return sorted(
        f"polyu_tui.data.{info.name}" for info in pkgutil.iter_modules(polyu_tui.data.__path__)
    )


def test_there_are_data_modules_to_check() -> None:
    modules = data_modules()
    assert {"polyu_tui.data.search", "polyu_tui.data.db", "polyu_tui.data.partners"} <= set(modules)


def test_search_command_does_not_import_textual() -> None:
    code = (
        "import sys, json\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        "    main(['search', 'waterloo', '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "sys.stdout.flush()\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    output, _, verdict = result.stdout.rpartition("TEXTUAL")
    assert '"id": "waterloo"' in output, "the search really ran"
    assert verdict.split() == ["False"], "polyu-tui search imported textual"


def test_table_output_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        "    main(['search', 'Watreloo', '--kind', 'organisation'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert "University of Waterloo" in result.stdout
    assert result.stdout.rstrip().endswith("TEXTUAL False")


def test_db_check_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        "    main(['db', 'check'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("TEXTUAL False")


def test_no_data_module_imports_textual() -> None:
    modules = data_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "import polyu_tui.cli\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_import_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml (the data layer never imports Textual)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.is_file(), "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run(
        [str(lint_imports)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------------ imports


def non_ui_modules() -> list[str]:
    """Every module of the package outside polyu_tui.ui, found by walking it."""
    names = ["polyu_tui"]
    for info in pkgutil.walk_packages(polyu_tui.__path__, prefix="polyu_tui."):
        if info.name == "polyu_tui.ui" or info.name.startswith("polyu_tui.ui."):
            continue
        if info.name == "polyu_tui.__main__":
            continue  # it runs the CLI when imported; it only imports polyu_tui.cli
        names.append(info.name)
    return sorted(names)


def test_no_module_outside_the_ui_package_imports_textual() -> None:
    """The tests above check the data layer and the CLI search path; this walks them all."""
    modules = non_ui_modules()
    assert {"polyu_tui.cli", "polyu_tui.data.search", "polyu_tui.data.store"} <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"textual imported outside the UI: {result.stdout}"


def test_opening_the_explorer_does_not_import_click(tmp_path: Path) -> None:
    """`polyu-tui --db PATH` goes straight to the app; its errors read as click's do."""
    missing = tmp_path / "missing.db"
    code = (
        "import sys\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(missing)!r}])\n"
        "except SystemExit as exc:\n"
        "    print('EXIT', exc.code)\n"
        "print('CLICK', 'click' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.stderr.strip() == f"polyu-tui: error: database not found: {missing}"
    assert result.stdout.split() == ["EXIT", "2", "CLICK", "False"]


def test_only_plain_explorer_launches_skip_click() -> None:
    from polyu_tui.cli.launch import explorer_database

    assert explorer_database([]) == (True, None)
    assert explorer_database(["--db", "x.db"]) == (True, "x.db")
    assert explorer_database(["--db=x.db"]) == (True, "x.db")
    for args in (["--db"], ["--db="], ["--db", "--help"], ["-V"], ["--help"], ["search", "x"]):
        assert explorer_database(args) == (False, None), args
