"""Uncertainty of shares and the comparison of a figure with a reference (usually the city).

The test is deliberately simple and stated in the UI: a zone (or set) is *clearly worse* or *clearly
better* than the reference when the reference lies outside the figure's 95 % interval, and shows *no
clear difference* otherwise. The interval is the Wilson score interval of the share when a numerator and
a denominator are known (it behaves at 0 % and for small denominators, unlike the Wald interval), the
published interval when the source gives one (surveys), and no test at all otherwise — a figure without
either is never marked.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

#: z for a two-sided 95 % interval.
Z95 = 1.959963984540054

Verdict = Literal["worse", "similar", "better"]
#: Names of the tests :func:`compare_to_reference` can apply (``None`` = no test possible).
TESTS = ("wilson", "published_ci")


def wilson_interval(numerator, denominator, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of ``numerator`` out of ``denominator`` as proportions (0–1).

    Parameters
    ----------
    numerator, denominator : array-like
        Counts; element-wise. ``denominator <= 0`` or a missing count gives NaN.
    z : float
        Normal quantile (1.96 for 95 %).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper bounds, each in [0, 1].
    """
    k = np.asarray(numerator, dtype="float64")
    n = np.asarray(denominator, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.where(n > 0, n, np.nan)
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def interval_for(frame: pd.DataFrame, scale: float) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The 95 % interval each row can support, and the test it rests on.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows with ``numerator``, ``denominator``, ``ci_low``, ``ci_high`` (any may be NaN).
    scale : float
        The indicator's scale (100 for percentages), so the interval is in the value's unit.

    Returns
    -------
    (low, high, test) : three pandas.Series on ``frame.index``
        ``test`` is ``"wilson"`` where numerator and denominator are known (preferred: it is computed
        the same way for every zone), else ``"published_ci"`` where the source gives an interval, else
        None. A published share with its denominator but without its numerator (e.g. "35 % of 432
        children") gets the Wilson interval of the implied count value × denominator, as the benchmarks
        (:func:`geo.benchmarks.aggregate`) already count it.
    """
    num = pd.to_numeric(frame.get("numerator"), errors="coerce") if "numerator" in frame else None
    den = pd.to_numeric(frame.get("denominator"), errors="coerce") if "denominator" in frame else None
    if num is not None and den is not None and "value" in frame and scale > 1:
        implied = pd.to_numeric(frame["value"], errors="coerce") / scale * den
        num = num.where(num.notna(), implied)
    low = pd.Series(np.nan, index=frame.index)
    high = pd.Series(np.nan, index=frame.index)
    test = pd.Series(None, index=frame.index, dtype="object")
    if num is not None and den is not None:
        ok = num.notna() & den.notna() & (den > 0) & (num >= 0) & (num <= den)
        lo, hi = wilson_interval(num[ok], den[ok])
        low[ok], high[ok] = lo * scale, hi * scale
        test[ok] = "wilson"
    if "ci_low" in frame and "ci_high" in frame:
        pub = test.isna() & frame["ci_low"].notna() & frame["ci_high"].notna()
        low[pub], high[pub] = frame.loc[pub, "ci_low"], frame.loc[pub, "ci_high"]
        test[pub] = "published_ci"
    return low, high, test


def compare_to_reference(low, high, reference, direction: str) -> list[Verdict | None]:
    """Mark each figure as clearly worse / no clear difference / clearly better than ``reference``.

    Parameters
    ----------
    low, high : array-like
        The figure's 95 % interval (NaN = no interval: no verdict).
    reference : float or array-like
        The reference value (e.g. the city figure), NaN = no verdict.
    direction : str
        ``higher_is_worse``, ``higher_is_better`` or ``neutral`` (from the catalogue). For a neutral
        indicator nothing is better or worse, so no verdict is given.

    Returns
    -------
    list
        ``"worse"``, ``"similar"``, ``"better"`` or None per element.
    """
    lo = np.atleast_1d(np.asarray(low, dtype="float64"))
    hi = np.atleast_1d(np.asarray(high, dtype="float64"))
    ref = np.broadcast_to(np.asarray(reference, dtype="float64"), lo.shape)
    if direction not in ("higher_is_worse", "higher_is_better"):
        return [None] * len(lo)
    out: list[Verdict | None] = []
    for a, b, r in zip(lo, hi, ref):
        if np.isnan(a) or np.isnan(b) or np.isnan(r):
            out.append(None)
        elif a > r:
            out.append("worse" if direction == "higher_is_worse" else "better")
        elif b < r:
            out.append("better" if direction == "higher_is_worse" else "worse")
        else:
            out.append("similar")
    return out


def vs_reference(frame: pd.DataFrame, reference, *, scale: float, direction: str) -> pd.DataFrame:
    """Interval, test name and verdict against ``reference`` for every row of ``frame``.

    Returns
    -------
    pandas.DataFrame
        Columns ``ci_low``, ``ci_high`` (the interval used), ``test`` and ``vs`` on ``frame.index``.
    """
    low, high, test = interval_for(frame, scale)
    verdict = compare_to_reference(low, high, reference, direction)
    return pd.DataFrame({"ci_low": low, "ci_high": high, "test": test, "vs": verdict}, index=frame.index)
