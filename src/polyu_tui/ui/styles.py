"""Styles kept in a .tcss file beside a widget, loaded when the widget is first used.

The app's CSS_PATH is parsed before the first frame; a tab's or a panel's styles
given as its DEFAULT_CSS are parsed only when it is first composed, so the first
screen does not wait for the styles of screens not yet shown.

Default CSS ranks below every app CSS rule, however specific (and ``margin-left``
sets the whole margin): only styles that no rule in the app's CSS_PATH files also
sets for the same widget belong here.
"""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str, name: str) -> str:
    return (Path(module_file).parent / name).read_text(encoding="utf-8")
