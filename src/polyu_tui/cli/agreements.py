"""``polyu-tui import`` and ``polyu-tui export``: an office's agreement list in and any view out."""

from __future__ import annotations

from pathlib import Path

import click

from polyu_tui.cli.launch import PROG, fail
from polyu_tui.cli.options import database_options
from polyu_tui.data.schema import KINDS

WARNINGS_SHOWN = 50
EXPORT_KINDS: tuple[str, ...] = ("agreement", "partner", *KINDS)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


@click.command("import", short_help="Import the office's agreement list (CSV or XLSX).")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the files and count; write nothing.")
@click.option(
    "--merge",
    is_flag=True,
    help="Update agreements by agreement_id and keep the rest "
    "(default: the files replace the imported agreements).",
)
@click.option(
    "--into",
    "into",
    metavar="PATH",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The user database to write [default: the user data folder's].",
)
@click.option("--dayfirst", is_flag=True, help="Read dates written DD/MM/YYYY.")
@click.option(
    "--all-warnings",
    is_flag=True,
    help=f"List every warning (default: the first {WARNINGS_SHOWN}, then a count).",
)
@click.option(
    "--upgrade",
    is_flag=True,
    help="Rebuild the user database, with its agreements, for this polyu-tui version.",
)
@click.option(
    "--template",
    "template",
    metavar="PATH",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a template (.csv or .xlsx: header and one made-up row, to replace) and stop.",
)
def import_command(
    files: tuple[Path, ...],
    dry_run: bool,
    merge: bool,
    into: Path | None,
    dayfirst: bool,
    all_warnings: bool,
    upgrade: bool,
    template: Path | None,
) -> None:
    """Import an agreement list exported from MoveON, Mobility-Online, Terra Dotta or a
    spreadsheet, as CSV (UTF-8, ',' or ';') or XLSX with a header row.

    Required columns: partner, country, agreement_type, start_date. The article's
    database is never written: the agreements go to a user database (mode 0600),
    which polyu-tui then opens. Every problem is listed as FILE:LINE: column: message;
    with any error nothing is written and the exit status is 2.

    \b
    Columns: agreement_id, partner, country, agreement_type, start_date, end_date,
      status, polyu_unit, partner_unit, level, direction, places_out, places_in,
      subject_area, city, notes, contact_name, contact_email, url
    Start from a template:  polyu-tui import --template agreements.xlsx
    """
    if template is not None:
        if files:
            fail("give either --template PATH or FILES to import, not both")
        from polyu_tui.data.agreements.template import write_template

        write_template(template)
        click.echo(f"wrote {template}: fill it in (replace the example row), then:")
        click.echo(f"  {PROG} import {template}")
        return
    if upgrade:
        if files:
            fail("give either --upgrade or FILES to import, not both")
        from polyu_tui.data.agreements.importer import upgrade as rebuild
        from polyu_tui.data.db import bundled_database
        from polyu_tui.data.userdata import user_database

        target = into or user_database()
        done = rebuild(target, bundled_database())
        click.echo(f"rebuilt {target} with its {done.total:,} agreements (mode 0600)")
        return
    if not files:
        fail(f"give the files to import (or --template PATH); see '{PROG} import --help'")
    from polyu_tui.data.agreements.importer import run_import
    from polyu_tui.data.db import bundled_database
    from polyu_tui.data.userdata import user_database

    target = into or user_database()
    outcome = run_import(
        list(files), target, bundled_database(), merge=merge, dry_run=dry_run, dayfirst=dayfirst
    )
    summary = outcome.summary
    shown = summary.warnings if all_warnings else summary.warnings[:WARNINGS_SHOWN]
    for warning in shown:
        click.echo(f"warning: {warning}", err=True)
    if len(shown) < len(summary.warnings):
        click.echo(
            f"warning: ... and {len(summary.warnings) - len(shown):,} more "
            "(--all-warnings lists them all)",
            err=True,
        )
    if outcome.errors:
        for problem in outcome.errors:
            click.echo(str(problem), err=True)
        where = len({str(p.where).split(":")[0] for p in outcome.errors})
        fail(
            f"{_plural(len(outcome.errors), 'error')} in {_plural(where, 'file')} "
            f"({_plural(outcome.rows, 'row')} read); nothing written"
        )
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb} {_plural(outcome.rows, 'row')} from {', '.join(f.name for f in files)}"
        f"{' (merge)' if merge else ''}"
    )
    click.echo(
        f"agreements  {summary.new:,} new, {summary.changed:,} changed, "
        f"{summary.unchanged:,} unchanged, {summary.removed:,} removed; {summary.total:,} in all"
    )
    click.echo(f"partners    {summary.partners_matched:,} matched, {summary.partners_new:,} new")
    for note in summary.kept:
        click.echo(f"kept        {note}")
    click.echo(f"warnings    {len(summary.warnings):,}")
    if dry_run:
        click.echo(f"nothing written (--dry-run); {target} is unchanged")
    else:
        click.echo(f"wrote {target} (mode 0600)")
        click.echo(f"'{PROG}' now opens it; '{PROG} --bundled' opens the article's data alone")


