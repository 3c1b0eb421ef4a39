"""Text folding shared by the build, exact matching and fuzzy search."""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Universität Ljubljana' -> 'universitat ljubljana'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
