"""Plain-language summary of a profile, in bokmål and English, from templates per claim type.

Every sentence is one *claim* of a registered type (:data:`CLAIM_TYPES`), found by a rule on the
profile table and worded by a fixed template per language — never free text — so every number in it
can be traced to the table on the same page:

``rank``
    A single zone among the three highest or three lowest of at least :data:`MIN_RANKED` ranked zones
    (never for a tied value: "the second highest" would then be half true). The city figure and the year
    are cited, and the verdict of :func:`geo.analysis.stats.vs_reference` is appended: "klart over/under
    bynivået" only for ``worse``/``better``, "uten klar forskjell" for ``similar``, nothing when no test
    was possible.
``vs_city``
    A figure clearly above or below the city level (``vs_city`` is ``worse`` or ``better``) that no rank
    claim already covers.
``trend``
    A change over the years that exist — never first against last point: the ordinary least-squares slope
    over every year with a value (at least :data:`MIN_TREND_YEARS`), whose 95 % confidence interval
    (Student t, n − 2 degrees of freedom) excludes zero. The sentence cites the slope per year, the first
    year and the number of years with values. Suppressed and missing years are not filled in.

Numbers are formatted as the app's tables format them (:mod:`geo.formats`, Babel: "8,6 %" in bokmål,
"8.6 %" in English, with the indicator's decimals), so a sentence quotes a figure exactly as the table on
the same page shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as sps

from geo.formats import format_number

#: A rank claim needs at least this many ranked zones (so "third highest" and "third lowest" never meet).
MIN_RANKED = 7
#: How far from either end a rank is still worth a sentence.
RANK_ENDS = 3
#: A trend claim needs at least this many years with values.
MIN_TREND_YEARS = 4
LANGS = ("nb", "en")


def format_value(value: float, unit: str, decimals: int, lang: str = "nb") -> str:
    """A value with its unit as the app's tables write it (:meth:`geo.data.catalog.Indicator.format_value`).

    Numbers come from :func:`geo.formats.format_number` (Babel: "8,6 %" in bokmål, "8.6 %" in
    English), so a sentence quotes a figure exactly as the table beside it shows it.
    """
    if value is None or pd.isna(value):
        return "–"
    suffix = {"%": " %", "count": "", "": ""}.get(unit, f" {unit}")
    return format_number(value, decimals, lang) + suffix


def format_change(slope: float, unit: str, decimals: int, lang: str = "nb") -> str:
    """A change per year: percentage points for shares, the unit otherwise (one more decimal than values)."""
    number = format_number(abs(slope), decimals + 1, lang)
    if unit == "%":
        return number + (" prosentpoeng" if lang == "nb" else " percentage points")
    return number if unit in ("count", "") else f"{number} {unit}"


@dataclass(frozen=True)
class Claim:
    """One statement about one indicator, with the numbers it rests on.

    Parameters
    ----------
    kind : str
        A key of :data:`CLAIM_TYPES`.
    indicator : str
        Indicator id.
    numbers : dict
        Raw numbers cited (value, city_value, rank, n_ranked, year, slope, …) — what a test checks the
        sentence against.
    words : dict
        Per language, the template fields that are words (area, label, ordinal, verdict).
    """

    kind: str
    indicator: str
    numbers: dict
    words: dict = field(default_factory=dict)

    def text(self, lang: str = "nb") -> str:
        """The sentence in ``lang``."""
        return render(self, lang)


@dataclass(frozen=True)
class ClaimType:
    """A registered kind of claim: a rule that finds it on a profile row, and its templates."""

    find: Callable[[pd.Series, pd.DataFrame | None, set], Claim | None]
    templates: Mapping[str, str]


def _label(row: pd.Series, lang: str) -> str:
    key = f"label_{lang}"
    return str(row[key]) if key in row and isinstance(row[key], str) else str(row.get("label", row["id"]))


def _fmt(row: pd.Series, lang: str, value: float) -> str:
    return format_value(value, row["unit"], int(row["decimals"]), lang)


_ORDINAL = {"nb": {1: "", 2: "nest ", 3: "tredje "}, "en": {1: "", 2: "second ", 3: "third "}}
_END = {"nb": {"high": "høyeste", "low": "laveste"}, "en": {"high": "highest", "low": "lowest"}}
_NOUN = {"nb": {True: "andelen", False: "verdien"}, "en": {True: "share", False: "value"}}
_VERDICT_SUFFIX = {
    "nb": {"above": ", klart over bynivået", "below": ", klart under bynivået",
           "similar": ", uten klar forskjell fra bynivået", None: ""},
    "en": {"above": ", clearly above the city level", "below": ", clearly below the city level",
           "similar": ", no clear difference from the city level", None: ""},
}
_ABOVE_BELOW = {"nb": {"above": "over", "below": "under"}, "en": {"above": "above", "below": "below"}}
_UP_DOWN = {"nb": {1: "økt", -1: "gått ned"}, "en": {1: "risen", -1: "fallen"}}


def _side(row: pd.Series) -> str | None:
    """``above``/``below`` for a clear difference from the city, ``similar``, or None (no test)."""
    verdict = row.get("vs_city")
    if verdict in ("worse", "better"):
        return "above" if row["value"] > row["city_value"] else "below"
    return "similar" if verdict == "similar" else None


def _rank_claim(row: pd.Series, trend: pd.DataFrame | None, done: set) -> Claim | None:
    if row.get("kind") != "zone" or pd.isna(row["rank"]) or pd.isna(row["value"]) or bool(row.get("tied")):
        return None
    rank, n = int(row["rank"]), int(row["n_ranked"])
    if n < MIN_RANKED:
        return None
    from_worst, from_best = rank, n - rank + 1
    if from_worst <= RANK_ENDS:
        position, at_worst = from_worst, True
    elif from_best <= RANK_ENDS:
        position, at_worst = from_best, False
    else:
        return None
    # rank 1 = worst: the highest value unless higher is better (a neutral indicator ranks highest first)
    high = at_worst != (row["direction"] == "higher_is_better")
    side = _side(row)
    words = {lang: {"area": row["column_name"], "label": _label(row, lang),
                    "ordinal": _ORDINAL[lang][position] + _END[lang]["high" if high else "low"],
                    "noun": _NOUN[lang][row["unit"] == "%"],
                    "value": _fmt(row, lang, row["value"]), "city": _fmt(row, lang, row["city_value"]),
                    "verdict": _VERDICT_SUFFIX[lang][side]} for lang in LANGS}
    return Claim("rank", row["id"], {"rank": rank, "n_ranked": n, "position": position, "high": high,
                                     "value": row["value"], "city_value": row["city_value"],
                                     "year": int(row["year"]), "side": side}, words)


def _vs_city_claim(row: pd.Series, trend: pd.DataFrame | None, done: set) -> Claim | None:
    if ("rank", row["id"]) in done or row.get("vs_city") not in ("worse", "better"):
        return None
    side = _side(row)
    words = {lang: {"area": row["column_name"], "label": _label(row, lang), "value": _fmt(row, lang, row["value"]),
                    "city": _fmt(row, lang, row["city_value"]), "side": _ABOVE_BELOW[lang][side]}
             for lang in LANGS}
    return Claim("vs_city", row["id"], {"value": row["value"], "city_value": row["city_value"],
                                        "year": int(row["year"]), "side": side, "vs_city": row["vs_city"]}, words)


def trend_slope(years, values) -> tuple[float, float, float, int]:
    """OLS slope per year with its 95 % interval over the non-missing points.

    Returns
    -------
    (slope, low, high, n)
        NaN slope and interval with fewer than three points.
    """
    frame = pd.DataFrame({"x": np.asarray(years, dtype="float64"), "y": np.asarray(values, dtype="float64")}).dropna()
    n = len(frame)
    if n < 3 or frame["x"].nunique() < 2:
        return np.nan, np.nan, np.nan, n
    fit = sps.linregress(frame["x"], frame["y"])
    half = sps.t.ppf(0.975, n - 2) * fit.stderr
    return float(fit.slope), float(fit.slope - half), float(fit.slope + half), n


def _trend_claim(row: pd.Series, trend: pd.DataFrame | None, done: set) -> Claim | None:
    if trend is None or trend.empty:
        return None
    t = trend.dropna(subset=["value"])
    t = t[t["year"] <= row["year"]]
    slope, low, high, n = trend_slope(t["year"], t["value"])
    if n < MIN_TREND_YEARS or not (low > 0 or high < 0):
        return None
    sign = 1 if slope > 0 else -1
    start = int(t["year"].min())
    words = {lang: {"area": row["column_name"], "label": _label(row, lang), "updown": _UP_DOWN[lang][sign],
                    "change": format_change(slope, row["unit"], int(row["decimals"]), lang)} for lang in LANGS}
    return Claim("trend", row["id"], {"slope": slope, "slope_low": low, "slope_high": high, "start": start,
                                      "n_years": n, "year": int(t["year"].max())}, words)


#: Claim types in the order their sentences appear. Templates use ``{area}``, ``{label}``, the words of
#: the claim and ``{n_ranked}``/``{year}``/``{start}``/``{n_years}`` from its numbers.
CLAIM_TYPES: dict[str, ClaimType] = {
    "rank": ClaimType(_rank_claim, {
        "nb": "{area} har den {ordinal} {noun} av {n_ranked} soner på «{label}» ({value}, byen {city}, "
              "{year}){verdict}.",
        "en": "{area} has the {ordinal} {noun} of {n_ranked} zones on “{label}” ({value}, city {city}, "
              "{year}){verdict}.",
    }),
    "vs_city": ClaimType(_vs_city_claim, {
        "nb": "«{label}» i {area} er {value} ({year}), klart {side} bynivået ({city}).",
        "en": "“{label}” in {area} is {value} ({year}), clearly {side} the city level ({city}).",
    }),
    "trend": ClaimType(_trend_claim, {
        "nb": "«{label}» i {area} har {updown} siden {start}, med om lag {change} per år ({n_years} år med tall).",
        "en": "“{label}” in {area} has {updown} since {start}, by about {change} a year ({n_years} years with data).",
    }),
}


def render(claim: Claim, lang: str = "nb") -> str:
    """The sentence of ``claim`` in ``lang`` (from its type's template)."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, got {lang!r}")
    fields = {k: v for k, v in claim.numbers.items() if isinstance(v, (int, str))}
    fields.update(claim.words.get(lang, {}))
    return CLAIM_TYPES[claim.kind].templates[lang].format(**fields)


def claims(profile: pd.DataFrame, trends: Mapping[str, pd.DataFrame] | None = None) -> list[Claim]:
    """Every claim the profile supports, grouped by claim type (:data:`CLAIM_TYPES` order).

    Parameters
    ----------
    profile : pandas.DataFrame
        :func:`geo.analysis.profile.area_profile`.
    trends : mapping, optional
        Indicator id → :func:`geo.analysis.profile.trend_series` of the same area; without it no trend
        claims are made.
    """
    trends = trends or {}
    found: list[Claim] = []
    done: set = set()
    for kind, claim_type in CLAIM_TYPES.items():
        for _, row in profile.iterrows():
            claim = claim_type.find(row, trends.get(row["id"]), done)
            if claim is not None:
                found.append(claim)
                done.add((kind, row["id"]))
    return found


def summary(profile: pd.DataFrame, trends: Mapping[str, pd.DataFrame] | None = None) -> dict[str, list[str]]:
    """The summary sentences in every language: ``{"nb": [...], "en": [...]}``."""
    found = claims(profile, trends)
    return {lang: [c.text(lang) for c in found] for lang in LANGS}


def area_summary(dataset, area, year: int | None = None, *, public: bool = True) -> dict[str, list[str]]:
    """Profile, trends and summary of an area in one call (see :func:`summary`)."""
    from geo.analysis.profile import area_profile, trend_series

    profile = area_profile(dataset, area, year, public=public)
    trends = {ind: trend_series(dataset, area, ind, public=public) for ind in profile["id"]}
    return summary(profile, trends)
