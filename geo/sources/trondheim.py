"""Trondheim kommune's levekår 2020 map layers: the official levekårssone polygons and their counts.

Each layer is ``https://kart.trondheim.kommune.no/levekar2020/<layer>/<year>.js`` — plain GeoJSON in
EPSG:4326 despite the ``.js`` suffix — with one feature per levekårssone, its name in the property
``levekårsone`` and the layer's figure in a numeric property. The age layers (``personer0_17``,
``personer18_34``, ``personer35_66``, ``personer67``) give residents per age group; their sum is the
population and the first over the sum is the share of children.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.errors import ShapelyError

from geo.config import ANALYSIS_CRS
from geo.sources.http import Fetched, HttpClient, SourceFormatError

BASE_URL = "https://kart.trondheim.kommune.no/levekar2020"
LICENCE = "Trondheim kommune, levekårskart 2020 (åpne data; oppgi kilde)"
NAME_FIELD = "levekårsone"
#: Properties that identify or measure a feature rather than carry its figure (case-insensitive).
ID_FIELDS = {NAME_FIELD, "levekarsone", "id", "objectid", "fid", "sone", "sonenummer", "bydel", "navn", "name",
             "shape_area", "shape_length", "shape_leng", "areal", "area", "omkrets"}
#: Layer → property holding its figure, for layers where it cannot be told apart automatically.
LAYER_VALUE_FIELDS: dict[str, str] = {}
AGE_LAYERS = ("personer0_17", "personer18_34", "personer35_66", "personer67")


def layer_url(layer: str, year: int) -> str:
    """URL of one layer for one year."""
    return f"{BASE_URL}/{layer}/{year}.js"


def zone_id(name: str) -> str:
    """A stable ASCII id from a zone name: ``"Flatås-Huseby"`` → ``"flatas-huseby"``.

    The kommune's layers carry no zone number, so the name is the key; Norwegian letters are spelled
    out (æ→ae, ø→o, å→a) so ids survive any file format and URL.
    """
    text = name.strip().lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass(frozen=True)
class Layer:
    """One fetched layer: its features (name, value, geometry in EPSG:25833) and where it came from."""

    name: str
    year: int
    frame: gpd.GeoDataFrame
    fetched: Fetched


def parse_layer(doc: Any, source: str, value_field: str | None = None) -> gpd.GeoDataFrame:
    """Features of a levekår layer as ``name``, ``value`` and geometry (EPSG:25833).

    Parameters
    ----------
    doc : dict
        The GeoJSON FeatureCollection.
    source : str
        Named in errors (the layer URL).
    value_field : str, optional
        Property holding the figure; by default the one numeric property that is not an id.

    Raises
    ------
    SourceFormatError
        When the document is not a FeatureCollection, a feature lacks ``levekårsone``, or the value
        property cannot be told apart.
    """
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise SourceFormatError(f"{source}: not a GeoJSON FeatureCollection; the kommune may have moved or changed "
                                "the layer")
    if not doc["features"]:
        raise SourceFormatError(f"{source}: the layer has no features")
    props = [f.get("properties") or {} for f in doc["features"]]
    for i, p in enumerate(props):
        if not str(p.get(NAME_FIELD) or "").strip():
            raise SourceFormatError(f"{source}: feature {i} has no '{NAME_FIELD}' (zone name); properties are "
                                    f"{sorted(p)}")
    if value_field is None:
        candidates = [k for k in props[0] if k.lower() not in ID_FIELDS
                      and all(isinstance(p.get(k), int | float) or p.get(k) is None for p in props)
                      and any(isinstance(p.get(k), int | float) for p in props)]
        if len(candidates) != 1:
            raise SourceFormatError(f"{source}: cannot tell which property holds the figure (numeric candidates: "
                                    f"{candidates or 'none'}); add the layer to LAYER_VALUE_FIELDS in geo/sources/trondheim.py")
        value_field = candidates[0]
    elif value_field not in props[0]:
        raise SourceFormatError(f"{source}: property '{value_field}' is missing; properties are {sorted(props[0])}")
    try:
        gdf = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
    except (TypeError, ValueError, KeyError, AttributeError, ShapelyError) as exc:
        raise SourceFormatError(f"{source}: invalid GeoJSON geometry ({exc})") from exc
    minx, miny, maxx, maxy = gdf.total_bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise SourceFormatError(f"{source}: coordinates ({minx:.0f}, {miny:.0f}) … ({maxx:.0f}, {maxy:.0f}) are not "
                                "longitude/latitude; the layer's coordinate system changed — update "
                                "geo/sources/trondheim.py")
    out = gpd.GeoDataFrame({"name": gdf[NAME_FIELD].astype("str").str.strip(),
                            "value": pd.to_numeric(gdf[value_field], errors="coerce").astype("float64")},
                           geometry=gdf.geometry, crs="EPSG:4326")
    return out.to_crs(ANALYSIS_CRS)


def fetch_layer(http: HttpClient, layer: str, year: int, value_field: str | None = None) -> Layer:
    """Fetch (or take from the cache) and parse one layer."""
    url = layer_url(layer, year)
    f = http.get_json(url, name=f"Trondheim levekår {layer} {year}")
    return Layer(layer, year, parse_layer(f.json(), url, value_field or LAYER_VALUE_FIELDS.get(layer)), f)


def zones_from_layer(layer: Layer) -> gpd.GeoDataFrame:
    """Zones (``zone_id``, ``name``, ``district``, geometry) from a layer; parts of a zone are dissolved."""
    g = layer.frame[["name", "geometry"]].dissolve(by="name", as_index=False)
    g.insert(0, "zone_id", [zone_id(n) for n in g["name"]])
    dup = g["zone_id"][g["zone_id"].duplicated()].tolist()
    if dup:
        raise SourceFormatError(f"{layer.fetched.url}: zone names collapse to the same id(s) {dup}")
    g["district"] = pd.Series([None] * len(g), dtype="str")
    return gpd.GeoDataFrame(g[["zone_id", "name", "district", "geometry"]], geometry="geometry", crs=ANALYSIS_CRS)


def layer_totals(layer: Layer) -> pd.Series:
    """The layer's figure per zone id (multi-part zones summed)."""
    v = layer.frame.assign(zone_id=[zone_id(n) for n in layer.frame["name"]])
    return v.groupby("zone_id")["value"].sum(min_count=1)


