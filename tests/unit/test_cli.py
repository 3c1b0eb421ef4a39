"""The command line, run as a user runs it: in a subprocess, reading what it prints."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import on_a_terminal

from polyu_tui import __version__
from polyu_tui.data.build import build
from polyu_tui.data.db import ENV_VAR, connect
from polyu_tui.data.schema import KINDS, SCHEMA_VERSION

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DB = REPO_ROOT / "data" / "polyu.db"
SOURCE_DIR = REPO_ROOT / "data" / "source"
ERROR_PREFIX = "polyu-tui: error:"

Run = Callable[..., subprocess.CompletedProcess[str]]


def env_with(**values: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != ENV_VAR}
    env.update({"PYTHONIOENCODING": "utf-8", "COLUMNS": "160", "NO_COLOR": "1", **values})
    return env


def search_json(run_cli: Run, *args: str, **kw: object) -> list[dict[str, object]]:
    result = run_cli(["search", "--json", *args], **kw)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    return items


def assert_one_line_error(result: subprocess.CompletedProcess[str], status: int = 2) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(ERROR_PREFIX), lines[0]
    assert result.returncode == status, (result.returncode, result.stderr)
    return lines[0]


def fingerprint(path: Path) -> tuple[int, str]:
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------ search


def test_search_json_best_first(run_cli: Run) -> None:
    items = search_json(run_cli, "waterloo")
    assert items, "waterloo finds something"
    assert items[0]["id"] == "waterloo"
    assert items[0]["name"] == "University of Waterloo"
    assert items[0]["kind"] == "organisation"
    for item in items:
        assert {"kind", "id", "name", "snippet", "source"} <= set(item)
        assert item["kind"] in KINDS
        source = item["source"]
        assert isinstance(source, list) and source
        assert all(isinstance(quote, str) and quote for quote in source)
    assert "«Waterloo»" in str(items[0]["snippet"])
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))


def test_search_several_words_are_one_query(run_cli: Run) -> None:
    assert search_json(run_cli, "University", "of", "Waterloo")[0]["id"] == "waterloo"


def test_no_match_is_an_empty_array_and_success(run_cli: Run) -> None:
    result = run_cli(["search", "qqqzzzxxyy", "--json"])
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == ""


def test_no_match_in_a_table_says_so() -> None:
    result = on_a_terminal(["search", "qqqzzzxxyy"])
    assert result.returncode == 0
    assert "qqqzzzxxyy" in result.stdout
    assert result.stderr == ""


def test_double_dash_lets_a_query_start_with_a_dash(run_cli: Run) -> None:
    items = search_json(run_cli, "--", "-nano")
    assert "nanoscience-centre" in [item["id"] for item in items]


def test_kind_option(run_cli: Run) -> None:
    items = search_json(run_cli, "waterloo", "--kind", "research")
    assert {item["kind"] for item in items} == {"research"}
    assert {"cevr", "nanoscience-centre"} <= {str(item["id"]) for item in items}
    two = search_json(run_cli, "Rwanda", "--kind", "place", "--kind", "programme", "--limit", "50")
    assert {item["kind"] for item in two} == {"place", "programme"}


def test_limit_option(run_cli: Run) -> None:
    assert len(search_json(run_cli, "university", "--limit", "2")) == 2
    assert len(search_json(run_cli, "university", "--limit", "30")) > 2
    assert [item["id"] for item in search_json(run_cli, "UW", "--limit", "1")] == ["waterloo"]


def test_table_output_for_people(run_cli: Run) -> None:
    result = run_cli(["search", "waterloo"])
    assert result.returncode == 0, result.stderr
    assert "University of Waterloo" in result.stdout
    assert "waterloo" in result.stdout
    assert "organisation" in result.stdout
    assert not result.stdout.lstrip().startswith("["), "the table is not JSON"


def test_hostile_query_on_the_command_line(run_cli: Run) -> None:
    for query in ['"', "*", "NOT", "AND (", "Xi'an", "🎉", "香港", "x" * 5000]:
        result = run_cli(["search", "--json", "--", query])
        assert result.returncode == 0, (query, result.stderr)
        assert isinstance(json.loads(result.stdout), list)


# ------------------------------------------------------------------ version and help


def test_version(run_cli: Run) -> None:
    result = run_cli(["--version"])
    assert result.returncode == 0
    assert __version__ in result.stdout
    assert "polyu-tui" in result.stdout


@pytest.mark.parametrize(
    "command",
    [[], ["search"], ["db"], ["db", "build"], ["db", "check"]],
    ids=["polyu-tui", "search", "db", "db-build", "db-check"],
)
def test_help_on_every_command(run_cli: Run, command: list[str]) -> None:
    result = run_cli([*command, "--help"])
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    assert result.stderr == ""
    # -h too
    assert run_cli([*command, "-h"]).stdout == result.stdout


def test_help_lists_the_commands(run_cli: Run) -> None:
    text = run_cli(["--help"]).stdout
    assert "search" in text and "db" in text and "--db" in text
    assert "build" in run_cli(["db", "--help"]).stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["search", "--bogus", "x"],
        ["search", "-nano"],
        ["db", "check", "--bogus"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--limit", "many"],
        ["search", "x", "--kind", "spaceship"],
        ["search"],
        ["no-such-command"],
    ],
    ids=lambda args: " ".join(args) or "none",
)
def test_usage_errors_are_one_line(run_cli: Run, args: list[str]) -> None:
    result = run_cli(args)
    assert_one_line_error(result)
    assert result.stdout == ""


# ------------------------------------------------------------------ db check and db build


def test_db_check_reports_counts(run_cli: Run) -> None:
    result = run_cli(["db", "check"])
    assert result.returncode == 0, result.stderr
    counts = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in KINDS:
            counts[parts[0]] = int(parts[1].replace(",", ""))
    assert set(counts) == set(KINDS), result.stdout
    assert all(n > 0 for n in counts.values())
    assert "integrity     ok" in result.stdout
    assert result.stdout.rstrip().endswith("ok")
    quotes = next(line for line in result.stdout.splitlines() if line.startswith("quotes"))
    found, _of, total = quotes.split()[1:4]
    assert found == total and int(total) > 0


def test_db_build_writes_a_database_that_checks(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "built.db"
    result = run_cli(["db", "build", "--out", str(target)])
    assert result.returncode == 0, result.stderr
    assert target.is_file()
    assert "organisation" in result.stdout
    check = run_cli(["--db", str(target), "db", "check"])
    assert check.returncode == 0, check.stderr


def test_db_build_from_bad_sources_is_one_line(run_cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, source)
    toml = source / "alliances.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'cofounders = ["xjtu"]', 'cofounders = ["nobody"]'
        ),
        encoding="utf-8",
    )
    target = tmp_path / "out" / "polyu.db"
    result = run_cli(["db", "build", "--source", str(source), "--out", str(target)])
    line = assert_one_line_error(result)
    assert "nobody" in line
    assert not target.exists()


# ------------------------------------------------------------------ choosing a database


@pytest.fixture(scope="module")
def other_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid database that differs from the bundled one: Waterloo has another name."""
    folder = tmp_path_factory.mktemp("other")
    source = folder / "source"
    shutil.copytree(SOURCE_DIR, source)
    toml = source / "organisations.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'name = "University of Waterloo"' in text
    toml.write_text(
        text.replace('name = "University of Waterloo"', 'name = "University of Waterloo Test"'),
        encoding="utf-8",
    )
    return build(source, folder / "other.db").path


