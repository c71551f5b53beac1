"""Levekårskart — the Streamlit entry point: page config, shared frame, navigation.

Run with ``streamlit run app.py`` (or ``bash scripts/run.sh``, which installs first).
"""

from __future__ import annotations

import streamlit as st

from ui.controls import controls_pending
from ui.navigation import app_pages
from ui.widgets import current_lang, dataset_with_banner, framed_page, keep_widget_state, language_switch

st.set_page_config(page_title="Levekårskart", layout="wide")

keep_widget_state()
# The pages and their url_paths are ui.navigation.PAGES. On a fresh server Streamlit starts in its legacy
# pages/-folder mode: a link to a page runs that page file alone, so pages draw the frame themselves unless
# they run inside framed_page(), and on a session's first run switch to this navigation
# (ui.widgets.ensure_frame).
page = st.navigation(app_pages(current_lang()))
# The map page's first view draws its controls as text until the map has painted; the switch waits too.
lang = language_switch(still=page.url_path == "" and controls_pending())
dataset_with_banner(lang)
with framed_page():
    page.run()
