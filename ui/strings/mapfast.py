"""Texts of the map component, its context (basemap, outlines, share, embed) and the deferred parts."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "mf_bar_expander": ("Søylediagram over alle soner", "Bar chart of all zones"),
    "mf_table_expander": ("Tabell over alle soner (tekstalternativ til kartet)",
                          "Table of all zones (text alternative to the map)"),
    "mf_downloads_expander": ("Last ned tallene (CSV, GeoJSON, Excel, GeoPackage)",
                              "Download the figures (CSV, GeoJSON, Excel, GeoPackage)"),
    "mf_legend_count": ("antall soner i parentes", "number of zones in brackets"),
}
STRINGS.update({
    "mf_frame_title": ("Kart over levekårssoner: {title}", "Map of living-conditions zones: {title}"),
    "mf_basemap_off": ("Bakgrunnskartet er ikke tilgjengelig (ingen nettforbindelse til kartserveren). "
                       "Sonene vises likevel.",
                       "The basemap is unavailable (no connection to the map server). The zones still show."),
    "mf_share": ("Del lenke", "Share link"),
    "mf_copied": ("Lenken til denne visningen er kopiert.", "The link to this view is copied."),
    "mf_copy_failed": ("Kunne ikke kopiere; lenken er:", "Could not copy; the link is:"),
    "mf_failed": ("Kartet kunne ikke lastes:", "The map could not be loaded:"),
    "mf_no_context": ("Datasettet har ikke noe eget kartlag med vann, kystlinje og veier; uten nett vises sonene "
                      "uten geografisk bakgrunn.",
                      "The dataset has no context layer of water, coastline and roads of its own; offline the "
                      "zones show without a geographic background."),
    "mf_context_attr": ("Vann, kyst og veier: © OpenStreetMap-bidragsytere (ODbL)",
                        "Water, coast and roads: © OpenStreetMap contributors (ODbL)"),
})
