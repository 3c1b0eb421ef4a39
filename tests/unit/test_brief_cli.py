"""`polyu-tui brief REF`: the card on standard output, or a file named after the record
in the export folder; an unknown REF is one line and exit 2; Textual is never imported."""

from __future__ import annotations

import stat
from pathlib import Path

from cli_helpers import clean_env, run_polyu
from test_imports import run_python


def test_brief_writes_the_card_into_the_export_folder(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    done = run_polyu(
        ["brief", "organisation/korea-university"],
        env=clean_env(POLYU_TUI_EXPORT_DIR=str(folder)),
    )
    assert done.returncode == 0, done.stderr
    path = folder / "korea-university.md"
    assert done.stdout == f"{path}\n"
    assert path.read_text(encoding="utf-8").startswith("# Korea University\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_brief_by_name_to_stdout_and_as_svg_into_a_folder(tmp_path: Path) -> None:
    done = run_polyu(["brief", "Korea University", "--out", "-"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Korea University\n\n*Organisation*\n")
    assert "— *article*" in done.stdout

    svg = run_polyu(["brief", "dual phd", "--format", "svg", "--out", str(tmp_path)])
    assert svg.returncode == 0, svg.stderr
    written = tmp_path / "dual-phd-degree-programmes.svg"
    assert svg.stdout == f"{written}\n"
    assert written.read_text(encoding="utf-8").startswith("<svg ")

    named = tmp_path / "card.md"
    assert run_polyu(["brief", "anso", "--out", str(named)]).returncode == 0
    assert named.read_text(encoding="utf-8").startswith("# Alliance of International Science")


def test_an_unknown_ref_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for ref in ("organisation/no-such-partner", "qqzzxxyy"):
        done = run_polyu(["brief", ref], env=clean_env(POLYU_TUI_EXPORT_DIR=str(tmp_path)))
        assert done.returncode == 2
        assert done.stdout == ""
        assert len(done.stderr.splitlines()) == 1, done.stderr
        assert done.stderr.startswith("polyu-tui: error: no record")
        assert ref in done.stderr
    assert list(tmp_path.iterdir()) == [], "nothing written"


def test_brief_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from polyu_tui.cli import main\n"
        "try:\n"
        "    main(['brief', 'korea-university', '--format', 'svg', '--out', '-'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "sys.stdout.flush()\n"
        "print('TEXTUAL', 'textual' in sys.modules)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    output, _, verdict = result.stdout.rpartition("TEXTUAL")
    assert output.startswith("<svg "), "the brief really ran"
    assert verdict.split() == ["False"], "polyu-tui brief imported textual"
