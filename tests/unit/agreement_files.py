"""Helpers that write agreement lists as an office's system would export them."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HEADER = ("agreement_id", "partner", "country", "agreement_type", "start_date", "end_date")


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = HEADER,
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    header: Sequence[str] = HEADER,
    *,
    cached: dict[str, str] | None = None,
    title: str = "Agreements",
) -> Path:
    """An XLSX file; ``cached`` gives formula cells ('B3': '42') the value a spreadsheet
    saved with them (openpyxl itself never saves one)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    if cached:
        _add_cached_values(path, cached)
    return path


def _add_cached_values(path: Path, cached: dict[str, str]) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    for ref, value in cached.items():
        kind = "" if re.fullmatch(r"-?\d+(\.\d+)?", value) else ' t="str"'
        pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>')
        xml, count = pattern.subn(
            lambda m, r=ref, v=value, t=kind: (
                f'<c r="{r}"{m.group(1)}{t}><f>{m.group(2)}</f><v>{v}</v>'
            ),
            xml,
        )
        assert count == 1, (ref, xml)
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)
