"""A tiny Streamlit page for the browser harness: build_map via st_folium on a small synthetic dataset.

It exercises exactly the path the real page uses — cached display layer, classification, the folium
builder with the app-served Leaflet, st_folium with a minimal ``returned_objects``, and the STRtree click
lookup — without depending on the page's layout. ``?zone=ID`` preselects a zone (shared-URL check).
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.benchmarks import zone_facts
from geo.data.synthetic import synthetic_coverage, synthetic_dataset
from geo.mapping import assets
from geo.mapping.classify import classify
from geo.mapping.display import display_layer
from geo.mapping.maps import build_map

N_ZONES, SEED = 8, 11


@st.cache_resource
def data():
    ds = synthetic_dataset(synthetic_coverage(N_ZONES, 200, seed=SEED), seed=SEED)
    return ds, display_layer(ds.zones)


ds, layer = data()
indicator = ds.indicator("child_low_income")
facts = zone_facts(ds, "child_low_income", 2022)
if "selected" not in st.session_state:
    wanted = st.query_params.get("zone")
    st.session_state["selected"] = wanted if wanted in layer.zone_ids else None
selected = st.session_state["selected"]

m = build_map(layer, facts, indicator, classify(facts, indicator), year=2022, selected=selected,
              asset_base=assets.app_asset_base())
out = st_folium(m, key="map", height=520, use_container_width=True, returned_objects=["last_clicked"])
clicked = layer.locator.zone_at_click((out or {}).get("last_clicked"))
if clicked is not None and clicked != selected:
    st.session_state["selected"] = clicked
    st.query_params["zone"] = clicked
    st.rerun()
st.markdown(f"Valgt sone: `{selected}`")
st.caption(f"assets: {'local' if assets.installed() else 'cdn'}")