def test_db_option_selects_another_database(run_cli: Run, other_db: Path) -> None:
    assert search_json(run_cli, "UW")[0]["name"] == "University of Waterloo"
    result = run_cli(["--db", str(other_db), "search", "UW", "--json"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "University of Waterloo Test"


def test_env_var_selects_another_database(run_cli: Run, other_db: Path) -> None:
    items = search_json(run_cli, "UW", env=env_with(**{ENV_VAR: str(other_db)}))
    assert items[0]["name"] == "University of Waterloo Test"


def test_db_option_beats_the_env_var(run_cli: Run, other_db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    env = env_with(**{ENV_VAR: str(missing)})
    result = run_cli(["--db", str(other_db), "search", "UW", "--json"], env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "University of Waterloo Test"
    # and the env var alone, pointing nowhere, is an error that names the path
    line = assert_one_line_error(run_cli(["search", "UW"], env=env))
    assert str(missing) in line


def test_a_copy_of_the_bundled_database_elsewhere_works(run_cli: Run, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "copy.db"
    copy.parent.mkdir()
    shutil.copy(BUNDLED_DB, copy)
    items = search_json(run_cli, "--", "waterloo", env=env_with(**{ENV_VAR: str(copy)}))
    assert items[0]["id"] == "waterloo"
    line = assert_one_line_error(run_cli(["--db", str(tmp_path / "nope.db"), "search", "x"]))
    assert "nope.db" in line


# ------------------------------------------------------------------ bad database files


def _write_garbage(path: Path, offset: int, size: int) -> None:
    pattern = bytes((i * 97 + 13) % 256 for i in range(size))  # deterministic
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(pattern)


BAD_DATABASES = (
    "missing",
    "directory",
    "empty",
    "text",
    "corrupt-middle",
    "truncated-half",
    "other-schema",
    "newer-version",
    "version-zero",
    "older-version",
)


@pytest.fixture(scope="module")
def bad_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    paths = {name: folder / f"{name}.db" for name in BAD_DATABASES}
    paths["directory"].mkdir()
    paths["empty"].write_bytes(b"")
    paths["text"].write_text("University of Waterloo\nnot a database\n" * 50, encoding="utf-8")
    size = BUNDLED_DB.stat().st_size
    shutil.copy(BUNDLED_DB, paths["corrupt-middle"])
    _write_garbage(paths["corrupt-middle"], size // 2 - 4096, 8192)
    shutil.copy(BUNDLED_DB, paths["truncated-half"])
    with paths["truncated-half"].open("r+b") as handle:
        handle.truncate(size // 2)
    with sqlite3.connect(paths["other-schema"]) as other:
        other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        other.execute("INSERT INTO notes (text) VALUES ('hello')")
        other.execute("PRAGMA user_version = 1")
    versions = (("newer-version", 99), ("version-zero", 0), ("older-version", SCHEMA_VERSION - 1))
    for name, version in versions:
        shutil.copy(BUNDLED_DB, paths[name])
        db = sqlite3.connect(paths[name])
        db.execute(f"PRAGMA user_version = {version}")
        db.commit()
        db.close()
    return paths


COMMANDS = {"search": ["search", "x"], "db-check": ["db", "check"], "app": []}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("bad", BAD_DATABASES)
def test_bad_database_is_one_line_and_exit_2(
    run_cli: Run, bad_dbs: dict[str, Path], bad: str, command: str
) -> None:
    path = bad_dbs[bad]
    result = run_cli(["--db", str(path), *COMMANDS[command]], timeout=30)
    line = assert_one_line_error(result)
    assert path.name in line, "the error names the file"
    assert result.stdout == "", "nothing on stdout: the app did not start"


@pytest.mark.parametrize("bad", ["missing", "text", "newer-version", "corrupt-middle"])
def test_bad_database_from_the_env_var(run_cli: Run, bad_dbs: dict[str, Path], bad: str) -> None:
    env = env_with(**{ENV_VAR: str(bad_dbs[bad])})
    for args in (["search", "x", "--json"], ["db", "check"]):
        assert_one_line_error(run_cli(args, env=env))


def test_the_messages_say_what_is_wrong(bad_dbs: dict[str, Path], run_cli: Run) -> None:
    def message(name: str) -> str:
        return assert_one_line_error(run_cli(["--db", str(bad_dbs[name]), "search", "x"]))

    assert "not found" in message("missing")
    assert "directory" in message("directory")
    assert "newer" in message("newer-version")
    assert "not a polyu-tui database" in message("other-schema")
    # An empty file is a valid, empty SQLite database: just not one of ours.
    assert "not a polyu-tui database" in message("empty")
    assert "SQLite" in message("text")
    assert "corrupt" in message("corrupt-middle") or "malformed" in message("corrupt-middle")


def test_bare_launch_with_a_bad_database_never_imports_the_ui(bad_dbs: dict[str, Path]) -> None:
    code = (
        "import sys\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(bad_dbs['corrupt-middle'])!r}])\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, 'textual' in sys.modules, 'polyu_tui.ui.app' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env_with(),
        timeout=30,
        check=False,
    )
    assert result.stdout.split() == ["2", "False", "False"], result.stdout + result.stderr
    assert result.stderr.startswith(ERROR_PREFIX)


# ------------------------------------------------------------------ read-only


def test_the_bundled_database_is_never_modified(run_cli: Run, tmp_path: Path) -> None:
    before = fingerprint(BUNDLED_DB)
    files_before = sorted(p.name for p in BUNDLED_DB.parent.iterdir())
    assert run_cli(["search", "waterloo", "--json"]).returncode == 0
    assert run_cli(["search", "Watreloo"]).returncode == 0
    assert run_cli(["db", "check"]).returncode == 0
    assert run_cli(["--db", str(BUNDLED_DB), "db", "check"]).returncode == 0
    assert run_cli(["db", "build", "--out", str(tmp_path / "x.db")]).returncode == 0
    assert fingerprint(BUNDLED_DB) == before
    assert sorted(p.name for p in BUNDLED_DB.parent.iterdir()) == files_before, (
        "no journal or WAL file left beside the database"
    )


def test_a_read_only_database_file_can_be_searched(run_cli: Run, tmp_path: Path) -> None:
    copy = tmp_path / "readonly.db"
    shutil.copy(BUNDLED_DB, copy)
    copy.chmod(0o444)
    before = fingerprint(copy)
    try:
        items = search_json(run_cli, "--", "waterloo", env=env_with(**{ENV_VAR: str(copy)}))
        assert items[0]["id"] == "waterloo"
        check = run_cli(["--db", str(copy), "db", "check"])
        assert check.returncode == 0, check.stderr
        assert fingerprint(copy) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["readonly.db"]
    finally:
        copy.chmod(0o644)


def test_the_connection_refuses_writes() -> None:
    """Opened read-only, not merely left alone: even root cannot write through it."""
    connection = connect(BUNDLED_DB)
    try:
        # Refused by the authorizer (data/db.py), and by mode=ro if it were not there.
        with pytest.raises(sqlite3.DatabaseError, match=r"readonly|not authorized"):
            connection.execute("CREATE TABLE scribble (x)")
    finally:
        connection.close()


def test_undecodable_bytes_in_a_query_are_searched_not_a_traceback() -> None:
    from cli_helpers import clean_env

    # A terminal with another encoding can hand us bytes that are not UTF-8; Python
    # turns them into lone surrogates, which SQLite refuses to bind.
    result = subprocess.run(
        [sys.executable, "-m", "polyu_tui", "search", "--json", "water\udcff"],
        capture_output=True,
        env=clean_env(),
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert json.loads(result.stdout)  # "water" still finds records


def test_an_unwritable_out_path_is_one_line_and_exit_2(run_cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder-is-a-file"
    target.write_text("not a folder")
    for args in (
        ["db", "build", "--out", str(target / "polyu.db")],
        ["db", "synth", "--partners", "5", "--out", str(target / "synth.db")],
    ):
        result = run_cli(args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("polyu-tui: error:")
