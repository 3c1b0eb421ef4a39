"""Fitting text to a width in terminal cells (CJK characters take two): padded out,
or cut with an ellipsis. Every list and table that draws its own lines uses these.

Lines drawn as segments go to the terminal as they are (Rich's Text would strip control
codes; a Segment does not), so the text is made printable here: an imported partner
named "Evil\x1b[31m" shows '␛[31m' instead of turning the screen red."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from polyu_tui.data.text import printable

# A cut goes back to the last word's end only if that keeps this share of the room:
# "Research collaboration…", but not one short word and "…" for a single long one.
WORD_CUT_SHARE = 0.6


_LINE_BREAKS = str.maketrans("\t\n\r\v\f", "     ")


def one_line(text: str) -> str:
    """``text`` for one line of a terminal: breaks and tabs as spaces, other control
    characters visible ('␛')."""
    return printable(text.translate(_LINE_BREAKS))


def cut_at_word(text: str, room: int) -> str:
    """``text`` cut to at most ``room`` cells, at the end of a word where one ends late
    enough (a single long word, or a CJK name with no spaces, is cut mid-word)."""
    cut = set_cell_size(text, room)
    if cell_len(text) <= room:
        return text.rstrip()
    whole = cut.rstrip()
    if len(whole) < len(cut) or (len(cut) < len(text) and text[len(cut)].isspace()):
        return whole  # the cut falls between words already
    space = whole.rfind(" ")
    if space > 0 and cell_len(whole[:space].rstrip()) >= WORD_CUT_SHARE * room:
        return whole[:space].rstrip(" ,;:·–-(")
    return whole


def fit_segments(segments: list[Segment], width: int, fill: Style) -> Strip:
    """The segments cut to ``width`` cells with an ellipsis, or padded out to it."""
    if width <= 0:
        return Strip([], 0)
    segments = [Segment(one_line(text), style) for text, style, _ in segments]
    length = sum(cell_len(segment.text) for segment in segments)
    if length <= width:
        return Strip([*segments, Segment(" " * (width - length), fill)], width)
    kept: list[Segment] = []
    room = width - 1  # a cell for the ellipsis
    for text, style, _ in segments:
        size = cell_len(text)
        if size >= room:
            # A cut wide character leaves a space; the words end at the ellipsis.
            text = cut_at_word(text, room)
            kept.append(Segment(text, style))
            room -= cell_len(text)
            break
        kept.append(Segment(text, style))
        room -= size
    kept.append(Segment("…", fill))
    kept.append(Segment(" " * room, fill))
    return Strip(kept, width)


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells, as fit_segments does it (on
    strings alone: a table draws a few hundred cells a frame)."""
    if width <= 0:
        return ""
    if text.isascii() and text.isprintable():  # the common case: one cell a character
        line, size = text, len(text)
    else:
        line = one_line(text)
        size = cell_len(line)
    if size <= width:
        return line + " " * (width - size)
    cut = cut_at_word(line, width - 1)
    return cut + "…" + " " * (width - 1 - cell_len(cut))
