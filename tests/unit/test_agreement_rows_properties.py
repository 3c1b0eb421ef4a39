"""Import rows of any content (hypothesis): every cell is either accepted in its coded
form or reported as FILE:LINE: column: message; nothing raises, nothing is lost."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyu_tui.data.agreements.columns import COLUMNS, REQUIRED, parse_row
from polyu_tui.data.agreements.read import ImportProblem, read_files

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(A1)",
    "[/]",
    "\x1b[2J",
    "\x00",
    "line\nbreak",
    '"quoted"',
    "مرحبا",
    "👩‍👧",
    "2024-02-30",
    "31/12/2024",
    "-5",
    "1e309",
    "NaN",
    " ",
]
# Values a spreadsheet cell can hold once read: text, numbers, dates, nothing.
CELL = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.sampled_from(HOSTILE),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
)
ROW = st.dictionaries(st.sampled_from(COLUMNS), CELL, min_size=0, max_size=len(COLUMNS))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=ROW, dayfirst=st.booleans())
def test_any_row_is_an_agreement_or_its_problems(cells: dict[str, object], dayfirst: bool) -> None:
    agreement, problems = parse_row(cells, "agreements.csv:7", dayfirst=dayfirst)
    assert (agreement is None) == bool(problems)
    for problem in problems:
        assert problem.where == "agreements.csv:7"
        assert problem.column in COLUMNS
        assert problem.message.strip()
        assert "\n" not in str(problem)
    if agreement is not None:
        assert all(getattr(agreement, "partner", None) for column in REQUIRED[:1])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.lists(
            st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE)),
            min_size=len(COLUMNS),
            max_size=len(COLUMNS),
        ),
        max_size=8,
    )
)
def test_any_csv_reads_to_agreements_and_problems_only(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agreements.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        try:
            result = read_files([path])
        except ImportProblem as problem:  # a file-level problem: one clear message
            assert str(problem).strip()
            return
    # Blank rows are skipped; every other row is an agreement or has its problems.
    assert result.rows <= len(rows)
    assert len(result.agreements) + len({p.where for p in result.errors}) == result.rows
    for problem in result.errors:
        assert str(problem).startswith(f"{path.name}:")
