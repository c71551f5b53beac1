"""City and district benchmarks, and ranks, computed from zone values.

Shares are aggregated population-weighted — sum of numerators over sum of denominators — never as a
plain mean of zone shares: a zone of 40 children must not weigh as much as one of 4 000.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.data.catalog import Indicator

AGG_COLUMNS = ["value", "numerator", "denominator", "n_zones", "n_used", "method"]


def _numerators(frame: pd.DataFrame, indicator: Indicator) -> pd.Series:
    """Numerators, estimated as value × denominator where only the share was published."""
    est = frame["value"] / indicator.scale * frame["denominator"]
    return frame["numerator"].where(frame["numerator"].notna(), est)


def _aggregate_one(frame: pd.DataFrame, indicator: Indicator) -> dict:
    usable = frame[frame["status"] != "suppressed"] if indicator.aggregation == "mean" else frame
    n_zones = len(frame)
    if indicator.aggregation == "sum":
        vals = frame["value"].dropna()
        return {"value": float(vals.sum()) if len(vals) else np.nan, "numerator": np.nan, "denominator": np.nan,
                "n_zones": n_zones, "n_used": len(vals), "method": "sum"}
    if indicator.aggregation == "ratio":
        num = _numerators(frame, indicator)
        ok = num.notna() & frame["denominator"].notna() & (frame["denominator"] > 0)
        if ok.any():
            n, d = float(num[ok].sum()), float(frame.loc[ok, "denominator"].sum())
            return {"value": n / d * indicator.scale, "numerator": n, "denominator": d, "n_zones": n_zones,
                    "n_used": int(ok.sum()), "method": "ratio"}
    vals = usable["value"].dropna()
    if "weight" in usable.columns:
        w = usable.loc[vals.index, "weight"]
        if len(vals) and w.notna().all() and (w > 0).all():
            # No numerators (e.g. a survey share with a CI): weigh each zone by its residents instead.
            return {"value": float((vals * w).sum() / w.sum()), "numerator": np.nan, "denominator": np.nan,
                    "n_zones": n_zones, "n_used": len(vals), "method": "weighted"}
    return {"value": float(vals.mean()) if len(vals) else np.nan, "numerator": np.nan, "denominator": np.nan,
            "n_zones": n_zones, "n_used": len(vals), "method": "mean"}


def aggregate(frame: pd.DataFrame, indicator: Indicator, by: str | None = None) -> pd.DataFrame:
    """Combine zone values into one figure (or one per group).

    Parameters
    ----------
    frame : pandas.DataFrame
        Zone rows with ``value``, ``numerator``, ``denominator``, ``status`` (e.g. :meth:`Dataset.slice`),
        optionally ``weight`` (residents) for shares without numerators. Suppressed rows count in the
        sums when their numbers are known internally: suppression hides a zone's figure, not its people.
    indicator : Indicator
        Decides the method (:attr:`Indicator.aggregation`) and the scale (% → ×100).
    by : str, optional
        Column to group by (e.g. ``"district"``); rows where it is missing are left out.

    Returns
    -------
    pandas.DataFrame
        :data:`AGG_COLUMNS` (plus ``by`` as index when grouping). ``method`` is ``ratio`` (sum of
        numerators over sum of denominators), ``weighted`` (mean weighted by residents: no numerators
        known), ``sum``, or ``mean`` (unweighted: neither numerators nor residents known).
    """
    if by is None:
        return pd.DataFrame([_aggregate_one(frame, indicator)], columns=AGG_COLUMNS)
    grouped = frame.dropna(subset=[by])
    rows = _aggregate_groups_fast(grouped, indicator, by)
    for key in sorted(set(grouped[by]) - set(rows)):  # groups without counts: weighted or plain mean
        rows[key] = _aggregate_one(grouped[grouped[by] == key], indicator)
    rows = dict(sorted(rows.items()))
    return pd.DataFrame.from_dict(rows, orient="index", columns=AGG_COLUMNS).rename_axis(by)


def reference(frame: pd.DataFrame, indicator: Indicator, by: str | None = None) -> pd.DataFrame:
    """The figure each zone is compared with: the whole area's for shares, the median zone's for counts.

    A count's whole-area figure is the sum over all zones (a city of 200 000 residents), which no single
    zone can be compared with; the typical zone can. Shares and means use :func:`aggregate` unchanged.

    Parameters
    ----------
    frame : pandas.DataFrame
        As for :func:`aggregate`. For counts pass the rows the user may see (after suppression): the
        median of an odd number of zones *is* one zone's value.
    indicator : Indicator
        Counts are ``aggregation == "sum"``.
    by : str, optional
        Column to group by (e.g. ``"district"``: the district's median zone).

    Returns
    -------
    pandas.DataFrame
        :data:`AGG_COLUMNS`; for counts ``method`` is ``median``, ``n_used`` the zones with a value.
    """
    if indicator.aggregation != "sum":
        return aggregate(frame, indicator, by)

    def median_row(part: pd.DataFrame) -> dict:
        vals = part["value"].dropna()
        return {"value": float(vals.median()) if len(vals) else np.nan, "numerator": np.nan, "denominator": np.nan,
                "n_zones": len(part), "n_used": len(vals), "method": "median"}

    if by is None:
        return pd.DataFrame([median_row(frame)], columns=AGG_COLUMNS)
    grouped = frame.dropna(subset=[by])
    rows = {key: median_row(part) for key, part in grouped.groupby(by, sort=True)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=AGG_COLUMNS).rename_axis(by)


def _aggregate_groups_fast(frame: pd.DataFrame, indicator: Indicator, by: str) -> dict:
    """The ``ratio`` and ``sum`` groups of :func:`aggregate`, computed with one groupby instead of one
    :func:`_aggregate_one` per group (the same arithmetic; a year × district table has dozens of groups).

    Groups whose ratio has no usable count are left out, for :func:`_aggregate_one` to do.
    """
    if frame.empty or indicator.aggregation not in ("ratio", "sum"):
        return {}
    keys = frame[by].to_numpy()
    if indicator.aggregation == "sum":
        vals = frame["value"].to_numpy(dtype="float64")
        sums = pd.DataFrame({"value": np.nan_to_num(vals), "used": ~np.isnan(vals), "one": 1}).groupby(keys).sum()
        return {k: {"value": float(v) if u else np.nan, "numerator": np.nan, "denominator": np.nan,
                    "n_zones": int(n), "n_used": int(u), "method": "sum"}
                for k, v, u, n in zip(sums.index, sums["value"], sums["used"], sums["one"], strict=True)}
    num = _numerators(frame, indicator).to_numpy(dtype="float64")
    den = frame["denominator"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        ok = ~np.isnan(num) & ~np.isnan(den) & (den > 0)
    sums = pd.DataFrame({"num": np.where(ok, num, 0.0), "den": np.where(ok, den, 0.0), "ok": ok, "one": 1}) \
        .groupby(keys).sum()
    return {k: {"value": n / d * indicator.scale, "numerator": float(n), "denominator": float(d),
                "n_zones": int(z), "n_used": int(u), "method": "ratio"}
            for k, n, d, u, z in zip(sums.index, sums["num"], sums["den"], sums["ok"], sums["one"], strict=True)
            if u > 0}


def ranks(values: pd.Series, indicator: Indicator) -> pd.Series:
    """Rank zones worst first (1 = worst); missing values get no rank.

    For ``higher_is_worse`` the highest value ranks 1, for ``higher_is_better`` the lowest; a neutral
    indicator ranks the highest value first. Ties share the best (lowest) rank.
    """
    descending = indicator.direction != "higher_is_better"
    return values.rank(ascending=not descending, method="min").astype("Int64")


FACT_COLUMNS = ["zone_id", "name", "district", "value", "numerator", "denominator", "ci_low", "ci_high", "status",
                "source", "rank", "n_ranked", "city_value", "district_value", "benchmark_method"]


def resident_weights(dataset, year: int, zone_ids: pd.Series) -> pd.Series:
    """Residents per zone from the ``population`` indicator, in ``year`` or the nearest year with it.

    Returns NaN weights when the dataset has no population figures (the caller then falls back to an
    unweighted mean and says so).
    """
    pop = dataset.values[dataset.values["indicator"] == "population"]
    if pop.empty:
        return pd.Series(np.nan, index=zone_ids.index)
    years = pop["year"].unique()
    nearest = int(years[np.argmin(np.abs(years - year))])
    by_zone = pop[pop["year"] == nearest].set_index("zone_id")["value"]
    return zone_ids.map(by_zone).astype("float64")


def zone_facts(dataset, indicator_id: str, year: int, *, public: bool = True) -> pd.DataFrame:
    """Everything a tooltip, side panel or table says about each zone for one indicator and year.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    indicator_id : str
        Indicator id; must be in the dataset.
    year : int
        Year; must have values for the indicator.
    public : bool
        Apply small-count suppression (:mod:`geo.privacy`) to the zone rows. City and district figures
        are computed from the rows the dataset holds: all of them internally, the visible ones only in a
        dataset opened for the public (:func:`geo.privacy.for_output`).

    Returns
    -------
    pandas.DataFrame
        One row per zone (zone order) with :data:`FACT_COLUMNS`: the value columns, ``rank`` (1 = worst
        among zones with a visible value), ``n_ranked``, and the city and district benchmark of the same
        indicator and year (:func:`reference`: for counts the median zone of the visible values), with
        ``benchmark_method`` (``ratio``, ``weighted``, ``median`` or ``mean`` = unweighted).
    """
    from geo.privacy import suppress

    indicator = dataset.indicator(indicator_id)
    s = dataset.slice(indicator_id, year)
    s["weight"] = resident_weights(dataset, year, s["zone_id"])
    visible = suppress(s, indicator=indicator) if public else s
    # Shares come from every row (suppression hides a zone, not its people); a median zone must be a visible one.
    basis = visible if indicator.aggregation == "sum" else s
    city_row = reference(basis, indicator).iloc[0]
    city = city_row["value"]
    by_district = reference(basis, indicator, by="district")["value"]
    s = visible
    s["rank"] = ranks(s["value"], indicator)
    s["n_ranked"] = int(s["rank"].notna().sum())
    s["city_value"] = city
    s["district_value"] = s["district"].map(by_district).astype("float64")
    s["benchmark_method"] = city_row["method"]
    return s[FACT_COLUMNS]
