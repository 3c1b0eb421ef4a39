"""The user's own keys: keymap.toml in the config folder, read into Textual's keymap.

The file maps binding ids (every binding of the app has one; ``?`` lists the keys,
``polyu-tui config keys`` the ids) to keys::

    "tab.partners" = "P"          # a quoted id, or a table per first part:
    [detail]
    close = "ctrl+w"
    [search]
    alt = "ctrl+f,f3"             # several keys: separated by commas

A file that is not right in any way (bad TOML, an unknown id, a key that is not
text, a folder, a huge file) gives one problem, naming the file, the line and the
value, and the default keys: never a crash, never half a keymap. No Textual here:
the app passes the ids it knows.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Far more than any keymap needs; a bigger file is a mistake, not a keymap.
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class LoadedKeymap:
    keys: dict[str, str]
    """binding id -> keys ('ctrl+f' or 'ctrl+f,f3'); empty when there is a problem."""
    problem: str | None = None
    """What is wrong with the file, one line naming it; None when it is fine or absent."""


def load_keymap(path: Path, known_ids: Collection[str]) -> LoadedKeymap:
    """The keymap in ``path`` (none if there is no file), checked against ``known_ids``."""
    try:
        if not path.exists():
            return LoadedKeymap({})
        if path.is_dir():
            return _bad(path, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _bad(path, f"is {size:,} bytes; a keymap is at most {MAX_BYTES // 1024} KiB")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return _bad(path, f"is not UTF-8 text (byte {exc.start})")
    except OSError as exc:
        return _bad(path, f"cannot be read: {exc.strerror or exc}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _bad(path, f"is not valid TOML: {exc}")
    keys: dict[str, str] = {}
    for binding_id, value in _flatten(data):
        where = _line_of(text, binding_id)
        if binding_id not in known_ids:
            return _bad(path, f"unknown binding id {binding_id!r}", where)
        if not isinstance(value, str):
            shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
            return _bad(path, f'{binding_id}: a key is text such as "ctrl+f", not {shown}', where)
        problem = _key_problem(value)
        if problem:
            return _bad(path, f"{binding_id}: {problem}: {value!r}", where)
        keys[binding_id] = ",".join(key.strip() for key in value.split(","))
    return LoadedKeymap(keys)


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Tables join their names with dots: [detail] close = … is 'detail.close'."""
    out: list[tuple[str, Any]] = []
    for name, value in data.items():
        full = f"{prefix}{name}"
        if isinstance(value, dict):
            out += _flatten(value, f"{full}.")
        else:
            out.append((full, value))
    return out


def _key_problem(value: str) -> str | None:
    keys = [key.strip() for key in value.split(",")]
    if not value.strip() or not all(keys):
        return "no key given"
    if any(re.search(r"\s", key) for key in keys):
        return "a key has no spaces in it (ctrl+f, not ctrl + f)"
    return None


def _line_of(text: str, binding_id: str) -> int | None:
    """The line that sets ``binding_id`` (its last part, as written), for the message."""
    last = re.escape(binding_id.rsplit(".", 1)[-1])
    pattern = re.compile(rf"""^\s*(?:[^=#]*\.)?["']?{last}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _bad(path: Path, message: str, line: int | None = None) -> LoadedKeymap:
    where = f"{path}:{line}" if line else str(path)
    return LoadedKeymap({}, f"{where}: {message}")
