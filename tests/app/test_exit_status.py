"""How the explorer ends, run for real on a pseudo-terminal: exit statuses, signals,
the terminal left as it was found, and a crash that says where its log is."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_helpers import clean_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals only")

# What Textual writes when it takes the terminal, and when it gives it back.
MODES = {
    "alternate screen": (b"\x1b[?1049h", b"\x1b[?1049l"),
    "mouse reporting": (b"\x1b[?1000h", b"\x1b[?1000l"),
    "hidden cursor": (b"\x1b[?25l", b"\x1b[?25h"),
}
TITLE = b"PolyU partners"
# The app on a terminal, with one action replaced to crash when ? is pressed.
CRASHING = """
from polyu_tui.ui.app import PolyuApp
def boom(self):
    raise RuntimeError("boom: a bug")
PolyuApp.action_help = boom
from polyu_tui.cli import main
main([])
"""


@dataclass
class Terminal:
    process: subprocess.Popen[bytes]
    master: int
    output: bytearray = field(default_factory=bytearray)

    def read(self, seconds: float = 0.2) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the other side closed
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"never saw {text!r}: {bytes(self.output[-400:])!r}"
            assert self.process.poll() is None, f"exited early: {bytes(self.output[-2000:])!r}"
            self.read(0.2)

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the app did not exit"
            self.read(0.2)
        self.read(0.5)
        return self.process.returncode


@contextmanager
def terminal(tmp_path: Path, code: str | None = None) -> Iterator[Terminal]:
    """The explorer (or ``code``) on a 100x30 pseudo-terminal of its own."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = clean_env(
        TERM="xterm-256color",
        POLYU_TUI_CONFIG_DIR=str(tmp_path / "config"),
        POLYU_TUI_LOG_DIR=str(tmp_path / "log"),
    )
    env.pop("NO_COLOR", None)
    args = [sys.executable, "-c", code] if code else [sys.executable, "-m", "polyu_tui"]
    process = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    screen = Terminal(process, master)
    try:
        yield screen
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def assert_terminal_restored(output: bytes) -> None:
    for mode, (on, off) in MODES.items():
        assert on in output
        assert output.rfind(off) > output.rfind(on), f"{mode} left on: {output[-300:]!r}"


def test_q_exits_0_and_gives_the_terminal_back(tmp_path: Path) -> None:
    with terminal(tmp_path) as screen:
        screen.wait_for(TITLE)
        screen.send(b"q")
        assert screen.finish() == 0
        assert_terminal_restored(bytes(screen.output))


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_a_signal_restores_the_terminal_and_exits_128_plus_its_number(
    tmp_path: Path, signum: int, status: int
) -> None:
    with terminal(tmp_path) as screen:
        screen.wait_for(TITLE)
        screen.process.send_signal(signum)
        assert screen.finish() == status
        assert_terminal_restored(bytes(screen.output))


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    with terminal(tmp_path) as screen:
        screen.wait_for(TITLE)
        screen.send(b"\x03")
        assert screen.finish() == 130
        assert_terminal_restored(bytes(screen.output))


def test_an_invalid_utf8_byte_is_no_crash(tmp_path: Path) -> None:
    with terminal(tmp_path) as screen:
        screen.wait_for(TITLE)
        screen.send(b"\xff")
        screen.read(1.0)
        assert screen.process.poll() is None
        screen.send(b"q")
        assert screen.finish() == 0


def test_a_crash_exits_1_and_says_where_its_log_is(tmp_path: Path) -> None:
    with terminal(tmp_path, CRASHING) as screen:
        screen.wait_for(TITLE)
        screen.send(b"?")
        assert screen.finish() == 1
        output = bytes(screen.output)
        assert_terminal_restored(output)
    logs = list((tmp_path / "log").glob("crash-*.log"))
    assert len(logs) == 1
    assert "RuntimeError: boom: a bug" in logs[0].read_text()
    assert oct(logs[0].stat().st_mode & 0o777) == oct(0o600)
    last = output.decode("utf-8", "replace").replace("\r", "").strip().splitlines()[-1]
    assert last == (
        "polyu-tui: error: polyu-tui stopped on an error it did not expect (a bug); "
        f"the traceback is in {logs[0]}"
    )


# The terminal stops taking output as the app shuts down (as when tmux kills its
# session, or a window closes): every write from then on blocks for ever.
STUCK_TERMINAL = """
import threading
from textual.drivers import _writer_thread
from textual.drivers.linux_driver import LinuxDriver
gone = threading.Event()
class Terminal:
    def __init__(self, file):
        self.file = file
    def write(self, text):
        if gone.is_set():
            threading.Event().wait()
        return self.file.write(text)
    def flush(self):
        if not gone.is_set():
            self.file.flush()
    def fileno(self):
        return self.file.fileno()
writer_init = _writer_thread.WriterThread.__init__
def init(self, file):
    writer_init(self, Terminal(file))
_writer_thread.WriterThread.__init__ = init
disable_input = LinuxDriver.disable_input
def stuck(self):
    gone.set()
    disable_input(self)
LinuxDriver.disable_input = stuck
from polyu_tui.cli import main
main([])
"""


def test_a_signal_ends_the_app_even_when_its_terminal_takes_no_more_output(
    tmp_path: Path,
) -> None:
    """Apps were left running, with no screen, after their tmux sessions were killed:
    Textual's shutdown waited for ever to write to a terminal that was gone."""
    with terminal(tmp_path, STUCK_TERMINAL) as screen:
        screen.wait_for(TITLE)
        screen.process.send_signal(signal.SIGHUP)
        assert screen.finish(timeout=60) == 129
