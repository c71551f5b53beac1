"""Zones and zone sets side by side: one long table of every indicator of a year.

A *column* of a comparison is a single zone (given by id or name) or a :class:`~geo.analysis.zonesets.ZoneSet`
(aggregated into one area with :func:`~geo.analysis.zonesets.aggregate_set`). Every figure carries what
the page, the download and the report need to show it honestly: rank of N (single zones only,
direction-aware, 1 = worst, ties share a rank, hidden values are not ranked), city and district figures,
the 95 % interval and the name of the test against the city (:func:`geo.analysis.stats.vs_reference`),
"% of city level", status and source.

Which years: by default only indicators with values in exactly the requested year are compared
(``exact=True``), so every number in a column is of the same year. With ``exact=False`` an indicator
without values in that year uses its latest earlier year (surveys run every few years) and the
``year`` column says which; indicators whose first year is after the requested one are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from geo.analysis.stats import vs_reference
from geo.analysis.zonesets import ZoneSet, aggregate_set, resolve_zone, user_set
from geo.benchmarks import aggregate, zone_facts

#: Separator of a set's member sources in its ``source`` cell (sources themselves may contain "; ").
SOURCE_JOIN = " | "
#: Columns of :func:`comparison_table`, in order.
COMPARISON_COLUMNS = [
    "column_id", "column_name", "kind", "indicator", "label", "year", "value", "numerator", "denominator", "unit",
    "direction", "rank", "n_ranked", "city_value", "district_value", "ci_low", "ci_high", "test", "vs_city",
    "pct_of_city", "status", "source", "method", "city_method", "n_zones", "n_used", "zone_ids",
]


@dataclass(frozen=True)
class Area:
    """What a comparison column or a profile is about: one zone, or several zones taken together.

    Parameters
    ----------
    id : str
        Zone id (kind ``zone``) or set id (kind ``set``).
    name : str
        Display name.
    kind : str
        ``zone`` or ``set``.
    zone_ids : tuple of str
        The member zones (one for a zone).
    district : str or None
        The zone's district (single zones only).
    source : str
        Where a predefined set comes from (empty otherwise).
    """

    id: str
    name: str
    kind: str
    zone_ids: tuple[str, ...]
    district: str | None = None
    source: str = ""


def resolve_area(dataset, spec, lang: str = "nb") -> Area:
    """An :class:`Area` from a zone id or name, a list of zones, or a :class:`ZoneSet`.

    A list of one zone is that zone; a list of several is a user's set. Unknown zones raise
    :class:`~geo.errors.UnknownChoiceError` listing the closest names (via
    :func:`~geo.analysis.zonesets.resolve_zone`).
    """
    if isinstance(spec, Area):
        return spec
    if isinstance(spec, ZoneSet):
        if not spec.zone_ids:
            raise ValueError(f"zone set {spec.id!r} has no zones in this dataset")
        return Area(spec.id, spec.name(lang), "set", tuple(spec.zone_ids), source=spec.source)
    if isinstance(spec, str):
        spec = [spec]
    ids = [resolve_zone(dataset, str(token)) for token in spec]
    if not ids:
        raise ValueError("no zone given: name at least one zone or a zone set")
    if len(set(ids)) == 1:
        zid = ids[0]
        row = dataset.zones.loc[dataset.zones["zone_id"] == zid].iloc[0]
        district = row["district"] if isinstance(row["district"], str) and row["district"] else None
        return Area(zid, str(row["name"]), "zone", (zid,), district=district)
    s = user_set(dataset, ids)
    return Area(",".join(s.zone_ids), s.name(lang), "set", s.zone_ids)


def indicator_years(dataset, year: int, *, exact: bool = True, indicators: Iterable[str] | None = None) -> dict[str, int]:
    """The year to use per indicator for a table of ``year`` (see the module docstring).

    Returns
    -------
    dict
        indicator id → year, in catalogue order; indicators without a usable year are left out.
    """
    wanted = dataset.indicator_ids if indicators is None else [i for i in dataset.indicator_ids if i in set(indicators)]
    out: dict[str, int] = {}
    for ind in wanted:
        years = dataset.years(ind)
        if year in years:
            out[ind] = int(year)
        elif not exact:
            earlier = [y for y in years if y < year]
            if earlier:
                out[ind] = int(earlier[-1])
    return out


def area_figures(dataset, area: Area, indicator_id: str, year: int, *, public: bool = True,
                 facts: pd.DataFrame | None = None, lang: str = "nb") -> dict:
    """Every figure of one area for one indicator and year (one row of :func:`comparison_table`).

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    area : Area
        From :func:`resolve_area`.
    indicator_id, year
        What to show.
    public : bool
        Hide small counts (zones via :func:`geo.privacy.suppress`, sets via
        :func:`~geo.analysis.zonesets.aggregate_set`).
    facts : pandas.DataFrame, optional
        :func:`geo.benchmarks.zone_facts` of this indicator and year, when the caller has it already.
    lang : str
        Language of the indicator label.
    """
    indicator = dataset.indicator(indicator_id)
    if facts is None:
        facts = zone_facts(dataset, indicator_id, year, public=public)
    city = float(facts["city_value"].iloc[0]) if len(facts) else np.nan
    city_method = facts["benchmark_method"].iloc[0] if len(facts) else None
    if area.kind != "zone" and indicator.aggregation == "sum":
        # A zone's count is compared with the median zone (zone_facts); a set's sum with the whole area's.
        total = aggregate(dataset.slice(indicator_id, year), indicator).iloc[0]
        city, city_method = float(total["value"]), total["method"]
    row = {"column_id": area.id, "column_name": area.name, "kind": area.kind, "indicator": indicator_id,
           "label": indicator.label(lang), "year": int(year), "unit": indicator.unit,
           "direction": indicator.direction, "city_value": city, "city_method": city_method,
           "n_zones": len(area.zone_ids), "zone_ids": ",".join(area.zone_ids)}
    if area.kind == "zone":
        z = facts.loc[facts["zone_id"] == area.id]
        if z.empty:
            raise ValueError(f"zone {area.id!r} is not in the dataset")
        verdict = vs_reference(z, city, scale=indicator.scale, direction=indicator.direction).iloc[0]
        z = z.iloc[0]
        rank = z["rank"]
        row.update(value=z["value"], numerator=z["numerator"], denominator=z["denominator"],
                   rank=None if pd.isna(rank) else int(rank), n_ranked=int(z["n_ranked"]),
                   district_value=z["district_value"], ci_low=verdict["ci_low"], ci_high=verdict["ci_high"],
                   test=_none(verdict["test"]), vs_city=_none(verdict["vs"]), status=z["status"], source=z["source"],
                   method=None, n_used=int(pd.notna(z["value"])))
    else:
        agg = aggregate_set(dataset, indicator_id, year, area.zone_ids, public=public)
        members = facts.loc[facts["zone_id"].isin(set(area.zone_ids)), "source"]
        sources = list(dict.fromkeys(s for s in members if isinstance(s, str) and s))
        verdict = None
        if agg["test"] is not None:
            verdict = vs_reference(pd.DataFrame([agg]), city, scale=indicator.scale,
                                   direction=indicator.direction)["vs"].iloc[0]
        row.update(value=agg["value"], numerator=agg["numerator"], denominator=agg["denominator"], rank=None,
                   n_ranked=None, district_value=np.nan, ci_low=agg["ci_low"], ci_high=agg["ci_high"],
                   test=agg["test"], vs_city=verdict, status=agg["status"], source=SOURCE_JOIN.join(sources),
                   method=agg["method"], n_used=agg["n_used"])
    for key in ("value", "numerator", "denominator", "ci_low", "ci_high", "district_value"):
        row[key] = float(row[key]) if row[key] is not None and pd.notna(row[key]) else np.nan
    row["pct_of_city"] = pct_of_city(row["value"], city)
    return row


def _none(x):
    """None for a missing marker (pandas turns None into NaN in object columns)."""
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else x


def pct_of_city(value: float, city: float) -> float:
    """``value`` as a percentage of the city level (NaN when either is missing or the city is 0)."""
    if value is None or city is None or pd.isna(value) or pd.isna(city) or city == 0:
        return np.nan
    return float(value) / float(city) * 100.0


def comparison_table(dataset, columns: Sequence, year: int, *, public: bool = True, exact: bool = True,
                     indicators: Iterable[str] | None = None, lang: str = "nb") -> pd.DataFrame:
    """Compare zones and/or zone sets on every indicator of ``year``.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    columns : sequence
        Zone ids or names (each one column) and/or :class:`~geo.analysis.zonesets.ZoneSet` objects (each
        aggregated into one column); a list of zone ids inside ``columns`` is a user's set.
    year : int
        The year (see the module docstring for ``exact``).
    public : bool
        Apply small-count suppression (the default; the public never sees small counts).
    exact : bool
        Only indicators with values in ``year`` (True) or also their latest earlier year (False).
    indicators : iterable of str, optional
        Restrict to these indicator ids (catalogue order is kept).
    lang : str
        Language of names and labels.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per (column, indicator), columns :data:`COMPARISON_COLUMNS`: ``kind`` is
        ``zone`` or ``set``; ``rank``/``n_ranked``/``district_value`` only for zones; ``method`` is the
        aggregation of a set (``ratio``, ``weighted``, ``sum``, ``mean``); ``n_used`` of ``n_zones``
        zones have a figure in it (say so when fewer than all); ``zone_ids`` the column's zones
        (comma-separated); a repeated column id gets a ``~2``, ``~3`` … suffix; ``test`` is ``wilson``,
        ``published_ci`` or None; ``vs_city`` ``worse``/``similar``/``better``/None.

    Raises
    ------
    ValueError
        When no column is given.
    geo.errors.UnknownChoiceError
        For an unknown zone (the message lists close matches).
    """
    if not columns:
        raise ValueError("comparison_table: give at least one zone or zone set as a column")
    areas = [resolve_area(dataset, c, lang) for c in columns]
    seen: dict[str, int] = {}
    for i, a in enumerate(areas):
        # two columns with the same id (e.g. two user sets, both "user") must stay apart in a long table
        seen[a.id] = seen.get(a.id, 0) + 1
        if seen[a.id] > 1:
            areas[i] = replace(a, id=f"{a.id}~{seen[a.id]}")
    rows = []
    for ind, y in indicator_years(dataset, year, exact=exact, indicators=indicators).items():
        facts = zone_facts(dataset, ind, y, public=public)
        rows.extend(area_figures(dataset, a, ind, y, public=public, facts=facts, lang=lang) for a in areas)
    out = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    out["rank"] = out["rank"].astype("Int64")
    out["n_ranked"] = out["n_ranked"].astype("Int64")
    return out
