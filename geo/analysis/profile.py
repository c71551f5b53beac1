"""One zone (or one zone set) whole: every indicator, where it lies among the zones, and its trend.

:func:`area_profile` gives one row per indicator with the fields of the report's JSON (``id``, ``value``,
``numerator``, ``denominator``, ``rank``, ``n_ranked``, ``city_value``, ``district_value``, ``ci_low``,
``ci_high``, ``vs_city``, ``status``, ``source``) plus what a spine chart and a summary need: label,
unit, direction, year, the percentile of the value among the zones, and the five-number summary
(``min``, ``q1``, ``median``, ``q3``, ``max``) of the zone values the public sees (suppressed zones are
not part of the distribution).

Spine chart convention (Fingertips, Public Health England): the bar runs from the worst zone on the
LEFT to the best zone on the RIGHT for every indicator, whatever its direction, so "worse" is always
on the same side. :func:`spine_position` maps a value to that scale (0 = worst end, 1 = best end);
neutral indicators run from the lowest value (left) to the highest (right).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.compare import Area, area_figures, indicator_years, resolve_area
from geo.analysis.stats import vs_reference
from geo.analysis.zonesets import finish_aggregate
from geo.benchmarks import aggregate, zone_facts
from geo.privacy import suppress

#: The indicator fields of the report's JSON, in order.
JSON_FIELDS = ["id", "value", "numerator", "denominator", "rank", "n_ranked", "city_value", "district_value",
               "ci_low", "ci_high", "vs_city", "status", "source"]
#: The distribution of the zone values (for the spine chart).
DISTRIBUTION_FIELDS = ["min", "q1", "median", "q3", "max"]
PROFILE_COLUMNS = JSON_FIELDS + ["label", "label_nb", "label_en", "column_name", "kind", "unit", "direction", "decimals", "year", "percentile", "tied",
                                 *DISTRIBUTION_FIELDS, "test", "pct_of_city", "method", "city_method", "n_zones", "n_used"]
#: Columns of :func:`trend_series`.
TREND_COLUMNS = ["year", "value", "numerator", "denominator", "ci_low", "ci_high", "vs_city", "status",
                 "city_value", "district_value"]


def distribution(values) -> dict[str, float]:
    """Five-number summary (min, quartiles, max) of the non-missing ``values`` (NaN when none)."""
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy(dtype="float64")
    if not len(v):
        return dict.fromkeys(DISTRIBUTION_FIELDS, np.nan)
    q = np.quantile(v, [0.0, 0.25, 0.5, 0.75, 1.0])
    return dict(zip(DISTRIBUTION_FIELDS, (float(x) for x in q)))


def percentile(value: float, values) -> float:
    """Mid-rank percentile of ``value`` among ``values`` (0–100; ties count half; NaN when unknown).

    In value terms (a high percentile = a high value, whatever the indicator's direction); the spine
    chart, not the percentile, puts "worse" on one side.
    """
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy(dtype="float64")
    if value is None or pd.isna(value) or not len(v):
        return np.nan
    below = float((v < value).sum())
    equal = float((v == value).sum())
    return 100.0 * (below + 0.5 * equal) / len(v)


def spine_position(value: float, vmin: float, vmax: float, direction: str) -> float:
    """Where ``value`` lies on a spine chart: 0 = the worst end (left), 1 = the best end (right).

    Parameters
    ----------
    value : float
        The value to place.
    vmin, vmax : float
        The lowest and highest zone values.
    direction : str
        ``higher_is_worse`` (the highest value is at 0), ``higher_is_better`` (the lowest value is at
        0) or ``neutral`` (lowest at 0, highest at 1, nothing is worse).

    Returns
    -------
    float
        In [0, 1]; 0.5 when all zones have the same value; NaN when anything is missing.
    """
    if any(x is None or pd.isna(x) for x in (value, vmin, vmax)):
        return np.nan
    if vmax <= vmin:
        return 0.5
    share = (float(value) - vmin) / (vmax - vmin)
    pos = 1.0 - share if direction == "higher_is_worse" else share
    return float(min(1.0, max(0.0, pos)))


def spine_positions(row) -> dict[str, float]:
    """Spine-chart positions (0 = worst end) of a profile row's distribution, city value and value.

    Returns
    -------
    dict
        ``worst``, ``q_worse``, ``median``, ``q_better``, ``best`` (the bar and the interquartile band, in
        left-to-right order), ``city`` and ``value``.
    """
    lo, hi, d = row["min"], row["max"], row["direction"]
    q_low, q_high = spine_position(row["q1"], lo, hi, d), spine_position(row["q3"], lo, hi, d)
    return {
        "worst": 0.0 if pd.notna(lo) else np.nan,
        "q_worse": min(q_low, q_high),
        "median": spine_position(row["median"], lo, hi, d),
        "q_better": max(q_low, q_high),
        "best": 1.0 if pd.notna(lo) else np.nan,
        "city": spine_position(row["city_value"], lo, hi, d),
        "value": spine_position(row["value"], lo, hi, d),
    }


def area_profile(dataset, area, year: int | None = None, *, public: bool = True, exact: bool = True,
                 lang: str = "nb") -> pd.DataFrame:
    """Every indicator of one zone or zone set in ``year``.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    area : str, list of str, ZoneSet or Area
        A zone id or name, several zones (one aggregated area), or a zone set.
    year : int, optional
        The year; default the latest year with any values.
    public : bool
        Apply small-count suppression.
    exact : bool
        Only indicators with values in ``year`` (default), or also their latest earlier year (the
        ``year`` column says which), as in :func:`geo.analysis.compare.indicator_years`.
    lang : str
        Language of the labels.

    Returns
    -------
    pandas.DataFrame
        One row per indicator (catalogue order), columns :data:`PROFILE_COLUMNS`; ``rank``,
        ``n_ranked``, ``district_value`` and ``tied`` (another zone has the same value) only for a
        single zone; ``column_name`` is the area's name, ``kind`` ``zone`` or ``set``. A set's counts
        (aggregation ``sum``) get no percentile and no distribution: a sum of zones is not comparable
        with one zone.
    """
    a = resolve_area(dataset, area, lang)
    if year is None:
        year = max(dataset.years()) if len(dataset.values) else None
    rows = []
    for ind, y in ({} if year is None else indicator_years(dataset, int(year), exact=exact)).items():
        facts = zone_facts(dataset, ind, y, public=public)
        fig = area_figures(dataset, a, ind, y, public=public, facts=facts, lang=lang)
        visible = facts["value"].dropna()
        tied = None
        if a.kind == "zone" and pd.notna(fig["value"]):
            tied = bool((visible == fig["value"]).sum() > 1)
        indicator = dataset.indicator(ind)
        # A set's count (e.g. its population) is a sum of zones: it has no place among single zones.
        placed = not (a.kind == "set" and indicator.aggregation == "sum")
        rows.append({**fig, "id": ind, "decimals": indicator.decimals, "label_nb": indicator.label("nb"),
                     "label_en": indicator.label("en"),
                     "percentile": percentile(fig["value"], visible) if placed else np.nan, "tied": tied,
                     **distribution(visible if placed else [])})
    out = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    out["rank"] = out["rank"].astype("Int64")
    out["n_ranked"] = out["n_ranked"].astype("Int64")
    return out


def yearly_zone_values(dataset, indicator_id: str) -> pd.DataFrame:
    """Every zone × every year of ``indicator_id`` (zones without a row: status missing), with residents.

    The multi-year equivalent of :meth:`geo.data.dataset.Dataset.slice`, plus the ``weight`` column that
    :func:`geo.benchmarks.resident_weights` gives for each year.
    """
    dataset.check_choice(indicator_id)
    v = dataset.values[dataset.values["indicator"] == indicator_id].drop(columns=["indicator"])
    zones = pd.DataFrame(dataset.zones[["zone_id", "name", "district"]])
    years = dataset.years(indicator_id)
    grid = zones.merge(pd.DataFrame({"year": years}), how="cross").merge(v, on=["zone_id", "year"], how="left")
    grid["status"] = grid["status"].fillna("missing")
    grid["source"] = grid["source"].fillna("")
    pop = dataset.values[dataset.values["indicator"] == "population"]
    grid["weight"] = np.nan
    if len(pop):
        # resident_weights' rule (the population of the nearest year with one), for all years in one lookup
        pop_years = np.array(sorted(pop["year"].unique()))
        nearest = {y: int(pop_years[np.argmin(np.abs(pop_years - y))]) for y in years}
        by_key = pop.set_index(["zone_id", "year"])["value"]
        keys = pd.MultiIndex.from_arrays([grid["zone_id"], grid["year"].map(nearest)])
        grid["weight"] = by_key.reindex(keys).to_numpy(dtype="float64")
    return grid


def trend_series(dataset, area, indicator_id: str, *, public: bool = True, lang: str = "nb") -> pd.DataFrame:
    """One area's yearly figures for one indicator, with the city's (and the district's, for a zone).

    Every calendar year from the indicator's first to its last year is a row; years without values
    (e.g. between two surveys) and suppressed years keep NaN values, so a chart draws a gap there, never
    an interpolated line. The figures are those of :func:`geo.analysis.compare.area_figures` for each
    year (same aggregation, suppression and test), computed for all years at once.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    area : str, list of str, ZoneSet or Area
        As in :func:`area_profile`.
    indicator_id : str
        The indicator.
    public : bool
        Apply small-count suppression.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TREND_COLUMNS`, one row per year, ascending.
    """
    a: Area = resolve_area(dataset, area, lang)
    indicator = dataset.indicator(indicator_id)
    grid = yearly_zone_values(dataset, indicator_id)
    city = aggregate(grid, indicator, by="year")["value"]
    if a.kind == "zone":
        rows = grid[grid["zone_id"] == a.id].set_index("year")
        if public:
            rows = suppress(rows)
        verdict = vs_reference(rows, rows.index.map(city).to_numpy(dtype="float64"), scale=indicator.scale,
                               direction=indicator.direction)
        out = rows[["value", "numerator", "denominator", "status"]].join(verdict.rename(columns={"vs": "vs_city"}))
        district = grid[grid["district"] == a.district] if a.district else grid.iloc[0:0]
        out["district_value"] = out.index.map(aggregate(district, indicator, by="year")["value"]) \
            if len(district) else np.nan
    else:
        members = grid[grid["zone_id"].isin(set(a.zone_ids))]
        agg = aggregate(members, indicator, by="year")
        rows = {y: finish_aggregate(r.to_dict(), indicator, public=public) for y, r in agg.iterrows()}
        out = pd.DataFrame.from_dict(rows, orient="index")
        out["vs_city"] = [
            vs_reference(pd.DataFrame([r]), city[y], scale=indicator.scale, direction=indicator.direction)["vs"].iloc[0]
            if r["test"] is not None else None for y, r in rows.items()]
        out["district_value"] = np.nan
    out["city_value"] = out.index.map(city)
    years = dataset.years(indicator_id)
    out = out.reindex(range(years[0], years[-1] + 1)).rename_axis("year").reset_index()
    out["status"] = out["status"].fillna("missing")
    out["vs_city"] = out["vs_city"].astype(object).where(out["vs_city"].notna(), None)
    for c in ("value", "numerator", "denominator", "ci_low", "ci_high", "city_value", "district_value"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    out["year"] = out["year"].astype("int64")
    return out[TREND_COLUMNS]
