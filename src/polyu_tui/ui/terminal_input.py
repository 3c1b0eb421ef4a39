"""Bytes from the terminal that are not UTF-8 become U+FFFD instead of ending the app.

Textual's POSIX and web drivers decode their input with a strict UTF-8 decoder,
so one invalid byte (a paste from a Latin-1 terminal, ``tmux send-keys -H ff``)
raises UnicodeDecodeError in the input thread and the app panics. This is
Textualize/textual#6456, open; the fix proposed upstream (PR #6498: the same
decoder with ``errors="replace"``) is not in Textual 8.2.8. Until it lands,
``install()`` gives those driver modules a decoder factory that replaces bad bytes,
which is that fix from the outside: nothing else about the drivers changes.
"""

from __future__ import annotations

import codecs
import functools
import importlib
import os
import sys
from collections.abc import Callable

# The driver modules that build a strict decoder with codecs.getincrementaldecoder.
DRIVER_MODULES = (
    "textual.drivers.linux_driver",
    "textual.drivers.linux_inline_driver",
    "textual.drivers.web_driver",
)
# The terminal's driver is always imported; the web driver (3 ms) only when chosen.
ALWAYS = DRIVER_MODULES[:2]


def lenient_incremental_decoder(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
    """codecs.getincrementaldecoder, but its decoders replace what they cannot decode."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def install() -> list[str]:
    """Give each driver module the lenient decoder factory; the modules patched.

    A module that cannot be imported here (termios on Windows) is not used here
    either. One that no longer names ``getincrementaldecoder`` has changed how it
    decodes, and is left alone (tests/test_crash_paths.py notices).
    """
    patched = []
    chosen = os.environ.get("TEXTUAL_DRIVER", "")
    for name in DRIVER_MODULES:
        if name not in ALWAYS and name not in sys.modules and name not in chosen:
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if getattr(module, "getincrementaldecoder", None) in (
            codecs.getincrementaldecoder,
            lenient_incremental_decoder,
        ):
            module.getincrementaldecoder = lenient_incremental_decoder  # type: ignore[attr-defined]
            patched.append(name)
    return patched
