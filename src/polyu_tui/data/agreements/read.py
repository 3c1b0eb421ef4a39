"""Read agreement lists (CSV or XLSX) into checked agreements and a list of problems.

Every problem in every file is collected, not only the first: a row with three bad
values gives three errors, each as ``FILE:LINE: column: message`` (XLSX rows as
``FILE:Sheet!ROW``). Rows are read one at a time; a file is never held whole.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polyu_tui.data.agreements.columns import (
    COLUMNS,
    HEADER_KEYS,
    REQUIRED,
    Agreement,
    Problem,
    header_key,
    parse_row,
)
from polyu_tui.data.errors import PolyuError

# csv's default field limit (128 KiB) is plenty for a 2,000-character note, but a file
# with an unbalanced quote would read as one huge field: say so rather than crash.
_FIELD_LIMIT = 1 << 20


class ImportProblem(PolyuError):
    """The files cannot be imported as given (the message says which and why)."""


@dataclass
class ReadResult:
    agreements: list[Agreement] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    rows: int = 0
    columns: dict[str, frozenset[str]] = field(default_factory=dict)
    """File name -> the columns its header row names."""


def source_file(where: str) -> str:
    """The file of a place in it: 'list.csv:12' or 'list.xlsx:Sheet1!12' -> the name
    (a sheet's name never holds ':')."""
    return where.rsplit(":", 1)[0]


# (where, column -> raw cell) for each data row; warnings go to the callback.
RawRows = Iterator[tuple[str, dict[str, Any]]]


def _map_header(cells: list[Any], where: str, result: ReadResult) -> dict[int, str] | None:
    """Column positions -> column names; None (with errors) when a required one is missing."""
    positions: dict[int, str] = {}
    seen: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(cells):
        name = "" if cell is None else str(cell).replace("\ufeff", "").strip()
        if not name:
            continue
        column = HEADER_KEYS.get(header_key(name))
        if column is None:
            unknown.append(name)
        elif column in seen:
            result.errors.append(
                Problem(where, name, f"a second {column} column (column {index + 1})")
            )
        else:
            seen[column] = index
            positions[index] = column
    if not seen:
        result.errors.append(
            Problem(
                where,
                "",
                f"no header row: the first row must name the columns ({', '.join(REQUIRED)}, ...)",
            )
        )
        return None
    result.warnings.extend(Problem(where, name, "unknown column, ignored") for name in unknown)
    result.columns[source_file(where)] = frozenset(seen)
    missing = [column for column in REQUIRED if column not in seen]
    result.errors.extend(
        Problem(where, column, "required column missing from the header row") for column in missing
    )
    return None if missing else positions


def _csv_rows(path: Path, result: ReadResult) -> RawRows:
    name = path.name
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportProblem(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        try:
            sample = handle.read(64 * 1024)
        except UnicodeDecodeError as exc:
            result.errors.append(
                Problem(f"{name}:1", "", f"not UTF-8 text ({exc.reason}); save it as CSV UTF-8")
            )
            return
        handle.seek(0)
        first_line = sample.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        csv.field_size_limit(_FIELD_LIMIT)
        reader = csv.reader(handle, delimiter=delimiter, strict=False)
        positions: dict[int, str] | None = None
        line = 1
        try:
            for cells in reader:
                where = f"{name}:{line}"
                line = reader.line_num + 1
                if positions is None:
                    positions = _map_header(cells, where, result)
                    if positions is None:
                        return
                    continue
                if not any(cell.strip() for cell in cells):
                    continue
                yield (
                    where,
                    {
                        column: cells[index]
                        for index, column in positions.items()
                        if index < len(cells)
                    },
                )
        except UnicodeDecodeError as exc:
            result.errors.append(
                Problem(
                    f"{name}:{line}", "", f"not UTF-8 text ({exc.reason}); save it as CSV UTF-8"
                )
            )
        except csv.Error as exc:
            result.errors.append(Problem(f"{name}:{line}", "", f"unreadable CSV: {exc}"))
        if positions is None:
            result.errors.append(Problem(f"{name}:1", "", "the file is empty: no header row"))


# A cell element: <c r="B3" ...>...</c>, or <c r="B3" .../> (empty: never a formula).
_CELL = re.compile(rb'<c\s[^>]*?r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.DOTALL)
_FORMULA_TEXT = re.compile(rb"<f\b[^>]*>(.*?)</f>", re.DOTALL)


def _first_sheet_part(book: zipfile.ZipFile) -> str:
    """The zip member holding the workbook's first sheet (as spreadsheets order them)."""
    workbook = book.read("xl/workbook.xml")
    first = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", workbook)
    rels = book.read("xl/_rels/workbook.xml.rels")
    if first is not None:
        for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
            tag = rel.group(0)
            if b'Id="' + first.group(1) + b'"' in tag:
                target = re.search(rb'Target="([^"]+)"', tag)
                if target is not None:
                    name = target.group(1).decode("utf-8")
                    return name.lstrip("/") if name.startswith("/") else f"xl/{name}"
    return "xl/worksheets/sheet1.xml"


def formula_cells(path: Path) -> dict[tuple[int, int], str]:
    """(row, column) from 1 -> formula text, for every formula cell of the first sheet.

    The sheet's XML is read a piece at a time and only scanned (a formula is rare in an
    exported list); the values come from python-calamine, which reads the value the
    spreadsheet saved with each formula but not whether a cell holds one.
    """
    found: dict[tuple[int, int], str] = {}
    with zipfile.ZipFile(path) as book, book.open(_first_sheet_part(book)) as sheet:
        carry = b""
        while True:
            chunk = sheet.read(1 << 20)
            data = carry + chunk
            cut = data.rfind(b"</c>") + 4 if chunk else len(data)
            if cut < 4 and chunk:
                carry = data
                continue
            part, carry = data[:cut], data[cut:]
            if b"<f" in part:
                for cell in _CELL.finditer(part):
                    inner = cell.group(3) or b""
                    formula = _FORMULA_TEXT.search(inner)
                    if formula is not None or b"<f " in inner or b"<f/>" in inner:
                        text = formula.group(1).decode("utf-8") if formula else "(shared)"
                        found[(int(cell.group(2)), _column_number(cell.group(1)))] = "=" + text
            if not chunk:
                return found


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_rows(path: Path, result: ReadResult) -> RawRows:
    """Rows of the first sheet. A formula cell is read at the value the spreadsheet last
    computed (with a warning); one that was never computed is an error."""
    import python_calamine

    name = path.name
    try:
        formulas = formula_cells(path)
        sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportProblem(f"cannot read {path} as an XLSX workbook: {exc}") from None
    except python_calamine.CalamineError as exc:
        raise ImportProblem(f"cannot read {path} as an XLSX workbook: {exc}") from None
    title = sheet.name
    quoted = f"'{title}'" if any(ch in title for ch in " !'") else title
    first_row, first_column = sheet.start or (0, 0)
    positions: dict[int, str] | None = None
    for offset, values in enumerate(sheet.iter_rows()):
        number = first_row + offset + 1
        where = f"{name}:{quoted}!{number}"
        if positions is None:
            if not any(cell not in (None, "") for cell in values):
                continue  # blank rows above the header
            positions = _map_header(list(values), where, result)
            if positions is None:
                return
            continue
        row_formulas = {
            index: formulas[(number, first_column + index + 1)]
            for index in positions
            if (number, first_column + index + 1) in formulas
        }
        if not row_formulas and not any(cell is not None and str(cell).strip() for cell in values):
            continue
        cells: dict[str, Any] = {}
        for index, column in positions.items():
            value = values[index] if index < len(values) else None
            formula = row_formulas.get(index)
            if formula is not None:
                if value in (None, ""):
                    result.errors.append(
                        Problem(
                            where,
                            column,
                            f"formula {formula[:40]!r} has no saved value; open the file "
                            "in a spreadsheet, save it, and import again",
                        )
                    )
                    continue
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                result.warnings.append(
                    Problem(where, column, f"formula {formula[:40]!r} read as {value!r}")
                )
            cells[column] = value
        yield where, cells
    if positions is None:
        result.errors.append(Problem(f"{name}:{quoted}!1", "", "the sheet is empty: no header row"))


def _rows(path: Path, result: ReadResult) -> RawRows:
    if not path.exists():
        raise ImportProblem(f"no such file: {path}")
    if path.is_dir():
        raise ImportProblem(f"{path} is a folder; give a .csv or .xlsx file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, result)
    if suffix in (".csv", ".txt", ".tsv", ""):
        return _csv_rows(path, result)
    raise ImportProblem(f"{path}: not a .csv or .xlsx file (save the list as one of those)")


def read_files(
    paths: list[Path],
    *,
    dayfirst: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ReadResult:
    """Every agreement in ``paths``, with every error and warning found in them."""
    result = ReadResult()
    ids: dict[str, str] = {}
    for path in paths:
        for where, cells in _rows(path, result):
            result.rows += 1
            if progress is not None and result.rows % 5000 == 0:
                progress(result.rows)
            agreement, problems = parse_row(cells, where, dayfirst=dayfirst)
            if problems:
                result.errors.extend(problems)
                continue
            assert agreement is not None
            if agreement.agreement_id:
                first = ids.setdefault(agreement.agreement_id, where)
                if first != where:
                    result.errors.append(
                        Problem(
                            where,
                            "agreement_id",
                            f"{agreement.agreement_id!r} is already used at {first}",
                        )
                    )
                    continue
            result.agreements.append(agreement)
    return result


__all__ = ["COLUMNS", "ImportProblem", "ReadResult", "read_files"]
