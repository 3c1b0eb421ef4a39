"""Benchmark agreements: import, export, and the Agreements tab on screen at 1M.

    python benchmarks/agreements.py [--rows 100000] [--export-partners 560000]
        [--screen-rounds 3] [--no-import] [--no-screen] [--no-export] [--out DIR]

Writes a deterministic list of ROWS agreements as CSV and as XLSX, times
`polyu-tui import` of each in a child process (its peak RSS from the kernel), then
builds (or reuses, in benchmarks/.cache/) a synthetic database with agreements
(`db synth --agreements`: EXPORT_PARTNERS partners, about 1.8 agreements each) and
times `polyu-tui export` of every agreement to CSV. Each command runs as a user runs
it, so the figures include Python's start-up.

Then the Agreements tab on that database, in a real terminal (tmux 120x40, see
ui_bench.py), each a median over SCREEN_ROUNDS app starts: *open*, from the key `7`
to the count of every agreement on screen (its status line, drawn with the first
rows); *last row*, from End to the last agreement's partner on screen; *facet*,
from choosing the largest Type value to its count on screen. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shlex
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(HERE))

import ui_bench  # noqa: E402

COUNTRIES = ("Canada", "DE", "France", "Japan", "KR", "US", "UK", "Australia", "CL", "SG")
TYPES = ("mou", "Student Exchange", "research", "dual_degree", "staff_exchange", "summer")
UNITS = ("Faculty of Engineering", "Faculty of Business", "School of Design", "")
HEADER = (
    "agreement_id",
    "partner",
    "country",
    "agreement_type",
    "start_date",
    "end_date",
    "polyu_unit",
    "level",
    "places_out",
    "contact_email",
)


def rows(count: int) -> list[tuple[str, ...]]:
    rng = random.Random(12)
    made = []
    for n in range(count):
        start = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        end = "" if rng.random() < 0.15 else f"20{rng.randint(26, 35)}-06-30"
        made.append(
            (
                f"B-{n}",
                f"Benchmark University {rng.randint(1, count // 3 + 1)}",
                rng.choice(COUNTRIES),
                rng.choice(TYPES),
                start,
                end,
                rng.choice(UNITS),
                rng.choice(("ug", "ug;pgt", "pgr", "")),
                str(rng.choice((1, 2, 4))),
                f"office{n % 97}@example.org",
            )
        )
    return made


def write_lists(folder: Path, count: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    data = rows(count)
    csv_path = folder / "bench.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(data)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Agreements")
    sheet.append(list(HEADER))
    for row in data:
        sheet.append(list(row))
    xlsx_path = folder / "bench.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


def run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``python -m polyu_tui ARGS`` in a fresh child."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run([sys.executable, '-m', 'polyu_tui', *sys.argv[1:]], "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "s = time.perf_counter() - t; "
        "print(r.returncode, s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    status, seconds, kilobytes = int(out[0]), float(out[1]), int(out[2])
    if status != 0:
        raise SystemExit(f"polyu-tui {' '.join(args)} exited {status}")
    return seconds, kilobytes / 1024


def synthetic_database(partners: int, env: dict[str, str]) -> Path:
    """The cached synthetic database with agreements, built if missing or older than
    the derived agreement tables (the tab's counts, the Partners column's counts, the
    agreement search index)."""
    path = CACHE / f"synth-agreements-{partners}.db"
    if path.exists():
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            derived = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN "
                "('agreement_date_count', 'agreements_per_partner', 'agreement_search')"
            ).fetchone()[0]
            conn.close()
            if meta.get("synthetic_partners") == str(partners) and derived == 3:
                return path
        except sqlite3.Error:
            pass
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"building {path.name}…", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, "-m", "polyu_tui", "db", "synth", "--partners", str(partners),
         "--out", str(path), "--agreements"],
        env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return path


def screen_steps(path: Path) -> list[ui_bench.Interaction]:
    """Open the tab, jump to the last row, choose the largest type: each timed to what
    the data layer says the screen will show."""
    from polyu_tui.data.agreements.query import AgreementQuery
    from polyu_tui.data.agreements.view import (
        TYPE_LABELS,
        ListQuery,
        agreement_count,
        agreement_facets,
        agreement_window,
    )
    from polyu_tui.data.db import connect

    conn = connect(path)
    try:
        everything = ListQuery(AgreementQuery())
        total = agreement_count(conn, everything.filter)
        last = agreement_window(conn, everything, total - 2, 2, total=total)
        kind, kind_count = agreement_facets(conn, everything.filter).types[0]
    finally:
        conn.close()
    return [
        ui_bench.Interaction("open", ["7"], f"{total:,} agreements ·", settle=0.5),
        ui_bench.Interaction(
            "last", ["End"], last[-1].partner[:20], fallback=last[0].partner[:20], settle=0.3
        ),
        # Back from the table to the Type facet (six facets before it), open its menu.
        ui_bench.Interaction(
            "_facet-open",
            ["BTab"] * 6 + ["Enter"],
            f"{TYPE_LABELS[kind]} ({kind_count:,})",
            settle=0.5,
        ),
        ui_bench.Interaction("facet", ["Down", "Enter"], f"{kind_count:,} agreements ·"),
    ]


def measure_screen(path: Path, rounds: int) -> tuple[list[str], list[str]]:
    """Table rows of the Agreements tab's on-screen measures, and why any failed."""
    polyu = Path(sys.executable).parent / "polyu-tui"
    command = " ".join(shlex.quote(part) for part in (str(polyu), "--db", str(path)))
    steps = screen_steps(path)
    samples: dict[str, list[float]] = {"open": [], "last": [], "facet": []}
    reasons: list[str] = []
    with ui_bench.tmux_server():
        for _ in range(rounds):
            result = ui_bench.interact(command, "Headline figures", steps, idle=1.0)
            for name, values in samples.items():
                measure = result.measures.get(name)
                if measure is not None and measure.ok:
                    values.append(float(measure.value or 0) * 1000)
                elif measure is not None and measure.reason:
                    reasons.append(measure.reason)
            reasons.extend(result.notes)
    lines = []
    for name, label, target in (
        ("open", "Agreements tab open", 250),
        ("last", "Agreements tab, jump to the last row", 50),
        ("facet", "Agreements tab, the largest type chosen", 300),
    ):
        values = sorted(samples[name])
        shown = f"{values[len(values) // 2]:.0f} ms" if values else "n/a"
        lines.append(f"| {label} (on screen, ≤ {target} ms) | {shown} | |")
    return lines, list(dict.fromkeys(reasons))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--export-partners", type=int, default=560_000)
    parser.add_argument("--screen-rounds", type=int, default=3)
    parser.add_argument("--no-screen", action="store_true", help="skip the tmux measures")
    parser.add_argument("--no-import", action="store_true", help="skip the import measures")
    parser.add_argument("--no-export", action="store_true", help="skip the export measure")
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    folder = options.out or Path(tempfile.mkdtemp(prefix="polyu-bench-agreements-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "POLYU_TUI_DATA_DIR": str(folder / "userdata")}
    env.pop("POLYU_TUI_DB", None)
    lines = ["| measure | result | peak RSS |", "| --- | --- | --- |"]
    if not options.no_import:
        csv_path, xlsx_path = write_lists(folder, options.rows)
        for path in (csv_path, xlsx_path):
            seconds, rss = run(
                ["import", "--into", str(folder / f"{path.suffix[1:]}.db"), str(path)], env
            )
            label = f"import {options.rows:,} rows, {path.suffix[1:].upper()}"
            lines.append(f"| {label} | {seconds:.1f} s | {rss:.0f} MB |")
    synth = synthetic_database(options.export_partners, env)
    total = sqlite3.connect(synth).execute("SELECT count(*) FROM agreement").fetchone()[0]
    reasons: list[str] = []
    if not options.no_screen:
        screen, reasons = measure_screen(synth, options.screen_rounds)
        lines += [line.replace("Agreements tab", f"Agreements tab at {total:,}", 1)
                  for line in screen]  # fmt: skip
    if not options.no_export:
        seconds, rss = run(["--db", str(synth), "export", "--out", str(folder / "all.csv")], env)
        lines.append(f"| export {total:,} agreements to CSV | {seconds:.1f} s | {rss:.0f} MB |")
    print("\n".join(lines))
    for reason in reasons:
        print(f"n/a: {reason}")
    load = os.getloadavg()[0]
    print(f"\n(load average {load:.1f} on {os.cpu_count()} cores; files in {folder})")


if __name__ == "__main__":
    main()
