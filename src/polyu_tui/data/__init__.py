"""The data layer: schema, build, reads (detail, lists, partners), search. No Textual."""
