"""Last opp data / Upload data: check a user's zone file and indicator table, then use them (this session)."""

from __future__ import annotations

import streamlit as st

from geo.config import public_mode
from geo.data.dataset import to_bytes
from geo.data.io import prepare_import_from_bytes
from ui.cache import UPLOADED_KEY
from ui.i18n import t, texts
from ui.problems import show_problems
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
if public_mode():  # not in the navigation then; this stops the page file run on its own (legacy pages mode)
    st.info(t("public_no_upload", lang))
    st.stop()
tx = texts("up", lang)
st.title(tx["title"])
st.markdown(tx["intro"])

zones_file = st.file_uploader(tx["zones"], type=["geojson", "json", "gpkg", "zip", "parquet"], key="up_zones")
table_file = st.file_uploader(tx["table"], type=["csv", "txt", "xlsx"], key="up_table")
with st.expander(tx["options"]):
    c1, c2, c3 = st.columns(3)
    id_field = c1.text_input(tx["id_field"], key="up_id") or None
    name_field = c2.text_input(tx["name_field"], key="up_name") or None
    district_field = c3.text_input(tx["district_field"], key="up_district") or None
    crs = st.text_input(tx["crs"], key="up_crs", placeholder="EPSG:25833") or None
    repair = st.checkbox(tx["repair"], key="up_repair")

if st.button(tx["check"], type="primary", disabled=zones_file is None or table_file is None, key="up_check"):
    result = prepare_import_from_bytes(
        (zones_file.name, zones_file.getvalue()), (table_file.name, table_file.getvalue()),
        id_field=id_field, name_field=name_field, district_field=district_field, crs=crs, repair=repair)
    show_problems(result.problems, lang, key="up_problems")
    if result.ok and result.dataset is not None and result.dataset.indicator_ids:
        st.session_state[UPLOADED_KEY] = result.dataset
        for key in ("view_for", "zone", "_last_click"):
            st.session_state.pop(key, None)
        st.success(tx["ok"].format(zones=len(result.dataset.zones), indicators=len(result.dataset.indicator_ids)))
    elif result.ok:
        st.error(tx["no_values"])

uploaded = st.session_state.get(UPLOADED_KEY)
if uploaded is not None:
    st.info(tx["in_use"].format(name=md_escape(uploaded.name)))
    st.download_button(tx["download"], to_bytes(uploaded), "levekar_dataset.gpkg", "application/geopackage+sqlite3", key="up_dl")
    if st.button(tx["reset"], key="up_reset"):
        del st.session_state[UPLOADED_KEY]
        st.session_state.pop("view_for", None)
        st.rerun()
