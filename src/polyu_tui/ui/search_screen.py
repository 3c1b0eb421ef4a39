"""Global search: results update as you type, grouped by kind, the match marked.

One search runs at a time, in a thread worker; keys typed while it runs are
searched together when it ends, and results for a query no longer typed are
dropped, never shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.visual import VisualType
from textual.widgets import Input, Static

from polyu_tui.data.format import KIND_LABELS
from polyu_tui.data.search import SearchResult, search
from polyu_tui.marks import marked
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.widgets.record_list import RecordList, two_line

if TYPE_CHECKING:
    from polyu_tui.data.store import Store

# The best matches only: more than a screenful, and each one more costs time per key.
RESULT_LIMIT = 20
# Keys that arrive together reach the screen within a few milliseconds of each other.
COALESCE_SECONDS = 0.006


class SearchScreen(ModalScreen[str | None]):
    """Type to search everything; Enter opens the highlighted record."""

    CSS_PATH = "search_screen.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "dismiss_search",
            "Close",
            id="search.close",
            tooltip="Close search without opening anything",
        ),
        Binding(
            "down",
            "to_results",
            "Results",
            show=False,
            id="search.results",
            tooltip="Move into the results",
        ),
    ]

    class Results(Message):
        def __init__(self, query: str, results: list[SearchResult]) -> None:
            self.query = query
            self.results = results
            super().__init__()

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial
        self.shown_query = ""  # the query whose results are on screen
        self.wanted_query = initial  # the query typed last
        self.searching = False
        self.open_when_shown = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(
                value=self.initial,
                placeholder="Search partners, alliances, centres, programmes, places…",
                id="search-input",
                select_on_focus=False,
            )
            yield Static("Type a name, acronym, place or programme.", id="search-status")
            yield RecordList(id="search-results")

    def on_mount(self) -> None:
        search_input = self.query_one("#search-input", Input)
        search_input.cursor_blink = False
        search_input.focus()
        if self.initial:
            self.request_search(self.initial)

    @on(Input.Changed, "#search-input")
    def on_query_changed(self, event: Input.Changed) -> None:
        self.request_search(event.value)

    def request_search(self, query: str) -> None:
        """At most one search runs; keys typed meanwhile coalesce into the next one.

        A thread cannot be stopped, so starting one per key would leave a burst of
        searches competing for the CPU; the latest query would finish last.
        """
        self.wanted_query = query
        if not self.searching:
            self.searching = True
            # A moment later, so keys that arrive together (a paste, fast typing)
            # become one search rather than a search of their first letter.
            self.set_timer(COALESCE_SECONDS, self._start_search)

    def _start_search(self) -> None:
        self.run_search(self.wanted_query)

    @on(Input.Submitted, "#search-input")
    def on_query_submitted(self, event: Input.Submitted) -> None:
        if self.shown_query != event.value:
            # Enter came before the results for what is typed now: open the best of
            # those when they arrive, never a hit of an older query.
            self.open_when_shown = True
            return
        self._open_highlighted()

    def _open_highlighted(self) -> None:
        results = self.query_one("#search-results", RecordList)
        if results.highlighted is not None:
            results.action_select()

    @work(thread=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> None:
        store: Store = self.app.store  # type: ignore[attr-defined]
        found: list[SearchResult] = []
        try:
            found = store.run(lambda conn: search(conn, query, limit=RESULT_LIMIT))
        finally:
            # Even on an error (the app reports it), so the next query can start.
            self.post_message(self.Results(query, found))

    def on_search_screen_results(self, message: Results) -> None:
        message.stop()
        self.searching = False
        if message.query != self.wanted_query:
            self.request_search(self.wanted_query)  # typed on meanwhile: search that now
            return
        self.shown_query = message.query
        status = self.query_one("#search-status", Static)
        results = self.query_one("#search-results", RecordList)
        if not message.query.strip():
            status.update("Type a name, acronym, place or programme.")
            results.set_groups([])
            self.open_when_shown = False
            return
        count = len(message.results)
        status.update(
            f"No records match “{message.query}”."
            if count == 0
            else f"{count} result{'s' if count != 1 else ''}"
            + (" (closest spellings)" if all(r.match == "fuzzy" for r in message.results) else ""),
            # One line, always: no layout pass (a full-screen redraw) for a new count.
            layout=False,
        )
        # Kinds appear in the order of their best result, so the first row (the one
        # Enter opens) is always the best match overall.
        groups: dict[str, list[tuple[str, VisualType]]] = {}
        for result in message.results:
            groups.setdefault(result.kind, []).append(
                (result.id, two_line(result.name, marked(result.snippet)))
            )
        results.set_groups([(KIND_LABELS[kind], rows) for kind, rows in groups.items()])
        if self.open_when_shown:
            self.open_when_shown = False
            self._open_highlighted()

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", RecordList)
        if results.option_count:
            results.focus()

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    def on_open_record(self, message: OpenRecord) -> None:
        message.stop()
        self.dismiss(message.record_id)
