"""The high-contrast theme: white and yellow on black, readable from the back of a room.

Registered with the app always, so it can be picked from the palette like any other
theme; presenter mode starts in it.
"""

from __future__ import annotations

from textual.theme import Theme

PRESENT_THEME = Theme(
    name="polyu-present",
    primary="#FFD60A",
    secondary="#4CC9F0",
    accent="#FFD60A",
    warning="#FF9F1C",
    error="#FF4D6D",
    success="#80ED99",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#222222",
    dark=True,
    luminosity_spread=0.1,
    text_alpha=1.0,
    variables={
        "text-muted": "#D0D0D0",
        "border": "#FFD60A",
        "footer-key-foreground": "#FFD60A",
        "block-cursor-background": "#FFD60A",
        "block-cursor-foreground": "#000000",
    },
)
