"""Open a polyu-tui database read-only, and say clearly what is wrong with a bad one."""

from __future__ import annotations

import os
import sqlite3
from importlib import resources
from pathlib import Path

from polyu_tui.data.errors import DatabaseProblem
from polyu_tui.data.schema import REQUIRED_TABLES, SCHEMA_VERSION

ENV_VAR = "POLYU_TUI_DB"
# In a checkout (editable install) the repository holding data/; elsewhere site-packages.
REPO_ROOT = Path(__file__).resolve().parents[3]
REPO_DB = REPO_ROOT / "data" / "polyu.db"
# Databases up to this size get a full integrity check when opened.
FULL_CHECK_MAX_BYTES = 8 * 1024 * 1024


def bundled_database() -> Path:
    """The database shipped with the package (inside the wheel, or data/ in a checkout)."""
    packaged = Path(str(resources.files("polyu_tui").joinpath("bundled", "polyu.db")))
    if packaged.is_file():
        return packaged
    return REPO_DB


def default_source_dir() -> Path:
    """The TOML sources: data/source in a checkout, else the copy shipped in the wheel."""
    checkout = REPO_ROOT / "data" / "source"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("polyu_tui").joinpath("bundled", "source")))


def resolve_path(explicit: str | os.PathLike[str] | None = None, *, bundled: bool = False) -> Path:
    """--db beats --bundled beats $POLYU_TUI_DB beats the user database (written by
    ``polyu-tui import``) beats the bundled database."""
    if explicit:
        return Path(explicit)
    if bundled:
        return bundled_database()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    from polyu_tui.data.userdata import user_database

    user = user_database()
    if user.is_file():
        return user
    return bundled_database()


def connect(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open ``path`` read-only and check it is a polyu-tui database of this version.

    Raises DatabaseProblem with a one-line message for a missing file, a file that is
    not SQLite, a corrupt one, another schema, or a newer or older schema version.
    """
    if not path.exists():
        raise DatabaseProblem(f"database not found: {path}")
    if path.is_dir():
        raise DatabaseProblem(f"database path is a directory: {path}")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread)
    except sqlite3.Error as exc:
        raise DatabaseProblem(f"cannot open database {path}: {exc}") from None
    # mode=ro keeps the file itself unwritten, but not ATTACH or VACUUM INTO (a new
    # file anywhere) nor TEMP tables: the authorizer denies those, so no code path
    # can write through this connection.
    conn.set_authorizer(_read_only)
    try:
        _check(conn, path)
    except BaseException:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


# What a statement on the read-only connection may not do. VACUUM INTO asks for
# SQLITE_ATTACH (the target file) before it writes anything. INSERT, UPDATE and DELETE
# are left to mode=ro: with no other database attached and no TEMP table they can
# only reach the read-only file (and FTS5 asks for UPDATE on sqlite_master to open).
# TEMP views stay allowed: they hold no rows, and private mode (privacy.py) shadows
# a table with one.
_DENIED = frozenset(
    getattr(sqlite3, name)
    for name in (
        "SQLITE_ATTACH",
        "SQLITE_DETACH",
        "SQLITE_ALTER_TABLE",
        "SQLITE_ANALYZE",
        "SQLITE_REINDEX",
        "SQLITE_CREATE_INDEX",
        "SQLITE_CREATE_TABLE",
        "SQLITE_CREATE_TEMP_INDEX",
        "SQLITE_CREATE_TEMP_TABLE",
        "SQLITE_CREATE_TEMP_TRIGGER",
        "SQLITE_CREATE_TRIGGER",
        "SQLITE_CREATE_VIEW",
        "SQLITE_CREATE_VTABLE",
        "SQLITE_DROP_INDEX",
        "SQLITE_DROP_TABLE",
        "SQLITE_DROP_TEMP_INDEX",
        "SQLITE_DROP_TEMP_TABLE",
        "SQLITE_DROP_TEMP_TRIGGER",
        "SQLITE_DROP_TRIGGER",
        "SQLITE_DROP_VIEW",
        "SQLITE_DROP_VTABLE",
    )
)
# Pragmas that take an argument and still only read.
_READING_PRAGMAS = frozenset({"integrity_check", "quick_check", "table_info", "table_xinfo"})


def _read_only(
    action: int, arg1: str | None, arg2: str | None, _db: str | None, _source: str | None
) -> int:
    if action in _DENIED:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and arg1 not in _READING_PRAGMAS:
        return sqlite3.SQLITE_DENY  # setting one: journal_mode, writable_schema, ...
    return sqlite3.SQLITE_OK


def _check(conn: sqlite3.Connection, path: Path) -> None:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            )
        }
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"not a readable SQLite database: {path} ({exc})") from None
    if version > SCHEMA_VERSION:
        raise DatabaseProblem(
            f"database {path} has schema version {version}, newer than this polyu-tui "
            f"supports ({SCHEMA_VERSION}); upgrade polyu-tui"
        )
    if 0 < version < SCHEMA_VERSION and {"meta", "entity"} <= tables:
        if "agreement" in tables:  # a user database: its agreements carry over
            raise DatabaseProblem(
                f"database {path} holds your imported agreements but was written by an "
                f"older polyu-tui (schema {version}, now {SCHEMA_VERSION}); rebuild it with "
                "them: 'polyu-tui import --upgrade' (or 'polyu-tui --bundled' for now)"
            )
        raise DatabaseProblem(
            f"database {path} has schema version {version}, older than {SCHEMA_VERSION}; "
            "rebuild it ('polyu-tui db build', or 'db synth' for a synthetic one)"
        )
    missing = REQUIRED_TABLES - tables
    if version == 0 or missing:
        raise DatabaseProblem(f"not a polyu-tui database: {path} (no polyu-tui schema found)")
    try:
        # Touch the pages every screen reads first, so damage shows up now as one error.
        conn.execute("SELECT count(*) FROM (SELECT id FROM entity LIMIT 1)").fetchone()
        # A two-letter prefix is read from the FTS prefix index; 'a*' would merge the
        # postings of every a-word (83 ms with a million records).
        conn.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH 'an*' LIMIT 1"
        ).fetchall()
        # A file this small is checked whole (a few ms), so damage anywhere in it is
        # found here rather than as a crash later. (integrity_check, not quick_check:
        # SQLite 3.40's quick_check misreports NULLs in WITHOUT ROWID tables.)
        if path.stat().st_size <= FULL_CHECK_MAX_BYTES:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check(1)")]
            if result != ["ok"]:
                detail = " ".join(str(result[0]).split()) if result else "no result"
                raise DatabaseProblem(f"database is corrupt: {path} ({detail})")
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"database is corrupt: {path} ({exc})") from None
