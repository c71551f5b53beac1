"""Levekårsindeks: the user's own composite index, its map and a table of ranks with their uncertainty."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.categories import tips_html
from geo.analysis.figures import rank_figure
from geo.analysis.index import PRESETS, common_years, preset_weights
from geo.data.catalog import Indicator
from geo.errors import LevekarError
from geo.formats import format_number
from geo.mapping.classify import classify
from ui.analysis import category_map, index_cached, legend_block, map_settings, notice, year_picker
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("lki_title", lang))
st.caption(t("lki_intro", lang))
directed = [i for i in ds.indicator_ids if ds.indicator(i).direction != "neutral"]
if not directed:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()
label = {i: ds.indicator(i).label(lang) for i in directed}


def apply_preset() -> None:
    """Set the indicator picks and weight sliders from the chosen preset."""
    preset = st.session_state["lki_preset"]
    if preset not in PRESETS:
        return
    chosen = st.session_state.get("lki_ids") or directed
    try:
        weights = preset_weights(preset, ds, chosen if preset == "equal" else None)
    except LevekarError:
        return
    st.session_state["lki_ids"] = [i for i in directed if i in weights]
    for i, w in weights.items():
        st.session_state[f"lki_w_{i}"] = round(w * 100 / max(weights.values()))


def own_choice() -> None:
    """A hand-picked indicator or weight is no longer the preset: say so in the preset box."""
    st.session_state["lki_preset"] = "custom"


sb = st.sidebar
if "lki_ids" not in st.session_state:
    st.session_state["lki_preset"] = "levekar"
    apply_preset()
    if not st.session_state.get("lki_ids"):
        st.session_state["lki_preset"] = "equal"
        st.session_state["lki_ids"] = directed[:3]
sb.selectbox(t("lki_preset", lang), [*PRESETS, "custom"], key="lki_preset", on_change=apply_preset,
             format_func=lambda p: PRESETS[p].label(lang) if p in PRESETS else t("lki_custom", lang))
if st.session_state["lki_preset"] in PRESETS:
    sb.caption(PRESETS[st.session_state["lki_preset"]].description(lang))
st.session_state["lki_ids"] = [i for i in st.session_state["lki_ids"] if i in directed]
ids = sb.multiselect(t("lki_indicators", lang), directed, key="lki_ids", format_func=label.get, on_change=own_choice)
if not ids:
    st.info(t("lki_none", lang))
    st.stop()
sb.markdown(f"**{t('lki_weights', lang)}**")
for i in ids:
    st.session_state.setdefault(f"lki_w_{i}", 100)
weights = [sb.slider(label[i], 0, 100, step=5, key=f"lki_w_{i}", on_change=own_choice) for i in ids]
years = common_years(ds, ids)
if not years:
    notice(lang, LevekarError(", ".join(label[i] for i in ids) + ": " + ("ingen felles år" if lang != "en" else "no common year")))
    st.stop()
year = year_picker(years, lang, "lki_year")
worst = int(sb.number_input(t("lki_worst", lang), 1, max(1, len(ds.zones)), value=min(10, len(ds.zones)), key="lki_worst"))
draws = sb.select_slider(t("lki_draws", lang), [100, 200, 500, 1000], value=1000, key="lki_draws")
seed = int(sb.number_input(t("lki_seed", lang), 0, 10**6, value=0, key="lki_seed"))
map_settings(lang)

try:
    res = index_cached(ds.version(), tuple(ids), tuple(float(w) for w in weights), year, draws, worst, seed, ds)
except LevekarError as exc:
    notice(lang, exc)
    st.stop()

table = res.table
score_ind = Indicator("levekar_index", t("lki_legend", "nb"), t("lki_legend", "en"), "", "", "", "higher_is_worse", "",
                      "Levekårskart", "", "", "computed", "mean", 2)
facts = table.rename(columns={"score": "value"}).assign(status="computed")
classes = classify(facts, score_ind)
p_col = t("lki_col_p", lang, n=worst)
lines = {r.zone_id: [f"{t('lki_col_score', lang)}: {r.score:.2f}" if pd.notna(r.score) else t("status_missing", lang),
                     f"{t('rank', lang)}: {r.rank} ({r.rank_low}–{r.rank_high})" if pd.notna(r.rank) else "",
                     f"{p_col}: {r.p_worst:.0%}"] for r in table.itertuples()}
title = t("lki_source", lang, n=len(ids), year=year)
category_map(ds, classes, score_ind, t("lki_legend", lang), year, tips_html(table, lines), lang, key="lki_map")
legend_block(classes, title)
unranked = table[table["score"].isna()]
if len(unranked):
    st.caption(t("lki_unranked", lang, names=md_escape(", ".join(unranked["name"]))))
with st.expander(t("lki_method_title", lang), expanded=False):
    st.markdown(t("lki_method", lang, draws=draws, worst=worst, seed=seed))
    st.caption(" · ".join(f"{md_escape(label[i])}: {w:.0%}" for i, w in zip(res.indicator_ids, res.weights, strict=True)))

st.header(t("lki_table", lang))
ranked = res.ranked
st.dataframe(pd.DataFrame({
    t("rank", lang): ranked["rank"], t("col_zone", lang): ranked["name"], t("district", lang): ranked["district"],
    t("lki_col_score", lang): [format_number(v, 2, lang) for v in ranked["score"]],  # "0,53": the UI's format
    t("lki_col_interval", lang): [f"{a}–{b}" for a, b in zip(ranked["rank_low"], ranked["rank_high"], strict=True)],
    p_col: ranked["p_worst"]}), hide_index=True, width="stretch",
    column_config={p_col: st.column_config.ProgressColumn(p_col, format="percent", min_value=0.0, max_value=1.0)})
st.plotly_chart(rank_figure(table, lang), width="stretch", config={"displayModeBar": False}, key="lki_ranks")
st.caption(t("an_source", lang, source="; ".join(md_escape(ds.indicator(i).source_name) for i in ids), years=year,
             status=t("status_computed", lang)))
