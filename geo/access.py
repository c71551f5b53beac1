"""Share of each zone's residents with access to frequent public transport and to green space.

Two indicators, both computed from open data and a population file:

``transit_access``
    % of residents within ``distance`` metres (default 500) of a stop with at least
    ``min_departures`` departures per hour in a weekday time window (default 4, 07:00–19:00);
    ``rail_distance`` (default 1 000 m) applies to stops served by rail, metro, tram or ferry,
    following SDG 11.2.1's distinction between low- and high-capacity transit.
``green_access``
    % of residents within ``distance`` metres (default 300, WHO Europe's indicator) of a green area
    of at least ``min_area_ha`` hectares (default 0.5). Green polygons are dissolved first, so
    touching parks count as one area; a resident inside an area is at 0 m.

How it is fast enough for an interactive panel
    An :class:`TransitAccessModel` / :class:`GreenAccessModel` does the slow work once: residents are
    assigned to zones, and every (resident point, stop or green area) pair closer than the largest
    distance anyone may ask for is found once with a spatial index and kept with its distance. A
    parameter change is then a few vectorised masks and a ``bincount`` — milliseconds.

How distance is measured
    Through a *distance method* from :data:`DISTANCE_METHODS`. Only ``"straight"`` (straight-line,
    EPSG:25833 metres) exists now. A street-network method is a drop-in: it implements the same two
    functions (pairs of origins and targets within a cutoff, with their distance) and is added to the
    registry; nothing else changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from geo.config import ANALYSIS_CRS, DATA_DIR
from geo.data.dataset import values_frame
from geo.errors import LevekarError, Problem, UnknownChoiceError, ValidationError
from geo.gtfs import StopService, format_window, parse_window

#: Distances offered in the app's panel (metres).
DISTANCE_CHOICES = (300, 400, 500, 800, 1000)
#: Folder of the synthetic demo inputs written by ``data/build_demo_inputs.py``.
DEMO_INPUTS_DIR = DATA_DIR / "demo_inputs"


class AccessError(LevekarError):
    """Inputs of an access computation do not fit together (CRS, extent, parameters)."""


# --- distance methods -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pairs:
    """Origin–target pairs within a cutoff: parallel arrays of indices and distances (metres)."""

    origin: np.ndarray
    target: np.ndarray
    distance: np.ndarray
    cutoff: float


class DistanceMethod(Protocol):
    """How far residents are from stops and areas. Implement both to add a method."""

    name: str
    description: str

    def point_pairs(self, origins: np.ndarray, targets: np.ndarray, cutoff: float) -> Pairs:
        """Pairs of origin and target points (arrays of shape (n, 2)) no farther apart than ``cutoff``."""

    def area_pairs(self, origins: np.ndarray, areas: np.ndarray, cutoff: float) -> Pairs:
        """Pairs of origin points and polygons; distance to the polygon, 0 inside it."""


class StraightLine:
    """Straight-line (Euclidean) distance in EPSG:25833 metres."""

    name = "straight"
    description = "straight-line distance"

    def point_pairs(self, origins: np.ndarray, targets: np.ndarray, cutoff: float) -> Pairs:
        if len(origins) == 0 or len(targets) == 0:
            return Pairs(np.empty(0, "int64"), np.empty(0, "int64"), np.empty(0), cutoff)
        found = cKDTree(origins).sparse_distance_matrix(cKDTree(targets), cutoff, output_type="ndarray")
        return Pairs(found["i"].astype("int64"), found["j"].astype("int64"), found["v"].astype("float64"), cutoff)

    def area_pairs(self, origins: np.ndarray, areas: np.ndarray, cutoff: float) -> Pairs:
        points = shapely.points(origins)
        if len(points) == 0 or len(areas) == 0:
            return Pairs(np.empty(0, "int64"), np.empty(0, "int64"), np.empty(0), cutoff)
        o, t = shapely.STRtree(areas).query(points, predicate="dwithin", distance=cutoff)
        # shapely.distance is 0 for a point inside a polygon: "inside" is "at 0 m from the area"
        return Pairs(o.astype("int64"), t.astype("int64"), shapely.distance(points[o], areas[t]), cutoff)


#: Name → distance method. A street-network method (e.g. built on an OSM graph) registers here.
DISTANCE_METHODS: dict[str, DistanceMethod] = {"straight": StraightLine()}


def distance_method(name: str) -> DistanceMethod:
    """The registered method ``name``; :class:`UnknownChoiceError` listing the choices otherwise."""
    if name not in DISTANCE_METHODS:
        raise UnknownChoiceError("distance method", name, list(DISTANCE_METHODS))
    return DISTANCE_METHODS[name]


# --- residents --------------------------------------------------------------------------------------
@dataclass
class Residents:
    """Population points assigned once to zones.

    Attributes
    ----------
    zone_ids : numpy.ndarray
        Zone ids in zone order.
    xy : numpy.ndarray
        Coordinates (n, 2) of the points inside a zone, EPSG:25833.
    weight : numpy.ndarray
        Residents per point.
    zone : numpy.ndarray
        Index into ``zone_ids`` per point.
    outside_points, outside_population : int, float
        Points (and their residents) that fell outside every zone and were left out.
    """

    zone_ids: np.ndarray
    xy: np.ndarray
    weight: np.ndarray
    zone: np.ndarray
    outside_points: int = 0
    outside_population: float = 0.0
    source: str = ""

    @property
    def per_zone(self) -> np.ndarray:
        """Residents per zone (the denominators)."""
        return np.bincount(self.zone, weights=self.weight, minlength=len(self.zone_ids))

    def share(self, covered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(residents covered, residents) per zone for a boolean per point."""
        num = np.bincount(self.zone, weights=self.weight * covered, minlength=len(self.zone_ids))
        return num, self.per_zone


