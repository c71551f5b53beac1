"""Display geometry: what the browser gets, computed once per dataset version.

Zone boundaries from a municipality carry ~1 500 vertices per zone at sub-metre precision: ~4 MB of
GeoJSON for 60 zones, far more than a screen can show. :func:`display_layer` turns the zones into a
:class:`DisplayLayer`:

- simplified *as a coverage* (``shapely.coverage_simplify``), so neighbours keep one shared edge and no
  slivers open between them (per-polygon ``simplify`` would);
- with a tolerance chosen from the layer's extent (:func:`display_tolerance`), so a city and a country
  both come out at a few thousand vertices — a constant in metres would do neither;
- reprojected to EPSG:4326 and rounded to 5 decimals (~1 m), shared vertices rounding identically;
- serialised ONCE to a GeoJSON string carrying only ``zone_id``. Styling (colour per zone) is a small
  dict keyed by ``zone_id`` next to it, so changing the indicator never re-serialises geometry.

It also carries a :class:`ZoneLocator` (click → zone) and the dissolved district outlines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.config import DISPLAY_CRS

#: Tolerance = longest side of the layer's extent / this: ~5 m for Trondheim (~1 px at zoom 14, where one zone
#: fills the screen), ~350 m for all of Norway; cuts digitised boundaries 5–10× in vertices.
DETAIL = 5000
#: Browsers draw ~40 000 SVG vertices smoothly (and ~1 MB of GeoJSON loads fast on a phone): above this the
#: automatic tolerance is doubled until the layer fits, but never beyond extent / :data:`MIN_DETAIL`.
MAX_VERTICES = 40_000
MIN_DETAIL = 500
#: Decimals of the display coordinates: 1e-5° ≈ 1.1 m north–south, finer east–west at our latitudes.
DECIMALS = 5


def display_tolerance(zones: gpd.GeoDataFrame) -> float:
    """Simplification tolerance (in the layer's CRS units, metres in EPSG:25833) from the layer's extent."""
    xmin, ymin, xmax, ymax = zones.total_bounds
    return float(max(xmax - xmin, ymax - ymin)) / DETAIL


def json_for_script(obj: object) -> str:
    """JSON that is safe inside an HTML ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes.

    A zone named ``</script><img …>`` must stay a string in the page, never end the script element.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def to_geojson(ids: pd.Series | list[str], geoms: np.ndarray, key: str = "zone_id") -> str:
    """A FeatureCollection string with one property (``key``) per feature, built without a round trip."""
    geom_json = shapely.to_geojson(geoms)
    features = [f'{{"type":"Feature","properties":{{{json_for_script(key)}:{json_for_script(str(i))}}},'
                f'"geometry":{g}}}' for i, g in zip(ids, geom_json, strict=True)]
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


class ZoneLocator:
    """Point-in-polygon lookup: which zone is at a clicked longitude/latitude.

    Parameters
    ----------
    zone_ids : sequence of str
        Zone ids, aligned with ``geoms``.
    geoms : array of shapely geometries
        Zone polygons in EPSG:4326 (lon/lat), e.g. the display geometry — what the user sees is what
        they click.
    """

    def __init__(self, zone_ids, geoms) -> None:
        self._ids = np.asarray([str(z) for z in zone_ids], dtype=object)
        self._geoms = np.asarray(geoms, dtype=object)
        if len(self._ids) != len(self._geoms):
            raise ValueError(f"ZoneLocator: {len(self._ids)} ids but {len(self._geoms)} geometries")
        self._tree = shapely.STRtree(self._geoms)

    @classmethod
    def from_zones(cls, zones: gpd.GeoDataFrame) -> "ZoneLocator":
        """A locator over ``zones`` (``zone_id`` + geometry, any CRS; reprojected to EPSG:4326)."""
        z = zones.to_crs(DISPLAY_CRS) if zones.crs is not None and zones.crs != DISPLAY_CRS else zones
        return cls(z["zone_id"], z.geometry.values)

    def zone_at(self, lon: float | None, lat: float | None) -> str | None:
        """The zone containing the point (``lon``, ``lat``), or None outside every zone or for no point.

        A point on a shared edge belongs to the first zone in layer order, so a click always selects
        exactly one zone.
        """
        try:
            x, y = float(lon), float(lat)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        if not (np.isfinite(x) and np.isfinite(y)):
            return None
        hits = self._tree.query(shapely.Point(x, y), predicate="intersects")
        return str(self._ids[hits.min()]) if len(hits) else None

    def zone_at_click(self, clicked: dict | None) -> str | None:
        """The zone under an ``st_folium`` ``last_clicked`` value (``{"lat": …, "lng": …}``)."""
        if not isinstance(clicked, dict):
            return None
        return self.zone_at(clicked.get("lng"), clicked.get("lat"))


@dataclass(frozen=True, eq=False)
class DisplayLayer:
    """Zones ready for the browser (see the module docstring). Build with :func:`display_layer`.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        ``zone_id``, ``name``, ``district`` and the simplified, rounded geometry in EPSG:4326.
    geojson : str
        The FeatureCollection, only ``zone_id`` as property; safe to embed in a ``<script>``.
    tolerance : float
        Simplification tolerance used, in the source CRS's units.
    n_vertices_in, n_vertices_out : int
        Vertex counts before and after.
    """

    zones: gpd.GeoDataFrame
    geojson: str
    tolerance: float
    n_vertices_in: int
    n_vertices_out: int
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def zone_ids(self) -> list[str]:
        """Zone ids in layer order."""
        return list(self.zones["zone_id"])

    @property
    def bounds(self) -> list[list[float]]:
        """``[[south, west], [north, east]]`` — folium's ``fit_bounds`` order."""
        xmin, ymin, xmax, ymax = (float(v) for v in self.zones.total_bounds)
        return [[ymin, xmin], [ymax, xmax]]

    def zone_bounds(self, zone_id: str) -> list[list[float]] | None:
        """``[[south, west], [north, east]]`` of one zone (to zoom to it), None if unknown."""
        rows = self.zones[self.zones["zone_id"] == str(zone_id)]
        if rows.empty:
            return None
        xmin, ymin, xmax, ymax = (float(v) for v in rows.total_bounds)
        return [[ymin, xmin], [ymax, xmax]]

    @cached_property
    def locator(self) -> ZoneLocator:
        """Click → zone lookup on the display geometry."""
        return ZoneLocator(self.zones["zone_id"], self.zones.geometry.values)

    @cached_property
    def districts(self) -> gpd.GeoDataFrame:
        """Dissolved district outlines (see :func:`district_outlines`)."""
        return district_outlines(self.zones)

    @cached_property
    def districts_geojson(self) -> str:
        """District outlines as a GeoJSON string (property ``district``), serialised once."""
        d = self.districts
        return to_geojson(d["district"], d.geometry.values, key="district")


def district_outlines(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve zones into their districts (zones without a district are left out).

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        ``district`` + geometry; a coverage (zones share edges), e.g. :attr:`DisplayLayer.zones`.

    Returns
    -------
    geopandas.GeoDataFrame
        ``district``, geometry (same CRS), sorted by district.
    """
    z = zones.dropna(subset=["district"])
    z = z[z["district"].astype(str).str.len() > 0]
    names, geoms = [], []
    for name, group in z.groupby("district", sort=True):
        names.append(str(name))
        # coverage_union_all is the fast path for edge-sharing polygons; fall back if it is not one.
        try:
            geoms.append(shapely.coverage_union_all(group.geometry.values))
        except shapely.errors.GEOSException:
            geoms.append(shapely.union_all(group.geometry.values))
    return gpd.GeoDataFrame({"district": names}, geometry=geoms, crs=zones.crs)


def _round(geoms: np.ndarray, decimals: int) -> np.ndarray:
    rounded = shapely.transform(geoms, lambda c: np.round(c, decimals))
    # Rounding can make consecutive vertices equal; drop the repeats (shared edges drop the same ones).
    return shapely.remove_repeated_points(rounded)


def _simplify(geoms: np.ndarray, tol: float) -> np.ndarray:
    if tol <= 0:
        return geoms
    try:
        return shapely.coverage_simplify(geoms, tol)
    except shapely.errors.GEOSException:
        # Not a valid coverage (e.g. overlapping input): simplify each polygon, keeping it valid.
        return shapely.simplify(geoms, tol, preserve_topology=True)


def display_layer(zones: gpd.GeoDataFrame, *, tolerance: float | None = None, decimals: int = DECIMALS,
                  max_vertices: int | None = MAX_VERTICES) -> DisplayLayer:
    """Build the display layer of ``zones``.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        ``zone_id``, ``name``, ``district``, geometry in a projected CRS (EPSG:25833 in a Dataset).
    tolerance : float, optional
        Simplification tolerance in the CRS's units; default :func:`display_tolerance` (then doubled while
        the result has more than ``max_vertices``). 0 keeps every vertex.
    decimals : int
        Decimals of the lon/lat coordinates.
    max_vertices : int, optional
        Vertex budget of the automatic tolerance (see :data:`MAX_VERTICES`); None: no budget.

    Returns
    -------
    DisplayLayer
    """
    if zones.crs is None:
        raise ValueError("display_layer: the zones have no CRS; set one (EPSG:25833 for Norwegian data)")
    if zones.crs.is_geographic:
        raise ValueError(f"display_layer: zones must be in a projected CRS (metres) to be simplified, got "
                         f"{zones.crs.to_string()}; reproject to EPSG:25833 first")
    geoms = np.asarray(zones.geometry.values)
    n_in = int(shapely.get_num_coordinates(geoms).sum())
    tol = display_tolerance(zones) if tolerance is None else float(tolerance)
    simplified = _simplify(geoms, tol)
    if tolerance is None and max_vertices is not None:
        ceiling = tol * DETAIL / MIN_DETAIL
        while int(shapely.get_num_coordinates(simplified).sum()) > max_vertices and tol * 2 <= ceiling:
            tol *= 2
            # Simplify the already simplified coverage: ~10× faster than starting over from the full
            # geometry, and the drift stays within the new tolerance plus the previous one.
            simplified = _simplify(simplified, tol)
    out = gpd.GeoDataFrame(pd.DataFrame(zones[["zone_id", "name", "district"]]).reset_index(drop=True),
                           geometry=gpd.GeoSeries(simplified, crs=zones.crs).to_crs(DISPLAY_CRS).values,
                           crs=DISPLAY_CRS)
    out["zone_id"] = out["zone_id"].astype(str)
    rounded = _round(out.geometry.values, decimals)
    out = out.set_geometry(gpd.GeoSeries(rounded, crs=DISPLAY_CRS))
    n_out = int(shapely.get_num_coordinates(np.asarray(rounded)).sum())
    return DisplayLayer(zones=out, geojson=to_geojson(out["zone_id"], np.asarray(rounded)), tolerance=tol,
                        n_vertices_in=n_in, n_vertices_out=n_out)


def context_layer(dataset, *, tolerance: float | None = None, decimals: int = DECIMALS) -> gpd.GeoDataFrame | None:
    """The dataset's map context (water, coastline, major roads) ready to draw under the zones, or None.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        Its ``context`` layer (EPSG:25833) is used; None when it has none (the demo has none).
    tolerance : float, optional
        Simplification tolerance in metres; default the zones' :func:`display_tolerance`, so context and
        zones are drawn at the same detail.
    decimals : int
        Decimals of the lon/lat coordinates.

    Returns
    -------
    geopandas.GeoDataFrame or None
        ``osm_id``, ``kind``, ``name`` and geometry in EPSG:4326, water first (areas under lines), each
        feature simplified on its own (context features share no edges) and empty results left out.
    """
    from geo.data.dataset import CONTEXT_KINDS

    context = getattr(dataset, "context", None)
    if context is None or len(context) == 0:
        return None
    tol = display_tolerance(dataset.zones) if tolerance is None else float(tolerance)
    geoms = np.asarray(context.geometry.values)
    if tol > 0:
        geoms = shapely.simplify(geoms, tol, preserve_topology=True)
    lonlat = gpd.GeoSeries(geoms, crs=context.crs).to_crs(DISPLAY_CRS).values
    out = gpd.GeoDataFrame(pd.DataFrame(context[["osm_id", "kind", "name"]]).reset_index(drop=True),
                           geometry=gpd.GeoSeries(_round(np.asarray(lonlat), decimals), crs=DISPLAY_CRS))
    out = out[~out.geometry.is_empty]
    order = out["kind"].map({k: i for i, k in enumerate(CONTEXT_KINDS)})
    return out.assign(_o=order).sort_values(["_o", "osm_id"], kind="stable").drop(columns="_o").reset_index(drop=True)
