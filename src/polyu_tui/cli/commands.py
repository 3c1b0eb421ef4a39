"""The click commands behind ``polyu-tui``: search, db build/check/synth, config, --help.

polyu_tui.cli.main.main comes here for everything but opening the explorer. Only
opening the explorer imports Textual; search stays light.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from polyu_tui import __version__
from polyu_tui.cli.agreements import export_command, import_command
from polyu_tui.cli.launch import BUNDLED_OPTION, DB_OPTION, PROG, database_path, fail, open_app
from polyu_tui.cli.options import GivenPath, database_options
from polyu_tui.data.db import REPO_ROOT, bundled_database, connect, default_source_dir, resolve_path
from polyu_tui.data.schema import KINDS, SEARCH_KINDS


def _open(ctx: click.Context) -> sqlite3.Connection:
    return connect(database_path(ctx.obj["db"]))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    DB_OPTION.flag,
    "db_path",
    metavar=DB_OPTION.metavar,
    type=GivenPath(dir_okay=True, path_type=Path),
    help=DB_OPTION.help,
)
@click.option(BUNDLED_OPTION.flag, "bundled", is_flag=True, help=BUNDLED_OPTION.help)
@click.option(
    "--present",
    is_flag=True,
    help="Open the app in presenter mode (see 'polyu-tui present --help').",
)
@click.version_option(__version__, "-V", "--version", prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, bundled: bool, present: bool) -> None:
    """Explore PolyU's global network of education and research partners, offline.

    With no command, opens the explorer app: on your own agreements once imported
    ('polyu-tui import FILE'), else on the article's data. Press ? in the app for its keys.
    """
    ctx.ensure_object(dict)
    if bundled and db_path is None:
        db_path = bundled_database()
    ctx.obj["db"] = db_path
    if ctx.invoked_subcommand is None:
        open_app(db_path, present=present)


SECONDS = click.FloatRange(min=1, max=86_400)


@cli.command(short_help="Open the app for a booth or a projector (presenter mode).")
@click.option(
    "--idle",
    type=SECONDS,
    default=120,
    show_default=True,
    metavar="SECONDS",
    help="Back to the Overview, panels closed, after this long without a key or the mouse.",
)
@click.option(
    "--tour",
    type=SECONDS,
    default=None,
    metavar="SECONDS",
    help="Once idle, step through a tour (tabs, the map, a few records) every SECONDS.",
)
@database_options
@click.pass_context
def present(ctx: click.Context, idle: float, tour: float | None) -> None:
    """Presenter mode: a high-contrast theme, large headline figures, a short key bar
    for visitors, and nothing private: contacts and notes of imported agreements are
    hidden, and nothing is imported or exported. q asks before quitting; Ctrl+Q quits
    at once. The tour's steps are in the package's ui/presenter/tour.toml.
    """
    open_app(ctx.obj["db"], present=True, idle=idle, tour=tour)


@cli.command(short_help="Search every record by name, acronym, place or text.")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(SEARCH_KINDS),
    help="Only records of this kind (repeatable); agreement: imported agreements.",
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1, 500),
    help="How many results at most.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, best match first.")
@database_options
@click.pass_context
def search(
    ctx: click.Context, query: tuple[str, ...], kinds: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Search every record: names, acronyms, places, programmes, descriptions.

    Words may be partial (prefixes) and may carry typos; every word must match. Use --
    before a query that starts with a dash, after any options:
    polyu-tui search --limit 5 -- -nano

    On a terminal the results are a table; piped or redirected, one result a line,
    tab-separated: ref (what 'show' takes), name, match, country, snippet.
    """
    from polyu_tui.data.search import search as run_search

    conn = _open(ctx)
    results = run_search(conn, " ".join(query), kinds=kinds or None, limit=limit)
    if as_json:
        click.echo(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
        return
    _print_results(" ".join(query), results)


# How the table names a result that matched by a close spelling, as the app does.
CLOSEST_SPELLING = "closest spelling"


def _print_results(query: str, results: list[Any]) -> None:
    if not sys.stdout.isatty():
        _print_lines(results)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from polyu_tui.data.text import QUOTE_LIMIT, printable
    from polyu_tui.marks import marked

    console = Console()
    # Everything shown is Text, never a str: Rich reads a str as markup and runs its
    # highlighter over it (quadratic in a long word). The query is quoted cut short,
    # with its control characters visible.
    quoted = printable(query, QUOTE_LIMIT)
    if not results:
        if not query.strip():
            console.print("Nothing to search for: the query is empty.")
        else:
            console.print(Text.assemble("No records match ", (quoted, "bold"), "."))
        return
    title = f"{len(results)} {'result' if len(results) == 1 else 'results'} for “{quoted}”"
    if all(result.match == "fuzzy" for result in results):
        title += " (closest spellings)"
    table = Table(title=Text(title), title_justify="left", expand=True)
    # The name has the most room (it is what a reader scans for); the ref `polyu-tui
    # show` takes folds onto a second line rather than squeeze the names.
    table.add_column("Name", style="bold", ratio=4, min_width=16)
    table.add_column("Kind", style="cyan", no_wrap=True)
    table.add_column("Match", ratio=4)
    table.add_column("Ref", style="dim", overflow="fold", ratio=3)
    for result in results:
        match = marked(printable(result.snippet))
        if result.match == "fuzzy":
            match = Text.assemble((f"{CLOSEST_SPELLING} · ", "italic"), match)
        table.add_row(
            Text(printable(result.name)), Text(result.kind), match, Text(printable(result.ref))
        )
    console.print(table)


def _print_lines(results: list[Any]) -> None:
    """Piped or redirected: one result a line, tab-separated and never wrapped, like gh
    and ls: ref (what `show` takes), name, match (exact, text, reference or fuzzy),
    country, snippet (its «marks» dropped). No match prints nothing."""
    from polyu_tui.data.text import printable
    from polyu_tui.marks import unmarked

    def cell(text: str | None) -> str:
        # No tab or line break inside a cell; control characters as their pictures.
        return printable(" ".join((text or "").split()))

    for result in results:
        fields = (result.ref, result.name, result.match, result.country, unmarked(result.snippet))
        click.echo("\t".join(cell(field) for field in fields))


@cli.command(short_help="Show one record: every field with its provenance, its links.")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@database_options
@click.pass_context
def show(ctx: click.Context, ref: str, as_json: bool) -> None:
    """Show one record: every field with its provenance (article, with the quoted
    sentence, or reference, with the reference it names) and its links both ways.
    An imported agreement says the file and line it came from, and whom to contact;
    a partner lists its imported agreements.

    REF is kind/id (organisation/korea-university) or a name to search for, whose
    best match is shown.
    """
    from polyu_tui.data.show import resolve_ref, show_record, show_text

    conn = _open(ctx)
    shown = show_record(conn, resolve_ref(conn, ref))
    if as_json:
        click.echo(json.dumps(shown.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(show_text(shown))


@cli.command(short_help="Write a one-page briefing card about a record (Markdown or SVG).")
@click.argument("ref")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "svg"]),
    default="md",
    show_default=True,
    help="Markdown, or an SVG picture of the card (needs nothing from the internet).",
)
@click.option(
    "--out",
    "out",
    metavar="PATH|-",
    help="File or folder to write, or - for standard output "
    "[default: the record's name in $POLYU_TUI_EXPORT_DIR or <documents>/polyu-tui].",
)
@database_options
@click.pass_context
def brief(ctx: click.Context, ref: str, fmt: str, out: str | None) -> None:
    """Write a briefing card about one record: its key fields, what links to it, its
    agreements by type and validity (once imported), the headline figures that
    concern it, and its source sentences, each marked article or reference.

    REF is kind/id (organisation/korea-university) or a name to search for, whose
    best match is used. Prints the path it wrote.
    """
    from polyu_tui.data.briefing.card import get_brief
    from polyu_tui.data.briefing.files import export_dir, file_name, render, write_private
    from polyu_tui.data.show import resolve_ref

    conn = _open(ctx)
    card = get_brief(conn, resolve_ref(conn, ref))
    if card is None:  # resolve_ref found it a moment ago
        fail(f"no record {ref!r}")
    text = render(card, fmt)
    if out == "-":
        click.echo(text, nl=False)
        return
    target = Path(out) if out else export_dir()
    if target.is_dir() or out is None:
        target = target / file_name(card, fmt)
    click.echo(str(write_private(target, text)))


