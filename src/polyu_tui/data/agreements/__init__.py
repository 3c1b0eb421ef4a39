"""An office's own agreements: columns and rules, reading CSV/XLSX, the user database,
export. Never imports Textual."""
