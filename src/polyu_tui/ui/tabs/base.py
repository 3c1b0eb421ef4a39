"""What every tab shares: load its data in a thread, show it on the UI thread."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer

from polyu_tui.ui.host import host
from polyu_tui.ui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from polyu_tui.data.store import Store


# Seconds a tab's data may take before a loading indicator shows.
SPINNER_AFTER = 0.25


class TabView(ReportsWorkerErrors, Vertical):
    """A tab whose data is read off the UI thread and posted back as a message."""

    @dataclass
    class Loaded(Message):
        data: Any

    @dataclass
    class Shown(Message):
        """The tab drew what it read: the app gives it the focus if nothing has it
        (the tab was switched to before it had anything to focus)."""

        view: TabView

    # A tab whose widgets read their own data (Partners) sets this to False.
    LOADS_DATA = True
    _spinner: Timer | None = None

    def on_mount(self) -> None:
        if self.LOADS_DATA:
            # After the tab's first frame, so the frame is not kept waiting on the
            # thread; and a spinner only if the data takes long enough to notice.
            self._spinner = self.set_timer(SPINNER_AFTER, self._show_spinner)
            self.call_after_refresh(self.load)

    def _show_spinner(self) -> None:
        self.loading = True

    @property
    def store(self) -> Store:
        store = host(self).store
        return store

    @work(thread=True, exit_on_error=False, exclusive=True, group="tab-load")
    def load(self) -> None:
        self.post_message(self.Loaded(self.fetch(self.store)))

    def fetch(self, store: Store) -> Any:
        """Runs in a worker thread: read everything the tab shows."""
        raise NotImplementedError

    def show(self, data: Any) -> Awaitable[None] | None:
        """Runs on the UI thread with what fetch() returned (may be a coroutine)."""
        raise NotImplementedError

    async def on_tab_view_loaded(self, message: TabView.Loaded) -> None:
        message.stop()
        if self._spinner is not None:
            self._spinner.stop()
        self.loading = False
        shown = self.show(message.data)
        if shown is not None:
            await shown
        self.post_message(self.Shown(self))
