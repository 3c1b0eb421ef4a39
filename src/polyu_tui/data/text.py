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


# Scripts written without spaces between words: Han, kana, Hangul syllables.
_CJK_RUN = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+"
)


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None


def cjk_bigrams(text: str) -> list[str]:
    """The overlapping character pairs of each CJK run in ``text``, a lone character as
    itself: '香港理工大學' -> 香港 港理 理工 工大 大學. The full-text tokenizer takes a
    whole run as one word; indexed as pairs, any part of a name of two or more
    characters is found, the way CJK search engines do it."""
    pairs: list[str] = []
    for run in _CJK_RUN.findall(text):
        pairs += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return pairs


def split_cjk(word: str) -> list[str]:
    """A word as search terms: its CJK runs as character pairs, the rest as it is
    ('polyu香港' -> polyu 香港)."""
    if not has_cjk(word):
        return [word]
    terms: list[str] = []
    at = 0
    for run in _CJK_RUN.finditer(word):
        if run.start() > at:
            terms.append(word[at : run.start()])
        terms += cjk_bigrams(run.group())
        at = run.end()
    if at < len(word):
        terms.append(word[at:])
    return terms


def name_terms(*names: str) -> str:
    """What the search index keeps beside names so that part of a CJK name finds it."""
    return " ".join(dict.fromkeys(pair for name in names for pair in cjk_bigrams(fold(name))))


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
