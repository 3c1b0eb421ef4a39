"""``polyu-tui import`` and ``export`` run as a user runs them: in a subprocess."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from agreement_files import HEADER, write_csv

from polyu_tui.data.db import connect
from polyu_tui.data.userdata import DATA_DIR_ENV, USER_DB_NAME

Run = Callable[..., subprocess.CompletedProcess[str]]

ROWS = [
    ("UW-1", "University of Waterloo", "Canada", "Student Exchange", "2024-09-01", "2029-08-31"),
    ("KU-1", "Korea University", "KR", "MoU", "2023-01-15", ""),
]


@pytest.fixture
def user_dir() -> Path:
    return Path(os.environ[DATA_DIR_ENV])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_prints_what_it_did_and_the_app_database_follows(
    run_cli: Run, tmp_path: Path, user_dir: Path
) -> None:
    source = write_csv(tmp_path / "agreements.csv", ROWS)
    result = run_cli(["import", str(source)])
    assert result.returncode == 0, result.stderr
    assert "agreements  2 new, 0 changed, 0 unchanged, 0 removed; 2 in all" in result.stdout
    assert "partners    2 matched, 0 new" in result.stdout
    user_db = user_dir / USER_DB_NAME
    assert stat.S_IMODE(user_db.stat().st_mode) == 0o600
    check = run_cli(["db", "check"])
    assert check.returncode == 0, check.stderr
    assert f"database      {user_db}" in check.stdout
    assert "agreement             2" in check.stdout
    assert "from agreements.csv" in check.stdout


def test_import_errors_are_all_listed_and_nothing_is_written(
    run_cli: Run, tmp_path: Path, user_dir: Path
) -> None:
    source = write_csv(
        tmp_path / "bad.csv",
        [ROWS[0], ("X", "Nowhere U", "Atlantis", "pact", "2024-01-01", ""), ROWS[1]],
    )
    result = run_cli(["import", str(source)])
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "bad.csv:3: country: 'Atlantis' is not a country or region we know"
    assert lines[1].startswith("bad.csv:3: agreement_type: 'pact' is not an agreement type")
    assert lines[-1] == "polyu-tui: error: 2 errors in 1 file (3 rows read); nothing written"
    assert "Traceback" not in result.stderr
    assert not (user_dir / USER_DB_NAME).exists()
    assert list(user_dir.iterdir()) == []


def test_import_dry_run_writes_nothing(run_cli: Run, tmp_path: Path, user_dir: Path) -> None:
    result = run_cli(["import", "--dry-run", str(write_csv(tmp_path / "a.csv", ROWS))])
    assert result.returncode == 0, result.stderr
    assert "would import 2 rows" in result.stdout
    assert not (user_dir / USER_DB_NAME).exists()


def test_import_into_a_path(run_cli: Run, tmp_path: Path) -> None:
    into = tmp_path / "elsewhere" / "office.db"
    result = run_cli(["import", "--into", str(into), str(write_csv(tmp_path / "a.csv", ROWS))])
    assert result.returncode == 0, result.stderr
    assert connect(into).execute("SELECT count(*) FROM agreement").fetchone()[0] == 2


def test_import_dayfirst(run_cli: Run, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "a.csv", [("A", "Korea University", "KR", "mou", "02/01/2024", "")]
    )
    refused = run_cli(["import", "--dry-run", str(source)])
    assert refused.returncode == 2 and "--dayfirst" in refused.stderr
    accepted = run_cli(["import", "--dayfirst", str(source)])
    assert accepted.returncode == 0, accepted.stderr


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_untouched_template_is_refused_by_file_and_line(
    run_cli: Run, tmp_path: Path, user_dir: Path, suffix: str
) -> None:
    template = tmp_path / f"template.{suffix}"
    made = run_cli(["import", "--template", str(template)])
    assert made.returncode == 0, made.stderr
    assert f"polyu-tui import {template}" in made.stdout
    result = run_cli(["import", str(template)])
    assert result.returncode == 2
    where = "template.csv:2" if suffix == "csv" else "template.xlsx:agreements!2"
    assert result.stderr.splitlines()[0] == (
        f"{where}: partner: this is the template's made-up example row; "
        "replace it with a real agreement or delete it, then import again"
    )
    assert "nothing written" in result.stderr
    assert list(user_dir.iterdir()) == []


def test_the_template_filled_in_imports(run_cli: Run, tmp_path: Path) -> None:
    template = tmp_path / "template.csv"
    assert run_cli(["import", "--template", str(template)]).returncode == 0
    with template.open(encoding="utf-8", newline="") as handle:
        header, example = list(csv.reader(handle))
    real = dict(zip(header, example, strict=True))
    real.update(agreement_id="UW-7", partner="University of Waterloo", city="Waterloo")
    write_csv(template, [list(real.values())], header=header)
    result = run_cli(["import", str(template)])
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout


def _contacts(path: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {
            row[0]: (row[1], row[2])
            for row in conn.execute(
                "SELECT agreement_id, contact_name, contact_email FROM agreement"
            )
        }
    finally:
        conn.close()


@pytest.mark.parametrize("merge", [False, True])
def test_reimporting_an_export_without_contacts_keeps_them(
    run_cli: Run, tmp_path: Path, merge: bool
) -> None:
    """The new-user trial: export (no contacts by default), import that file back: the
    contacts must still be there, and the summary says why."""
    db = tmp_path / "user.db"
    rows = [(*ROWS[0], "Ann Lee", "ann@uwaterloo.ca"), (*ROWS[1], "", "")]
    source = write_csv(
        tmp_path / "list.csv", rows, header=(*HEADER, "contact_name", "contact_email")
    )
    assert run_cli(["import", "--into", str(db), str(source)]).returncode == 0
    exported = tmp_path / "export.csv"
    out = run_cli(["--db", str(db), "export", "--out", str(exported)])
    assert out.returncode == 0, out.stderr
    assert "contact" not in exported.read_text(encoding="utf-8").splitlines()[0]
    again = run_cli(["import", "--into", str(db), *(["--merge"] if merge else []), str(exported)])
    assert again.returncode == 0, again.stderr
    assert _contacts(db) == {"UW-1": ("Ann Lee", "ann@uwaterloo.ca"), "KU-1": ("", "")}
    assert "0 new, 0 changed, 2 unchanged, 0 removed; 2 in all" in again.stdout
    assert (
        "kept        export.csv has no contact_name, contact_email columns: kept the "
        "earlier values for 1 agreement (to clear them, add the columns, empty)"
    ) in again.stdout


def test_contact_columns_given_empty_clear_the_contacts(run_cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "user.db"
    header = (*HEADER, "contact_name", "contact_email")
    with_contact = write_csv(
        tmp_path / "a.csv", [(*ROWS[0], "Ann Lee", "ann@uwaterloo.ca")], header=header
    )
    assert run_cli(["import", "--into", str(db), str(with_contact)]).returncode == 0
    cleared = write_csv(tmp_path / "b.csv", [(*ROWS[0], "", "")], header=header)
    again = run_cli(["import", "--into", str(db), str(cleared)])
    assert again.returncode == 0, again.stderr
    assert _contacts(db) == {"UW-1": ("", "")}
    assert "1 changed" in again.stdout and "kept " not in again.stdout


def test_import_needs_files(run_cli: Run) -> None:
    result = run_cli(["import"])
    assert result.returncode == 2
    assert "give the files to import" in result.stderr


def _big_list(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow(
                (f"K-{n}", f"Kill Test Institute {n}", "DE", "research", "2024-01-01", "")
            )
    return path


@pytest.mark.parametrize("moment", ["reading", "writing"])
def test_a_kill_during_an_import_leaves_the_previous_database(
    run_cli: Run, tmp_path: Path, user_dir: Path, moment: str
) -> None:
    first = run_cli(["import", str(write_csv(tmp_path / "a.csv", ROWS))])
    assert first.returncode == 0, first.stderr
    user_db = user_dir / USER_DB_NAME
    before = digest(user_db)
    big = _big_list(tmp_path / "big.csv", 40_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "polyu_tui", "import", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            temporaries = [p for p in user_dir.iterdir() if p.name.startswith(".polyu-import-")]
            if moment == "reading" and time.monotonic() > deadline - 59.7:
                break
            if moment == "writing" and temporaries and temporaries[0].stat().st_size > 0:
                break
            time.sleep(0.002)
        assert process.poll() is None, "the import ended before it could be killed"
        if moment == "writing":
            assert temporaries, "the kill came before the import started writing"
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    assert digest(user_db) == before
    conn = connect(user_db)
    assert conn.execute("SELECT count(*) FROM agreement").fetchone()[0] == 2
    conn.close()
    # The next import still works, and the left-over temporary is not the database.
    again = run_cli(["import", str(write_csv(tmp_path / "b.csv", ROWS[:1]))])
    assert again.returncode == 0, again.stderr
    assert "1 removed" in again.stdout


def _export(run_cli: Run, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli(["export", *args])
    assert result.returncode == 0, result.stderr
    return result


AWKWARD = [
    ("Q-1", 'The "Quoted" Institute, Ltd.', "FR", "mou", "2024-01-01", ""),
    ("Q-2", '=HYPERLINK("http://evil")', "DE", "research", "2024-01-02", "2030-01-01"),
    ("Q-3", "Université de Montréal", "CA", "student_exchange", "2024-01-03", ""),
    ("Q-4", "香港理工大學 partner 大学", "CN", "joint_phd", "2024-01-04", ""),
    ("Q-5", "+Plus, @At and -Minus", "JP", "summer", "2024-01-05", ""),
]
NOTES = ["line one\nline two, with a comma", "=1+1", "-5", "@SUM(A1)", "plain"]


def _awkward_list(path: Path) -> Path:
    rows = [
        (*row, note, f"x{n}@example.org")
        for n, (row, note) in enumerate(zip(AWKWARD, NOTES, strict=True))
    ]
    return write_csv(path, rows, header=(*HEADER, "notes", "contact_email"))


def _stored(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT agreement_id, partner, country_code, agreement_type, start_date, end_date, "
            "notes, contact_email FROM agreement ORDER BY agreement_id"
        ).fetchall()
    finally:
        conn.close()


def test_csv_export_is_formula_safe(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli(["import", str(_awkward_list(tmp_path / "a.csv"))]).returncode == 0
    out = _export(run_cli, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {row["agreement_id"]: row for row in rows}
    assert by_id["Q-2"]["partner"] == '\'=HYPERLINK("http://evil")'
    assert by_id["Q-5"]["partner"] == "'+Plus, @At and -Minus"
    assert by_id["Q-2"]["notes"] == "'=1+1"
    assert by_id["Q-3"]["notes"] == "-5"  # a plain number stays a number
    assert by_id["Q-4"]["notes"] == "'@SUM(A1)"
    assert by_id["Q-1"]["notes"] == "line one\nline two, with a comma"
    assert "contact_email" not in rows[0]  # contacts only when asked for


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_agreements(
    run_cli: Run, tmp_path: Path, fmt: str
) -> None:
    first = tmp_path / "first.db"
    assert (
        run_cli(["import", "--into", str(first), str(_awkward_list(tmp_path / "a.csv"))]).returncode
        == 0
    )
    exported = tmp_path / f"out.{fmt}"
    result = run_cli(["--db", str(first), "export", "--with-contacts", "--out", str(exported)])
    assert result.returncode == 0, result.stderr
    assert "(mode 0600: it holds contacts)" in result.stdout
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    second = tmp_path / "second.db"
    again = run_cli(["import", "--into", str(second), str(exported)])
    assert again.returncode == 0, again.stderr
    assert _stored(second) == _stored(first)
    assert len(_stored(first)) == 5


def test_export_json_and_markdown(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli(["import", str(_awkward_list(tmp_path / "a.csv"))]).returncode == 0
    rows = json.loads(_export(run_cli, "--format", "json").stdout)
    assert [row["agreement_id"] for row in rows] == ["Q-5", "Q-2", "Q-1", "Q-3", "Q-4"]
    assert rows[-1]["partner"] == "香港理工大學 partner 大学"
    markdown = _export(run_cli, "--format", "md").stdout.splitlines()
    assert markdown[0].startswith("| agreement_id | partner |")
    assert any("line one<br>line two, with a comma" in line for line in markdown)


def test_export_filters(run_cli: Run, tmp_path: Path) -> None:
    assert run_cli(["import", str(_awkward_list(tmp_path / "a.csv"))]).returncode == 0
    by_country = json.loads(_export(run_cli, "--format", "json", "--country", "Germany").stdout)
    assert [row["agreement_id"] for row in by_country] == ["Q-2"]
    by_text = json.loads(_export(run_cli, "--format", "json", "--query", "montreal").stdout)
    assert [row["agreement_id"] for row in by_text] == ["Q-3"]
    partners = list(
        csv.DictReader(
            io.StringIO(
                _export(run_cli, "--kind", "partner", "-q", "university of waterloo").stdout
            )
        )
    )
    assert [row["name"] for row in partners] == ["University of Waterloo"]


def test_export_from_the_bundled_database_explains_how_to_import(run_cli: Run) -> None:
    result = run_cli(["export"])
    assert result.returncode == 2
    assert "polyu-tui import FILE" in result.stderr


def test_bundled_opens_the_articles_data_alone(run_cli: Run, tmp_path: Path) -> None:
    from polyu_tui.cli.launch import explorer_database
    from polyu_tui.data.db import bundled_database

    assert run_cli(["import", str(write_csv(tmp_path / "a.csv", ROWS))]).returncode == 0
    user = run_cli(["db", "check"])
    assert "agreement             2" in user.stdout
    bundled = run_cli(["--bundled", "db", "check"])
    assert bundled.returncode == 0, bundled.stderr
    assert f"database      {bundled_database()}" in bundled.stdout
    assert "agreement " not in bundled.stdout
    assert explorer_database(["--bundled"]) == (True, str(bundled_database()))


def test_a_user_database_of_an_older_version_is_rebuilt_with_its_agreements(
    run_cli: Run, tmp_path: Path
) -> None:
    from polyu_tui.data.schema import SCHEMA_VERSION

    into = tmp_path / "office.db"
    assert (
        run_cli(
            ["import", "--into", str(into), str(write_csv(tmp_path / "a.csv", ROWS))]
        ).returncode
        == 0
    )
    conn = sqlite3.connect(into)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    refused = run_cli(["--db", str(into), "db", "check"])
    assert refused.returncode == 2
    assert "polyu-tui import --upgrade" in refused.stderr
    upgraded = run_cli(["import", "--upgrade", "--into", str(into)])
    assert upgraded.returncode == 0, upgraded.stderr
    assert "with its 2 agreements" in upgraded.stdout
    check = run_cli(["--db", str(into), "db", "check"])
    assert check.returncode == 0, check.stderr
    assert "from a.csv" in check.stdout


def test_after_an_upgrade_the_user_database_is_rebuilt_on_first_use(
    run_cli: Run, tmp_path: Path, user_dir: Path
) -> None:
    """The article's database changed (a new polyu-tui): the user database is rebuilt
    on it before use, its agreements kept, rather than failing on a missing column."""
    assert run_cli(["import", str(write_csv(tmp_path / "a.csv", ROWS))]).returncode == 0
    user_db = user_dir / USER_DB_NAME
    conn = sqlite3.connect(user_db)
    conn.execute("ALTER TABLE organisation ADD COLUMN from_another_version TEXT")
    conn.commit()
    conn.close()
    check = run_cli(["db", "check"])
    assert check.returncode == 0, check.stderr
    assert f"rebuilt {user_db} for this version, its agreements kept" in check.stderr
    assert "agreement             2" in check.stdout
    columns = [
        row[1] for row in sqlite3.connect(user_db).execute("PRAGMA table_info(organisation)")
    ]
    assert "from_another_version" not in columns
    again = run_cli(["db", "check"])
    assert "rebuilt" not in again.stderr, "once only"
