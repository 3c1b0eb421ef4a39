"""Global search: results update as you type, grouped by kind, the match marked.

One search runs at a time, in a thread worker; keys typed while it runs are
searched together when it ends, and results for a query no longer typed are
dropped, never shown.

The query and its results are drawn in one frame (see frame_hold), unless the
search takes longer than HOLD_FRAME_SECONDS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from polyu_tui.data.format import KIND_LABELS
from polyu_tui.data.search import SearchPage, search_page
from polyu_tui.ui.early_keys import TakesEarlyKeys
from polyu_tui.ui.host import host
from polyu_tui.ui.messages import OpenRecord
from polyu_tui.ui.search.frame_hold import FrameHold
from polyu_tui.ui.search.result_list import ResultList
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.widgets.ordered_input import OrderedInput
from polyu_tui.ui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    pass

# The best matches only: more than a screenful, and each one more costs time per key.
RESULT_LIMIT = 20
# Once the user moves to the last of those: every match, up to this many.
ALL_RESULTS_LIMIT = 500
# The longest the typed text waits to be drawn with its results; a slower search
# shows the text first. Well under the ~100 ms at which typing feels sluggish.
HOLD_FRAME_SECONDS = 0.04


class QueryInput(OrderedInput):
    """The search box: an edit holds the next frame until its results are shown."""

    def __init__(self, frame_hold: FrameHold, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.frame_hold = frame_hold

    def watch_value(self, value: str) -> None:
        # Here, before the input asks the screen for a frame of its own.
        self.frame_hold.begin()


class SearchScreen(TakesEarlyKeys, ReportsWorkerErrors, ModalScreen[str | None]):
    """Type to search everything; Enter opens the highlighted record."""

    DEFAULT_CSS = css_beside(__file__, "screen.tcss")
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

    @dataclass
    class Results(Message):
        query: str
        page: SearchPage
        limit: int = RESULT_LIMIT  # the most results asked for
        error: str = ""  # why the search failed, if it did

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial
        self.shown_query = ""  # the query whose results are on screen
        self.wanted_query = initial  # the query typed last
        self.searching = False
        self.open_when_shown = False
        # How many results the next search asks for: RESULT_LIMIT, and every match
        # once the user has moved to the last one shown.
        self.limit = RESULT_LIMIT
        self.shown_page = SearchPage([], 0)
        self.frame_hold = FrameHold(self, HOLD_FRAME_SECONDS)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield QueryInput(
                self.frame_hold,
                value=self.initial,
                placeholder="Search partners, alliances, centres, programmes, places…",
                id="search-input",
                select_on_focus=False,
            )
            yield Static("Type a name, acronym, place or programme.", id="search-status")
            yield ResultList(id="search-results")
        # Its own, not the one under the shade this screen casts: readable.
        yield host(self).key_bar()

    def on_mount(self) -> None:
        search_input = self.query_one("#search-input", Input)
        search_input.cursor_blink = False
        search_input.focus()
        # Letters typed right after / (before the box had the focus) go into it.
        self.early_keys_to(search_input)
        if self.initial:
            self.request_search(self.initial)

    @on(Input.Changed, "#search-input")
    def on_query_changed(self, event: Input.Changed) -> None:
        # Keys that arrive together (a paste, fast typing) are all in the input before
        # the first of their Changed messages gets here: search only for the last.
        if event.value == event.input.value:
            self.request_search(event.value)

    def request_search(self, query: str) -> None:
        """At most one search runs; keys typed meanwhile coalesce into the next one.

        A thread cannot be stopped, so starting one per key would leave a burst of
        searches competing for the CPU; the latest query would finish last.
        """
        if query != self.wanted_query:
            self.limit = RESULT_LIMIT
        self.wanted_query = query
        self.frame_hold.begin()
        if not self.searching:
            self.searching = True
            self.run_search(query, self.limit)

    def on_unmount(self) -> None:
        self.frame_hold.release()

    @on(Input.Submitted, "#search-input")
    def on_query_submitted(self, event: Input.Submitted) -> None:
        if self.shown_query != event.value:
            # Enter came before the results for what is typed now: open the best of
            # those when they arrive, never a hit of an older query.
            self.open_when_shown = True
            return
        self._open_highlighted()

    def _open_highlighted(self) -> None:
        self.query_one("#search-results", ResultList).action_open()

    @work(thread=True, exit_on_error=False, group="search")
    def run_search(self, query: str, limit: int = RESULT_LIMIT) -> None:
        store = host(self).store
        try:
            found = store.run(lambda conn: search_page(conn, query, limit=limit))
        except Exception as exc:  # shown in the status line, never as "no matches"
            why = str(exc).strip().splitlines()[:1] or [type(exc).__name__]
            self.post_message(self.Results(query, SearchPage([], 0), limit, error=why[0]))
        else:
            self.post_message(self.Results(query, found, limit))

    def on_search_screen_results(self, message: Results) -> None:
        message.stop()
        self.searching = False
        if message.query != self.wanted_query or message.limit != self.limit:
            # Typed on meanwhile, or asked for every result: search for that now.
            self.searching = True
            self.run_search(self.wanted_query, self.limit)
            return
        try:
            self._show_results(message)
        finally:
            self.frame_hold.release_after_refreshes()

    def _show_results(self, message: Results) -> None:
        # More results for the same query keep the highlighted one highlighted.
        same_query = message.query == self.shown_query
        self.shown_query = message.query
        status = self.query_one("#search-status", Static)
        results = self.query_one("#search-results", ResultList)
        if not message.query.strip():
            status.update("Type a name, acronym, place or programme.")
            results.show([])
            self.open_when_shown = False
            return
        if message.error:
            # The query and the error are text, never markup (Content, not a str).
            status.update(Content(f"Search failed: {message.error}"), layout=False)
            results.show([])
            self.open_when_shown = False
            return
        found = message.page.results
        count = len(found)
        # (long, short) parts of one line: the short ones where the long ones would be
        # cut (a search box under about 70 columns).
        parts: list[tuple[str, str]]
        if count == 0:
            parts = [(f"No records match “{message.query}”.",) * 2]
        else:
            total = max(message.page.total, count)
            if total > count:
                more = f"{total}+" if message.page.at_least else str(total)
                parts = [(f"{count} of {more} results · the rest as you scroll past the last",
                          f"{count} of {more} · scroll for more")]  # fmt: skip
            else:
                parts = [(f"{count} result{'s' if count != 1 else ''}",) * 2]
            if all(r.match == "fuzzy" for r in found):
                parts.append((" (closest spellings)", " (closest spellings)"))
            if any(r.match == "reference" for r in found):
                parts.append((" · † found by a reference name, not in the article",
                              " · † a reference name"))  # fmt: skip
        long = "".join(full for full, _ in parts)
        fits = len(long) <= status.content_region.width or not status.content_region.width
        # Text, never markup (the query is the user's). One line, always: no layout
        # pass (a full-screen redraw) for a new count.
        status.update(Content(long if fits else "".join(short for _, short in parts)), layout=False)
        self.shown_page = message.page
        keep = results.highlighted_id if same_query else None
        # Kinds appear in the order of their best result, so the first row (the one
        # Enter opens) is always the best match overall.
        groups: dict[str, list[tuple[str, str, str]]] = {}
        for result in found:
            # A hit on a reference name (not the article's) is marked.
            title = f"{result.name} †" if result.match == "reference" else result.name
            groups.setdefault(result.kind, []).append((result.id, title, result.snippet))
        results.show([(KIND_LABELS[kind], rows) for kind, rows in groups.items()], keep=keep)
        if self.open_when_shown:
            self.open_when_shown = False
            self._open_highlighted()

    def on_result_list_end_reached(self, message: ResultList.EndReached) -> None:
        """The last result shown is highlighted: show every match, if there are more."""
        message.stop()
        page = self.shown_page
        if len(page.results) < page.total and self.limit < ALL_RESULTS_LIMIT:
            self.limit = ALL_RESULTS_LIMIT
            self.request_search(self.wanted_query)

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", ResultList)
        if results.record_ids:
            results.focus()

    def on_result_list_top_reached(self, message: ResultList.TopReached) -> None:
        message.stop()
        self.query_one("#search-input", Input).focus()

    def action_dismiss_search(self) -> None:
        self.dismiss(None)

    def on_open_record(self, message: OpenRecord) -> None:
        message.stop()
        self.dismiss(message.record_id)
