"""Synthetic agreements for scale tests: 1-3 per partner of a synthetic database.

A realistic spread of types, PolyU units, levels and dates, some expiring soon (counted
from the day they are made). Marked synthetic (their source says so), deterministic for
a seed and a day, and written only into a synthetic database, never the bundled one.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from polyu_tui.data.agreements.columns import quick_fold
from polyu_tui.data.agreements.derive import (
    AgreementCounts,
    by_position,
    derive_agreement_tables,
)
from polyu_tui.data.agreements.find import index_agreements
from polyu_tui.data.agreements.partner_counts import derive_partner_counts
from polyu_tui.data.agreements.schema import AGREEMENT_DDL, META_COUNT, META_DATE, META_FILES
from polyu_tui.data.errors import PolyuError

SYNTHETIC_SOURCE = "synthetic"
BATCH = 50_000

# (type, weight): exchange and MoUs dominate an office's list.
TYPES: tuple[tuple[str, int], ...] = (
    ("student_exchange", 35),
    ("mou", 25),
    ("research", 12),
    ("staff_exchange", 6),
    ("dual_degree", 5),
    ("joint_phd", 4),
    ("study_abroad", 4),
    ("summer", 3),
    ("internship", 2),
    ("articulation", 2),
    ("joint_degree", 1),
    ("service_learning", 1),
)
UNITS: tuple[str, ...] = (
    "",
    "Faculty of Engineering",
    "Faculty of Business",
    "Faculty of Health and Social Sciences",
    "Faculty of Humanities",
    "Faculty of Science",
    "Faculty of Construction and Environment",
    "Faculty of Computer and Mathematical Sciences",
    "School of Design",
    "School of Fashion and Textiles",
    "School of Hotel and Tourism Management",
    "School of Optometry",
    "Global Engagement Office",
)
LEVELS: tuple[str, ...] = ("ug", "ug;pgt", "pgt", "pgr", "ug;pgt;pgr", "staff", "")
STATUSES: tuple[tuple[str, int], ...] = (
    ("", 80),
    ("active", 8),
    ("renewal_pending", 5),
    ("negotiating", 3),
    ("terminated", 2),
    ("draft", 2),
)

ProgressFn = Callable[[str, int, int], None]
# The columns of each row _rows makes, in its order.
INSERTED = (
    "id",
    "agreement_id",
    "organisation_id",
    "partner",
    "partner_fold",
    "country_code",
    "country",
    "agreement_type",
    "start_date",
    "end_date",
    "status",
    "polyu_unit",
    "level",
    "direction",
    "places_out",
    "places_in",
    "source",
    "text_fold",
)


class SynthAgreementsProblem(PolyuError):
    """The database cannot take synthetic agreements."""


@lru_cache(maxsize=1024)
def _code(country: str) -> str:
    from polyu_tui.data.countries import resolve_country

    found = resolve_country(country) if country else None
    return found.code if found else ""


def _rows(
    partners: list[tuple[str, str, str]], seed: int, today: dt.date
) -> Iterator[tuple[object, ...]]:
    rng = random.Random(seed)
    types, type_weights = zip(*TYPES, strict=True)
    statuses, status_weights = zip(*STATUSES, strict=True)
    number = 0
    for org_id, name, country in partners:
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            number += 1
            kind = rng.choices(types, type_weights)[0]
            roll = rng.random()
            end: dt.date | None
            if roll < 0.08:  # ends within the coming year: the renewals to watch
                end = today + dt.timedelta(days=rng.randrange(1, 366))
                start = end - dt.timedelta(days=365 * rng.choice((3, 4, 5)))
            else:
                start = today - dt.timedelta(days=rng.randrange(-200, 365 * 15))
                end = (
                    start + dt.timedelta(days=365 * rng.choice((2, 3, 5, 5, 10)))
                    if roll < 0.85
                    else None
                )
            places = rng.choice((None, 1, 2, 2, 4, 6, 10)) if "exchange" in kind else None
            unit = rng.choice(UNITS)
            text = f"{name} | {kind.replace('_', ' ')} | {unit} | {country}"
            yield (
                f"agreement/syn-{number}",
                f"SYN-{number}",
                org_id,
                name,
                quick_fold(name),
                _code(country),
                country,
                kind,
                start.isoformat(),
                end.isoformat() if end else "",
                rng.choices(statuses, status_weights)[0],
                unit,
                rng.choice(LEVELS),
                "both" if places else "",
                places,
                places,
                SYNTHETIC_SOURCE,
                quick_fold(text),
            )


def add_synthetic_agreements(
    path: Path,
    *,
    seed: int = 1,
    today: dt.date | None = None,
    progress: ProgressFn | None = None,
) -> int:
    """Add synthetic agreements to the synthetic database at ``path``; how many.

    The agreements are written into a copy beside it, renamed over it when complete.
    """
    import os
    import shutil
    import tempfile

    path = path.resolve()
    fd, tmp_name = tempfile.mkstemp(
        prefix=".polyu-synth-agreements-", suffix=".db", dir=path.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(path, tmp)
        written = _add(tmp, seed, today or dt.date.today(), progress)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return written


def _add(path: Path, seed: int, day: dt.date, progress: ProgressFn | None) -> int:
    report = progress or (lambda phase, done, total: None)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        synthetic = conn.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone()
        if synthetic is None or synthetic[0] != "1":
            raise SynthAgreementsProblem(f"{path} is not a synthetic database")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("DROP TABLE IF EXISTS agreement")
        conn.execute("DROP TABLE IF EXISTS imported_record")
        statements = [
            part.strip()
            for part in "\n".join(
                line.split("--", 1)[0] for line in AGREEMENT_DDL.splitlines()
            ).split(";")
            if part.strip()
        ]
        for statement in statements:
            if not statement.upper().startswith("CREATE INDEX"):
                conn.execute(statement)
        partners = [
            (str(org_id), str(name), str(country))
            for org_id, name, country in conn.execute(
                "SELECT id, name, country FROM organisation WHERE kind != 'polyu' ORDER BY rowid"
            )
        ]
        total = len(partners) * 2  # about: 1-3 each
        conn.execute("BEGIN")
        batch: list[tuple[object, ...]] = []
        counts = AgreementCounts()
        pick = by_position(INSERTED)
        written = 0
        insert = (
            f"INSERT INTO agreement ({', '.join(INSERTED)}) "
            f"VALUES ({', '.join('?' for _ in INSERTED)})"
        )
        for row in _rows(partners, seed, day):
            batch.append(row)
            if len(batch) >= BATCH:
                conn.executemany(insert, batch)
                counts.add(batch, pick)
                written += len(batch)
                batch.clear()
                report("agreements", written, total)
        conn.executemany(insert, batch)
        counts.add(batch, pick)
        written += len(batch)
        report("agreements", written, total)
        for statement in statements:
            if statement.upper().startswith("CREATE INDEX"):
                conn.execute(statement)
        index_agreements(conn)
        derive_partner_counts(conn)
        report("derived tables", 0, 1)
        derive_agreement_tables(conn, counts)
        report("derived tables", 1, 1)
        meta = {
            META_FILES: "synthetic agreements",
            META_DATE: day.isoformat(),
            META_COUNT: str(written),
        }
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        return written
    finally:
        conn.close()
