"""Spatial clusters: global Moran's I and local LISA clusters (esda + libpysal).

- **Neighbours.** Queen contiguity (zones sharing an edge or a corner) by default, rook (an edge)
  on request. On real zone maps the two rarely differ; on a grid of squares they do: under queen a
  checkerboard is only weakly negative (each inner square has four same-colour corner neighbours
  against four opposite edge neighbours), under rook it is perfectly negative (I = −1). A zone with no contiguous
  neighbour (an island, or a zone whose neighbours all lack a value) is joined to its
  :data:`KNN_FALLBACK` nearest zones by centroid, both ways; those zones are reported. Weights are
  row-standardised.
- **Global Moran's I** with a permutation p-value (``permutations`` random relabellings, one-sided
  in the direction of the observed I, as esda reports it).
- **Local Moran (LISA).** Each zone's quadrant — ``HH`` (high value among high neighbours), ``LL``,
  ``HL`` (high among low), ``LH`` — and its conditional-permutation p-value, then the
  Benjamini–Hochberg false-discovery-rate adjustment over all zones (``p_fdr``). A zone is labelled
  with its quadrant when ``p_fdr`` < ``alpha``, else ``ns``. ``HH``/``LL`` name *values*; what a high
  value means (worse or better) depends on the indicator's direction.

Permutations use a fixed seed, so the same call gives the same answer. esda draws from numpy's
global generator; its state is saved and restored around the tests, so callers are not disturbed.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import false_discovery_control

from geo.analysis.categories import Categories
from geo.benchmarks import zone_facts
from geo.errors import LevekarError, UnknownChoiceError

KNN_FALLBACK = 2
MIN_ZONES = 8
DEFAULT_PERMUTATIONS = 999
ALPHA = 0.05
CLUSTERS = ("HH", "LL", "HL", "LH", "ns")
#: esda's quadrant codes (q): 1 HH, 2 LH, 3 LL, 4 HL.
_QUADRANT = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}
#: Colours of HH, LL, HL, LH, ns (the usual LISA map colours: red, blue, pink, light blue, light grey).
CLUSTER_COLOURS = ("#d7191c", "#2c7bb6", "#fdae61", "#abd9e9", "#f0f0f0")


class HotspotError(LevekarError):
    """Too few zones or no variation: no spatial statistic can be computed."""


@dataclass(frozen=True)
class Neighbours:
    """Spatial weights of the zones analysed.

    Attributes
    ----------
    w : libpysal.weights.W
        Row-standardised weights (ids: positions 0…n−1 of ``zone_ids``).
    zone_ids : tuple of str
    fallback : tuple of str
        Zones with no contiguous neighbour, joined to their nearest zones instead.
    """

    w: object
    zone_ids: tuple[str, ...]
    fallback: tuple[str, ...]


@contextmanager
def _quiet_esda():
    """Silence esda's deprecation notice and 0/0 warnings (constant permutation sets), nothing else."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="esda")
        warnings.filterwarnings("ignore", category=FutureWarning, module="esda")
        warnings.filterwarnings("ignore", message=".*island.*")
        warnings.filterwarnings("ignore", message=".*not fully connected.*")
        with np.errstate(divide="ignore", invalid="ignore"):
            yield


def _contiguity(name: str):
    from libpysal.weights import Queen, Rook

    return {"queen": Queen, "rook": Rook}[name]


#: Contiguity rules (libpysal classes, imported lazily: esda/libpysal take ~2 s to import).
CONTIGUITY = ("queen", "rook")


def neighbours(zones, k: int = KNN_FALLBACK, contiguity: str = "queen") -> Neighbours:
    """Contiguity (queen by default) with a k-nearest-neighbour fallback for zones without neighbours.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        ``zone_id`` and geometry (projected CRS), in analysis order.
    k : int
        Nearest zones given to a zone without contiguous neighbours.
    contiguity : str
        One of :data:`CONTIGUITY`.

    Raises
    ------
    UnknownChoiceError
        Unknown ``contiguity``.
    """
    from libpysal.weights import W

    if contiguity not in CONTIGUITY:
        raise UnknownChoiceError("contiguity", contiguity, list(CONTIGUITY))

    geo = zones.reset_index(drop=True)
    ids = tuple(str(z) for z in geo["zone_id"])
    with _quiet_esda():
        queen = _contiguity(contiguity).from_dataframe(geo, use_index=False, silence_warnings=True)
    nb = {i: set(queen.neighbors.get(i, ())) for i in range(len(geo))}
    islands = [i for i, s in nb.items() if not s]
    if islands and len(geo) > 1:
        centroids = np.column_stack([geo.geometry.centroid.x, geo.geometry.centroid.y])
        for i in islands:
            d = np.hypot(*(centroids - centroids[i]).T)
            d[i] = np.inf
            for j in np.argsort(d, kind="stable")[: min(k, len(geo) - 1)]:
                nb[i].add(int(j))
                nb[int(j)].add(i)
    with _quiet_esda():
        w = W({i: sorted(s) for i, s in nb.items()}, silence_warnings=True)
    w.transform = "r"
    return Neighbours(w, ids, tuple(ids[i] for i in islands))


@contextmanager
def _seeded_global(seed: int | None):
    """Seed numpy's global generator for esda's global Moran permutations, then restore it."""
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


