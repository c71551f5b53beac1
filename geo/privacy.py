"""Disclosure control: what the public may see of small counts, applied once when a dataset is opened.

Two layers, both configurable and both applied in one place, :func:`for_output`, which every output
(the app's loader, ``geo map``, ``geo report``, ``geo export``, …) calls on the dataset it opens:

**Primary suppression** (:class:`Rules`, defaults as SSB and the municipality use them): a share is
hidden when its denominator is under 20, its numerator is 1–4, or the numerator is within 4 of the
denominator (the complement, "49 of 50", is then as telling as the count); a count (unit ``count`` or
summed indicators such as residents) is hidden when it is under 5. A numerator that is not given but
follows from the share and the denominator (4,0 % of 50 is 2 people) is judged as if it were given.
Hidden cells keep their zone but lose value, numerator, denominator and interval, and get status
``suppressed`` ("skjult: for få personer").

**Secondary suppression — method: totals from the visible zones only.** In public mode the hidden
figures are *removed from the dataset* before anything is computed, so every total the public sees —
the city, each bydel, any aggregated set of zones, every year of a trend line — is the sum of exactly
the visible parts it is shown with (ratio indicators: sum of visible numerators over sum of visible
denominators). A total then carries no information beyond its visible parts: subtracting the visible
zones from the bydel or the city gives zero, "total minus all but one part" gives the visible part,
two overlapping totals (bydel and city) differ by visible zones only, and the same holds per year and
per indicator, so figures sharing a denominator across years or indicators reveal nothing either. A
bydel whose zones are all hidden has no figure at all. Published kommune and bydel reference figures
(the ``references`` layer) are left out of public outputs, since "published city total minus the
visible zones" would bring the hidden zones back. Ranks are among the visible zones ("n av N").

**Complementary suppression against official totals** (:func:`complementary_suppression`). Visible-only
totals protect against everything *published here*, but SSB and the municipality publish exact kommune
and bydel figures elsewhere, and such a figure minus the visible zones is the sum of the hidden zones:
with one hidden zone, its value. So no bydel (of two or more zones) and not the city is left with exactly
one hidden zone per indicator and year: the visible zone of that group with the fewest people is hidden
too (chosen from visible figures only, so hidden values still cannot be told apart). Survey shares
without counts are left alone: no total takes them apart.

Why these methods and not the alternatives:

- *Complementary suppression for every group* (two hidden cells in every zone set, year and indicator
  combination a visitor could form) would need an optimisation per request for sets picked at run time,
  and hide far more; with visible-only totals only the groups with official totals elsewhere (bydel,
  city) need it.
- *Rounding to 5* (as SSB's tables) leaves exact totals only approximately derivable: a hidden count
  of 1–4 still falls out as "0–5" after subtraction, and the shares computed from rounded counts no
  longer match the published register figures.
- Visible-only totals are exact arithmetic on published cells, cannot be undone by any combination of
  published cells (every published number is a function of visible cells only), and cost nothing per
  request. Their price: a total is not the official city figure when zones are hidden. Outputs say so
  (:data:`TOTALS_NOTE`), and the number of zones a total rests on is kept.

Without public mode (:func:`geo.config.public_mode` false) :func:`for_output` returns the dataset
unchanged: internal users see exact city and bydel figures, and zones are still primarily suppressed on
display by :func:`geo.benchmarks.zone_facts`.

What this does *not* cover: an attacker with an exact official total from elsewhere still learns the *sum*
of the (two or more) hidden zones of that group, as with any small-area table published beside an
official total; and a bydel of one zone is its own official figure.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

import numpy as np
import pandas as pd

HIDDEN_COLUMNS = ["value", "numerator", "denominator", "ci_low", "ci_high"]
#: Secondary suppression method recorded in a public dataset's metadata (see the module docstring).
METHOD = "visible_only_totals"
#: Complementary suppression recorded beside it (see :func:`complementary_suppression`).
COMPLEMENTARY = "no_group_with_one_hidden_zone"
#: Reference levels left out of public outputs: they are totals over the zones.
HIDDEN_REFERENCE_LEVELS = ("kommune", "bydel")
#: How outputs label totals in public mode (bokmål, English).
TOTALS_NOTE = {
    "nb": "By- og bydelstall er beregnet av de synlige sonene; skjulte soner er ikke med.",
    "en": "City and district figures are computed from the visible zones only; hidden zones are left out.",
}
#: How outputs explain the complementary cells in public mode (bokmål, English).
COMPLEMENT_NOTE = {
    "nb": "For at ingen skjult sone skal kunne regnes ut fra offisielle by- eller bydelstall, skjules også én "
          "sone til der en bydel eller byen ellers ville hatt bare én skjult sone.",
    "en": "So that no hidden zone can be worked out from official city or district totals, one more zone is "
          "hidden wherever a district or the city would otherwise have exactly one hidden zone.",
}
RANK_NOTE = {
    "nb": "Rangering blant sonene med synlig verdi.",
    "en": "Rank among the zones with a visible value.",
}


@dataclass(frozen=True)
class Rules:
    """Primary suppression rules (every bound is exclusive: a figure *under* it is hidden).

    Parameters
    ----------
    min_denominator : int
        A share whose denominator is under this is hidden (default 20).
    min_numerator : int
        A share whose numerator is 1 … ``min_numerator`` − 1 is hidden (default 5: 1–4). Zero is shown.
    min_complement : int
        A share whose denominator minus numerator is 0 … ``min_complement`` − 1 is hidden (default 5:
        within 4 of the denominator, everyone included).
    min_count : int
        A count (unit ``count`` or a summed indicator) under this is hidden (default 5).
    """

    min_denominator: int = 20
    min_numerator: int = 5
    min_complement: int = 5
    min_count: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < 0:
                raise ValueError(f"disclosure rule {f.name} must be a whole number ≥ 0, got {v!r}")

    @classmethod
    def from_mapping(cls, mapping: dict[str, Any] | None) -> Rules:
        """Rules from a settings table (``[levekar.disclosure]`` in ``levekar.toml``); missing keys keep defaults.

        Raises
        ------
        ValueError
            On an unknown key (a typo must not silently keep the default) or a value that is not a whole
            number ≥ 0.
        """
        mapping = dict(mapping or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise ValueError(f"unknown disclosure rule(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(cls(), **mapping)

    def as_dict(self) -> dict[str, int]:
        """The rules as plain numbers (stored in a public dataset's metadata)."""
        return {k: int(v) for k, v in asdict(self).items()}

    def describe(self, lang: str = "nb") -> str:
        """The primary rules in words, generated from the numbers (for the methods page and exports)."""
        d, n, c, k = self.min_denominator, self.min_numerator, self.min_complement, self.min_count
        if lang == "en":
            return (f"A zone's share is hidden (“suppressed: too few people”) when fewer than {d} people are counted, "
                    f"between 1 and {n - 1} people have the trait, or fewer than {c} do not have it; a count under "
                    f"{k} is hidden. A hidden zone is not coloured, ranked or downloadable.")
        return (f"En sones andel skjules («skjult: for få personer») når færre enn {d} personer telles, mellom 1 og "
                f"{n - 1} personer har kjennetegnet, eller færre enn {c} ikke har det; et antall under {k} skjules. "
                "En skjult sone fargelegges, rangeres og lastes ikke ned.")


DEFAULT_RULES = Rules()
#: Kept for callers of the old constants; the rules themselves live in :class:`Rules`.
MIN_COUNT = DEFAULT_RULES.min_numerator
MIN_DENOMINATOR = DEFAULT_RULES.min_denominator


def configured_rules() -> Rules:
    """The rules in force: ``[levekar.disclosure]`` of the settings file, else :data:`DEFAULT_RULES`."""
    from geo.config import settings

    return Rules.from_mapping(settings().get("disclosure"))


def _as_array(x: object, n: int, dtype: str) -> np.ndarray:
    return np.asarray(x, dtype=dtype) if np.ndim(x) else np.full(n, x, dtype=dtype)


def needs_suppression(frame: pd.DataFrame, rules: Rules = DEFAULT_RULES, *, is_count: object = False,
                      scale: object = np.nan) -> pd.Series:
    """Boolean mask of rows whose figure rests on too few people (see :class:`Rules`).

    Parameters
    ----------
    frame : pandas.DataFrame
        ``value``, ``numerator``, ``denominator``, ``status`` (``value`` may be absent for aggregates).
    rules : Rules
        The primary rules.
    is_count : bool or array of bool
        Rows that are counts (judged on ``value`` against ``min_count``) rather than shares.
    scale : float or array of float
        Factor from numerator/denominator to the value (100 for %): where the numerator is not given,
        value × denominator / scale is the count a reader can work out, and is judged as the numerator.
        NaN (unknown) judges given numerators only.

    Rows without numerator and denominator (surveys with a CI) are judged on their status alone; rows
    already ``suppressed`` stay suppressed.
    """
    n = len(frame)
    num = frame["numerator"].to_numpy(dtype="float64", na_value=np.nan)
    den = frame["denominator"].to_numpy(dtype="float64", na_value=np.nan)
    value = (frame["value"].to_numpy(dtype="float64", na_value=np.nan) if "value" in frame.columns
             else np.full(n, np.nan))
    count = _as_array(is_count, n, "bool")
    scl = _as_array(scale, n, "float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        derived = np.where(np.isnan(num), np.round(value / scl * den), num)
        share_hidden = ((den < rules.min_denominator)
                        | ((derived >= 1) & (derived < rules.min_numerator))
                        | ((den - derived >= 0) & (den - derived < rules.min_complement)))
        count_hidden = value < rules.min_count
    hidden = np.where(count, count_hidden, share_hidden) | (frame["status"].to_numpy() == "suppressed")
    return pd.Series(hidden.astype(bool), index=frame.index)


def suppress(frame: pd.DataFrame, rules: Rules = DEFAULT_RULES, *, indicator=None) -> pd.DataFrame:
    """Copy of ``frame`` with small-count rows hidden (value, counts and interval NaN, status ``suppressed``).

    ``indicator`` (a :class:`geo.data.catalog.Indicator`) tells counts from shares and the share's scale;
    without it every row is judged as a share on its given numerator.
    """
    out = frame.copy()
    if indicator is None:
        mask = needs_suppression(out, rules)
    else:
        mask = needs_suppression(out, rules, is_count=_is_count(indicator), scale=indicator.scale)
    present = [c for c in HIDDEN_COLUMNS if c in out.columns]
    out.loc[mask, present] = np.nan
    out.loc[mask, "status"] = "suppressed"
    return out


def _is_count(indicator) -> bool:
    return indicator.unit == "count" or indicator.aggregation == "sum"


def suppress_values(values: pd.DataFrame, catalog_of, rules: Rules = DEFAULT_RULES) -> pd.DataFrame:
    """:func:`suppress` over a long values table of many indicators.

    ``catalog_of`` maps an indicator id to its :class:`geo.data.catalog.Indicator` (e.g.
    ``Dataset.indicator``), which decides count or share and the scale of each row.
    """
    ids = values["indicator"].unique()
    count = values["indicator"].map({i: _is_count(catalog_of(i)) for i in ids}).to_numpy(dtype=bool)
    scale = values["indicator"].map({i: catalog_of(i).scale for i in ids}).to_numpy(dtype="float64")
    out = values.copy()
    mask = needs_suppression(out, rules, is_count=count, scale=scale)
    out.loc[mask, [c for c in HIDDEN_COLUMNS if c in out.columns]] = np.nan
    out.loc[mask, "status"] = "suppressed"
    return out


def _additive(indicator, rows: pd.DataFrame) -> bool:
    """Whether a total of these rows could be published elsewhere and undone by subtraction: a count, or
    a share given with its counts. A survey share (no counts) does not add up, so no total gives it away."""
    return _is_count(indicator) or bool(rows["denominator"].notna().any())


def complementary_suppression(values: pd.DataFrame, districts: pd.Series, catalog_of) -> pd.DataFrame:
    """Hide more zones until no bydel and not the city has exactly one hidden zone, per indicator and year.

    Visible-only totals (the module docstring) give nothing away by themselves, but an official total from
    elsewhere (SSB's figure for the kommune or a bydel) minus the visible zones is the *sum* of the hidden
    zones, and with one hidden zone that sum is its value. So wherever a group has exactly one hidden zone
    (primarily hidden), the visible zone of that group with the fewest people (smallest denominator; for a
    count, the smallest count; ties by zone id) is hidden too, bydeler first, then the city, repeated until
    nothing changes (a complement may leave another bydel with one). The choice depends only on visible
    figures, so the hidden values still cannot be told apart. A bydel of one zone cannot be protected this
    way (its official figure is the zone's); such a zone is hidden against the city total only.

    Parameters
    ----------
    values : pandas.DataFrame
        The long values table, primary suppression applied (status ``suppressed``).
    districts : pandas.Series
        Bydel per zone id.
    catalog_of : callable
        Indicator id → :class:`geo.data.catalog.Indicator`.

    Returns
    -------
    pandas.DataFrame
        A copy with the complementary cells hidden as primary ones are (status ``suppressed``).
    """
    hidden = values["status"].to_numpy() == "suppressed"
    if not hidden.any():
        return values
    district = values["zone_id"].map(districts).to_numpy()
    extra: list = []
    for (ind, _year), rows in values.groupby(["indicator", "year"], sort=False):
        pos = values.index.get_indexer(rows.index)
        if not hidden[pos].any() or not _additive(catalog_of(ind), rows):
            continue
        size = (rows["value"] if _is_count(catalog_of(ind)) else rows["denominator"]).to_numpy("float64", na_value=np.nan)
        ids = rows["zone_id"].to_numpy()
        # visible zones with data, fewest people first: the cheapest complements
        cands = [k for k in range(len(pos)) if not hidden[pos[k]] and not np.isnan(size[k])]
        order = [pos[k] for k in sorted(cands, key=lambda k: (size[k], ids[k]))]
        hid = {i for i in pos if hidden[i]}
        # the bydeler first, then the city; again until no group is left with exactly one hidden zone
        groups = [{i for i in pos if district[i] == d} for d in dict.fromkeys(district[pos])] + [set(pos)]
        changed = True
        while changed:
            changed = False
            for inside in groups:
                if len(hid & inside) == 1:
                    pick = next((i for i in order if i in inside and i not in hid), None)
                    if pick is not None:
                        hid.add(pick)
                        changed = True
        extra += [i for i in hid if not hidden[i]]
    if not extra:
        return values
    out = values.copy()
    rows = out.index[sorted(extra)]
    out.loc[rows, [c for c in HIDDEN_COLUMNS if c in out.columns]] = np.nan
    out.loc[rows, "status"] = "suppressed"
    return out


def is_public(dataset) -> bool:
    """True for a dataset opened for the public (:func:`public_view` has been applied)."""
    return bool(dataset.meta.get("disclosure"))


def public_view(dataset, rules: Rules = DEFAULT_RULES):
    """The dataset as the public may see it: primary rules applied to every value, totals visible-only.

    Returns a new :class:`geo.data.dataset.Dataset` (the argument is not changed) whose hidden cells carry
    status ``suppressed`` and no value, numerator, denominator or interval; kommune and bydel reference
    figures are dropped; ``meta["disclosure"]`` records the rules and the method. Applying it again
    changes nothing.
    """
    from geo.data.dataset import Dataset

    record = {"rules": rules.as_dict(), "method": METHOD, "complementary": COMPLEMENTARY}
    # Always applied, even to a dataset whose metadata says "public": a page may have built one from public
    # metadata and new values (e.g. access recomputed), and hiding twice changes nothing.
    refs = dataset.references
    refs = refs[~refs["level"].isin(HIDDEN_REFERENCE_LEVELS)]
    values = suppress_values(dataset.values, dataset.indicator, rules)
    values = complementary_suppression(values, dataset.zones.set_index("zone_id")["district"], dataset.indicator)
    return Dataset(zones=dataset.zones, values=values, catalog=dataset.catalog,
                   meta={**dataset.meta, "disclosure": record}, references=refs, path=dataset.path)


def for_output(dataset, rules: Rules | None = None, *, public: bool | None = None):
    """The one gate every output passes a dataset through.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        As loaded (internal figures).
    rules : Rules, optional
        Primary rules; default :func:`configured_rules`.
    public : bool, optional
        Force public (True) or internal (False) output; default :func:`geo.config.public_mode`.

    Returns
    -------
    geo.data.dataset.Dataset
        :func:`public_view` in public mode; otherwise ``dataset`` itself (exact internal figures).
    """
    from geo.config import public_mode

    if not (public_mode() if public is None else public):
        return dataset
    return public_view(dataset, rules or configured_rules())


def open_for_output(path: str | os.PathLike | None = None):
    """Load a dataset (``path``, else the app's: :func:`geo.storage.default_backend`, i.e. the current PostGIS
    version when ``$DATABASE_URL`` is set) and pass it through :func:`for_output`.

    What every command that writes something for readers (``map``, ``report``, ``export``, …) opens its
    dataset with, so public mode reaches the command line too.
    """
    from geo.data.dataset import load
    from geo.storage import default_backend

    return for_output(load(path) if path is not None else default_backend().load())
