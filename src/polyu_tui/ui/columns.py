"""How a table's columns share its width: the name is the last to shrink.

Each column has a minimum it keeps (a name's is enough to tell names apart), an ideal
width (its usual values whole) and a drop rank. Every column starts at its minimum;
while the minimums do not fit, the column with the highest drop rank is left out
(never the name); only when nothing is left to drop is the name cut below its
minimum. What is left over fills columns to their ideal widths, those kept longest
first, and then the growing columns share the rest by weight.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str  # the column's id in a row's cells
    label: str
    minimum: int
    ideal: int
    sort: str = ""  # the sort key a click on its header chooses ('' : none)
    drop: int = 0  # left out first when highest; 0: never left out
    grow: int = 0  # its share of the width beyond every ideal


def allocate(columns: tuple[Column, ...], width: int, *, gap: int = 1) -> dict[str, int]:
    """The width of each column shown in ``width`` cells (one ``gap`` between columns);
    columns left out are not in the answer, which keeps the columns' order."""
    shown = list(columns)

    def room() -> int:
        return width - gap * (len(shown) - 1)

    while sum(c.minimum for c in shown) > room():
        droppable = [c for c in shown if c.drop]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.drop))
    widths = {c.key: c.minimum for c in shown}
    spare = room() - sum(widths.values())
    if spare < 0:
        # Nothing left to drop: the columns that never drop give way, the first last.
        for column in reversed(shown):
            cut = min(-spare, widths[column.key] - 1)
            widths[column.key] -= cut
            spare += cut
        return widths
    for column in sorted(shown, key=lambda c: c.drop):
        more = min(spare, column.ideal - widths[column.key])
        if more > 0:
            widths[column.key] += more
            spare -= more
    growing = [c for c in shown if c.grow]
    weights = sum(c.grow for c in growing)
    if growing:
        shares = {c.key: spare * c.grow // weights for c in growing}
        shares[growing[0].key] += spare - sum(shares.values())
        for key, share in shares.items():
            widths[key] += share
    return widths
