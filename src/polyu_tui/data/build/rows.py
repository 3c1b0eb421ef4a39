"""The records as rows for every table: typed fields, links, aliases, place mentions,
the full-text index."""

from __future__ import annotations

import json
import re
from typing import Any

from polyu_tui.data.build.sources import REF_FIELDS, Record, Sources, refs_of
from polyu_tui.data.format import format_figure, value_label
from polyu_tui.data.text import fold

# Words in an organisation's relationship text -> facet values.
RELATION_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("innohk", "research"),
    ("research", "research"),
    ("centre", "research"),
    ("industry", "industry"),
    ("phd", "education"),
    ("education", "education"),
    ("agreement", "education"),
    ("exchange", "exchange"),
    ("wie", "wie"),
    ("work-integrated", "wie"),
    ("alliance", "alliance"),
    ("co-founder", "alliance"),
    ("network", "alliance"),
    ("belt and road", "belt-and-road"),
    ("b&r", "belt-and-road"),
    ("government", "government"),
    ("ministry", "government"),
)


def relations_for(relationship: str) -> list[str]:
    """Facet values for an organisation's relationship text, in a stable order."""
    lowered = relationship.casefold()
    found: list[str] = []
    for keyword, relation in RELATION_KEYWORDS:
        if keyword in lowered and relation not in found:
            found.append(relation)
    return found


def _summary(record: Record) -> str:
    data = record.data
    if record.kind == "figure":
        return format_figure(data)
    for key in ("description", "focus", "relationship", "text", "label"):
        if data.get(key):
            return str(data[key])
    if record.kind == "place":
        return value_label(data.get("kind"))
    return ""


def place_mentions(
    records: list[Record], links: list[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """(record, 'mentions', place) wherever a record's own source sentences name a place.

    This is how a country reaches everything the article says about it, such as the
    countries listed only in a sentence about agreements or non-local students.
    Records already linked to the place some other way are left as they are.
    """
    linked = {(src, dst) for src, _rel, dst in links} | {(dst, src) for src, _rel, dst in links}
    all_names = {
        str(n)
        for r in records
        for n in (r.name, r.data.get("acronym"), *r.data.get("aliases", []))
        if n
    }
    places = []
    for place in (r for r in records if r.kind == "place"):
        own = {place.name, *place.data.get("aliases", [])}
        alternatives = "|".join(re.escape(n) for n in sorted(own, key=len, reverse=True))
        # A longer name that contains this place's name ("State Grid Corporation of
        # China", "Hong Kong Science Park") names something else, not the place.
        containing = sorted(
            (n for n in all_names if n not in own and any(o in n for o in own)),
            key=len,
            reverse=True,
        )
        places.append((place.id, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), containing))
    mentions = []
    for record in records:
        if record.kind == "place":
            continue
        text = " ".join(record.data["sources"])
        for place_id, pattern, containing in places:
            if (record.id, place_id) in linked:
                continue
            masked = text
            for name in containing:
                masked = masked.replace(name, " " * len(name))
            if pattern.search(masked):
                mentions.append((record.id, "mentions", place_id))
    return mentions


def build_rows(sources: Sources) -> dict[str, list[dict[str, Any]]]:
    """Turn validated source records into table rows."""
    by_id = sources.by_id()
    rows: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "entity",
            "alias",
            "place",
            "organisation",
            "organisation_relation",
            "alliance",
            "research",
            "programme",
            "outcome",
            "figure",
            "milestone",
            "link",
            "search_index",
        )
    }
    links: list[tuple[str, str, str]] = []
    # Lists keep the article's order (the top three destinations are ranked).
    order: dict[tuple[str, str, str], int] = {}
    for record in sources.records:
        for field_name, rel in REF_FIELDS.items():
            for position, ref in enumerate(refs_of(record.data.get(field_name))):
                links.append((record.id, rel, ref))
                order.setdefault((record.id, rel, ref), position)
    links = sorted(set(links))
    neighbours: dict[str, list[str]] = {}
    for src, _rel, dst in links:
        neighbours.setdefault(src, []).append(by_id[dst].name)
        neighbours.setdefault(dst, []).append(by_id[src].name)
    links = sorted([*links, *place_mentions(sources.records, links)])

    for rowid, record in enumerate(sources.records, start=1):
        data = record.data
        acronym = data.get("acronym") or None
        aliases = [a for a in [acronym, *data.get("aliases", [])] if a]
        rows["entity"].append(
            {
                "rowid": rowid,
                "id": record.id,
                "kind": record.kind,
                "name": record.name,
                "name_fold": fold(record.name),
                "acronym": acronym,
                "category": data.get("kind") or data.get("grouping") or data.get("status"),
                "summary": _summary(record),
                "sources": json.dumps(data["sources"], ensure_ascii=False),
                "synthetic": 0,
            }
        )
        for alias in dict.fromkeys(aliases):
            rows["alias"].append(
                {"entity_id": record.id, "alias": alias, "alias_fold": fold(alias)}
            )
        body_parts = [
            _summary(record),
            *(str(data[k]) for k in ("relationship", "role_detail", "period") if data.get(k)),
            *neighbours.get(record.id, []),
        ]
        rows["search_index"].append(
            {
                "rowid": rowid,
                "name": record.name,
                "aliases": " ".join(aliases),
                "body": " · ".join(dict.fromkeys(p for p in body_parts if p)),
                "kind": record.kind,
            }
        )
        _typed_row(record, rowid, by_id, rows)
    rows["link"] = [
        {"src_id": s, "rel": r, "dst_id": d, "ord": order.get((s, r, d), 0)} for s, r, d in links
    ]
    return rows


