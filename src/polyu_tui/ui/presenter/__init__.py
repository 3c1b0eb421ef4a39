"""Presenter mode: the app on a booth laptop or a projector (``polyu-tui present``)."""
