"""The global search: its screen, its result list, and the frame hold that draws a
query and its results together."""
