"""The search core marks matches «like this»; the CLI and the app show them highlighted.

Rich only (no Textual), so the CLI can use it without importing the app.
"""

from __future__ import annotations

from rich.text import Text

from polyu_tui.data.search import MARK_END, MARK_START


def split_marks(snippet: str) -> list[tuple[str, bool]]:
    """('text', is_match) pieces of a snippet, in order."""
    pieces = snippet.replace(MARK_END, MARK_START).split(MARK_START)
    return [(piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece]


def marked(snippet: str) -> Text:
    """The snippet with its matches in bold reverse."""
    text = Text()
    for piece, is_match in split_marks(snippet):
        text.append(piece, style="bold reverse" if is_match else "")
    return text


def unmarked(snippet: str) -> str:
    return "".join(piece for piece, _ in split_marks(snippet))
