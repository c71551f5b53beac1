"""Streamlit glue of the analysis pages: cached computations, indicator pickers, category maps."""

from __future__ import annotations

import dataclasses
import html

import pandas as pd
import streamlit as st

from geo.analysis.change import change_frame, trend_series
from geo.analysis.hotspots import hotspots
from geo.analysis.index import levekar_index
from geo.analysis.relationships import paired_values
from ui.controls import map_settings  # noqa: F401 (the analysis pages take map_settings from here)
from ui.i18n import status_label, t
from ui.mapview import still_map
from ui.widgets import md_escape


# --- cached computations (keyed on the dataset version, never on the dataset) -----------------------
@st.cache_data(show_spinner=False, max_entries=64)
def change_cached(version: str, indicator_id: str, a: int, b: int, _ds):
    """:func:`geo.analysis.change.change_frame` per dataset version."""
    return change_frame(_ds, indicator_id, a, b)


@st.cache_data(show_spinner=False, max_entries=64)
def trend_series_cached(version: str, indicator_id: str, zones: tuple, sets: tuple, lang: str, _ds):
    """:func:`geo.analysis.change.trend_series` per dataset version."""
    return trend_series(_ds, indicator_id, list(zones), list(sets), lang=lang)


@st.cache_data(show_spinner=False, max_entries=64)
def pairs_cached(version: str, x: str, y: str, year: int, _ds):
    """:func:`geo.analysis.relationships.paired_values` per dataset version."""
    return paired_values(_ds, x, y, year)


@st.cache_data(show_spinner=False, max_entries=32)
def index_cached(version: str, ids: tuple, weights: tuple, year: int, draws: int, worst: int, seed: int, _ds):
    """:func:`geo.analysis.index.levekar_index` per dataset version and choice."""
    return levekar_index(_ds, list(ids), list(weights), year, draws=draws, worst=worst, seed=seed)


@st.cache_data(show_spinner=False, max_entries=64)
def hotspots_cached(version: str, indicator_id: str, year: int, permutations: int, seed: int, _ds):
    """:func:`geo.analysis.hotspots.hotspots` per dataset version and choice."""
    return hotspots(_ds, indicator_id, year, permutations=permutations, seed=seed)


# --- pickers ------------------------------------------------------------------------------------
def indicator_picker(ds, lang: str, key: str, ids=None, label: str | None = None, default: str | None = None,
                     where=None) -> str:
    """A selectbox of indicators (labels in ``lang``), starting at the map page's indicator."""
    where = where or st.sidebar
    ids = list(ids if ids is not None else ds.indicator_ids)
    if key not in st.session_state or st.session_state[key] not in ids:
        start = default if default in ids else st.session_state.get("v_ind")
        st.session_state[key] = start if start in ids else ids[0]
    return where.selectbox(label or t("an_indicator", lang), ids, key=key,
                           format_func=lambda i: ds.indicator(i).label(lang))


def year_picker(years: list[int], lang: str, key: str, label: str | None = None, default: int | None = None,
                where=None) -> int:
    """A selectbox of years, defaulting to ``default`` or the latest."""
    where = where or st.sidebar
    if st.session_state.get(key) not in years:
        st.session_state[key] = default if default in years else years[-1]
    return int(where.selectbox(label or t("an_year", lang), years, key=key))


def source_caption(ds, indicator_id: str, years: str, lang: str, statuses=None) -> None:
    """Source, year(s) and status of what is shown, as a caption (escaped)."""
    ind = ds.indicator(indicator_id)
    v = ds.values[ds.values["indicator"] == indicator_id]
    sources = sorted(s for s in v["source"].dropna().unique() if s)[:2] or [ind.source_name]
    statuses = statuses if statuses is not None else sorted(v["status"].unique())
    st.caption(md_escape(t("an_source", lang, source="; ".join(sources), years=years,
                           status=", ".join(status_label(s, lang) for s in statuses))))


# --- maps ---------------------------------------------------------------------------------------


def legend_indicator(indicator, title: str):
    """The indicator with ``title`` as its label and no unit: the legend title of a derived map."""
    return dataclasses.replace(indicator, label_nb=title, label_en=title, unit="")


def category_map(ds, classes, indicator, title: str, year: int | str, tips: dict | None, lang: str, key: str,
                 height: int = 480, facts: pd.DataFrame | None = None) -> None:
    """A map of any classification (range classes or :class:`geo.analysis.categories.Categories`).

    Drawn by the map page's component (:func:`ui.mapview.still_map`): restyled in place, never rebuilt,
    with the app's own Leaflet, so it works offline. With ``tips`` the legend is titled ``title``.
    """
    frame = facts if facts is not None else pd.DataFrame({"zone_id": ds.zones["zone_id"]})
    shown = legend_indicator(indicator, title) if tips is not None else indicator
    still_map(ds, frame, shown, classes, year, lang, key, tips=tips, height=height)


def legend_block(classes, title: str) -> None:
    """The legend under a map (swatch, label, zone count), escaped."""
    rows = classes.legend_rows(st.session_state.get("lang", "nb"))
    lines = [f"**{html.escape(title)}**"] + [
        f'<span style="display:inline-block;width:1em;height:1em;background:{r.colour};border:1px solid #777;'
        f'vertical-align:middle"></span> {html.escape(r.label)} ({r.count})' for r in rows]
    st.markdown("  \n".join(lines), unsafe_allow_html=True)


def bivariate_legend_html(colours, x_label: str, y_label: str, lang: str) -> str:
    """The 3 × 3 legend: x grows to the right, y grows upwards; labels escaped."""
    cells = []
    for row in (2, 1, 0):
        cells.append("<tr>" + "".join(f'<td style="width:34px;height:34px;background:{colours[3 * row + col]}"></td>'
                                      for col in range(3)) + "</tr>")
    up = html.escape(t("rel_legend_y", lang, label=y_label))
    right = html.escape(t("rel_legend_x", lang, label=x_label))
    return (f'<div style="font-size:12px;max-width:220px"><div>{up}</div>'
            f'<table style="border-collapse:separate;border-spacing:2px">{"".join(cells)}</table>'
            f'<div>{right}</div></div>')


def notice(lang: str, exc: Exception) -> None:
    """A clear notice instead of a traceback for a computation that cannot be done on these data."""
    st.info(t("an_notice", lang, reason=md_escape(exc)))


def clicked_zone(event, valid) -> str | None:
    """The zone id of the first selected point of a ``st.plotly_chart(on_select=…)`` event, if valid."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    for p in points:
        data = p.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if data in valid:
            return str(data)
    return None
