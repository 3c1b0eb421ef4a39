"""`polyu-tui db check`: integrity, schema version, quotes against the document, counts."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from polyu_tui.data.agreements.schema import describe, has_agreements
from polyu_tui.data.schema import KINDS, SCHEMA_VERSION


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check_database(conn: sqlite3.Connection) -> CheckReport:
    report = CheckReport()
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    report.lines.append(f"integrity  {'ok' if integrity == ['ok'] else 'FAILED'}")
    if integrity != ["ok"]:
        report.problems.extend(f"integrity: {line}" for line in integrity[:10])

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    report.lines.append(f"schema     version {version} (this polyu-tui reads {SCHEMA_VERSION})")

    document = "".join(row[0] for row in conn.execute("SELECT text FROM document"))
    user_database = has_agreements(conn)
    imported: set[str] = (
        {row[0] for row in conn.execute("SELECT entity_id FROM imported_record")}
        if user_database
        else set()
    )
    checked = missing = 0
    for record_id, sources, synthetic in conn.execute(
        "SELECT id, sources, synthetic FROM entity ORDER BY rowid"
    ):
        quotes = json.loads(sources)
        if synthetic or record_id in imported:
            continue  # generated for scale tests, or imported: quoting nothing
        if not quotes:
            report.problems.append(f"{record_id}: no source quote")
        for quote in quotes:
            checked += 1
            if quote not in document:
                missing += 1
                if missing <= 10:
                    report.problems.append(
                        f"{record_id}: quote not in the document: {quote[:60]!r}"
                    )
    report.lines.append(f"quotes     {checked - missing} of {checked} found in the document")

    counts = dict(conn.execute("SELECT kind, count(*) FROM entity GROUP BY kind").fetchall())
    synthetic_count = conn.execute("SELECT count(*) FROM entity WHERE synthetic").fetchone()[0]
    for kind in KINDS:
        report.lines.append(f"{kind:<11}{counts.get(kind, 0):>9,}")
    links = conn.execute("SELECT count(*) FROM link").fetchone()[0]
    report.lines.append(f"{'link':<11}{links:>9,}")
    report.lines.append(f"{'synthetic':<11}{synthetic_count:>9,}")
    if user_database:
        report.lines.append(f"{'imported':<11}{len(imported):>9,}")
        agreements = conn.execute("SELECT count(*) FROM agreement").fetchone()[0]
        report.lines.append(f"{'agreement':<11}{agreements:>9,}")
        report.lines.append(f"data       {describe(conn)}")
    indexed = conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
    entities = sum(counts.values())
    if indexed != entities:
        report.problems.append(f"search index holds {indexed} rows for {entities} records")
    return report
