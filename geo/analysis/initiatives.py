"""Områdesatsinger (area-based initiatives): an area, a start year, and its gap to the city before and after.

An :class:`Initiative` is a name, its zones, a start year and an optional end year. The predefined ones
come from the ``omradesatsing_*`` groups of ``data/facts/zone_groups.csv`` (Lademoen, Tempe/Sorgenfri,
Saupstad–Kolstad; the ten *candidate* areas are not an initiative and are left out). Their start and end
years are taken ONLY from a source in ``data/facts`` (:data:`KNOWN_YEARS`); none of the documents there
states when an områdesatsing started, so every predefined start year is ``None`` = unknown, and the
user supplies one (which the page and the URL then carry).

The effect view is a difference in differences of the *gap*: the area's figure minus a reference (the
city, or a comparison group of similar zones chosen on the years before the start, excluding the area
and its neighbours — :func:`comparison_group`), averaged after the start minus averaged before it.

- With numerators and denominators in every year used, each period's figures are pooled (Σ numerators
  over Σ denominators over the period's years) and the 95 % interval of the difference in differences
  comes from the binomial variances of the four pooled shares (area and reference, before and after),
  added as if independent. The area is part of the city, so the true variance of an area-minus-city gap
  is smaller (the interval is conservative there); but the same people are counted in successive years,
  so the pooled counts overstate the information (the interval is too narrow there). Both are stated
  as caveats (:data:`CAVEATS`).
- Otherwise (survey shares, suppressed years) the gap is the mean of the yearly gaps and no interval is
  given.

Years from the start year on count as "after", also after an end year: an effect may outlast the
initiative's funding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.analysis.profile import trend_series
from geo.analysis.similarity import similar_to_set
from geo.analysis.stats import Z95
from geo.analysis.zonesets import ZoneSet, known_zone_ids, predefined_sets
from geo.errors import UnknownChoiceError

#: Group ids that are initiatives (the prefix) and those that are not (candidates for one).
INITIATIVE_PREFIX = "omradesatsing_"
NOT_INITIATIVES = frozenset({"omradesatsing_kandidater"})
#: group id → (start year, end year, source) as a document in data/facts states them. Deliberately
#: empty: no source there gives a start year (the Pilot 0-24 report dates the project "Sammen på Lademoen"
#: Sep 2022 – Dec 2023, a project *within* the områdesatsing, not the områdesatsing itself).
KNOWN_YEARS: dict[str, tuple[int | None, int | None, str]] = {}
#: Fewest people in an area's yearly denominator before "small numbers" is flagged.
SMALL_DENOMINATOR = 500

#: Caveat key → (bokmål, English). Shown next to every difference-in-differences figure.
CAVEATS: dict[str, tuple[str, str]] = {
    "no_causal_claim": (
        "Dette viser hvordan gapet endret seg, ikke at satsingen forårsaket endringen: mye annet skjer samtidig.",
        "This shows how the gap changed, not that the initiative caused the change: much else happens at the same time."),
    "regression_to_mean": (
        "Områdene ble valgt fordi tallene var dårlige. Tall som er uvanlig dårlige ett år, blir ofte bedre av seg "
        "selv (regresjon mot gjennomsnittet).",
        "The areas were chosen because their figures were bad. Unusually bad figures often improve by themselves "
        "(regression to the mean)."),
    "small_numbers": (
        "Små tall: i soner med få personer kan noen få flyttinger endre andelen mye.",
        "Small numbers: in zones with few people a few moves can change the share a lot."),
    "start_unknown": (
        "Kildene oppgir ikke når satsingen startet. Velg et startår for å se før og etter.",
        "The sources do not say when the initiative started. Choose a start year to see before and after."),
    "few_years": (
        "Få år før eller etter start: forskjellen hviler på lite data.",
        "Few years before or after the start: the difference rests on little data."),
    "no_interval": (
        "Usikkerheten kan ikke beregnes (teller og nevner mangler for noen år).",
        "The uncertainty cannot be computed (numerator and denominator are missing for some years)."),
    "years_not_independent": (
        "Intervallet behandler årene som uavhengige; de samme personene telles flere år, så det er trolig for smalt.",
        "The interval treats the years as independent; the same people are counted in several years, so it is "
        "probably too narrow."),
    "comparison_excludes_neighbours": (
        "Sammenligningssonene er valgt på årene før start, uten satsingens egne soner og nabosoner (smitte).",
        "The comparison zones were chosen on the years before the start, without the initiative's own zones and "
        "their neighbours (spill-over)."),
}

DID_COLUMNS = ["reference", "before_years", "after_years", "gap_before", "gap_after", "did", "ci_low", "ci_high",
               "method", "caveats"]


@dataclass(frozen=True)
class Initiative:
    """An area-based initiative.

    Parameters
    ----------
    id : str
        Group id of a predefined initiative, ``user`` otherwise.
    name : str
        Display name.
    zone_ids : tuple of str
        Its zones.
    start_year, end_year : int or None
        None = unknown (never guessed).
    source : str
        Where the area comes from; ``years_source`` where the years come from (empty when unknown or
        given by the user).
    """

    id: str
    name: str
    zone_ids: tuple[str, ...]
    start_year: int | None = None
    end_year: int | None = None
    source: str = ""
    years_source: str = ""

    def __post_init__(self) -> None:
        if not self.zone_ids:
            raise ValueError(f"initiative {self.name!r} has no zones")
        if self.start_year is not None and self.end_year is not None and self.end_year < self.start_year:
            raise ValueError(f"initiative {self.name!r}: end year {self.end_year} is before start year {self.start_year}")

    def with_years(self, start_year: int | None, end_year: int | None = None) -> Initiative:
        """A copy with the user's start (and end) year; the years' source is cleared."""
        return Initiative(self.id, self.name, self.zone_ids, start_year, end_year, self.source, "")

    def as_set(self) -> ZoneSet:
        """The initiative's zones as a :class:`~geo.analysis.zonesets.ZoneSet`."""
        return ZoneSet(self.id, {"nb": self.name, "en": self.name}, self.zone_ids, "group", self.source)


