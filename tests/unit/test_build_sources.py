"""Wrongly typed sources: each field checked against its schema, reported as
FILE:LINE: field: message, all problems at once, never a traceback or a silent build."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import run_polyu

from polyu_tui.data.build import build
from polyu_tui.data.build.fields import FIELDS
from polyu_tui.data.build.sources import SOURCE_FILES
from polyu_tui.data.errors import SourceProblem

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = REPO_ROOT / "data" / "source"


def replace_first(path: Path, pattern: str, new: str) -> int:
    """Replace the first match of ``pattern``; the line (from 1) it was on."""
    text = path.read_text(encoding="utf-8")
    found = re.search(pattern, text, flags=re.MULTILINE)
    assert found, f"{pattern!r} is not in {path.name}; update this test"
    path.write_text(text[: found.start()] + new + text[found.end() :], encoding="utf-8")
    return text.count("\n", 0, found.start()) + 1


Spoil = Callable[[Path], tuple[str, int, str]]  # -> (file, line, expected message)


def year_in_roman(source: Path) -> tuple[str, int, str]:
    line = replace_first(source / "milestones.toml", r"^year = \d+", 'year = "MCMXCV"')
    return "milestones.toml", line, "year: 'MCMXCV' is not a year (a whole number)"


def value_in_words(source: Path) -> tuple[str, int, str]:
    line = replace_first(source / "figures.toml", r"^value = \d+", 'value = "half"')
    return "figures.toml", line, "value: 'half' is not a number"


def founded_in_words(source: Path) -> tuple[str, int, str]:
    line = replace_first(
        source / "alliances.toml", r"^founded_year = \d+", 'founded_year = "twenty fifteen"'
    )
    return "alliances.toml", line, "founded_year: 'twenty fifteen' is not a year"


def name_a_number(source: Path) -> tuple[str, int, str]:
    line = replace_first(source / "organisations.toml", r'^name = "[^"]*"', "name = 42")
    return "organisations.toml", line, "name: 42 is not text"


def aliases_a_string(source: Path) -> tuple[str, int, str]:
    line = replace_first(
        source / "organisations.toml", r"^aliases = \[[^\]]*\]", 'aliases = "Hong Kong PolyU"'
    )
    return "organisations.toml", line, "aliases: 'Hong Kong PolyU' is not a list of text"


def kind_unknown(source: Path) -> tuple[str, int, str]:
    line = replace_first(source / "places.toml", r'^kind = "country"', 'kind = "planet"')
    return "places.toml", line, "kind: 'planet' is not one of: country, region"


def field_misspelt(source: Path) -> tuple[str, int, str]:
    line = replace_first(source / "research.toml", r"^description =", "descripton =")
    return "research.toml", line, "descripton: unknown field of a research"


def outcome_not_a_table(source: Path) -> tuple[str, int, str]:
    path = source / "outcomes.toml"
    kept = path.read_text(encoding="utf-8").replace("[[outcome]]", "[[old-outcome]]")
    path.write_text('outcome = "oops"\n' + kept, encoding="utf-8")
    return "outcomes.toml", 1, "outcome: must be [[outcome]] tables"


def toml_not_utf8(source: Path) -> tuple[str, int, str]:
    path = source / "research.toml"
    raw = path.read_bytes()
    at = raw.index(b"description")
    path.write_bytes(raw[:at] + b"\xff" + raw[at:])
    return "research.toml", raw[:at].count(b"\n") + 1, "not UTF-8 (byte 0xff)"


def article_not_utf8(source: Path) -> tuple[str, int, str]:
    path = source / "article.txt"
    raw = path.read_bytes()
    path.write_bytes(raw + b"\n\xfe")
    return "article.txt", raw.count(b"\n") + 2, "not UTF-8 (byte 0xfe)"


SPOILS: dict[str, Spoil] = {
    spoil.__name__: spoil
    for spoil in (
        year_in_roman,
        value_in_words,
        founded_in_words,
        name_a_number,
        aliases_a_string,
        kind_unknown,
        field_misspelt,
        outcome_not_a_table,
        toml_not_utf8,
        article_not_utf8,
    )
}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, copy)
    return copy


@pytest.mark.parametrize("spoil", sorted(SPOILS))
def test_a_wrongly_typed_source_names_file_line_field(
    source: Path, tmp_path: Path, spoil: str
) -> None:
    file_name, line, message = SPOILS[spoil](source)
    target = tmp_path / "out" / "polyu.db"
    with pytest.raises(SourceProblem) as raised:
        build(source, target)
    problems = str(raised.value).splitlines()
    assert any(p.startswith(f"{source / file_name}:{line}: {message}") for p in problems), problems
    assert not target.exists()


def test_every_problem_is_reported_at_once(source: Path, tmp_path: Path) -> None:
    for spoil in (year_in_roman, value_in_words, name_a_number, field_misspelt):
        spoil(source)
    with pytest.raises(SourceProblem) as raised:
        build(source, tmp_path / "polyu.db")
    assert len(str(raised.value).splitlines()) == 4


def test_a_duplicate_id_names_both_places(source: Path, tmp_path: Path) -> None:
    places = source / "places.toml"
    text = places.read_text(encoding="utf-8")
    first = re.search(r'^id = "hong-kong"$', text, flags=re.MULTILINE)
    assert first
    record = text[text.rindex("[[place]]", 0, first.start()) :].split("\n\n")[0]
    places.write_text(text + "\n" + record + "\n", encoding="utf-8")
    first_line = text.count("\n", 0, text.rindex("[[place]]", 0, first.start())) + 1
    second_line = text.count("\n") + 2
    with pytest.raises(SourceProblem) as raised:
        build(source, tmp_path / "polyu.db")
    assert str(raised.value) == (
        f"{places}:{second_line}: id: duplicate id 'hong-kong', also at {places}:{first_line}"
    )


def test_the_cli_prints_each_problem_as_an_error_line(source: Path, tmp_path: Path) -> None:
    year_in_roman(source)
    value_in_words(source)
    done = run_polyu(["db", "build", "--source", str(source), "--out", str(tmp_path / "x.db")])
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"polyu-tui: error: {source}/") for line in lines), lines
    assert "Traceback" not in done.stderr


def test_the_readme_documents_every_field() -> None:
    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for file_name, _array, kind in SOURCE_FILES:
        section = readme.split(f"### `{file_name}`", 1)[1].split("\n### ", 1)[0]
        documented = set(re.findall(r"`([a-z_]+)`", section))
        missing = set(FIELDS[kind]) - documented
        assert not missing, f"data/README.md does not describe {file_name}: {sorted(missing)}"


def test_every_link_field_has_a_type() -> None:
    from polyu_tui.data.build.sources import REF_FIELDS

    typed = {name for fields in FIELDS.values() for name, f in fields.items() if "ref" in f.type}
    assert set(REF_FIELDS) <= typed, sorted(set(REF_FIELDS) - typed)
