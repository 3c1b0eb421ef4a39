"""Every column rule of an agreement list, with a good and a bad value each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from polyu_tui.data.agreements.columns import (
    AGREEMENT_TYPES,
    Agreement,
    header_key,
    parse_row,
    status_on,
    unescape_cell,
)

GOOD: dict[str, Any] = {
    "partner": "University of Waterloo",
    "country": "Canada",
    "agreement_type": "student_exchange",
    "start_date": "2024-09-01",
}


def parse(dayfirst: bool = False, **cells: Any) -> tuple[Agreement | None, list[str]]:
    agreement, problems = parse_row({**GOOD, **cells}, "list.csv:7", dayfirst=dayfirst)
    return agreement, [str(p) for p in problems]


def good(column: str, value: Any, **kw: Any) -> Any:
    agreement, problems = parse(**{column: value}, **kw)
    assert problems == []
    assert agreement is not None
    return agreement


def bad(column: str, value: Any, **kw: Any) -> str:
    agreement, problems = parse(**{column: value}, **kw)
    assert agreement is None
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"list.csv:7: {column}: "), problems[0]
    return problems[0]


def test_a_good_row_is_an_agreement() -> None:
    agreement = good("city", "Waterloo")
    assert agreement.partner == "University of Waterloo"
    assert (agreement.country_code, agreement.country) == ("CA", "Canada")
    assert agreement.agreement_type == "student_exchange"
    assert agreement.start_date == "2024-09-01"
    assert agreement.source == "list.csv:7"


@pytest.mark.parametrize("column", ["partner", "country", "agreement_type", "start_date"])
def test_a_required_column_left_empty_is_an_error(column: str) -> None:
    message = bad(column, "  ")
    assert "required" in message


def test_partner_is_trimmed_and_at_most_200_characters() -> None:
    assert good("partner", "  Korea   University ").partner == "Korea University"
    assert good("partner", "x" * 200).partner == "x" * 200
    assert "201 characters" in bad("partner", "x" * 201)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USA", "US"),
        ("UK", "GB"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Hong Kong", "HK"),
        ("Mainland China", "CN"),
        ("DE", "DE"),
        ("germany", "DE"),
    ],
)
def test_country_takes_codes_names_and_aliases(text: str, code: str) -> None:
    assert good("country", text).country_code == code


def test_an_unknown_country_is_an_error_naming_the_value() -> None:
    assert "'Narnia'" in bad("country", "Narnia")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("MoU", "mou"),
        ("Memorandum of Understanding", "mou"),
        ("Student Exchange", "student_exchange"),
        ("student-exchange", "student_exchange"),
        ("Double Degree", "dual_degree"),
        ("joint_phd", "joint_phd"),
        *((t, t) for t in AGREEMENT_TYPES),
    ],
)
def test_agreement_type_takes_common_spellings(text: str, code: str) -> None:
    assert good("agreement_type", text).agreement_type == code


def test_an_unknown_agreement_type_lists_the_allowed_ones() -> None:
    message = bad("agreement_type", "Friendship")
    assert "'Friendship'" in message and "student_exchange" in message


def test_dates_are_iso_or_a_spreadsheet_date() -> None:
    assert good("start_date", "2024-02-29").start_date == "2024-02-29"
    assert good("start_date", dt.date(2024, 3, 1)).start_date == "2024-03-01"
    assert good("start_date", dt.datetime(2024, 3, 1)).start_date == "2024-03-01"
    assert "not a date on the calendar" in bad("start_date", "2023-02-29")
    assert "not a date" in bad("start_date", "soon")


def test_day_first_dates_only_with_dayfirst() -> None:
    assert "--dayfirst" in bad("start_date", "01/09/2024")
    assert good("start_date", "01/09/2024", dayfirst=True).start_date == "2024-09-01"
    assert "calendar" in bad("start_date", "31/02/2024", dayfirst=True)


def test_end_date_is_optional_and_not_before_the_start() -> None:
    assert good("end_date", "").end_date == ""
    assert good("end_date", "2024-09-01").end_date == "2024-09-01"
    message = bad("end_date", "2024-08-31")
    assert "before the start date" in message and "2024-08-31" in message


def test_status_is_coded_or_worked_out_from_the_dates() -> None:
    assert good("status", "Renewal Pending").status == "renewal_pending"
    assert good("status", "").status == ""
    assert "'signed off'" in bad("status", "signed off")
    today = dt.date(2026, 6, 1)
    assert status_on("", "2024-01-01", "2026-05-31", today) == "expired"
    assert status_on("", "2024-01-01", "", today) == "active"
    assert status_on("", "2027-01-01", "", today) == "negotiating"
    assert status_on("terminated", "2024-01-01", "", today) == "terminated"


def test_level_is_a_semicolon_list_of_codes() -> None:
    assert good("level", "PGT; ug").level == "ug;pgt"
    assert good("level", "undergraduate;staff").level == "ug;staff"
    assert "'masters degree'" in bad("level", "ug;masters degree")


def test_direction_is_coded() -> None:
    assert good("direction", "Outbound").direction == "outbound"
    assert good("direction", "two-way").direction == "both"
    assert "'sideways'" in bad("direction", "sideways")


@pytest.mark.parametrize("column", ["places_out", "places_in"])
def test_places_are_whole_numbers_from_zero(column: str) -> None:
    assert getattr(good(column, "0"), column) == 0
    assert getattr(good(column, 4.0), column) == 4
    assert getattr(good(column, "12"), column) == 12
    assert "below 0" in bad(column, "-1")
    assert "whole number" in bad(column, "2.5")
    assert "whole number" in bad(column, "two")


def test_notes_at_most_2000_characters() -> None:
    assert len(good("notes", "n" * 2000).notes) == 2000
    assert "2,001 characters" in bad("notes", "n" * 2001)


def test_contact_email_form_is_checked() -> None:
    assert good("contact_email", "exchange@uwaterloo.ca").contact_email == "exchange@uwaterloo.ca"
    assert "'exchange at uw'" in bad("contact_email", "exchange at uw")
    assert "not an email" in bad("contact_email", "a@b")


def test_url_is_http_or_https_only() -> None:
    assert good("url", "https://uwaterloo.ca/x?y=1").url == "https://uwaterloo.ca/x?y=1"
    assert good("url", "http://example.org").url == "http://example.org"
    assert "http or https" in bad("url", "javascript:alert(1)")
    assert "http or https" in bad("url", "ftp://example.org")


def test_free_text_columns_keep_their_text() -> None:
    agreement = good("subject_area", "Optometry, vision science")
    assert agreement.subject_area == "Optometry, vision science"
    assert good("polyu_unit", "School of Optometry").polyu_unit == "School of Optometry"
    assert good("partner_unit", "Faculty of Science").partner_unit == "Faculty of Science"
    assert good("agreement_id", "UW-2024-01").agreement_id == "UW-2024-01"
    assert good("contact_name", "Dr. Ada Chan").contact_name == "Dr. Ada Chan"


def test_every_bad_value_in_a_row_is_reported() -> None:
    _agreement, problems = parse(
        country="Atlantis", agreement_type="x", start_date="tomorrow", url="mailto:a@b.c"
    )
    assert [p.split(": ")[1] for p in problems] == [
        "country",
        "agreement_type",
        "start_date",
        "url",
    ]


def test_the_export_prefix_is_removed_exactly() -> None:
    assert unescape_cell("'=SUM(A1)") == "=SUM(A1)"
    assert unescape_cell("'-x") == "-x"
    assert unescape_cell("'quoted'") == "'quoted'"
    assert good("partner", "'=Odd name").partner == "=Odd name"


@pytest.mark.parametrize(
    "header", ["Agreement Type", "agreement-type", "AGREEMENT_TYPE", "agreementtype"]
)
def test_header_names_ignore_case_spaces_and_hyphens(header: str) -> None:
    assert header_key(header) == "agreementtype"


def test_the_agreement_table_columns_follow_the_agreement_fields() -> None:
    from dataclasses import fields

    from polyu_tui.data.agreements.schema import AGREEMENT_FIELDS

    assert tuple(f.name for f in fields(Agreement)) == AGREEMENT_FIELDS
