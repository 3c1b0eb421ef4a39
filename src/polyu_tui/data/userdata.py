"""Where the user's own data lives: the user data folder and the user database in it.

The user database holds the article's records plus an office's imported agreements.
It is written only by ``polyu-tui import``; the bundled database is never written.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "POLYU_TUI_DATA_DIR"
USER_DB_NAME = "polyu-user.db"


def user_data_dir() -> Path:
    """$POLYU_TUI_DATA_DIR, else the platform's user data folder for polyu-tui."""
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env)
    import platformdirs

    return platformdirs.user_data_path("polyu-tui", appauthor=False)


def user_database() -> Path:
    """The user database's path (it exists only after a first import)."""
    return user_data_dir() / USER_DB_NAME
