"""Relationships between two indicators across zones: OLS line, R², Spearman's ρ, and bivariate classes.

Both indicators are taken in the same year from public figures (suppressed = missing); a zone enters
when it has both values. The fit is ordinary least squares of y on x (``numpy.polyfit``), ρ is
Spearman's rank correlation (``scipy.stats.spearmanr``). Correlation across zones describes zones,
not people (the ecological fallacy), and says nothing about cause.

The bivariate map cuts each indicator into terciles (low / middle / high *values*, by rank so ties
stay together) and combines them into 3 × 3 classes coloured with Joshua Stevens' blue–pink scheme,
whose corners stay distinguishable for the common colour-vision deficiencies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from geo.analysis.categories import Categories
from geo.benchmarks import zone_facts
from geo.errors import LevekarError

#: Fewest zones with both values for a fit or a bivariate map.
MIN_ZONES = 5
#: 3×3 colours, index ``3 * y_tercile + x_tercile`` (x low→high left→right, y low→high bottom→top).
BIVARIATE_COLOURS = ("#e8e8e8", "#ace4e4", "#5ac8c8",
                     "#dfb0d6", "#a5add3", "#5698b9",
                     "#be64ac", "#8c62aa", "#3b4994")
TERCILE_NAMES = {"nb": ("lav", "middels", "høy"), "en": ("low", "middle", "high")}


class NotEnoughData(LevekarError):
    """Too few zones, or no variation, to describe a relationship."""


@dataclass(frozen=True)
class Fit:
    """The OLS line and the correlation of ``y`` on ``x``.

    Attributes
    ----------
    slope, intercept : float
        ``y ≈ intercept + slope · x``.
    r2 : float
        Share of the variance of ``y`` explained by the line (0–1).
    rho : float
        Spearman's rank correlation.
    rho_p : float
        Two-sided p-value of ρ (no association); for description only.
    n : int
        Zones in the fit.
    """

    slope: float
    intercept: float
    r2: float
    rho: float
    rho_p: float
    n: int


def paired_values(dataset, x_id: str, y_id: str, year: int) -> pd.DataFrame:
    """Public values of two indicators in ``year``, one row per zone (NaN where missing or suppressed).

    Returns
    -------
    pandas.DataFrame
        ``zone_id``, ``name``, ``district``, ``x``, ``y``, ``source_x``, ``source_y``.
    """
    fx = zone_facts(dataset, x_id, year)
    fy = zone_facts(dataset, y_id, year).set_index("zone_id").reindex(fx["zone_id"])
    return pd.DataFrame({"zone_id": fx["zone_id"], "name": fx["name"], "district": fx["district"],
                         "x": fx["value"].to_numpy(), "y": fy["value"].to_numpy(),
                         "source_x": fx["source"].to_numpy(), "source_y": fy["source"].to_numpy()})


def fit(x, y) -> Fit:
    """OLS line, R², Spearman's ρ and n over the pairs where both are finite.

    Raises
    ------
    NotEnoughData
        Fewer than :data:`MIN_ZONES` pairs, or x or y constant (no line, no correlation).
    """
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    n = int(ok.sum())
    if n < MIN_ZONES:
        raise NotEnoughData(f"only {n} zone(s) have both values; at least {MIN_ZONES} are needed")
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        which = "x" if np.ptp(x) == 0 else "y"
        raise NotEnoughData(f"every zone has the same {which} value; there is no relationship to describe")
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    r2 = 1.0 - float((resid ** 2).sum()) / float(((y - y.mean()) ** 2).sum())
    rho, p = sps.spearmanr(x, y)
    return Fit(float(slope), float(intercept), max(0.0, min(1.0, r2)), float(rho), float(p), n)


def terciles(values) -> np.ndarray:
    """Tercile (0, 1, 2) of each value by rank; −1 where missing. Ties share a tercile.

    Raises
    ------
    NotEnoughData
        Fewer than :data:`MIN_ZONES` values, or all equal.
    """
    v = pd.Series(np.asarray(values, dtype="float64"))
    present = v.dropna()
    if len(present) < MIN_ZONES:
        raise NotEnoughData(f"only {len(present)} zone(s) have a value; at least {MIN_ZONES} are needed")
    if present.nunique() == 1:
        raise NotEnoughData("every zone has the same value; terciles cannot be formed")
    # average ranks scaled to (0, 1]: tied values get the same rank, hence the same tercile
    pct = present.rank(method="average", pct=True)
    out = np.full(len(v), -1, dtype=int)
    out[present.index.to_numpy()] = np.minimum((pct.to_numpy() * 3 - 1e-9).astype(int), 2)
    return out


def bivariate_categories(pairs: pd.DataFrame, x_label: dict, y_label: dict) -> Categories:
    """3 × 3 classes of :func:`paired_values` (x tercile across, y tercile up); zones missing either: no data.

    Parameters
    ----------
    pairs : pandas.DataFrame
        ``zone_id``, ``x``, ``y``.
    x_label, y_label : dict
        Short indicator names per language, used in the class labels.
    """
    both = pairs["x"].notna() & pairs["y"].notna()
    tx = np.full(len(pairs), -1)
    ty = np.full(len(pairs), -1)
    tx[both.to_numpy()] = terciles(pairs.loc[both, "x"].to_numpy())
    ty[both.to_numpy()] = terciles(pairs.loc[both, "y"].to_numpy())
    classes = np.where((tx >= 0) & (ty >= 0), 3 * ty + tx, -1)
    labels = {lang: [f"{x_label[lang]} {TERCILE_NAMES[lang][i % 3]}, {y_label[lang]} {TERCILE_NAMES[lang][i // 3]}"
                     for i in range(9)] for lang in ("nb", "en")}
    return Categories(pd.Series(classes, index=pairs["zone_id"].astype(str)), BIVARIATE_COLOURS, labels)
