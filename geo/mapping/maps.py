"""The choropleth map: one folium builder for the Streamlit page and for standalone HTML files.

Design, for speed and safety:

- The zone geometry arrives pre-serialised (:class:`geo.mapping.display.DisplayLayer.geojson`, computed once per
  dataset version) and is embedded verbatim by :class:`ZoneLayer`. What changes with the indicator is a
  small ``{zone_id: [colour, class]}`` dict and a dict of tooltip texts, looked up by ``zone_id`` in the
  browser — so switching indicator never re-serialises geometry.
- Every piece of data text (zone and district names, labels, units, sources) is HTML-escaped in Python
  and then embedded as script-safe JSON (:func:`geo.mapping.display.json_for_script`), so a zone named
  ``<img src=x onerror=alert(1)>`` shows as text and cannot end the ``<script>``.
- Missing and suppressed zones are grey with a dashed outline, never a palette colour.
- Only Leaflet is loaded (from the app's own static files, a CDN, or inlined — :mod:`geo.mapping.assets`); the
  legend, the demo watermark and the selection outline are drawn here, without extra plugins.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template

from geo.data.catalog import Indicator
from geo.errors import LevekarError, UnknownChoiceError
from geo.files import check_output, write_text_atomic
from geo.formats import STATUS_TEXT  # one table, shared with the downloads
from geo.mapping import assets
from geo.mapping.classify import NO_DATA_COLOUR, Classification
from geo.mapping.display import DisplayLayer, json_for_script

#: The few strings the map itself shows, bokmål and English.
TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "district": "Bydel", "rank": "Rangering", "of": "av", "rank_worst": "1 = dårligst",
        "rank_high": "1 = høyest", "city": "Hele området", "city_of": "{area} (fra sonene)",
        "median": "Mediansonen", "district_median": "Bydelens mediansone", "district_value": "Bydelen", "ci": "95 % KI",
        "status": "Status", "source": "Kilde", "no_value": "Ingen verdi", "zones": "soner",
        "demo": "DEMO – syntetiske tall, skjematiske soner", "districts_layer": "Bydelsgrenser",
        "zones_layer": "Levekårssoner", "numbers": "Antall", "year": "År",
    },
    "en": {
        "district": "District", "rank": "Rank", "of": "of", "rank_worst": "1 = worst",
        "rank_high": "1 = highest", "city": "Whole area", "city_of": "{area} (from the zones)",
        "median": "Median zone", "district_median": "District median zone", "district_value": "District", "ci": "95% CI",
        "status": "Status", "source": "Source", "no_value": "No value", "zones": "zones",
        "demo": "DEMO – synthetic numbers, schematic zones", "districts_layer": "District boundaries",
        "zones_layer": "Living-conditions zones", "numbers": "Count", "year": "Year",
    },
}
LANGS = tuple(TEXTS)


@dataclass(frozen=True)
class Basemap:
    """A background map. ``tiles`` None: a plain background (works offline)."""

    id: str
    label_nb: str
    label_en: str
    tiles: str | None = None
    attribution: str = ""

    def label(self, lang: str = "nb") -> str:
        """Name in ``lang``."""
        return self.label_en if lang == "en" else self.label_nb


_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bidragsytere'
#: Background maps; tiles need the internet — without it the zones still show on the plain background.
BASEMAPS: dict[str, Basemap] = {b.id: b for b in (
    Basemap("none", "Ingen (ren bakgrunn)", "None (plain background)"),
    Basemap("positron", "Lyst kart (CARTO)", "Light map (CARTO)",
            "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
            _OSM + ' &copy; <a href="https://carto.com/attributions">CARTO</a>'),
    Basemap("osm", "OpenStreetMap", "OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", _OSM),
    # Kartverket's grey topographic map (CC BY 4.0): light, so the zone colours stay readable.
    Basemap("topo_grey", "Gråtonekart (Kartverket)", "Grey topographic map (Kartverket)",
            "https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png",
            '&copy; <a href="https://www.kartverket.no/">Kartverket</a> (CC BY 4.0)'),
)}
#: The app's default background: a light map online; offline its tiles fail quietly and the map says so.
DEFAULT_BASEMAP = "topo_grey"
BACKGROUND = "#f3f3ef"

#: Page CSS of the map's own parts (legend, watermark, tooltip); no external fonts or images.
_CSS = f"""<style>
.leaflet-container {{ background: {BACKGROUND}; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }}
.lk-legend {{ background: rgba(255,255,255,0.93); padding: 6px 8px; border-radius: 4px; font-size: 12px;
  line-height: 1.35; box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: 260px; max-height: 60vh; overflow: auto; color: #222; }}
.lk-legend .lk-title {{ font-weight: 600; margin-bottom: 4px; cursor: pointer; }}
.lk-legend details:not([open]) .lk-title {{ margin-bottom: 0; }}
.lk-legend table {{ border-collapse: collapse; }}
.lk-legend td {{ padding: 1px 4px 1px 0; vertical-align: middle; }}
.lk-legend td.lk-n {{ text-align: right; color: #555; padding-left: 8px; }}
.lk-swatch {{ display: inline-block; width: 18px; height: 12px; border: 1px solid #888; }}
.lk-swatch.lk-nodata {{ background: repeating-linear-gradient(45deg, {NO_DATA_COLOUR}, {NO_DATA_COLOUR} 3px,
  #f7f7f7 3px, #f7f7f7 5px); border-style: dashed; }}
.lk-demo {{ background: rgba(255,243,205,0.92); color: #6b4e00; border: 1px solid #e0c36a; padding: 3px 8px;
  border-radius: 4px; font-size: 12px; font-weight: 600; pointer-events: none; }}
.lk-tip {{ font-size: 12px; line-height: 1.4; white-space: normal; width: max-content; max-width: 280px; }}
.lk-tip .lk-name {{ font-weight: 700; font-size: 13px; }}
.lk-tip b {{ white-space: nowrap; }}
</style>"""

_ZONE_SCRIPT = """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var styles = {{ this.styles_json }};
  var tips = {{ this.tips_json }};
  var selected = {{ this.selected_json }};
  var noData = {{ this.no_data_json }};
  return L.geoJSON({{ this.geojson }}, {
    style: function (f) {
      var id = f.properties.zone_id, s = styles[id], missing = !s || s[1] < 0, sel = id === selected;
      return {fillColor: s ? s[0] : noData, fillOpacity: missing ? 0.75 : 0.85,
              color: sel ? "#000000" : (missing ? "#737373" : "#ffffff"),
              weight: sel ? 3.5 : (missing ? 1 : 0.8), opacity: 1, dashArray: (missing && !sel) ? "3 3" : null};
    },
    onEachFeature: function (f, layer) {
      var t = tips[f.properties.zone_id];
      if (t) { layer.bindTooltip(t, {sticky: true, className: "lk-tip"}); }
      if (f.properties.zone_id === selected) {
        layer.on("add", function () { layer.bringToFront(); });
      }
    }
  });
})();
{% endmacro %}"""

_OUTLINE_SCRIPT = """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({{ this.geojson }}, {
  interactive: false,
  style: function () { return {fill: false, color: "#252525", weight: 2.2, opacity: 0.9}; }
});
{% endmacro %}"""

_CONTROL_SCRIPT = """{% macro script(this, kwargs) %}
(function () {
  var ctl = L.control({position: {{ this.position_json }}});
  ctl.onAdd = function () {
    var div = L.DomUtil.create("div", {{ this.css_class_json }});
    div.innerHTML = {{ this.html_json }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  ctl.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}"""


class ZoneLayer(Layer):
    """The choropleth: a pre-serialised GeoJSON string styled per ``zone_id`` in the browser.

    Parameters
    ----------
    geojson : str
        :attr:`DisplayLayer.geojson` (embedded as is — it is already script-safe).
    styles : dict
        ``{zone_id: [fill colour, class index]}`` (class -1: no data).
    tips : dict
        ``{zone_id: tooltip HTML}``, already escaped.
    selected : str, optional
        Zone to outline.
    name : str
        Name in the layer control.
    """

    _template = Template(_ZONE_SCRIPT)

    def __init__(self, geojson: str, styles: dict, tips: dict, selected: str | None = None,
                 name: str = "zones") -> None:
        super().__init__(name=name, overlay=True, control=False, show=True)
        self._name = "ZoneLayer"
        self.geojson = geojson
        self.styles_json = json_for_script(styles)
        self.tips_json = json_for_script(tips)
        self.selected_json = json_for_script(None if selected is None else str(selected))
        self.no_data_json = json_for_script(NO_DATA_COLOUR)


class OutlineLayer(Layer):
    """A toggleable, non-interactive outline layer (district boundaries) from a GeoJSON string."""

    _template = Template(_OUTLINE_SCRIPT)

    def __init__(self, geojson: str, name: str, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "OutlineLayer"
        self.geojson = geojson


class HtmlControl(MacroElement):
    """A Leaflet control showing fixed HTML (legend, watermark). ``html`` must already be escaped."""

    _template = Template(_CONTROL_SCRIPT)

    def __init__(self, html_text: str, position: str = "bottomright", css_class: str = "lk-legend") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html_json = json_for_script(html_text)
        self.position_json = json_for_script(position)
        self.css_class_json = json_for_script(css_class)


def _e(value: object) -> str:
    """HTML-escape any data value (None/NaN → empty)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


def _t(lang: str) -> dict[str, str]:
    return TEXTS["en" if lang == "en" else "nb"]


def _number(value: object) -> float | None:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(v) else v


def tooltip_html(row: pd.Series | dict, indicator: Indicator, *, year: int, lang: str = "nb",
                 area: str | None = None) -> str:
    """The tooltip of one zone: name, district, value with unit and year, rank, benchmarks, CI, status, source.

    Parameters
    ----------
    row : pandas.Series or dict
        One row of :func:`geo.benchmarks.zone_facts`.
    indicator : Indicator
        Formats the numbers and says what rank 1 means.
    year : int
        Year shown next to the value.
    lang : str
        ``"nb"`` or ``"en"``.

    Returns
    -------
    str
        HTML in which every data text is escaped.
    """
    t = _t(lang)
    fmt = indicator.format_value
    get = row.get
    lines = [f'<span class="lk-name">{_e(get("name"))}</span>']
    if _e(get("district")):
        lines.append(f'{t["district"]}: {_e(get("district"))}')
    value = _number(get("value"))
    status = str(get("status") or "missing")
    shown = value is not None and status not in ("suppressed", "missing")
    label = f"{_e(indicator.label(lang))} ({_e(year)})"
    lines.append(f"{label}: <b>{_e(fmt(value, lang)) if shown else _e(t['no_value'])}</b>")
    rank, n_ranked = _number(get("rank")), _number(get("n_ranked"))
    if shown and rank is not None and n_ranked:
        note = t["rank_high"] if indicator.worse_is_higher is None else t["rank_worst"]
        lines.append(f'{t["rank"]}: {int(rank)} {t["of"]} {int(n_ranked)} ({note})')
    lo, hi = _number(get("ci_low")), _number(get("ci_high"))
    if shown and lo is not None and hi is not None:
        lines.append(f'{t["ci"]}: {_e(fmt(lo, lang))} – {_e(fmt(hi, lang))}')
    bench = []
    # Counts are compared with the median zone, not the area's total (geo.benchmarks.reference): say so.
    counts = indicator.aggregation == "sum"
    city_name = t["median"] if counts else (t["city_of"].format(area=_e(area)) if area else t["city"])
    if _number(get("city_value")) is not None:
        bench.append(f'{city_name}: {_e(fmt(_number(get("city_value")), lang))}')
    if _number(get("district_value")) is not None:
        district_name = t["district_median"] if counts else t["district_value"]
        bench.append(f'{district_name}: {_e(fmt(_number(get("district_value")), lang))}')
    if bench:
        lines.append(" · ".join(bench))
    lines.append(f'{t["status"]}: {_e(STATUS_TEXT.get(status, {}).get(lang, status))}')
    source = get("source") or indicator.source_name
    if source:
        lines.append(f'{t["source"]}: {_e(source)}')
    return "<br>".join(lines)


def legend_html(indicator: Indicator, classification: Classification, *, year: int, lang: str = "nb",
                open_: bool = True) -> str:
    """The legend: title (indicator, unit, year), one row per class with its range and zone count, no-data row.

    It is a ``<details>`` element: ``open_`` False starts it folded to its title (narrow maps, phones).
    """
    t = _t(lang)
    unit = f" ({_e(indicator.unit)})" if indicator.unit and indicator.unit != "count" else ""
    rows = []
    for r in classification.legend_rows(lang):
        swatch = ('<span class="lk-swatch lk-nodata"></span>' if r.no_data
                  else f'<span class="lk-swatch" style="background:{_e(r.colour)}"></span>')
        rows.append(f'<tr><td>{swatch}</td><td>{_e(r.label)}</td><td class="lk-n">{r.count}</td></tr>')
    # <details>: a tap on the title folds the legend away on a phone; open by default, keyboard-usable.
    return (f'<details{" open" if open_ else ""}><summary class="lk-title">{_e(indicator.label(lang))}{unit}, {_e(year)}</summary>'
            f'<table><tr><td></td><td></td><td class="lk-n">{_e(t["zones"])}</td></tr>{"".join(rows)}</table>'
            '</details>')


def zone_styles(layer: DisplayLayer, classification: Classification) -> dict[str, list]:
    """``{zone_id: [fill colour, class index]}`` for every zone of the layer (class -1: no data, grey).

    One table for both maps: the standalone folium map (:func:`build_map`) and the app's component
    (:func:`geo.mapping.mapdata.view_update`).
    """
    colours = classification.colour_of()
    classes = classification.classes
    out = {}
    for zid in layer.zone_ids:
        cls = int(classes.get(zid, -1)) if zid in classes.index else -1
        out[zid] = [colours.get(zid, NO_DATA_COLOUR) if cls >= 0 else NO_DATA_COLOUR, cls]
    return out


def _check(lang: str, basemap: str) -> None:
    if lang not in LANGS:
        raise UnknownChoiceError("language", lang, list(LANGS))
    if basemap not in BASEMAPS:
        raise UnknownChoiceError("basemap", basemap, list(BASEMAPS))


INLINE = "inline"


def _set_assets(m: folium.Map, asset_base: str | None) -> None:
    """Point the map at our assets only (Leaflet), replacing folium's CDN defaults (jQuery, Bootstrap, …)."""
    if asset_base == INLINE:
        m.default_js, m.default_css = [], []
        m.get_root().header.add_child(Element(assets.inline_head()), name="lk_assets", index=0)
    else:
        m.default_js, m.default_css = assets.asset_links(asset_base)


def build_map(layer: DisplayLayer, facts: pd.DataFrame, indicator: Indicator, classification: Classification, *,
              year: int, lang: str = "nb", demo: bool = True, basemap: str = "none", show_districts: bool = True,
              selected: str | None = None, zoom_to_selected: bool = False, asset_base: str | None = None,
              height: int | str = "100%", legend_open: bool = True, tips: dict | None = None,
              outline_control: bool = True) -> folium.Map:
    """Build the choropleth.

    Parameters
    ----------
    layer : DisplayLayer
        Display geometry of the dataset (:func:`geo.mapping.display.display_layer`, cached per dataset version).
    facts : pandas.DataFrame
        :func:`geo.benchmarks.zone_facts` of the indicator and year (tooltips).
    indicator : Indicator
        The indicator shown.
    classification : Classification
        :func:`geo.mapping.classify.classify` of ``facts`` (colours, legend).
    year : int
        Year shown.
    lang : str
        ``"nb"`` (default) or ``"en"``.
    demo : bool
        Show the demo watermark.
    basemap : str
        A key of :data:`BASEMAPS`; ``"none"`` is a plain background that works offline.
    show_districts : bool
        Whether the district outline layer starts visible (it is always in the layer control).
    selected : str, optional
        Zone id to outline.
    zoom_to_selected : bool
        Fit the view to the selected zone instead of the whole layer.
    asset_base : str, optional
        Where Leaflet comes from: a URL (``geo.mapping.assets.STATIC_URL`` in the app), None for the CDN, or
        :data:`INLINE` to embed it (standalone files).
    height : int or str
        Map height (folium); ``st_folium`` sets its own.
    legend_open : bool
        Start with the legend unfolded (a tap on its title folds it either way).
    tips : dict, optional
        ``{zone_id: tooltip HTML}``, already escaped, replacing the tooltips built from ``facts`` (maps of
        derived classes: change, clusters, bivariate).
    outline_control : bool
        Put a district-outline checkbox in the map (standalone files). False in the app, whose sidebar
        toggle is the one control: the outlines are then drawn exactly when ``show_districts``.

    Returns
    -------
    folium.Map
    """
    _check(lang, basemap)
    t = _t(lang)
    base = BASEMAPS[basemap]
    m = folium.Map(location=None, tiles=None, control_scale=True, height=height, zoom_snap=0.25)
    _set_assets(m, asset_base)
    m.get_root().header.add_child(Element(_CSS), name="lk_css")
    if base.tiles:
        folium.TileLayer(base.tiles, attr=base.attribution, name=base.label(lang), max_zoom=19,
                         control=False).add_to(m)

    facts = facts.copy()
    facts["zone_id"] = facts["zone_id"].astype(str)
    if tips is None:
        tips = {row["zone_id"]: tooltip_html(row, indicator, year=year, lang=lang)
                for row in facts.to_dict("records")}
    sel = None if selected is None else str(selected)
    ZoneLayer(layer.geojson, zone_styles(layer, classification), tips, selected=sel,
              name=t["zones_layer"]).add_to(m)
    if not layer.districts.empty and (outline_control or show_districts):
        OutlineLayer(layer.districts_geojson, name=t["districts_layer"], show=show_districts).add_to(m)
        if outline_control:
            folium.LayerControl(collapsed=False, position="topright").add_to(m)
    HtmlControl(legend_html(indicator, classification, year=year, lang=lang, open_=legend_open), "bottomright",
                "lk-legend").add_to(m)
    if demo:
        HtmlControl(_e(t["demo"]), "topleft", "lk-demo").add_to(m)
    bounds = layer.zone_bounds(sel) if (zoom_to_selected and sel is not None) else None
    m.fit_bounds(bounds or layer.bounds)
    return m


def map_html(layer: DisplayLayer, facts: pd.DataFrame, indicator: Indicator, classification: Classification, *,
             year: int, title: str | None = None, inline: bool = True, **kwargs) -> str:
    """The map as one standalone HTML page (same builder and arguments as :func:`build_map`).

    Parameters
    ----------
    title : str, optional
        ``<title>`` of the page (escaped); default the indicator label and year.
    inline : bool
        Embed Leaflet in the page so it works offline (needs the assets installed, see
        :mod:`geo.mapping.assets`); False loads it from the CDN.
    **kwargs
        Passed on to :func:`build_map`.
    """
    kwargs["asset_base"] = INLINE if inline else None
    m = build_map(layer, facts, indicator, classification, year=year, **kwargs)
    lang = kwargs.get("lang", "nb")
    text = title if title is not None else f"{indicator.label(lang)} {year} – Levekårskart"
    root = m.get_root()
    root.header.add_child(Element(f"<title>{_e(text)}</title>"), name="lk_title")
    return root.render()


def write_map_html(path: str | os.PathLike, *args, overwrite: bool = True, **kwargs) -> Path:
    """Write :func:`map_html` to ``path`` atomically (temporary file + rename); returns the path.

    Raises
    ------
    LevekarError
        ``path`` exists and ``overwrite`` is False (also when another run writes it meanwhile), its
        folder does not exist, or it cannot be written (:class:`geo.errors.OutputError`).
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise LevekarError(f"{target}: file exists; choose another --out or remove it first")
    check_output(target, overwrite=True)  # the folder must exist and be writable (one rule for every output)
    return write_text_atomic(target, map_html(*args, **kwargs), overwrite=overwrite)
