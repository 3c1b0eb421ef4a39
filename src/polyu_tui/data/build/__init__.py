"""Build ``polyu.db`` from the reviewable TOML files in ``data/source``.

The build is deterministic: the same sources give the same rows in the same order,
and nothing time-dependent is written. It writes to a temporary file beside the
target and renames it into place only when everything succeeded, so a failed build
never leaves a half-written database behind.

The package: ``sources`` (reading and checking the TOML), ``rows`` (records as rows),
``write`` (the database file, shared with ``db synth``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from polyu_tui.data.build.rows import build_rows
from polyu_tui.data.build.sources import DOCUMENT_TITLE, load_sources
from polyu_tui.data.build.write import (
    atomic_target,
    create_schema,
    derive_tables,
    iter_table_dump,
    source_meta,
    write_database,
)

__all__ = [
    "DOCUMENT_TITLE",
    "BuildResult",
    "atomic_target",
    "build",
    "build_rows",
    "create_schema",
    "derive_tables",
    "iter_table_dump",
    "load_sources",
    "source_meta",
    "write_database",
]


@dataclass
class BuildResult:
    path: Path
    counts: dict[str, int]


def build(source_dir: Path, target: Path) -> BuildResult:
    """Build the bundled database from ``source_dir`` into ``target``."""
    sources = load_sources(source_dir)
    rows = build_rows(sources)
    meta = source_meta(sources.document, synthetic=False)
    counts = write_database(target, rows.items(), meta, sources.document)
    return BuildResult(target, counts)
