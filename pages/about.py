"""Om dataene / About the data: dataset, geometry, sources (manifest), catalogue, statuses."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.sources.manifest import attribution
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()

st.title(t("about_title", lang))
st.subheader(t("about_dataset", lang))
years = ds.years()
span = f", {years[0]}–{years[-1]}" if years else ""
st.markdown(f"**{md_escape(ds.name)}** — {len(ds.zones)} soner/zones, {len(ds.indicator_ids)} "
            f"indikatorer/indicators{span}")
if ds.meta.get("description"):
    st.write(md_escape(ds.meta["description"]))
st.markdown(t("about_statuses", lang))
st.subheader(t("about_geometry", lang))
st.write(md_escape(ds.meta.get("geometry", "–")))
if ds.meta.get("district_note"):
    st.write(md_escape(ds.meta["district_note"]))

st.subheader(t("about_manifest", lang))
manifest = ds.meta.get("manifest", [])
if manifest:
    st.dataframe(pd.DataFrame(manifest), hide_index=True, width="stretch")
    for notice in attribution(ds.meta, lang):
        st.caption(md_escape(notice))
else:
    st.write("–")

st.subheader(t("about_catalog", lang))
cat = pd.DataFrame([{
    "id": ind.id, "label": ind.label(lang), "unit": ind.unit, "direction": ind.direction, "kind": ind.kind,
    "source": ind.source_name, "url": ind.source_url, "licence": ind.licence, "description": ind.description(lang),
} for ind in (ds.indicator(i) for i in ds.indicator_ids)])
st.dataframe(cat, hide_index=True, width="stretch", column_config={"url": st.column_config.LinkColumn("url")})

if len(ds.references):
    st.subheader(t("about_references", lang))
    st.dataframe(ds.references, hide_index=True, width="stretch")
