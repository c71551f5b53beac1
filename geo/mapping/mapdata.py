"""What the browser map component receives: the geometry once, then small view updates.

The map on the map page is a component that stays in the page (``ui/components/zonemap``). It gets

- the **geometry document** (:func:`geometry_document`) ONCE per dataset version, as a static file
  whose name carries a hash of its content (:func:`content_name`), so the browser fetches it once and
  caches it. Coordinates are the display layer's (:mod:`geo.mapping.display`: coverage-simplified, rounded to
  1e-5°) stored as integers in units of 1e-5° and delta-encoded along each ring. Decoding gives back
  exactly the rounded display coordinates, so neighbours that shared a vertex still share it: no gaps
  or overlaps are introduced. The digits of deltas are ~2–3 instead of ~9: the document is ~3× smaller
  than the GeoJSON of the same layer, ~45× smaller than a naive ``GeoDataFrame.explore()`` page.
- a **view update** (:func:`view_update`) on every rerun: ``{zone_id: [colour, class]}``, the tooltip
  texts, the legend and the title — kilobytes, never geometry.

Everything here is pure (no Streamlit); :mod:`ui.zonemap` writes the file and mounts the component.
"""

from __future__ import annotations

import hashlib
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.config import DISPLAY_CRS
from geo.data.catalog import Indicator
from geo.mapping.classify import Classification
from geo.mapping.display import DECIMALS, DisplayLayer, display_tolerance
from geo.mapping.maps import legend_html, tooltip_html, zone_styles

#: Format version of the geometry document (the component refuses documents it does not know).
FORMAT = 1


def _ring_codes(ring: np.ndarray, scale: float) -> list[int]:
    """A ring's coordinates (closing vertex dropped) as ``[x0, y0, dx1, dy1, …]`` integers."""
    ints = np.rint(ring[:-1] * scale).astype(np.int64)
    if len(ints) == 0:
        return []
    deltas = np.vstack([ints[:1], np.diff(ints, axis=0)])
    return deltas.ravel().tolist()


def encode_geometry(geom, decimals: int = DECIMALS) -> list[list[list[int]]]:
    """One (multi)polygon as ``[polygon][ring] → [x0, y0, dx, dy, …]`` in units of ``10**-decimals``.

    Parameters
    ----------
    geom : shapely Polygon or MultiPolygon
        Lon/lat coordinates already rounded to ``decimals`` (a :class:`DisplayLayer` geometry).
    decimals : int
        Decimals of the coordinates (the integer unit).

    Returns
    -------
    list
        Polygons, each a list of rings (exterior first), each a flat list of integers.
    """
    scale = 10.0 ** decimals
    out = []
    for poly in shapely.get_parts(np.asarray([geom], dtype=object)):
        if poly is None or poly.is_empty:
            continue
        rings = [np.asarray(poly.exterior.coords)] + [np.asarray(r.coords) for r in poly.interiors]
        out.append([_ring_codes(r[:, :2], scale) for r in rings])
    return out


def decode_geometry(codes: list[list[list[int]]], decimals: int = DECIMALS):
    """The inverse of :func:`encode_geometry` (what the browser does): a shapely (Multi)Polygon."""
    scale = 10.0 ** decimals
    polys = []
    for poly in codes:
        rings = []
        for flat in poly:
            pts = np.cumsum(np.asarray(flat, dtype=np.int64).reshape(-1, 2), axis=0) / scale
            rings.append(np.vstack([pts, pts[:1]]))
        polys.append(shapely.Polygon(rings[0], rings[1:]))
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def _collection(ids, geoms, decimals: int) -> dict:
    return {"ids": [str(i) for i in ids], "geoms": [encode_geometry(g, decimals) for g in geoms]}


def geometry_document(layer: DisplayLayer, context: dict[str, object] | None = None,
                      decimals: int = DECIMALS) -> str:
    """The geometry the component draws, as one compact JSON text.

    Parameters
    ----------
    layer : DisplayLayer
        The dataset's display layer (zones and district outlines).
    context : dict, optional
        Context drawn under the zones, ``{kind: geometries in EPSG:4326}`` (``water``, ``coastline``,
        ``road``; :func:`context_layers`), already simplified for display. Empty when the dataset has none.
    decimals : int
        Decimals of the coordinates (must match the layer's rounding to be lossless).

    Returns
    -------
    str
        ``{"format", "decimals", "bounds", "zones": {"ids", "geoms"}, "districts": {…}, "context": {…}}``.
    """
    districts = layer.districts
    doc = {
        "format": FORMAT, "decimals": decimals, "bounds": layer.bounds,
        "zones": _collection(layer.zones["zone_id"], layer.zones.geometry.values, decimals),
        "districts": _collection(districts["district"], districts.geometry.values, decimals),
        "context": {},
    }
    for kind, series in (context or {}).items():
        geoms = [g for g in np.asarray(series) if g is not None and not g.is_empty]
        doc["context"][str(kind)] = _context(geoms, decimals)
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def _context(geoms, decimals: int) -> dict[str, list]:
    """Context features: polygons (water) as ``areas`` like zones, lines (coast, roads) as ``lines``,
    each line a delta-encoded coordinate run."""
    scale = 10.0 ** decimals
    areas, lines = [], []
    for g in geoms:
        if g.geom_type.endswith("Polygon"):
            areas.extend(encode_geometry(g, decimals))
            continue
        for line in shapely.get_parts(g):
            coords = np.asarray(line.coords)[:, :2]
            if len(coords) >= 2:
                lines.append(_ring_codes(np.vstack([coords, coords[:1]]), scale))
    return {"areas": areas, "lines": lines}


