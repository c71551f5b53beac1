"""Green areas and map context from OpenStreetMap through the Overpass API (ODbL: attribution recorded).

Parks, forests, meadows and similar polygons inside the kommune's bounding box are fetched as
Overpass JSON with ``out geom`` (coordinates inline) and turned into polygons: closed ways directly,
multipolygon relations from their outer rings minus inner rings.

The context layer (``geo fetch … --context``) is water, coastline and major roads, the few lines a
reader needs to recognise the city when no basemap can be loaded (offline or intranet deployments).
"""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import LineString, Polygon
from shapely.ops import polygonize, unary_union

from geo.config import ANALYSIS_CRS
from geo.sources.http import Fetched, HttpClient, SourceFormatError

OVERPASS_URL = "https://overpass-api.de/api/interpreter"
LICENCE = "ODbL 1.0 (© OpenStreetMap contributors)"
ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0 — https://www.openstreetmap.org/copyright"
GREEN_TAGS = {
    "leisure": ("park", "garden", "nature_reserve", "playground", "recreation_ground"),
    "landuse": ("forest", "meadow", "grass", "recreation_ground", "village_green"),
    "natural": ("wood", "scrub", "heath", "grassland"),
}


def overpass_query(bbox: tuple[float, float, float, float], timeout: int = 180) -> str:
    """Overpass QL for green polygons in ``bbox`` = (south, west, north, east) in WGS84."""
    s, w, n, e = bbox
    parts = []
    for key, values in GREEN_TAGS.items():
        regex = "|".join(values)
        parts.append(f'way["{key}"~"^({regex})$"]({s},{w},{n},{e});')
        parts.append(f'relation["{key}"~"^({regex})$"]["type"="multipolygon"]({s},{w},{n},{e});')
    return f"[out:json][timeout:{timeout}];(" + "".join(parts) + ");out geom;"


#: Context features: kind → Overpass selectors (ways; water also as multipolygon relations).
CONTEXT_SELECTORS = {
    "water": ('way["natural"="water"]', 'relation["natural"="water"]["type"="multipolygon"]'),
    "coastline": ('way["natural"="coastline"]',),
    "road": ('way["highway"~"^(motorway|trunk|primary|secondary)$"]',),
}
#: Name of the context request in the manifest.
CONTEXT_NAME = "OpenStreetMap map context: water, coastline, major roads (Overpass)"
#: Columns of a context layer (besides geometry).
CONTEXT_COLUMNS = ["osm_id", "kind", "name"]


def context_query(bbox: tuple[float, float, float, float], timeout: int = 180) -> str:
    """Overpass QL for the context features in ``bbox`` = (south, west, north, east) in WGS84."""
    s, w, n, e = bbox
    parts = [f"{sel}({s},{w},{n},{e});" for sels in CONTEXT_SELECTORS.values() for sel in sels]
    return f"[out:json][timeout:{timeout}];(" + "".join(parts) + ");out geom;"


def fetch_context(http: HttpClient, bbox: tuple[float, float, float, float]) -> Fetched:
    """The raw Overpass answer for :func:`context_query` (cached; the query is the cache key)."""
    return http.get_json(OVERPASS_URL, name=CONTEXT_NAME, params={"data": context_query(bbox)})


def _context_kind(tags: dict) -> str | None:
    if tags.get("natural") == "water":
        return "water"
    if tags.get("natural") == "coastline":
        return "coastline"
    if tags.get("highway") in ("motorway", "trunk", "primary", "secondary"):
        return "road"
    return None


def _elements(doc: dict, source: str) -> list:
    """The ``elements`` array of an Overpass answer, or a :class:`SourceFormatError` naming ``source``."""
    elements = doc.get("elements") if isinstance(doc, dict) else None
    if not isinstance(elements, list):
        raise SourceFormatError(f"{source}: the answer has no 'elements' array; is it Overpass JSON?")
    return elements


