"""What the command line prints, on a terminal and into a pipe (issue 11, item 17).

`--db` goes before or after the command; a word starting with a dash is told about
`--`; piped output is one tab-separated line a result, the table only on a terminal;
a closest spelling is marked as the app marks it; JSON gives an organisation's country;
`db check` lines its counts up.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cli_helpers import REPO_ROOT, CliRunner, on_a_terminal

from polyu_tui.data.build import build

BOX = set("┃│┏┡━─")


def other_database(folder: Path) -> Path:
    source = folder / "source"
    source.mkdir(parents=True)
    for path in (REPO_ROOT / "data" / "source").rglob("*"):
        target = source / path.relative_to(REPO_ROOT / "data" / "source")
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            text = path.read_bytes()
            if path.name == "organisations.toml":
                text = text.replace(
                    b'name = "University of Waterloo"', b'name = "University of Waterloo Test"'
                )
            target.write_bytes(text)
    return build(source, folder / "other.db").path


def test_db_goes_after_the_command_too(run_cli: CliRunner, tmp_path: Path) -> None:
    other = other_database(tmp_path)
    for args in (
        ["search", "UW", "--json", "--db", str(other)],
        ["search", f"--db={other}", "--json", "UW"],
        ["--db", str(tmp_path / "nope.db"), "search", "UW", "--json", "--db", str(other)],
    ):
        result = run_cli(args)
        assert result.returncode == 0, (args, result.stderr)
        assert json.loads(result.stdout)[0]["name"] == "University of Waterloo Test"
    check = run_cli(["db", "check", "--db", str(other)])
    assert check.returncode == 0, check.stderr
    assert str(other) in check.stdout
    shown = run_cli(["show", "organisation/waterloo", "--json", "--db", str(other)])
    assert json.loads(shown.stdout)["name"] == "University of Waterloo Test"
    # --bundled after the command reads the article's database whatever came before.
    bundled = run_cli(["--db", str(other), "search", "UW", "--json", "--bundled"])
    assert json.loads(bundled.stdout)[0]["name"] == "University of Waterloo"


def test_a_word_starting_with_a_dash_is_told_about_double_dash(run_cli: CliRunner) -> None:
    result = run_cli(["search", "-nano"])
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "polyu-tui search -- -nano" in lines[0]
    # A mistyped long option is an option, not a word: no such hint.
    assert "-- --bogus" not in run_cli(["search", "--bogus", "x"]).stderr


def test_piped_output_is_one_tab_separated_line_a_result(run_cli: CliRunner) -> None:
    result = run_cli(["search", "waterloo"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 2
    assert not BOX & set(result.stdout)
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 5 for row in rows), lines
    ref, name, match, country, snippet = rows[0]
    assert (ref, name, match, country) == (
        "organisation/waterloo",
        "University of Waterloo",
        "exact",
        "Canada",
    )
    assert "«" not in snippet and "Waterloo" in snippet
    # The ref is what `show` takes.
    shown = run_cli(["show", ref, "--json"])
    assert json.loads(shown.stdout)["name"] == "University of Waterloo"


def test_piped_output_of_no_match_is_empty(run_cli: CliRunner) -> None:
    result = run_cli(["search", "qqqzzzxxyy"])
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_terminal_gets_the_table_with_refs_not_ids() -> None:
    result = on_a_terminal(["search", "waterloo"])
    assert result.returncode == 0, result.stderr
    assert BOX & set(result.stdout)
    header = next(line for line in result.stdout.splitlines() if "Name" in line)
    cells = [cell.strip() for cell in re.split("[┃│]", header) if cell.strip()]
    assert cells == ["Name", "Kind", "Match", "Ref"]
    assert "organisation/waterloo" in result.stdout


def test_closest_spellings_are_marked_on_a_terminal_and_in_a_pipe(run_cli: CliRunner) -> None:
    table = on_a_terminal(["search", "marylnd"]).stdout
    assert "(closest spellings)" in table
    assert "closest spelling ·" in table
    assert "University of" in table
    piped = run_cli(["search", "marylnd"]).stdout.splitlines()
    assert [line.split("\t")[:3] for line in piped] == [
        ["organisation/umd", "University of Maryland", "fuzzy"]
    ]


def test_json_gives_an_organisations_country_and_where_it_comes_from(
    run_cli: CliRunner,
) -> None:
    items = json.loads(run_cli(["search", "--json", "waterloo", "--limit", "5"]).stdout)
    by_id = {item["id"]: item for item in items}
    assert by_id["waterloo"]["country"] == "Canada"
    assert by_id["waterloo"]["country_provenance"] in ("article", "reference")
    place = next(item for item in items if item["kind"] != "organisation")
    assert place["country"] is None


def test_db_check_lines_its_counts_up(run_cli: CliRunner) -> None:
    result = run_cli(["db", "check"])
    assert result.returncode == 0, result.stderr
    counts = [line for line in result.stdout.splitlines() if re.fullmatch(r"\S+ +[\d,]+", line)]
    assert len(counts) >= 9  # eight kinds, links, synthetic
    assert "organisation" in {line.split()[0] for line in counts}
    assert len({len(line) for line in counts}) == 1, counts
    # Every value starts in one column, after the longest label.
    starts = {len(line) - len(line.split(maxsplit=1)[1]) for line in result.stdout.splitlines()[:4]}
    assert len(starts) == 1, result.stdout
