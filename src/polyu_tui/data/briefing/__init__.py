"""Briefing cards: one page about one record to take away (``b`` in the app,
``polyu-tui brief REF``). card.py gathers it, render.py draws it as Markdown or SVG,
files.py names and writes it. Never imports Textual."""