def _typed_row(
    record: Record, rowid: int, by_id: dict[str, Record], rows: dict[str, list[dict[str, Any]]]
) -> None:
    data = record.data
    if record.kind == "place":
        rows["place"].append(
            {
                "id": record.id,
                "name": record.name,
                "kind": data["kind"],
                "parent_id": data.get("parent"),
            }
        )
    elif record.kind == "organisation":
        place_id = data.get("place")
        country = by_id[place_id].name if place_id else ""
        relationship = str(data.get("relationship", ""))
        rows["organisation"].append(
            {
                "rowid": rowid,
                "id": record.id,
                "name": record.name,
                "name_fold": fold(record.name),
                "acronym": data.get("acronym"),
                "kind": data["kind"],
                "place_id": place_id,
                "country": country,
                "country_fold": fold(country),
                "parent_id": data.get("parent"),
                "relationship": relationship,
                "description": data.get("description"),
                "synthetic": 0,
            }
        )
        for relation in relations_for(relationship):
            rows["organisation_relation"].append(
                {"organisation_id": record.id, "relation": relation}
            )
    elif record.kind == "alliance":
        rows["alliance"].append(
            {
                "id": record.id,
                "name": record.name,
                "acronym": data.get("acronym"),
                "grouping": data["grouping"],
                "polyu_role": data["polyu_role"],
                "role_detail": data.get("role_detail"),
                "founded_year": data.get("founded_year"),
                "member_count": data.get("member_count"),
                "member_qualifier": data.get("member_qualifier"),
                "member_unit": data.get("member_unit"),
                "country_count": data.get("country_count"),
                "country_unit": data.get("country_unit"),
                "focus": data.get("focus"),
            }
        )
    elif record.kind == "research":
        rows["research"].append(
            {
                "id": record.id,
                "name": record.name,
                "acronym": data.get("acronym"),
                "kind": data["kind"],
                "place_id": data.get("place"),
                "funding_id": data.get("funding"),
                "founded_year": data.get("founded_year"),
                "description": data.get("description"),
            }
        )
    elif record.kind == "programme":
        rows["programme"].append(
            {
                "id": record.id,
                "name": record.name,
                "acronym": data.get("acronym"),
                "kind": data["kind"],
                "started_year": data.get("started_year"),
                "period": data.get("period"),
                "description": data.get("description"),
            }
        )
    elif record.kind == "outcome":
        rows["outcome"].append(
            {"id": record.id, "programme_id": data["programme"], "text": data["text"]}
        )
    elif record.kind == "figure":
        rows["figure"].append(
            {
                "id": record.id,
                "label": data["label"],
                "value": float(data["value"]),
                "unit": data.get("unit", ""),
                "qualifier": data.get("qualifier", "exact"),
                "period": data.get("period"),
                "as_of": data.get("as_of"),
                "status": data.get("status", "actual"),
                "subject_id": data.get("subject"),
                "card": data.get("card"),
            }
        )
    elif record.kind == "milestone":
        rows["milestone"].append(
            {
                "id": record.id,
                "year": int(data["year"]),
                "period": data.get("period"),
                "label": data["label"],
                "kind": data.get("kind", "event"),
                "subject_id": data.get("subject"),
            }
        )
