"""An agreement's detail record, and the agreements a partner's detail lists."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from polyu_tui.data.agreements.query import status_sql
from polyu_tui.data.agreements.schema import has_agreements
from polyu_tui.data.agreements.view import (
    DIRECTION_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    AgreementRow,
    agreements_of,
)

AGREEMENT_KIND = "agreement"
ID_PREFIX = "agreement/"

# (record id, kind, name, from a reference fact) of a linked record.
Link = tuple[str, str, str, bool]


@dataclass(frozen=True)
class Group:
    """Records an agreement links, or a partner's agreements: the imported data's links,
    which the bundled database's link table does not hold."""

    heading: str
    relation: str
    direction: str
    """'out': this record names the others; 'in': the others name this one."""
    links: list[Link]


@dataclass(frozen=True)
class AgreementRecord:
    """What the detail panel shows of an agreement (data/detail.py makes it a Detail)."""

    id: str
    name: str
    summary: str
    fields: list[tuple[str, str]]
    links: list[Group]
    source: str  # 'list.csv:7'


def _dates(start: str, end: str) -> str:
    return f"{start} → {end or 'open-ended'}"


def _places(out: int | None, into: int | None) -> str:
    parts = []
    if out is not None:
        parts.append(f"{out} out")
    if into is not None:
        parts.append(f"{into} in")
    return ", ".join(parts)


def agreement_line(row: AgreementRow) -> str:
    """One agreement in a partner's list: type, unit, dates, status, places."""
    parts = [
        TYPE_LABELS.get(row.agreement_type, row.agreement_type),
        row.polyu_unit,
        _dates(row.start_date, row.end_date),
        STATUS_LABELS.get(row.status, row.status),
        _places(row.places_out, row.places_in),
    ]
    return " · ".join(part for part in parts if part)


def partner_agreements(
    conn: sqlite3.Connection, organisation_id: str, *, today: dt.date | None = None
) -> Group | None:
    """The 'Agreements (imported)' group of a partner's detail, or None."""
    if not has_agreements(conn):
        return None
    rows = agreements_of(conn, organisation_id, today=today)
    if not rows:
        return None
    return Group(
        f"Agreements (imported, {len(rows)})",
        AGREEMENT_KIND,
        "in",
        [(row.id, AGREEMENT_KIND, agreement_line(row), False) for row in rows],
    )


def contact(name: str, email: str) -> str:
    """Whom to contact: 'Name <email>', or whichever of the two is known."""
    if name and email:
        return f"{name} <{email}>"
    return name or email


# Fields that hold personal data or the office's own notes: never on a briefing card
# (presenter mode's private store reads them as empty, so the panel leaves them out).
PRIVATE_FIELDS = frozenset({"Contact", "Notes"})


def agreement_detail(
    conn: sqlite3.Connection,
    record_id: str,
    *,
    today: dt.date | None = None,
    personal: bool = True,
) -> AgreementRecord | None:
    """An imported agreement as a record: its fields, its partner and country as links.
    ``personal=False`` leaves out its contact and notes."""
    if not record_id.startswith(ID_PREFIX) or not has_agreements(conn):
        return None
    day = (today or dt.date.today()).isoformat()
    cursor = conn.execute(
        f"SELECT a.*, ({status_sql(day)}) AS shown_status, o.name AS org_name, "
        "o.place_id AS place_id FROM agreement a "
        "LEFT JOIN organisation o ON o.id = a.organisation_id WHERE a.id = ?",
        (record_id,),
    )
    row = cursor.fetchone()
    if row is None:
        return None
    data = dict(zip([column[0] for column in cursor.description], row, strict=True))
    type_label = TYPE_LABELS.get(data["agreement_type"], data["agreement_type"])
    status = str(data["shown_status"])
    status_label = STATUS_LABELS.get(status, status)
    if not data["status"]:
        status_label += " (from the dates)"
    levels = ", ".join(LEVEL_LABELS.get(v, v) for v in str(data["level"]).split(";") if v)
    fields = [
        ("Type", type_label),
        ("Partner", str(data["partner"])),
        ("Country or region", f"{data['country']} ({data['country_code']})"),
        ("Dates", _dates(str(data["start_date"]), str(data["end_date"]))),
        ("Status", status_label),
        ("PolyU unit", str(data["polyu_unit"])),
        ("Partner unit", str(data["partner_unit"])),
        ("Level", levels),
        ("Direction", DIRECTION_LABELS.get(str(data["direction"]), str(data["direction"]))),
        ("Places", _places(data["places_out"], data["places_in"])),
        ("Subject area", str(data["subject_area"])),
        ("City", str(data["city"])),
        ("Agreement id", str(data["agreement_id"])),
        ("URL", str(data["url"])),
        ("Notes", str(data["notes"])),
        ("Contact", contact(str(data["contact_name"]), str(data["contact_email"]))),
    ]
    if not personal:
        fields = [(label, value) for label, value in fields if label not in PRIVATE_FIELDS]
    links = [
        Group(
            "Partner",
            "partner",
            "out",
            [(str(data["organisation_id"]), "organisation", str(data["org_name"]), False)],
        )
    ]
    place = _country(conn, data)
    if place is not None:
        links.append(Group("Country or region", "country", "out", [place]))
    name = f"{type_label}: {data['partner']}"
    return AgreementRecord(
        id=record_id,
        name=name,
        summary="An agreement from the office's own list, not from the article.",
        fields=[(label, value) for label, value in fields if value],
        links=links,
        source=str(data["source"]),
    )


def _country(conn: sqlite3.Connection, data: dict[str, object]) -> Link | None:
    """The agreement's country or region as a link: the partner's place when the article
    gives it, else the country of the agreement's ISO code, marked reference when the
    partner's place there is a reference fact (South Korea for Korea University)."""
    if data["place_id"]:
        place = conn.execute("SELECT name FROM place WHERE id = ?", (data["place_id"],)).fetchone()
        if place is not None:
            return (str(data["place_id"]), "place", str(place[0]), False)
    if not data["country_code"]:
        return None
    found = conn.execute(
        "SELECT p.id, p.name, l.provenance FROM place p "
        "LEFT JOIN link l ON l.src_id = ? AND l.rel = 'located_in' AND l.dst_id = p.id "
        "WHERE p.kind = 'country' AND p.iso_code = ? ORDER BY l.provenance IS NULL LIMIT 1",
        (data["organisation_id"], data["country_code"]),
    ).fetchone()
    if found is None:
        return None
    return (str(found[0]), "place", str(found[1]), found[2] == "reference")


def imported_from(conn: sqlite3.Connection, entity_id: str) -> str:
    """For a record an import added (a partner the article does not name): the files it
    came from; '' for the article's records."""
    if not has_agreements(conn):
        return ""
    row = conn.execute("SELECT 1 FROM imported_record WHERE entity_id = ?", (entity_id,)).fetchone()
    if row is None:
        return ""
    files = conn.execute("SELECT value FROM meta WHERE key = 'import_files'").fetchone()
    return str(files[0]) if files else "the office's list"
