"""Page-wide style fixes for accessibility and small screens, injected once per run by the frame.

Streamlit draws captions at 60 % opacity, a grey of 2.8–3.9:1 on white (WCAG AA asks 4.5:1 for text);
this draws them opaque in a grey of 7:1. On narrow screens the main block keeps smaller side margins. The map
page's first controls keep their height while their scripts load (:data:`STILL_HEIGHT`).
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import LANGS

#: Height in pixels of Streamlit's selectbox, text input and horizontal radio (label and field). The map
#: page's first view shows those controls as text this tall (ui.widgets.still_control); the widgets that
#: replace them keep at least this height while their scripts load (Streamlit's loading skeleton is
#: shorter), so nothing below them, the map least of all, moves.
STILL_HEIGHT = 68

#: Caption colour: #555a64 on white is 7.0:1.
CAPTION_COLOUR = "#555a64"

CSS = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{ color: {CAPTION_COLOUR}; opacity: 1; }}
.st-key-v_ind, .st-key-v_year, .st-key-zone_query, .st-key-lang {{ min-height: {STILL_HEIGHT}px; }}
@media (max-width: 640px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: 0.75rem; padding-right: 0.75rem; }}
}}
</style>"""


def page_style(lang: str) -> None:
    """Inject :data:`CSS` and set ``<html lang>`` to ``lang``.

    Screen readers and browsers' translation offers read ``<html lang>``, which Streamlit fixes to "en".
    The script runs from the main area: a folded sidebar (the default on phones) is not drawn, so a
    script there never runs. ``lang`` must come from the allow-list :data:`ui.i18n.LANGS`, which makes the
    script one constant per language.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown UI language {lang!r}; use one of {', '.join(LANGS)}")
    st.html(CSS + f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True,
            width="content")
