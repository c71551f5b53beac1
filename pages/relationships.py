"""Sammenheng / Relationships: scatter with OLS line, R², ρ and n; bivariate 3×3 map beside the two single maps."""

from __future__ import annotations

import streamlit as st

from geo.analysis.categories import tips_html
from geo.analysis.figures import scatter_figure
from geo.analysis.relationships import NotEnoughData, bivariate_categories, fit
from geo.analysis.zonesets import zone_name
from geo.benchmarks import zone_facts
from geo.mapping.classify import classify
from ui.analysis import (
    bivariate_legend_html,
    category_map,
    clicked_zone,
    indicator_picker,
    legend_block,
    map_settings,
    notice,
    pairs_cached,
    source_caption,
    year_picker,
)
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("rel_title", lang))
st.caption(t("rel_intro", lang))
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()

ids = ds.indicator_ids
x_id = indicator_picker(ds, lang, "rel_x", label=t("rel_x", lang))
y_id = indicator_picker(ds, lang, "rel_y", label=t("rel_y", lang),
                        default=next((i for i in ids if i != x_id and i != "population"), x_id))
x_ind, y_ind = ds.indicator(x_id), ds.indicator(y_id)
years = sorted(set(ds.years(x_id)) & set(ds.years(y_id)))
if not years:
    st.info(t("rel_no_common", lang))
    st.stop()
year = year_picker(years, lang, "rel_year")
map_settings(lang)

pairs = pairs_cached(ds.version(), x_id, y_id, year, ds)
try:
    line = fit(pairs["x"], pairs["y"])
except NotEnoughData as exc:
    line = None
    notice(lang, exc)
fmt = (lambda v: f"{v:,.2f}".replace(",", "\u00a0").replace(".", ",")) if lang != "en" else (lambda v: f"{v:,.2f}")
if line is not None:
    st.markdown(t("rel_stats", lang, a=fmt(line.intercept), b=fmt(line.slope), r2=fmt(line.r2), rho=fmt(line.rho),
                  n=line.n))
event = st.plotly_chart(scatter_figure(pairs, line, x_ind, y_ind, lang, st.session_state.get("zone")),
                        width="stretch", on_select="rerun", selection_mode="points", key="rel_scatter",
                        config={"displayModeBar": False})
clicked = clicked_zone(event, set(ds.zones["zone_id"]))
if clicked and clicked != st.session_state.get("zone"):
    st.session_state["zone"] = clicked
if st.session_state.get("zone") in set(ds.zones["zone_id"]):
    st.caption(t("an_selected", lang, name=md_escape(zone_name(ds, st.session_state["zone"]))))
st.caption(t("rel_caveat", lang))
source_caption(ds, x_id, str(year), lang)
source_caption(ds, y_id, str(year), lang)

st.header(t("rel_bivariate", lang))
st.caption(t("rel_bivariate_note", lang))
labels_x = {"nb": x_ind.label("nb"), "en": x_ind.label("en")}
labels_y = {"nb": y_ind.label("nb"), "en": y_ind.label("en")}
try:
    cats = bivariate_categories(pairs, labels_x, labels_y)
except NotEnoughData as exc:
    notice(lang, exc)
    st.stop()
lines = {r.zone_id: [f"{x_ind.label(lang)}: {x_ind.format_value(r.x, lang)}",
                     f"{y_ind.label(lang)}: {y_ind.format_value(r.y, lang)}"] for r in pairs.itertuples()}
left, right = st.columns([3, 1])
with left:
    category_map(ds, cats, x_ind, t("rel_bivariate", lang), year, tips_html(pairs, lines), lang, key="rel_bimap")
with right:
    st.markdown(bivariate_legend_html(cats.colours, x_ind.label(lang), y_ind.label(lang), lang),
                unsafe_allow_html=True)

st.header(t("rel_singles", lang))
for col, ind, axis in zip(st.columns(2), (x_ind, y_ind), ("x", "y"), strict=True):
    with col:
        facts = zone_facts(ds, ind.id, year)
        classes = classify(facts, ind)
        category_map(ds, classes, ind, ind.label(lang), year, None, lang, key=f"rel_map_{axis}",
                     height=360, facts=facts)
        legend_block(classes, f"{ind.label(lang)} ({year})")
