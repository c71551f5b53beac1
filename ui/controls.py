"""Map-page controls bound to session state and mirrored into the URL."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.mapping.classify import PALETTES
from geo.mapping.maps import BASEMAPS
from ui.i18n import t
from ui.state import K_RANGE, View, parse_view, view_to_params
from ui.widgets import md_escape, still_control

_KEYS = {"indicator": "v_ind", "year": "v_year", "scheme": "v_scheme", "k": "v_k", "palette": "v_palette",
         "breaks": "v_breaks"}


#: URL parameter → the UI string naming its control, and how to name its default value to a user.
_PARAM_LABELS = {"ind": "indicator", "year": "year", "scheme": "scheme", "k": "k", "palette": "palette",
                 "zone": "param_zone", "lang": "language", "basemap": "basemap", "outlines": "districts_layer"}
_DEFAULT_TEXT = {
    "ind": lambda ds, d, lang: ds.indicator(d).label(lang),
    "scheme": lambda ds, d, lang: t(f"scheme_{d}", lang),
    "palette": lambda ds, d, lang: PALETTES[d].label(lang) if d in PALETTES else t("palette_auto", lang),
    "lang": lambda ds, d, lang: {"nb": "norsk bokmål", "en": "English"}.get(d, d),
    "basemap": lambda ds, d, lang: BASEMAPS[d].label(lang) if d in BASEMAPS else d,
    "outlines": lambda ds, d, lang: t("on" if d == "1" else "off", lang),
}


def notice_text(ds, param: str, value: str, default: str, lang: str) -> str:
    """The notice for an ignored URL value, naming the control and the value used, never raw ids."""
    label = t(_PARAM_LABELS[param], lang) if param in _PARAM_LABELS else param
    if default in ("", "None") and param != "palette":  # nothing replaces it (e.g. no zone selected)
        return t("param_fallback_dropped", lang, param=label, value=value)
    shown = _DEFAULT_TEXT.get(param, lambda ds, d, lang: d)(ds, default, lang)
    return t("param_fallback_named", lang, param=label, value=value, default=md_escape(shown))


def init_from_url(ds, schemes: list[str], palettes: list[str]) -> None:
    """On a session's first run (or a new dataset), seed widget state from the URL; show notices."""
    marker = ("view_for", ds.version())
    if st.session_state.get("view_for") == marker:
        return
    view, notices = parse_view(dict(st.query_params), ds, schemes, palettes)
    for field, key in _KEYS.items():
        st.session_state[key] = getattr(view, field)
    st.session_state["basemap"] = view.basemap
    st.session_state["show_districts"] = view.districts
    # A selection made before this first run (e.g. by a test or another page) survives a URL without one.
    kept = st.session_state.get("zone")
    st.session_state["zone"] = view.zone or (kept if kept in set(ds.zones["zone_id"]) else None)
    st.session_state["view_for"] = marker
    st.session_state["notices"] = [(n.param, n.value, n.default) for n in notices]


#: Session flag: the map page has drawn its controls once (see :func:`controls_after_map`).
CONTROLS_DRAWN = "mf_controls_drawn"


def controls_after_map() -> bool:
    """True on the session's first view of the map page: draw the controls as still text this run.

    The map is what a first visit waits for. Each kind of widget makes a cold browser fetch and run its own
    scripts (selectbox, text input and radio: ~30 files), on the same main thread and the same six
    connections as the map's frame, so drawn in the first view they hold the polygons back: measured
    (interleaved A/B, headless Chromium, cold browser, demo data, 12 loads each) 0.31 s (paired median) of
    a ~2 s load. So the first view shows the indicator, year, search box and (app.py) language switch in
    their places as text (:func:`ui.widgets.still_control`), the map asks to report its first paint
    (``report_drawn``), and that report reruns the page with the real widgets. Every later run draws them
    at once; a map that fails to draw reports too, so the controls always come.
    """
    if not controls_pending():
        return False
    st.session_state[CONTROLS_DRAWN] = True
    return True


def controls_pending() -> bool:
    """Whether the map page's next run is the session's first view (app.py: the language switch waits too)."""
    return not st.session_state.get(CONTROLS_DRAWN)


