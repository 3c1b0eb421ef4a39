"""Text folding shared by the build, exact matching and fuzzy search."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Universität Ljubljana' -> 'universitat ljubljana'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# C0 controls as their Unicode pictures (ESC as '␛'), DEL as '␡'.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}
_SURROGATE = re.compile("[\ud800-\udfff]")
_FOREIGN_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
# How much of a user's text a one-line message quotes.
QUOTE_LIMIT = 60


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe to show on a terminal as the user typed it: control characters
    visible ('\\x1b' as '␛', C1 codes as '\\x9b'), bytes that were not UTF-8 (lone
    surrogates from the command line) as '�', and at most ``limit`` characters."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    if _SURROGATE.search(text):
        # Bytes as Python decoded them from argv, undone, then decoded with '�' for
        # what is not UTF-8; a surrogate that came some other way is '�' too.
        text = _FOREIGN_SURROGATE.sub("\ufffd", text)
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = text.translate(_CONTROL_PICTURES)
    if any("\x80" <= ch <= "\x9f" for ch in text):
        text = "".join(f"\\x{ord(ch):02x}" if "\x80" <= ch <= "\x9f" else ch for ch in text)
    return text