def _check_crs(what: str, frame: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> None:
    if frame.crs is None:
        raise AccessError(f"the {what} have no CRS; set one (EPSG:25833 for SSB's grid) before computing access")
    if zones.crs is None:
        raise AccessError("the zones have no CRS; load them from a dataset (EPSG:25833)")
    if zones.crs.is_geographic:
        # distances would come out in degrees: 500 "m" would reach the whole country
        raise AccessError(f"the zones are in {zones.crs.to_string()} (degrees); reproject zones and {what} to a "
                          "metric CRS such as EPSG:25833 before computing distances")
    if frame.crs != zones.crs:
        raise AccessError(f"the {what} are in {frame.crs.to_string()} but the zones in {zones.crs.to_string()}; "
                          f"reproject the {what} to the zones' CRS (the population readers give EPSG:25833)")


def _check_zones(zones: gpd.GeoDataFrame) -> None:
    if "zone_id" not in zones.columns:
        raise AccessError(f"the zones lack a zone_id column (columns: {', '.join(map(str, zones.columns))})")


def assign_residents(zones: gpd.GeoDataFrame, population: gpd.GeoDataFrame, source: str = "") -> Residents:
    """Assign each population point to the zone containing it (once; points on a shared edge go to one zone).

    Raises
    ------
    AccessError
        When CRSs differ, or when no point falls inside any zone (usually a CRS or area mix-up).
    """
    _check_zones(zones)
    _check_crs("population points", population, zones)
    if "population" not in population.columns:
        raise AccessError("the population points lack a 'population' column; read them with geo.population.read_population")
    geoms = population.geometry.values
    if len(geoms) and not np.all(shapely.get_type_id(geoms) == 0):
        raise AccessError("the population geometries are not all points; read them with geo.population.read_population")
    xy = shapely.get_coordinates(geoms) if len(geoms) else np.empty((0, 2))
    weight = population["population"].to_numpy(dtype="float64")
    tree = shapely.STRtree(zones.geometry.values)
    pt, zn = tree.query(geoms, predicate="intersects")
    order = np.lexsort((zn, pt))
    pt, zn = pt[order], zn[order]
    first = np.unique(pt, return_index=True)[1]
    zone = np.full(len(geoms), -1, dtype="int64")
    zone[pt[first]] = zn[first]
    inside = zone >= 0
    if len(geoms) and not inside.any():
        zb = np.round(zones.total_bounds).astype(int).tolist()
        pb = np.round(population.total_bounds).astype(int).tolist()
        raise AccessError(f"all {len(geoms)} population points lie outside every zone (zones span {zb}, points span "
                          f"{pb} in {zones.crs.to_string()}); check that the population file covers the same area "
                          "and is in the CRS it says")
    return Residents(zone_ids=zones["zone_id"].astype(str).to_numpy(), xy=xy[inside], weight=weight[inside],
                     zone=zone[inside], outside_points=int((~inside).sum()),
                     outside_population=float(weight[~inside].sum()), source=source)


def _values(residents: Residents, covered: np.ndarray, indicator: str, year: int, source: str) -> pd.DataFrame:
    num, den = residents.share(covered)
    has = den > 0
    # A zone without residents has no share at all: missing, never 0 %.
    value = np.where(has, 100.0 * num / np.where(has, den, 1.0), np.nan)
    return values_frame([
        {"zone_id": z, "indicator": indicator, "year": int(year), "value": v if h else None,
         "numerator": n if h else None, "denominator": d, "status": "computed" if h else "missing", "source": source}
        for z, v, n, d, h in zip(residents.zone_ids, value, num, den, has, strict=True)
    ])


def _check_distance(name: str, value: float) -> float:
    v = float(value)
    if not np.isfinite(v) or v <= 0:
        raise AccessError(f"{name} must be a positive number of metres, got {value!r}")
    return v


class _PairCache:
    """Mixin: resident–target pairs cached per cutoff; a smaller cutoff reuses a larger cached one."""

    _pairs: dict[float, Pairs]

    def _find_pairs(self, cutoff: float) -> Pairs:
        raise NotImplementedError

    def pairs(self, cutoff: float) -> Pairs:
        """Pairs within ``cutoff`` metres (reusing a cached larger cutoff)."""
        for c, p in self._pairs.items():
            if c >= cutoff:
                return p
        p = self._find_pairs(cutoff)
        self._pairs[cutoff] = p
        return p


# --- transit ----------------------------------------------------------------------------------------
@dataclass
class TransitAccessModel(_PairCache):
    """Residents, stops and their pairs, prepared once; :meth:`values` answers any parameters fast.

    Build with :meth:`build`. Pairs are cached per cutoff so a distance above the first cutoff
    (by default 1 000 m) costs one more spatial query, after which it is fast again.
    """

    residents: Residents
    service: StopService
    method: DistanceMethod
    cutoff: float = 1000.0
    stop_xy: np.ndarray | None = None  # stops in the zones' CRS when that is not EPSG:25833
    year: int | None = None  # default year of the values; set it to label results consistently
    _pairs: dict[float, Pairs] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, zones: gpd.GeoDataFrame, population: gpd.GeoDataFrame, service: StopService, *,
              method: str = "straight", cutoff: float = float(max(DISTANCE_CHOICES)),
              population_source: str = "") -> TransitAccessModel:
        """Assign residents to zones and find every resident–stop pair within ``cutoff`` metres."""
        residents = assign_residents(zones, population, population_source)
        model = cls(residents=residents, service=service, method=distance_method(method), cutoff=float(cutoff))
        if zones.crs != ANALYSIS_CRS:
            # stops come in EPSG:25833; measure in the zones' (metric) CRS like the residents
            from pyproj import Transformer

            x, y = Transformer.from_crs(ANALYSIS_CRS, zones.crs, always_xy=True).transform(*service.xy.T)
            model.stop_xy = np.column_stack([x, y])
        model.pairs(model.cutoff)
        return model

    def _find_pairs(self, cutoff: float) -> Pairs:
        """Resident–stop pairs within ``cutoff``."""
        return self.method.point_pairs(self.residents.xy, self.service.xy if self.stop_xy is None else self.stop_xy,
                                       cutoff)

    def covered(self, distance: float = 500, rail_distance: float = 1000, min_departures: float = 4,
                window: str | tuple[int, int] = "07:00-19:00") -> np.ndarray:
        """Boolean per resident point: within reach of a frequent stop."""
        distance = _check_distance("distance", distance)
        rail_distance = _check_distance("rail distance", rail_distance)
        if not np.isfinite(float(min_departures)) or float(min_departures) < 0:
            raise AccessError(f"minimum departures per hour must be ≥ 0, got {min_departures!r}")
        frequent = self.service.departures_per_hour(window) >= float(min_departures)
        radius = np.where(self.service.high_capacity, rail_distance, distance)
        p = self.pairs(float(radius.max()) if len(radius) else distance)
        ok = frequent[p.target] & (p.distance <= radius[p.target])
        covered = np.zeros(len(self.residents.xy), dtype=bool)
        covered[p.origin[ok]] = True
        return covered

    def source(self, distance: float, rail_distance: float, min_departures: float, window) -> str:
        """Provenance text for the ``source`` column."""
        w = format_window(parse_window(window) if isinstance(window, str) else window)
        per = "per parent station" if self.service.per_station else "per stop"
        return (f"Computed by Levekårskart from GTFS {self.service.feed_name or 'feed'} (service date "
                f"{self.service.date.isoformat()}, {w}, ≥ {min_departures:g} departures/h {per}) and population "
                f"{self.residents.source or 'points'}; {distance:g} m to bus, {rail_distance:g} m to rail/metro/tram/"
                f"ferry stops ({self.method.description})")

    def stops_frame(self, distance: float = 500, rail_distance: float = 1000, min_departures: float = 4,
                    window: str | tuple[int, int] = "07:00-19:00") -> gpd.GeoDataFrame:
        """The stops as points with ``departures_per_hour``, ``frequent`` and ``radius_m`` (for a map layer)."""
        t = self.service.table(window)
        t["frequent"] = t["departures_per_hour"] >= float(min_departures)
        t["radius_m"] = np.where(self.service.high_capacity, float(rail_distance), float(distance))
        return gpd.GeoDataFrame(t, geometry=gpd.points_from_xy(t["x"], t["y"]), crs=ANALYSIS_CRS)

    def values(self, distance: float = 500, rail_distance: float = 1000, min_departures: float = 4,
               window: str | tuple[int, int] = "07:00-19:00", year: int | None = None) -> pd.DataFrame:
        """``transit_access`` values per zone (long values format) for these parameters."""
        covered = self.covered(distance, rail_distance, min_departures, window)
        year = int(year) if year is not None else self.year if self.year is not None else self.service.date.year
        return _values(self.residents, covered, "transit_access", year,
                       self.source(float(distance), float(rail_distance), float(min_departures), window))


