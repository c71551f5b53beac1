"""Endring / Change: a direction-aware change map between two years, and trends with interval bands."""

from __future__ import annotations

import streamlit as st

from geo.analysis.categories import tips_html
from geo.analysis.change import benchmark_change, change_categories, format_change
from geo.analysis.figures import trend_figure
from geo.analysis.zonesets import predefined_sets
from geo.errors import LevekarError
from ui.analysis import (
    category_map,
    change_cached,
    indicator_picker,
    legend_block,
    map_settings,
    notice,
    source_caption,
    trend_series_cached,
)
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("chg_title", lang))
st.caption(t("chg_intro", lang))
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()

ind_id = indicator_picker(ds, lang, "chg_ind")
indicator = ds.indicator(ind_id)
years = ds.years(ind_id)
if len(years) < 2:
    st.info(t("chg_one_year", lang, label=md_escape(indicator.label(lang)), years=", ".join(map(str, years))))
    st.stop()
sb = st.sidebar
if st.session_state.get("chg_from") not in years[:-1]:
    st.session_state["chg_from"] = years[0]
year_from = sb.selectbox(t("chg_from", lang), years[:-1], key="chg_from")
later = [y for y in years if y > year_from]
if st.session_state.get("chg_to") not in later:
    st.session_state["chg_to"] = later[-1]
year_to = sb.selectbox(t("chg_to", lang), later, key="chg_to")
measure = sb.radio(t("chg_measure", lang), ["absolute", "relative"], key="chg_measure",
                   format_func=lambda m: t(f"chg_{m}", lang))
map_settings(lang)

try:
    frame = change_cached(ds.version(), ind_id, year_from, year_to, ds)
    cats = change_categories(frame, indicator, measure)
except (LevekarError, ValueError) as exc:
    notice(lang, exc)
    st.stop()

st.header(f"{md_escape(indicator.label(lang))}: {year_from}–{year_to}")
if indicator.direction == "neutral":
    st.caption(t("chg_neutral", lang))
city = benchmark_change(ds, ind_id, year_from, year_to)
st.metric(t("chg_city", lang, a=year_from, b=year_to), indicator.format_value(city["value_to"], lang),
          format_change(indicator, city["change"], "absolute", lang), delta_color=(
              "inverse" if indicator.direction == "higher_is_worse" else
              "normal" if indicator.direction == "higher_is_better" else "off"))

col = "change" if measure == "absolute" else "relative"
tips = {}
for r in frame.itertuples():
    lines = [f"{indicator.label(lang)} {year_from}: {indicator.format_value(r.value_from, lang)}",
             f"{year_to}: {indicator.format_value(r.value_to, lang)}",
             f"{t('chg_tip_change', lang)}: {format_change(indicator, getattr(r, col), measure, lang)}"]
    if r.small is True:
        lines.append(t("chg_tip_uncertain", lang, u=format_change(indicator, r.uncertainty, "absolute", lang)))
    tips[r.zone_id] = lines
title = t("chg_legend", lang, a=year_from, b=year_to)
category_map(ds, cats, indicator, t("chg_tip_change", lang), f"{year_from}–{year_to}", tips_html(frame, tips), lang,
             key="chg_map")
legend_block(cats, title)
known = int(frame["small"].notna().sum())
st.caption(t("chg_uncertain", lang, small=int(frame["small"].fillna(False).sum()), known=known) if known
           else t("chg_no_interval", lang))
source_caption(ds, ind_id, f"{year_from}, {year_to}", lang)

st.header(t("chg_trend", lang))
names = dict(zip(ds.zones["zone_id"], ds.zones["name"], strict=True))
selected = st.session_state.get("zone")
c1, c2 = st.columns(2)
zones = c1.multiselect(t("chg_trend_zones", lang), list(names), default=[selected] if selected in names else [],
                       format_func=names.get, key="chg_zones", max_selections=6)
sets = {s.id: s.name(lang) for s in predefined_sets(ds) if s.kind != "all"}
chosen_sets = c2.multiselect(t("chg_trend_sets", lang), list(sets), format_func=sets.get, key="chg_sets",
                             max_selections=4)
trend = trend_series_cached(ds.version(), ind_id, tuple(zones), tuple(chosen_sets), lang, ds)
st.plotly_chart(trend_figure(trend, indicator, lang), width="stretch", config={"displayModeBar": False},
                key="chg_trend_chart")
st.caption(t("chg_trend_note", lang))
