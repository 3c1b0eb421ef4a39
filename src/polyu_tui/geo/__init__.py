"""The world map's geometry: vendored land outlines and drawing them in braille.

Never imports Textual: the map widget and the benchmark share it.
"""
