"""What the world map shows: partners per country or region, where each one is.

The counts come from partner_count (organisations per relation, kind and country,
derived at build time), so a million partners aggregate in one small GROUP BY. Where
each country is comes from the reference layer (place.lat and place.lon, a
representative point): small places the map's outlines lack, such as Hong Kong, Macao
and Singapore, are placed by their point like any other.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

# PolyU's home: always marked, with or without partners there.
HOME = "hong-kong"


@dataclass(frozen=True)
class CountryMarker:
    id: str  # the place's record id (its detail page)
    name: str
    code: str  # ISO 3166-1 alpha-2, '' where none
    lat: float
    lon: float
    count: int  # partners there (under the map's filters)
    home: bool = False


@dataclass(frozen=True)
class WorldData:
    markers: list[CountryMarker]
    placed: int  # partners the markers count
    unplaced: int  # partners with no country, or a country with no point
    filters: dict[str, str] = field(default_factory=dict)
    kinds: tuple[str, ...] = ()  # the organisation types a filter can pick
    relations: tuple[str, ...] = ()  # the relations (education, research, ...) likewise
    unit: str = "partners"  # what a marker counts: "partners", or imported "agreements"
    agreement_types: tuple[str, ...] = ()  # imported agreements' types (none: no import)

    @property
    def largest(self) -> int:
        return max((m.count for m in self.markers), default=0)


def has_points(conn: sqlite3.Connection) -> bool:
    """Whether this database's places carry coordinates (the reference layer)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(place)")}
    return {"lat", "lon"} <= columns


def world_data(
    conn: sqlite3.Connection, *, kind: str | None = None, relation: str | None = None
) -> WorldData:
    """Partners per country under the filters (an organisation kind, a relation)."""
    where = ["relation = ?", "kind != 'polyu'"]
    args: list[str] = [relation or ""]
    if kind:
        where.append("kind = ?")
        args.append(kind)
    totals = conn.execute(
        f"SELECT country, sum(n) FROM partner_count WHERE {' AND '.join(where)} GROUP BY country",
        args,
    ).fetchall()
    filters = {key: value for key, value in (("kind", kind), ("relation", relation)) if value}
    kinds = tuple(
        str(row[0])
        for row in conn.execute(
            "SELECT DISTINCT kind FROM partner_count WHERE relation = '' AND kind != 'polyu' "
            "ORDER BY kind"
        )
    )
    relations = tuple(
        str(row[0])
        for row in conn.execute(
            "SELECT DISTINCT relation FROM partner_count WHERE relation != '' ORDER BY relation"
        )
    )
    if not has_points(conn):
        return WorldData([], 0, sum(n for _, n in totals), filters, kinds, relations)
    points = {
        name: (place_id, code or "", lat, lon)
        for place_id, name, code, lat, lon in conn.execute(
            "SELECT id, name, iso_code, lat, lon FROM place "
            "WHERE lat IS NOT NULL AND lon IS NOT NULL OR id = ?",
            (HOME,),
        )
    }
    markers: list[CountryMarker] = []
    placed = unplaced = 0
    for country, count in totals:
        point = points.get(country) if country else None
        if point is None or point[2] is None:
            unplaced += count
            continue
        place_id, code, lat, lon = point
        markers.append(
            CountryMarker(place_id, country, code, lat, lon, count, home=place_id == HOME)
        )
        placed += count
    if not any(m.home for m in markers):
        home = next((p for p in points.items() if p[1][0] == HOME), None)
        if home is not None and home[1][2] is not None:
            name, (place_id, code, lat, lon) = home
            markers.append(CountryMarker(place_id, name, code, lat, lon, 0, home=True))
    markers.sort(key=lambda m: (-m.count, m.name))
    return WorldData(markers, placed, unplaced, filters, kinds, relations)


# What "expiring soon" means on the map, as in the Agreements tab's facet.
EXPIRING = "+6 months"


def has_imported_agreements(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agreement'"
        ).fetchone()
        is not None
    )


def agreement_data(
    conn: sqlite3.Connection, *, agreement_type: str | None = None, expiring: bool = False
) -> WorldData:
    """Imported agreements per country (by ISO code, placed by the country's point):
    of one type, or only those ending within six months."""
    where: list[str] = []
    args: list[str] = []
    if agreement_type:
        where.append("agreement_type = ?")
        args.append(agreement_type)
    if expiring:
        where.append("end_date != '' AND end_date >= date('now') AND end_date <= date('now', ?)")
        args.append(EXPIRING)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    totals = conn.execute(
        f"SELECT country_code, count(*) FROM agreement{clause} GROUP BY country_code", args
    ).fetchall()
    types = tuple(
        str(row[0])
        for row in conn.execute("SELECT DISTINCT agreement_type FROM agreement ORDER BY 1")
    )
    filters = {"agreement_type": agreement_type} if agreement_type else {}
    if expiring:
        filters["expiring"] = "expiring within 6 months"
    points = {
        str(code): (str(place_id), str(name), float(lat), float(lon))
        for place_id, name, code, lat, lon in conn.execute(
            "SELECT id, name, iso_code, lat, lon FROM place "
            "WHERE iso_code IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL"
        )
    }
    markers: list[CountryMarker] = []
    placed = unplaced = 0
    for code, count in totals:
        point = points.get(str(code))
        if point is None:
            unplaced += count
            continue
        place_id, name, lat, lon = point
        markers.append(
            CountryMarker(place_id, name, str(code), lat, lon, count, home=place_id == HOME)
        )
        placed += count
    if not any(m.home for m in markers) and "HK" in points:
        place_id, name, lat, lon = points["HK"]
        markers.append(CountryMarker(place_id, name, "HK", lat, lon, 0, home=True))
    markers.sort(key=lambda m: (-m.count, m.name))
    return WorldData(markers, placed, unplaced, filters, unit="agreements", agreement_types=types)
