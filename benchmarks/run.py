"""Benchmark polyu-tui at 10k, 100k and 1M partners and print one table.

    .venv/bin/python benchmarks/run.py [--sizes 10000,100000,1000000] [--quick] [--no-ui]

Builds (or reuses) synthetic databases in benchmarks/.cache/ with `polyu-tui db synth`,
then, per database:

- the data layer, in a fresh child process (so its peak RSS is the data layer's):
  search latency median and p99 over a fixed list of as-you-type prefixes and words
  (after one warm-up pass), the Partners tab's queries on open (count, first page,
  facets), jumping to the last row, applying a facet, a text filter, the count;
- the whole CLI process `polyu-tui --db DB search X --json`: wall time, median of
  several runs, and its peak RSS (os.wait4 of each child); the same for
  `polyu-tui --db DB show REF --json` (a partner, and a programme with every link) and
  `polyu-tui --db DB brief REF --out -` on a partner in the middle of the database;
- the app in a real terminal (tmux 120x40, see ui_bench.py): process start to first
  paint against a bare one-widget Textual app measured in the same run, keystroke to
  results on screen, opening the Partners tab, jumping to the last row, applying a
  facet, and the app's peak RSS. A UI measure that fails prints "n/a" and why.

The targets are checked by reading the table, never as a pass/fail gate. --quick (the
CI smoke test) uses one tiny database and few repeats, and writes no RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
RESULTS = HERE / "RESULTS.md"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import map_bench  # noqa: E402
import ui_bench  # noqa: E402

SEED = 1
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZE = 2_000
PAGE = 100  # rows the Partners table reads at a time

# As-you-type prefixes and words, a phrase, accents, an apostrophe, CJK, a typo.
SEARCHES = (
    "w",
    "wa",
    "wat",
    "wate",
    "waterloo",
    "univ",
    "universi",
    "nano",
    "silk road",
    "polytechnic",
    "zür",
    "xi'an",
    "Waterlo",
    "hong kong poly",
    "universidad politecnica",
    "müller",
    "北",
    "qut",
)
CLI_QUERIES = ("waterloo", "univ", "silk road")
# What `polyu-tui show` is timed on: a partner with reference facts, and the programme
# that a synthetic database gives the most partners.
SHOW_REFS = ("organisation/korea-university", "programme/student-exchange")
UI_SEARCHES = ("waterloo", "zhejiang", "ljubljana", "xi'an jiaotong", "nano", "silk road")
APP_READY = "Headline figures"  # on the first screen (Overview)
# Before the first timed key: the first screen's data arrives and the Partners tab's
# first view is read ahead, as they would while a person looks at the first screen.
IDLE_AFTER_READY = 1.0
# After clearing the search box, before typing the next query (see ui_bench.Interaction).
PAUSE_BEFORE_TYPING = 0.2
# Each query is typed this many times: six queries alone give a jumpy median.
UI_ROUNDS = 3

TARGETS = {
    "search": "≤ 2 / ≤ 25",
    "keys": "≤ 50",
    "tab": "≤ 250",
    "last": "≤ 50",
    "facet": "≤ 300",
    "cli": "≤ 150",
    "paint": "≤ 1.3x",
    "rss": "≤ 250",
}


# ------------------------------------------------------------------ the data layer (child)


def measure_data(path: Path, rounds: int) -> dict[str, Any]:
    """Run in a child process: every data-layer measure, in milliseconds."""
    from polyu_tui.data import partners as q
    from polyu_tui.data.db import connect
    from polyu_tui.data.search import search

    started = time.perf_counter()
    conn = connect(path)
    opened = time.perf_counter() - started

    def timed(fn: Any) -> float:
        start = time.perf_counter()
        fn()
        return (time.perf_counter() - start) * 1000

    for query in SEARCHES:  # warm-up: the pages a person's first keystrokes would load
        search(conn, query)
    samples = [
        timed(lambda query=query: search(conn, query)) for _ in range(rounds) for query in SEARCHES
    ]

    everything = q.PartnerQuery()
    total = q.count_partners(conn, everything)
    facets = q.partner_facets(conn, everything)
    kind = facets.kinds[0][0] if facets.kinds else "university"
    kind_query = q.PartnerQuery(kind=kind)
    text_query = q.PartnerQuery(text="univ")

    def tab_open() -> None:
        q.count_partners(conn, everything)
        q.partner_window(conn, everything, 0, PAGE)
        q.partner_facets(conn, everything)

    def facet_applied() -> None:
        q.count_partners(conn, kind_query)
        q.partner_window(conn, kind_query, 0, PAGE)
        q.partner_facets(conn, kind_query)

    def text_filter() -> None:
        q.count_partners(conn, text_query)
        q.partner_window(conn, text_query, 0, PAGE)
        q.partner_facets(conn, text_query)

    measures = {
        "tab": lambda: tab_open(),
        "first": lambda: q.partner_window(conn, everything, 0, PAGE),
        "last": lambda: q.partner_window(conn, everything, max(0, total - PAGE), PAGE),
        "middle": lambda: q.partner_window(conn, q.PartnerQuery(sort="country"), total // 2, PAGE),
        "facet": lambda: facet_applied(),
        "count": lambda: q.count_partners(conn, everything),
        "text": lambda: text_filter(),
    }
    out: dict[str, Any] = {"open": opened * 1000, "search": samples, "total": total}
    for name, fn in measures.items():
        out[name] = median([timed(fn) for _ in range(rounds)])
    return out


def combine_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several child processes' data-layer figures as one: each the median of the runs'.

    The machine's speed drifts by a third from one few-second run to the next (other
    work on it), more than within a run; the median of a few runs steadies that.
    """
    combined: dict[str, Any] = {"total": runs[0]["total"]}
    for key in runs[0]:
        if key not in ("search", "total"):
            combined[key] = median([float(run[key]) for run in runs])
    combined["search_median"] = median([median(run["search"]) for run in runs])
    combined["search_p99"] = median([percentile(run["search"], 99) for run in runs])
    return combined