def predefined_initiatives(dataset, groups: pd.DataFrame | None = None) -> list[Initiative]:
    """The områdesatsinger of the facts that apply to ``dataset`` (years from :data:`KNOWN_YEARS` only)."""
    out = []
    for s in predefined_sets(dataset, groups):
        if s.kind != "group" or not s.id.startswith(INITIATIVE_PREFIX) or s.id in NOT_INITIATIVES:
            continue
        start, end, src = KNOWN_YEARS.get(s.id, (None, None, ""))
        out.append(Initiative(s.id, s.name("nb"), s.zone_ids, start, end, s.source, src))
    return out


def find_initiative(dataset, initiative_id: str, groups: pd.DataFrame | None = None) -> Initiative:
    """The predefined initiative ``initiative_id``.

    Raises
    ------
    UnknownChoiceError
        Listing the known initiative ids.
    """
    known = predefined_initiatives(dataset, groups)
    for i in known:
        if i.id == initiative_id:
            return i
    raise UnknownChoiceError("initiative", initiative_id, [i.id for i in known])


def user_initiative(dataset, zone_ids: Iterable[str], start_year: int | None, end_year: int | None = None,
                    name: str | None = None) -> Initiative:
    """A user's own initiative; unknown zone ids raise ``ValueError`` naming them."""
    kept, dropped = known_zone_ids(dataset, zone_ids)
    if dropped:
        raise ValueError(f"zone ids not in the dataset: {', '.join(dropped)}")
    return Initiative("user", name or "Egen satsing", tuple(kept), start_year, end_year)


def comparison_group(dataset, initiative: Initiative, indicator_ids: Sequence[str], k: int = 5, *,
                     public: bool = True) -> pd.DataFrame:
    """The ``k`` zones most like the initiative's area on the years before its start.

    Excludes the area's zones and their neighbours (:func:`geo.analysis.similarity.similar_to_set`).

    Raises
    ------
    ValueError
        When the start year is unknown or no indicator has a year before it.
    """
    if initiative.start_year is None:
        raise ValueError(f"{initiative.name}: the start year is unknown; choose one to pick comparison zones")
    years = sorted({y for i in indicator_ids for y in dataset.years(i) if y < initiative.start_year})
    if not years:
        raise ValueError(f"{initiative.name}: no values before {initiative.start_year} for the chosen indicators")
    return similar_to_set(dataset, initiative.zone_ids, indicator_ids, years, k, public=public)


