"""The naive map page, for bench/bench_map_browser.py: ``GeoDataFrame.explore()`` through ``st_folium``.

What one writes first: merge the facts into the full-precision zones, ``explore(column="value")``, hand
the map to st_folium, and rebuild it on every rerun. Leaflet comes from the app's own static files (as
for our page) so it draws with the network cut; explore's colour-bar legend is left out because it
needs d3 from a CDN. Run with ``LEVEKAR_DATASET`` pointing at the dataset to measure.
"""

from __future__ import annotations

import warnings

import streamlit as st
from streamlit_folium import st_folium

from geo.benchmarks import zone_facts
from geo.data.dataset import load_default
from geo.mapping import assets


@st.cache_resource
def dataset():
    return load_default()


ds = dataset()
ind = st.selectbox("Indikator", ds.indicator_ids, key="ind", format_func=lambda i: ds.indicator(i).label("nb"))
year = ds.years(ind)[-1]
gdf = ds.zones.merge(zone_facts(ds, ind, year).drop(columns=["name", "district"]), on="zone_id")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    m = gdf.explore(column="value", legend=False)
m.default_js, m.default_css = assets.asset_links(assets.STATIC_URL)
st_folium(m, height=560, use_container_width=True, returned_objects=["last_clicked"])
st.markdown(f"Viser: {ind} {year}")
