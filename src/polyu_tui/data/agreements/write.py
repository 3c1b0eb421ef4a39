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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from polyu_tui.data.agreements.columns import Agreement
from polyu_tui.data.agreements.read import ImportProblem
from polyu_tui.data.agreements.schema import (
    AGREEMENT_DDL,
    AGREEMENT_FIELDS,
    META_COUNT,
    META_DATE,
    META_FILES,
    has_agreements,
)
from polyu_tui.data.text import fold

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
DUPLICATE_SCORE = 92  # rapidfuzz ratio from which two names are a likely duplicate


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
    written: bool = False


@dataclass
class _Partner:
    id: str
    name: str
    country_code: str
    country: str
    city: str
    new: bool


def previous_agreements(target: Path) -> list[Agreement]:
    """The agreements in the user database at ``target`` ([] when there is none).

    A file there that is not a polyu-tui user database is an error: an import never
    replaces a file it did not write.
    """
    if not target.exists() or (target.is_file() and target.stat().st_size == 0):
        return []  # nothing there, or an empty file: nothing to lose
    from polyu_tui.data.db import connect
    from polyu_tui.data.errors import DatabaseProblem

    try:
        conn = connect(target)
    except DatabaseProblem as exc:
        if "older than" in str(exc):
            return _read_agreements_raw(target)
        raise ImportProblem(f"{exc}; refusing to replace it (give another --into PATH)") from None
    try:
        if not has_agreements(conn):
            raise ImportProblem(
                f"{target} is a polyu-tui database but not a user database; "
                "refusing to replace it (give another --into PATH)"
            )
        return _agreements(conn)
    finally:
        conn.close()


def _read_agreements_raw(target: Path) -> list[Agreement]:
    """Agreements from a user database of an older schema (a later polyu-tui rebuilds it)."""
    conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return _agreements(conn) if has_agreements(conn) else []
    finally:
        conn.close()


def _agreements(conn: sqlite3.Connection) -> list[Agreement]:
    columns = ", ".join(AGREEMENT_FIELDS)
    return [
        Agreement(**dict(zip(AGREEMENT_FIELDS, row, strict=True)))
        for row in conn.execute(f"SELECT {columns} FROM agreement ORDER BY rowid")
    ]


def combine(
    previous: list[Agreement], incoming: list[Agreement], *, merge: bool, summary: ImportSummary
) -> list[Agreement]:
    """The agreements the new database holds, counting new/changed/unchanged/removed."""
    before = {agreement_key(a): a for a in previous}
    result: dict[str, Agreement] = dict(before) if merge else {}
    for agreement in incoming:
        key = agreement_key(agreement)
        old = before.get(key)
        if old is None:
            if key not in result or not merge:
                summary.new += 1
        elif old == agreement:
            summary.unchanged += 1
        else:
            summary.changed += 1
        result[key] = agreement
    if not merge:
        summary.removed = sum(1 for key in before if key not in result)
    summary.total = len(result)
    return list(result.values())


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


def _likely_duplicates(
    new: list[_Partner], existing: list[_Partner], partner_rows: dict[str, str]
) -> list[str]:
    """'Univ. of Waterloo' beside 'University of Waterloo': a warning for each pair."""
    from rapidfuzz import fuzz, process

    warnings: list[str] = []
    known_keys = [_similar_key(p.name) for p in existing]
    # New partners are compared with each other within one country and first letter,
    # so a list of many thousands stays a few comparisons per name.
    blocks: dict[tuple[str, str], tuple[list[str], list[_Partner]]] = {}
    for partner in new:
        similar = _similar_key(partner.name)
        hit = process.extractOne(
            similar, known_keys, scorer=fuzz.ratio, score_cutoff=DUPLICATE_SCORE
        )
        if hit is not None:
            warnings.append(
                f"{partner_rows[partner.id]}: partner: {partner.name!r} looks like "
                f"{existing[hit[2]].name!r}, already known; added as a new partner "
                "(spell it the same way in the file if they are one)"
            )
        keys, partners = blocks.setdefault((partner.country_code, similar[:1]), ([], []))
        hit = process.extractOne(similar, keys, scorer=fuzz.ratio, score_cutoff=DUPLICATE_SCORE)
        if hit is not None:
            other = partners[hit[2]]
            warnings.append(
                f"{partner_rows[partner.id]}: partner: {partner.name!r} looks like "
                f"{other.name!r} ({partner_rows[other.id]}); kept as two partners"
            )
        keys.append(similar)
        partners.append(partner)
    return warnings


