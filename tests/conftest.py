"""Shared fixtures: the bundled database, opened read-only, and a way to run the CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from polyu_tui.data.db import ENV_VAR, connect

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_DB = REPO_ROOT / "data" / "polyu.db"

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: no $POLYU_TUI_DB unless asked for."""
    env = {key: value for key, value in os.environ.items() if key != ENV_VAR}
    env.update({"PYTHONIOENCODING": "utf-8", "COLUMNS": "160", "NO_COLOR": "1", **extra})
    return env


def run_polyu(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 30,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m polyu_tui ARGS`` and capture its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "polyu_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env if env is not None else clean_env(),
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def run_cli() -> CliRunner:
    return run_polyu


@pytest.fixture(scope="session")
def bundled_db() -> Path:
    assert BUNDLED_DB.is_file(), "data/polyu.db must be committed"
    return BUNDLED_DB


@pytest.fixture(scope="session")
def conn(bundled_db: Path) -> Iterator[sqlite3.Connection]:
    """The bundled database, opened read-only as the app opens it."""
    connection = connect(bundled_db, check_same_thread=False)
    yield connection
    connection.close()
