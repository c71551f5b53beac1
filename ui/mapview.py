"""The map on the map page: classification, the cached display layer, the map component and click handling."""

from __future__ import annotations

import html
import re
from functools import partial

import streamlit as st

from geo.mapping.classify import PALETTES, SCHEMES, classify
from geo.mapping.display import display_layer
from geo.mapping.mapdata import has_context, view_update
from geo.mapping.maps import BASEMAPS, DEFAULT_BASEMAP, TEXTS
from ui.cache import zone_tips_cached
from ui.controls import map_settings, select_zone
from ui.i18n import t
from ui.widgets import md_escape
from ui.zonemap import HEIGHT, geometry_url, leaflet_assets, zone_map


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
    """The legend below the map, always visible (the one inside the map starts folded so it hides no zones).

    Plain HTML (``st.html``, every data text escaped), not Markdown with HTML: Markdown with raw HTML
    makes a cold browser fetch and run three more scripts before the map draws.
    """
    e = html.escape
    rows = [f'<span style="display:inline-block;width:1em;height:1em;background:{e(r.colour)};'
            f'border:1px solid #777;vertical-align:middle"></span> {e(r.label)} ({r.count})'
            for r in classes.legend_rows(lang)]
    rows += [f"<em>{e(note)}</em>" for note in classes.note_texts(lang)]  # e.g. fewer classes than asked
    head = f"<strong>{e(indicator.label(lang))}</strong> — {e(t('mf_legend_count', lang))}"
    st.html(f'<div class="lk-legend-below" style="line-height:1.6">{head}<br>{"<br>".join(rows)}</div>')


def map_spec(ds, layer, facts, indicator, classes, year, lang: str, *, selected: str | None = None,
             tips: dict | None = None, selectable: bool = False, zoom: dict | None = None, share: bool = False,
             legend_open: bool = False, height: int = HEIGHT) -> dict:
    """Everything the map component gets on this run (geometry by URL, the rest small)."""
    view = view_update(layer, facts, indicator, classes, year=year, lang=lang, selected=selected, tips=tips,
                       legend_open=legend_open, area=ds.area_name or None)
    base = BASEMAPS.get(st.session_state.get("basemap", DEFAULT_BASEMAP), BASEMAPS[DEFAULT_BASEMAP])
    basemap = None if base.tiles is None else {"url": base.tiles.replace("{r}", ""), "attribution": base.attribution,
                                               "max_zoom": 19}
    return {
        "geometry": geometry_url(ds.version(), layer, ds),
        "assets": leaflet_assets(), "height": height, "lang": lang, "view": view,
        "frame_title": t("mf_frame_title", lang, title=view["title"]),
        "basemap": basemap, "districts": bool(st.session_state.get("show_districts", True)),
        "zoom": zoom, "demo": TEXTS["en" if lang == "en" else "nb"]["demo"] if ds.is_demo else "",  # set as text
        "selectable": selectable, "share": share, "runs": st.session_state.get("mf_runs", 0),
        "texts": {k: t(f"mf_{k}", lang) for k in ("basemap_off", "share", "copied", "copy_failed", "failed",
                                                   "context_attr")},
    }


def context_note(ds, lang: str) -> None:
    """Under the map: the context layer's attribution, or plainly that the dataset has none."""
    st.caption(t("mf_context_attr" if has_context(ds) else "mf_no_context", lang))


def _map_key(ds) -> str:
    # One iframe per dataset version: a new dataset gets a new map (and its own geometry file).
    return f"zonemap_{ds.version()}"


def still_map(ds, facts, indicator, classes, year: int | str, lang: str, key: str, *, tips: dict | None = None,
              height: int = HEIGHT) -> None:
    """A map that shows a classification without selecting (access and analysis pages).

    The same component as the map page: restyled in place on every run, so a changed year, indicator or
    weight keeps the user's pan and zoom. The selected zone (from any page) is outlined.

    Parameters
    ----------
    facts : pandas.DataFrame
        Zone facts for the tooltips, or at least ``zone_id`` when ``tips`` are given.
    tips : dict, optional
        ``{zone_id: tooltip HTML}``, already escaped (derived maps: change, index, clusters).
    key : str
        Stable per map on a page; the dataset version is added (a new dataset gets a new map).
    """
    layer = _layer(ds.version(), ds.zones)
    zone_map(map_spec(ds, layer, facts, indicator, classes, year, lang, selected=st.session_state.get("zone"),
                      tips=tips, height=height), key=f"{key}_{ds.version()}")


def static_map(ds, facts, indicator, classes, year: int, lang: str, key: str) -> None:
    """A map without selection with its sidebar settings (the access page)."""
    map_settings(lang)
    still_map(ds, facts, indicator, classes, year, lang, key)


def on_map_click(key: str, valid: frozenset) -> None:
    """``on_change`` of the map: select the clicked zone before the run (so a click costs ONE run)."""
    value = st.session_state.get(key) or {}
    zone = value.get("zone") if isinstance(value, dict) else None
    if zone in valid:
        select_zone(str(zone))


def zoom_request(layer) -> dict | None:
    """The latest "zoom to zone" request (search hit) as ``{"n", "bounds"}``; ``n`` grows per request."""
    target = st.session_state.pop("zoom_to", None)
    if target is not None:
        previous = st.session_state.get("mf_zoom") or {}
        st.session_state["mf_zoom"] = {"n": int(previous.get("n", 0)) + 1, "bounds": layer.zone_bounds(target)}
    return st.session_state.get("mf_zoom")


def render_map(ds, facts, indicator, classes, view, lang: str, *, embed: bool = False,
               report_drawn: bool = False) -> None:
    """Draw the map (same iframe on every run: restyled, not rebuilt); a click selects in one run.

    ``report_drawn``: the map sends ``{"drawn": true}`` once after its first paint, which reruns the page
    (:func:`ui.controls.controls_after_map`).
    """
    st.session_state["mf_runs"] = st.session_state.get("mf_runs", 0) + 1
    layer = _layer(ds.version(), ds.zones)
    key = _map_key(ds)
    tips = zone_tips_cached(ds.version(), indicator.id, view.year, lang, ds)
    spec = map_spec(ds, layer, facts, indicator, classes, view.year, lang, selected=view.zone, selectable=not embed,
                    zoom=zoom_request(layer), share=True, legend_open=embed, tips=tips)
    spec["report_drawn"] = report_drawn
    zone_map(spec, key=key, on_change=partial(on_map_click, key, frozenset(layer.zone_ids)))
