"""db synth stopped by a signal: its temporary file removed, every worker process
ended, and the exit status a shell expects (128 + the signal's number)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import clean_env

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/task").is_dir(), reason="reads a process's children from /proc"
)

# Far more than finishes before the signal: the pool of workers is up by then.
PARTNERS = "5000000"


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def start_synth(folder: Path) -> tuple[subprocess.Popen[str], set[int]]:
    """db synth running with its workers; (the process, its worker pids)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "polyu_tui",
            "db",
            "synth",
            "--partners",
            PARTNERS,
            "--out",
            str(folder / "synth.db"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )
    deadline = time.monotonic() + 60
    while not (workers := children(process.pid)) or not list(folder.glob(".polyu-synth-*")):
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "db synth never started its workers"
        time.sleep(0.05)
    return process, workers


def wait_gone(pids: set[int], seconds: float = 20) -> set[int]:
    deadline = time.monotonic() + seconds
    while (left := {pid for pid in pids if alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_a_signal_removes_the_temporary_file_and_ends_every_worker(
    tmp_path: Path, signum: int, status: int
) -> None:
    process, workers = start_synth(tmp_path)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    name = signal.Signals(signum).name
    assert stderr.strip().splitlines()[-1] == (
        f"polyu-tui: error: stopped by {name}; {tmp_path / 'synth.db'} was not written"
    )
    assert list(tmp_path.iterdir()) == [], "a temporary file was left"
    assert wait_gone(workers) == set(), "a worker outlived db synth"


def test_workers_end_even_if_db_synth_is_killed_outright(tmp_path: Path) -> None:
    process, workers = start_synth(tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert wait_gone(workers) == set(), "a worker outlived db synth"
