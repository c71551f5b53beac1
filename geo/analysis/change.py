"""Change over time: each zone's change between two years, and trend series with their intervals.

A change is given as the absolute difference (percentage points for shares) and as the relative
difference (% of the first year's value). It is *direction-aware*: ``worse`` is the change turned so
that a positive number is always a change for the worse (a rise of a ``higher_is_worse`` indicator, a
fall of a ``higher_is_better`` one); neutral indicators have no worse side.

A change is *smaller than its uncertainty* when its absolute size is below the half-width of the
difference's 95 % interval, taken as ``sqrt(h1² + h2²)`` from the half-widths ``h`` of the two years'
intervals (:func:`geo.analysis.stats.interval_for`: Wilson for shares with counts, the published
interval for surveys). This treats the two years as independent samples, which overstates the
uncertainty of a register count a little (the same people are counted twice) and so errs on the side
of not calling a change. Without an interval in either year nothing is said about uncertainty.

Values enter through :func:`geo.benchmarks.zone_facts` in public mode: suppressed figures are missing,
so a zone with a suppressed year shows as "no data" on the change map.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.categories import Categories
from geo.analysis.stats import interval_for, wilson_interval
from geo.analysis.zonesets import ALL_ID, DISTRICT_PREFIX, aggregate_set, find_set, zone_name
from geo.benchmarks import zone_facts
from geo.data.catalog import Indicator
from geo.errors import LevekarError

CHANGE_COLUMNS = ["zone_id", "name", "district", "value_from", "value_to", "change", "relative", "worse",
                  "uncertainty", "small", "status_from", "status_to"]
#: ColorBrewer RdBu (colour-blind safe), best → worst: blue = better, red = worse.
DIVERGING_DIRECTED = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")
#: ColorBrewer PuOr (colour-blind safe) for neutral indicators, biggest fall → biggest rise.
DIVERGING_NEUTRAL = ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788")
MEASURES = ("absolute", "relative")


def direction_sign(indicator: Indicator) -> int:
    """+1 when higher is worse, −1 when higher is better, 0 for a neutral indicator."""
    return {"higher_is_worse": 1, "higher_is_better": -1}.get(indicator.direction, 0)


def change_unit(indicator: Indicator, measure: str = "absolute") -> str:
    """Unit of a change: ``pp`` (percentage points) for shares, ``%`` for relative change."""
    if measure == "relative":
        return "%"
    return "pp" if indicator.is_share else ("" if indicator.unit == "count" else indicator.unit)


def check_years(dataset, indicator_id: str, year_from: int, year_to: int) -> None:
    """Raise a clear error unless both years exist for the indicator and differ.

    Raises
    ------
    LevekarError
        Fewer than two years, equal years, or a year without values.
    """
    years = dataset.years(indicator_id)
    if len(years) < 2:
        raise LevekarError(f"{indicator_id}: only {len(years)} year(s) with values ({years}); a change needs two")
    if year_from == year_to:
        raise LevekarError(f"{indicator_id}: choose two different years (got {year_from} twice)")
    for y in (year_from, year_to):
        dataset.check_choice(indicator_id, y)


def change_frame(dataset, indicator_id: str, year_from: int, year_to: int) -> pd.DataFrame:
    """Each zone's change from ``year_from`` to ``year_to`` (public figures: suppressed = missing).

    Returns
    -------
    pandas.DataFrame
        :data:`CHANGE_COLUMNS`, one row per zone in zone order. ``change`` is ``to − from`` in the
        value's unit (percentage points for shares), ``relative`` the change in % of ``value_from``
        (NaN when it is 0), ``worse`` the change signed so that > 0 is worse (NaN for neutral
        indicators), ``uncertainty`` the half-width of the change's 95 % interval (NaN when either year
        has no interval) and ``small`` whether ``|change| < uncertainty`` (``<NA>`` when unknown).
    """
    check_years(dataset, indicator_id, year_from, year_to)
    indicator = dataset.indicator(indicator_id)
    a = zone_facts(dataset, indicator_id, year_from)
    b = zone_facts(dataset, indicator_id, year_to).set_index("zone_id").reindex(a["zone_id"]).reset_index()
    lo_a, hi_a, _ = interval_for(a, indicator.scale)
    lo_b, hi_b, _ = interval_for(b, indicator.scale)
    out = a[["zone_id", "name", "district"]].copy()
    out["value_from"] = a["value"].to_numpy()
    out["value_to"] = b["value"].to_numpy()
    out["change"] = out["value_to"] - out["value_from"]
    with np.errstate(divide="ignore", invalid="ignore"):
        base = out["value_from"].where(out["value_from"] != 0)
        out["relative"] = out["change"] / base.abs() * 100
    sign = direction_sign(indicator)
    out["worse"] = out["change"] * sign if sign else np.nan
    half = np.sqrt(((hi_a - lo_a).to_numpy() / 2) ** 2 + ((hi_b - lo_b).to_numpy() / 2) ** 2)
    out["uncertainty"] = half
    small = pd.Series(pd.NA, index=out.index, dtype="boolean")
    known = out["change"].notna() & np.isfinite(half)
    small[known] = out.loc[known, "change"].abs() < out.loc[known, "uncertainty"]
    out["small"] = small
    out["status_from"] = a["status"].to_numpy()
    out["status_to"] = b["status"].to_numpy()
    return out[CHANGE_COLUMNS]


def _fmt_signed(indicator: Indicator, value: float, unit: str, lang: str) -> str:
    decimals = max(indicator.decimals, 1) if unit in ("pp", "%") else indicator.decimals
    text = f"{abs(value):,.{decimals}f}"
    if lang != "en":
        text = text.replace(",", "\u00a0").replace(".", ",")
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{text} {unit}".rstrip()


def format_change(indicator: Indicator, value: float, measure: str = "absolute", lang: str = "nb") -> str:
    """A change as text with its sign and unit, e.g. ``+1,2 pp``; ``–`` when missing."""
    if value is None or pd.isna(value):
        return "–"
    return _fmt_signed(indicator, float(value), change_unit(indicator, measure), lang)


_MIDDLE = {"nb": "Ingen endring", "en": "No change"}
_WITHIN = {"nb": "{side}, men mindre enn usikkerheten", "en": "{side}, but smaller than its uncertainty"}
_SIDES = {
    "directed": ({"nb": "Bedre", "en": "Better"}, {"nb": "Verre", "en": "Worse"}),
    "neutral": ({"nb": "Ned", "en": "Down"}, {"nb": "Opp", "en": "Up"}),
}
_NO_DATA = {"nb": "Mangler et av årene / skjult", "en": "Missing one of the years / suppressed"}


def change_categories(frame: pd.DataFrame, indicator: Indicator, measure: str = "absolute") -> Categories:
    """Seven diverging classes of :func:`change_frame`, centred on 0, worse always red.

    The middle class is no change. When the changes have uncertainty intervals, the lightest class on
    each side holds the changes *smaller than their uncertainty* (the direction is shown, faintly, and
    the legend says it is uncertain), and the two darker classes split the other changes at the
    median of their size. Without any interval the three classes a side are the terciles of the size.
    For a neutral indicator the sides are "down" and "up" in a purple–orange palette.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`change_frame`.
    indicator : Indicator
        Direction, decimals and unit of the labels.
    measure : str
        ``absolute`` or ``relative``.

    Raises
    ------
    ValueError
        Unknown ``measure``.
    """
    if measure not in MEASURES:
        raise ValueError(f"change measure must be one of {MEASURES}, got {measure!r}")
    col = "change" if measure == "absolute" else "relative"
    values = frame[col].to_numpy(dtype="float64")
    sign = direction_sign(indicator)
    oriented = values * sign if sign else values
    present = np.isfinite(oriented)
    zero = present & (oriented == 0)
    with_interval = bool(frame["small"].notna().any())
    small = present & ~zero & frame["small"].fillna(False).to_numpy(dtype=bool)
    classes = np.full(len(frame), -1, dtype=int)
    classes[zero] = 3
    classes[small] = np.where(oriented[small] > 0, 4, 2)
    moving = present & ~zero & ~small
    magnitude = np.abs(oriented[moving])
    steps = 2 if with_interval else 3  # darker classes a side for the changes that count
    if len(magnitude):
        cuts = np.quantile(magnitude, [i / steps for i in range(1, steps)])
        step = np.searchsorted(cuts, magnitude, side="left") + (3 - steps)
        classes[moving] = np.where(oriented[moving] > 0, 4 + step, 2 - step)
        bounds = [0.0, *(float(c) for c in cuts), float(magnitude.max())]
    else:
        bounds = [0.0] * (steps + 1)
    low_side, high_side = _SIDES["directed" if sign else "neutral"]
    unit = change_unit(indicator, measure)
    labels = {}
    for lang in ("nb", "en"):
        def rng(i: int, lang: str = lang) -> str:
            lo, hi = (_fmt_signed(indicator, b, unit, lang).lstrip("+") for b in bounds[i:i + 2])
            return hi if lo == hi else f"{lo} – {hi}"
        ranges = [rng(i) for i in range(steps)]
        if with_interval:
            down = [f"{low_side[lang]}: {ranges[1]}", f"{low_side[lang]}: {ranges[0]}",
                    _WITHIN[lang].format(side=low_side[lang])]
            up = [_WITHIN[lang].format(side=high_side[lang]), f"{high_side[lang]}: {ranges[0]}",
                  f"{high_side[lang]}: {ranges[1]}"]
        else:
            down = [f"{low_side[lang]}: {r}" for r in ranges[::-1]]
            up = [f"{high_side[lang]}: {r}" for r in ranges]
        labels[lang] = [*down, _MIDDLE[lang], *up]
    colours = DIVERGING_DIRECTED if sign else DIVERGING_NEUTRAL
    return Categories(pd.Series(classes, index=frame["zone_id"].astype(str)), colours, labels, _NO_DATA)


def benchmark_change(dataset, indicator_id: str, year_from: int, year_to: int) -> dict:
    """The city's change (from all zones, before suppression) between the two years."""
    check_years(dataset, indicator_id, year_from, year_to)
    ids = list(dataset.zones["zone_id"])
    a = aggregate_set(dataset, indicator_id, year_from, ids)["value"]
    b = aggregate_set(dataset, indicator_id, year_to, ids)["value"]
    return {"value_from": a, "value_to": b, "change": b - a if pd.notna(a) and pd.notna(b) else np.nan}


