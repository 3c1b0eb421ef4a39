"""What every tab shares: load its data in a thread, show it on the UI thread."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.containers import Vertical
from textual.message import Message

if TYPE_CHECKING:
    from polyu_tui.data.store import Store


class TabView(Vertical):
    """A tab whose data is read off the UI thread and posted back as a message."""

    class Loaded(Message):
        def __init__(self, data: Any) -> None:
            self.data = data
            super().__init__()

    # A tab whose widgets read their own data (Partners) sets this to False.
    LOADS_DATA = True

    def on_mount(self) -> None:
        if self.LOADS_DATA:
            self.loading = True
            self.load()

    @property
    def store(self) -> Store:
        store: Store = self.app.store  # type: ignore[attr-defined]
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
        self.loading = False
        shown = self.show(message.data)
        if shown is not None:
            await shown
