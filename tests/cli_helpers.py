"""Running the CLI from a test: the bundled database, a clean environment, a subprocess."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from polyu_tui.data.db import ENV_VAR

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


def on_a_terminal(
    args: list[str], columns: int = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI with its standard output on a pseudo-terminal, as a person does."""
    leader, follower = pty.openpty()
    env = {**(env or clean_env()), "COLUMNS": str(columns), "LINES": "40", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "polyu_tui", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stderr = process.stderr.read().decode() if process.stderr else ""
    status = process.wait(timeout=30)
    stdout = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    stdout = re.sub(r"\x1b\[[0-9;]*m", "", stdout)  # bold, dim: the table's styles
    return subprocess.CompletedProcess(args, status, stdout, stderr)