# ------------------------------------------------------------------ helpers


def median(values: list[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def run_measured(args: list[str]) -> tuple[float, int, str]:
    """Run a child, reaping it with os.wait4 for its own peak RSS; (s, bytes, stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    assert child.stdout is not None
    stdout = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])}… exited {child.returncode}")
    return seconds, usage.ru_maxrss * 1024, stdout.decode()


def polyu_command() -> list[str]:
    script = Path(sys.executable).parent / "polyu-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "polyu_tui"]


def expected_schema() -> set[tuple[str, str, str]]:
    from polyu_tui.data.build import create_schema

    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    return schema_of(conn)


def schema_of(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {
        (str(t), str(n), str(s))
        for t, n, s in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


def ensure_db(size: int, seed: int) -> tuple[Path, float | None]:
    """The cached database for ``size`` partners, built if missing or stale."""
    from polyu_tui.data.synth import GENERATOR_VERSION

    path = CACHE / f"synth-{size}.db"
    if path.exists():
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            fresh = (
                meta.get("synthetic_partners") == str(size)
                and meta.get("synthetic_seed") == str(seed)
                and meta.get("synthetic_generator") == str(GENERATOR_VERSION)
                and schema_of(conn) == expected_schema()
            )
            conn.close()
        except sqlite3.Error:
            fresh = False
        if fresh:
            return path, None
    record = path.with_suffix(".build.json")
    record.unlink(missing_ok=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    print(f"building {path.name} ({size:,} partners)…", file=sys.stderr, flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            *polyu_command(),
            "db",
            "synth",
            "--partners",
            str(size),
            "--out",
            str(path),
            "--seed",
            str(seed),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    record.write_text(json.dumps({"seconds": seconds}))
    return path, seconds


def recorded_build(path: Path) -> float | None:
    """How long the cached database took to build, when run.py built it."""
    try:
        return float(json.loads(path.with_suffix(".build.json").read_text())["seconds"])
    except (OSError, ValueError, KeyError):
        return None


# ------------------------------------------------------------------ one database


@dataclass
class Row:
    label: str
    records: int
    megabytes: float
    build: float | None
    cached: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    data_rss: int = 0
    data_error: str = ""
    cli: float | None = None
    cli_rss: int = 0
    cli_error: str = ""
    show: float | None = None
    brief: float | None = None
    brief_error: str = ""
    paint_app: ui_bench.Measure = field(default_factory=ui_bench.Measure)
    paint_bare: ui_bench.Measure = field(default_factory=ui_bench.Measure)
    # (bare, app) seconds of each interleaved pair: their ratio cancels the machine's drift.
    paint_pairs: list[tuple[float, float]] = field(default_factory=list)
    ui: dict[str, ui_bench.Measure] = field(default_factory=dict)
    app_rss: ui_bench.Measure = field(default_factory=ui_bench.Measure)
    echo: ui_bench.Measure = field(default_factory=ui_bench.Measure)
    notes: list[str] = field(default_factory=list)


def measure_db(
    label: str,
    path: Path,
    build: float | None,
    *,
    rounds: int,
    data_runs: int,
    cli_runs: int,
    paints: int,
    ui: bool,
    ui_rounds: int,
    bundled: bool,
) -> Row:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    records = int(conn.execute("SELECT count(*) FROM entity").fetchone()[0])
    conn.close()
    row = Row(label, records, path.stat().st_size / 1e6, build)

    try:
        runs = []
        for _ in range(data_runs):
            _s, rss, out = run_measured(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--measure-data",
                    str(path),
                    "--rounds",
                    str(rounds),
                ]
            )
            runs.append(json.loads(out))
            row.data_rss = max(row.data_rss, rss)
        row.data = combine_runs(runs)
    except (RuntimeError, ValueError) as exc:
        row.data_error = str(exc)

    db_args = [] if bundled else ["--db", str(path)]
    times: list[float] = []
    try:
        for number in range(cli_runs):
            query = CLI_QUERIES[number % len(CLI_QUERIES)]
            seconds, rss, out = run_measured(
                [*polyu_command(), *db_args, "search", *query.split(), "--json"]
            )
            json.loads(out)
            times.append(seconds * 1000)
            row.cli_rss = max(row.cli_rss, rss)
        row.cli = median(times)
        times = []
        for number in range(cli_runs):
            ref = SHOW_REFS[number % len(SHOW_REFS)]
            seconds, rss, out = run_measured([*polyu_command(), *db_args, "show", ref, "--json"])
            json.loads(out)
            times.append(seconds * 1000)
            row.cli_rss = max(row.cli_rss, rss)
        row.show = median(times)
    except (RuntimeError, ValueError) as exc:
        row.cli_error = str(exc)

    try:
        row.brief = measure_brief(path, db_args, cli_runs)
    except (RuntimeError, ValueError) as exc:
        row.brief_error = str(exc)

    if ui:
        measure_ui(row, path, db_args, paints, ui_rounds)
    return row


def brief_ref(path: Path) -> str:
    """A partner in the middle of the database (a synthetic one in a synthetic database)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT id FROM organisation WHERE rowid >= (SELECT max(rowid) / 2 FROM organisation) "
            "ORDER BY rowid LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return f"organisation/{row[0]}"


def measure_brief(path: Path, db_args: list[str], runs: int) -> float:
    """`polyu-tui brief REF --out -` as a whole process: the median wall time, ms."""
    ref = brief_ref(path)
    times = []
    for _ in range(runs):
        seconds, _rss, out = run_measured([*polyu_command(), *db_args, "brief", ref, "--out", "-"])
        if not out.startswith("# "):
            raise ValueError(f"brief {ref} printed no card")
        times.append(seconds * 1000)
    return median(times)


def typed_query(name: str, text: str, marker: str) -> ui_bench.Interaction:
    """``text`` typed into a cleared box after a pause, timed to ``marker`` on screen:
    the same steps for the app and for the bare Input it is compared with."""
    return ui_bench.Interaction(
        name,
        [text],
        marker,
        literal=True,
        before=["C-u"],
        gone=marker,
        pause=PAUSE_BEFORE_TYPING,
    )


def measure_ui(row: Row, path: Path, db_args: list[str], paints: int, rounds: int) -> None:
    import shlex

    from polyu_tui.data import partners as q
    from polyu_tui.data.db import connect
    from polyu_tui.data.search import search

    app = " ".join(shlex.quote(part) for part in [*polyu_command(), *db_args])
    bare = ui_bench.bare_textual_command()
    app_samples: list[float] = []
    bare_samples: list[float] = []
    for _ in range(paints):  # interleaved, so both see the same machine state
        pair: list[float] = []
        for command, marker, samples, target in (
            (bare, ui_bench.BARE_MARKER, bare_samples, "paint_bare"),
            (app, APP_READY, app_samples, "paint_app"),
        ):
            measure = ui_bench.first_paint(command, marker, repeats=1)
            if measure.ok:
                samples.append(float(measure.value or 0))
                pair.append(float(measure.value or 0))
            else:
                setattr(row, target, measure)
        if len(pair) == 2:
            row.paint_pairs.append((pair[0], pair[1]))
    if app_samples and not row.paint_app.reason:
        row.paint_app = ui_bench.Measure(median(app_samples), samples=app_samples)
    if bare_samples and not row.paint_bare.reason:
        row.paint_bare = ui_bench.Measure(median(bare_samples), samples=bare_samples)

    # What the screen should show, from the data layer.
    conn = connect(path)
    everything = q.PartnerQuery()
    total = q.count_partners(conn, everything)
    first = q.partner_window(conn, everything, 0, 1)
    last = q.partner_window(conn, everything, max(0, total - 2), 2)
    facets = q.partner_facets(conn, everything)
    univ = q.count_partners(conn, q.PartnerQuery(text="univ"))
    # The search screen groups results by kind, organisations first.
    tops = {}
    for text in UI_SEARCHES:
        found = search(conn, text, limit=40)
        tops[text] = [r for r in found if r.kind == "organisation"][:1] or found[:1]
    conn.close()
    steps: list[ui_bench.Interaction] = []
    if first and last and facets.kinds:
        kind_count = facets.kinds[0][1]
        steps += [
            ui_bench.Interaction("tab", ["2"], first[0].name[:20], settle=0.3),
            ui_bench.Interaction(
                "last",
                ["End"],
                last[-1].name[:20],
                fallback=last[0].name[:20] if len(last) > 1 else "",
            ),
            # Shift+Tab back to the Type facet and open it; then pick its first value.
            ui_bench.Interaction(
                "_facet-open", ["BTab", "BTab", "BTab", "Enter"], f"({kind_count:,})", settle=0.5
            ),
            ui_bench.Interaction("facet", ["Down", "Enter"], f"{kind_count:,} partners"),
            # Back to any type (Backspace), to the filter (Shift+Tab), then "univ" typed
            # at once: its rows and count on screen; its facets (estimated at 1M, ≈)
            # are read beside them.
            ui_bench.Interaction("_facet-clear", ["BSpace"], f"{total:,} partners", settle=1.0),
            ui_bench.Interaction(
                "text",
                ["univ"],
                f"{univ:,} partners",
                before=["BTab"],
                pause=PAUSE_BEFORE_TYPING,
                literal=True,
            ),
            # Enter leaves the filter for the table, where "/" opens the search.
            ui_bench.Interaction("_text-leave", ["Enter"], f"{univ:,} partners", settle=0.3),
        ]
    steps.append(
        ui_bench.Interaction("_search-open", ["/"], "Search partners, alliances", settle=0.5)
    )
    for text, found in [*tops.items()] * rounds:
        if found:
            steps.append(typed_query("keys", text, found[0].name[:20]))
    result = ui_bench.interact(app, APP_READY, steps, idle=IDLE_AFTER_READY)
    row.ui = result.measures
    row.app_rss = result.peak_rss
    row.notes = result.notes
    # The same keys into a bare Textual Input: what Textual and the terminal take to
    # draw the typed text, before any work of the app's own.
    echo_steps = [typed_query("echo", text, text) for text in [*UI_SEARCHES] * rounds]
    echo = ui_bench.interact(
        ui_bench.bare_echo_command(), ui_bench.BARE_ECHO_READY, echo_steps, idle=IDLE_AFTER_READY
    )
    row.echo = echo.measures.get("echo", ui_bench.Measure(reason="no echo measured"))


# ------------------------------------------------------------------ the table

COLUMNS = (
    ("size", "partners (records)"),
    ("db", "db MB"),
    ("build", "build s"),
    ("search", "search ms med / p99"),
    ("tab", "tab open ms (data)"),
    ("first", "first page ms"),
    ("last", "last row ms"),
    ("middle", "middle, by country ms"),
    ("facet", "facet ms"),
    ("count", "count ms"),
    ("text", "text filter 'univ' ms"),
    ("data_rss", "data RSS MB"),
    ("cli", "CLI search ms"),
    ("show", "CLI show ms"),
    ("cli_rss", "CLI RSS MB"),
    ("brief", "CLI brief ms"),
    ("paint", "first paint ms app / bare (ratio)"),
    ("keys", "keystroke → results ms med (bare Input)"),
    ("tab_ui", "tab open ms (screen)"),
    ("last_ui", "last row ms (screen)"),
    ("facet_ui", "facet ms (screen)"),
    ("text_ui", "text filter 'univ' ms (screen)"),
    ("app_rss", "app RSS MB"),
)


def ms(value: float | None) -> str:
    if value is None or value != value:
        return "n/a"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def paint_ratio(row: Row) -> float | None:
    """The median of app / bare over the interleaved pairs (each pair ran back to back,
    on the same machine state), not the ratio of the two medians."""
    ratios = [app / bare for bare, app in row.paint_pairs if bare > 0]
    return median(ratios) if ratios else None


def ui_cell(measure: ui_bench.Measure | None, reasons: list[str], scale: float = 1000) -> str:
    if measure is None:
        return "n/a"
    if measure.ok:
        return ms(float(measure.value or 0) * scale)
    if measure.reason:
        reasons.append(measure.reason)
    return "n/a"


def cells(row: Row, reasons: list[str]) -> dict[str, str]:
    data = row.data
    if row.data_error:
        reasons.append(f"data layer: {row.data_error}")
    partners = data.get("total")
    out = {
        "size": f"{row.label} ({row.records:,})"
        if partners is None
        else f"bundled: {partners:,} ({row.records:,})"
        if row.label == "bundled"
        else f"{partners:,} ({row.records:,})",
        "db": f"{row.megabytes:.0f}" if row.megabytes >= 10 else f"{row.megabytes:.1f}",
        "build": "n/a"
        if row.build is None
        else f"{row.build:.0f} (cached)"
        if row.cached
        else f"{row.build:.0f}",
        "search": (
            f"{ms(data['search_median'])} / {ms(data['search_p99'])}"
            if "search_median" in data
            else "n/a"
        ),
        "data_rss": f"{row.data_rss / 1e6:.0f}" if row.data_rss else "n/a",
        "cli": ms(row.cli) if row.cli is not None else "n/a",
        "show": ms(row.show) if row.show is not None else "n/a",
        "cli_rss": f"{row.cli_rss / 1e6:.0f}" if row.cli_rss else "n/a",
        "brief": ms(row.brief) if row.brief is not None else "n/a",
    }
    if row.brief_error:
        reasons.append(f"CLI brief: {row.brief_error}")
    if row.cli_error:
        reasons.append(f"CLI: {row.cli_error}")
    for key in ("tab", "first", "last", "middle", "facet", "count", "text"):
        out[key] = ms(data.get(key))
    app, bare = row.paint_app, row.paint_bare
    ratio = paint_ratio(row)
    if app.ok and bare.ok and ratio is not None:
        app_ms, bare_ms = float(app.value or 0) * 1000, float(bare.value or 0) * 1000
        out["paint"] = f"{ms(app_ms)} / {ms(bare_ms)} ({ratio:.2f}x)"
    else:
        out["paint"] = "n/a"
        reasons.extend(m.reason for m in (app, bare) if m.reason)
    for key, name in (
        ("keys", "keys"),
        ("tab_ui", "tab"),
        ("last_ui", "last"),
        ("facet_ui", "facet"),
        ("text_ui", "text"),
    ):
        out[key] = ui_cell(row.ui.get(name), reasons)
    if row.echo.ok:
        out["keys"] += f" ({ui_cell(row.echo, reasons)})"
    out["app_rss"] = ui_cell(row.app_rss, reasons, scale=1e-6)
    if any(note.startswith("last:") for note in row.notes):
        out["last_ui"] += "*"
    reasons.extend(row.notes)
    return out


def render(rows: list[Row]) -> tuple[str, list[str]]:
    reasons: list[str] = []
    lines = [
        "| " + " | ".join(title for _, title in COLUMNS) + " |",
        "|" + "|".join("---" for _ in COLUMNS) + "|",
    ]
    for row in rows:
        found: list[str] = []
        values = cells(row, found)
        lines.append("| " + " | ".join(values[key] for key, _ in COLUMNS) + " |")
        reasons.extend(f"{row.label}: {reason}" for reason in dict.fromkeys(found))
    target = {
        "size": "target at 1M",
        "search": TARGETS["search"],
        "tab": "",
        "tab_ui": TARGETS["tab"],
        "last": TARGETS["last"],
        "last_ui": TARGETS["last"],
        "facet": "",
        "facet_ui": TARGETS["facet"],
        "text_ui": "≤ 500",
        "cli": TARGETS["cli"],
        "show": TARGETS["cli"],
        "brief": TARGETS["cli"],
        "paint": TARGETS["paint"],
        "keys": TARGETS["keys"],
        "app_rss": TARGETS["rss"],
    }
    lines.append("| " + " | ".join(target.get(key, "") for key, _ in COLUMNS) + " |")
    return "\n".join(lines), reasons


def checklist(bundled: Row, big: Row) -> str:
    """The issue's targets, each with what was measured on the largest database."""

    def value(measure: ui_bench.Measure | None, scale: float = 1000) -> float | None:
        return float(measure.value) * scale if measure is not None and measure.ok else None

    lines = []
    for label, got, limit, unit in (
        ("first paint / bare Textual app, bundled db", paint_ratio(bundled), 1.3, "x"),
        (f"first paint / bare Textual app, {big.label}", paint_ratio(big), 1.3, "x"),
        ("search in the data layer, median", big.data.get("search_median"), 2, "ms"),
        ("search in the data layer, p99", big.data.get("search_p99"), 25, "ms"),
        ("keystroke to results on screen, median", value(big.ui.get("keys")), 50, "ms"),
        ("Partners tab open (on screen)", value(big.ui.get("tab")), 250, "ms"),
        ("jump to the last row (on screen)", value(big.ui.get("last")), 50, "ms"),
        ("a facet applied (on screen)", value(big.ui.get("facet")), 300, "ms"),
        ("text filter 'univ' with its facets (on screen)", value(big.ui.get("text")), 500, "ms"),
        ("peak RSS of the app", value(big.app_rss, 1e-6), 250, "MB"),
        ("`polyu-tui --db BIG search X --json`, whole process", big.cli, 150, "ms"),
        ("`polyu-tui --db BIG brief REF --out -`, whole process", big.brief, 150, "ms"),
    ):
        if got is None:
            lines.append(f"- [ ] {label} ≤ {limit} {unit}: n/a")
            continue
        shown = f"{got:.2f}x" if unit == "x" else f"{got:.1f} {unit}"
        mark = "x" if got <= limit else " "
        lines.append(f"- [{mark}] {label} ≤ {limit:g} {unit}: {shown}")
    if any(note.startswith("last:") for note in big.notes):
        lines.append("  (*) the last row itself is never drawn: timed to the row above it")
    return "\n".join(lines) + "\n"


def load() -> str:
    """The 1-minute load average: other work on this machine skews every timing."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def machine() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    from importlib.metadata import version

    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True, check=False)
    return (
        f"- CPUs (nproc): {os.cpu_count()}\n"
        f"- CPU: {cpu}\n"
        f"- RAM: {ram}\n"
        f"- OS: {platform.platform()}\n"
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Textual {version('textual')}, {tmux.stdout.strip() or 'no tmux'}\n"
    )


NOTES = """\
How each column is measured (benchmarks/run.py, benchmarks/ui_bench.py):

- *search*: `search(conn, q)` in the data layer over {n} as-you-type prefixes and words
  ({queries}), after one warm-up pass; median and p99 (nearest rank) of every call.
  Every data-layer figure is measured in three child processes, one after another,
  and the median of the three is shown: this machine's speed drifts by a third from
  one run of a few seconds to the next.
- *tab open (data)*: `count_partners` + `partner_window(0, {page})` + `partner_facets`, what
  the Partners tab reads when it opens. *first page*, *last row* (`partner_window` at
  count − {page}), *middle, by country* (the middle window sorted by country), *count*:
  one call each. *facet*: count + first page + facets with the largest Type facet
  applied. *text filter*: the same with the text filter "univ". Medians.
- *data RSS*: the largest peak RSS of the child processes that ran the data-layer measures.
- *CLI search*: `polyu-tui --db DB search X --json` as a whole process (queries {cli}),
  median wall time; *CLI show*: `polyu-tui --db DB show REF --json` the same way (REFs
  {show}); *CLI RSS* the peak RSS of either (os.wait4). *CLI brief*: `polyu-tui --db DB
  brief REF --out -` likewise, REF the partner in the middle of the organisation table
  (a synthetic partner, linked to synthetic programmes and alliances).
- Before any of the on-screen measures, polyu_tui's bytecode is compiled, as pip does
  when it installs the package (this machine sets PYTHONDONTWRITEBYTECODE, so an
  editable install would otherwise compile every module at every start), and one tmux
  server is kept running for all of them.
- *first paint*: `tmux new-session -d -x 120 -y 40 CMD` to the first screen's marker on
  `tmux capture-pane` (polled every ~5 ms), against a bare one-widget Textual app started
  the same way, interleaved in pairs; the medians of each, and the median of the pairs'
  ratios (a pair runs back to back, so its ratio cancels the machine's drift).
- *keystroke → results*: in the search screen, the time from sending a query's keys to
  its top result on screen ({ui}), each query typed {rounds} times; Ctrl+U clears the
  box and {pause} s pass before the query is typed, as a person pauses (keys sent
  within a frame of the clearing would wait for its frame). In brackets, the same keys
  sent the same way to a bare Textual Input (benchmarks/bare_input_app.py), to the
  typed text on screen: what Textual and the terminal take for one frame in answer to
  a key, before any work of the app's own. *tab open*, *last
  row* (End), *facet* (the first Type value) likewise from the key to the expected row
  or count on screen. The timed keys start 1 s after the first paint (as a person
  looks at the first screen), when its data and the read-ahead are in. *app RSS*:
  the app's VmHWM after all of these.
"""


def precompile() -> None:
    """Compile polyu_tui's bytecode first, as pip does when it installs the package.

    An editable install never has it written when PYTHONDONTWRITEBYTECODE is set (it
    is, on this machine): every start would compile our modules from source, which
    no installed copy does, while Textual's own bytecode was written at install.
    """
    import compileall

    import polyu_tui

    compileall.compile_dir(Path(polyu_tui.__file__).parent, quiet=1)


MAP_HEADING = "## World map (aggregate + draw)"


def map_rows(sizes: list[int], seed: int, rounds: int) -> list[tuple[str, dict[str, Any]]]:
    """The map's measures on the bundled database and each synthetic one, each in a
    child process (see map_bench.py)."""
    from polyu_tui.data.db import bundled_database

    targets = [("bundled", bundled_database())]
    targets += [(f"{size:,}", ensure_db(size, seed)[0]) for size in sizes]
    rows = []
    for label, path in targets:
        child = subprocess.run(
            [sys.executable, __file__, "--measure-map", str(path), "--rounds", str(rounds)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append((label, json.loads(child.stdout)))
    return rows


def map_section(rows: list[tuple[str, dict[str, Any]]]) -> str:
    return (
        f"{MAP_HEADING}\n\n`benchmarks/run.py --only map`: milliseconds, medians; "
        f"see benchmarks/map_bench.py for what each column times.\n\n"
        f"{map_bench.table(rows)}\n"
    )


def replace_map_section(section: str) -> None:
    """RESULTS.md with its map section replaced (or added), the rest kept."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = text.find(MAP_HEADING)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(MAP_HEADING))
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--quick", action="store_true", help="tiny database, few repeats")
    parser.add_argument("--no-ui", action="store_true", help="skip the tmux measures")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument(
        "--only", choices=["map"], help="only one screen's rows (map: aggregate + draw)"
    )
    parser.add_argument("--measure-data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure-map", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure_data:
        print(json.dumps(measure_data(args.measure_data, args.rounds or 5)))
        return 0
    if args.measure_map:
        print(json.dumps(map_bench.measure_map(args.measure_map, args.rounds or 5)))
        return 0
    if args.only == "map":
        sizes = [QUICK_SIZE] if args.quick else [int(s) for s in args.sizes.split(",") if s]
        section = map_section(map_rows(sizes, args.seed, args.rounds or (2 if args.quick else 9)))
        print(section)
        if not args.quick:
            replace_map_section(section)
            print(f"wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
        return 0

    started = time.perf_counter()
    load_before = load()
    sizes = [QUICK_SIZE] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    rounds = args.rounds or (2 if args.quick else 10)
    settings = {
        "rounds": rounds,
        "data_runs": 1 if args.quick else 3,
        "cli_runs": 3 if args.quick else 9,
        "paints": 1 if args.quick else 21,
        "ui_rounds": 1 if args.quick else UI_ROUNDS,
        "ui": not args.no_ui,
    }
    from polyu_tui.data.db import bundled_database

    precompile()
    with ui_bench.tmux_server():
        rows = [measure_db("bundled", bundled_database(), None, bundled=True, **settings)]
        for size in sizes:
            path, build = ensure_db(size, args.seed)
            row = measure_db(
                f"{size:,}", path, build or recorded_build(path), bundled=False, **settings
            )
            row.cached = build is None
            rows.append(row)
    table, reasons = render(rows)
    print(table)
    world = map_section(map_rows(sizes, args.seed, rounds))
    print(world)
    for reason in reasons:
        print(f"n/a: {reason}")
    seconds = time.perf_counter() - started
    print(f"({seconds:.0f} s)")
    if not args.quick:
        notes = NOTES.format(
            n=len(SEARCHES),
            queries=", ".join(f"`{s}`" for s in SEARCHES),
            page=PAGE,
            cli=", ".join(f"`{s}`" for s in CLI_QUERIES),
            show=", ".join(f"`{s}`" for s in SHOW_REFS),
            ui=", ".join(f"`{s}`" for s in UI_SEARCHES),
            rounds=UI_ROUNDS,
            pause=PAUSE_BEFORE_TYPING,
        )
        RESULTS.write_text(
            "# Benchmark results\n\n"
            f"`.venv/bin/python benchmarks/run.py --sizes {','.join(map(str, sizes))}` "
            f"on {time.strftime('%Y-%m-%d')}, {seconds:.0f} s; load average "
            f"{load_before} before, {load()} after (2 CPUs: other work skews timings).\n\n"
            f"{machine()}\n{table}\n\n"
            "(*) timed to the row above the last: the last row itself was never drawn.\n\n"
            f"## Targets at {rows[-1].label} partners\n\n{checklist(rows[0], rows[-1])}\n"
            + "".join(f"- n/a: {reason}\n" for reason in reasons)
            + ("\n" if reasons else "")
            + notes
            + "\n"
            + world,
            encoding="utf-8",
        )
        print(f"wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