@click.command("export", short_help="Export agreements, partners or records: CSV, XLSX, JSON, MD.")
@click.option(
    "--kind",
    type=click.Choice(EXPORT_KINDS),
    default="agreement",
    show_default=True,
    help="What to export (partner: the Partners list).",
)
@click.option("--query", "-q", "text", default="", metavar="Q", help="Only rows whose text has Q.")
@click.option(
    "--country", "country", default="", metavar="C", help="Only this country (code or name)."
)
@click.option(
    "--expiring-within",
    "expiring",
    type=click.IntRange(0, 36500),
    metavar="DAYS",
    help="Only agreements that end within DAYS from today.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("csv", "xlsx", "json", "md")),
    help="[default: from --out, else csv]",
)
@click.option(
    "--with-contacts", is_flag=True, help="Include contact names and emails (personal data)."
)
@click.option(
    "--out",
    "out",
    default="-",
    metavar="PATH|-",
    help="Where to write ('-': standard output) [default: -].",
)
@database_options
@click.pass_context
def export_command(
    ctx: click.Context,
    kind: str,
    text: str,
    country: str,
    expiring: int | None,
    fmt: str | None,
    with_contacts: bool,
    out: str,
) -> None:
    """Export the agreements (or partners, or records of one kind) as a file.

    CSV cells that a spreadsheet would run as a formula get a leading ' (removed
    again by import); XLSX cells are never formulas. Contacts are left out unless
    --with-contacts is given. Rows stream: any size exports in little memory.
    """
    from polyu_tui.cli.launch import database_path
    from polyu_tui.data.agreements.export import (
        agreement_view,
        format_for,
        record_view,
        write_view,
    )
    from polyu_tui.data.agreements.query import AgreementQuery
    from polyu_tui.data.countries import resolve_country
    from polyu_tui.data.db import connect

    conn = connect(database_path(ctx.obj.get("db") if ctx.obj else None))
    path = None if out == "-" else Path(out)
    fmt = format_for(path, fmt)
    if kind == "agreement":
        code = ""
        if country:
            found = resolve_country(country)
            if found is None:
                fail(f"--country: {country!r} is not a country or region we know")
            code = found.code
        query = AgreementQuery(text=text, country_code=code, expiring_days=expiring)
        view = agreement_view(conn, query, with_contacts=with_contacts)
    else:
        if expiring is not None:
            fail("--expiring-within applies to agreements only (--kind agreement)")
        if with_contacts:
            fail("--with-contacts applies to agreements only (--kind agreement)")
        record_kind = "organisation" if kind == "partner" else kind
        if country and record_kind == "organisation":
            found = resolve_country(country)
            country = found.name if found else country
        view = record_view(conn, record_kind, text=text, country=country)
    count = write_view(view, fmt, path, private=with_contacts)
    if path is not None:
        note = " (mode 0600: it holds contacts)" if with_contacts else ""
        click.echo(f"wrote {_plural(count, 'row')} to {path}{note}")
