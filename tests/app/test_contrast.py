"""Every text on screen reaches WCAG AA contrast (4.5:1) in every theme the palette
offers (issue 11, item 9): on a projector, muted grey on dark grey or orange on light
grey is unreadable from the back of the room.

The ratios are computed here from the colours the app draws, cell by cell, with the
WCAG 2 formula, not from the app's own contrast module: what the screen shows is what
counts. Text is letters and digits (borders, bars, the map's dots and marks are not).
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input
from ui_helpers import WIDE, make_app, open_tab, press, settle

from polyu_tui.ui.search.screen import SearchScreen

AA = 4.5


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula() -> None:
    assert round(ratio((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert ratio((119, 119, 119), (255, 255, 255)) > 4.47  # #777 on white: 4.48
    assert ratio((118, 118, 118), (255, 255, 255)) >= AA  # #767676: the lightest grey that passes


def is_text(character: str) -> bool:
    return unicodedata.category(character)[0] in "LN"


def low_contrast(pilot: Pilot[None], where: str) -> set[str]:
    """'ratio  text  (colours)' for each run of text under 4.5:1 in the screen on top
    (not the shaded screen under search or help)."""
    app = pilot.app
    screen = app.screen
    found: set[str] = set()
    for y, strip in enumerate(screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style
            start, x = x, x + cell_len(text)
            if style is None or not any(is_text(c) for c in text):
                continue
            widget, _ = screen.get_widget_at(start, y)
            if widget is screen:
                continue  # the shade over the screen beneath
            assert style.color is not None and style.bgcolor is not None, (where, text)
            fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:  # as a terminal draws it: half way to the background
                fg = (
                    (fg[0] + bg[0]) // 2,
                    (fg[1] + bg[1]) // 2,
                    (fg[2] + bg[2]) // 2,
                )
            value = ratio(fg, bg)
            if value < AA:
                found.add(f"{app.theme}: {where}: {value:.2f} {text.strip()[:30]!r} ({style})")
    return found


async def in_every_theme(pilot: Pilot[None], where: str, themes: list[str]) -> set[str]:
    found: set[str] = set()
    for theme in themes:
        pilot.app.theme = theme
        await pilot.pause()
        found |= low_contrast(pilot, where)
    return found


async def test_every_text_reaches_aa_in_every_theme_the_palette_offers() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        themes = sorted(app.available_themes)
        assert "textual-dark" in themes and "textual-light" in themes
        assert "polyu-present" in themes
        # The headline numbers, the cards, the timeline, the tab bar and the key bar.
        found = await in_every_theme(pilot, "Overview", themes)
        # A list's headings and its cursor (the Exchange headings were grey on grey).
        await open_tab(pilot, "4", "exchange")
        found |= await in_every_theme(pilot, "Exchange", themes)
        # The filter's placeholder, the facets, the table and the panel beside it, its
        # links, quotes and reference facts; the table's cursor without the focus.
        await open_tab(pilot, "2", "partners")
        await press(pilot, "enter")
        found |= await in_every_theme(pilot, "Partners and panel", themes)
        await press(pilot, "slash")
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#search-input", Input).value = "university"
        await settle(pilot)
        found |= await in_every_theme(pilot, "Search", themes)
        assert not found, "\n".join(sorted(found))


async def test_the_palette_offers_no_theme_whose_colours_are_the_terminals() -> None:
    """The ANSI themes draw in the terminal's own 16 colours: no contrast can be known."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert not [name for name in app.available_themes if name.startswith("ansi")]
