"""Shared fixtures: the bundled database, opened read-only, and a way to run the CLI."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import BUNDLED_DB, CliRunner, run_polyu

from polyu_tui.data.briefing.files import EXPORT_ENV
from polyu_tui.data.db import connect
from polyu_tui.data.userdata import DATA_DIR_ENV


@pytest.fixture(autouse=True)
def _private_user_data(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own empty user data folder: none touches the real one."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    # Nor the real export folder (briefing cards).
    monkeypatch.setenv(EXPORT_ENV, str(tmp_path_factory.mktemp("exports")))
    return folder


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


# ------------------------------------------------------------------ the key fuzzer


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fuzz", "the key fuzzer (tests/test_fuzz.py)")
    group.addoption(
        "--fuzz-actions",
        type=int,
        default=400,
        help="random actions per seed (default 400, as CI runs it)",
    )
    group.addoption(
        "--fuzz-seeds", type=int, default=3, help="how many seeds (default 3, as CI runs it)"
    )
    group.addoption("--fuzz-first-seed", type=int, default=1, help="the first seed (default 1)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "fuzz: the key fuzzer; a longer run: pytest -m fuzz --fuzz-actions 20000 --fuzz-seeds 10",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "fuzz_seed" in metafunc.fixturenames:
        first = metafunc.config.getoption("--fuzz-first-seed")
        seeds = range(first, first + metafunc.config.getoption("--fuzz-seeds"))
        metafunc.parametrize("fuzz_seed", list(seeds))
