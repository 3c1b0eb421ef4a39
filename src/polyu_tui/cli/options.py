"""Options more than one command declares: a path that must be given, and the database.

The database options are defined once, in launch.py (the app's fast path reads them by
hand); here they become click options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from polyu_tui.cli.launch import BUNDLED_OPTION, DB_OPTION
from polyu_tui.data.db import bundled_database


class GivenPath(click.Path):
    """click.Path refusing an empty value, which it would read as '.' (the folder)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value:
            self.fail("the path is empty", param, ctx)
        return super().convert(value, param, ctx)


def _database_chosen(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """--db or --bundled given after the command: it wins over one given before it."""
    if value is None or value is False:
        return
    root = ctx.find_root()
    root.ensure_object(dict)
    root.obj["db"] = bundled_database() if param.name == "bundled" else value


def database_options(command: Any) -> Any:
    """The group's --db and --bundled (launch.py defines them once), accepted after a
    command that reads a database as well as before it: `polyu-tui search x --db PATH`."""
    command = click.option(
        BUNDLED_OPTION.flag,
        "bundled",
        is_flag=True,
        expose_value=False,
        callback=_database_chosen,
        help=BUNDLED_OPTION.help,
    )(command)
    return click.option(
        DB_OPTION.flag,
        "db_path",
        metavar=DB_OPTION.metavar,
        type=GivenPath(dir_okay=True, path_type=Path),
        expose_value=False,
        callback=_database_chosen,
        help=DB_OPTION.help,
    )(command)
