"""`polyu-tui show REF`: one record, every field with where it comes from, its links both ways.

A field is either an article fact (its source is the quoted sentence) or a reference
fact (its source is the reference it names). Plain data and plain text: no Textual.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from polyu_tui.data.agreements.detail import AGREEMENT_KIND
from polyu_tui.data.agreements.schema import has_agreements
from polyu_tui.data.detail import LINKS_PER_GROUP, Detail, get_detail, source_note
from polyu_tui.data.errors import PolyuError
from polyu_tui.data.schema import KINDS
from polyu_tui.data.text import fold

REFERENCE_MARK = "†"
REFERENCE_LEGEND = f"{REFERENCE_MARK} not in the article: reference"


class UnknownRecord(PolyuError):
    """REF names no record."""


@dataclass(frozen=True)
class Field:
    field: str
    value: str
    provenance: str
    """'article', 'reference' or 'synthetic'."""
    source: str
    """The quoted sentence (article) or the reference it names (reference)."""


@dataclass(frozen=True)
class Link:
    relation: str
    direction: str
    """'out': this record names the other; 'in': the other names this one."""
    kind: str
    id: str
    name: str
    provenance: str


@dataclass(frozen=True)
class Shown:
    detail: Detail
    fields: tuple[Field, ...]
    links: tuple[Link, ...]
    more: tuple[tuple[str, str, int], ...] = ()
    """(relation, direction, total) of each relation with more links than are listed."""

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.detail.kind,
            "id": self.detail.id,
            "name": self.detail.name,
            "fields": [
                {"field": f.field, "value": f.value, "provenance": f.provenance, "source": f.source}
                for f in self.fields
            ],
            "links": [
                {
                    "relation": link.relation,
                    "direction": link.direction,
                    "kind": link.kind,
                    "id": link.id,
                    "name": link.name,
                    "provenance": link.provenance,
                }
                for link in self.links
            ],
            "sources": list(self.detail.sources),
            "imported": self.detail.imported,
            "more_links": [
                {"relation": rel, "direction": direction, "total": total}
                for rel, direction, total in self.more
            ],
        }


def resolve_ref(conn: sqlite3.Connection, ref: str) -> str:
    """The record id REF names: 'kind/id', or the best hit of a name search."""
    text = ref.strip()
    kind, slash, record_id = text.partition("/")
    if slash and kind == AGREEMENT_KIND and has_agreements(conn):
        found = conn.execute("SELECT id FROM agreement WHERE id = ?", (text,)).fetchone()
        if found is None:
            raise UnknownRecord(f"no record {text!r}")
        return str(found[0])
    if slash and kind in KINDS:
        row = conn.execute(
            "SELECT id FROM entity WHERE kind = ? AND id = ?", (kind, record_id)
        ).fetchone()
        if row is None:
            raise UnknownRecord(f"no record {text!r}")
        return str(row[0])
    from polyu_tui.data.search import search

    results = search(conn, text, limit=1)
    if not results:
        raise UnknownRecord(f"no record matches {text!r}")
    return results[0].id


# A field the reference layer fills -> the label of the reference fact it comes from.
_MARKED_FROM = {"Country or region": "Country"}


def _quote_for(value: str, quotes: tuple[str, ...]) -> str:
    """The quoted sentence that holds ``value``, else the record's first quote."""
    wanted = fold(value)
    for quote in quotes:
        if wanted and wanted in fold(quote):
            return quote
    return quotes[0] if quotes else ""


