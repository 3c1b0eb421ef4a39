"""The Textual app. Everything that imports Textual lives in this package."""