def transit_access(zones: gpd.GeoDataFrame, population: gpd.GeoDataFrame, stops_frequency: StopService,
                   distance: float = 500, rail_distance: float = 1000, min_departures: float = 4,
                   window: str | tuple[int, int] = "07:00-19:00", year: int | None = None, *,
                   method: str = "straight", population_source: str = "") -> pd.DataFrame:
    """Share of residents per zone near a frequent stop (one-off; use :class:`TransitAccessModel` to repeat).

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        ``zone_id`` + polygons (a dataset's ``zones``).
    population : geopandas.GeoDataFrame
        Points with ``population`` (from :func:`geo.population.read_population`), same CRS as zones.
    stops_frequency : StopService
        Departures per stop on the service date (:func:`geo.gtfs.load_stop_service`).
    distance, rail_distance : float
        Walking distance in metres to low- and high-capacity stops.
    min_departures : float
        Departures per hour a stop needs in ``window`` to count.
    window : str or (int, int)
        ``"HH:MM-HH:MM"`` of the service day.
    year : int, optional
        Year of the values; default the service date's year.
    method : str
        Distance method (:data:`DISTANCE_METHODS`).

    Returns
    -------
    pandas.DataFrame
        Long values (``zone_id``, ``indicator="transit_access"``, ``year``, ``value`` %, ``numerator``
        = residents with access, ``denominator`` = residents, ``status`` computed/missing, ``source``).
    """
    cutoff = max(float(distance), float(rail_distance))
    model = TransitAccessModel.build(zones, population, stops_frequency, method=method, cutoff=cutoff,
                                     population_source=population_source)
    return model.values(distance, rail_distance, min_departures, window, year)


