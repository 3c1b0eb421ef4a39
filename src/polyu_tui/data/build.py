"""Build ``polyu.db`` from the reviewable TOML files in ``data/source``.

The build is deterministic: the same sources give the same rows in the same order,
and nothing time-dependent is written. It writes to a temporary file beside the
target and renames it into place only when everything succeeded, so a failed build
never leaves a half-written database behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polyu_tui.data.errors import SourceProblem
from polyu_tui.data.format import format_figure, value_label
from polyu_tui.data.schema import APPLICATION_ID, DDL, PARTNER_ORDERS, SCHEMA_VERSION
from polyu_tui.data.text import fold

DOCUMENT_FILE = "article.txt"
DOCUMENT_TITLE = (
    "Forging a global network of educational and research partners to bolster "
    "the University’s impact on both international and local challenges"
)

# file name -> (TOML array name, record kind)
SOURCE_FILES: tuple[tuple[str, str, str], ...] = (
    ("places.toml", "place", "place"),
    ("organisations.toml", "organisation", "organisation"),
    ("alliances.toml", "alliance", "alliance"),
    ("research.toml", "research", "research"),
    ("programmes.toml", "programme", "programme"),
    ("outcomes.toml", "outcome", "outcome"),
    ("figures.toml", "figure", "figure"),
    ("milestones.toml", "milestone", "milestone"),
)

# field -> (link relation, direction); "out" means record -rel-> referenced id.
REF_FIELDS: dict[str, str] = {
    "place": "located_in",
    "parent": "part_of",
    "cofounders": "cofounded_by",
    "partners": "partner",
    "destinations": "destination",
    "funding": "funded_by",
    "programme": "outcome_of",
    "subject": "about",
}

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


@dataclass
class Record:
    kind: str
    data: dict[str, Any]
    origin: str

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def name(self) -> str:
        for key in ("name", "label", "text"):
            if self.data.get(key):
                return str(self.data[key])
        raise SourceProblem(f"{self.origin}: record {self.id!r} has no name")


@dataclass
class Sources:
    document: str
    records: list[Record] = field(default_factory=list)

    def by_id(self) -> dict[str, Record]:
        return {record.id: record for record in self.records}


def load_sources(source_dir: Path) -> Sources:
    """Read and validate every source file; raise SourceProblem on the first error."""
    document_path = source_dir / DOCUMENT_FILE
    if not document_path.is_file():
        raise SourceProblem(f"source document not found: {document_path}")
    sources = Sources(document=document_path.read_text(encoding="utf-8"))
    for file_name, array, kind in SOURCE_FILES:
        path = source_dir / file_name
        if not path.is_file():
            raise SourceProblem(f"source file not found: {path}")
        try:
            parsed = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SourceProblem(f"{path}: {exc}") from None
        for index, data in enumerate(parsed.get(array, [])):
            origin = f"{file_name}[{index}]"
            if not isinstance(data.get("id"), str) or not data["id"]:
                raise SourceProblem(f"{origin}: missing id")
            sources.records.append(Record(kind, data, f"{file_name} ({data['id']})"))
    _validate(sources)
    return sources


def _validate(sources: Sources) -> None:
    seen: dict[str, str] = {}
    for record in sources.records:
        if record.id in seen:
            raise SourceProblem(
                f"duplicate id {record.id!r} in {record.origin} and {seen[record.id]}"
            )
        seen[record.id] = record.origin
    for record in sources.records:
        quotes = record.data.get("sources")
        if not isinstance(quotes, list) or not quotes:
            raise SourceProblem(f"{record.origin}: every record needs at least one source quote")
        for quote in quotes:
            if not isinstance(quote, str) or quote.strip() == "" or quote not in sources.document:
                raise SourceProblem(f"{record.origin}: quote not found in the document: {quote!r}")
        for field_name in REF_FIELDS:
            for ref in _refs(record.data.get(field_name)):
                if ref not in seen:
                    raise SourceProblem(f"{record.origin}: {field_name} names unknown id {ref!r}")


def _refs(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]


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
            for position, ref in enumerate(_refs(record.data.get(field_name))):
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


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(DDL)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@dataclass
class BuildResult:
    path: Path
    counts: dict[str, int]


@contextmanager
def atomic_target(target: Path, prefix: str) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it only if the block succeeds.

    A failed or interrupted write leaves ``target`` as it was and no temporary file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".db", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # SQLite creates the file itself
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def source_meta(document: str, *, synthetic: bool) -> dict[str, str]:
    """The meta rows every database has: schema version, which article, synthetic or not."""
    return {
        "schema_version": str(SCHEMA_VERSION),
        "document_sha256": hashlib.sha256(document.encode("utf-8")).hexdigest(),
        "synthetic": "1" if synthetic else "0",
    }


def write_database(
    target: Path,
    fill: Iterable[tuple[str, Iterable[dict[str, Any]]]],
    meta: dict[str, str],
    document: str,
) -> dict[str, int]:
    """Create a database at ``target`` atomically from (table, rows) pairs."""
    import sqlite_utils  # deferred: only building needs it, and it costs ~100 ms to import

    counts: dict[str, int] = {}
    with atomic_target(target.resolve(), ".polyu-build-") as tmp:
        conn = sqlite3.connect(tmp, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        create_schema(conn)
        db = sqlite_utils.Database(conn)
        conn.execute("BEGIN")
        db.table("document").insert({"id": 1, "title": DOCUMENT_TITLE, "text": document})
        db.table("meta").insert_all({"key": k, "value": v} for k, v in sorted(meta.items()))
        for table, table_rows in fill:
            db.table(table).insert_all(table_rows, batch_size=5000)
            counts[table] = int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
        derive_tables(conn)
        conn.execute("COMMIT")
        conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
        conn.execute("ANALYZE")
        conn.execute("VACUUM")
        conn.close()
    return counts


# The orders partner_order holds: code -> (the facets it groups by, in order; ORDER BY).
# Each ends in the name order queries.PartnerQuery.order() uses (name_fold, rowid), so
# a block of rows with fixed facets is in the order the Partners table shows it.
# Relation orders (r.) hold one row per organisation_relation row.


def derive_tables(
    conn: sqlite3.Connection, counts: dict[tuple[str, str, str], int] | None = None
) -> None:
    """Fill the derived tables: search_term from the full-text index, partner_order
    and partner_count from organisation and organisation_relation.

    Run after every row and the indexes are written. ``counts`` maps
    (relation, kind, country) to a count when the caller has already counted
    (the synthetic generator does); otherwise they are counted here.
    """
    conn.execute("DELETE FROM search_term")
    conn.execute(
        "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_index, 'row')"
    )
    conn.execute("INSERT INTO search_term (term, docs) SELECT term, doc FROM temp.search_vocab")
    conn.execute("DROP TABLE temp.search_vocab")
    conn.execute("DELETE FROM partner_order")
    conn.execute("DELETE FROM partner_count")
    # The relation orders read one joined copy of what they sort by.
    conn.execute(
        "CREATE TEMP TABLE partner_relation AS SELECT r.relation, o.kind, o.country_fold, "
        "o.name_fold, o.rowid AS org_rowid FROM organisation_relation r "
        "JOIN organisation o ON o.id = r.organisation_id WHERE o.kind != 'polyu'"
    )
    for sort, (groups, order) in PARTNER_ORDERS.items():
        if "relation" in groups:
            source = "temp.partner_relation o"
            order = order.replace("r.relation", "o.relation").replace("o.rowid", "o.org_rowid")
            org_rowid = "o.org_rowid"
        else:
            # NOT IN over a covering index: no table lookups to leave PolyU's own out.
            source = (
                "organisation o WHERE o.rowid NOT IN "
                "(SELECT rowid FROM organisation WHERE kind = 'polyu')"
            )
            org_rowid = "o.rowid"
        conn.execute(
            "INSERT INTO partner_order (sort, pos, org_rowid) "
            f"SELECT ?, row_number() OVER (ORDER BY {order}) - 1, {org_rowid} FROM {source} "
            f"ORDER BY {order}",
            (sort,),
        )
    conn.execute("DROP TABLE temp.partner_relation")
    if counts is not None:
        conn.executemany(
            "INSERT INTO partner_count (relation, kind, country, n) VALUES (?, ?, ?, ?)",
            sorted((*key, n) for key, n in counts.items()),
        )
        return
    conn.execute(
        "INSERT INTO partner_count (relation, kind, country, n) "
        "SELECT '', kind, country, count(*) FROM organisation GROUP BY kind, country"
    )
    conn.execute(
        "INSERT INTO partner_count (relation, kind, country, n) "
        "SELECT r.relation, o.kind, o.country, count(*) FROM organisation_relation r "
        "JOIN organisation o ON o.id = r.organisation_id GROUP BY r.relation, o.kind, o.country"
    )


def build(source_dir: Path, target: Path) -> BuildResult:
    """Build the bundled database from ``source_dir`` into ``target``."""
    sources = load_sources(source_dir)
    rows = build_rows(sources)
    meta = source_meta(sources.document, synthetic=False)
    counts = write_database(target, rows.items(), meta, sources.document)
    return BuildResult(target, counts)


def iter_table_dump(conn: sqlite3.Connection) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Every table's rows in a stable order, for comparing two builds by content."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%' ORDER BY name"
        )
    ]
    for table in tables:
        columns = "rowid, *" if table == "search_index" else "*"
        yield table, sorted(conn.execute(f"SELECT {columns} FROM [{table}]").fetchall(), key=repr)
