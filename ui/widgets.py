"""Reusable Streamlit pieces shared by every page."""

from __future__ import annotations

import re

import streamlit as st

from ui.cache import dataset_or_error
from ui.i18n import DEFAULT_LANG, LANGS, t


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
    if lang != DEFAULT_LANG:
        st.query_params["lang"] = lang
    elif "lang" in st.query_params:
        del st.query_params["lang"]
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