def resolve_partners(
    conn: sqlite3.Connection, agreements: list[Agreement], summary: ImportSummary
) -> dict[str, _Partner]:
    """match_key(partner) -> the organisation each agreement belongs to."""
    existing = _existing_partners(conn)
    chosen: dict[str, _Partner] = {}
    first_row: dict[str, str] = {}
    taken_ids = {row[0] for row in conn.execute("SELECT id FROM entity")}
    for agreement in agreements:
        mkey = match_key(agreement.partner)
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


_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("company", ("ltd", "limited", "inc", "corp", "corporation", "gmbh", "plc", "llc", "co")),
    ("government", ("ministry", "government", "bureau", "council", "commission")),
    ("institute", ("institut", "institute", "academy", "centre", "center", "laboratory")),
)


def guess_kind(name: str) -> str:
    """An imported organisation's kind from its name; a university unless it says otherwise."""
    words = set(match_key(name).split())
    key_text = match_key(name)
    if "universit" in key_text or "college" in words or "polytechnic" in words:
        return "university"
    for kind, markers in _KIND_WORDS:
        if words & set(markers) or any(m in key_text for m in markers if len(m) > 6):
            return kind
    return "university"


def _write_partners(
    conn: sqlite3.Connection, partners: dict[str, _Partner], agreements: list[Agreement]
) -> None:
    places = {
        fold(name): pid
        for pid, name in conn.execute("SELECT id, name FROM place WHERE kind = 'country'")
    }
    used = {match_key(a.partner) for a in agreements}
    written: set[str] = set()
    for mkey, partner in partners.items():
        if mkey not in used or partner.id in written:
            continue
        written.add(partner.id)
        if partner.new:
            place_id = places.get(fold(partner.country))
            summary = f"Imported partner ({partner.country})."
            cursor = conn.execute(
                "INSERT INTO entity (id, kind, name, name_fold, category, summary, sources) "
                "VALUES (?, 'organisation', ?, ?, ?, ?, '[]')",
                (partner.id, partner.name, fold(partner.name), guess_kind(partner.name), summary),
            )
            rowid = cursor.lastrowid
            conn.execute(
                "INSERT INTO organisation (id, name, name_fold, kind, place_id, country, "
                "country_fold, relationship) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    partner.id,
                    partner.name,
                    fold(partner.name),
                    guess_kind(partner.name),
                    place_id,
                    partner.country,
                    fold(partner.country),
                    "Agreement (imported)",
                ),
            )
            conn.execute(
                "INSERT INTO search_index (rowid, name, aliases, body, kind) "
                "VALUES (?, ?, '', ?, 'organisation')",
                (rowid, partner.name, f"{partner.country} {partner.city}".strip()),
            )
            conn.execute("INSERT INTO imported_record (entity_id) VALUES (?)", (partner.id,))
            if place_id:
                conn.execute(
                    "INSERT OR IGNORE INTO link (src_id, rel, dst_id) VALUES (?, 'located_in', ?)",
                    (partner.id, place_id),
                )
        conn.execute(
            "INSERT OR IGNORE INTO organisation_relation (organisation_id, relation) VALUES (?, ?)",
            (partner.id, AGREEMENT_RELATION),
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
        conn.executescript(AGREEMENT_DDL)
        conn.execute("BEGIN")
        if progress:
            progress("partners")
        partners = resolve_partners(conn, agreements, summary)
        _write_partners(conn, partners, agreements)
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
                    org_of[match_key(a.partner)],
                    fold(a.partner),
                    text_fold(a),
                    *(getattr(a, f) for f in fields),
                )
                for record_id, a in zip(_agreement_ids(agreements), agreements, strict=True)
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
        derive_tables(conn)
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