@dataclass(frozen=True)
class HotspotResult:
    """Global and local statistics of one indicator and year.

    Attributes
    ----------
    moran_i, p_value : float
        Global Moran's I and its permutation p-value.
    n : int
        Zones analysed (those with a value).
    zones : pandas.DataFrame
        ``zone_id``, ``name``, ``district``, ``value``, ``quadrant``, ``cluster``, ``p_value``,
        ``p_fdr`` for the analysed zones, dataset order.
    fallback : tuple of str
        Zones that got nearest neighbours instead of contiguous ones.
    missing : tuple of str
        Zones left out (no public value).
    permutations, seed : int
    alpha : float
    """

    moran_i: float
    p_value: float
    n: int
    zones: pd.DataFrame
    fallback: tuple[str, ...]
    missing: tuple[str, ...]
    permutations: int
    seed: int | None
    alpha: float

    def to_json(self) -> dict:
        """Exactly the CLI's JSON object."""
        return {"moran_i": self.moran_i, "p_value": self.p_value, "n": self.n,
                "zones": [{"zone_id": r.zone_id, "name": r.name, "cluster": r.cluster, "p_value": r.p_value,
                           "p_fdr": r.p_fdr} for r in self.zones.itertuples()]}


def local_clusters(values, w, *, permutations: int = DEFAULT_PERMUTATIONS, seed: int | None = 0,
                   alpha: float = ALPHA) -> tuple[float, float, pd.DataFrame]:
    """Moran's I and LISA of ``values`` over the weights ``w`` (positions 0…n−1).

    Returns
    -------
    (moran_i, p_value, frame)
        ``frame`` has ``quadrant``, ``cluster``, ``p_value``, ``p_fdr`` per position.

    Raises
    ------
    HotspotError
        Fewer than :data:`MIN_ZONES` values, no variation, or fewer than 1 permutation.
    """
    from esda.moran import Moran, Moran_Local

    y = np.asarray(values, dtype="float64")
    if len(y) < MIN_ZONES:
        raise HotspotError(f"only {len(y)} zone(s) have a value; at least {MIN_ZONES} are needed to look for clusters")
    if np.ptp(y) == 0:
        raise HotspotError("every zone has the same value, so there are no high or low clusters to find")
    if permutations < 1:
        raise HotspotError(f"permutations must be at least 1, got {permutations}")
    with _quiet_esda():
        with _seeded_global(seed):  # esda seeds and draws from numpy's global generator: restore it after
            glob = Moran(y, w, permutations=permutations)
            loc = Moran_Local(y, w, permutations=permutations, seed=seed, keep_simulations=True)
    p = np.asarray(loc.p_sim, dtype="float64")
    p_fdr = false_discovery_control(p, method="bh")
    quadrant = np.array([_QUADRANT.get(int(q), "ns") for q in loc.q], dtype=object)
    cluster = np.where(p_fdr < alpha, quadrant, "ns")
    frame = pd.DataFrame({"quadrant": quadrant, "cluster": cluster, "p_value": p, "p_fdr": p_fdr})
    return float(glob.I), float(glob.p_sim), frame


def hotspots(dataset, indicator_id: str, year: int | None = None, *, permutations: int = DEFAULT_PERMUTATIONS,
             seed: int | None = 0, alpha: float = ALPHA, contiguity: str = "queen") -> HotspotResult:
    """Moran's I and LISA clusters of one indicator and year (public values; zones without one left out).

    Raises
    ------
    UnknownChoiceError
        Unknown indicator or year (choices listed).
    HotspotError
        Too few zones with a value, or no variation.
    """
    dataset.check_choice(indicator_id)
    year = dataset.latest_year(indicator_id) if year is None else int(year)
    dataset.check_choice(indicator_id, year)
    facts = zone_facts(dataset, indicator_id, year)
    have = facts["value"].notna().to_numpy()
    zones = dataset.zones.loc[have].reset_index(drop=True)
    used = facts.loc[have].reset_index(drop=True)
    if len(used) < MIN_ZONES:
        raise HotspotError(f"{indicator_id} {year}: only {len(used)} zone(s) have a value; at least {MIN_ZONES} are "
                           "needed to look for clusters")
    nbrs = neighbours(zones, contiguity=contiguity)
    moran_i, p_value, frame = local_clusters(used["value"].to_numpy(), nbrs.w, permutations=permutations, seed=seed,
                                             alpha=alpha)
    out = pd.concat([used[["zone_id", "name", "district", "value"]], frame], axis=1)
    return HotspotResult(moran_i, p_value, len(used), out, nbrs.fallback,
                         tuple(facts.loc[~have, "zone_id"]), permutations, seed, alpha)


CLUSTER_LABELS = {
    "nb": ("Høy blant høye (HH)", "Lav blant lave (LL)", "Høy blant lave (HL)", "Lav blant høye (LH)",
           "Ikke signifikant"),
    "en": ("High among high (HH)", "Low among low (LL)", "High among low (HL)", "Low among high (LH)",
           "Not significant"),
}


def cluster_categories(result: HotspotResult, zone_ids) -> Categories:
    """Map classes of a :class:`HotspotResult` over all ``zone_ids`` (zones not analysed: no data)."""
    by_zone = dict(zip(result.zones["zone_id"], result.zones["cluster"], strict=True))
    index = {c: i for i, c in enumerate(CLUSTERS)}
    classes = pd.Series([index[by_zone[z]] if z in by_zone else -1 for z in zone_ids],
                        index=[str(z) for z in zone_ids])
    return Categories(classes, CLUSTER_COLOURS, {k: list(v) for k, v in CLUSTER_LABELS.items()})
