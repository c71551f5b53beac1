"""Texts of the map component, its context (basemap, outlines, share, embed) and the deferred parts."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "mf_bar_expander": ("Søylediagram over alle soner", "Bar chart of all zones"),
    "mf_table_expander": ("Tabell over alle soner (tekstalternativ til kartet)",
                          "Table of all zones (text alternative to the map)"),
    "mf_legend_count": ("antall soner i parentes", "number of zones in brackets"),
}