def has_context(ds) -> bool:
    """Whether the dataset carries a context layer (cheap: no reprojection)."""
    ctx = getattr(ds, "context", None)
    return ctx is not None and len(ctx) > 0 and "kind" in ctx


def context_layers(ds) -> dict | None:
    """``{kind: geometries in EPSG:4326}`` of a dataset's context layer (water, coast, roads), or None.

    A dataset fetched with ``geo fetch`` may carry one as ``ds.context`` (``kind`` water / coastline / road
    and geometry, EPSG:25833); the demo has none.
    """
    if not has_context(ds):
        return None
    ctx = ds.context
    # Simplified like the zones (a few metres for a city): OSM roads carry far more detail than a map shows.
    geoms = shapely.simplify(np.asarray(ctx.geometry.values), display_tolerance(ds.zones), preserve_topology=True)
    ctx = gpd.GeoDataFrame({"kind": ctx["kind"].to_numpy()}, geometry=geoms, crs=ctx.crs).to_crs(DISPLAY_CRS)
    return {str(k): g.geometry.values for k, g in ctx.groupby("kind")}


def content_name(text: str, stem: str = "zones") -> str:
    """``<stem>-<16 hex digits of SHA-256>.json``: a new content gets a new name, so caching is safe."""
    return f"{stem}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.json"


def zone_tips(facts: pd.DataFrame, indicator: Indicator, *, year: int | str, lang: str = "nb",
              area: str | None = None) -> dict[str, str]:
    """``{zone_id: tooltip HTML}`` (data escaped) of every zone in ``facts``: see :func:`view_update`.

    Half of a map rerun's server time on 60 zones (number formatting per value), and it depends on the
    facts, the indicator, the year and the language only: the app caches it per dataset version.
    """
    frame = facts.assign(zone_id=facts["zone_id"].astype(str))
    return {row["zone_id"]: tooltip_html(row, indicator, year=year, lang=lang, area=area)
            for row in frame.to_dict("records")}


def view_update(layer: DisplayLayer, facts: pd.DataFrame, indicator: Indicator, classification: Classification, *,
                year: int | str, lang: str = "nb", selected: str | None = None, tips: dict | None = None,
                legend_open: bool = True, area: str | None = None) -> dict:
    """What changes with the view: styles, tooltips, legend, selection and the title.

    Parameters
    ----------
    layer : DisplayLayer
        Zones in the order of the geometry document.
    facts : pandas.DataFrame
        :func:`geo.benchmarks.zone_facts` of the indicator and year (tooltips).
    indicator : Indicator
        The indicator shown (legend title, formats).
    classification : Classification
        Colours and legend classes.
    year : int or str
        Year shown.
    lang : str
        ``"nb"`` or ``"en"``.
    selected : str, optional
        Zone to outline.
    tips : dict, optional
        ``{zone_id: tooltip HTML}``, already escaped, instead of tooltips from ``facts``.
    legend_open : bool
        Start the in-map legend unfolded.
    area : str, optional
        The dataset's area ("Trondheim"), naming the whole-area figure in the tooltips.

    Returns
    -------
    dict
        ``styles``, ``tips`` (HTML, data escaped), ``legend`` (HTML, data escaped), ``selected``,
        ``title`` (plain text: the component sets it as text, never as HTML).
    """
    if tips is None:
        tips = zone_tips(facts, indicator, year=year, lang=lang, area=area)
    sel = None if selected is None else str(selected)
    return {
        "styles": zone_styles(layer, classification),
        "tips": tips,
        "legend": legend_html(indicator, classification, year=year, lang=lang, open_=legend_open),
        "selected": sel if sel in set(layer.zone_ids) else None,
        "title": f"{indicator.label(lang)} ({year})",
    }
