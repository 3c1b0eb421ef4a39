"""The explorer app: six tabs, a detail panel, global search, help and themes."""

from __future__ import annotations

import gc
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Container, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static

from polyu_tui.data.agreements.schema import data_label
from polyu_tui.data.errors import PolyuError
from polyu_tui.data.store import Store
from polyu_tui.ui.config import keymap_path, load_settings, read_settings, save_settings
from polyu_tui.ui.contrast import UNCHECKABLE_THEMES, readable
from polyu_tui.ui.early_keys import TakesEarlyKeys
from polyu_tui.ui.exits import EndsCleanly
from polyu_tui.ui.messages import OpenRecord, ShowTab
from polyu_tui.ui.presenter.options import PresenterOptions, blocked
from polyu_tui.ui.presenter.theme import PRESENT_THEME
from polyu_tui.ui.tabs import TABS, TabSpec
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.key_bar import KeyBar
from polyu_tui.ui.widgets.tab_bar import TabBar, TabLabel
from polyu_tui.ui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from polyu_tui.data.agreements.view import AgreementView
    from polyu_tui.data.partners import PartnerView
    from polyu_tui.ui.presenter.booth import Booth
    from polyu_tui.ui.widgets.windowed_table import WindowedTable

# The tab composed ahead, out of sight, when the database has agreements.
AGREEMENTS_TAB = "agreements"
# How often the app looks whether an import replaced its database (a stat call).
DB_WATCH_SECONDS = 2.0


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is replaced or rewritten: inode, size, modification time."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


# The key that opens search (a keymap may change it).
SEARCH_KEY = "slash"

# Below this width the detail panel stacks under the list instead of beside it.
NARROW_WIDTH = 110
# Below this size the app says so instead of drawing a squashed screen.
MIN_WIDTH = 60
MIN_HEIGHT = 16


# The palette's providers, imported when it first opens (they import the search).
def record_commands() -> type[Provider]:
    from polyu_tui.ui.commands import RecordCommands

    return RecordCommands


def navigation_commands() -> type[Provider]:
    from polyu_tui.ui.commands import NavigationCommands

    return NavigationCommands


