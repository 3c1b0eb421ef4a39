"""The data layer: schema, build, queries and search. It never imports Textual."""
