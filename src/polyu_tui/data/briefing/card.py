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
from polyu_tui.data.show import REFERENCE_MARK, record_fields

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
class Name:
    name: str
    reference: bool = False
    """The link comes from a reference fact (a partner's country), not the article."""


@dataclass(frozen=True)
class Linked:
    heading: str
    names: tuple[Name, ...]
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
        facts = "; ".join(
            f"{fact.label}: {fact.value}"
            + (f" {REFERENCE_MARK}" if fact.provenance == REFERENCE else "")
            for fact in self.facts[:3]
        )
        return f"{self.title} ({self.kind_label})" + (f". {facts}" if facts else "")


def get_brief(
    conn: sqlite3.Connection, record_id: str, *, today: dt.date | None = None
) -> Brief | None:
    """The briefing card of ``record_id``; None if there is no such record."""
    # A card is handed round: no contact and no note of an agreement on it.
    detail = get_detail(conn, record_id, personal=False)
    if detail is None:
        return None
    day = today or dt.date.today()
    facts = _facts(detail)
    return Brief(
        id=detail.id,
        kind=detail.kind,
        name=detail.name,
        title=name_with_acronym(detail.name, detail.acronym),
        kind_label=KIND_LABELS.get(detail.kind, detail.kind),
        facts=tuple(facts),
        links=tuple(_link_groups(detail)),
        agreements=_agreements(conn, detail, day),
        figures=tuple(_figures(conn, detail)),
        sources=tuple(_sources(detail, facts)),
        data=describe(conn),
        day=day.isoformat(),
        synthetic=detail.synthetic,
    )


def _link_groups(detail: Detail) -> list[Linked]:
    """The detail panel's link groups, a few names each; figures have their own part."""
    out = []
    for group in detail.links:
        names = tuple(Name(r.name, r.reference) for r in group.records if r.kind != "figure")
        if not names:
            continue
        total = max(group.total, len(group.records)) - (len(group.records) - len(names))
        shown = names[:NAMES_PER_GROUP]
        out.append(Linked(group.base or group.heading, shown, total - len(shown)))
    return out


# Shown in the card's title, not among its facts.
_IN_TITLE = ("Name", "Acronym")


def _facts(detail: Detail) -> list[Fact]:
    """The record's fields, each with its provenance (as ``polyu-tui show`` gives them);
    several values of one label and provenance (aliases, topics) on one line."""
    fields = record_fields(detail)
    # A reference fact that a field already shows (the country as an ISO code, the
    # type the Type field shows) is said once.
    restated = {"ISO code", "Country"} if "Country or region" in detail.marked else set()
    restated |= detail.marked
    facts: dict[tuple[str, str, str], list[str]] = {}
    for field in fields:
        if field.field in _IN_TITLE:
            continue
        if field.field in restated and (field.field, field.value) not in detail.fields:
            continue
        reference = field.source if field.provenance == REFERENCE else ""
        facts.setdefault((field.field, field.provenance, reference), []).append(field.value)
    return [
        Fact(label, ", ".join(values), provenance, reference)
        for (label, provenance, reference), values in facts.items()
    ]


def _sources(detail: Detail, facts: list[Fact]) -> list[Source]:
    """The article's sentences, then each reference with the facts taken from it."""
    out = [Source(quote, ARTICLE) for quote in detail.sources]
    by_reference: dict[str, list[str]] = {}
    for fact in facts:
        if fact.provenance == REFERENCE:
            by_reference.setdefault(fact.reference, []).append(f"{fact.label}: {fact.value}")
    out += [Source("; ".join(said), REFERENCE, ref) for ref, said in by_reference.items()]
    return out


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
