"""Helpers the Pilot and snapshot tests share: start the app, let it settle, read the screen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.config import CONFIG_ENV
from polyu_tui.ui.search.screen import SearchScreen
from polyu_tui.ui.widgets.breadcrumb import Breadcrumb
from polyu_tui.ui.widgets.detail import DetailPanel
from polyu_tui.ui.widgets.partner_table import PartnerTable
from polyu_tui.ui.widgets.record_list import HEADING_PREFIX, Stacked

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_DB = REPO_ROOT / "data" / "polyu.db"

# The size the app is at its best at, and the smallest it is usable at.
WIDE = (120, 40)
SMALL = (80, 24)
THEME = "textual-dark"


def isolate_settings(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """Point the settings file at ``folder`` and take NO_COLOR out of the environment."""
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folder


def make_app(*, remember_theme: bool = False) -> PolyuApp:
    return PolyuApp(BUNDLED_DB, remember_theme=remember_theme)


def _search_pending(screen: object) -> bool:
    """A search runs or waits to start, or its results wait to be drawn."""
    hold = getattr(screen, "frame_hold", None)
    return bool(getattr(screen, "searching", False) or (hold is not None and hold.held))


async def settle(pilot: Pilot[None], rounds: int = 20) -> None:
    """Wait until no worker runs and no search is pending, twice in a row (a finished
    worker may start another; search results are drawn a moment after they arrive)."""
    app = pilot.app
    quiet = 0
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if any(not worker.is_finished for worker in app.workers) or any(
            _search_pending(screen) for screen in app.screen_stack
        ):
            quiet = 0
            continue
        quiet += 1
        if quiet == 2:
            return
    raise AssertionError(f"workers still running: {list(app.workers)}")


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait for whatever they started."""
    await pilot.press(*keys)
    await settle(pilot)


def no_blink(pilot: Pilot[None]) -> None:
    """Stop every Input's cursor blinking, on every screen, so screenshots are stable."""
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False


def plain(renderable: RenderableType | Content | Stacked | str, width: int = 200) -> str:
    """The text a user reads in a renderable, without styles, lines right-trimmed."""
    if isinstance(renderable, str):
        return renderable
    if isinstance(renderable, (Content, Stacked)):
        return renderable.plain
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


def static_text(widget: Static, width: int = 200) -> str:
    """What a Static shows (its whole content, also the part scrolled out of view)."""
    return plain(widget.content, width)  # type: ignore[arg-type]


def screen_text(pilot: Pilot[None]) -> str:
    """Every line of the terminal as the user sees it now, as plain text."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def flat(text: str) -> str:
    """Collapse line breaks and runs of spaces, for text that wraps."""
    return " ".join(text.split())


def record_ids(options: OptionList) -> list[str]:
    """The record ids of a RecordList's options, in order, headings left out."""
    ids = []
    for index in range(options.option_count):
        option_id = options.get_option_at_index(index).id or ""
        if not option_id.startswith(HEADING_PREFIX):
            ids.append(option_id.split(":", 1)[1])
    return ids


def headings(options: OptionList) -> list[str]:
    return [
        plain(options.get_option_at_index(i).prompt).strip()
        for i in range(options.option_count)
        if (options.get_option_at_index(i).id or "").startswith(HEADING_PREFIX)
    ]


def option_texts(options: OptionList, width: int = 200) -> dict[str, str]:
    """Record id -> the option's text (first place of a record listed twice)."""
    texts: dict[str, str] = {}
    for index in range(options.option_count):
        option = options.get_option_at_index(index)
        option_id = option.id or ""
        if option_id.startswith(HEADING_PREFIX):
            continue
        texts.setdefault(option_id.split(":", 1)[1], flat(plain(option.prompt, width)))
    return texts


def highlighted_id_at(options: OptionList, index: int) -> str | None:
    """The record id of the option at ``index`` (None for a heading)."""
    option_id = options.get_option_at_index(index).id or ""
    if option_id.startswith(HEADING_PREFIX) or ":" not in option_id:
        return None
    return option_id.split(":", 1)[1]


def highlighted_id(options: OptionList) -> str | None:
    """The record id of the highlighted option."""
    if options.highlighted is None:
        return None
    return highlighted_id_at(options, options.highlighted)


# What the Pilot tests of tests/app/ ask of the screen.


def detail(pilot: Pilot[None]) -> DetailPanel:
    return pilot.app.query_one("#detail", DetailPanel)


def detail_title(pilot: Pilot[None]) -> str:
    return static_text(pilot.app.query_one("#detail-title", Static))


def breadcrumb(pilot: Pilot[None]) -> str:
    """The detail panel's trail as shown ('' while it is hidden: one record)."""
    trail = pilot.app.query_one("#breadcrumb", Breadcrumb)
    return trail.plain if trail.display else ""


def active_tab(pilot: Pilot[None]) -> str:
    app = pilot.app
    assert isinstance(app, PolyuApp)
    return app.active_tab


def focus_is_in(pilot: Pilot[None], selector: str) -> bool:
    focused = pilot.app.focused
    return focused is not None and pilot.app.query_one(selector) in focused.ancestors_with_self


def partner_names(table: PartnerTable) -> list[str]:
    rows = [table.row_at(index) for index in range(table.row_count)]
    assert all(row is not None for row in rows), "every row of a short list is loaded"
    return [row.name for row in rows if row is not None]


async def open_tab(pilot: Pilot[None], key: str, tab_id: str) -> None:
    await press(pilot, key)
    assert active_tab(pilot) == tab_id
    assert focus_is_in(pilot, f"#{tab_id}-view"), f"{key} puts the focus in the {tab_id} tab"


async def search_and_open(pilot: Pilot[None], query: str) -> None:
    """`/`, the query, Enter. The query is set, not typed key by key: keys are slow in Pilot."""
    await press(pilot, "slash")
    assert isinstance(pilot.app.screen, SearchScreen)
    pilot.app.screen.query_one("#search-input", Input).value = query
    await settle(pilot)
    await press(pilot, "enter")
    assert not isinstance(pilot.app.screen, SearchScreen), "Enter opens the hit and closes search"
