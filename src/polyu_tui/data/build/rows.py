"""The records as rows for every table: typed fields, links, aliases, place mentions
(mentions.py), the reference layer's facts and links (reference.py), the full-text index."""

from __future__ import annotations

import json
import re
from typing import Any

from polyu_tui.data.build.sources import REF_FIELDS, Record, Sources, refs_of
from polyu_tui.data.format import format_figure, value_label
from polyu_tui.data.mentions import SourcedRecord, place_mentions
from polyu_tui.data.reference import (
    OrganisationPlace,
    ReferenceLayer,
    article_names,
    organisation_places,
    reference_search_text,
)
from polyu_tui.data.schema import ROW_TABLES
from polyu_tui.data.text import fold, name_terms

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


def build_rows(sources: Sources) -> dict[str, list[dict[str, Any]]]:
    """Turn validated source records into table rows."""
    by_id = sources.by_id()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ROW_TABLES}
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
    layer = sources.reference
    located = organisation_places(layer, sources.records)
    # An organisation the reference layer puts in a country is linked to its place.
    reference_links = {
        (org_id, "located_in", where.place_id)
        for org_id, where in located.items()
        if where.provenance == "reference" and where.place_id
    }
    linked = {(s, d) for s, _r, d in [*links, *reference_links]}
    linked |= {(d, s) for s, d in linked}
    sourced = [
        SourcedRecord(r.id, r.kind, article_names(r), tuple(r.data["sources"]))
        for r in sources.records
    ]
    links = sorted([*links, *reference_links, *place_mentions(sourced, linked)])

    for rowid, record in enumerate(sources.records, start=1):
        data = record.data
        acronym = data.get("acronym") or None
        aliases = [a for a in [acronym, *data.get("aliases", [])] if a]
        where = located.get(record.id)
        rows["entity"].append(
            {
                "rowid": rowid,
                "id": record.id,
                "kind": record.kind,
                "name": record.name,
                "name_fold": fold(record.name),
                "acronym": acronym,
                "category": (
                    data.get("kind")
                    or layer.kind.get(record.id)
                    or data.get("grouping")
                    or data.get("status")
                ),
                "summary": _summary(record),
                "sources": json.dumps(data["sources"], ensure_ascii=False),
                "synthetic": 0,
            }
        )
        for alias in dict.fromkeys(aliases):
            rows["alias"].append(
                {
                    "entity_id": record.id,
                    "alias": alias,
                    "alias_fold": fold(alias),
                    "provenance": "article",
                }
            )
        # Reference names and keywords are typed like names: exact hits find them.
        for fact in layer.facts:
            if fact.entity_id == record.id and fact.field in _REFERENCE_NAMES:
                rows["alias"].append(
                    {
                        "entity_id": record.id,
                        "alias": fact.value,
                        "alias_fold": fold(fact.value),
                        "provenance": "reference",
                    }
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
                "aliases": " ".join([*aliases, name_terms(record.name, *aliases)]).strip(),
                "body": " · ".join(dict.fromkeys(p for p in body_parts if p)),
                "kind": record.kind,
                "reference": reference_search_text(
                    layer,
                    record.id,
                    where.country if where and where.provenance == "reference" else "",
                ),
                "extra": extra_terms(record),
            }
        )
        _typed_row(record, rowid, rows, layer, where)
    rows["link"] = [
        {
            "src_id": s,
            "rel": r,
            "dst_id": d,
            "ord": order.get((s, r, d), 0),
            "provenance": "reference" if (s, r, d) in reference_links else "article",
        }
        for s, r, d in links
    ]
    rows["reference_fact"] = [
        {
            "ord": position,
            "entity_id": fact.entity_id,
            "field": fact.field,
            "value": fact.value,
            "reference": fact.reference,
        }
        for position, fact in enumerate(layer.facts)
    ]
    return rows


# Reference facts written to `alias` (provenance 'reference') so they match exactly.
_REFERENCE_NAMES = ("acronym", "alias", "former", "keyword")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+")


def extra_terms(record: Record) -> str:
    """What people type that the record's text writes otherwise, for the search index.

    Numbers without their separators ('42400' for '42,400', '30000' for 'HK$30,000'),
    a figure's value as digits, and the years a record happened or was founded in.
    """
    data = record.data
    text = " ".join(str(data.get(k, "")) for k in ("name", "label", "description", "focus"))
    terms = [m.replace(",", "") for m in _GROUPED_NUMBER.findall(f"{text} {_summary(record)}")]
    if record.kind == "figure":
        value = float(data["value"])
        terms.append(str(int(value)) if value.is_integer() else str(value))
    for key in ("year", "founded_year", "started_year"):
        if data.get(key):
            terms.append(str(data[key]))
    return " ".join(dict.fromkeys(terms))


def _typed_row(
    record: Record,
    rowid: int,
    rows: dict[str, list[dict[str, Any]]],
    layer: ReferenceLayer,
    where: OrganisationPlace | None,
) -> None:
    data = record.data
    if record.kind == "place":
        point = layer.point.get(record.id)
        rows["place"].append(
            {
                "id": record.id,
                "name": record.name,
                "kind": data["kind"],
                "parent_id": data.get("parent"),
                "iso_code": layer.iso.get(record.id),
                "lat": point.lat if point else None,
                "lon": point.lon if point else None,
            }
        )
    elif record.kind == "organisation":
        place_id = data.get("place")
        # The article's place, else the reference layer's country (marked where shown).
        country = where.country if where else ""
        relationship = str(data.get("relationship", ""))
        rows["organisation"].append(
            {
                "rowid": rowid,
                "id": record.id,
                "name": record.name,
                "name_fold": fold(record.name),
                "acronym": data.get("acronym"),
                # The article's type, else the reference layer's (marked where shown).
                "kind": data.get("kind") or layer.kind[record.id],
                "place_id": place_id,
                "country": country,
                "country_fold": fold(country),
                "country_provenance": where.provenance if where else "",
                "kind_provenance": "reference" if record.id in layer.kind else "article",
                "country_code": where.code if where else None,
                "city": where.city if where else None,
                "lat": where.point.lat if where and where.point else None,
                "lon": where.point.lon if where and where.point else None,
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
