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


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of block characters, at least one cell for any non-zero value."""
    if maximum <= 0 or width <= 0:
        return ""
    cells = value / maximum * width
    full = int(cells)
    partial = " ▏▎▍▌▋▊▉"[int((cells - full) * 8)]
    text = "█" * full + (partial if full < width and partial != " " else "")
    return text or ("▏" if value > 0 else "")
