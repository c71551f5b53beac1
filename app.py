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
# The pages and their url_paths are ui.navigation.PAGES. On a fresh server Streamlit starts in its legacy
# pages/-folder mode: a link to a page runs that page file alone, so pages draw the frame themselves unless
# they run inside framed_page(), and on a session's first run switch to this navigation
# (ui.widgets.ensure_frame).
page = st.navigation(app_pages(lang))
dataset_with_banner(lang)
with framed_page():
    page.run()
