"""Reusable Streamlit pieces shared by every page."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import streamlit as st

from geo.config import public_mode
from geo.text import md_escape  # noqa: F401  (re-exported: pages and ui import it from here)
from ui.a11y import STILL_HEIGHT, page_style
from ui.cache import dataset_or_error
from ui.i18n import DEFAULT_LANG, LANGS, t
from ui.navigation import leave_legacy_mode

#: Widget keys whose values must survive a visit to another page. Streamlit forgets the state of a
#: widget that a run does not draw, so switching pages would reset the map's indicator, year, classes …
PERSISTENT_KEYS = ("v_ind", "v_year", "v_scheme", "v_k", "v_palette", "v_breaks", "basemap", "show_districts",
                   "acc_kind", "acc_dist", "acc_dep", "acc_gdist", "acc_area")
#: Set on a session's first run (by :func:`keep_widget_state`): later runs are not the first.
SESSION_KEY = "_lk_session"
#: Where the access page's time-window range slider keeps its choice. A range slider must get ``value=``
#: (that is how it knows it is a range), so it cannot take its value from session state like the
#: widgets above without Streamlit's warning; its choice is copied here and passed back as ``value``.
WINDOW_KEPT = "acc_window_kept"


#: Starting values of persistent widgets that have one. They live in session state, never in the widget
#: call: a widget given both ``value=`` and a session-state value (which :func:`keep_widget_state` sets
#: on every run) makes Streamlit log a warning with a stack trace on every run.
WIDGET_DEFAULTS: dict[str, object] = {"show_districts": True, "acc_dist": 500, "acc_dep": 4, "acc_gdist": 300,
                                      "acc_area": 0.5, "basemap": "topo_grey"}


def keep_window() -> None:
    """``on_change`` of the time-window slider: remember its choice (see :data:`WINDOW_KEPT`)."""
    st.session_state[WINDOW_KEPT] = st.session_state["acc_window"]


def seed_widget_defaults() -> None:
    """Put :data:`WIDGET_DEFAULTS` into session state where the user has not chosen yet."""
    for key, default in WIDGET_DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = default


def keep_widget_state() -> None:
    """Re-store the persistent widget values, which stops Streamlit's clean-up from dropping them.

    Call once per run before any page draws (the documented way to keep widget values across pages).
    """
    st.session_state[SESSION_KEY] = True
    seed_widget_defaults()
    for key in PERSISTENT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def current_lang() -> str:
    """The UI language: session state, set by the sidebar switch or the ``lang`` URL parameter."""
    if "lang" not in st.session_state:
        lang = st.query_params.get("lang", DEFAULT_LANG)
        st.session_state["lang"] = lang if lang in LANGS else DEFAULT_LANG
    return st.session_state["lang"]


#: The languages as the switch names them (each in its own language).
LANG_NAMES = {"nb": "Norsk (bokmål)", "en": "English"}


def language_switch(*, still: bool = False) -> str:
    """Sidebar radio for bokmål / English; returns the chosen language.

    ``still``: the choice as text this run (the map page's first view, ui.controls.controls_after_map).
    """
    current_lang()
    if still:
        chosen = st.session_state["lang"]
        still_control(t("language", chosen), LANG_NAMES[chosen], where=st.sidebar)
    else:
        st.sidebar.radio(t("language", st.session_state["lang"]), LANGS, key="lang", horizontal=True,
                         format_func=LANG_NAMES.__getitem__)
    lang = st.session_state["lang"]
    page_style(lang)  # also sets <html lang>, from the main area: a folded sidebar (phones) runs no script
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
    first_run = SESSION_KEY not in st.session_state
    keep_widget_state()  # app.py did not run: defaults and persistent values are set here
    if first_run:  # a fresh server's first visit by a link to this page: rerun through app.py
        leave_legacy_mode(current_lang())
    lang = language_switch()
    dataset_with_banner(lang)
    return lang


def dataset_with_banner(lang: str):
    """Load the dataset in use, show the error (if any) and the demo banner; return the dataset."""
    ds, error = dataset_or_error()
    if error and public_mode():  # visitors get no file names or cells; ui.cache logged the details
        st.error(t("public_dataset_unavailable", lang))
        st.stop()
    if error:
        # The text names the file and each problem (data text included): shown as text, one per line.
        st.error(t("dataset_error", lang, error=md_escape(error).replace("\n", "  \n")))
    if ds.is_demo:
        st.warning(t("demo_banner", lang), icon=":material/warning:")
    return ds


def still_control(label: str, text: str, *, hint: bool = False, height: int = STILL_HEIGHT, where=st) -> None:
    """A control's place while the map draws (ui.controls.controls_after_map): its label and current value
    (or ``hint``, in grey) as text, as tall as the widget that replaces it.

    Plain Markdown in a fixed-height container: both are in Streamlit's main script, so they show at once
    (an ``st.html`` or a widget would first show a loading skeleton of another height while its script
    loads), and the widget that replaces it moves nothing below it (the map stays where it is).
    ``where``: ``st`` or ``st.sidebar``.
    """
    value = f":gray[{md_escape(text)}]" if hint else f"**{md_escape(text)}**"
    where.container(height=height, border=False).markdown(f":small[{md_escape(label)}]  \n{value}")
