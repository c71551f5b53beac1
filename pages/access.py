"""Tilgjengelighet / Access: transit and green-space access recomputed with the user's parameters."""

from __future__ import annotations

import streamlit as st

from geo.access import DISTANCE_CHOICES, recompute
from geo.benchmarks import zone_facts
from geo.data.dataset import Dataset, merge_values
from geo.errors import LevekarError
from geo.mapping.classify import classify
from geo.privacy import for_output
from ui.access import access_caption, access_models
from ui.cache import dataset_or_error
from ui.comparison import reference_label
from ui.i18n import t, texts
from ui.mapview import legend, static_map
from ui.panel import table_and_downloads
from ui.state import ACCESS_AREAS, access_to_params, parse_access
from ui.widgets import WINDOW_KEPT, ensure_frame, keep_window, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
tx = texts("acc", lang)
st.title(tx["title"])
st.caption(tx["intro"])
if not st.session_state.get("acc_url_read"):  # a shared link sets the page's settings once
    url_state, dropped = parse_access(st.query_params)
    st.session_state.update(url_state, acc_url_read=True)
    controls = {"kind": "kind", "dist": "distance", "gdist": "distance", "dep": "min_departures", "win": "window",
                "area": "min_area"}  # URL parameter → the control it sets, named in the notice
    for item in dropped:
        name, _, value = item.partition("=")
        st.warning(t("param_fallback_dropped", lang, param=md_escape(tx[controls[name]]), value=md_escape(value)))

models = access_models(ds)
if models is None:
    st.info(tx["no_inputs"])
    st.stop()
transit_model, green_model = models

kind = st.radio(tx["kind"], ["transit_access", "green_access"], horizontal=True, key="acc_kind",
                format_func=lambda i: ds.indicator(i).label(lang))
c1, c2, c3 = st.columns(3)
if kind == "transit_access":
    distance = c1.select_slider(tx["distance"], DISTANCE_CHOICES, key="acc_dist")  # defaults: WIDGET_DEFAULTS
    min_dep = c2.slider(tx["min_departures"], 1, 12, key="acc_dep")
    # A range slider learns it is one from value=, so its choice is kept under another key (see WINDOW_KEPT)
    start, end = c3.select_slider(tx["window"], [f"{h:02d}:00" for h in range(5, 25)],
                                  value=st.session_state.setdefault(WINDOW_KEPT, ("07:00", "19:00")),
                                  key="acc_window", on_change=keep_window)
    params = dict(distance=distance, rail_distance=max(1000, distance), min_departures=min_dep,
                  window=f"{start}-{end}")
    model = transit_model
else:
    distance = c1.select_slider(tx["distance"], DISTANCE_CHOICES, key="acc_gdist")
    area = c2.select_slider(tx["min_area"], ACCESS_AREAS, key="acc_area")
    params = dict(distance=distance, min_area_ha=area)
    model = green_model

st.query_params.update(access_to_params(st.session_state))  # the URL shares these settings

try:
    values = recompute(kind, model, **params)
except LevekarError as exc:
    st.error(md_escape(exc))
    st.stop()
year = int(values["year"].iloc[0])
# recomputed values are new output: through the same gate as the loaded dataset (public mode hides them)
view_ds = for_output(Dataset(ds.zones, merge_values(ds.values, values), ds.catalog, ds.meta, ds.references))
indicator = view_ds.indicator(kind)
facts = zone_facts(view_ds, kind, year)
classes = classify(facts, indicator)
st.header(f"{md_escape(indicator.label(lang))} ({year})")  # the map's title: indicator and year
st.metric(reference_label(view_ds, indicator, lang), indicator.format_value(facts["city_value"].iloc[0], lang))
static_map(view_ds, facts, indicator, classes, year, lang, key="access_map")
legend(classes, indicator, lang)
st.caption(access_caption(kind, params, lang))
table_and_downloads(view_ds, facts, indicator, year, lang, classes)
