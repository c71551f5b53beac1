"""Soneprofil / Zone profile: one zone or one set whole, its summary, and the zones most like it."""

from __future__ import annotations

import dataclasses

import streamlit as st

from geo.export import DEMO_NOTE, to_csv
from geo.report.content import similarity_indicators
from geo.workbench.profile import detail_frame, similar_frame, spine_html
from ui.cache import dataset_or_error
from ui.i18n import status_label, t
from ui.state import zone_choice_to_params
from ui.widgets import ensure_frame, md_escape
from ui.workbench import profile_area, profile_cached, profile_report, similar_cached
from ui.zonepicker import area_picker, sync_params, year_picker

SHOWN = 5  # summary sentences shown before "more"; the rest are one click away

lang = ensure_frame()
ds, _ = dataset_or_error()
st.title(t("wb_prof_title", lang))
st.caption(t("wb_prof_intro", lang))
if not ds.indicator_ids:
    st.info(t("no_indicators", lang, name=md_escape(ds.name)))
    st.stop()

years = ds.years()
choice = area_picker(ds, lang, "prof", years)
year = year_picker(years, lang, "prof")
url = zone_choice_to_params(choice)
if "zones" in url:  # one zone: ?zone=ID, as the map's link writes it
    url["zone"] = url.pop("zones")
sync_params(ds, "prof", {**url, "year": str(year)}, lang)
area = profile_area(ds, choice, lang)
if area is None:
    st.info(t("wb_prof_none", lang))
    st.stop()
key = (area.kind, area.zone_ids, area.name)
with st.spinner(t("wb_computing", lang)):
    content, trends = profile_cached(ds.version(), key, year, lang, ds, area)
profile = content.profile

st.header(md_escape(area.name))
if area.kind == "set":
    names = ds.zones.set_index("zone_id")["name"]
    st.caption(md_escape(t("wb_ini_area", lang, names=", ".join(str(names[z]) for z in area.zone_ids))))
if profile.empty:
    st.info(t("wb_no_rows", lang, year=year))
    st.stop()

st.subheader(t("wb_summary", lang))
sentences = content.summary["en" if lang == "en" else "nb"]
st.markdown("\n".join(f"- {md_escape(s)}" for s in sentences[:SHOWN]) if sentences else t("wb_no_claims", lang))
if len(sentences) > SHOWN:
    with st.expander(t("wb_more_claims", lang, n=len(sentences) - SHOWN)):
        st.markdown("\n".join(f"- {md_escape(s)}" for s in sentences[SHOWN:]))

st.subheader(t("wb_spine_head", lang))
st.markdown(spine_html(profile, trends, lang), unsafe_allow_html=True)
st.caption(t("wb_spine_note", lang))
with st.expander(t("wb_details", lang)):
    details = detail_frame(profile, lang, status_label)
    st.dataframe(details, hide_index=True, width="stretch")

st.subheader(t("wb_similar", lang))
labels = {i: ds.indicator(i).label(lang) for i in profile["id"]}
default = similarity_indicators(profile, ds)
if st.session_state.get("prof_sim_inds") is None:
    st.session_state["prof_sim_inds"] = default
c1, c2 = st.columns([3, 1])
sim_inds = c1.multiselect(t("wb_sim_inds", lang), list(labels), key="prof_sim_inds", format_func=labels.get)
k = c2.number_input(t("wb_sim_k", lang), 1, 20, 5, key="prof_sim_k")
similar = content.similar
if not sim_inds:
    st.info(t("wb_sim_pick", lang))
else:
    try:
        similar = similar_cached(ds.version(), key, tuple(sim_inds), year, int(k), ds, area)
    except ValueError:
        similar = content.similar
    if len(similar):
        st.dataframe(similar_frame(similar, labels, lang), hide_index=True, width="stretch")
    else:
        st.info(t("wb_sim_none", lang))
st.caption(t("wb_sim_method", lang))

content = dataclasses.replace(content, similar=similar)
stem = f"levekar_profil_{area.id if area.kind == 'zone' else 'omrade'}_{year}" + ("_DEMO" if ds.is_demo else "")
c1, c2 = st.columns(2)
c1.download_button(t("wb_dl_report", lang), lambda: profile_report(ds, content, lang), f"{stem}.html", "text/html",
                   key="wb_prof_report")
c2.download_button(t("wb_dl_csv", lang), lambda: to_csv(details.assign(
    dataset=ds.name, **({"note": DEMO_NOTE} if ds.is_demo else {}))),
                   f"{stem}.csv", "text/csv", key="wb_prof_csv")
if ds.is_demo:
    st.caption(t("wb_dl_demo", lang))