# --- green space --------------------------------------------------------------------------------------
def dissolve_green(green_areas: gpd.GeoDataFrame | gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray]:
    """Dissolve green polygons into separate areas; return (polygons, area in hectares)."""
    geoms = np.asarray(green_areas.geometry.values if hasattr(green_areas, "geometry") else green_areas.values)
    geoms = geoms[np.isin(shapely.get_type_id(geoms), [3, 6]) & ~shapely.is_empty(geoms)]
    if len(geoms) == 0:
        return np.empty(0, dtype=object), np.empty(0)
    # make_valid first: OSM polygons with self-touching rings would otherwise break the union
    merged = shapely.union_all(shapely.make_valid(geoms), grid_size=0.01)
    parts = shapely.get_parts(merged)
    parts = parts[np.isin(shapely.get_type_id(parts), [3])]
    return parts, shapely.area(parts) / 10_000.0


@dataclass
class GreenAccessModel(_PairCache):
    """Residents and dissolved green areas with their pairs, prepared once."""

    residents: Residents
    areas: np.ndarray
    hectares: np.ndarray
    method: DistanceMethod
    green_source: str = ""
    cutoff: float = 1000.0
    year: int | None = None  # default year of the values; set it to label results consistently
    _pairs: dict[float, Pairs] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, zones: gpd.GeoDataFrame, population: gpd.GeoDataFrame, green_areas: gpd.GeoDataFrame, *,
              method: str = "straight", cutoff: float = float(max(DISTANCE_CHOICES)), population_source: str = "",
              green_source: str = "") -> GreenAccessModel:
        """Assign residents, dissolve the green areas and pair them within ``cutoff`` metres."""
        _check_crs("green areas", green_areas, zones)
        residents = assign_residents(zones, population, population_source)
        areas, ha = dissolve_green(green_areas)
        model = cls(residents=residents, areas=areas, hectares=ha, method=distance_method(method),
                    green_source=green_source, cutoff=float(cutoff))
        model.pairs(model.cutoff)
        return model

    def _find_pairs(self, cutoff: float) -> Pairs:
        """Resident–area pairs within ``cutoff``."""
        return self.method.area_pairs(self.residents.xy, self.areas, cutoff)

    def covered(self, distance: float = 300, min_area_ha: float = 0.5) -> np.ndarray:
        """Boolean per resident point: within ``distance`` of a green area of ≥ ``min_area_ha``."""
        distance = _check_distance("distance", distance)
        if not np.isfinite(float(min_area_ha)) or float(min_area_ha) < 0:
            raise AccessError(f"minimum green area must be ≥ 0 hectares, got {min_area_ha!r}")
        p = self.pairs(distance)
        ok = (self.hectares[p.target] >= float(min_area_ha)) & (p.distance <= distance)
        covered = np.zeros(len(self.residents.xy), dtype=bool)
        covered[p.origin[ok]] = True
        return covered

    def areas_frame(self, min_area_ha: float = 0.5) -> gpd.GeoDataFrame:
        """The dissolved green areas with ``hectares`` and ``counted`` (≥ ``min_area_ha``), for a map layer."""
        return gpd.GeoDataFrame({"hectares": self.hectares, "counted": self.hectares >= float(min_area_ha)},
                                geometry=self.areas, crs=ANALYSIS_CRS)

    def values(self, distance: float = 300, min_area_ha: float = 0.5, year: int | None = None) -> pd.DataFrame:
        """``green_access`` values per zone for these parameters (year default: the model's ``year``, else this year)."""
        covered = self.covered(distance, min_area_ha)
        year = int(year) if year is not None else self.year if self.year is not None else dt.date.today().year
        source = (f"Computed by Levekårskart from green areas {self.green_source or 'polygons'} (dissolved, ≥ "
                  f"{float(min_area_ha):g} ha) and population {self.residents.source or 'points'}; within "
                  f"{float(distance):g} m of an area's edge or inside it ({self.method.description})")
        return _values(self.residents, covered, "green_access", year, source)


