"""Om dataene / About the data: the dataset, what is real, and each indicator's method (from the catalogue)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.data.methods import indicator_method
from geo.sources.manifest import attribution
from ui.cache import dataset_or_error
from ui.i18n import t, texts
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()

st.title(t("about_title", lang))
st.write(t("methods_intro", lang))
st.header(t("about_dataset", lang))
years = ds.years()
span = f", {years[0]}–{years[-1]}" if years else ""
st.markdown(f"**{md_escape(ds.name)}** — " + t("methods_zones_years", lang, zones=len(ds.zones),
                                                 indicators=len(ds.indicator_ids), span=span))
if ds.meta_text("description", lang):
    st.write(md_escape(ds.meta_text("description", lang)))
if ds.is_demo:
    st.markdown(f"**{t('methods_demo_what', lang)}**")
    st.write(t("methods_demo_text", lang))
st.markdown(t("about_statuses", lang))
st.header(t("about_geometry", lang))
st.write(md_escape(ds.meta_text("geometry", lang) or "–"))
if ds.meta_text("district_note", lang):
    st.write(md_escape(ds.meta_text("district_note", lang)))
if ds.context is None:  # say plainly that nothing stands in for the basemap offline
    st.write(t("about_context_none_demo" if ds.is_demo else "about_context_none", lang))
else:
    counts = ds.context["kind"].value_counts()
    st.write(t("about_context", lang, water=int(counts.get("water", 0)), coast=int(counts.get("coastline", 0)),
               roads=int(counts.get("road", 0))))

st.header(t("methods_indicators", lang))
for ind_id in ds.indicator_ids:
    ind = ds.indicator(ind_id)
    with st.expander(ind.label(lang)):
        st.markdown("\n".join(f"- **{md_escape(h)}:** {md_escape(text)}"
                              for h, text in indicator_method(ind, ds.years(ind_id), lang)))

st.header(t("about_manifest", lang))
manifest = pd.DataFrame(ds.meta.get("manifest", []))
if len(manifest):
    names = texts("methods_manifest", lang)  # the manifest fields users are shown, with their headers
    cols = [c for c in names if c in manifest.columns]
    st.dataframe(manifest[cols].rename(columns=names), hide_index=True, width="stretch")
    for notice in attribution(ds.meta, lang):
        st.caption(md_escape(notice))
else:
    st.write("–")

if len(ds.references):
    st.header(t("about_references", lang))
    refs = ds.references.assign(indicator=ds.references["indicator"].map(lambda i: ds.indicator(i).label(lang)))
    cols = ["geography", "level", "indicator", "year", "value", "unit", "source"]
    st.dataframe(refs[cols].rename(columns=dict(zip(cols, t("methods_references_cols", lang).split("|")))),
                 hide_index=True, width="stretch")
