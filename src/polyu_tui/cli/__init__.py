"""The command line: ``main`` (the entry point), ``launch`` (opening the app without
click), ``commands`` (the click commands), ``progress`` (progress bars)."""

from __future__ import annotations

from polyu_tui.cli.main import main

__all__ = ["main"]
