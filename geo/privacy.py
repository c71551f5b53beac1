"""Suppression of small counts before anything reaches the public.

A zone's share is hidden when it rests on too few people: a denominator under
:data:`MIN_DENOMINATOR`, or a numerator between 1 and :data:`MIN_COUNT` − 1 (the classic "fewer than
five" rule). Hidden rows keep their zone but lose value, numerator, denominator and CI, and get status
``suppressed``. City and district figures are computed *before* suppression (from all people) and are
large enough to show.

Not done here (yet): secondary suppression — a hidden zone can in principle be recovered as a district
total minus its visible neighbours when the district figure and all other counts are shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_COUNT = 5
MIN_DENOMINATOR = 20
HIDDEN_COLUMNS = ["value", "numerator", "denominator", "ci_low", "ci_high"]


def needs_suppression(frame: pd.DataFrame, min_count: int = MIN_COUNT,
                      min_denominator: int = MIN_DENOMINATOR) -> pd.Series:
    """Boolean mask of rows whose figure rests on too few people.

    Rows without numerator/denominator (surveys with a CI, computed shares) are judged on what they
    have; rows already ``suppressed`` stay suppressed.
    """
    num, den = frame["numerator"], frame["denominator"]
    small_num = num.notna() & (num > 0) & (num < min_count)
    small_den = den.notna() & (den < min_denominator)
    return (small_num | small_den | (frame["status"] == "suppressed")).fillna(False).astype(bool)


def suppress(frame: pd.DataFrame, min_count: int = MIN_COUNT, min_denominator: int = MIN_DENOMINATOR) -> pd.DataFrame:
    """Copy of ``frame`` with small-count rows hidden (see module docstring)."""
    out = frame.copy()
    mask = needs_suppression(out, min_count, min_denominator)
    present = [c for c in HIDDEN_COLUMNS if c in out.columns]
    out.loc[mask, present] = np.nan
    out.loc[mask, "status"] = "suppressed"
    return out