def gap_series(dataset, initiative: Initiative, indicator_id: str, comparison_zone_ids: Sequence[str] = (), *,
               public: bool = True) -> pd.DataFrame:
    """The area, the city and the comparison group per year, and the area's gaps to both.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``area``, ``area_num``, ``area_den``, ``city``, ``city_num``, ``city_den``,
        ``comparison``, ``comparison_num``, ``comparison_den``, ``gap_city``, ``gap_comparison``,
        ``period`` (``before``/``after``, or None without a start year). Gaps are NaN where a figure is.
    """
    area = trend_series(dataset, list(initiative.zone_ids), indicator_id, public=public)
    every = trend_series(dataset, list(dataset.zones["zone_id"]), indicator_id, public=False)
    out = pd.DataFrame({"year": area["year"], "area": area["value"], "area_num": area["numerator"],
                        "area_den": area["denominator"], "city": area["city_value"],
                        "city_num": every["numerator"], "city_den": every["denominator"]})
    if len(comparison_zone_ids):
        comp = trend_series(dataset, list(comparison_zone_ids), indicator_id, public=public)
        out["comparison"], out["comparison_num"], out["comparison_den"] = (comp["value"], comp["numerator"],
                                                                           comp["denominator"])
    else:
        out["comparison"] = out["comparison_num"] = out["comparison_den"] = np.nan
    out["gap_city"] = out["area"] - out["city"]
    out["gap_comparison"] = out["area"] - out["comparison"]
    start = initiative.start_year
    out["period"] = None if start is None else np.where(out["year"] < start, "before", "after")
    return out


def _pooled(frame: pd.DataFrame, prefix: str, scale: float) -> tuple[float, float] | None:
    """Pooled share (in the unit) and its binomial variance, or None when a year lacks counts."""
    num, den = frame[f"{prefix}_num"], frame[f"{prefix}_den"]
    if frame.empty or num.isna().any() or den.isna().any() or (den <= 0).any():
        return None
    p = float(num.sum() / den.sum())
    return p * scale, p * (1 - p) / float(den.sum()) * scale * scale


