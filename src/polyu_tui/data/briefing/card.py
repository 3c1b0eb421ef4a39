"""What a briefing card says about one record: gathered from the database as plain data.

The name and key fields, what links to the record, its agreements by type and
validity (a user database only), the headline figures that concern it, and the
sentences it comes from, each marked with its provenance: the article, or the
reference a reference fact names.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from polyu_tui.data.agreements.query import status_sql
from polyu_tui.data.agreements.schema import describe, has_agreements
from polyu_tui.data.detail import Detail, get_detail
from polyu_tui.data.format import KIND_LABELS, format_figure, name_with_acronym

ARTICLE = "article"
REFERENCE = "reference"
SYNTHETIC = "synthetic"

# A card is one page: a link group shows this many names, then how many more.
NAMES_PER_GROUP = 12
# Figures about a linked record of these kinds concern this one too (a partner of
# the Dual PhD programme: "more than 20 universities").
FIGURE_HOPS = ("alliance", "programme", "research")
MAX_FIGURES = 8


@dataclass(frozen=True)
class Fact:
    """One key field: its value, and where it comes from."""

    label: str
    value: str
    provenance: str = ARTICLE
    reference: str = ""
    """The reference a reference fact names (empty for an article fact)."""


@dataclass(frozen=True)
class Linked:
    heading: str
    names: tuple[str, ...]
    more: int = 0
    """How many more records than ``names`` the group holds."""


@dataclass(frozen=True)
class AgreementCount:
    agreement_type: str
    status: str
    count: int


@dataclass(frozen=True)
class Figure:
    value: str
    label: str
    about: str
    when: str


@dataclass(frozen=True)
class Source:
    """A sentence the record comes from: the article's verbatim, or a reference fact."""

    text: str
    provenance: str = ARTICLE
    reference: str = ""


@dataclass(frozen=True)
class Brief:
    id: str
    kind: str
    name: str
    title: str
    kind_label: str
    facts: tuple[Fact, ...]
    links: tuple[Linked, ...]
    agreements: tuple[AgreementCount, ...] | None
    """None when no agreements are imported (the bundled database)."""
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    data: str
    """Which data it was made from: 'article', or 'article + 612 agreements imported …'."""
    day: str
    synthetic: bool = False

    @property
    def summary(self) -> str:
        """The record in one line: name, kind, key fields (what ``y`` copies)."""
        facts = "; ".join(f"{fact.label}: {fact.value}" for fact in self.facts[:3])
        return f"{self.title} ({self.kind_label})" + (f". {facts}" if facts else "")


def get_brief(
    conn: sqlite3.Connection, record_id: str, *, today: dt.date | None = None
) -> Brief | None:
    """The briefing card of ``record_id``; None if there is no such record."""
    detail = get_detail(conn, record_id)
    if detail is None:
        return None
    day = today or dt.date.today()
    return Brief(
        id=detail.id,
        kind=detail.kind,
        name=detail.name,
        title=name_with_acronym(detail.name, detail.acronym),
        kind_label=KIND_LABELS.get(detail.kind, detail.kind),
        facts=tuple(_facts(detail)),
        links=tuple(_link_groups(detail)),
        agreements=_agreements(conn, detail, day),
        figures=tuple(_figures(conn, detail)),
        sources=tuple(_sources(detail)),
        data=describe(conn),
        day=day.isoformat(),
        synthetic=detail.synthetic,
    )


def _link_groups(detail: Detail) -> list[Linked]:
    """The detail panel's link groups, a few names each; figures have their own part."""
    out = []
    for group in detail.links:
        names = tuple(r.name for r in group.records if r.kind != "figure")
        if not names:
            continue
        total = max(group.total, len(group.records)) - (len(group.records) - len(names))
        shown = names[:NAMES_PER_GROUP]
        out.append(Linked(group.base or group.heading, shown, total - len(shown)))
    return out


def _facts(detail: Detail) -> list[Fact]:
    provenance = SYNTHETIC if detail.synthetic else ARTICLE
    facts = [Fact(label, value, provenance) for label, value in detail.fields if label != "Kind"]
    if detail.aliases:
        facts.append(Fact("Also known as", ", ".join(detail.aliases), provenance))
    if detail.summary and detail.summary not in {value for _, value in detail.fields}:
        facts.append(Fact("About", detail.summary, provenance))
    return facts


def _sources(detail: Detail) -> list[Source]:
    return [Source(quote, ARTICLE) for quote in detail.sources]


def _agreements(
    conn: sqlite3.Connection, detail: Detail, day: dt.date
) -> tuple[AgreementCount, ...] | None:
    """Agreements by type and validity on ``day``: a partner's own, or those of the
    partners in a place. None when there are no imported agreements at all."""
    if not has_agreements(conn):
        return None
    if detail.kind == "organisation":
        where = "a.organisation_id = ?"
    elif detail.kind == "place":
        where = "a.organisation_id IN (SELECT id FROM organisation WHERE place_id = ?)"
    else:
        return ()
    rows = conn.execute(
        f"SELECT a.agreement_type, ({status_sql(day.isoformat())}), count(*) "
        f"FROM agreement a WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2",
        (detail.id,),
    ).fetchall()
    return tuple(AgreementCount(str(t), str(s), int(n)) for t, s, n in rows)


def _figures(conn: sqlite3.Connection, detail: Detail) -> list[Figure]:
    """Figures about the record, then those about the alliances, programmes and
    research it is linked to, worded as the article gives them."""
    names = {detail.id: detail.name}
    for group in detail.links:
        for record in group.records:
            if record.kind in FIGURE_HOPS:
                names.setdefault(record.id, record.name)
    linked = tuple(r.id for g in detail.links for r in g.records if r.kind == "figure")
    subjects = tuple(names)
    cursor = conn.execute(
        f"SELECT * FROM figure WHERE subject_id IN ({', '.join('?' * len(subjects))}) "
        f"OR id IN ({', '.join('?' * len(linked)) or 'NULL'}) "
        "ORDER BY subject_id IS NOT ? OR subject_id IS NULL, rowid LIMIT ?",
        (*subjects, *linked, detail.id, MAX_FIGURES),
    )
    columns = [c[0] for c in cursor.description]
    out = []
    for row in cursor.fetchall():
        data = dict(zip(columns, row, strict=True))
        out.append(
            Figure(
                value=format_figure(data),
                label=str(data["label"]),
                about=names.get(str(data["subject_id"] or ""), detail.name),
                when=str(data["as_of"] or data["period"] or ""),
            )
        )
    return out
