"""What a profile report says, computed once and shared by the HTML page, the CLI's JSON and the app."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.analysis.compare import Area, resolve_area
from geo.analysis.profile import JSON_FIELDS, area_profile, trend_series
from geo.analysis.similarity import SIMILAR_COLUMNS, similar_to_set, similar_zones
from geo.analysis.summary import summary


@dataclass(frozen=True)
class ProfileContent:
    """Everything a profile report shows.

    Parameters
    ----------
    area : geo.analysis.compare.Area
        The zone or the aggregated set.
    year : int or None
        The profile's year (None: the dataset has no values).
    profile : pandas.DataFrame
        :func:`geo.analysis.profile.area_profile`.
    summary : dict
        ``{"nb": [...], "en": [...]}`` (:func:`geo.analysis.summary.summary`).
    similar : pandas.DataFrame
        :func:`geo.analysis.similarity.similar_zones` (or ``similar_to_set`` for a set).
    dataset_name : str
        The dataset's name.
    demo : bool
        Whether the dataset is a demonstration.
    """

    area: Area
    year: int | None
    profile: pd.DataFrame
    summary: dict
    similar: pd.DataFrame
    dataset_name: str
    demo: bool


def similarity_indicators(profile: pd.DataFrame, dataset) -> list[str]:
    """Indicators a "zones like this one" list uses by default: the profile's, except counts.

    Counts (aggregation ``sum``, e.g. population) measure size, not living conditions, and a set's sum
    is never like one zone's.
    """
    return [i for i in profile["id"] if dataset.indicator(i).aggregation != "sum"]


def build_profile(dataset, area, year: int | None = None, *, k: int = 5, public: bool = True, lang: str = "nb",
                  similar_indicators: list[str] | None = None) -> ProfileContent:
    """Profile, trends → summary, and the ``k`` most similar zones of an area.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    area : str, list of str, ZoneSet or Area
        See :func:`geo.analysis.compare.resolve_area`.
    year : int, optional
        Default: the latest year with values.
    k : int
        How many similar zones.
    public : bool
        Apply small-count suppression.
    lang : str
        Language of names and labels in the table (the summary comes in both languages).
    similar_indicators : list of str, optional
        What "alike" means; default :func:`similarity_indicators`.
    """
    a = resolve_area(dataset, area, lang)
    profile = area_profile(dataset, a, year, public=public, lang=lang)
    year = int(profile["year"].max()) if len(profile) else year
    trends = {ind: trend_series(dataset, a, ind, public=public, lang=lang) for ind in profile["id"]}
    inds = similarity_indicators(profile, dataset) if similar_indicators is None else similar_indicators
    similar = pd.DataFrame(columns=SIMILAR_COLUMNS)
    if inds and year is not None:
        try:
            if a.kind == "zone":
                similar = similar_zones(dataset, a.id, inds, year, k, public=public)
            else:
                similar = similar_to_set(dataset, a.zone_ids, inds, year, k, public=public, exclude_neighbours=False)
        except ValueError:
            pass  # the area has no values to compare on: the report says "no comparable zones"
    return ProfileContent(a, year, profile, summary(profile, trends), similar, dataset.name, dataset.is_demo)


def _plain(value):
    """A JSON-safe Python value: NaN/NA → None, numpy scalars → int/float."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    return value


def profile_json(content: ProfileContent) -> dict:
    """The report as the JSON object of the CLI's ``--json``.

    Returns
    -------
    dict
        ``{"area": {"name", "zone_ids"}, "year", "indicators": [{JSON_FIELDS}], "summary": {"nb", "en"},
        "similar": [{"zone_id", "name", "distance"}]}``; missing numbers are None (JSON ``null``).
    """
    indicators = [{f: _plain(r[f]) for f in JSON_FIELDS} for _, r in content.profile.iterrows()]
    for item in indicators:
        for f in ("rank", "n_ranked"):
            item[f] = None if item[f] is None else int(item[f])
    return {
        "area": {"name": content.area.name, "zone_ids": list(content.area.zone_ids)},
        "year": None if content.year is None else int(content.year),
        "indicators": indicators,
        "summary": {"nb": list(content.summary["nb"]), "en": list(content.summary["en"])},
        "similar": [{"zone_id": str(r["zone_id"]), "name": str(r["name"]), "distance": _plain(r["distance"])}
                    for _, r in content.similar.iterrows()],
    }
