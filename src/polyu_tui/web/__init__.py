"""The explorer in a web browser, served by textual-serve on this machine."""
