"""`polyu-tui search` on an 80-column terminal gives the names the room, not the refs."""

from __future__ import annotations

from cli_helpers import on_a_terminal


def name_cells(stdout: str) -> list[str]:
    """The Name column's text, line by line (the box table's first cell)."""
    return [line.split("│")[1].strip() for line in stdout.splitlines() if line.startswith("│")]


def test_search_at_80_columns_keeps_names_whole_and_folds_the_ref() -> None:
    done = on_a_terminal(["search", "waterloo"], columns=80)
    assert done.returncode == 0, done.stderr
    names = name_cells(done.stdout)
    # It was squeezed to 10 cells: "Nanotechn…" over three lines, the ref kept 31.
    assert not any(cell.endswith("…") for cell in names), names
    assert "Waterloo Institute" in names
    assert "for Nanotechnology" in names
    assert all(len(line) <= 80 for line in done.stdout.splitlines())
