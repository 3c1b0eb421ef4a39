"""Styles: every .tcss file sits beside the module of the widget or screen it styles.

Widgets and screens load theirs as DEFAULT_CSS with ``css_beside`` (parsed when first
used). The tabs' files are the one exception: they restyle the list widgets inside
the tabs, and a widget's own DEFAULT_CSS outranks a containing widget's whatever the
selectors (Textual ranks default CSS by class before specificity), so they are app
CSS, listed in app.py's CSS_PATH.

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
