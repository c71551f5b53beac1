"""Klynger / Hot spots: global Moran's I and LISA clusters (HH/LL/HL/LH) with FDR, and what they mean."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from geo.analysis.categories import tips_html
from geo.analysis.hotspots import KNN_FALLBACK, HotspotError, cluster_categories
from geo.formats import format_number
from ui.analysis import (
    category_map,
    hotspots_cached,
    indicator_picker,
    legend_block,
    map_settings,
    notice,
    source_caption,
    year_picker,
)
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("hot_title", lang))
st.caption(t("hot_intro", lang))
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()

ind_id = indicator_picker(ds, lang, "hot_ind")
indicator = ds.indicator(ind_id)
year = year_picker(ds.years(ind_id), lang, "hot_year")
sb = st.sidebar
permutations = sb.select_slider(t("hot_permutations", lang), [99, 199, 499, 999], value=999, key="hot_perm")
basis = sb.radio(t("hot_basis", lang), ["fdr", "raw"], key="hot_basis", format_func=lambda b: t(f"hot_{b}", lang))
map_settings(lang)

try:
    res = hotspots_cached(ds.version(), ind_id, year, permutations, 0, ds)
except HotspotError as exc:
    notice(lang, exc)
    st.stop()

st.header(f"{md_escape(indicator.label(lang))} ({year})")
c1, c2, c3 = st.columns(3)
c1.metric(t("hot_moran", lang), f"{res.moran_i:.3f}", help=t("hot_moran_help", lang))
c2.metric(t("hot_p", lang), f"{res.p_value:.3f}")
c3.metric(t("hot_n", lang), res.n)
st.markdown(t({"higher_is_worse": "hot_hh_worse", "higher_is_better": "hot_hh_better"}.get(
    indicator.direction, "hot_hh_neutral"), lang))

zones = res.zones.copy()
if basis == "raw":  # the uncorrected view: quadrant wherever the zone's own p is below alpha
    zones["cluster"] = zones["quadrant"].where(zones["p_value"] < res.alpha, "ns")
cats = cluster_categories(replace(res, zones=zones), ds.zones["zone_id"])
labels = cats.label_of(lang)
lines = {r.zone_id: [f"{indicator.label(lang)}: {indicator.format_value(r.value, lang)}", labels[r.zone_id],
                     f"p = {r.p_value:.3f} · p (FDR) = {r.p_fdr:.3f}"] for r in zones.itertuples()}
title = t("hot_legend", lang)
category_map(ds, cats, indicator, title, year, tips_html(ds.zones.drop(columns="geometry"), lines), lang,
             key="hot_map")
legend_block(cats, title)
if res.fallback:
    st.caption(t("hot_fallback", lang, k=KNN_FALLBACK, names=md_escape(", ".join(
        ds.zones.set_index("zone_id").loc[list(res.fallback), "name"]))))
if res.missing:
    st.caption(t("hot_missing", lang, names=md_escape(", ".join(ds.zones.set_index("zone_id").loc[list(res.missing),
                                                                                                  "name"]))))
source_caption(ds, ind_id, str(year), lang)
st.info(t("hot_means", lang))

st.header(t("hot_table", lang))
sig = zones[zones["cluster"] != "ns"]
if sig.empty:
    st.caption(t("hot_none", lang))
else:
    st.dataframe(pd.DataFrame({t("col_zone", lang): sig["name"], t("district", lang): sig["district"],
                               t("hot_col_cluster", lang): sig["cluster"],
                               "p": [format_number(v, 3, lang) for v in sig["p_value"]],
                               "p (FDR)": [format_number(v, 3, lang) for v in sig["p_fdr"]]}),
                 hide_index=True, width="stretch")
