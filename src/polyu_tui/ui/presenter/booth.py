"""Presenter mode at work in the app: the idle reset, the tour, help, quitting, keys.

The app makes one Booth when it starts in presenter mode and hands it every key and
mouse event (``touch``); a half-second timer asks the idle clock what is due.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from textual.content import Content
from textual.widgets import Static

from polyu_tui.data.agreements.schema import data_label
from polyu_tui.ui.presenter.options import IdleClock, PresenterOptions, TourStep, load_tour
from polyu_tui.ui.presenter.screens import ConfirmQuit, VisitorHelp
from polyu_tui.ui.presenter.theme import PRESENT_THEME

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from polyu_tui.data.store import Store

# How often the app asks whether a reset or a tour step is due.
TICK = 0.5


class BoothApp(Protocol):
    """What the booth uses of the app, beyond Textual's App (a circle if it were in
    ui/host.py, which reads presenter options)."""

    @property
    def store(self) -> Store: ...

    @property
    def detail_open(self) -> bool: ...

    def action_detail_close(self) -> None: ...

    async def action_show_tab(self, tab_id: str) -> None: ...

    def open_record(self, record_id: str, *, from_link: bool = False) -> None: ...


class VisitorKeyBar(Static):
    """The key bar in presenter mode: only what a visitor needs."""

    DEFAULT_CSS = """
    VisitorKeyBar { dock: bottom; height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self) -> None:
        parts: list[str | tuple[str, str]] = []
        for key, what in (
            ("1–8", "tabs"),
            ("←↑→↓", "move"),
            ("Enter", "open"),
            ("Esc", "back"),
            ("/", "search"),
            ("?", "how to explore"),
        ):
            parts += [(f" {key} ", "bold $text-accent"), f"{what} "]
        super().__init__(Content.assemble(*parts), id="visitor-keys")


class Booth:
    def __init__(
        self,
        app: App[None],
        options: PresenterOptions,
        clock: Callable[[], float],
        tabs: tuple[str, ...],
    ) -> None:
        """``tabs``: the app's tab ids, the first the one a reset goes back to."""
        self.app = app
        self.options = options
        self.idle = IdleClock(options, clock)
        self.home_tab = tabs[0]
        self.tour: list[TourStep] = load_tour(tabs=frozenset(tabs)) if options.tour else []
        self.step_index = 0
        self.caption = ""

    @property
    def host(self) -> BoothApp:
        return cast("BoothApp", self.app)

    def start(self) -> None:
        self.app.theme = PRESENT_THEME.name
        self.app.set_interval(TICK, self.tick)

    def key_bar(self) -> Widget:
        return VisitorKeyBar()

    def touch(self) -> None:
        self.idle.touch()

    async def tick(self) -> None:
        """What the idle clock says is due now: a reset, or the tour's next step."""
        due = self.idle.due()
        if due == "reset":
            await self.reset()
        elif due == "step" and self.tour:
            await self.step()

    async def _clear(self) -> None:
        while len(self.app.screen_stack) > 1:
            await self.app.pop_screen()
        if self.host.detail_open:
            self.host.action_detail_close()

    async def reset(self) -> None:
        """Back to the Overview, every panel and screen closed: the start of the tour."""
        await self._clear()
        await self.host.action_show_tab(self.home_tab)
        self.step_index = 0
        self._show_caption(self.tour[0].caption if self.tour else "")

    async def step(self) -> None:
        self.step_index = (self.step_index + 1) % len(self.tour)
        step = self.tour[self.step_index]
        await self._clear()
        await self.host.action_show_tab(step.tab)
        if step.record:
            self.host.open_record(step.record)
        self._show_caption(step.caption)

    def _show_caption(self, caption: str) -> None:
        self.caption = caption
        title = self.app.query_one("#title", Static)
        base = f"◆ {self.app.title} — {self.app.sub_title}"
        title.update(f"◆ {self.app.title} — {caption}" if caption else base)

    def help(self) -> None:
        self.app.push_screen(VisitorHelp(data_label(self.host.store.path)))

    def ask_quit(self) -> None:
        if isinstance(self.app.screen, ConfirmQuit):
            return

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.app.exit()

        self.app.push_screen(ConfirmQuit(), answered)
