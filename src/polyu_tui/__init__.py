"""polyu-tui: an offline terminal explorer of PolyU's education and research partners."""

__version__ = "0.1.0"
