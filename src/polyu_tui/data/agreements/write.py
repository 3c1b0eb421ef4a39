"""Write the user database: the article's records plus the imported agreements.

The database is built in a temporary file beside the target (mode 0600: contacts are
personal data) and renamed over it only when complete, so a failure or a kill at any
moment leaves the previous user database as it was.

Snapshot (the default): the files are the office's whole current list; they replace the
previously imported agreements. Merge: rows update earlier ones with the same key
(``agreement_id``, or the row's identifying values when it has none); the rest stay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from polyu_tui.data.agreements.columns import COLUMNS, REQUIRED, Agreement
from polyu_tui.data.agreements.columns import quick_fold as fold
from polyu_tui.data.agreements.find import index_agreements
from polyu_tui.data.agreements.read import ImportProblem, source_file
from polyu_tui.data.agreements.schema import (
    AGREEMENT_DDL,
    AGREEMENT_FIELDS,
    META_COUNT,
    META_DATE,
    META_FILES,
    has_agreements,
)
from polyu_tui.data.text import name_terms

TEMP_PREFIX = ".polyu-import-"
# Relation every organisation with an imported agreement gets (a Partners facet value).
AGREEMENT_RELATION = "agreement"

_PUNCT = re.compile(r"[^\w]+")
# Short forms expanded before two partner names are compared for likely duplicates.
_ABBREVIATIONS = {
    "univ": "university",
    "uni": "university",
    "u": "university",
    "inst": "institute",
    "tech": "technology",
    "technol": "technology",
    "natl": "national",
    "nat": "national",
    "intl": "international",
    "coll": "college",
    "sch": "school",
    "dept": "department",
    "st": "saint",
    "and": "",
    "of": "",
    "the": "",
}
DUPLICATE_EDITS = 2  # characters two names may differ by and still be a likely duplicate


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """A partner name as matched to an organisation: case, accents and punctuation folded."""
    return " ".join(_PUNCT.sub(" ", fold(name).replace("'", "").replace(".", " ")).split())


def _similar_key(name: str) -> str:
    words = (_ABBREVIATIONS.get(word, word) for word in match_key(name).split())
    return " ".join(word for word in words if word)


def agreement_key(agreement: Agreement) -> str:
    """What identifies an agreement between two imports."""
    if agreement.agreement_id:
        return "id:" + agreement.agreement_id
    parts = (
        match_key(agreement.partner),
        agreement.country_code,
        agreement.agreement_type,
        agreement.start_date,
        fold(agreement.polyu_unit),
        fold(agreement.partner_unit),
        fold(agreement.subject_area),
    )
    return "row:" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def text_fold(agreement: Agreement) -> str:
    """What the Agreements filter and export --query look in, folded."""
    parts = (
        agreement.partner,
        agreement.agreement_type.replace("_", " "),
        agreement.polyu_unit,
        agreement.partner_unit,
        agreement.subject_area,
        agreement.city,
        agreement.country,
        agreement.agreement_id,
    )
    return fold(" | ".join(part for part in parts if part))


def _slug(text: str) -> str:
    slug = "-".join(match_key(text).split())
    return slug[:60] or "x"


@dataclass
class ImportSummary:
    """What an import did (or, with --dry-run, would do)."""

    target: Path
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    partners_matched: int = 0
    partners_new: int = 0
    total: int = 0
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Columns a file lacks whose earlier values were kept (one line per file)."""
    written: bool = False


@dataclass
class _Partner:
    id: str
    name: str
    country_code: str
    country: str
    city: str
    new: bool


def previous_agreements(target: Path) -> Iterator[Agreement]:
    """The agreements in the user database at ``target`` (none when there is none), read
    a batch at a time.

    A file there that is not a polyu-tui user database is an error, raised before the
    first agreement: an import never replaces a file it did not write.
    """
    if not target.exists() or (target.is_file() and target.stat().st_size == 0):
        return iter(())  # nothing there, or an empty file: nothing to lose
    from polyu_tui.data.db import connect
    from polyu_tui.data.errors import DatabaseProblem
    from polyu_tui.data.schema import SCHEMA_VERSION

    raw = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = int(raw.execute("PRAGMA user_version").fetchone()[0])
        older_user_database = 0 < version < SCHEMA_VERSION and has_agreements(raw)
    except sqlite3.DatabaseError:
        older_user_database = False
    if older_user_database:
        # Written by an older polyu-tui: its agreements carry over into the new one.
        return _agreements(raw)
    raw.close()
    try:
        conn = connect(target)
    except DatabaseProblem as exc:
        raise ImportProblem(f"{exc}; refusing to replace it (give another --into PATH)") from None
    if not has_agreements(conn):
        conn.close()
        raise ImportProblem(
            f"{target} is a polyu-tui database but not a user database; "
            "refusing to replace it (give another --into PATH)"
        )
    return _agreements(conn)


