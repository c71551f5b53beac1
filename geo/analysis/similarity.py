"""Zones like this one: the nearest zones on a chosen set of indicators.

Method, stated so it can be checked:

1. Features are (indicator, year) pairs — one year for a profile, the years before a start year for an
   initiative's comparison group. Values are the ones the public sees (suppressed zones are missing).
2. Each feature is standardised across the zones (z-score: minus the mean, over the population
   standard deviation), so no indicator weighs more because of its unit, and rescaling an indicator
   (per cent → per mille) changes nothing. Features with fewer than two values or no spread are dropped.
3. Distance = Euclidean distance over the features both zones have, scaled up by √(p / p_shared)
   (p = the target's features, p_shared = those the other zone also has), so a zone with gaps is not
   made to look closer by its gaps. Zones sharing fewer than ``min_shared`` features (default: half of
   the target's, at least one) are left out rather than guessed.
4. A zone is its own nearest neighbour at distance 0; it is then left out of the list.

A set (several zones) is compared through its aggregate (:func:`~geo.analysis.zonesets.aggregate_set`),
standardised with the zones' mean and spread; its own zones — and with ``exclude_neighbours`` the zones
touching them, so spill-over cannot hide an effect — are not candidates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from geo.analysis.zonesets import aggregate_set, known_zone_ids
from geo.privacy import suppress

#: Features within this many standard deviations count as "similar on".
SIMILAR_Z = 0.5
#: Features at least this many standard deviations apart count as "different on".
DIFFERENT_Z = 1.0
SIMILAR_COLUMNS = ["zone_id", "name", "distance", "n_shared", "similar_on", "different_on"]


def _years(year) -> list[int]:
    return [int(year)] if isinstance(year, (int, np.integer)) else [int(y) for y in year]


def feature_matrix(dataset, indicator_ids: Iterable[str], years, *, public: bool = True) -> pd.DataFrame:
    """Zone values per (indicator, year): index ``zone_id``, columns a MultiIndex (indicator, year).

    Pairs without values in the dataset are skipped (an indicator missing one of the years is fine).
    """
    columns = {}
    for ind in indicator_ids:
        have = set(dataset.years(ind))
        for y in _years(years):
            if y in have:
                s = dataset.slice(ind, y)
                if public:
                    s = suppress(s)
                columns[(ind, y)] = s.set_index("zone_id")["value"].astype("float64")
    frame = pd.DataFrame(columns, index=pd.Index(dataset.zones["zone_id"], name="zone_id"))
    frame.columns = pd.MultiIndex.from_tuples(list(columns), names=["indicator", "year"])
    return frame


def standardise(matrix: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Z-scores per column; columns with fewer than two values or no spread are dropped.

    Returns
    -------
    (z, mean, sd)
        The standardised matrix and the mean and population standard deviation of each kept column.
    """
    mean = matrix.mean()
    sd = matrix.std(ddof=0)
    keep = (matrix.notna().sum() >= 2) & (sd > 0)
    return (matrix.loc[:, keep] - mean[keep]) / sd[keep], mean[keep], sd[keep]


