"""The detail panel: every field of a record, its links, its source sentences.

Following a link moves the panel to that record; Escape or Backspace walks back
through the history, shown as a breadcrumb.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from polyu_tui.data.format import KIND_LABELS, name_with_acronym
from polyu_tui.ui.host import host
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.widgets.breadcrumb import Breadcrumb
from polyu_tui.ui.widgets.record_list import RecordList
from polyu_tui.ui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from polyu_tui.data.detail import Detail, LinkedRecord

# Marks a value that comes from the reference layer, not the article.
REFERENCE_MARK = "†"
REFERENCE_LEGEND = f"{REFERENCE_MARK} not in the article: reference"


def marked(value: str, *, reference: bool) -> Text:
    """``value``, followed by a dim † when it is a reference value."""
    text = Text(value)
    if reference:
        text.append(f" {REFERENCE_MARK}", style="dim")
    return text


def link_label(record: LinkedRecord) -> Table:
    """A linked record's name, wrapped with a hanging indent, and its kind on the right."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True, style="italic")
    # Text, not str: a Rich table reads a str cell as markup, and a name is not markup.
    grid.add_row(
        "",
        marked(record.name, reference=record.reference),
        Text(KIND_LABELS.get(record.kind, record.kind)),
    )
    return grid


def reference_table(detail: Detail) -> Table | None:
    """The record's reference facts, each with its reference, under the legend."""
    if not detail.references:
        return None
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for row in detail.references:
        value = marked(row.value, reference=True)
        value.append(f"\n{row.reference}", style="italic")
        table.add_row(Text(row.label), value)
    return table


class DetailBody(VerticalScroll):
    """The record under the trail: it scrolls, but is never maximized alone."""

    ALLOW_MAXIMIZE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False, id="detail.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="detail.up", tooltip="Scroll up"),
    ]


class DetailPanel(ReportsWorkerErrors, Vertical):
    """Shows one record at a time and remembers how the user got there."""

    # Maximizing anything in it (a link, from the palette) maximizes the whole panel.
    ALLOW_MAXIMIZE = True

    # Styles beside this module, parsed when first used (not before the first frame).
    DEFAULT_CSS = css_beside(__file__, "detail.tcss")
    SCOPED_CSS = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            id="detail.back",
            tooltip="Back to the previous record, or close the panel",
        ),
        Binding(
            "backspace",
            "back",
            "Back",
            show=False,
            id="detail.back.alt",
            tooltip="Back to the previous record",
        ),
        Binding("x", "close", "Close", id="detail.close", tooltip="Close the detail panel"),
    ]

    @dataclass
    class Loaded(Message):
        record_id: str
        detail: Detail | None

    class Closed(Message):
        """The panel was closed (Escape with no history left, or x)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.history: list[tuple[str, str]] = []  # (record id, name) from first to current
        self.detail: Detail | None = None
        self._focus_when_loaded = False

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="breadcrumb")
        with DetailBody(id="detail-body"):
            yield Static("", id="detail-title")
            yield Static("", id="detail-fields")
            yield RecordList(id="detail-links", links=True)
            yield Static("", id="detail-sources")
            # After the article's quotes: what a reference, not the article, says.
            yield Static("", id="detail-references")

    @property
    def current_id(self) -> str | None:
        return self.history[-1][0] if self.history else None

    def open(self, record_id: str, *, push: bool = True, focus: bool = False) -> None:
        """Show ``record_id``; with push=False it replaces the history (a fresh start).

        With focus=True the links take the focus once the record is on screen (not
        before: an empty list cannot take it, and Enter would follow nothing).
        """
        self._focus_when_loaded = self._focus_when_loaded or focus
        if not push:
            self.history.clear()
        if self.current_id != record_id:
            self.history.append((record_id, record_id))
        self.fetch(record_id)

    @work(thread=True, exit_on_error=False, exclusive=True, group="detail")
    def fetch(self, record_id: str) -> None:
        store, today = host(self).store, host(self).today
        # Imported here, off the UI thread and after start-up: the first screen needs none of it.
        from polyu_tui.data.detail import get_detail

        detail = store.run(lambda c: get_detail(c, record_id, today=today))
        self.post_message(self.Loaded(record_id, detail))

    def on_detail_panel_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.record_id != self.current_id:
            return  # the user already moved on
        self.detail = message.detail
        if message.detail is None:
            self.query_one("#detail-title", Static).update(Text(f"No record {message.record_id!r}"))
            for selector in ("#detail-fields", "#detail-sources"):
                self.query_one(selector, Static).update("")
            self.query_one("#detail-links", RecordList).set_groups([])
            return
        self.history[-1] = (message.record_id, message.detail.name)
        self._show_detail(message.detail)
        if self._focus_when_loaded:
            self._focus_when_loaded = False
            self.call_after_refresh(self.focus_links)

    def _show_detail(self, detail: Detail) -> None:
        from polyu_tui.data.detail import source_note

        self.query_one("#breadcrumb", Breadcrumb).set_names([name for _, name in self.history])
        title = Text(name_with_acronym(detail.name, detail.acronym), style="bold")
        title.append(f"\n{KIND_LABELS[detail.kind]}", style="italic")
        if detail.synthetic:
            title.append("  · synthetic record for scale tests", style="italic")
        elif detail.imported:
            title.append("  · imported, not from the article", style="italic")
        self.query_one("#detail-title", Static).update(title)

        fields = Table.grid(padding=(0, 2))
        fields.add_column(style="bold", no_wrap=True)
        fields.add_column(ratio=1)
        for label, value in detail.fields:
            if label != "Kind":
                # Text, never markup; a reference value marked.
                fields.add_row(Text(label), marked(value, reference=label in detail.marked))
        if detail.aliases:
            fields.add_row("Also known as", Text(", ".join(detail.aliases)))
        if detail.summary and detail.summary not in {value for _, value in detail.fields}:
            fields.add_row("About", Text(detail.summary))
        self.query_one("#detail-fields", Static).update(fields)
        references = reference_table(detail)
        reference_block = self.query_one("#detail-references", Static)
        reference_block.display = references is not None
        if references is not None:
            reference_block.update(
                Group(
                    Text("Reference", style="bold"),
                    Text(REFERENCE_LEGEND, style="italic"),
                    references,
                )
            )

        links = self.query_one("#detail-links", RecordList)
        links.set_groups(
            [
                (group.heading, [(r.id, link_label(r)) for r in group.records])
                for group in detail.links
            ]
        )
        links.display = bool(detail.links)
        # The body takes the focus only when there is no link to take it: Shift+Tab
        # from the links goes back to the list the record came from, not to a body
        # that shows no focus and does nothing with j or Enter.
        self.query_one("#detail-body", DetailBody).can_focus = not detail.links

        sources = Text("Source", style="bold")
        note = source_note(detail)
        if note:
            sources.append(f"\n{note}", style="italic")
        for quote in detail.sources:
            sources.append(f"\n“{quote}”\n", style="italic")
        self.query_one("#detail-sources", Static).update(sources)
        self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)

    def focus_links(self) -> None:
        links = self.query_one("#detail-links", RecordList)
        # Focus without scrolling, so the record's title stays in view.
        if links.display and links.option_count:
            links.focus(scroll_visible=False)
        else:
            self.query_one("#detail-body", VerticalScroll).focus(scroll_visible=False)

    def action_back(self) -> None:
        if len(self.history) > 1:
            self.history.pop()
            self.fetch(self.history[-1][0])
        else:
            self.action_close()

    def action_close(self) -> None:
        self.history.clear()
        self.detail = None
        self.post_message(self.Closed())
