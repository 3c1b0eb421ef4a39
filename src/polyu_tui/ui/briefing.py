"""`b` writes a briefing card on the record in focus; `y` copies its one-line summary.

The record in focus is the one open in the detail panel when the focus is there,
else the one highlighted in the focused list, table, search result or figure card.
In a terminal the card is written (Markdown and SVG) into the export folder, which
the notice names; in a browser (textual-serve) it arrives as two downloads.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.app import App

from polyu_tui.ui.host import host
from polyu_tui.ui.widgets.detail import DetailPanel

if TYPE_CHECKING:
    from polyu_tui.data.briefing.card import Brief

MIME_TYPES = {"md": "text/markdown", "svg": "image/svg+xml"}
# How much of a summary the notice quotes.
NOTICE_QUOTE = 120
NOTHING_IN_FOCUS = "Highlight a record in a list, or open one, first."


@runtime_checkable
class HighlightsRecord(Protocol):
    """A widget with a record under its cursor: lists, the Partners table, a card."""

    @property
    def highlighted_record(self) -> str | None: ...


def record_in_focus(app: App[None]) -> str | None:
    """The record `b` and `y` act on, or None."""
    focused = app.focused
    if focused is None:
        panels = app.screen.query(DetailPanel)
        return panels.first().current_id if panels else None  # None once closed
    for node in focused.ancestors_with_self:
        if isinstance(node, DetailPanel):
            return node.current_id
    for node in focused.ancestors_with_self:
        if isinstance(node, HighlightsRecord):
            return node.highlighted_record
    return None


def _card(app: App[None], record_id: str) -> Brief:
    from polyu_tui.data.briefing.card import get_brief

    card = host(app).store.run(lambda conn: get_brief(conn, record_id))
    if card is None:
        raise LookupError(f"no record {record_id!r}")
    return card


def write_brief(app: App[None], record_id: str) -> None:
    """In a worker thread: the card on ``record_id``, as files or downloads."""
    from polyu_tui.data.briefing.files import FORMATS, export_dir, file_name, render, write_private

    card = _card(app, record_id)
    texts = {fmt: render(card, fmt) for fmt in FORMATS}
    if app.is_web:
        app.call_from_thread(_deliver, app, card, texts)
        return
    folder = export_dir()
    try:
        paths = [write_private(folder / file_name(card, fmt), texts[fmt]) for fmt in FORMATS]
    except OSError as exc:
        where = exc.filename or folder
        message = f"Could not write the briefing card: {exc.strerror or exc}: {where}"
        app.call_from_thread(
            app.notify, message, title="Briefing card", severity="error", markup=False
        )
        return
    names = " and ".join(path.name for path in paths)
    app.call_from_thread(
        app.notify,
        f"{card.title}: {names} written in {folder.absolute()}",
        title="Briefing card",
        timeout=12,
        markup=False,
    )


def _deliver(app: App[None], card: Brief, texts: dict[str, str]) -> None:
    from polyu_tui.data.briefing.files import file_name

    names = []
    for fmt, text in texts.items():
        name = file_name(card, fmt)
        app.deliver_text(io.StringIO(text), save_filename=name, mime_type=MIME_TYPES[fmt])
        names.append(name)
    app.notify(
        f"{card.title}: {' and '.join(names)} sent to your browser as downloads",
        title="Briefing card",
        timeout=12,
        markup=False,
    )


def copy_summary(app: App[None], record_id: str) -> None:
    """In a worker thread: the record's one-line summary to the clipboard (OSC 52)."""
    summary = _card(app, record_id).summary
    shown = summary if len(summary) <= NOTICE_QUOTE else summary[: NOTICE_QUOTE - 1] + "…"
    app.call_from_thread(app.copy_to_clipboard, summary)
    app.call_from_thread(
        app.notify,
        f"Copied: {shown}\n(Through the terminal: some terminals ignore this.)",
        title="Clipboard",
        markup=False,
    )
