"""Small text helpers the tabs share."""

from __future__ import annotations

import calendar


def when(as_of: str | None, period: str | None) -> str:
    """'2025-02' -> 'As of February 2025'; '2023/24' -> '2023/24'; 'each year' -> 'Each year'."""
    if as_of:
        year, _, month = as_of.partition("-")
        if month.isdigit() and 1 <= int(month) <= 12:
            return f"As of {calendar.month_name[int(month)]} {year}"
        return f"As of {as_of}"
    if period:
        return period[0].upper() + period[1:]
    return ""