def _agreements(conn: sqlite3.Connection) -> Iterator[Agreement]:
    columns = ", ".join(AGREEMENT_FIELDS)
    try:
        for row in conn.execute(f"SELECT {columns} FROM agreement ORDER BY rowid"):
            yield Agreement(*row)
    finally:
        conn.close()


def _keys(agreements: Iterable[Agreement]) -> Iterator[tuple[str, Agreement]]:
    """Each agreement's key; a key seen before in the same list gets '#2', '#3', ...
    so two rows alike in every identifying value stay two agreements."""
    seen: dict[str, int] = {}
    for agreement in agreements:
        key = agreement_key(agreement)
        count = seen.get(key, 0) + 1
        seen[key] = count
        yield (key if count == 1 else f"{key}#{count}"), agreement


# Columns an import keeps from the earlier one, for an agreement it matches, when the
# file has no such column: a file without them says nothing about their values (an
# export without --with-contacts has no contact columns; re-importing it must not wipe
# the contacts). The identifying columns are never missing (they are required, or part
# of the key).
KEPT_COLUMNS: tuple[str, ...] = tuple(
    column for column in COLUMNS if column not in REQUIRED and column != "agreement_id"
)


def _missing_columns(columns: Mapping[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """File name -> the kept columns its header lacks (files lacking none left out)."""
    missing = {
        name: tuple(column for column in KEPT_COLUMNS if column not in present)
        for name, present in columns.items()
    }
    return {name: lacking for name, lacking in missing.items() if lacking}


def _keep(
    agreement: Agreement,
    lacking: tuple[str, ...],
    old: Mapping[str, object],
    kept: dict[tuple[str, str], int],
) -> Agreement:
    """``agreement`` with the earlier values of the columns its file lacks; counts, per
    (file, column), the agreements that kept a value."""
    values = {column: old[column] for column in lacking if old[column] not in ("", None)}
    if not values:
        return agreement
    name = source_file(agreement.source)
    for column in values:
        kept[(name, column)] = kept.get((name, column), 0) + 1
    return replace(agreement, **values)  # type: ignore[arg-type]


def _kept_notes(kept: dict[tuple[str, str], int]) -> list[str]:
    """'list.csv has no contact_name, contact_email columns: kept them for 3 agreements'."""
    by_file: dict[str, dict[str, int]] = {}
    for (name, column), count in kept.items():
        by_file.setdefault(name, {})[column] = count
    notes = []
    for name, counts in by_file.items():
        columns = [column for column in KEPT_COLUMNS if column in counts]
        most = max(counts.values())
        noun = "agreement" if most == 1 else "agreements"
        plural = "column" if len(columns) == 1 else "columns"
        notes.append(
            f"{name} has no {', '.join(columns)} {plural}: kept the earlier values for "
            f"{most:,} {noun} (to clear them, add the {plural}, empty)"
        )
    return notes


def combine(
    previous: Iterable[Agreement],
    incoming: list[Agreement],
    *,
    merge: bool,
    summary: ImportSummary,
    columns: Mapping[str, frozenset[str]] | None = None,
) -> list[Agreement]:
    """The agreements the new database holds, counting new/changed/unchanged/removed.

    ``columns`` (file name -> the columns its header names): for an agreement matching
    an earlier one, the KEPT_COLUMNS its file lacks keep their earlier values.

    A snapshot keeps only a hash of each earlier agreement (and the values it may have
    to keep), so a re-import of a big list does not hold two copies of it.
    """
    missing = _missing_columns(columns or {})
    keep_any = sorted({column for lacking in missing.values() for column in lacking})
    kept: dict[tuple[str, str], int] = {}

    def lacking(agreement: Agreement) -> tuple[str, ...]:
        return missing.get(source_file(agreement.source), ()) if missing else ()

    if merge:
        earlier = dict(_keys(previous))
        for key, agreement in _keys(incoming):
            old = earlier.get(key)
            if old is None:
                summary.new += 1
            else:
                gaps = lacking(agreement)
                if gaps:
                    agreement = _keep(agreement, gaps, {c: getattr(old, c) for c in gaps}, kept)
                if old == agreement:
                    summary.unchanged += 1
                else:
                    summary.changed += 1
            earlier[key] = agreement
        summary.total = len(earlier)
        summary.kept.extend(_kept_notes(kept))
        return list(earlier.values())
    before = {
        key: (hash(agreement), {column: getattr(agreement, column) for column in keep_any})
        for key, agreement in _keys(previous)
    }
    combined: list[Agreement] = []
    for key, agreement in _keys(incoming):
        found = before.pop(key, None)
        if found is None:
            summary.new += 1
        else:
            old_hash, old_values = found
            gaps = lacking(agreement)
            if gaps:
                agreement = _keep(agreement, gaps, old_values, kept)
            if old_hash == hash(agreement):
                summary.unchanged += 1
            else:
                summary.changed += 1
        combined.append(agreement)
    summary.removed = len(before)
    summary.total = len(incoming)
    summary.kept.extend(_kept_notes(kept))
    return combined


def _existing_partners(conn: sqlite3.Connection) -> dict[str, _Partner]:
    """match_key of every name and alias of the base database's organisations -> partner."""
    found: dict[str, _Partner] = {}
    rows = conn.execute(
        "SELECT o.id, o.name, o.country FROM organisation o WHERE o.kind != 'polyu'"
    ).fetchall()
    by_id = {row[0]: _Partner(row[0], row[1], "", row[2] or "", "", False) for row in rows}
    for partner in by_id.values():
        found.setdefault(match_key(partner.name), partner)
    for entity_id, alias in conn.execute("SELECT entity_id, alias FROM alias"):
        if entity_id in by_id:
            found.setdefault(match_key(alias), by_id[entity_id])
    return found


DUPLICATE_WINDOW = 6  # neighbours compared in each sorted order
_DIGITS = re.compile(r"\d+")


def _likely_duplicates(
    new: list[_Partner], existing: list[_Partner], partner_rows: dict[str, str]
) -> list[str]:
    """'Univ. of Waterloo' beside 'University of Waterloo': a warning for each pair.

    Two names are alike when, with abbreviations spelt out ('Univ.' as 'university'),
    they differ by at most DUPLICATE_EDITS characters; names that differ in a number
    ('Campus 2') never are. The names are sorted twice (by their text, and by their
    text reversed) and each is compared with its next few neighbours in both orders
    (the sorted-neighbourhood method): a typo anywhere but at both ends still puts two
    names side by side, and 100,000 names cost a few comparisons each, not one per pair.
    """
    from rapidfuzz.distance import Levenshtein

    entries = [
        (similar, tuple(_DIGITS.findall(similar)), p)
        for similar, p in ((_similar_key(p.name), p) for p in (*existing, *new))
    ]
    new_ids = {p.id for p in new}
    found: dict[tuple[str, str], str] = {}
    for order in (lambda e: e[0], lambda e: e[0][::-1]):
        ranked = sorted(entries, key=order)
        for index, (similar, digits, partner) in enumerate(ranked):
            for other_similar, other_digits, other in ranked[
                index + 1 : index + 1 + DUPLICATE_WINDOW
            ]:
                if partner.id not in new_ids and other.id not in new_ids:
                    continue  # two names the article already has
                if partner.id == other.id or digits != other_digits:
                    continue
                pair = (min(partner.id, other.id), max(partner.id, other.id))
                if pair in found:
                    continue
                # Short names must match exactly once abbreviations are spelt out.
                allowed = DUPLICATE_EDITS if min(len(similar), len(other_similar)) >= 8 else 0
                if Levenshtein.distance(similar, other_similar, score_cutoff=allowed) <= allowed:
                    found[pair] = _duplicate_warning(partner, other, new_ids, partner_rows)
    return sorted(found.values(), key=_line_order)


def _duplicate_warning(
    one: _Partner, two: _Partner, new_ids: set[str], partner_rows: dict[str, str]
) -> str:
    if one.id not in new_ids or (
        two.id in new_ids and _line_order(partner_rows[two.id]) > _line_order(partner_rows[one.id])
    ):
        one, two = two, one
    if two.id not in new_ids:
        return (
            f"{partner_rows[one.id]}: partner: {one.name!r} looks like {two.name!r}, already "
            "known; added as a new partner (spell it the same way in the file if they are one)"
        )
    return (
        f"{partner_rows[one.id]}: partner: {one.name!r} looks like {two.name!r} "
        f"({partner_rows[two.id]}); kept as two partners"
    )


def _line_order(text: str) -> tuple[str, int]:
    """'list.csv:12: ...' sorts by file, then line number."""
    where = text.split(": ", 1)[0]
    head, _, number = where.rpartition(":")
    digits = _DIGITS.findall(number)
    return (head, int(digits[-1]) if digits else 0)


def resolve_partners(
    conn: sqlite3.Connection,
    agreements: list[Agreement],
    summary: ImportSummary,
    keys: list[str] | None = None,
) -> dict[str, _Partner]:
    """match_key(partner) -> the organisation each agreement belongs to."""
    if keys is None:
        keys = [match_key(a.partner) for a in agreements]
    existing = _existing_partners(conn)
    chosen: dict[str, _Partner] = {}
    first_row: dict[str, str] = {}
    taken_ids = {row[0] for row in conn.execute("SELECT id FROM entity")}
    for mkey, agreement in zip(keys, agreements, strict=True):
        if mkey in chosen:
            continue
        partner = existing.get(mkey)
        if partner is None:
            base = f"imported/{_slug(agreement.partner)}"
            pid, n = base, 1
            while pid in taken_ids:
                n += 1
                pid = f"{base}-{n}"
            taken_ids.add(pid)
            partner = _Partner(
                pid,
                agreement.partner,
                agreement.country_code,
                agreement.country,
                agreement.city,
                True,
            )
            first_row[pid] = agreement.source or agreement.partner
        chosen[mkey] = partner
    new = [p for p in chosen.values() if p.new]
    summary.partners_new = len(new)
    summary.partners_matched = len({p.id for p in chosen.values() if not p.new})
    unique_existing = list({p.id: p for p in existing.values()}.values())
    summary.warnings.extend(_likely_duplicates(new, unique_existing, first_row))
    return chosen


_KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "company",
        frozenset(["ltd", "limited", "inc", "corp", "corporation", "gmbh", "plc", "llc", "co"]),
    ),
    ("government", frozenset(["ministry", "government", "bureau", "council", "commission"])),
    (
        "institute",
        frozenset(["institut", "institute", "academy", "centre", "center", "laboratory"]),
    ),
)


