"""Which agreements a view holds: a filter as SQL, shared by export and the Agreements tab.

A status left empty in the file is worked out from the dates on the day it is read
(:func:`status_sql`), so "expired" and "expires within 6 months" stay true over time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from polyu_tui.data.text import fold


def status_sql(today: str, alias: str = "a") -> str:
    """The effective status of an agreement as an SQL expression (``today`` is bound)."""
    return (
        f"CASE WHEN {alias}.status != '' THEN {alias}.status "
        f"WHEN {alias}.end_date != '' AND {alias}.end_date < '{today}' THEN 'expired' "
        f"WHEN {alias}.start_date > '{today}' THEN 'negotiating' ELSE 'active' END"
    )


# The "expires within" facet's choices, in months.
EXPIRY_MONTHS: tuple[int, ...] = (3, 6, 12)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no such month: {year}-{month}")


@dataclass(frozen=True)
class AgreementQuery:
    """A filter over the agreement table. Empty fields do not filter."""

    text: str = ""
    country_code: str = ""
    agreement_type: str = ""
    status: str = ""
    level: str = ""
    polyu_unit: str | None = None
    organisation_id: str = ""
    expiring_days: int | None = None  # ends within this many days from today, still live
    today: dt.date | None = None

    def on(self, today: dt.date) -> AgreementQuery:
        return replace(self, today=today)

    @property
    def day(self) -> str:
        return (self.today or dt.date.today()).isoformat()

    def where(self, *, skip: str = "") -> tuple[str, list[Any]]:
        """``WHERE`` clauses and arguments (``skip`` leaves one facet out, for its counts)."""
        clauses: list[str] = []
        args: list[Any] = []
        words = fold(self.text).split()
        for word in words:
            clauses.append("a.text_fold LIKE ? ESCAPE '\\'")
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args.append(f"%{escaped}%")
        if self.country_code and skip != "country":
            clauses.append("a.country_code = ?")
            args.append(self.country_code)
        if self.agreement_type and skip != "agreement_type":
            clauses.append("a.agreement_type = ?")
            args.append(self.agreement_type)
        if self.status and skip != "status":
            clauses.append(f"({status_sql(self.day)}) = ?")
            args.append(self.status)
        if self.level and skip != "level":
            clauses.append("(';' || a.level || ';') LIKE ?")
            args.append(f"%;{self.level};%")
        if self.polyu_unit is not None and skip != "polyu_unit":
            clauses.append("a.polyu_unit = ?")
            args.append(self.polyu_unit)
        if self.organisation_id:
            clauses.append("a.organisation_id = ?")
            args.append(self.organisation_id)
        if self.expiring_days is not None and skip != "expiring":
            end = dt.date.fromisoformat(self.day) + dt.timedelta(days=self.expiring_days)
            clauses.append(
                f"a.end_date != '' AND a.end_date >= ? AND a.end_date <= ? "
                f"AND ({status_sql(self.day)}) NOT IN ('expired', 'terminated')"
            )
            args.extend([self.day, end.isoformat()])
        sql = " AND ".join(clauses)
        return (f"WHERE {sql}" if sql else ""), args
