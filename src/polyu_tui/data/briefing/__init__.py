"""Briefing cards: one page about one record to take away (``b`` in the app,
``polyu-tui brief REF``). card.py gathers it, render.py draws it as Markdown or SVG,
files.py names and writes it. Never imports Textual."""

from __future__ import annotations

import sqlite3

from polyu_tui.data.errors import PolyuError
from polyu_tui.data.schema import KINDS
from polyu_tui.data.text import QUOTE_LIMIT, printable


class UnknownRecord(PolyuError):
    """REF names no record."""


def resolve_ref(conn: sqlite3.Connection, ref: str) -> str:
    """The record id REF names: 'kind/id', else the best hit of a name search."""
    text = ref.strip()
    kind, slash, record_id = text.partition("/")
    if slash and kind in KINDS:
        row = conn.execute(
            "SELECT id FROM entity WHERE kind = ? AND id = ?", (kind, record_id)
        ).fetchone()
        if row is None:
            raise UnknownRecord(f"no record {printable(text, QUOTE_LIMIT)!r}")
        return str(row[0])
    from polyu_tui.data.search import search

    results = search(conn, text, limit=1) if text else []
    if not results:
        raise UnknownRecord(f"no record matches {printable(text, QUOTE_LIMIT)!r}")
    return results[0].id