def guess_kind(name: str) -> str:
    """An imported organisation's kind from its name; a university unless it says otherwise."""
    text = match_key(name)
    words = set(text.split())
    if "universit" in text or "college" in words or "polytechnic" in words:
        return "university"
    for kind, markers in _KIND_WORDS:
        if words & markers:
            return kind
    return "university"


def _write_partners(
    conn: sqlite3.Connection, partners: dict[str, _Partner], keys: list[str]
) -> None:
    """New organisations as records (entity, organisation, search, place link), and the
    'agreement' relation for every organisation with an agreement."""
    places = {
        fold(name): pid
        for pid, name in conn.execute("SELECT id, name FROM place WHERE kind = 'country'")
    }
    used = set(keys)
    chosen = list({p.id: p for key, p in partners.items() if key in used}.values())
    new = [p for p in chosen if p.new]
    first = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM entity").fetchone()[0]) + 1
    rows = []
    for rowid, p in enumerate(new, start=first):
        kind = guess_kind(p.name)
        rows.append((rowid, p, kind, places.get(fold(p.country))))
    conn.executemany(
        "INSERT INTO entity (rowid, id, kind, name, name_fold, category, summary, sources) "
        "VALUES (?, ?, 'organisation', ?, ?, ?, ?, '[]')",
        (
            (rowid, p.id, p.name, fold(p.name), kind, f"Imported partner ({p.country}).")
            for rowid, p, kind, _place in rows
        ),
    )
    conn.executemany(
        "INSERT INTO organisation (id, name, name_fold, kind, place_id, country, "
        "country_fold, relationship) VALUES (?, ?, ?, ?, ?, ?, ?, 'Agreement (imported)')",
        (
            (p.id, p.name, fold(p.name), kind, place, p.country, fold(p.country))
            for _rowid, p, kind, place in rows
        ),
    )
    conn.executemany(
        "INSERT INTO search_index (rowid, name, aliases, body, kind) "
        "VALUES (?, ?, ?, ?, 'organisation')",
        (
            (rowid, p.name, name_terms(p.name), f"{p.country} {p.city}".strip())
            for rowid, p, _k, _pl in rows
        ),
    )
    conn.executemany("INSERT INTO imported_record (entity_id) VALUES (?)", ((p.id,) for p in new))
    conn.executemany(
        "INSERT OR IGNORE INTO link (src_id, rel, dst_id) VALUES (?, 'located_in', ?)",
        ((p.id, place) for _rowid, p, _kind, place in rows if place),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO organisation_relation (organisation_id, relation) VALUES (?, ?)",
        ((p.id, AGREEMENT_RELATION) for p in chosen),
    )


