"""Opening the app: what `polyu-tui` and `polyu-tui --db PATH` need, without click.

The command-line options the launcher reads by hand are defined here once; the click
commands (commands.py) declare the same options from these definitions.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from polyu_tui.data.db import ENV_VAR

PROG = "polyu-tui"


@dataclass(frozen=True)
class OptionSpec:
    flag: str
    metavar: str
    help: str


# The database option: read by hand on the fast path, declared to click from here.
DB_OPTION = OptionSpec(
    "--db",
    "PATH",
    f"Database to read instead of your own (imported) or the bundled one (also ${ENV_VAR}).",
)
# The article's database alone, even when an import wrote a user database.
BUNDLED_OPTION = OptionSpec("--bundled", "", "Open the article's data alone (not your imports).")


def fail(message: str, code: int = 2) -> NoReturn:
    """Each line of ``message`` as an error line on stderr, then exit ``code``."""
    for line in message.splitlines() or [""]:
        print(f"{PROG}: error: {line}", file=sys.stderr)
    sys.exit(code)


def open_app(
    db: str | os.PathLike[str] | None,
    *,
    present: bool = False,
    idle: float | None = None,
    tour: float | None = None,
) -> None:
    """Check the database, then open the explorer on it (in presenter mode if asked)."""
    from polyu_tui.data.db import connect

    path = database_path(db)
    connect(path).close()  # a bad database fails here, as one line, before the screen opens
    from polyu_tui.ui.app import run_app

    presenter = None
    if present:
        from polyu_tui.ui.presenter.options import DEFAULT_IDLE, PresenterOptions, load_tour

        presenter = PresenterOptions(idle=idle or DEFAULT_IDLE, tour=tour)
        if tour:
            load_tour()  # a bad tour file is one line here, before the screen opens
    # A booth keeps the data it opened with: no reload offer in front of visitors.
    awaiting = None if present else awaited_user_database(db, path)
    status = run_app(path, presenter, awaiting=awaiting)
    if status:
        sys.exit(status)


def awaited_user_database(db: str | os.PathLike[str] | None, path: Path) -> Path | None:
    """The user database a first import will write, when ``path`` is the bundled
    database only because there is none yet (no --db, --bundled or $POLYU_TUI_DB)."""
    from polyu_tui.data.db import bundled_database

    if db or os.environ.get(ENV_VAR) or path != bundled_database():
        return None
    from polyu_tui.data.userdata import user_database

    return user_database()


def explorer_database(args: list[str]) -> tuple[bool, str | None]:
    """(True, the --db value or None) when ``args`` only open the explorer."""
    if not args:
        return True, None
    if args == [BUNDLED_OPTION.flag]:
        from polyu_tui.data.db import bundled_database

        return True, str(bundled_database())
    if len(args) == 2 and args[0] == DB_OPTION.flag and args[1] and not args[1].startswith("-"):
        return True, args[1]
    prefix = f"{DB_OPTION.flag}="
    if len(args) == 1 and args[0].startswith(prefix) and len(args[0]) > len(prefix):
        return True, args[0][len(prefix) :]
    return False, None


def database_path(db: str | os.PathLike[str] | None) -> Path:
    """The database to read (data.db.resolve_path); a user database built on another
    version of the article's database (before polyu-tui was upgraded) is rebuilt on
    this one first, its agreements kept."""
    from polyu_tui.data.db import resolve_path

    path = resolve_path(db)
    if db:
        return path
    from polyu_tui.data.userdata import user_database

    if path != user_database():
        return path
    from polyu_tui.data.agreements.importer import refresh_if_stale
    from polyu_tui.data.agreements.read import ImportProblem
    from polyu_tui.data.db import bundled_database
    from polyu_tui.data.errors import DatabaseProblem

    try:
        if refresh_if_stale(path, bundled_database()):
            print(f"{PROG}: rebuilt {path} for this version, its agreements kept", file=sys.stderr)
    except (ImportProblem, OSError) as exc:
        raise DatabaseProblem(
            f"your user database {path} was written by another polyu-tui version and could "
            f"not be rebuilt ({exc}); 'polyu-tui --bundled' opens the article's data"
        ) from None
    return path
