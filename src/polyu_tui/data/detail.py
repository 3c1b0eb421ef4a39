"""One record in full: its fields, its links in both directions, its sources.

Plain sqlite3, no Textual: every function takes a connection and returns plain data,
so it can run in a worker thread.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from polyu_tui.data.agreements import detail as agreements
from polyu_tui.data.agreements.detail import AgreementRecord
from polyu_tui.data.format import KIND_LABELS, format_count, format_figure, value_label
from polyu_tui.data.reference import FACT_LABELS
from polyu_tui.data.schema import KINDS
from polyu_tui.data.text import fold

# (relation, direction, kind at the other end) -> heading in the detail panel.
# direction "out": this record names the other; "in": the other names this one.
_LINK_HEADINGS: dict[tuple[str, str, str], str] = {
    ("partner", "in", "research"): "Centres and research",
    ("partner", "in", "programme"): "Programmes",
    ("cofounded_by", "in", "alliance"): "Alliances co-founded",
    ("destination", "in", "programme"): "Programmes going here",
    ("located_in", "in", "organisation"): "Organisations here",
    ("located_in", "in", "research"): "Research here",
    ("located_in", "in", "place"): "Places within",
    ("about", "in", "figure"): "Figures",
    ("about", "in", "milestone"): "Milestones",
    ("outcome_of", "in", "outcome"): "Outcomes",
    ("funded_by", "in", "research"): "Funds",
    ("part_of", "in", "organisation"): "Includes",
    ("part_of", "in", "programme"): "Includes",
    ("part_of", "in", "place"): "Includes",
    ("participants_from", "in", "programme"): "Participants came to",
    ("hosts_wie_in", "in", "organisation"): "Hosts WIE students here",
    ("region", "in", "alliance"): "Alliances of this region",
    ("approved_by", "in", "programme"): "Approved",
    ("signed_by", "in", "programme"): "Agreements signed",
}
_REL_HEADINGS: dict[tuple[str, str], str] = {
    ("located_in", "out"): "Located in",
    ("part_of", "out"): "Part of",
    ("cofounded_by", "out"): "Co-founded with",
    ("partner", "out"): "Partners",
    ("partner", "in"): "Partner in",
    ("destination", "out"): "Destinations",
    ("funded_by", "out"): "Funded by",
    ("outcome_of", "out"): "Outcome of",
    ("about", "out"): "About",
    ("participants_from", "out"): "Participants from",
    ("hosts_wie_in", "out"): "Hosts WIE students in",
    ("region", "out"): "Regions",
    ("approved_by", "out"): "Approved by",
    ("signed_by", "out"): "Signed by",
    ("mentions", "out"): "Places named in its sources",
    ("mentions", "in"): "Named in the sources of",
    # Only synthetic databases have members (polyu-tui db synth): alliance -member-> org.
    ("member", "out"): "Members",
    ("member", "in"): "Member of",
}


def link_heading(rel: str, direction: str, other_kind: str) -> str:
    return _LINK_HEADINGS.get(
        (rel, direction, other_kind),
        _REL_HEADINGS.get((rel, direction), f"{rel.replace('_', ' ').capitalize()}"),
    )


@dataclass(frozen=True)
class LinkedRecord:
    id: str
    kind: str
    name: str
    reference: bool = False
    """The link comes from a reference fact (a partner's country), not the article."""


@dataclass(frozen=True)
class ReferenceRow:
    """One reference fact about a record, as the detail panel lists it."""

    label: str
    value: str
    reference: str


@dataclass(frozen=True)
class LinkGroup:
    heading: str
    records: tuple[LinkedRecord, ...]
    total: int = 0
    """How many records the group holds, when that is more than ``records``."""
    base: str = ""
    """The heading without its '(first … of …)'."""
    relation: str = ""
    direction: str = ""
    """Set for a group of imported links (an agreement's partner and country, a partner's
    agreements), which the link table does not hold: its relation and 'out' or 'in'."""


@dataclass(frozen=True)
class Detail:
    id: str
    kind: str
    name: str
    acronym: str | None
    summary: str
    fields: tuple[tuple[str, str], ...]
    links: tuple[LinkGroup, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    synthetic: bool = False
    references: tuple[ReferenceRow, ...] = ()
    """Every reference fact about the record, each with its reference."""
    marked: frozenset[str] = frozenset()
    """Labels of ``fields`` whose value comes from the reference layer."""
    # Not from the article: where it was imported from ('list.csv:7', or the import's
    # files for a partner an import added); '' for the article's own records.
    imported: str = ""


def get_detail(
    conn: sqlite3.Connection,
    record_id: str,
    *,
    today: date | None = None,
    personal: bool = True,
) -> Detail | None:
    """Everything about one record: its fields, its links both ways, its sources.
    An imported agreement is a record too, and a partner lists its agreements;
    ``personal=False`` leaves out an agreement's contact and notes."""
    if record_id.startswith(agreements.ID_PREFIX):
        return _agreement(
            agreements.agreement_detail(conn, record_id, today=today, personal=personal)
        )
    row = conn.execute(
        "SELECT id, kind, name, acronym, summary, sources, synthetic FROM entity WHERE id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        return None
    kind = str(row[1])
    aliases = tuple(
        str(a[0])
        for a in conn.execute(
            "SELECT alias FROM alias WHERE entity_id = ? AND provenance = 'article' ORDER BY alias",
            (record_id,),
        )
        if a[0] != row[3]
    )
    fields, marked = _fields(conn, kind, record_id)
    return Detail(
        id=str(row[0]),
        kind=kind,
        name=str(row[2]),
        acronym=row[3],
        summary=str(row[4] or ""),
        fields=tuple(fields),
        links=tuple(_links(conn, record_id))
        + (
            _groups(agreements.partner_agreements(conn, record_id, today=today))
            if kind == "organisation"
            else ()
        ),
        sources=tuple(json.loads(row[5])),
        aliases=aliases,
        synthetic=bool(row[6]),
        references=tuple(reference_rows(conn, record_id)),
        marked=frozenset(marked),
        imported=agreements.imported_from(conn, record_id),
    )


def _groups(*groups: agreements.Group | None) -> tuple[LinkGroup, ...]:
    return tuple(
        LinkGroup(
            group.heading,
            tuple(LinkedRecord(*link) for link in group.links),
            relation=group.relation,
            direction=group.direction,
        )
        for group in groups
        if group is not None
    )


def source_note(detail: Detail) -> str:
    """Where a record without the article's sentences comes from ('' when it has them)."""
    if detail.imported:
        return f"Imported from the office's own list ({detail.imported}), not from the article."
    if not detail.sources:
        return "None: generated for scale tests."
    return ""


def _agreement(record: AgreementRecord | None) -> Detail | None:
    if record is None:
        return None
    return Detail(
        id=record.id,
        kind="agreement",
        name=record.name,
        acronym=None,
        summary=record.summary,
        fields=tuple(record.fields),
        links=_groups(*record.links),
        sources=(),
        imported=record.source,
    )


def reference_rows(conn: sqlite3.Connection, record_id: str) -> list[ReferenceRow]:
    """The reference facts about a record, in the order the reference files give them."""
    return [
        ReferenceRow(FACT_LABELS.get(str(field), str(field)), str(value), str(reference))
        for field, value, reference in conn.execute(
            "SELECT field, value, reference FROM reference_fact WHERE entity_id = ? ORDER BY ord",
            (record_id,),
        )
    ]


def _fields(
    conn: sqlite3.Connection, kind: str, record_id: str
) -> tuple[list[tuple[str, str]], set[str]]:
    """A record's fields as (label, value), and the labels whose value is a reference fact."""
    if kind not in KINDS:  # each kind has a table of its name; nothing else is read
        return [], set()
    cursor = conn.execute(f"SELECT * FROM [{kind}] WHERE id = ?", (record_id,))
    row = cursor.fetchone()
    if row is None:
        return [], set()
    data = dict(zip([c[0] for c in cursor.description], row, strict=True))
    out: list[tuple[str, str]] = [("Kind", KIND_LABELS[kind])]
    marked: set[str] = set()
    if kind == "organisation":
        out += [
            ("Type", value_label(data["kind"])),
            ("Country or region", data["country"]),
            ("Partnership", data["relationship"]),
        ]
        if data["country_provenance"] == "reference":
            marked.add("Country or region")
        if data["kind_provenance"] == "reference":
            marked.add("Type")
    elif kind == "alliance":
        out += [
            (
                "Grouping",
                "Belt and Road" if data["grouping"] == "belt-and-road" else "International",
            ),
            ("PolyU’s role", value_label(data["polyu_role"])),
            ("Role in detail", data["role_detail"]),
            ("Founded", data["founded_year"]),
            (
                "Members",
                format_count(data["member_qualifier"], data["member_count"], data["member_unit"]),
            ),
            ("Countries", format_count(None, data["country_count"], data["country_unit"])),
            ("Focus", data["focus"]),
        ]
    elif kind == "research":
        out += [("Type", value_label(data["kind"])), ("Founded", data["founded_year"])]
    elif kind == "programme":
        out += [
            ("Type", value_label(data["kind"])),
            ("Since", data["started_year"]),
            ("Period", data["period"]),
        ]
    elif kind == "place":
        out += [("Type", value_label(data["kind"]))]
    elif kind == "figure":
        out += [
            ("Figure", format_figure(data)),
            ("Counts", data["label"]),
            ("Period", data["period"]),
            ("As of", data["as_of"]),
            ("Status", value_label(data["status"])),
        ]
    elif kind == "milestone":
        out += [("Year", data["period"] or data["year"]), ("Type", value_label(data["kind"]))]
    shown = [(label, str(value)) for label, value in out if value not in (None, "")]
    return shown, {label for label, _ in shown if label in marked}


# Links shown per relation: a programme on a synthetic database has hundreds of
# thousands of partners, and the panel must still open at once and show its other links.
LINKS_PER_GROUP = 200


def _links(conn: sqlite3.Connection, record_id: str) -> list[LinkGroup]:
    groups: dict[str, list[tuple[int, str, LinkedRecord]]] = {}
    totals: dict[str, int] = {}
    for direction, own, other in (("out", "src_id", "dst_id"), ("in", "dst_id", "src_id")):
        for rel, total in conn.execute(
            f"SELECT rel, count(*) FROM link WHERE {own} = ? GROUP BY rel", (record_id,)
        ).fetchall():
            # A record's own lists keep the article's order; what points at it goes by name.
            # Sorting a big group would read all of it; past the limit take any first ones.
            order = "ORDER BY l.ord" if direction == "out" and total <= LINKS_PER_GROUP else ""
            rows = conn.execute(
                f"SELECT e.id, e.kind, e.name, l.ord, l.provenance FROM link l "
                f"JOIN entity e ON e.id = l.{other} WHERE l.{own} = ? AND l.rel = ? "
                f"{order} LIMIT ?",
                (record_id, rel, LINKS_PER_GROUP),
            ).fetchall()
            headings = set()
            for other_id, other_kind, other_name, position, provenance in rows:
                heading = link_heading(str(rel), direction, str(other_kind))
                headings.add(heading)
                rank = int(position) if direction == "out" else 0
                record = LinkedRecord(
                    other_id, other_kind, other_name, reference=provenance == "reference"
                )
                groups.setdefault(heading, []).append((rank, fold(other_name), record))
            if total > LINKS_PER_GROUP:
                for heading in headings:
                    totals[heading] = totals.get(heading, 0) + int(total)
    result = []
    for heading, items in groups.items():
        shown = tuple(item[2] for item in sorted(items, key=lambda i: i[:2]))
        total = totals.get(heading, 0)
        shown_heading = f"{heading} (first {len(shown):,} of {total:,})" if total else heading
        result.append(LinkGroup(shown_heading, shown, total, heading))
    return result
