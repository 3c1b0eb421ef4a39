"""The ``polyu-tui`` command's entry point.

Opening the explorer (no command, or just ``--db PATH``) goes straight to the app,
without importing click: the first frame comes sooner. Everything else goes to the
click commands in commands.py. Either way an expected failure is one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sqlite3
import sys

from polyu_tui.cli.launch import explorer_database, fail, open_app
from polyu_tui.data.errors import PolyuError


def main(argv: list[str] | None = None) -> None:
    """Entry point: every expected failure is one line on stderr, never a traceback."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        explorer, db = explorer_database(args)
        if explorer:
            open_app(db)
        else:
            from polyu_tui.cli.commands import run

            run(args)
    except PolyuError as exc:
        fail(str(exc), exc.exit_code)
    except sqlite3.DatabaseError as exc:
        fail(f"database error: {exc}")
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # a folder that cannot be written, a full disk
        fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))
    except KeyboardInterrupt:
        sys.exit(130)
