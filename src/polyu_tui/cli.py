"""The ``polyu-tui`` command.

Opening the explorer (no command, or just ``--db PATH``) goes straight to the app,
without importing click: the first frame comes sooner. Everything else goes to the
click commands in cli_commands.py. Either way an expected failure is one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import NoReturn

from polyu_tui.data.errors import PolyuError

PROG = "polyu-tui"


def fail(message: str, code: int = 2) -> NoReturn:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(code)


def open_app(db: str | os.PathLike[str] | None) -> None:
    """Check the database, then open the explorer on it."""
    from polyu_tui.data.db import connect, resolve_path

    path = resolve_path(db)
    connect(path).close()  # a bad database fails here, as one line, before the screen opens
    from polyu_tui.ui.app import run_app

    status = run_app(path)
    if status:
        sys.exit(status)


def explorer_database(args: list[str]) -> tuple[bool, str | None]:
    """(True, the --db value or None) when ``args`` only open the explorer."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and args[1] and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > len("--db="):
        return True, args[0][len("--db=") :]
    return False, None


def main(argv: list[str] | None = None) -> None:
    """Entry point: every expected failure is one line on stderr, never a traceback."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        explorer, db = explorer_database(args)
        if explorer:
            open_app(db)
        else:
            from polyu_tui.cli_commands import run

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