@cli.group()
def db() -> None:
    """Build, check, or generate a synthetic database."""


@db.command("build", short_help="Build data/polyu.db from data/source.")
@click.option(
    "--source",
    "source_dir",
    type=GivenPath(file_okay=False, path_type=Path),
    help="Folder of TOML sources and article.txt [default: data/source].",
)
@click.option(
    "--out",
    "out_path",
    type=GivenPath(dir_okay=False, path_type=Path),
    help="Where to write the database [default: data/polyu.db].",
)
def db_build(source_dir: Path | None, out_path: Path | None) -> None:
    """Build the database from the TOML sources, atomically and deterministically."""
    from polyu_tui.data.build import build

    source_dir = source_dir or default_source_dir()
    if out_path is None:
        if not (REPO_ROOT / "data").is_dir():
            fail("give --out PATH: there is no data/ folder of a checkout to write into")
        out_path = REPO_ROOT / "data" / "polyu.db"
    result = build(source_dir, out_path)
    click.echo(f"built {result.path} ({result.counts.get('entity', 0)} records)")
    for table in (*KINDS, "link"):
        click.echo(f"  {table:<14}{result.counts.get(table, 0):>6}")


@db.command("check", short_help="Check integrity, schema, quotes and counts.")
@database_options
@click.pass_context
def db_check(ctx: click.Context) -> None:
    """Check integrity, schema version, every quote against the document, counts."""
    from polyu_tui.data.check import check_database, line

    conn = _open(ctx)
    report = check_database(conn)
    click.echo(line("database", str(resolve_path(ctx.obj["db"]))))
    for report_line in report.lines:
        click.echo(report_line)
    if report.problems:
        for problem in report.problems:
            click.echo(f"{PROG}: problem: {problem}", err=True)
        sys.exit(1)
    click.echo("ok")


