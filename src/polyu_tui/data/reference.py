"""The reference layer: general knowledge the article does not state, each naming its reference.

Read from ``data/source/reference/`` (``places.toml``, ``organisations.toml``,
``names.toml``), apart from the article's facts. A reference fact is never a quote, is
always shown marked, and never contradicts the article: ``check_reference`` lists every
place where it would (the build and ``db check`` fail on any).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from polyu_tui.data.countries import country_by_code, resolve_country
from polyu_tui.data.errors import SourceProblem
from polyu_tui.data.text import fold

REFERENCE_DIR = "reference"
# The types the reference layer may give an organisation (never 'polyu': PolyU's own).
ORGANISATION_KINDS = ("university", "institute", "company", "government")
ISO_REFERENCE = "ISO 3166-1"

# What each kind of reference fact is called on screen, in the order a record lists them.
FACT_LABELS: dict[str, str] = {
    "kind": "Type",
    "iso": "ISO code",
    "country": "Country",
    "city": "City",
    "point": "Coordinates",
    "acronym": "Acronym",
    "alias": "Also called",
    "former": "Formerly",
    "keyword": "Topic",
}


@dataclass(frozen=True, slots=True)
class ReferenceFact:
    """One reference fact about one record."""

    entity_id: str
    field: str
    """A key of FACT_LABELS."""
    value: str
    reference: str
    origin: str
    """'file.toml (id)': where the fact is written, for error messages."""


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float

    def __str__(self) -> str:
        ns = "N" if self.lat >= 0 else "S"
        ew = "E" if self.lon >= 0 else "W"
        return f"{abs(self.lat):.2f}°{ns}, {abs(self.lon):.2f}°{ew}"


@dataclass
class ReferenceLayer:
    """Every reference fact, and the location facts by record for the build."""

    facts: list[ReferenceFact] = field(default_factory=list)
    iso: dict[str, str] = field(default_factory=dict)
    """place id -> ISO 3166-1 alpha-2."""
    country: dict[str, str] = field(default_factory=dict)
    """organisation id -> ISO 3166-1 alpha-2 (only where the article places it nowhere)."""
    city: dict[str, str] = field(default_factory=dict)
    point: dict[str, Point] = field(default_factory=dict)
    kind: dict[str, str] = field(default_factory=dict)
    """organisation id -> its type, only where the article gives none."""

    def names(self, entity_id: str) -> list[ReferenceFact]:
        """The acronyms, aliases and former names of a record, in file order."""
        return [
            f
            for f in self.facts
            if f.entity_id == entity_id and f.field in ("acronym", "alias", "former")
        ]

    def keywords(self, entity_id: str) -> list[ReferenceFact]:
        return [f for f in self.facts if f.entity_id == entity_id and f.field == "keyword"]


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise SourceProblem(f"reference file not found: {path}")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourceProblem(f"{path}: {exc}") from None


def _text(data: Mapping[str, Any], key: str, origin: str, *, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise SourceProblem(f"{origin}: {key!r} must be non-empty text, got {value!r}")
    return value.strip()


def _point(data: Mapping[str, Any], origin: str) -> Point:
    value = data.get("point")
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise SourceProblem(f"{origin}: 'point' must be [latitude, longitude], got {value!r}")
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise SourceProblem(f"{origin}: 'point' {value!r} is not a latitude and longitude")
    return Point(lat, lon)


def _code(value: str, origin: str) -> str:
    country = country_by_code(value)
    if country is None or len(value) != 2 or value != value.upper():
        raise SourceProblem(f"{origin}: {value!r} is not an ISO 3166-1 alpha-2 code")
    return country.code


def load_reference(source_dir: Path) -> ReferenceLayer:
    """Read ``source_dir/reference/*.toml``; raise SourceProblem naming the file and record."""
    folder = source_dir / REFERENCE_DIR
    layer = ReferenceLayer()
    for index, data in enumerate(_read(folder / "places.toml").get("place", [])):
        origin = f"reference/places.toml ({data.get('id', f'#{index + 1}')})"
        entity_id = _text(data, "id", origin)
        iso = _text(data, "iso", origin, required=False)
        if iso:
            layer.iso[entity_id] = _code(iso, origin)
            layer.facts.append(ReferenceFact(entity_id, "iso", iso, ISO_REFERENCE, origin))
        if "point" in data:
            point = _point(data, origin)
            layer.point[entity_id] = point
            where = _text(data, "point_reference", origin)
            layer.facts.append(ReferenceFact(entity_id, "point", str(point), where, origin))
    for index, data in enumerate(_read(folder / "organisations.toml").get("organisation", [])):
        origin = f"reference/organisations.toml ({data.get('id', f'#{index + 1}')})"
        entity_id = _text(data, "id", origin)
        kind = _text(data, "kind", origin, required=False)
        if kind:
            if kind not in ORGANISATION_KINDS:
                raise SourceProblem(f"{origin}: 'kind' must be one of {ORGANISATION_KINDS}")
            layer.kind[entity_id] = kind
            reference = _text(data, "kind_reference", origin)
            layer.facts.append(ReferenceFact(entity_id, "kind", kind, reference, origin))
        located = _text(data, "located", origin)
        code = _text(data, "country", origin, required=False)
        if code:
            layer.country[entity_id] = _code(code, origin)
            reference = f"{ISO_REFERENCE}; {located}"
            layer.facts.append(ReferenceFact(entity_id, "country", code, reference, origin))
        city = _text(data, "city", origin, required=False)
        if city:
            layer.city[entity_id] = city
            layer.facts.append(ReferenceFact(entity_id, "city", city, located, origin))
        point = _point(data, origin)
        layer.point[entity_id] = point
        layer.facts.append(ReferenceFact(entity_id, "point", str(point), located, origin))
    names = _read(folder / "names.toml")
    for array, value_key in (("acronym", "name"), ("alias", "name"), ("keyword", "word")):
        for index, data in enumerate(names.get(array, [])):
            origin = f"reference/names.toml ({array} {data.get('id', f'#{index + 1}')})"
            entity_id = _text(data, "id", origin)
            kind = "former" if array == "alias" and data.get("former") is True else array
            value = _text(data, value_key, origin)
            reference = _text(data, "reference", origin)
            layer.facts.append(ReferenceFact(entity_id, kind, value, reference, origin))
    return layer


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What the check needs to know of an article record."""

    id: str
    kind: str
    names: tuple[str, ...]
    """Its name, acronym and aliases as the article's sources give them."""
    place: str | None = None
    """For an organisation: the place the article puts it in."""
    place_kind: str | None = None
    """For a place: country, region, site, ..."""
    org_kind: str | None = None
    """For an organisation: the type the article's record gives, if any."""


def _distance_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


# An organisation's point further than this from its country's point is a typo (a sign
# or lat/lon swapped), not a real place: the widest country here (Canada) spans less.
MAX_KM_FROM_COUNTRY = 4500


def check_reference(layer: ReferenceLayer, records: Iterable[ArticleRecord]) -> list[str]:
    """Every way the reference layer contradicts, or adds to, what the article says.

    Empty when the layer is sound: it names only known records; an ISO code agrees
    with the place's own name; no organisation the article places gets a reference
    country (the article wins); every organisation and every country or territory has
    a code and a point; an organisation's point lies in reach of its country's; no
    reference name is another record's article name.
    """
    by_id = {r.id: r for r in records}
    problems: list[str] = []
    for fact in layer.facts:
        if fact.entity_id not in by_id:
            problems.append(f"{fact.origin}: names unknown id {fact.entity_id!r}")
    place_by_iso: dict[str, str] = {}
    for place_id, code in layer.iso.items():
        place = by_id.get(place_id)
        if place is None:
            continue
        if place.kind != "place" or place.place_kind != "country":
            problems.append(f"reference/places.toml ({place_id}): an ISO code on a non-country")
            continue
        said = {c.code for c in (resolve_country(n) for n in place.names) if c}
        if said and code not in said:
            problems.append(
                f"reference/places.toml ({place_id}): ISO code {code} contradicts the "
                f"article's name {place.names[0]!r} ({', '.join(sorted(said))})"
            )
        if code in place_by_iso:
            problems.append(f"reference/places.toml ({place_id}): ISO code {code} used twice")
        place_by_iso[code] = place_id
    for record in by_id.values():
        if record.kind == "place" and record.place_kind == "country":
            if record.id not in layer.iso:
                problems.append(f"place {record.id!r} has no ISO code in reference/places.toml")
            if record.id not in layer.point:
                problems.append(f"place {record.id!r} has no point in reference/places.toml")
        if record.kind != "organisation":
            continue
        if record.org_kind and record.id in layer.kind:
            problems.append(
                f"reference/organisations.toml ({record.id}): the article's record gives its "
                f"type ({record.org_kind}); a reference type would contradict or repeat it"
            )
        if not record.org_kind and record.id not in layer.kind:
            problems.append(f"organisation {record.id!r} has no type (article or reference)")
        if record.place and record.id in layer.country:
            problems.append(
                f"reference/organisations.toml ({record.id}): the article places it in "
                f"{record.place!r}; a reference country would contradict or repeat it"
            )
        found_code = organisation_country(layer, record)
        if found_code is None:
            problems.append(f"organisation {record.id!r} has no country (article or reference)")
        if record.id not in layer.point:
            problems.append(f"organisation {record.id!r} has no point in reference")
        elif found_code in place_by_iso and place_by_iso[found_code] in layer.point:
            far = _distance_km(layer.point[record.id], layer.point[place_by_iso[found_code]])
            if far > MAX_KM_FROM_COUNTRY:
                problems.append(
                    f"reference/organisations.toml ({record.id}): point is {far:.0f} km "
                    f"from its country's ({found_code})"
                )
    article_names: dict[str, str] = {}
    for record in by_id.values():
        for name in record.names:
            article_names.setdefault(fold(name), record.id)
    for fact in layer.facts:
        if fact.field not in ("acronym", "alias", "former"):
            continue
        other = article_names.get(fold(fact.value))
        if other == fact.entity_id:
            problems.append(f"{fact.origin}: {fact.value!r} is already the article's own name")
        elif other is not None:
            problems.append(f"{fact.origin}: {fact.value!r} is the article's name for {other!r}")
    return problems


def organisation_country(layer: ReferenceLayer, record: ArticleRecord) -> str | None:
    """An organisation's ISO code: from the article's place, else from the reference layer."""
    if record.place is not None:
        return layer.iso.get(record.place)
    return layer.country.get(record.id)


class SourceRecord(Protocol):
    """An article record as the build reads it (build's Record)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def data(self) -> dict[str, Any]: ...


def article_names(record: SourceRecord) -> tuple[str, ...]:
    """A record's name, acronym and aliases as the article's sources give them."""
    data = record.data
    return tuple(
        str(n)
        for n in dict.fromkeys((record.name, data.get("acronym"), *data.get("aliases", [])))
        if n
    )


def article_records(records: Iterable[SourceRecord]) -> list[ArticleRecord]:
    """What check_reference needs of each article record."""
    return [
        ArticleRecord(
            r.id,
            r.kind,
            article_names(r),
            place=(
                str(r.data["place"]) if r.kind == "organisation" and r.data.get("place") else None
            ),
            place_kind=str(r.data.get("kind")) if r.kind == "place" else None,
            org_kind=(
                str(r.data["kind"]) if r.kind == "organisation" and r.data.get("kind") else None
            ),
        )
        for r in records
    ]


@dataclass
class OrganisationPlace:
    """Where an organisation is, and whether the article or the reference layer says so."""

    country: str
    """The name shown: its place's name, or the country table's name."""
    provenance: str
    """'article', 'reference' or '' (nowhere)."""
    code: str | None
    place_id: str | None
    """The place it is linked to (the article's, or the place with the reference code)."""
    city: str | None
    point: Point | None


def organisation_places(
    layer: ReferenceLayer, records: Iterable[SourceRecord]
) -> dict[str, OrganisationPlace]:
    """Every organisation's place, article first, then reference."""
    records = list(records)
    place_names = {r.id: r.name for r in records if r.kind == "place"}
    place_by_iso = {code: place_id for place_id, code in layer.iso.items()}
    found: dict[str, OrganisationPlace] = {}
    for record in records:
        if record.kind != "organisation":
            continue
        article_place = record.data.get("place")
        city = layer.city.get(record.id)
        point = layer.point.get(record.id)
        if article_place:
            place_id = str(article_place)
            found[record.id] = OrganisationPlace(
                place_names[place_id], "article", layer.iso.get(place_id), place_id, city, point
            )
            continue
        code = layer.country.get(record.id)
        if code is None:
            found[record.id] = OrganisationPlace("", "", None, None, city, point)
            continue
        linked = place_by_iso.get(code)
        country = country_by_code(code)
        name = place_names[linked] if linked else (country.name if country else code)
        found[record.id] = OrganisationPlace(name, "reference", code, linked, city, point)
    return found


def reference_search_text(layer: ReferenceLayer, entity_id: str, country: str = "") -> str:
    """What the search index's reference column holds for a record."""
    parts = [f.value for f in layer.facts if f.entity_id == entity_id and f.field in _SEARCHED]
    if country:
        parts.append(country)
    return " · ".join(dict.fromkeys(parts))


# Reference facts searched like names (a hit on one is a 'reference' match).
_SEARCHED = ("acronym", "alias", "former", "keyword", "city")
