"""The palette's Screenshot: an SVG of the screen, in a folder that exists.

Textual's own writes to ~/Downloads and says only "Failed to save screenshot" when
that folder is missing. This one writes into the export folder the briefing cards
use ($POLYU_TUI_EXPORT_DIR, else <documents>/polyu-tui), created if missing (mode
0700, the file 0600, written to a temporary file renamed into place), and the notice
names the file, or the reason it could not be written. In a browser it downloads.
"""

from __future__ import annotations

from datetime import datetime

from textual.app import App

TITLE = "Screenshot"


def take_screenshot(app: App[None]) -> None:
    """Save (or, in a browser, send) an SVG of the screen as it is now."""
    name = f"polyu-tui {datetime.now():%Y-%m-%d %H-%M-%S}.svg"
    if app.is_web:
        app.deliver_screenshot(name)
        return
    from polyu_tui.data.briefing.files import export_dir, write_private

    folder = export_dir()
    try:
        path = write_private(folder / name, app.export_screenshot())
    except OSError as exc:
        where = exc.filename or folder
        app.notify(
            f"Could not save the screenshot: {exc.strerror or exc}: {where}",
            title=TITLE,
            severity="error",
            markup=False,
        )
        return
    app.notify(f"Saved {path}", title=TITLE, timeout=12, markup=False)