def green_access(zones: gpd.GeoDataFrame, population: gpd.GeoDataFrame, green_areas: gpd.GeoDataFrame,
                 distance: float = 300, min_area_ha: float = 0.5, year: int | None = None, *,
                 method: str = "straight", population_source: str = "", green_source: str = "") -> pd.DataFrame:
    """Share of residents per zone within ``distance`` m of a green area of ≥ ``min_area_ha`` hectares.

    Green polygons are dissolved (touching ones become one area) before the size test; the distance is
    to the area's edge, 0 for residents inside it. Zones without residents get status ``missing``.
    """
    model = GreenAccessModel.build(zones, population, green_areas, method=method, cutoff=float(distance),
                                   population_source=population_source, green_source=green_source)
    return model.values(distance, min_area_ha, year)


def read_green_areas(path: str | Path, layer: str | None = None, crs=ANALYSIS_CRS) -> gpd.GeoDataFrame:
    """Read green-area polygons (GeoPackage, GeoJSON, …) and reproject them to ``crs``.

    A file with a declared CRS is reprojected (OSM extracts come in WGS84); a file without one is an
    error, because guessing would silently put the parks somewhere else.

    Raises
    ------
    ValidationError
        When the file is missing, unreadable or has no CRS.
    """
    import pyogrio

    src = Path(path).expanduser()
    if not src.exists():
        raise ValidationError([Problem(str(src), "", "", "no such file", "check the path of the green-area file")])
    try:
        green = gpd.read_file(src, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise ValidationError([Problem(src.name, "", "", f"not a readable vector file ({exc})",
                                       "give a GeoPackage or GeoJSON of green-area polygons")]) from exc
    if green.crs is None:
        raise ValidationError([Problem(src.name, "", "", "the file has no coordinate reference system",
                                       "save it with a CRS (e.g. EPSG:25833 or EPSG:4326)")])
    return green.to_crs(crs)


# --- the app's panel ----------------------------------------------------------------------------------
#: Indicator id → function(model, **parameters) → values; what the panel calls after a widget change.
PANEL_FUNCTIONS: dict[str, Callable[..., pd.DataFrame]] = {
    "transit_access": lambda model, **kw: model.values(**kw),
    "green_access": lambda model, **kw: model.values(**kw),
}


def recompute(indicator: str, model: TransitAccessModel | GreenAccessModel, **parameters) -> pd.DataFrame:
    """Values of ``indicator`` from a cached model for new parameters (pure; milliseconds).

    Parameters for transit: ``distance``, ``rail_distance``, ``min_departures``, ``window``, ``year``;
    for green: ``distance``, ``min_area_ha``, ``year``.
    """
    if indicator not in PANEL_FUNCTIONS:
        raise UnknownChoiceError("access indicator", indicator, list(PANEL_FUNCTIONS))
    return PANEL_FUNCTIONS[indicator](model, **parameters)


# --- demo ---------------------------------------------------------------------------------------------
def demo_models(zones: gpd.GeoDataFrame, inputs: str | Path = DEMO_INPUTS_DIR,
                year: int | None = None) -> tuple[TransitAccessModel, GreenAccessModel]:
    """Both models built from the synthetic demo inputs in ``inputs`` (see ``data/build_demo_inputs.py``).

    ``year`` labels the values of both (default: the feed's service date's year, for both).
    """
    from geo.gtfs import load_stop_service
    from geo.population import read_population

    folder = Path(inputs)
    zones = zones.to_crs(ANALYSIS_CRS) if zones.crs is not None and zones.crs != ANALYSIS_CRS else zones
    population = read_population(folder / "population.gpkg")
    service = load_stop_service(folder / "gtfs.zip")
    green = read_green_areas(folder / "green_areas.gpkg")
    transit = TransitAccessModel.build(zones, population, service, population_source="population.gpkg (synthetic)")
    green_model = GreenAccessModel.build(zones, population, green, population_source="population.gpkg (synthetic)",
                                         green_source="green_areas.gpkg (synthetic)")
    transit.year = green_model.year = transit.service.date.year if year is None else int(year)
    return transit, green_model


def demo_access_values(zones: gpd.GeoDataFrame, year: int, inputs: str | Path = DEMO_INPUTS_DIR) -> pd.DataFrame:
    """``transit_access`` and ``green_access`` for the demo zones, computed from the synthetic inputs.

    Called by the demo dataset builder; default parameters (500/1 000 m, 4 departures/h,
    07:00–19:00 on the busiest weekday; 300 m to ≥ 0.5 ha).
    """
    transit, green = demo_models(zones, inputs, year)
    out = pd.concat([transit.values(), green.values()], ignore_index=True)
    out["source"] = "SYNTHETIC demo inputs — " + out["source"]
    return values_frame(out.to_dict("records"))