def show_record(conn: sqlite3.Connection, record_id: str) -> Shown:
    detail = get_detail(conn, record_id)
    if detail is None:
        raise UnknownRecord(f"no record {record_id!r}")
    links: list[Link] = []
    more: list[tuple[str, str, int]] = []
    for direction, own, other_end in (("out", "src_id", "dst_id"), ("in", "dst_id", "src_id")):
        for rel, total in conn.execute(
            f"SELECT rel, count(*) FROM link WHERE {own} = ? GROUP BY rel ORDER BY rel",
            (record_id,),
        ).fetchall():
            # A programme of a synthetic database has hundreds of thousands of partners:
            # past LINKS_PER_GROUP, the first ones the index gives, unsorted.
            order = "ORDER BY l.ord, e.name_fold" if total <= LINKS_PER_GROUP else ""
            links += [
                Link(str(rel), direction, str(kind), str(other), str(name), str(provenance))
                for kind, other, name, provenance in conn.execute(
                    f"SELECT e.kind, e.id, e.name, l.provenance FROM link l "
                    f"JOIN entity e ON e.id = l.{other_end} WHERE l.{own} = ? AND l.rel = ? "
                    f"{order} LIMIT ?",
                    (record_id, rel, LINKS_PER_GROUP),
                )
            ]
            if total > LINKS_PER_GROUP:
                more.append((str(rel), direction, int(total)))
    # The imported agreements' links (an agreement's partner and country, a partner's
    # agreements) are not in the link table: the detail panel's groups hold them.
    links += [
        Link(
            group.relation,
            group.direction,
            record.kind,
            record.id,
            record.name,
            "reference" if record.reference else "imported",
        )
        for group in detail.links
        if group.relation
        for record in group.records
    ]
    return Shown(detail, record_fields(detail), tuple(links), tuple(more))


def record_fields(detail: Detail) -> tuple[Field, ...]:
    """Every field of a record with its provenance: the article's (with the quoted
    sentence that holds it), or the reference layer's (with the reference it names)."""
    base = "synthetic" if detail.synthetic else "article"

    def article(field: str, value: str) -> Field:
        return Field(field, value, base, _quote_for(value, detail.sources))

    fields = [article("Name", detail.name)]
    if detail.acronym:
        fields.append(article("Acronym", detail.acronym))
    reference_by_label = {row.label: row for row in detail.references}
    for label, value in detail.fields:
        if label == "Kind":
            continue  # the record's kind is `kind`
        if label in detail.marked:
            # A value taken from the reference layer (a partner's country or type):
            # its reference is that of the reference fact it comes from.
            reference = reference_by_label.get(_MARKED_FROM.get(label, label))
            fields.append(
                Field(label, value, "reference", reference.reference if reference else "")
            )
        else:
            fields.append(article(label, value))
    fields += [article("Also known as", alias) for alias in detail.aliases]
    if detail.summary and detail.summary not in {value for _, value in detail.fields}:
        fields.append(
            Field("About", detail.summary, base, detail.sources[0] if detail.sources else "")
        )
    fields += [Field(row.label, row.value, "reference", row.reference) for row in detail.references]
    return tuple(fields)


def show_text(shown: Shown) -> str:
    """The record as plain text: fields with their provenance, links, sources, legend."""
    detail = shown.detail
    lines = [f"{detail.name}  ({_ref(detail.kind, detail.id)})", ""]
    width = max(len(f.field) for f in shown.fields)
    for f in shown.fields:
        mark = f" {REFERENCE_MARK}" if f.provenance == "reference" else ""
        lines.append(f"  {f.field:<{width}}  {f.value}{mark}")
        if f.provenance == "reference":
            lines.append(f"  {'':<{width}}  reference: {f.source}")
    if shown.links:
        lines += ["", "Links"]
        for link in shown.links:
            arrow = "→" if link.direction == "out" else "←"
            mark = f" {REFERENCE_MARK}" if link.provenance == "reference" else ""
            lines.append(
                f"  {arrow} {link.relation.replace('_', ' ')}: {link.name} "
                f"({_ref(link.kind, link.id)}){mark}"
            )
        for rel, direction, total in shown.more:
            arrow = "→" if direction == "out" else "←"
            lines.append(
                f"  {arrow} {rel.replace('_', ' ')}: the first {LINKS_PER_GROUP:,} of {total:,}"
            )
    lines += ["", "Source" if detail.imported else "Sources (article)"]
    note = source_note(detail)
    if note:
        lines.append(f"  {note}")
    lines += [f"  “{quote}”" for quote in detail.sources]
    if any(f.provenance == "reference" for f in shown.fields) or any(
        link.provenance == "reference" for link in shown.links
    ):
        lines += ["", REFERENCE_LEGEND]
    return "\n".join(lines)


def _ref(kind: str, record_id: str) -> str:
    """kind/id, as `show` takes it; an agreement's id holds its kind already."""
    return record_id if record_id.startswith(f"{kind}/") else f"{kind}/{record_id}"
