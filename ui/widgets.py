"""Reusable Streamlit pieces shared by every page."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager

import streamlit as st

from ui.cache import dataset_or_error
from ui.i18n import DEFAULT_LANG, LANGS, t

#: Widget keys whose values must survive a visit to another page. Streamlit forgets the state of a
#: widget that a run does not draw, so switching pages would reset the map's indicator, year, classes …
PERSISTENT_KEYS = ("v_ind", "v_year", "v_scheme", "v_k", "v_palette", "v_breaks", "basemap", "show_districts",
                   "acc_kind", "acc_dist", "acc_dep", "acc_window", "acc_gdist", "acc_area")


def keep_widget_state() -> None:
    """Re-store the persistent widget values, which stops Streamlit's clean-up from dropping them.

    Call once per run before any page draws (the documented way to keep widget values across pages).
    """
    for key in PERSISTENT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def current_lang() -> str:
    """The UI language: session state, set by the sidebar switch or the ``lang`` URL parameter."""
    if "lang" not in st.session_state:
        lang = st.query_params.get("lang", DEFAULT_LANG)
        st.session_state["lang"] = lang if lang in LANGS else DEFAULT_LANG
    return st.session_state["lang"]


def language_switch() -> str:
    """Sidebar radio for bokmål / English; returns the chosen language."""
    current_lang()
    st.sidebar.radio(t("language", st.session_state["lang"]), LANGS, key="lang", horizontal=True,
                     format_func=lambda code: {"nb": "Norsk (bokmål)", "en": "English"}[code])
    lang = st.session_state["lang"]
    # Screen readers and browsers' translation offers read <html lang>, which Streamlit fixes to "en".
    # ``lang`` comes from the allow-list LANGS, so the script is a constant per language.
    if lang in LANGS:
        st.sidebar.html(f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True,
                width="content")
    if lang != DEFAULT_LANG:
        st.query_params["lang"] = lang
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    return lang


_FRAME = threading.local()


@contextmanager
def framed_page():
    """Run a page inside app.py's frame: ``with framed_page(): page.run()``.

    Pages call :func:`ensure_frame`, which draws the frame only when it is *not* inside this block.
    That happens on the very first session of a fresh server, when Streamlit may run a page file
    directly (its legacy ``pages/`` folder mode, before ``st.navigation`` has been seen once).
    """
    _FRAME.active = True
    try:
        yield
    finally:
        _FRAME.active = False


def ensure_frame() -> str:
    """Draw the shared frame unless app.py already did; return the UI language. Call at the top of a page."""
    if getattr(_FRAME, "active", False):
        return current_lang()
    lang = language_switch()
    dataset_with_banner(lang)
    return lang


def dataset_with_banner(lang: str):
    """Load the dataset in use, show the error (if any) and the demo banner; return the dataset."""
    ds, error = dataset_or_error()
    if error:
        st.error(t("dataset_error", lang, error=error))
    if ds.is_demo:
        st.warning(t("demo_banner", lang), icon=":material/warning:")
    return ds


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+)(\.?)(\s)", re.M)


def md_escape(text: object) -> str:
    """Escape what markdown/HTML would interpret, so data (zone names, sources, URL values) shows as text.

    Emphasis, links, images, HTML tags, headings, tables, strikethrough, maths and list markers at a
    line start are neutralised; ordinary punctuation such as ``-`` or ``(`` inside text is left alone.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))
    def unlist(m: re.Match) -> str:
        marker, dot = m.group(2), m.group(3)
        if marker.isdigit():  # "1. x" is an ordered list unless the dot is escaped
            return m.group(0) if not dot else f"{m.group(1)}{marker}\\.{m.group(4)}"
        return f"{m.group(1)}\\{marker}{dot}{m.group(4)}"

    return _MD_LINE_START.sub(unlist, escaped)
