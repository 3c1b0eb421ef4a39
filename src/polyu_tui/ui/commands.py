"""Command palette providers: open any record by name, jump to a tab or an action."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from functools import partial

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.screen import Screen

from polyu_tui.data.briefing.files import export_dir
from polyu_tui.data.format import KIND_LABELS
from polyu_tui.data.search import search
from polyu_tui.marks import unmarked
from polyu_tui.ui.host import host
from polyu_tui.ui.tabs import TABS


def as_markup(text: str) -> str:
    """Markup that shows ``text`` as it is. (textual.markup.escape misses some: a
    backslash before a tag, '[/\\;=]'.) Every '[' escaped is never a tag, and the
    parser turns '\\[' back into '['; a backslash the text had before a '[' stays."""
    return text.replace("[", "\\[")


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """The candidate with the matched letters styled, read as text: Matcher.highlight
    reads it as markup, and a record's name is not markup."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RecordCommands(Provider):
    """Finds records by name, acronym or place, as the global search does."""

    async def search(self, query: str) -> Hits:
        app = host(self.app)
        if not query.strip():
            return
        results = await asyncio.to_thread(app.store.run, lambda c: search(c, query, limit=12))
        matcher = self.matcher(query)
        for rank, result in enumerate(results):
            score = max(matcher.match(result.name), 1.0 - rank / 20)
            yield Hit(
                score,
                highlighted(matcher, f"Open {result.name}"),
                partial(app.open_record, result.id),
                # The palette reads help as markup.
                help=as_markup(f"{KIND_LABELS[result.kind]} · {unmarked(result.snippet)}"),
            )


class NavigationCommands(Provider):
    """The app's own actions: every tab, search and help."""

    def _commands(self) -> list[tuple[str, str, str]]:
        commands = [
            (f"Go to {spec.title}", f"show_tab('{spec.id}')", spec.tooltip) for spec in TABS
        ]
        commands += [
            ("Search everything", "search", "Open the global search (/)"),
            ("Show keys", "help", "List every key binding (?)"),
        ]
        return commands

    async def discover(self) -> Hits:
        for title, action, help_text in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )


# Presenter mode writes nothing and keeps its own theme (see presenter/options.py).
PRESENTER_LEAVES_OUT = frozenset({"Screenshot", "Theme"})


def system_commands(
    app: App[None], screen: Screen[object], textual_commands: Iterable[SystemCommand]
) -> Iterator[SystemCommand]:
    """Textual's palette commands, each action once and each undone by Escape: "Keys"
    (Textual's side panel, which Escape does not close) gives way to the app's help,
    listed once as "Show keys"; "Screenshot" saves where a folder exists and says
    where (see screenshot.py); presenter mode offers neither a screenshot nor
    another theme."""
    from polyu_tui.ui.screenshot import take_screenshot

    presenting = host(app).presenter is not None
    for command in textual_commands:
        if command.title == "Keys":
            continue
        if presenting and command.title in PRESENTER_LEAVES_OUT:
            continue
        if command.title == "Screenshot":
            # After the palette has closed, so the screenshot shows the app.
            yield SystemCommand(
                command.title,
                f"Save an SVG of the screen in {export_dir()}",
                lambda: app.set_timer(0.1, partial(take_screenshot, app)),
            )
            continue
        yield command