@db.command("synth", short_help="Write a synthetic database for scale tests.")
@click.option(
    "--partners",
    required=True,
    type=click.IntRange(0, 50_000_000),
    help="How many synthetic organisations to generate.",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=GivenPath(dir_okay=False, path_type=Path),
    help="Where to write the database (never the bundled one).",
)
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same rows.")
@click.option(
    "--agreements",
    is_flag=True,
    help="Also 1-3 synthetic agreements per partner (some expiring soon, from today).",
)
def db_synth(partners: int, out_path: Path, seed: int, agreements: bool) -> None:
    """Write a big synthetic database for scale tests: the real records plus N
    generated organisations, each marked synthetic. Deterministic for a seed."""
    import time

    from polyu_tui.cli.progress import rich_progress
    from polyu_tui.cli.signals import Stopped, stopped_by_signals
    from polyu_tui.data.synth import synthesize

    started = time.perf_counter()
    bar, update = rich_progress()
    made = 0
    written = False
    try:
        # A signal unwinds: the temporary file is removed and every worker ended.
        with stopped_by_signals(), bar:
            counts = synthesize(out_path, partners, seed=seed, progress=update)
            written = True
            if agreements:
                from polyu_tui.data.agreements.synth import add_synthetic_agreements

                made = add_synthetic_agreements(out_path, seed=seed, progress=update)
    except Stopped as stop:
        where = (
            f"while adding synthetic agreements to {out_path}"
            if written
            else f"{out_path} was not written"
        )
        fail(f"stopped by {stop.name}; {where}", stop.exit_status)
    seconds = time.perf_counter() - started
    extra = f", {made:,} synthetic agreements" if agreements else ""
    click.echo(
        f"wrote {out_path} ({counts['entity']:,} records, {partners:,} synthetic partners"
        f"{extra}, seed {seed}) in {seconds:.1f} s"
    )


@cli.command(short_help="Run the explorer in a web browser (textual-serve).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Any other than loopback lets others on the network in.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option("--present", is_flag=True, help="Serve the app in presenter mode.")
@database_options
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, present: bool) -> None:
    """Serve the explorer to a web browser on this machine: open the address it prints.

    Each browser tab runs its own copy of the app. Nothing is fetched from the
    internet. Ctrl+C stops the server.
    """
    from polyu_tui.web.server import exposure_warning
    from polyu_tui.web.server import serve as run_server

    app_args: list[str] = []
    if ctx.obj["db"] is not None:
        app_args += ["--db", str(resolve_path(ctx.obj["db"]))]
    if present:
        app_args.append("present")
    warning = exposure_warning(host)
    if warning:
        click.echo(f"{PROG}: warning: {warning}", err=True)
    run_server(app_args, host=host, port=port)


@cli.group()
def config() -> None:
    """Where your settings live, and the keys you can remap."""


@config.command("path", short_help="Print where your keymap file is read from.")
def config_path() -> None:
    """Print the path of keymap.toml, the file of your own keys, in your user config
    folder ($POLYU_TUI_CONFIG_DIR overrides the folder). It need not exist yet."""
    from polyu_tui.ui.config import keymap_path

    click.echo(str(keymap_path()))


@config.command("keys", short_help="Print every binding id and its key, as a keymap file.")
def config_keys() -> None:
    """Print every key binding as a keymap.toml to start from: its id, its default
    keys, and what it does. Save it at 'polyu-tui config path' and change the keys."""
    from polyu_tui.ui.app import PolyuApp
    from polyu_tui.ui.bindings import binding_sections, keymap_template

    click.echo(keymap_template(binding_sections(list(PolyuApp.BINDINGS))), nl=False)


cli.add_command(import_command)
cli.add_command(export_command)


def run(argv: list[str]) -> None:
    """Run a command; a usage error is one line (and a hint), never a traceback."""
    try:
        cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(2)
    except click.NoSuchOption as exc:
        fail(f"{exc.format_message()}{_dash_hint(exc, argv) or _help_hint(exc)}")
    except click.UsageError as exc:
        fail(f"{exc.format_message()}{_help_hint(exc)}")
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        fail("aborted", 130)
    except click.ClickException as exc:
        fail(exc.format_message())


# Commands whose words may start with a dash ('-nano'): put them after '--'.
_FREE_TEXT_COMMANDS = ("search", "show", "brief")


def _help_hint(exc: click.UsageError) -> str:
    return f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""


def _dash_hint(exc: click.NoSuchOption, argv: list[str]) -> str:
    """For `search -nano`: how to search for a word that starts with a dash."""
    if exc.ctx is None or exc.ctx.command.name not in _FREE_TEXT_COMMANDS:
        return ""
    typed = next((arg for arg in argv if arg.startswith(exc.option_name)), exc.option_name)
    if typed.startswith("--"):
        return ""  # a mistyped long option, not a word
    path = exc.ctx.command_path
    return f" A word that starts with a dash goes after --: {path} -- {typed}"