def age_indicators(layers: dict[str, Layer], year: int) -> pd.DataFrame:
    """Population and share of children per zone from the four age layers of one year.

    Returns
    -------
    pandas.DataFrame
        Value rows (``zone_id``, ``indicator``, ``year``, ``value``, ``numerator``, ``denominator``,
        ``status``, ``source``) for ``population`` and ``children_0_17``.
    """
    missing = [name for name in AGE_LAYERS if name not in layers]
    if missing:
        raise SourceFormatError(f"Trondheim levekår {year}: age layer(s) {missing} are needed for population")
    parts = pd.concat({name: layer_totals(layers[name]) for name in AGE_LAYERS}, axis=1)
    # A zone missing from one layer has no known total: it must not get a too-small population.
    total = parts.sum(axis=1, min_count=len(AGE_LAYERS)).where(parts.notna().all(axis=1))
    kids = parts["personer0_17"]
    share = kids / total.where(total > 0) * 100
    src = f"Trondheim kommune, levekårskart 2020 ({', '.join(AGE_LAYERS)} {year})"
    pop = pd.DataFrame({"zone_id": total.index, "indicator": "population", "year": year, "value": total.values,
                        "numerator": total.values, "denominator": np.nan})
    child = pd.DataFrame({"zone_id": share.index, "indicator": "children_0_17", "year": year, "value": share.values,
                          "numerator": kids.values, "denominator": total.values})
    out = pd.concat([pop, child], ignore_index=True)
    out["status"] = np.where(out["value"].notna(), "published", "missing")
    out["source"] = src
    return out