def difference_in_differences(dataset, initiative: Initiative, indicator_id: str,
                              comparison_zone_ids: Sequence[str] = (), *, public: bool = True) -> pd.DataFrame:
    """Before/after change of the area's gap to the city and to the comparison group.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    initiative : Initiative
        The area and its start year (None: no before/after, caveat ``start_unknown``).
    indicator_id : str
        The indicator.
    comparison_zone_ids : sequence of str
        The comparison group (e.g. :func:`comparison_group`); empty: only the city row.
    public : bool
        Use only the figures the public may see.

    Returns
    -------
    pandas.DataFrame
        One row per reference (``city``, ``comparison``), columns :data:`DID_COLUMNS`: the years in each
        period, the gap before and after, their difference ``did`` (in the indicator's unit; positive =
        the area moved up relative to the reference), its 95 % interval where the counts allow it,
        ``method`` (``pooled_binomial`` or ``mean_of_years``) and the caveat keys (:data:`CAVEATS`) that
        apply.
    """
    indicator = dataset.indicator(indicator_id)
    series = gap_series(dataset, initiative, indicator_id, comparison_zone_ids, public=public)
    refs = ["city"] + (["comparison"] if len(comparison_zone_ids) else [])
    base = ["no_causal_claim", "regression_to_mean"]
    if initiative.start_year is None:
        return pd.DataFrame([{"reference": r, "before_years": [], "after_years": [], "gap_before": np.nan,
                              "gap_after": np.nan, "did": np.nan, "ci_low": np.nan, "ci_high": np.nan, "method": None,
                              "caveats": [*base, "start_unknown"]} for r in refs], columns=DID_COLUMNS)
    small = bool((series["area_den"].dropna() < SMALL_DENOMINATOR).any() or
                 (series["area"].isna() & series["city"].notna()).any())
    rows = []
    for ref in refs:
        usable = series.dropna(subset=["area", ref])
        before, after = usable[usable["period"] == "before"], usable[usable["period"] == "after"]
        caveats = list(base)
        if small:
            caveats.append("small_numbers")
        if len(before) < 2 or len(after) < 2:
            caveats.append("few_years")
        if ref == "comparison":
            caveats.append("comparison_excludes_neighbours")
        row = {"reference": ref, "before_years": [int(y) for y in before["year"]],
               "after_years": [int(y) for y in after["year"]], "gap_before": np.nan, "gap_after": np.nan,
               "did": np.nan, "ci_low": np.nan, "ci_high": np.nan, "method": None, "caveats": caveats}
        if before.empty or after.empty:
            rows.append(row)
            continue
        parts = [_pooled(before, "area", indicator.scale), _pooled(before, ref, indicator.scale),
                 _pooled(after, "area", indicator.scale), _pooled(after, ref, indicator.scale)]
        if indicator.aggregation == "ratio" and all(p is not None for p in parts):
            (ab, vab), (rb, vrb), (aa, vaa), (ra, vra) = parts
            gap_b, gap_a = ab - rb, aa - ra
            half = Z95 * float(np.sqrt(vab + vrb + vaa + vra))
            did = gap_a - gap_b
            row.update(gap_before=gap_b, gap_after=gap_a, did=did, ci_low=did - half, ci_high=did + half,
                       method="pooled_binomial")
            caveats.append("years_not_independent")
        else:
            gap = f"gap_{ref}"
            gap_b, gap_a = float(before[gap].mean()), float(after[gap].mean())
            row.update(gap_before=gap_b, gap_after=gap_a, did=gap_a - gap_b, method="mean_of_years")
            caveats.append("no_interval")
        rows.append(row)
    return pd.DataFrame(rows, columns=DID_COLUMNS)


def caveat_text(key: str, lang: str = "nb") -> str:
    """The caveat ``key`` in ``lang`` (``nb`` or ``en``)."""
    nb, en = CAVEATS[key]
    return en if lang == "en" else nb


#: Separates the area from the years in an initiative's URL value (``omradesatsing_lademoen@2019``).
PARAM_YEARS = "@"


def initiative_param(initiative: Initiative) -> str:
    """The initiative as one URL value: ``<group id or zone ids>[@start[-end]]``.

    A predefined initiative is written by its id (its zones come from the facts), a user's by its zone
    ids joined with commas; the years only when known. :func:`parse_initiative_param` reads it back.
    """
    area = initiative.id if initiative.id != "user" else ",".join(initiative.zone_ids)
    if initiative.start_year is None and initiative.end_year is None:
        return area
    start = "" if initiative.start_year is None else str(initiative.start_year)
    end = "" if initiative.end_year is None else f"-{initiative.end_year}"
    return f"{area}{PARAM_YEARS}{start}{end}"


def parse_initiative_param(dataset, value: str, groups: pd.DataFrame | None = None) -> Initiative:
    """Read an :func:`initiative_param` value back.

    Zone ids the dataset lacks are dropped (the URL may be older than the dataset); the rest must not
    be empty.

    Raises
    ------
    ValueError
        For malformed years, an end before the start, or no known zone; the message quotes the value.
    geo.errors.UnknownChoiceError
        For an unknown initiative id.
    """
    text = str(value).strip()
    area, _, years = text.partition(PARAM_YEARS)
    start = end = None
    if years:
        first, _, last = years.partition("-")
        try:
            start = int(first) if first else None
            end = int(last) if last else None
        except ValueError as exc:
            raise ValueError(f"initiative {text!r}: years must be START or START-END, e.g. 2019-2023") from exc
    if area.startswith(INITIATIVE_PREFIX):
        known = find_initiative(dataset, area, groups)
        return known if not years else known.with_years(start, end)
    kept, _ = known_zone_ids(dataset, [z for z in area.split(",") if z])
    if not kept:
        raise ValueError(f"initiative {text!r}: none of its zones is in the dataset")
    return user_initiative(dataset, kept, start, end)
