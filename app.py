"""Levekårskart — the Streamlit entry point: page config, shared frame, navigation.

Run with ``streamlit run app.py`` (or ``bash scripts/run.sh``, which installs first).
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.widgets import dataset_with_banner, language_switch

st.set_page_config(page_title="Levekårskart", layout="wide")

lang = language_switch()
# url_path = the file's stem: on a server's very first session Streamlit checks a deep link against the
# pages/ folder before st.navigation has run, and other paths then flash a "Page not found" dialog.
pages = [
    st.Page("pages/map.py", title=t("page_map", lang), url_path="kart", default=True),
    st.Page("pages/access.py", title=t("page_access", lang), url_path="access"),
    st.Page("pages/upload.py", title=t("page_upload", lang), url_path="upload"),
    st.Page("pages/about.py", title=t("page_about", lang), url_path="about"),
]
page = st.navigation(pages)
dataset_with_banner(lang)
page.run()
