"""``polyu-tui import --template``: the header row and one clearly made-up example row.

The XLSX template has a drop-down list of the allowed values on each coded column.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from polyu_tui.data.agreements.columns import CODED, COLUMNS, Agreement, Problem
from polyu_tui.data.agreements.columns import quick_fold as fold
from polyu_tui.data.agreements.read import ImportProblem

EXAMPLE: dict[str, object] = {
    "agreement_id": "EXAMPLE-0001",
    "partner": "Example University (made up: replace this row)",
    "country": "Canada",
    "agreement_type": "student_exchange",
    "start_date": "2025-09-01",
    "end_date": "2030-08-31",
    "status": "active",
    "polyu_unit": "Faculty of Engineering",
    "partner_unit": "School of Engineering",
    "level": "ug;pgt",
    "direction": "both",
    "places_out": 4,
    "places_in": 4,
    "subject_area": "Engineering",
    "city": "Exampleton",
    "notes": "An invented example; delete this row before importing.",
    "contact_name": "A. Example",
    "contact_email": "exchange@example.org",
    "url": "https://example.org/exchange",
}


def example_rows(agreements: list[Agreement]) -> list[Problem]:
    """An error for each row that is still the template's made-up example: imported,
    it would add an invented partner to the office's list."""
    example = fold(str(EXAMPLE["partner"]))
    return [
        Problem(
            agreement.source,
            "partner",
            "this is the template's made-up example row; "
            "replace it with a real agreement or delete it, then import again",
        )
        for agreement in agreements
        if fold(agreement.partner) == example
    ]


def write_template(path: Path) -> None:
    """Write a CSV or XLSX template at ``path`` (atomically)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportProblem(f"{path}: a template is a .csv or .xlsx file")
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".polyu-template-", suffix=suffix, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if suffix == ".csv":
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                writer.writerow([EXAMPLE[column] for column in COLUMNS])
        else:
            os.close(fd)
            _write_xlsx(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "agreements"
    sheet.append(list(COLUMNS))
    sheet.append([EXAMPLE[column] for column in COLUMNS])
    lists = book.create_sheet("lists")
    next_list = 1
    for number, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(12, len(column) + 2)
        values = CODED.get(column)
        if not values:
            continue
        # The allowed values live on a second sheet; the drop-down refers to them there.
        list_column = get_column_letter(next_list)
        next_list += 1
        lists[f"{list_column}1"] = column
        for row, value in enumerate(values, start=2):
            lists[f"{list_column}{row}"] = value
        validation = DataValidation(
            type="list",
            formula1=f"=lists!${list_column}$2:${list_column}${len(values) + 1}",
            allow_blank=column != "agreement_type",
            showErrorMessage=column != "level",  # level may hold several, ';'-separated
            errorTitle=f"Not a {column.replace('_', ' ')}",
            error=f"Choose one of: {', '.join(values)}",
            promptTitle=column.replace("_", " "),
            prompt=", ".join(values),
        )
        validation.add(f"{letter}2:{letter}10000")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    book.save(path)
