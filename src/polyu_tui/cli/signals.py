"""Signals as exceptions, so a command stopped by one unwinds: temporary files removed,
worker processes ended, and an exit status of 128 + the signal's number."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# SIGINT is here too so that Ctrl+C ends the same way, with the same message.
STOPPING = ("SIGTERM", "SIGHUP", "SIGINT")


class Stopped(BaseException):
    """A signal asked the command to stop. BaseException: no `except Exception` keeps
    the command running."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGTERM, SIGHUP and SIGINT raise Stopped; then as before."""
    previous = {}
    for name in STOPPING:
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