def _distances(z: pd.DataFrame, target: pd.Series, min_shared: int | None) -> pd.DataFrame:
    t = target.dropna()
    if t.empty:
        raise ValueError("the zone (or set) has no values on the chosen indicators and years; choose others")
    p = len(t)
    need = max(1, math.ceil(p / 2)) if min_shared is None else int(min_shared)
    diff = z[t.index].sub(t, axis=1)
    shared = diff.notna().sum(axis=1)
    sq = (diff ** 2).sum(axis=1, min_count=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        dist = np.sqrt(sq * p / shared)
    out = pd.DataFrame({"distance": dist, "n_shared": shared})
    out = out[(shared >= need) & out["distance"].notna()]
    # per indicator: mean absolute difference in standard deviations over its years
    per_indicator = diff.abs().T.groupby(level="indicator", sort=False).mean().T
    out["similar_on"] = [
        [i for i, v in per_indicator.loc[zid].dropna().sort_values().items() if v <= SIMILAR_Z] for zid in out.index]
    out["different_on"] = [
        [i for i, v in per_indicator.loc[zid].dropna().sort_values(ascending=False).items() if v >= DIFFERENT_Z]
        for zid in out.index]
    return out


def _finish(dataset, out: pd.DataFrame, drop: set, k: int | None) -> pd.DataFrame:
    names = dataset.zones.set_index("zone_id")["name"]
    out = out[~out.index.isin(drop)].copy()
    out["name"] = out.index.map(names)
    out = out.rename_axis("zone_id").reset_index()
    out = out.sort_values(["distance", "zone_id"], kind="stable").reset_index(drop=True)
    out["n_shared"] = out["n_shared"].astype("int64")
    out = out[SIMILAR_COLUMNS]
    return out if k is None else out.head(int(k))


def zone_distances(dataset, zone_id: str, indicator_ids: Sequence[str], year, *, public: bool = True,
                   min_shared: int | None = None) -> pd.DataFrame:
    """Distance from ``zone_id`` to every zone with enough shared values, the zone itself included (0).

    Returns
    -------
    pandas.DataFrame
        :data:`SIMILAR_COLUMNS`, nearest first.
    """
    if zone_id not in set(dataset.zones["zone_id"]):
        raise ValueError(f"zone {zone_id!r} is not in the dataset")
    z, _, _ = standardise(feature_matrix(dataset, indicator_ids, year, public=public))
    return _finish(dataset, _distances(z, z.loc[zone_id], min_shared), set(), None)


def similar_zones(dataset, zone_id: str, indicator_ids: Sequence[str], year, k: int = 5, *, public: bool = True,
                  exclude: Iterable[str] = (), min_shared: int | None = None) -> pd.DataFrame:
    """The ``k`` zones most like ``zone_id`` (see the module docstring for the method).

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    zone_id : str
        The zone to match.
    indicator_ids : sequence of str
        What "alike" means; the user's choice.
    year : int or sequence of int
        The year(s) compared.
    k : int
        How many zones to return.
    public : bool
        Compare only the values the public sees.
    exclude : iterable of str
        Zones that may not be chosen (besides the zone itself).
    min_shared : int, optional
        Fewest shared features a zone needs to be compared at all.

    Returns
    -------
    pandas.DataFrame
        ``zone_id``, ``name``, ``distance``, ``n_shared``, ``similar_on`` and ``different_on`` (lists of
        indicator ids, closest / farthest first), nearest first, without the zone itself.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    out = zone_distances(dataset, zone_id, indicator_ids, year, public=public, min_shared=min_shared)
    return _finish(dataset, out.set_index("zone_id"), {zone_id, *exclude}, k)


def neighbours(dataset, zone_ids: Iterable[str], tolerance: float = 1.0) -> list[str]:
    """Zones touching (or within ``tolerance`` metres of) any of ``zone_ids``, the zones themselves excluded.

    The tolerance absorbs slivers between digitised boundaries that do not quite share an edge.
    """
    members = set(zone_ids)
    zones = dataset.zones
    area = zones.loc[zones["zone_id"].isin(members)].geometry.buffer(tolerance).union_all()
    hit = zones.geometry.intersects(area) & ~zones["zone_id"].isin(members)
    return list(zones.loc[hit, "zone_id"])


def similar_to_set(dataset, zone_ids: Sequence[str], indicator_ids: Sequence[str], years, k: int = 5, *,
                   public: bool = True, exclude_neighbours: bool = True, exclude: Iterable[str] = (),
                   min_shared: int | None = None) -> pd.DataFrame:
    """The ``k`` zones most like a set taken together, never its own zones (nor, by default, their neighbours).

    For an initiative's comparison group: pass the years *before* its start, so the choice does not
    depend on what happened after.

    Returns
    -------
    pandas.DataFrame
        As :func:`similar_zones`.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    members, unknown = known_zone_ids(dataset, zone_ids)
    if unknown or not members:
        raise ValueError(f"zones not in the dataset: {unknown}" if unknown else "the set has no zones")
    matrix = feature_matrix(dataset, indicator_ids, years, public=public)
    z, mean, sd = standardise(matrix)
    target = pd.Series({col: aggregate_set(dataset, col[0], col[1], members, public=public)["value"]
                        for col in z.columns}, dtype="float64")
    target.index = z.columns
    target = (target - mean) / sd
    drop = set(members) | set(exclude)
    if exclude_neighbours:
        drop |= set(neighbours(dataset, members))
    return _finish(dataset, _distances(z, target, min_shared), drop, k)