def sidebar_controls(ds, lang: str, schemes: list[str], palettes: list[str], *, still: bool = False) -> View:
    """Indicator and year above the map, the other map settings in the sidebar (:func:`map_settings`);
    returns the view. ``still``: the indicator and year as text (:func:`controls_after_map`)."""
    init_from_url(ds, schemes, palettes)
    for param, value, default in st.session_state.pop("notices", []):
        # the value comes from the URL: show it as text, never as markdown/HTML
        st.info(notice_text(ds, param, md_escape(value), default, lang))
    # The two choices every visit starts with sit above the map, not in the sidebar: on a phone the
    # sidebar is folded away and a visitor would not find them. Columns stack on narrow screens.
    c_ind, c_year = st.columns([4, 1])
    # the indicator's value is in session state before its widget is drawn (a change reruns with it)
    years = ds.years(st.session_state["v_ind"])
    if st.session_state.get("v_year") not in years:
        st.session_state["v_year"] = years[-1]
    if still:
        with c_ind:
            still_control(t("indicator", lang), ds.indicator(st.session_state["v_ind"]).label(lang))
        with c_year:
            still_control(t("year", lang), str(st.session_state["v_year"]))
    else:
        c_ind.selectbox(t("indicator", lang), ds.indicator_ids, key="v_ind",
                        format_func=lambda i: ds.indicator(i).label(lang))
        c_year.selectbox(t("year", lang), years, key="v_year")
    map_settings(lang, classification=lambda: classification_settings(lang, schemes, palettes))
    view = current_view(lang)
    sync_url(view)
    return view


def classification_settings(lang: str, schemes: list[str], palettes: list[str]) -> None:
    """Classification scheme, number of classes (or the user's breaks) and palette (in :func:`map_settings`)."""
    st.selectbox(t("scheme", lang), schemes, key="v_scheme", format_func=lambda s: t(f"scheme_{s}", lang))
    user_defined = st.session_state["v_scheme"] == "user_defined"
    # Five choices as a row of radio buttons: one tap each on a phone (a slider would pull in ~6 more
    # scripts for a cold browser). Disabled, not hidden, while the user's own breaks decide.
    st.radio(t("k", lang), list(K_RANGE), key="v_k", disabled=user_defined, horizontal=True)
    if user_defined:
        st.text_input(t("breaks", lang), key="v_breaks", placeholder="5, 10, 20")
    st.selectbox(t("palette", lang), ["", *palettes], key="v_palette",
                 format_func=lambda p: PALETTES[p].label(lang) if p in PALETTES else t("palette_auto", lang))


def map_settings(lang: str, classification: Callable[[], None] | None = None) -> None:
    """The map's settings in ONE lazy sidebar expander, built only while it is open.

    Basemap and district outlines on every page with a map; ``classification`` draws the map page's
    classification controls first. Closed, the expander sends nothing: measured in headless Chromium
    (interleaved A/B, bench/bench_map_browser.py's cold load), the five sidebar widgets drawn on every first
    view cost 7-13 % of the map page's cold load, because the map's iframe shares the page's main
    thread. Their values live in session state and the URL (ui.widgets.PERSISTENT_KEYS keeps them while
    the widgets are not drawn), and the legend under the map shows the classes in use.
    """
    box = st.sidebar.expander(t("map_settings_classes" if classification else "map_settings", lang),
                              key="mf_settings_open", on_change="rerun")
    if not box.open:
        return
    with box:
        if classification is not None:
            classification()
        st.selectbox(t("basemap", lang), list(BASEMAPS), key="basemap", format_func=lambda b: BASEMAPS[b].label(lang))
        st.toggle(t("districts_layer", lang), key="show_districts")  # defaults: ui.widgets.WIDGET_DEFAULTS


def current_view(lang: str) -> View:
    """The view held in session state (widgets, selection, map settings)."""
    ss = st.session_state
    return View(indicator=ss["v_ind"], year=int(ss["v_year"]), scheme=ss["v_scheme"], k=int(ss["v_k"]),
                palette=ss["v_palette"], zone=ss.get("zone"), lang=lang,
                breaks=ss.get("v_breaks", "") if ss["v_scheme"] == "user_defined" else "",
                basemap=ss.get("basemap", View.basemap), districts=bool(ss.get("show_districts", True)))


def embed_view(ds, lang: str, schemes: list[str], palettes: list[str]) -> View:
    """The view of an embedded map (``?embed=true``): from the URL only, no widgets, URL left as it is."""
    init_from_url(ds, schemes, palettes)
    st.session_state.pop("notices", None)
    years = ds.years(st.session_state["v_ind"])
    if st.session_state.get("v_year") not in years:
        st.session_state["v_year"] = years[-1]
    # Embedded on another site: only the map, no sidebar (Streamlit's embed mode still shows one).
    st.html("<style>section[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']"
            "{display:none}</style>")
    return current_view(lang)


def sync_url(view: View) -> None:
    """Write the view into the URL (only when it changed, to avoid needless reruns)."""
    wanted = view_to_params(view)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def select_zone(zone_id: str | None, zoom: bool = False) -> None:
    """Select a zone (or clear the selection); ``zoom`` asks the map to fit it on the next run."""
    st.session_state["zone"] = zone_id
    st.session_state["zoom_to"] = zone_id if zoom else None
