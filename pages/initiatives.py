"""Områdesatsinger / Initiatives: an area before and after its start, against the city and similar zones."""

from __future__ import annotations

import streamlit as st

from geo.workbench.initiatives import caveats, did_frame, gap_figure
from ui.analysis import indicator_picker
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape
from ui.workbench import CHART_CONFIG, comparison_group_cached, did_cached, initiative_picker

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("wb_ini_title", lang))
st.caption(t("wb_ini_intro", lang))
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()

ini = initiative_picker(ds, lang)
if ini is None:
    st.info(t("wb_ini_no_zones", lang))
    st.stop()
names = ds.zones.set_index("zone_id")["name"]
st.header(md_escape(ini.name))
st.caption(md_escape(t("wb_ini_area", lang, names=", ".join(str(names[z]) for z in ini.zone_ids))))
if ini.source:
    st.caption(md_escape(ini.source))
if ini.years_source:
    st.caption(t("wb_ini_start_source", lang, source=md_escape(ini.years_source)))
elif ini.start_year is not None:
    st.caption(t("wb_ini_start_unknown", lang))

ind_id = indicator_picker(ds, lang, "ini_ind", label=t("wb_ini_ind", lang), where=st)
indicator = ds.indicator(ind_id)
k = st.slider(t("wb_ini_k", lang), 2, 10, 5, key="ini_k")
key = (ini.id, ini.zone_ids, ini.start_year, ini.end_year)
comparison = ()
if ini.start_year is not None:
    group = comparison_group_cached(ds.version(), key, (ind_id,), int(k), ds, ini)
    if group is None or group.empty:
        st.caption(t("wb_ini_comp_none", lang, year=ini.start_year))
    else:
        comparison = tuple(group["zone_id"])
        st.caption(md_escape(t("wb_ini_comp", lang, names=", ".join(group["name"].astype(str)))))

series, did = did_cached(ds.version(), key, ind_id, comparison, ds, ini)
legend = {"area": ini.name, "comparison": t("wb_ini_series_comp", lang), "city": t("city", lang)}
st.plotly_chart(gap_figure(series, indicator, legend, ini.start_year, ini.end_year, lang), width="stretch",
                config=CHART_CONFIG, key="ini_chart")
st.caption(t("wb_trend_note", lang))

st.subheader(t("wb_ini_did", lang))
labels = {"ref": t("wb_ini_did_col_ref", lang), "years": t("wb_ini_did_col_years", lang),
          "before": t("wb_ini_did_col_before", lang), "after": t("wb_ini_did_col_after", lang),
          "did": t("wb_ini_did_col_did", lang), "ci": t("wb_ini_did_col_ci", lang),
          "city": t("wb_ini_ref_city", lang), "comparison": t("wb_ini_ref_comparison", lang)}
st.dataframe(did_frame(did, indicator, labels, lang), hide_index=True, width="stretch")
st.caption(t("wb_ini_did_sign", lang, label=md_escape(indicator.label(lang)),
             dir=t(f"wb_dir_{indicator.direction}", lang)))
st.subheader(t("wb_ini_caveats", lang))
st.markdown("\n".join(f"- {c}" for c in caveats(did, lang)))
