"""Errors the data layer raises; the CLI turns each into one line and exit status 2."""

from __future__ import annotations


class PolyuError(Exception):
    """A problem a user can act on, reported as one line without a traceback."""

    exit_code = 2


class DatabaseProblem(PolyuError):
    """The database is missing, not SQLite, corrupt or of the wrong schema."""


class SourceProblem(PolyuError):
    """The TOML source files are invalid (bad reference, quote not in the document)."""


class WriteProblem(PolyuError):
    """A database cannot be written where the user asked (named as given, not the
    temporary file beside it)."""
