"""Levekårskart — the Streamlit entry point: page config, shared frame, navigation.

Run with ``streamlit run app.py`` (or ``bash scripts/run.sh``, which installs first).
"""

from __future__ import annotations

import streamlit as st

from ui.navigation import app_pages
from ui.widgets import dataset_with_banner, framed_page, keep_widget_state, language_switch

st.set_page_config(page_title="Levekårskart", layout="wide")

keep_widget_state()
lang = language_switch()
# url_path = the file's stem for deep-linkable pages: on a server's very first session Streamlit runs in
# its legacy pages/-folder mode until st.navigation has been seen once, and a path that is not a file
# stem then flashes "Page not found". In that mode the page file runs alone, so pages draw the frame
# themselves unless they run inside framed_page() (ui.widgets.ensure_frame). The default page lives at
# the root URL, so its url_path is never typed.
page = st.navigation(app_pages(lang))
dataset_with_banner(lang)
with framed_page():
    page.run()
