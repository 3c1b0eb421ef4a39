"""Messages widgets post to the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenRecord(Message):
    """Show a record in the detail panel (from a row, a card, a link or a search hit)."""

    record_id: str
    from_link: bool = False


@dataclass
class ShowTab(Message):
    """Switch to a tab (from a link to it, such as the Overview's to the map)."""

    tab_id: str
