"""`polyu-tui db check`: integrity, schema version, quotes against the document, counts,
and the reference layer: its facts counted apart from the article's, and any reference
value that contradicts an article value."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from polyu_tui.data.agreements.schema import describe, has_agreements
from polyu_tui.data.countries import resolve_country
from polyu_tui.data.schema import KINDS, SCHEMA_VERSION
from polyu_tui.data.text import fold


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# The report's labels in one column, its counts right-aligned in the next.
LABEL_WIDTH = len("organisation") + 2
COUNT_WIDTH = 9


def line(label: str, value: str) -> str:
    """A report line: its label padded to the column, then its value."""
    return f"{label:<{LABEL_WIDTH}}{value}"


def count_line(label: str, count: int) -> str:
    """A count, right-aligned under the other counts."""
    return line(label, f"{count:>{COUNT_WIDTH},}")


def check_database(conn: sqlite3.Connection) -> CheckReport:
    report = CheckReport()
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    report.lines.append(line("integrity", "ok" if integrity == ["ok"] else "FAILED"))
    if integrity != ["ok"]:
        report.problems.extend(f"integrity: {line}" for line in integrity[:10])

    version = conn.execute("PRAGMA user_version").fetchone()[0]
    reads = f"version {version} (this polyu-tui reads {SCHEMA_VERSION})"
    report.lines.append(line("schema", reads))

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
    report.lines.append(line("quotes", f"{checked - missing} of {checked} found in the document"))

    counts = dict(conn.execute("SELECT kind, count(*) FROM entity GROUP BY kind").fetchall())
    synthetic_count = conn.execute("SELECT count(*) FROM entity WHERE synthetic").fetchone()[0]
    for kind in KINDS:
        report.lines.append(count_line(kind, counts.get(kind, 0)))
    links = conn.execute("SELECT count(*) FROM link").fetchone()[0]
    report.lines.append(count_line("link", links))
    _check_reference(conn, report, checked, len(imported))
    report.lines.append(count_line("synthetic", synthetic_count))
    if user_database:
        report.lines.append(count_line("imported", len(imported)))
        agreements = conn.execute("SELECT count(*) FROM agreement").fetchone()[0]
        report.lines.append(count_line("agreement", agreements))
        report.lines.append(line("data", describe(conn)))
    indexed = conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
    entities = sum(counts.values())
    if indexed != entities:
        report.problems.append(f"search index holds {indexed} rows for {entities} records")
    return report


def _check_reference(
    conn: sqlite3.Connection, report: CheckReport, quotes: int, imported: int
) -> None:
    """Article and reference facts counted apart; a contradiction between them is a problem."""
    real = "SELECT id FROM entity WHERE NOT synthetic"
    records = conn.execute(f"SELECT count(*) FROM ({real})").fetchone()[0] - imported
    article_links = conn.execute(
        f"SELECT count(*) FROM link WHERE provenance = 'article' AND src_id IN ({real})"
    ).fetchone()[0]
    report.lines.append(
        line("article", f"{records:,} records · {quotes:,} quotes · {article_links:,} links")
    )
    by_field = conn.execute(
        "SELECT field, count(*) FROM reference_fact GROUP BY field ORDER BY field"
    ).fetchall()
    facts = sum(n for _, n in by_field)
    reference_links = conn.execute(
        "SELECT count(*) FROM link WHERE provenance = 'reference'"
    ).fetchone()[0]
    detail = ", ".join(f"{n} {field}" for field, n in by_field)
    summary = f"{facts:,} facts ({detail}) · {reference_links:,} links"
    report.lines.append(line("reference", summary))
    for problem in reference_contradictions(conn):
        report.problems.append(f"reference contradicts the article: {problem}")


def reference_contradictions(conn: sqlite3.Connection) -> list[str]:
    """Every reference value that contradicts, or replaces, an article value."""
    problems: list[str] = []
    for (entity_id,) in conn.execute(
        "SELECT DISTINCT entity_id FROM reference_fact "
        "WHERE entity_id NOT IN (SELECT id FROM entity)"
    ):
        problems.append(f"a reference fact names unknown record {entity_id!r}")
    # The article places the organisation: no reference country may stand in for it.
    for (org_id,) in conn.execute(
        "SELECT DISTINCT r.entity_id FROM reference_fact r JOIN link l ON l.src_id = r.entity_id "
        "AND l.rel = 'located_in' AND l.provenance = 'article' WHERE r.field = 'country'"
    ):
        problems.append(f"{org_id}: a reference country, but the article places it")
    for (org_id,) in conn.execute(
        "SELECT o.id FROM organisation o JOIN reference_fact r ON r.entity_id = o.id "
        "AND r.field = 'kind' WHERE o.kind_provenance = 'article' OR o.kind != r.value"
    ):
        problems.append(f"{org_id}: a reference type, but the article's record gives one")
    for org_id, code, place_code in conn.execute(
        "SELECT o.id, o.country_code, p.iso_code FROM organisation o "
        "JOIN link l ON l.src_id = o.id AND l.rel = 'located_in' "
        "JOIN place p ON p.id = l.dst_id WHERE NOT o.synthetic AND o.country_code != p.iso_code"
    ):
        problems.append(f"{org_id}: country code {code} but located in a place coded {place_code}")
    # An ISO code must be the code of the place the article names.
    for place_id, name, code in conn.execute(
        "SELECT id, name, iso_code FROM place WHERE iso_code IS NOT NULL"
    ):
        named = resolve_country(str(name))
        if named is not None and named.code != code:
            problems.append(
                f"{place_id}: ISO code {code}, but the article's {name!r} is {named.code}"
            )
    # A reference name may not be an article name of any record.
    article_names: dict[str, str] = {}
    for record_id, name_fold in conn.execute(
        "SELECT id, name_fold FROM entity WHERE NOT synthetic UNION ALL "
        "SELECT a.entity_id, a.alias_fold FROM alias a JOIN entity e ON e.id = a.entity_id "
        "WHERE a.provenance = 'article' AND NOT e.synthetic"
    ):
        article_names.setdefault(str(name_fold), str(record_id))
    for record_id, value in conn.execute(
        "SELECT entity_id, value FROM reference_fact "
        "WHERE field IN ('acronym', 'alias', 'former') ORDER BY ord"
    ):
        other = article_names.get(fold(str(value)))
        if other is not None:
            problems.append(
                f"{record_id}: reference name {value!r} is the article's name for {other!r}"
            )
    return problems
