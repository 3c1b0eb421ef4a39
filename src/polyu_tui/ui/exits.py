"""How the app ends: its exit status, the signals that end it, and a crash's log.

- ``q`` exits 0; Ctrl+C (with nothing selected to copy) exits 130;
- SIGTERM, SIGHUP and SIGINT end the app as ``q`` does, so Textual restores the
  terminal (alternate screen off, mouse reporting off, cursor shown), then exit
  143, 129 and 130 (128 + the signal's number, as a shell reports it); after a
  hangup (the terminal gone) within SHUTDOWN_GRACE seconds, even if the terminal
  can no longer be written to;
- a crash exits 1, after Textual has restored the terminal and printed the traceback,
  with one line saying which file keeps the traceback.
"""

from __future__ import annotations

import asyncio
import functools
import io
import os
import signal
import threading
import time
import traceback
from pathlib import Path

from rich.console import Console, RenderableType
from textual.app import App

LOG_ENV = "POLYU_TUI_LOG_DIR"
CRASH_STATUS = 1
INTERRUPT_STATUS = 128 + signal.SIGINT
# Seconds a hangup leaves the app to restore the terminal before the process ends anyway.
SHUTDOWN_GRACE = 3.0


def log_dir() -> Path:
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("polyu-tui", appauthor=False))


def write_crash_log(text: str) -> Path | None:
    """Write ``text`` to a new file only the user can read; None if it cannot be written."""
    folder = log_dir()
    path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
    except OSError:
        return None
    return path


def _plain(renderables: tuple[RenderableType, ...]) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None, legacy_windows=False)
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()


class EndsCleanly(App[None]):
    """The App, ending cleanly: records a crash, maps signals to exit statuses.

    ``real_terminal`` is set by run_app only: tests driving the app with Pilot keep
    pytest's own signal handlers, and write no crash logs.
    """

    real_terminal = False
    crashed = False
    crash_log: Path | None = None

    def _record_crash(self, text: str) -> None:
        if not self.crashed:
            self.crashed = True
            if self.real_terminal:
                self.crash_log = write_crash_log(text)

    def _handle_exception(self, error: Exception) -> None:
        self._record_crash("".join(traceback.format_exception(error)))
        super()._handle_exception(error)

    def panic(self, *renderables: RenderableType) -> None:
        # How the driver's input thread reports what killed it: a crash too.
        self._record_crash(_plain(renderables))
        super().panic(*renderables)

    def action_help_quit(self) -> None:
        """Ctrl+C when there is no selected text to copy: quit, as an interrupt."""
        self.exit(return_code=INTERRUPT_STATUS)

    def handle_signals(self) -> None:
        """From inside the running app: end it cleanly on SIGTERM, SIGHUP, SIGINT."""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                loop.add_signal_handler(signum, functools.partial(self._end_on_signal, signum))
            except (NotImplementedError, RuntimeError):  # not on this platform
                continue

    def _end_on_signal(self, signum: int) -> None:
        """Exit as ``q`` does, with 128 + the signal's number. A hangup means the
        terminal has gone (a window closed, an ssh link dropped, tmux kill-session):
        Textual's last writes to it can then block for ever, and the app was left
        running with no screen, so a watchdog ends the process after a grace. Other
        signals leave a live terminal, which the exit must give back however long."""
        status = 128 + signum
        if signum == getattr(signal, "SIGHUP", None):
            watchdog = threading.Timer(SHUTDOWN_GRACE, os._exit, args=(status,))
            watchdog.daemon = True
            watchdog.start()
        self.exit(return_code=status)

    def exit_status(self) -> int:
        if self.crashed:
            return CRASH_STATUS
        return self.return_code or 0

    def crash_message(self) -> str:
        where = (
            f"the traceback is in {self.crash_log}"
            if self.crash_log
            else f"its traceback could not be written to {log_dir()}"
        )
        return f"polyu-tui stopped on an error it did not expect (a bug); {where}"
