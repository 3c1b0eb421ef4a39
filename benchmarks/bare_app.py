"""The yardstick for first paint: a one-widget Textual app, started the same way."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("BARE-APP-READY")


if __name__ == "__main__":
    Bare().run()
