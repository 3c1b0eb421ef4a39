"""Messages widgets post to the app."""

from __future__ import annotations

from textual.message import Message


class OpenRecord(Message):
    """Show a record in the detail panel (from a row, a card, a link or a search hit)."""

    def __init__(self, record_id: str, *, from_link: bool = False) -> None:
        self.record_id = record_id
        self.from_link = from_link
        super().__init__()