def _agreement_ids(agreements: list[Agreement]) -> list[str]:
    ids: list[str] = []
    taken: set[str] = set()
    for agreement in agreements:
        if agreement.agreement_id:
            base = "agreement/" + (_slug(agreement.agreement_id) or "x")
        else:
            base = "agreement/" + _slug(agreement.partner)[:40] + "-" + agreement.start_date
        record_id, n = base, 1
        while record_id in taken:
            n += 1
            record_id = f"{base}-{n}"
        taken.add(record_id)
        ids.append(record_id)
    return ids


def _split(ddl: str) -> tuple[str, list[str]]:
    """The CREATE TABLE statements as one script, and the CREATE INDEX ones apart: indexes
    are built after the rows are in, which is quicker than keeping them up to date."""
    # The DDL's comments hold no quotes, so '--' always starts one.
    bare = "\n".join(line.split("--", 1)[0].rstrip() for line in ddl.splitlines())
    lines = [part.strip() for part in bare.split(";") if part.strip()]
    indexes = [part for part in lines if part.upper().startswith("CREATE INDEX")]
    tables = [part for part in lines if part and part not in indexes]
    return ";\n".join(tables) + ";", indexes


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_user_database(
    target: Path,
    base: Path,
    agreements: list[Agreement],
    *,
    files: list[str],
    summary: ImportSummary,
    progress: Callable[[str], None] | None = None,
    today: dt.date | None = None,
) -> None:
    """Write the article's records (from ``base``) plus ``agreements`` to ``target``."""
    from operator import attrgetter

    from polyu_tui.data.agreements.derive import AgreementCounts, derive_agreement_tables
    from polyu_tui.data.agreements.partner_counts import derive_partner_counts
    from polyu_tui.data.build import derive_tables

    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600; SQLite writes into it as it is.
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".db", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        source = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(conn)
        finally:
            source.close()
        conn.execute("PRAGMA journal_mode = OFF")  # the whole file is new: nothing to roll back
        conn.execute("PRAGMA synchronous = OFF")  # fsync'd once, before the rename
        conn.execute("PRAGMA cache_size = -32768")  # 32 MiB while writing
        tables, indexes = _split(AGREEMENT_DDL)
        conn.executescript(tables)
        conn.execute("BEGIN")
        if progress:
            progress("partners")
        keys = [match_key(a.partner) for a in agreements]
        partners = resolve_partners(conn, agreements, summary, keys)
        _write_partners(conn, partners, keys)
        if progress:
            progress("agreements")
        org_of = {key: p.id for key, p in partners.items()}
        fields = AGREEMENT_FIELDS
        conn.executemany(
            "INSERT INTO agreement (id, organisation_id, partner_fold, text_fold, "
            f"{', '.join(fields)}) VALUES (?, ?, ?, ?, {', '.join('?' for _ in fields)})",
            (
                (
                    record_id,
                    org_of[mkey],
                    fold(a.partner),
                    text_fold(a),
                    *(getattr(a, f) for f in fields),
                )
                for record_id, mkey, a in zip(
                    _agreement_ids(agreements), keys, agreements, strict=True
                )
            ),
        )
        meta = {
            META_FILES: ", ".join(files),
            META_DATE: (today or dt.date.today()).isoformat(),
            META_COUNT: str(len(agreements)),
        }
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        if progress:
            progress("indexes")
        for statement in indexes:
            conn.execute(statement)
        index_agreements(conn)
        counts = AgreementCounts()
        counts.add(agreements, attrgetter)
        derive_agreement_tables(conn, counts)
        derive_tables(conn)
        derive_partner_counts(conn)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.close()
        os.chmod(tmp, 0o600)
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync(target.parent)
    summary.written = True


def remove_stale_temporaries(folder: Path, *, older_than: float = 600.0) -> None:
    """Temporary files a killed import left behind (never the database itself, and not
    one an import running now is still writing)."""
    import time

    if not folder.is_dir():
        return
    cutoff = time.time() - older_than
    for stale in folder.glob(f"{TEMP_PREFIX}*.db"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            continue