class PolyuApp(ReportsWorkerErrors, EndsCleanly):
    """Explore PolyU's partners, alliances, exchange, Service-Learning and research."""

    TITLE = "PolyU partners"
    SUB_TITLE = "education and research network"
    # App-wide rules, and the tabs' (see styles.py for why they are app CSS); every
    # widget and screen loads the .tcss beside it itself.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        "tabs/tabs.tcss",
        "tabs/overview.tcss",
        "tabs/alliances.tcss",
        "tabs/sections.tcss",
        "tabs/research.tcss",
    ]
    COMMANDS = App.COMMANDS | {record_commands, navigation_commands}
    # Not the first focusable widget, which may be in the hidden detail panel: the
    # first tab gives the focus to its first card once they are drawn.
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                spec.key,
                f"show_tab('{spec.id}')",
                spec.title,
                show=False,
                id=f"tab.{spec.id}",
                tooltip=f"{spec.title}: {spec.tooltip}",
            )
            for spec in TABS
        ),
        Binding(
            "right_square_bracket",
            "next_tab(1)",
            "Next tab",
            show=False,
            id="tab.next",
            tooltip="The next tab",
        ),
        Binding(
            "left_square_bracket",
            "next_tab(-1)",
            "Previous tab",
            show=False,
            id="tab.previous",
            tooltip="The previous tab",
        ),
        Binding(SEARCH_KEY, "search", "Search", id="search", tooltip="Search everything"),
        # priority: Input binds ctrl+k itself (delete to end), and search must win.
        # Shown in the key bar while an input takes / as text.
        Binding(
            "ctrl+k",
            "search",
            "Search",
            priority=True,
            id="search.alt",
            tooltip="Search everything",
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            show=False,
            id="reload",
            tooltip="Reload the data (after an import replaced it)",
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit polyu-tui"),
        # Textual's own Ctrl+Q, kept as an immediate quit: in presenter mode q asks
        # first, and this is the key the presenter knows.
        Binding(
            "ctrl+q",
            "quit_now",
            "Quit now",
            show=False,
            priority=True,
            id="quit.now",
            tooltip="Quit at once (in presenter mode too)",
        ),
        # The panel's own keys, from anywhere while it is open (the focus may be in a tab).
        Binding(
            "escape",
            "detail_back",
            "Back",
            id="detail.back.app",
            tooltip="Back in the detail panel, or close it",
        ),
        Binding(
            "x", "detail_close", "Close panel", id="detail.close.app", tooltip="Close the panel"
        ),
        Binding(
            "b",
            "brief",
            "Brief",
            id="record.brief",
            tooltip="Write a briefing card (Markdown and SVG) on the open or highlighted record",
        ),
        Binding(
            "y",
            "copy_summary",
            "Copy",
            id="record.copy",
            tooltip="Copy the record's one-line summary (some terminals ignore this)",
        ),
        # Browsing with the panel open: the table's next row, without Enter and Escape.
        Binding(
            "n",
            "detail_step(1)",
            "Next",
            id="detail.next",
            tooltip="Show the table's next row in the detail panel",
        ),
        Binding(
            "p",
            "detail_step(-1)",
            "Previous",
            show=False,
            id="detail.previous",
            tooltip="Show the table's previous row in the detail panel",
        ),
        # One key, two bindings: check_action leaves the one that applies now.
        Binding(
            "m",
            "maximize_detail",
            "Maximize",
            id="detail.maximize",
            tooltip="Give the detail panel the whole window",
        ),
        Binding(
            "m",
            "restore",
            "Restore",
            id="restore",
            tooltip="Show the tab with the panel again (narrow windows open it maximized)",
        ),
    ]
    # What stays in view while a widget is maximized: the title and the key bar, whose
    # "m Restore" says how to get back.
    ALLOW_IN_MAXIMIZED_VIEW = "#title, KeyBar"

    @dataclass
    class PartnersPreloaded(Message):
        view: PartnerView

    @dataclass
    class AgreementsPreloaded(Message):
        view: AgreementView

    def __init__(
        self,
        db_path: Path,
        *,
        remember_theme: bool = True,
        presenter: PresenterOptions | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: date | None = None,
        awaiting: Path | None = None,
    ) -> None:
        """``awaiting``: the user database a first import will write, when the bundled
        database is open only because there was none yet (then ctrl+r switches to it)."""
        super().__init__()
        # Presenter mode (polyu-tui present): private, read-only, its own theme, an
        # idle reset and a tour; ``clock`` lets a test drive its time.
        self.presenter = presenter
        self.store = Store(db_path, private=presenter is not None)
        # The day expiry is counted from (a fixed one in tests and screenshots).
        self.today = today or date.today()
        # Which data is open: the title says so when it holds imported agreements.
        self._show_data_label()
        # The database file as opened: an import replaces it with a new file.
        self._db_stamp = file_stamp(db_path)
        self._reload_offered = False
        self._awaiting = awaiting
        self.remember_theme = remember_theme and presenter is None
        self.booth: Booth | None = None
        if presenter is not None:
            from polyu_tui.ui.presenter.booth import Booth

            self.booth = Booth(self, presenter, clock, tuple(spec.id for spec in TABS))
        self._loaded_tabs: set[str] = set()
        # The panel was maximized because the window is narrow (not by the user's m).
        self._maximized_for_narrow = False
        # The unfiltered Partners table, read once the first screen is drawn.
        self.partner_preload: PartnerView | None = None
        # The unfiltered Agreements table likewise, when agreements were imported.
        self.agreement_preload: AgreementView | None = None
        # The user's keys (binding id -> keys) from keymap.toml, as applied.
        self.keymap: dict[str, str] = {}

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(f"◆ {self.title} — {self.sub_title}", id="title")
        with Container(id="body"), Vertical(id="tabs"):
            yield TabBar(
                [TabLabel(spec.id, spec.key, spec.title, spec.short) for spec in TABS],
                id="tab-bar",
            )
            # Only the first tab's pane: the others, and the detail panel, are
            # composed when first shown, so the first screen draws sooner.
            with ContentSwitcher(id="tab-panes", initial=f"{TABS[0].id}-view"):
                yield self._make_tab(TABS[0])
        yield self.key_bar()

    def record_in_focus(self) -> str | None:
        """The record b and y act on now (see briefing.py), or None."""
        from polyu_tui.ui.briefing import record_in_focus

        return record_in_focus(self)

    def key_bar(self) -> Widget:
        """The key bar: the app's, or the visitors' in presenter mode. Search and help
        show one too, over the shade they cast on the screen under them."""
        return self.booth.key_bar() if self.booth is not None else KeyBar()

    def _make_tab(self, spec: TabSpec) -> Widget:
        widget = spec.load()(id=f"{spec.id}-view")
        self._loaded_tabs.add(spec.id)
        return widget

    def on_mount(self) -> None:
        if self.real_terminal:
            self.handle_signals()
        self.register_theme(PRESENT_THEME)  # also selectable outside presenter mode
        for name in UNCHECKABLE_THEMES:
            self.unregister_theme(name)  # no contrast can be promised in them
        if self.booth is not None:
            self.booth.start()
        if self.remember_theme:
            settings, problem = read_settings()
            if problem:
                self.notify(problem, title="Settings", severity="warning", markup=False)
            theme = settings.get("theme")
            if isinstance(theme, str) and theme in self.available_themes:
                self.theme = theme
            self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._apply_keymap()
        self._apply_size(self.size.width, self.size.height)
        self.call_after_refresh(self.read_ahead)
        self.set_interval(DB_WATCH_SECONDS, self.watch_database)

    def _show_data_label(self) -> None:
        imported = data_label(self.store.path)
        self.sub_title = imported or PolyuApp.SUB_TITLE

    def _first_import(self) -> Path | None:
        """The user database a first import wrote since the app opened, if any."""
        awaiting = self._awaiting
        return awaiting if awaiting is not None and awaiting.is_file() else None

    def watch_database(self) -> None:
        """An import replaced the database, or wrote the first user database, while the
        app was open: offer to reload it."""
        if self._reload_offered:
            return
        if file_stamp(self.store.path) == self._db_stamp and self._first_import() is None:
            return
        self._reload_offered = True
        self.notify(
            "The data was replaced (an import) while polyu-tui was open. "
            "Press ctrl+r to reload it.",
            title="New data",
            timeout=30,
        )

    async def action_reload(self) -> None:
        """Open the database again and draw every tab afresh from it (the user database
        a first import wrote, if there is one now)."""
        path, tab = self._first_import() or self.store.path, self.active_tab
        try:
            store = Store(path, private=self.presenter is not None)
        except (PolyuError, sqlite3.Error) as exc:  # an import still writing it, say
            self.notify(str(exc), title="Not reloaded", severity="error", markup=False)
            return
        self.store.close()
        self.store = store
        if path == self._awaiting:
            self._awaiting = None
        self._db_stamp = file_stamp(path)
        self._reload_offered = False
        self._loaded_tabs.clear()
        self.partner_preload = None
        self.agreement_preload = None
        self._show_data_label()
        await self.recompose()
        self._apply_size(self.size.width, self.size.height)
        self.call_after_refresh(self.read_ahead)
        await self.action_show_tab(tab)
        self.notify("Reloaded: " + (data_label(path) or "the article's data"), timeout=5)

    @work(thread=True, exit_on_error=False, group="preload")
    def read_ahead(self) -> None:
        """Once the first screen is drawn: read the Partners tab's first view (a few ms
        at any size), so the tab opens with its rows and facets in its first frame;
        then import what the first search needs, so the first keys typed do not wait
        for imports (rapidfuzz alone takes longer than a search)."""
        from polyu_tui.data.partners import PartnerQuery, partner_view

        view = self.store.run(lambda conn: partner_view(conn, PartnerQuery(), with_facets=True))
        self.post_message(self.PartnersPreloaded(view))
        self._read_ahead_agreements()
        import rapidfuzz.process  # noqa: F401

        import polyu_tui.ui.search.screen  # noqa: F401

        gc.freeze()  # the first screen and these imports, likewise (from any thread)

    def on_polyu_app_partners_preloaded(self, message: PartnersPreloaded) -> None:
        self.partner_preload = message.view

    def _read_ahead_agreements(self) -> None:
        """The Agreements tab's first view and its module, when there are agreements (a
        few ms from the counts an import derives): the tab opens in one frame."""
        from polyu_tui.data.agreements.schema import has_agreements

        if not self.store.run(has_agreements):
            return
        from polyu_tui.data.agreements.query import AgreementQuery
        from polyu_tui.data.agreements.view import ListQuery, agreement_view
        from polyu_tui.ui.tabs.agreements import AgreementsTab  # noqa: F401

        query = ListQuery(AgreementQuery(today=self.today))
        view = self.store.run(lambda conn: agreement_view(conn, query, with_facets=True))
        self.post_message(self.AgreementsPreloaded(view))

    async def on_polyu_app_agreements_preloaded(self, message: AgreementsPreloaded) -> None:
        """Compose the Agreements tab out of sight with it: eight controls and a table
        are most of what pressing 7 took (a few hundred ms on a busy machine)."""
        self.agreement_preload = message.view
        spec = next((spec for spec in TABS if spec.id == AGREEMENTS_TAB), None)
        if spec is not None and spec.id not in self._loaded_tabs:
            panes = self.query_one("#tab-panes", ContentSwitcher)
            await panes.add_content(self._make_tab(spec))

    def _apply_keymap(self) -> None:
        """The user's keymap.toml, if any; a bad one is a notice and the default keys."""
        path = keymap_path()
        if not path.exists():
            return  # the usual case: nothing more to import or read
        from polyu_tui.ui.bindings import binding_sections, taken_keys, with_ids
        from polyu_tui.ui.keymap import load_keymap

        sections = binding_sections(list(self.BINDINGS))
        known = {str(binding.id) for _, binding in with_ids(sections)}
        loaded = load_keymap(path, known)
        if loaded.problem:
            self.notify(
                f"{loaded.problem}. Using the default keys.",
                title="Your keymap is not used",
                severity="warning",
                timeout=15,
                markup=False,
            )
        taken = taken_keys(sections, loaded.keys, self.get_key_display)
        if taken:
            self.notify(
                f"{path}: {'; '.join(taken)}.",
                title="Your keymap takes keys from other bindings",
                severity="warning",
                timeout=15,
                markup=False,
            )
        self.keymap = loaded.keys
        self.set_keymap(loaded.keys)

    def on_unmount(self) -> None:
        self.store.close()

    def _remember_theme(self, theme: Theme) -> None:
        settings = load_settings()
        settings["theme"] = theme.name
        save_settings(settings)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        # The main screen's classes, also while search or help is open on top of it.
        screen = self.screen_stack[0]
        was_too_small = screen.has_class("too-small")
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        screen.set_class(width < NARROW_WIDTH, "narrow")
        if too_small and not screen.query("#too-small"):
            screen.mount(
                Static(
                    "The window is too small for polyu-tui.\nMake it at least "
                    f"{MIN_WIDTH}×{MIN_HEIGHT}, or press q to quit.",
                    id="too-small",
                )
            )
        screen.set_class(too_small, "too-small")
        self._fit_detail_to_width(screen)
        # A hidden widget must take no keys (a list never laid out fails on PageUp):
        # a disabled body cannot hold the focus, and nothing in it can take it.
        screen.query_one("#body").disabled = too_small
        if was_too_small and not too_small:
            self.call_after_refresh(self._restore_focus)

    def _restore_focus(self) -> None:
        """Hiding the body took the focus away; give it back so the keys work again."""
        if self.screen is not self.screen_stack[0] or self.focused is not None:
            return
        if self.detail_open:
            self.query_one("#detail", DetailPanel).focus_links()
        else:
            self._focus_tab(self.active_tab)

    # ------------------------------------------------------------------ tabs

    @property
    def active_tab(self) -> str:
        current = self.query_one("#tab-panes", ContentSwitcher).current
        return current.removesuffix("-view") if current else TABS[0].id

    async def action_next_tab(self, step: int) -> None:
        ids = [spec.id for spec in TABS]
        await self.action_show_tab(ids[(ids.index(self.active_tab) + step) % len(ids)])

    def on_tab_bar_clicked(self, message: TabBar.Clicked) -> None:
        self.call_later(self.action_show_tab, message.tab_id)

    def on_show_tab(self, message: ShowTab) -> None:
        self.call_later(self.action_show_tab, message.tab_id)

    async def action_show_tab(self, tab_id: str) -> None:
        # Let go of the focus first: the old tab's widgets are about to hide.
        self.screen.set_focus(None)
        # A tab asked for is shown, also from a maximized panel (which stays open).
        self._maximized_for_narrow = False
        self.screen.minimize()
        panes = self.query_one("#tab-panes", ContentSwitcher)
        if tab_id not in self._loaded_tabs:
            spec = next(spec for spec in TABS if spec.id == tab_id)
            await panes.mount(self._make_tab(spec))
        panes.current = f"{tab_id}-view"
        self.query_one("#tab-bar", TabBar).active = tab_id
        self.call_after_refresh(self._focus_tab, tab_id)

    def on_tab_view_shown(self, message: TabView.Shown) -> None:
        # Pressing 7 before the tab had read its data left the focus nowhere: its
        # widgets arrived after _focus_tab had looked for them.
        if message.view.id == f"{self.active_tab}-view" and self.screen.focused is None:
            self.call_after_refresh(self._restore_focus)

    def _focus_tab(self, tab_id: str) -> None:
        try:
            view = self.query_one(f"#{tab_id}-view")
        except NoMatches:
            return
        # The tab's first list, table or card, so j/k and Enter work at once; not a
        # filter box, where the next number key would be typed instead of switching tabs.
        focusable = [
            w
            for w in view.query("*")
            if w.focusable
            and not any(
                isinstance(node, Input) or node.has_class("facet") for node in w.ancestors_with_self
            )
        ]
        # Not a scrolling container when a list inside it can take the focus.
        items = [w for w in focusable if not any(w in other.ancestors for other in focusable)]
        if items:
            # Without scrolling: a bar chart or title above the list stays in view.
            items[0].focus(scroll_visible=False)

    # ------------------------------------------------------------------ records

    def open_record(self, record_id: str, *, from_link: bool = False) -> None:
        body = self.query_one("#body", Container)
        try:
            detail = self.query_one("#detail", DetailPanel)
        except NoMatches:
            detail = DetailPanel(id="detail")
            body.mount(detail)
        body.add_class("with-detail")
        self.refresh_bindings()  # esc Back, x Close panel, m Maximize: wherever the focus is
        self._fit_detail_to_width(self.screen_stack[0])
        detail.open(record_id, push=from_link, focus=True)

    def _fit_detail_to_width(self, screen: Screen[object]) -> None:
        """A narrow window gives the open panel the whole body (one scroll bar, the
        whole record in view); a wide one shows it beside the tab again."""
        try:
            detail = screen.query_one("#detail", DetailPanel)
        except NoMatches:
            return
        if screen.has_class("too-small"):
            # Nothing of the body shows then, a maximized panel neither.
            if screen.maximized is detail:
                screen.minimize()
            return
        narrow = screen.has_class("narrow")
        if narrow and self.detail_open and screen.maximized is None:
            screen.maximize(detail, container=False)
            self._maximized_for_narrow = True
        elif not narrow and self._maximized_for_narrow and screen.maximized is detail:
            screen.minimize()
            self._maximized_for_narrow = False

    @property
    def escape_to_minimize(self) -> bool:
        # Escape in the maximized panel goes back through its history (and closes it at
        # the start); anything else maximized from the palette, Escape restores.
        maximized = self.screen.maximized
        return maximized is not None and not isinstance(maximized, DetailPanel)

    def action_maximize_detail(self) -> None:
        self.screen.maximize(self.query_one("#detail", DetailPanel), container=False)

    def action_restore(self) -> None:
        self._maximized_for_narrow = False
        self.screen.minimize()

    @property
    def detail_open(self) -> bool:
        return self.query_one("#body").has_class("with-detail")

    async def action_quit(self) -> None:
        if self.booth is not None:
            self.booth.ask_quit()
            return
        await super().action_quit()

    def action_quit_now(self) -> None:
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        if self.booth is not None and isinstance(event, events.InputEvent):
            self.booth.touch()  # a visitor is here: no idle reset, no tour
        if isinstance(event, events.Key) and not event.is_forwarded:
            # Keys typed straight after / belong in the search box (see early_keys.py).
            if self._opens_search_now(event.key, event.character):
                self.action_search()
                return
            screen = self.screen
            if (
                self.focused is None
                and isinstance(screen, TakesEarlyKeys)
                and not any(b.priority for b in self._bindings.key_to_bindings.get(event.key, ()))
            ):
                screen.take_early_key(event)
                return
        await super().on_event(event)

    def _opens_search_now(self, key: str, character: str | None) -> bool:
        """Whether ``key`` is the search binding's, and would run it now: not typed as
        text into a box, nor bound otherwise by the focused widget (the screen's active
        bindings say, with the user's keymap applied)."""
        keys = self.keymap.get("search")
        search_keys = App._normalize_keymap({"": keys})[""] if keys else SEARCH_KEY
        if key not in search_keys.split(","):
            return False  # the usual case: no need to look at the bindings
        screen, focused = self.screen, self.focused
        if screen is not self.screen_stack[0]:
            return False
        # Textual's active bindings leave "slash" in while an input has the focus
        # (key_to_character does not know the name): the input says itself.
        if focused is not None and focused.check_consume_key(key, character):
            return False
        active = screen.active_bindings.get(key)
        return (
            active is not None
            and active.node is self
            and active.binding.action == "search"
            and active.enabled
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.booth is not None and blocked(action):
            return False  # presenter mode writes, imports and exports nothing
        if action in ("detail_back", "detail_close"):
            return self.detail_open
        if action == "detail_step":
            return self.detail_open and self._table_of_tab() is not None
        if action == "maximize_detail":
            return self.detail_open and self.screen.maximized is None
        if action == "restore":
            return self.screen.maximized is not None
        if action == "search":
            # Not from search itself (ctrl+k there deletes to the end of the query),
            # help or a menu: a second search screen would pile up on the first.
            return self.screen is self.screen_stack[0]
        return True

    def get_css_variables(self) -> dict[str, str]:
        # Every text colour at WCAG AA on what it is drawn on (see contrast.py).
        self.theme_variables = readable(super().get_css_variables())
        return self.theme_variables

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from polyu_tui.ui.commands import system_commands

        return system_commands(self, screen, super().get_system_commands(screen))

    def action_brief(self) -> None:
        from polyu_tui.ui.briefing import NOTHING_IN_FOCUS, record_in_focus, write_brief

        record_id = record_in_focus(self)
        if record_id is None:
            self.notify(NOTHING_IN_FOCUS, title="Briefing card", severity="warning")
            return
        self.run_worker(
            lambda: write_brief(self, record_id), thread=True, exit_on_error=False, group="brief"
        )

    def action_copy_summary(self) -> None:
        from polyu_tui.ui.briefing import NOTHING_IN_FOCUS, copy_summary, record_in_focus

        record_id = record_in_focus(self)
        if record_id is None:
            self.notify(NOTHING_IN_FOCUS, title="Clipboard", severity="warning")
            return
        self.run_worker(
            lambda: copy_summary(self, record_id), thread=True, exit_on_error=False, group="brief"
        )

    def action_detail_back(self) -> None:
        self.query_one("#detail", DetailPanel).action_back()

    def action_detail_close(self) -> None:
        self.query_one("#detail", DetailPanel).action_close()

    def _table_of_tab(self) -> WindowedTable[Any, Any] | None:
        """The shown tab's table (Partners, Agreements), if it has one."""
        from polyu_tui.ui.widgets.windowed_table import WindowedTable

        try:
            view = self.query_one(f"#{self.active_tab}-view")
        except NoMatches:
            return None
        return next(iter(view.query(WindowedTable)), None)

    def action_detail_step(self, step: int) -> None:
        """n, p: the table's next or previous row in the panel, the focus kept."""
        table = self._table_of_tab()
        if table is None:
            return
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()
        table.follow_cursor(delay=0)

    def on_windowed_table_cursor_rested(self, message: WindowedTable.CursorRested) -> None:
        """The table's cursor rests on a row: an open panel shows it (read in the
        panel's worker; a record the cursor has left by then is dropped there)."""
        if not self.detail_open:
            return
        detail = self.query_one("#detail", DetailPanel)
        if detail.current_id != message.record_id:
            # A fresh start; the focus stays where it is (the table, or the panel).
            in_panel = self.focused is not None and detail in self.focused.ancestors
            detail.open(message.record_id, push=False, focus=in_panel)

    def on_open_record(self, message: OpenRecord) -> None:
        self.open_record(message.record_id, from_link=message.from_link)

    def on_detail_panel_closed(self, message: DetailPanel.Closed) -> None:
        self.query_one("#body").remove_class("with-detail")
        if isinstance(self.screen_stack[0].maximized, DetailPanel):
            self.screen_stack[0].minimize()
        self._maximized_for_narrow = False
        self._focus_tab(self.active_tab)
        # The focus may stay where it was (a list on another tab): the panel's keys go.
        self.refresh_bindings()

    # ------------------------------------------------------------------ screens

    def action_search(self) -> None:
        from polyu_tui.ui.search.screen import SearchScreen

        def opened(record_id: str | None) -> None:
            # With the panel open, a search result is one more step Escape can undo.
            if record_id:
                self.open_record(record_id, from_link=self.detail_open)

        self.push_screen(SearchScreen(), opened)

    def action_help(self) -> None:
        if self.booth is not None:
            self.booth.help()
            return
        from polyu_tui.data.briefing.files import EXPORT_ENV, export_dir
        from polyu_tui.ui.bindings import binding_sections
        from polyu_tui.ui.help_screen import HelpScreen

        notes = (
            f"b writes briefing cards (Markdown and SVG) in {export_dir()} "
            f"(${EXPORT_ENV} overrides), and the palette's Screenshot an SVG of the "
            "screen; in a browser they download. y copies over the "
            "terminal (OSC 52), which some terminals ignore.",
            f"Your own keys: binding ids and keys in {keymap_path()} "
            "('polyu-tui config keys' lists every id).",
            "Facet counts marked ≈ (University (≈ 340k)) are estimated from a sample: "
            "a filter matching hundreds of thousands of rows would take seconds to count "
            "exactly. The exact counts replace them when they are ready.",
        )
        self.push_screen(
            HelpScreen(
                binding_sections([*self.BINDINGS, *self.screen.BINDINGS]), self.keymap, notes
            )
        )


def run_app(
    db_path: Path, presenter: PresenterOptions | None = None, awaiting: Path | None = None
) -> int:
    """Run the app on the terminal; its exit status (see ui/exits.py). ``awaiting``: as
    PolyuApp takes it."""
    # What imports made (modules, classes, Textual's styles) lives as long as the app:
    # left out of the garbage collector's full passes, which otherwise scan it all and
    # stall the screen for 25-60 ms now and then (measured, at start-up and mid-search).
    gc.freeze()
    from polyu_tui.ui.terminal_input import install

    install()  # an invalid UTF-8 byte from the terminal is not a crash
    app = PolyuApp(db_path, presenter=presenter, awaiting=awaiting)
    app.real_terminal = True
    app.run()
    if app.crashed:
        print(f"polyu-tui: error: {app.crash_message()}", file=sys.stderr)
    return app.exit_status()
