"""Levekårskart — the Streamlit entry point: page config, shared frame, navigation.

Run with ``streamlit run app.py`` (or ``bash scripts/run.sh``, which installs first).
"""

from __future__ import annotations

import streamlit as st

from geo.config import public_mode
from ui.i18n import t
from ui.widgets import dataset_with_banner, framed_page, keep_widget_state, language_switch

st.set_page_config(page_title="Levekårskart", layout="wide")

keep_widget_state()
lang = language_switch()
# url_path = the file's stem for deep-linkable pages: on a server's very first session Streamlit runs in
# its legacy pages/-folder mode until st.navigation has been seen once, and a path that is not a file
# stem then flashes "Page not found". In that mode the page file runs alone, so pages draw the frame
# themselves unless they run inside framed_page() (ui.widgets.ensure_frame). The default page lives at
# the root URL, so its url_path is never typed.
pages = [
    st.Page("pages/map.py", title=t("page_map", lang), url_path="kart", default=True),
    st.Page("pages/access.py", title=t("page_access", lang), url_path="access"),
    st.Page("pages/compare.py", title=t("page_compare", lang), url_path="compare"),
    st.Page("pages/profile.py", title=t("page_profile", lang), url_path="profile"),
    st.Page("pages/initiatives.py", title=t("page_initiatives", lang), url_path="initiatives"),
    st.Page("pages/change.py", title=t("page_change", lang), url_path="change"),
    st.Page("pages/relationships.py", title=t("page_relationships", lang), url_path="relationships"),
    st.Page("pages/index.py", title=t("page_index", lang), url_path="index"),
    st.Page("pages/hotspots.py", title=t("page_hotspots", lang), url_path="hotspots"),
    st.Page("pages/upload.py", title=t("page_upload", lang), url_path="upload"),
    st.Page("pages/framework.py", title=t("page_framework", lang), url_path="framework"),
    st.Page("pages/about.py", title=t("page_about", lang), url_path="about"),
]
if public_mode():  # the public dashboard serves its configured dataset only: no upload or import page
    pages = [p for p in pages if p.url_path != "upload"]
page = st.navigation(pages)
dataset_with_banner(lang)
with framed_page():
    page.run()