TREND_COLUMNS = ["series", "label", "kind", "year", "value", "ci_low", "ci_high"]


def trend_series(dataset, indicator_id: str, zone_ids=(), set_ids=(), *, lang: str = "nb",
                 districts: bool = True) -> pd.DataFrame:
    """Yearly figures with 95 % intervals of chosen zones and sets, their districts and the city.

    Zones are public figures (suppressed years are missing) with their Wilson or published interval;
    sets, districts and the city are :func:`geo.analysis.zonesets.aggregate_set` (suppressed when they
    rest on a small count) with a Wilson interval when they have counts.

    Returns
    -------
    pandas.DataFrame
        :data:`TREND_COLUMNS`, long format; ``kind`` is ``zone``, ``set``, ``district`` or ``city``.
    """
    indicator = dataset.indicator(indicator_id)
    years = dataset.years(indicator_id)
    rows = []
    zone_ids = [z for z in zone_ids if z in set(dataset.zones["zone_id"])]
    facts = {y: zone_facts(dataset, indicator_id, y).set_index("zone_id") for y in years} if zone_ids else {}
    for z in zone_ids:
        for y in years:
            f = facts[y].loc[[z]]
            lo, hi, _ = interval_for(f, indicator.scale)
            rows.append((z, zone_name(dataset, z), "zone", y, f["value"].iloc[0], lo.iloc[0], hi.iloc[0]))
    groups = [(find_set(dataset, s), "set") for s in set_ids]
    if districts:
        wanted = dataset.zones.loc[dataset.zones["zone_id"].isin(zone_ids), "district"].dropna().unique()
        groups += [(find_set(dataset, DISTRICT_PREFIX + d), "district") for d in wanted if d]
    groups.append((find_set(dataset, ALL_ID), "city"))
    seen = set()
    for zs, kind in groups:
        if zs.id in seen:
            continue
        seen.add(zs.id)
        label = "Trondheim" if kind == "city" else zs.name(lang)
        for y in years:
            agg = aggregate_set(dataset, indicator_id, y, zs.zone_ids)
            lo = hi = np.nan
            if agg["method"] == "ratio" and pd.notna(agg["value"]):
                lo, hi = (float(v) * indicator.scale for v in wilson_interval(agg["numerator"], agg["denominator"]))
            rows.append((zs.id, label, kind, y, agg["value"], lo, hi))
    return pd.DataFrame(rows, columns=TREND_COLUMNS)
