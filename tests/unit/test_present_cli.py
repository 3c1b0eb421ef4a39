"""The presenter-mode commands on the command line (the app itself: tests/app)."""

from __future__ import annotations

from cli_helpers import run_polyu


def test_present_says_what_it_does_and_refuses_a_bad_time() -> None:
    shown = run_polyu(["present", "--help"])
    assert shown.returncode == 0
    assert "--tour SECONDS" in shown.stdout and "--idle SECONDS" in shown.stdout
    assert "contacts and notes" in shown.stdout
    bad = run_polyu(["present", "--idle", "0"])
    assert bad.returncode == 2
    assert bad.stderr.startswith("polyu-tui: error:") and "--idle" in bad.stderr
    assert "Traceback" not in bad.stderr
