"""The map on the map page: classification, the cached display layer, st_folium and click handling."""

from __future__ import annotations

import html
import re

import streamlit as st
from streamlit_folium import st_folium

from geo.assets import app_asset_base
from geo.classify import PALETTES, SCHEMES, classify
from geo.display import display_layer
from geo.maps import BASEMAPS, build_map
from ui.controls import select_zone
from ui.i18n import t
from ui.widgets import md_escape


def map_options() -> tuple[list[str], list[str]]:
    """Allowed schemes and palettes (registry keys, default first)."""
    return list(SCHEMES), list(PALETTES)


def parse_breaks(text: str) -> list[float]:
    """User breaks: ``"5, 10, 20"`` or, with decimal commas, ``"5,5; 10; 20"``.

    Raises
    ------
    ValueError
        When a part is not a number.
    """
    parts = text.split(";") if ";" in text else text.split(",")
    out = []
    for part in parts:
        p = part.strip().replace("\u00a0", "").replace(" ", "")
        if not p:
            continue
        if ";" in text:
            p = p.replace(",", ".")
        if not re.fullmatch(r"[-+]?\d+(\.\d+)?", p):
            raise ValueError(part.strip())
        out.append(float(p))
    return out


def classification_for(facts, indicator, view):
    """Classify the shown values; bad user breaks fall back to quantiles with a message."""
    if view.scheme == "user_defined":
        try:
            return classify(facts, indicator, "user_defined", view.k, view.palette or None, parse_breaks(view.breaks))
        except ValueError as exc:
            st.warning(f"{t('breaks', view.lang)}: {md_escape(exc)}")
    scheme = view.scheme if view.scheme != "user_defined" else "quantiles"
    return classify(facts, indicator, scheme, view.k, view.palette or None)


@st.cache_resource(show_spinner=False, max_entries=8)
def _layer(version: str, _zones):
    """Display layer per dataset version (the zones argument is not hashed: the version is the key)."""
    return display_layer(_zones)


def legend(classes, indicator, lang: str) -> None:
    """The legend below the map, always visible (the one inside the map starts folded so it hides no zones)."""
    rows = classes.legend_rows(lang)
    # Data text goes into Markdown: md_escape, so "*" or "[x](y)" in a label shows as typed.
    head = f"**{md_escape(indicator.label(lang))}** — " + t("mf_legend_count", lang)
    lines = [head] + [f'<span style="display:inline-block;width:1em;height:1em;background:{html.escape(r.colour)};'
             f'border:1px solid #777;vertical-align:middle"></span> {md_escape(r.label)} ({r.count})' for r in rows]
    lines += [f"*{md_escape(note)}*" for note in classes.note_texts(lang)]  # e.g. fewer classes than asked
    st.markdown("  \n".join(lines), unsafe_allow_html=True)


def _show(ds, facts, indicator, classes, year: int, lang: str, *, key: str, selected: str | None = None,
          zoom_to: str | None = None, returned: list[str] | None = None):
    """Build the folium map from the cached display layer and hand it to st_folium."""
    sb = st.sidebar
    sb.selectbox(t("basemap", lang), list(BASEMAPS), key="basemap", format_func=lambda b: BASEMAPS[b].label(lang))
    sb.toggle(t("districts_layer", lang), key="show_districts")  # default: ui.widgets.WIDGET_DEFAULTS
    layer = _layer(ds.version(), ds.zones)
    fmap = build_map(layer, facts, indicator, classes, year=year, lang=lang, demo=ds.is_demo,
                     basemap=st.session_state["basemap"], show_districts=st.session_state["show_districts"],
                     selected=selected, zoom_to_selected=zoom_to is not None and zoom_to == selected,
                     asset_base=app_asset_base(), legend_open=False)
    # Only clicks come back: panning and zooming must not rerun the page.
    return layer, st_folium(fmap, key=key, height=560, use_container_width=True, returned_objects=returned or [])


def static_map(ds, facts, indicator, classes, year: int, lang: str, key: str) -> None:
    """A map without selection (e.g. the access page)."""
    _show(ds, facts, indicator, classes, year, lang, key=key)


def render_map(ds, facts, indicator, classes, view, lang: str) -> None:
    """Draw the map and turn a click into a selection (point-in-polygon, not tooltip parsing)."""
    layer, out = _show(ds, facts, indicator, classes, view.year, lang, key="map", selected=view.zone,
                       zoom_to=st.session_state.pop("zoom_to", None), returned=["last_clicked"])
    zone = clicked_zone(layer.locator, (out or {}).get("last_clicked"), st.session_state.get("_last_click"))
    if zone is not None:
        st.session_state["_last_click"] = out["last_clicked"]
        if zone != view.zone:
            select_zone(zone)
            st.rerun()


def clicked_zone(locator, click: dict | None, previous: dict | None) -> str | None:
    """The zone a *new* map click falls in (st_folium repeats the last click on every rerun).

    Parameters
    ----------
    locator : geo.maps.ZoneLocator
        Point-in-polygon lookup.
    click, previous : dict or None
        ``{"lat": …, "lng": …}`` from st_folium now and the last one handled.

    Returns
    -------
    str or None
        The zone id, or None when there is no new click or it fell outside every zone.
    """
    if not click or click == previous:
        return None
    return locator.zone_at(click["lng"], click["lat"])
