"""The yardstick for keystroke timing: a bare Textual Input, nothing else.

The time from sending keys to the typed text drawn in the input is what Textual
and the terminal cost for one frame in answer to a key, before an app does any
work of its own. (An app that answers in a second widget pays more: Textual waits
17-33 ms after a frame drawn at once before it draws the next.)
"""

from textual.app import App, ComposeResult
from textual.widgets import Input


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(placeholder="ECHO-READY", id="typed")


if __name__ == "__main__":
    BareInput().run()
