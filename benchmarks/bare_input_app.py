"""The yardstick for keystroke timing: a bare Textual app that echoes what is typed.

Keys typed into its Input appear in a Static below ("ECHO:<text>"): the time from
sending keys to the echo on screen is what Textual and the terminal cost before an
app does any work of its own.
"""

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class BareEcho(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="typed")
        yield Static("ECHO-READY", id="echo")

    @on(Input.Changed)
    def show(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(f"ECHO:{event.value}")


if __name__ == "__main__":
    BareEcho().run()
