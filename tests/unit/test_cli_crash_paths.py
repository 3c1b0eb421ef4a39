"""The CLI's crash paths found by fuzzing (issue 14): what it prints for hostile queries."""

from __future__ import annotations

import os
import statistics
import time

import pytest
from cli_helpers import clean_env, on_a_terminal

from polyu_tui.cli.commands import _print_results
from polyu_tui.data.search import search
from polyu_tui.data.text import QUOTE_LIMIT, printable


def test_markup_in_a_query_with_results_is_printed_as_typed() -> None:
    done = on_a_terminal(["search", "polyu [/]"])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[0].strip().endswith("for “polyu [/]”")


def test_markup_in_a_query_without_results_is_printed_as_typed() -> None:
    done = on_a_terminal(["search", "zzqx [bold]"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "No records match zzqx [bold]."


@pytest.mark.parametrize("raw", [b"\xff", b"polyu \xff", b"\xc3"])
def test_bytes_that_are_not_utf8_print_as_a_replacement_on_a_strict_stdout(
    raw: bytes,
) -> None:
    # PYTHONIOENCODING=utf-8 (strict), as clean_env sets: a lone surrogate would raise.
    done = on_a_terminal(["search", os.fsdecode(raw)], env=clean_env(PYTHONIOENCODING="utf-8"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "\ufffd" in done.stdout.splitlines()[0]


def test_control_characters_in_a_query_are_shown_not_sent() -> None:
    for query in ["\x1b[2J\x1b]0;TITLE\x07", "hong \x1b[2J\x1b]0;TITLE\x07\x9b"]:
        done = on_a_terminal(["search", query])
        assert done.returncode == 0, done.stderr
        assert not any(ch in done.stdout for ch in "\x1b\x07\x9b")
        assert "␛[2J␛]0;TITLE␇" in done.stdout


def test_a_long_word_is_quoted_cut_short() -> None:
    done = on_a_terminal(["search", "q" * 100_000])
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line == f"No records match {'q' * (QUOTE_LIMIT - 1)}…."


def test_printing_takes_no_longer_for_a_longer_word(
    conn: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rich's highlighter was quadratic in the echoed word (113 s at 100,000 letters).
    A ratio in one run, not a time: 100 times the word, not 100 times the work."""
    results = search(conn, "polyu", limit=5)  # type: ignore[arg-type]

    def seconds(word: str) -> float:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            _print_results(word, results)
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    short, long = seconds("p" * 1_000), seconds("p" * 100_000)
    capsys.readouterr()
    assert long < 10 * short


def test_printable_keeps_text_and_shows_the_rest() -> None:
    assert printable("Universität Ljubljana · 香港") == "Universität Ljubljana · 香港"
    assert printable("a\x1bb\x7fc\x9bd") == "a␛b␡c\\x9bd"
    assert printable(os.fsdecode(b"\xff\xc3\xa9")) == "\ufffdé"
    assert printable("\ud800x") == "\ufffdx"
    assert printable("abcdef", 4) == "abc…"
