"""Kart / Map: the home page — choropleth, click-to-select, side panel, table and downloads.

``?embed=true`` (Streamlit's embed mode) shows the map alone, for an iframe on the kommune's pages.
"""

from __future__ import annotations

import streamlit as st

from geo.search import search_zones
from ui.cache import dataset_or_error, zone_facts_cached
from ui.controls import controls_after_map, embed_view, select_zone, sidebar_controls, still_control
from ui.i18n import t
from ui.mapview import classification_for, context_note, legend, map_options, render_map
from ui.panel import all_zones_chart, table_and_downloads, zone_panel
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()
schemes, palettes = map_options()
embed = bool(st.context.is_embedded)
# Everything above the map goes into ONE container: notices, warnings and search hits then never shift
# the map's place in the page, which would make Streamlit mount a new map (blank frame, zoom lost).
head = st.container()
# A session's first view draws the controls as text and the map first (ui.controls.controls_after_map).
still = not embed and controls_after_map()
with head:
    view = embed_view(ds, lang, schemes, palettes) if embed else sidebar_controls(ds, lang, schemes, palettes,
                                                                                  still=still)
    indicator = ds.indicator(view.indicator)
    facts = zone_facts_cached(ds.version(), view.indicator, view.year, ds)
    classes = classification_for(facts, indicator, view)

if embed:
    render_map(ds, facts, indicator, classes, view, lang, embed=True)
    st.stop()

with head:
    st.header(f"{md_escape(indicator.label(lang))} ({view.year})")
    st.caption(md_escape(indicator.description(lang)))
    if still:
        still_control(t("search_zone", lang), t("search_placeholder", lang), hint=True)
        query = ""
    else:
        query = st.text_input(t("search_zone", lang), placeholder=t("search_placeholder", lang), key="zone_query")
    if query:
        hits = search_zones(ds.zones, query, limit=6)
        if hits.empty:
            st.caption(t("no_zone_match", lang, q=md_escape(query)))
        for col, hit in zip(st.columns(max(len(hits), 1)), hits.itertuples(), strict=False):
            # a callback, not st.rerun(): the selection and the zoom happen in the same (single) run
            col.button(md_escape(hit.name), key=f"hit_{hit.zone_id}", on_click=select_zone,
                       args=(hit.zone_id, True))

left, right = st.columns([3, 2], gap="medium")
with left:
    render_map(ds, facts, indicator, classes, view, lang, report_drawn=still)
    legend(classes, indicator, lang)
    context_note(ds, lang)
with right:
    zone_panel(ds, facts, indicator, view.year, st.session_state.get("zone"), lang)
all_zones_chart(ds, facts, indicator, view.year, view.zone, lang)
table_and_downloads(ds, facts, indicator, view.year, lang, classes)
