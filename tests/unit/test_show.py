"""`polyu-tui show REF`: one record with every field's provenance and its links both ways."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_helpers import CliRunner, clean_env


def test_show_json_gives_korea_universitys_country_as_a_reference_fact(
    run_cli: CliRunner,
) -> None:
    result = run_cli(["show", "organisation/korea-university", "--json"])
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["kind"], shown["id"], shown["name"]) == (
        "organisation",
        "korea-university",
        "Korea University",
    )
    country = next(f for f in shown["fields"] if f["field"] == "Country")
    assert country["value"] == "KR"
    assert country["provenance"] == "reference"
    assert country["source"].startswith("ISO 3166-1")
    name = next(f for f in shown["fields"] if f["field"] == "Name")
    assert name["provenance"] == "article"
    assert "Korea University" in name["source"]  # the quoted sentence
    for field in shown["fields"]:
        assert set(field) == {"field", "value", "provenance", "source"}
    located = [link for link in shown["links"] if link["relation"] == "located_in"]
    assert located == [
        {
            "relation": "located_in",
            "direction": "out",
            "kind": "place",
            "id": "south-korea",
            "name": "South Korea",
            "provenance": "reference",
        }
    ]
    assert any(link["direction"] == "in" and link["id"] == "dual-phd" for link in shown["links"])


def test_show_by_name_finds_the_best_match_and_marks_reference_values(
    run_cli: CliRunner,
) -> None:
    result = run_cli(["show", "Cathay Pacific"])
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Cathay Pacific Airways  (organisation/cathay)")
    assert "Hong Kong †" in out
    assert "reference: " in out
    assert "hosts wie in: Thailand (place/thailand)" in out
    assert "† not in the article: reference" in out
    # Quotes are the article's sentences only.
    sources = out.split("Sources (article)")[1]
    assert "Cathay Pacific Airways in Thailand" in sources
    assert "airline" not in sources


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("organisation/no-such-partner", "no record 'organisation/no-such-partner'"),
        ("zzqqxxjj", "no record matches 'zzqqxxjj'"),
    ],
)
def test_an_unknown_ref_is_one_line_on_stderr_and_exit_2(
    run_cli: CliRunner, ref: str, message: str
) -> None:
    result = run_cli(["show", ref, "--json"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"polyu-tui: error: {message}"]


def test_show_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        "    main(['show', 'organisation/korea-university', '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "sys.stdout.flush()\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output, _, verdict = result.stdout.rpartition("TEXTUAL")
    assert '"id": "korea-university"' in output
    assert verdict.split() == ["False"]


def test_a_type_from_the_reference_layer_names_its_own_reference(conn: object) -> None:
    """Each marked field names the reference it comes from, not the country's."""
    import sqlite3

    from polyu_tui.data.detail import get_detail
    from polyu_tui.data.show import record_fields

    assert isinstance(conn, sqlite3.Connection)
    detail = get_detail(conn, "cathay")
    assert detail is not None and "Type" in detail.marked
    shown = record_fields(detail)
    type_field = next(f for f in shown if f.field == "Type")  # the field, then the fact
    country = next(f for f in shown if f.field == "Country or region")
    assert (type_field.value, type_field.provenance) == ("Company", "reference")
    assert "description" in type_field.source
    assert "ISO 3166-1" not in type_field.source
    assert "ISO 3166-1" in country.source