def context_features(doc: dict, source: str = "Overpass") -> gpd.GeoDataFrame:
    """Context features (:data:`CONTEXT_COLUMNS`, geometry in EPSG:25833) from an Overpass ``out geom`` answer.

    Water is polygons (closed ways, multipolygon relations), coastline and roads are lines; elements
    of other kinds, or with too few points, are left out.

    Raises
    ------
    SourceFormatError
        When the answer has no ``elements`` array.
    """
    elements = _elements(doc, source)
    rows = []
    for el in elements:
        tags = el.get("tags") or {}
        kind = _context_kind(tags)
        if kind is None:
            continue
        row = {"osm_id": f"{el.get('type')}/{el.get('id')}", "kind": kind, "name": str(tags.get("name", ""))}
        if el.get("type") == "relation":
            geom = _relation_polygon(el) if kind == "water" else None
            if geom is not None:
                rows.append({**row, "geometry": geom})
            continue
        ring = _ring(el.get("geometry") or [])
        if kind == "water" and len(ring) >= 4 and ring[0] == ring[-1]:
            rows.append({**row, "geometry": Polygon(ring)})
        elif kind != "water" and len(ring) >= 2:
            rows.append({**row, "geometry": LineString(ring)})
    gdf = gpd.GeoDataFrame(rows or {c: [] for c in [*CONTEXT_COLUMNS, "geometry"]}, geometry="geometry",
                           crs="EPSG:4326")
    gdf["geometry"] = gdf.geometry.make_valid()
    return gdf[[*CONTEXT_COLUMNS, "geometry"]].to_crs(ANALYSIS_CRS).reset_index(drop=True)


def fetch_green(http: HttpClient, bbox: tuple[float, float, float, float]) -> Fetched:
    """The raw Overpass answer (cached; the query is the cache key).

    A GET with the query in ``data`` is what the Overpass API documents for short queries like this one.
    """
    return http.get_json(OVERPASS_URL, name="OpenStreetMap green areas (Overpass)",
                         params={"data": overpass_query(bbox)})


def _ring(geometry: list[dict]) -> list[tuple[float, float]]:
    return [(p["lon"], p["lat"]) for p in geometry]


def _relation_polygon(el: dict):
    """A multipolygon relation's area: its outer rings minus its inner rings (None when it has none)."""
    outer = [_ring(m["geometry"]) for m in el.get("members") or [] if m.get("role") == "outer" and m.get("geometry")]
    inner = [_ring(m["geometry"]) for m in el.get("members") or [] if m.get("role") == "inner" and m.get("geometry")]
    if not outer:
        return None
    # Outer rings may be split over several ways: polygonize stitches them back together.
    shell = unary_union(list(polygonize([LineString(r) for r in outer])))
    holes = unary_union(list(polygonize([LineString(r) for r in inner]))) if inner else None
    geom = shell.difference(holes) if holes is not None and not holes.is_empty else shell
    return None if geom.is_empty else geom


def green_polygons(doc: dict, source: str = "Overpass") -> gpd.GeoDataFrame:
    """Polygons (``osm_id``, ``kind``, geometry in EPSG:25833) from an Overpass ``out geom`` answer.

    Raises
    ------
    SourceFormatError
        When the answer has no ``elements`` array.
    """
    elements = _elements(doc, source)
    rows = []
    for el in elements:
        tags = el.get("tags") or {}
        kind = next((f"{k}={tags[k]}" for k in GREEN_TAGS if tags.get(k) in GREEN_TAGS[k]), "")
        if el.get("type") == "way" and len(el.get("geometry") or []) >= 4:
            ring = _ring(el["geometry"])
            if ring[0] == ring[-1]:
                rows.append({"osm_id": f"way/{el['id']}", "kind": kind, "geometry": Polygon(ring)})
        elif el.get("type") == "relation":
            geom = _relation_polygon(el)
            if geom is not None:
                rows.append({"osm_id": f"relation/{el['id']}", "kind": kind, "geometry": geom})
    gdf = gpd.GeoDataFrame(rows or {"osm_id": [], "kind": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
    gdf["geometry"] = gdf.geometry.make_valid()
    return gdf.to_crs(ANALYSIS_CRS)

