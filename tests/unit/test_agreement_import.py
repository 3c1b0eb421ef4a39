"""Importing agreement lists: files read whole, every error at once, the user database
written atomically, snapshot and merge counted."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest
from agreement_files import HEADER, write_csv, write_xlsx

from polyu_tui.data.agreements.importer import run_import
from polyu_tui.data.agreements.read import ImportProblem, read_files
from polyu_tui.data.agreements.schema import describe
from polyu_tui.data.agreements.template import write_template
from polyu_tui.data.check import check_database
from polyu_tui.data.db import bundled_database, connect

ROWS = [
    ("UW-1", "University of Waterloo", "Canada", "Student Exchange", "2024-09-01", "2029-08-31"),
    ("KU-1", "Korea University", "Korea, Republic of", "MoU", "2023-01-15", ""),
    ("NEW-1", "Universidad de Chile", "CL", "research", "2022-03-01", "2026-03-01"),
]


def imported(
    tmp_path: Path, *paths: Path, merge: bool = False, dry_run: bool = False
) -> tuple[Path, object]:
    target = tmp_path / "user" / "polyu-user.db"
    outcome = run_import(
        list(paths),
        target,
        bundled_database(),
        merge=merge,
        dry_run=dry_run,
        today=dt.date(2026, 1, 1),
    )
    return target, outcome


def agreements_in(path: Path) -> list[tuple[str, str, str]]:
    conn = connect(path)
    try:
        return [
            tuple(row)
            for row in conn.execute(
                "SELECT agreement_id, organisation_id, agreement_type FROM agreement ORDER BY rowid"
            )
        ]
    finally:
        conn.close()


def test_an_import_writes_the_article_plus_the_agreements(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "list.csv", ROWS)
    target, outcome = imported(tmp_path, source)
    summary = outcome.summary  # type: ignore[attr-defined]
    assert outcome.errors == []  # type: ignore[attr-defined]
    assert (summary.new, summary.changed, summary.unchanged, summary.removed) == (3, 0, 0, 0)
    assert (summary.partners_matched, summary.partners_new) == (2, 1)
    assert agreements_in(target) == [
        ("UW-1", "waterloo", "student_exchange"),
        ("KU-1", "korea-university", "mou"),
        ("NEW-1", "imported/universidad-de-chile", "research"),
    ]
    conn = connect(target)
    try:
        assert describe(conn) == "article + 3 agreements imported 2026-01-01 from list.csv"
        # The article's records are all there, and the new partner is a Partners row.
        assert conn.execute("SELECT count(*) FROM entity WHERE id = 'waterloo'").fetchone()[0] == 1
        row = conn.execute(
            "SELECT name, country FROM organisation WHERE id = 'imported/universidad-de-chile'"
        ).fetchone()
        assert tuple(row) == ("Universidad de Chile", "Chile")
        in_order = conn.execute(
            "SELECT count(*) FROM partner_order p JOIN organisation o ON o.rowid = p.org_rowid "
            "WHERE p.sort = 'n' AND o.id = 'imported/universidad-de-chile'"
        ).fetchone()[0]
        assert in_order == 1
        assert check_database(conn).problems == []
    finally:
        conn.close()


def test_the_user_database_is_private_and_the_bundled_one_untouched(tmp_path: Path) -> None:
    bundled = bundled_database()
    before = bundled.read_bytes()
    target, _outcome = imported(tmp_path, write_csv(tmp_path / "list.csv", ROWS))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert bundled.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["polyu-user.db"]  # no temporary left


def test_every_error_in_every_file_is_reported_with_its_line(tmp_path: Path) -> None:
    first = write_csv(
        tmp_path / "a.csv",
        [
            ROWS[0],
            ("X-1", "", "Narnia", "MoU", "2024-01-01", ""),
            ("X-2", "Somewhere", "FR", "treaty", "2024-01-01", "2023-01-01"),
        ],
    )
    second = write_csv(
        tmp_path / "b.csv", [("UW-1", "University of Waterloo", "CA", "mou", "soon", "")]
    )
    result = read_files([first, second])
    assert [str(p) for p in result.errors] == [
        "a.csv:3: partner: is empty; this column is required",
        "a.csv:3: country: 'Narnia' is not a country or region we know",
        "a.csv:4: agreement_type: 'treaty' is not an agreement type; use one of "
        "mou, student_exchange, staff_exchange, research, dual_degree, joint_degree, "
        "articulation, joint_phd, study_abroad, summer, internship, service_learning, other",
        "a.csv:4: end_date: '2023-01-01' is before the start date '2024-01-01'",
        "b.csv:2: start_date: 'soon' is not a date; use YYYY-MM-DD",
    ]
    assert [a.agreement_id for a in result.agreements] == ["UW-1"]


def test_a_duplicate_agreement_id_names_its_first_line(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "a.csv", [ROWS[0], ROWS[1], ROWS[0]])
    errors = [str(p) for p in read_files([source]).errors]
    assert errors == ["a.csv:4: agreement_id: 'UW-1' is already used at a.csv:2"]


def test_with_any_error_nothing_is_written(tmp_path: Path) -> None:
    good = write_csv(tmp_path / "good.csv", ROWS)
    target, _outcome = imported(tmp_path, good)
    before = target.read_bytes()
    bad = write_csv(tmp_path / "bad.csv", [*ROWS, ("Z", "Zed", "Zedland", "mou", "2024-01-01", "")])
    _target, outcome = imported(tmp_path, bad)
    assert outcome.errors  # type: ignore[attr-defined]
    assert not outcome.summary.written  # type: ignore[attr-defined]
    assert target.read_bytes() == before


def test_a_missing_required_column_is_an_error_and_an_unknown_one_a_warning(
    tmp_path: Path,
) -> None:
    source = write_csv(
        tmp_path / "a.csv",
        [("Korea University", "KR", "2024-01-01", "x")],
        header=("Partner", "Country", "Start Date", "Favourite colour"),
    )
    result = read_files([source])
    assert [str(p) for p in result.errors] == [
        "a.csv:1: agreement_type: required column missing from the header row"
    ]
    assert [str(p) for p in result.warnings] == [
        "a.csv:1: Favourite colour: unknown column, ignored"
    ]


def test_a_file_without_a_header_row_says_so(tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("Korea University,KR,mou,2024-01-01\n", encoding="utf-8")
    errors = [str(p) for p in read_files([source]).errors]
    assert errors == [
        "a.csv:1: no header row: the first row must name the columns "
        "(partner, country, agreement_type, start_date, ...)"
    ]


def test_a_byte_order_mark_and_semicolons_are_read(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "excel.csv", ROWS, delimiter=";", bom=True)
    result = read_files([source])
    assert result.errors == []
    assert [a.agreement_id for a in result.agreements] == ["UW-1", "KU-1", "NEW-1"]


def test_a_file_that_is_not_utf8_is_an_error_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "latin1.csv"
    source.write_bytes(
        (",".join(HEADER) + "\nX,Universität Wien,AT,mou,2024-01-01,\n").encode("latin-1")
    )
    errors = [str(p) for p in read_files([source]).errors]
    assert len(errors) == 1 and "not UTF-8" in errors[0] and errors[0].startswith("latin1.csv:")


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "list.pdf"
    source.write_bytes(b"%PDF")
    with pytest.raises(ImportProblem, match=r"not a \.csv or \.xlsx"):
        read_files([source])
    with pytest.raises(ImportProblem, match="no such file"):
        read_files([tmp_path / "missing.csv"])


def test_xlsx_rows_and_date_cells(tmp_path: Path) -> None:
    rows = [(*ROWS[0][:4], dt.datetime(2024, 9, 1), dt.datetime(2029, 8, 31)), ROWS[1]]
    source = write_xlsx(tmp_path / "list.xlsx", rows)
    result = read_files([source])
    assert result.errors == []
    assert [(a.start_date, a.end_date) for a in result.agreements] == [
        ("2024-09-01", "2029-08-31"),
        ("2023-01-15", ""),
    ]


def test_xlsx_errors_name_the_sheet_and_row(tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "list.xlsx",
        [ROWS[0], ("X", "Somewhere", "Atlantis", "mou", "2024-01-01", "")],
        title="Sheet 1",
    )
    errors = [str(p) for p in read_files([source]).errors]
    assert errors == [
        "list.xlsx:'Sheet 1'!3: country: 'Atlantis' is not a country or region we know"
    ]


def test_an_xlsx_formula_is_read_at_its_saved_value_with_a_warning(tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "list.xlsx",
        [(*ROWS[0], 2), (*ROWS[1], '=IF(TRUE,"3")')],
        header=(*HEADER, "places_out"),
        cached={"G3": "3"},
    )
    result = read_files([source])
    assert result.errors == []
    assert [a.places_out for a in result.agreements] == [2, 3]
    assert [str(w) for w in result.warnings] == [
        "list.xlsx:Agreements!3: places_out: formula '=IF(TRUE,\"3\")' read as 3"
    ]


def test_an_xlsx_formula_without_a_saved_value_is_an_error(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "list.xlsx", [(*ROWS[0][:5], "=DATE(2030,1,1)")], header=HEADER)
    errors = [str(p) for p in read_files([source]).errors]
    assert len(errors) == 1
    assert errors[0].startswith(
        "list.xlsx:Agreements!2: end_date: formula '=DATE(2030,1,1)' has no"
    )


def test_xlsx_text_that_starts_with_equals_is_text_not_a_formula(tmp_path: Path) -> None:
    from polyu_tui.data.agreements.export import View, write_view

    out = tmp_path / "x.xlsx"
    row = ("Q-1", "=Odd Partner", "FR", "mou", "2024-01-01", "")
    write_view(View(HEADER, lambda: iter([row])), "xlsx", out)
    result = read_files([out])
    assert result.errors == [] and result.warnings == []
    assert result.agreements[0].partner == "=Odd Partner"


def test_snapshot_replaces_and_counts(tmp_path: Path) -> None:
    imported(tmp_path, write_csv(tmp_path / "v1.csv", ROWS))
    changed = (*ROWS[0][:5], "2030-08-31")
    added = ("SG-1", "National University of Singapore", "SG", "dual degree", "2025-01-01", "")
    _target, outcome = imported(tmp_path, write_csv(tmp_path / "v2.csv", [changed, ROWS[1], added]))
    summary = outcome.summary  # type: ignore[attr-defined]
    assert (summary.new, summary.changed, summary.unchanged, summary.removed) == (1, 1, 1, 1)
    assert summary.total == 3
    assert [row[0] for row in agreements_in(_target)] == ["UW-1", "KU-1", "SG-1"]


def test_merge_updates_by_agreement_id_and_keeps_the_rest(tmp_path: Path) -> None:
    imported(tmp_path, write_csv(tmp_path / "v1.csv", ROWS))
    changed = (*ROWS[0][:5], "2030-08-31")
    added = ("SG-1", "National University of Singapore", "SG", "dual degree", "2025-01-01", "")
    target, outcome = imported(
        tmp_path, write_csv(tmp_path / "more.csv", [changed, added]), merge=True
    )
    summary = outcome.summary  # type: ignore[attr-defined]
    assert (summary.new, summary.changed, summary.unchanged, summary.removed) == (1, 1, 0, 0)
    assert summary.total == 4
    assert [row[0] for row in agreements_in(target)] == ["UW-1", "KU-1", "NEW-1", "SG-1"]
    conn = connect(target)
    try:
        end = conn.execute("SELECT end_date FROM agreement WHERE agreement_id = 'UW-1'").fetchone()
        assert end[0] == "2030-08-31"
    finally:
        conn.close()


def test_dry_run_counts_but_writes_nothing(tmp_path: Path) -> None:
    target, outcome = imported(tmp_path, write_csv(tmp_path / "v1.csv", ROWS), dry_run=True)
    assert outcome.summary.new == 3  # type: ignore[attr-defined]
    assert outcome.summary.partners_new == 1  # type: ignore[attr-defined]
    assert not target.exists()


def test_a_likely_duplicate_partner_is_a_warning_never_a_silent_merge(tmp_path: Path) -> None:
    rows = [
        ROWS[0],
        ("UW-2", "Univ. of Waterloo", "CA", "mou", "2024-01-01", ""),
        ("A-1", "Universidad de Chile", "CL", "mou", "2024-01-01", ""),
        ("A-2", "Universidad de Chil", "CL", "mou", "2024-01-01", ""),
    ]
    target, outcome = imported(tmp_path, write_csv(tmp_path / "list.csv", rows))
    warnings = outcome.summary.warnings  # type: ignore[attr-defined]
    assert len(warnings) == 2
    assert warnings[0].startswith(
        "list.csv:3: partner: 'Univ. of Waterloo' looks like 'University of Waterloo'"
    )
    assert warnings[1].startswith(
        "list.csv:5: partner: 'Universidad de Chil' looks like 'Universidad de Chile' (list.csv:4)"
    )
    assert outcome.summary.partners_new == 3  # type: ignore[attr-defined]
    assert [row[1] for row in agreements_in(target)][:2] == [
        "waterloo",
        "imported/univ-of-waterloo",
    ]


def test_partner_names_match_aliases_case_accents_and_punctuation(tmp_path: Path) -> None:
    rows = [
        ("1", "UW", "CA", "mou", "2024-01-01", ""),
        ("2", "QUEENSLAND UNIVERSITY OF TECHNOLOGY", "AU", "mou", "2024-01-01", ""),
        ("3", "Xi'an Jiaotong University", "CN", "mou", "2024-01-01", ""),
        ("4", "Universite de Ljubljana", "SI", "mou", "2024-01-01", ""),
        ("5", "Université de Ljubljana", "SI", "mou", "2024-01-01", ""),
    ]
    target, _outcome = imported(tmp_path, write_csv(tmp_path / "list.csv", rows))
    assert [row[1] for row in agreements_in(target)] == [
        "waterloo",
        "qut",
        "xjtu",
        "imported/universite-de-ljubljana",
        "imported/universite-de-ljubljana",
    ]


def test_an_import_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    target = tmp_path / "user" / "polyu-user.db"
    target.parent.mkdir()
    sqlite3.connect(target).execute("CREATE TABLE mine (x)").connection.commit()
    before = target.read_bytes()
    with pytest.raises(ImportProblem, match="refusing to replace it"):
        imported(tmp_path, write_csv(tmp_path / "list.csv", ROWS))
    assert target.read_bytes() == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_template_imports_as_one_made_up_agreement(tmp_path: Path, suffix: str) -> None:
    template = tmp_path / f"template{suffix}"
    write_template(template)
    result = read_files([template])
    assert result.errors == [] and result.warnings == []
    assert len(result.agreements) == 1
    assert "made up" in result.agreements[0].partner


def test_the_xlsx_template_has_drop_downs_for_the_coded_columns(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    template = tmp_path / "template.xlsx"
    write_template(template)
    sheet = load_workbook(template).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        column = header[next(iter(validation.sqref.ranges)).min_col - 1]
        lists[column] = validation.formula1
    assert sorted(lists) == ["agreement_type", "direction", "level", "status"]
    values = load_workbook(template)["lists"]
    heading = {cell.value: cell.column_letter for cell in values[1]}
    column = heading["agreement_type"]
    assert lists["agreement_type"] == f"=lists!${column}$2:${column}$14"
    assert values[f"{column}2"].value == "mou"
