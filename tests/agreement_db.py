"""A small user database of imported agreements, the same in every test and screenshot."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.db import bundled_database

TODAY = dt.date(2026, 1, 15)
HEADER = (
    "agreement_id",
    "partner",
    "country",
    "agreement_type",
    "start_date",
    "end_date",
    "status",
    "polyu_unit",
    "level",
    "places_out",
    "places_in",
    "subject_area",
    "contact_name",
    "contact_email",
)
ROWS = (
    ("UW-01", "University of Waterloo", "Canada", "Student Exchange", "2022-09-01",
     "2026-03-31", "", "Faculty of Engineering", "ug;pgt", "4", "4", "Engineering",
     "Ada Example", "ada@example.org"),
    ("UW-02", "University of Waterloo", "Canada", "Research", "2021-01-01", "2026-06-30",
     "", "School of Optometry", "pgr", "", "", "Vision science", "", ""),
    ("KU-01", "Korea University", "South Korea", "MoU", "2020-01-01", "2025-12-31", "",
     "", "", "", "", "", "", ""),
    ("UC-01", "Universidad de Chile", "CL", "Dual Degree", "2024-01-01", "2026-12-01",
     "active", "Faculty of Engineering", "pgt", "2", "2", "Civil engineering", "", ""),
    ("ZJ-01", "Zhejiang University", "Mainland China", "Student Exchange", "2019-01-01",
     "2026-02-01", "terminated", "Faculty of Engineering", "ug", "", "", "", "", ""),
    ("AA-01", "Aalto University", "Finland", "MoU", "2026-06-01", "", "", "School of Design",
     "", "", "", "Design", "", ""),
)  # fmt: skip


def agreements_db(folder: Path) -> Path:
    """Import ROWS (as the office's agreements.csv) into a user database in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "agreements.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    target = folder / "polyu-user.db"
    outcome = run_import([source], target, bundled_database(), today=TODAY)
    assert outcome.errors == [], outcome.errors
    return target
