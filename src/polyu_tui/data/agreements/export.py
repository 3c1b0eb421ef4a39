"""Export a view (agreements, partners, any kind of record) as CSV, XLSX, JSON or Markdown.

Rows stream from SQLite to the file: a million rows never sit in memory at once.
CSV is safe to open in a spreadsheet: a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab, a carriage return or a line feed gets a leading ``'`` (OWASP CSV
injection guidance) unless it is a plain number; import removes exactly that prefix.
XLSX cells are written as strings or numbers, never formulas. Contacts are left out
unless asked for.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from polyu_tui.data.agreements.columns import COLUMNS, CONTACT_COLUMNS, FORMULA_STARTS
from polyu_tui.data.agreements.query import AgreementQuery
from polyu_tui.data.agreements.schema import has_agreements
from polyu_tui.data.errors import PolyuError
from polyu_tui.data.text import fold

FORMATS: tuple[str, ...] = ("csv", "xlsx", "json", "md")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class ExportProblem(PolyuError):
    """The export cannot be made as asked."""


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in FORMULA_STARTS and not _NUMBER.match(value):
        return "'" + value
    return value


@dataclass(frozen=True)
class View:
    """The rows of an export: their columns and a way to read them, a few at a time."""

    columns: tuple[str, ...]
    rows: Callable[[], Iterator[tuple[Any, ...]]]


def agreement_view(
    conn: sqlite3.Connection,
    query: AgreementQuery,
    *,
    with_contacts: bool = False,
    order: str = "a.partner_fold, a.start_date, a.rowid",
) -> View:
    if not has_agreements(conn):
        raise ExportProblem(
            "no agreements to export: this database has none imported "
            "(import them with 'polyu-tui import FILE')"
        )
    columns = tuple(c for c in COLUMNS if with_contacts or c not in CONTACT_COLUMNS)
    where, args = query.where()
    sql = f"SELECT {', '.join('a.' + c for c in columns)} FROM agreement a {where} ORDER BY {order}"

    def rows() -> Iterator[tuple[Any, ...]]:
        yield from conn.execute(sql, args)

    return View(columns, rows)


ORGANISATION_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "acronym",
    "kind",
    "country",
    "relationship",
)


def record_view(conn: sqlite3.Connection, kind: str, *, text: str = "", country: str = "") -> View:
    """Records of one kind (organisation: the Partners list), filtered by name and country."""
    clauses = ["e.kind = ?"]
    args: list[Any] = [kind]
    for word in fold(text).split():
        clauses.append("e.name_fold LIKE ?")
        args.append(f"%{word}%")
    if kind == "organisation":
        columns = ORGANISATION_COLUMNS
        if country:
            clauses.append("o.country_fold = ?")
            args.append(fold(country))
        with_agreements = has_agreements(conn)
        extra = (
            ", (SELECT count(*) FROM agreement a WHERE a.organisation_id = o.id)"
            if with_agreements
            else ""
        )
        if with_agreements:
            columns = (*columns, "agreements")
        sql = (
            f"SELECT {', '.join('o.' + c for c in ORGANISATION_COLUMNS)}{extra} "
            "FROM entity e JOIN organisation o ON o.id = e.id "
            f"WHERE {' AND '.join(clauses)} AND o.kind != 'polyu' ORDER BY o.name_fold, o.rowid"
        )
    else:
        if country:
            raise ExportProblem("--country applies to agreements and organisations only")
        columns = ("id", "name", "acronym", "category", "summary")
        sql = (
            f"SELECT {', '.join('e.' + c for c in columns)} FROM entity e "
            f"WHERE {' AND '.join(clauses)} ORDER BY e.name_fold, e.rowid"
        )

    def rows() -> Iterator[tuple[Any, ...]]:
        yield from conn.execute(sql, args)

    return View(columns, rows)


def partner_table_view(conn: sqlite3.Connection, query: Any) -> View:
    """The Partners table's rows for a PartnerQuery: its filter, facets and sort, with
    each partner's number of imported agreements when there are any."""
    where, args = query.where()
    columns: tuple[str, ...] = ORGANISATION_COLUMNS
    extra = ""
    if has_agreements(conn):
        columns = (*columns, "agreements")
        extra = ", (SELECT count(*) FROM agreement a WHERE a.organisation_id = o.id)"
    sql = (
        f"SELECT {', '.join('o.' + c for c in ORGANISATION_COLUMNS)}{extra} "
        f"FROM organisation o{where}{query.order()}"
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        yield from conn.execute(sql, args)

    return View(columns, rows)


def format_for(path: Path | None, given: str | None) -> str:
    if given:
        return given
    if path is not None and path.suffix.lower().lstrip(".") in FORMATS:
        return path.suffix.lower().lstrip(".")
    if path is not None and path.suffix.lower() == ".markdown":
        return "md"
    return "csv"


def _write_csv(view: View, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(view.columns)
    count = 0
    for row in view.rows():
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count


def _write_json(view: View, out: IO[str]) -> int:
    count = 0
    out.write("[")
    for row in view.rows():
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(dict(zip(view.columns, row, strict=True)), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(text.splitlines()) if "\n" in text or "\r" in text else text


def _write_md(view: View, out: IO[str]) -> int:
    out.write("| " + " | ".join(view.columns) + " |\n")
    out.write("|" + "|".join("---" for _ in view.columns) + "|\n")
    count = 0
    for row in view.rows():
        out.write("| " + " | ".join(_md_cell(value) for value in row) + " |\n")
        count += 1
    return count


def _write_xlsx(view: View, path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("export")
    sheet.append(list(view.columns))
    count = 0
    for row in view.rows():
        cells: list[Any] = []
        for value in row:
            if isinstance(value, str):
                # A string cell, whatever it starts with: never a formula.
                cell = WriteOnlyCell(sheet, value=None)
                cell._value = _xml_safe(value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    book.save(path)
    return count


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)


@contextmanager
def _atomic(path: Path, *, private: bool) -> Iterator[Path]:
    path = path.resolve()
    if path.is_dir():
        raise ExportProblem(f"{path} is a folder; give a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".polyu-export-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_view(view: View, fmt: str, out: Path | None, *, private: bool = False) -> int:
    """Write ``view`` as ``fmt`` to ``out`` (None: standard output); the rows written.

    A file is written atomically; ``private`` (contacts in it) keeps it mode 0600.
    """
    if fmt not in FORMATS:
        raise ExportProblem(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    writers: dict[str, Callable[[View, IO[str]], int]] = {
        "csv": _write_csv,
        "json": _write_json,
        "md": _write_md,
    }
    if out is None:
        if fmt == "xlsx":
            raise ExportProblem("XLSX is a file format: give --out PATH.xlsx")
        return writers[fmt](view, sys.stdout)
    with _atomic(out, private=private) as tmp:
        if fmt == "xlsx":
            return _write_xlsx(view, tmp)
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # the BOM: Excel reads UTF-8
        with tmp.open("w", encoding=encoding, newline="") as handle:
            return writers[fmt](view, handle)
