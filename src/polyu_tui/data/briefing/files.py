"""Where briefing cards are written, what they are called, and writing one safely.

The folder is $POLYU_TUI_EXPORT_DIR, else a polyu-tui folder in the user's documents
folder; created (mode 0700) if missing. A card is written to a temporary file in
that folder, mode 0600, and renamed into place: a kill leaves the old card or none.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from polyu_tui.data.briefing.card import Brief
from polyu_tui.data.briefing.render import to_markdown, to_svg
from polyu_tui.data.text import fold

EXPORT_ENV = "POLYU_TUI_EXPORT_DIR"
FORMATS: tuple[str, ...] = ("md", "svg")
MAX_STEM = 80


def export_dir() -> Path:
    """$POLYU_TUI_EXPORT_DIR, else <documents>/polyu-tui (not created here)."""
    override = os.environ.get(EXPORT_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_documents_path() / "polyu-tui"


def file_name(brief: Brief, fmt: str) -> str:
    """'korea-university.md': the record's name, folded to letters, digits and '-'."""
    stem = re.sub(r"[^\w]+", "-", fold(brief.name), flags=re.ASCII).strip("-_")[:MAX_STEM]
    return f"{stem.strip('-_') or fold(brief.id) or 'record'}.{fmt}"


def render(brief: Brief, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return to_markdown(brief) if fmt == "md" else to_svg(brief)


def write_private(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically, mode 0600; the folder is made (0700) if
    missing. The path written (absolute)."""
    path = path.absolute()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".polyu-brief-", suffix=path.suffix, dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_brief(brief: Brief, fmt: str, folder: Path | None = None) -> Path:
    """Write the card as ``fmt`` into ``folder`` (default: :func:`export_dir`)."""
    return write_private((folder or export_dir()) / file_name(brief, fmt), render(brief, fmt))
