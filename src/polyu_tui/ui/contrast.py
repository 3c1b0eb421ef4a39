"""Text that reaches WCAG AA contrast (4.5:1) in every theme the palette offers.

Textual's bundled themes were not made for a projector: in several, muted text, the
accent colour, a list's cursor or the key bar's keys fall under 4.5:1 on the
backgrounds they are drawn on. The app's styles use only the text colours below, and
before the theme's colours reach the CSS, each is lifted (a light text towards white,
a dark one towards black) just far enough to reach 4.5:1 on every background it is
drawn on, and where that cannot be enough, the background of a cursor or the key bar
is moved away from its text; a colour that passes already is left alone, so a theme
keeps its look.

The ANSI themes are not offered: their colours are the terminal's own palette, whose
contrast no app can know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.color import Color

AA = 4.5
# Themes whose colours are the terminal's 16-colour palette (see above).
UNCHECKABLE_THEMES = ("ansi-dark", "ansi-light")

# The backgrounds text is drawn on: the screen, tables and lists, panels, odd rows.
PLAIN = ("background", "surface", "panel", "surface-lighten-1")
# Each text colour the app's styles use, and what it is drawn on ("a/b": a over b).
TEXT_ON: dict[str, tuple[str, ...]] = {
    "foreground": PLAIN,
    "text": PLAIN,
    "text-muted": PLAIN,
    "text-primary": PLAIN,
    "text-accent": PLAIN,
    "footer-description-foreground": ("footer-background",),
    "footer-key-foreground": ("footer-background",),
    "block-cursor-foreground": ("block-cursor-background",),
    "block-cursor-blurred-foreground": (
        "block-cursor-blurred-background/surface",
        "block-cursor-blurred-background/panel",
        "block-cursor-blurred-background/background",
    ),
}
# A background that may be moved (away from its text) when even black or white text
# cannot reach 4.5:1 on it.
MOVABLE_BACKGROUNDS = {
    "block-cursor-foreground": "block-cursor-background",
    "footer-description-foreground": "footer-background",
    "footer-key-foreground": "footer-background",
}

WHITE = Color(255, 255, 255)
BLACK = Color(0, 0, 0)


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _auto_alpha(value: str) -> float | None:
    """The alpha of an 'auto N%' colour (text in black or white, whichever shows)."""
    parts = value.split()
    if not parts or parts[0] != "auto":
        return None
    return float(parts[1].rstrip("%")) / 100 if len(parts) > 1 else 1.0


def _text(value: str) -> Callable[[Color], Color]:
    """The colour ``value`` draws on a given opaque background."""
    alpha = _auto_alpha(value)
    if alpha is not None:
        return lambda background: background + background.get_contrast_text(alpha)
    color = Color.parse(value)
    return lambda background: background + color


def _background(variables: Mapping[str, str], name: str) -> Color:
    """An opaque background: 'a/b' is a drawn over b; a translucent one over $background."""
    top, _, under = name.partition("/")
    color = Color.parse(variables[top])
    if color.a < 1:
        color = _background(variables, under or "background") + color
    return color


def _passes(value: str, backgrounds: list[Color]) -> bool:
    draw = _text(value)
    return all(contrast(draw(background), background) >= AA for background in backgrounds)


def _lift(value: str, backgrounds: list[Color], *, either_way: bool) -> str | None:
    """``value``, or the nearest colour to it that passes on every background: moved
    towards white if it is lighter than the background, else black (either way, if
    that is not enough and ``either_way``); None if nothing passes."""
    if _passes(value, backgrounds):
        return value
    alpha = _auto_alpha(value)
    if alpha is not None:
        for percent in range(round(alpha * 100), 101):
            if _passes(f"auto {percent}%", backgrounds):
                return f"auto {percent}%"
        return None
    color = _text(value)(backgrounds[0])
    lighter = luminance(color) > luminance(backgrounds[0])
    towards = [WHITE, BLACK] if lighter else [BLACK, WHITE]
    for extreme in towards if either_way else towards[:1]:
        for step in range(1, 51):
            candidate = color.blend(extreme, step / 50).hex
            if _passes(candidate, backgrounds):
                return candidate
    return None


def readable(variables: Mapping[str, str]) -> dict[str, str]:
    """The theme's CSS variables with every text colour of TEXT_ON lifted to AA."""
    lifted = dict(variables)
    for name, on in TEXT_ON.items():
        if name not in lifted:
            continue
        movable = MOVABLE_BACKGROUNDS.get(name)
        backgrounds = [_background(lifted, background) for background in on]
        value = _lift(lifted[name], backgrounds, either_way=movable is None)
        if value is None and movable:
            # The text cannot pass on its background, in its own direction: move the
            # background away from it (a darker blue under white keys), then the text.
            text = _text(lifted[name])(backgrounds[0])
            away = BLACK if luminance(text) > luminance(backgrounds[0]) else WHITE
            base = _background(lifted, movable)
            for step in range(1, 51):
                lifted[movable] = base.blend(away, step / 50).hex
                backgrounds = [_background(lifted, background) for background in on]
                value = _lift(lifted[name], backgrounds, either_way=False)
                if value is not None:
                    break
        lifted[name] = value or lifted[name]
    return lifted
