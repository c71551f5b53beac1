"""Sammenlign / Compare: 2–12 zones and/or sets side by side on every indicator of a year."""

from __future__ import annotations

import streamlit as st

from geo.workbench.common import marker_footnote
from geo.workbench.compare import MAX_COLUMNS, MIN_COLUMNS, comparison_html, trend_multiples
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.state import ZoneChoice, zone_choice_to_params
from ui.widgets import ensure_frame, md_escape
from ui.workbench import (
    CHART_CONFIG,
    area_specs,
    choice_params,
    comparison_cached,
    comparison_downloads,
    dot_grid,
    n_columns,
    spec_key,
    trend_cached,
)
from ui.zonepicker import sync_params, year_picker, zone_picker

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("wb_cmp_title", lang))
st.caption(t("wb_cmp_intro", lang))
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()

years = ds.years()
choice = zone_picker(ds, lang, "cmp", years)
year = year_picker(years, lang, "cmp")
sync_params(ds, "cmp", {**zone_choice_to_params(choice), "year": str(year)}, lang)
if n_columns(choice) < MIN_COLUMNS:
    st.info(t("wb_cmp_need", lang, n=n_columns(choice)))
    st.stop()
if n_columns(choice) > MAX_COLUMNS:
    st.caption(t("wb_cmp_too_many", lang))
    keep = MAX_COLUMNS - (1 if choice.own else 0)
    zones = choice.zones[:keep]
    choice = ZoneChoice(zones, choice.groups[:keep - len(zones)], choice.own, choice.own_name)

with st.spinner(t("wb_computing", lang)):
    table = comparison_cached(ds.version(), choice_params(choice), year, lang, ds, choice)
if table.empty:
    st.info(t("wb_no_rows", lang, year=year))
    st.stop()
pct = st.toggle(t("wb_pct", lang), key="wb_cmp_pct")
st.markdown(comparison_html(ds, table, lang, pct=pct), unsafe_allow_html=True)
notes = [marker_footnote(table["test"].dropna(), lang)]
if (table["year"] != year).any():
    notes.append(t("wb_earlier_year", lang, year=year))
if (table["kind"] == "set").any():
    notes.append(t("wb_set_note", lang))
if pct:
    notes.append(t("wb_pct_note", lang))
for note in notes:
    st.caption(md_escape(note))
comparison_downloads(ds, table, year, lang)

st.subheader(t("wb_dots", lang))
dot_grid(ds, table, lang, pct)

st.subheader(t("wb_trends", lang))
inds = list(dict.fromkeys(table["indicator"]))
if st.session_state.get("wb_cmp_trend") is None:
    start = st.session_state.get("v_ind")
    st.session_state["wb_cmp_trend"] = [start if start in inds else inds[0]]
chosen = st.multiselect(t("wb_trend_inds", lang), inds, key="wb_cmp_trend", max_selections=6,
                        format_func=lambda i: ds.indicator(i).label(lang))
specs = area_specs(ds, choice, lang)
names = dict(zip(table["column_id"], table["column_name"], strict=False))
trends = {(cid, ind): trend_cached(ds.version(), spec_key(spec), ind, lang, ds, spec)
          for cid, spec in zip(names, specs, strict=False) for ind in chosen}
if chosen:
    st.plotly_chart(trend_multiples(trends, names, [ds.indicator(i) for i in chosen], lang), width="stretch",
                    config=CHART_CONFIG, key="wb_cmp_trends")
st.caption(t("wb_trend_note", lang))
