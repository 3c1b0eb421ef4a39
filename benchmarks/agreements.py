"""Benchmark the agreements import and export: wall time and peak memory (RSS).

    python benchmarks/agreements.py [--rows 100000] [--export-partners 500000] [--out DIR]

Writes a deterministic list of ROWS agreements as CSV and as XLSX, times
`polyu-tui import` of each in a child process (its peak RSS from the kernel), then
builds a synthetic database with agreements (`db synth --agreements`) and times
`polyu-tui export` of every agreement to CSV. Each command runs as a user runs it,
so the figures include Python's start-up. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--export-partners", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args()
    folder = options.out or Path(tempfile.mkdtemp(prefix="polyu-bench-agreements-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "POLYU_TUI_DATA_DIR": str(folder / "userdata")}
    env.pop("POLYU_TUI_DB", None)
    lines = ["| measure | seconds | peak RSS |", "| --- | --- | --- |"]
    csv_path, xlsx_path = write_lists(folder, options.rows)
    for path in (csv_path, xlsx_path):
        seconds, rss = run(
            ["import", "--into", str(folder / f"{path.suffix[1:]}.db"), str(path)], env
        )
        label = f"import {options.rows:,} rows, {path.suffix[1:].upper()}"
        lines.append(f"| {label} | {seconds:.1f} | {rss:.0f} MB |")
    synth = folder / "synth-agreements.db"
    if not synth.exists():
        subprocess.run(
            [sys.executable, "-m", "polyu_tui", "db", "synth", "--partners",
             str(options.export_partners), "--out", str(synth), "--agreements"],
            env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    import sqlite3

    total = sqlite3.connect(synth).execute("SELECT count(*) FROM agreement").fetchone()[0]
    seconds, rss = run(["--db", str(synth), "export", "--out", str(folder / "all.csv")], env)
    lines.append(f"| export {total:,} agreements to CSV | {seconds:.1f} | {rss:.0f} MB |")
    print("\n".join(lines))
    load = os.getloadavg()[0]
    print(f"\n(load average {load:.1f} on {os.cpu_count()} cores; files in {folder})")


if __name__ == "__main__":
    main()
