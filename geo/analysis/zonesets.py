"""Zone sets: a named list of zones treated as one area.

A set is a predefined group (the groups named in municipal plans, ``data/facts/zone_groups.csv``),
a district (bydel), all zones, or a user's own list. Sets are addressed by a short, URL-safe id:
the group id from the facts file (``omradesatsing_lademoen``), ``bydel:<district>`` or ``all``.
Group members are matched to the dataset by name (accent-insensitive), so a group still works on a
fetched dataset whose zone ids differ from the demo's; members the dataset lacks are reported, not
guessed.

:func:`aggregate_set` turns a set into one figure with the rules of :mod:`geo.benchmarks`: the sum of
numerators over the sum of denominators for shares, sums for counts, resident-weighted means (labelled
``weighted``) for survey shares without numerators, and a plain mean only when nothing else is known
(labelled ``mean``). Suppressed zones count in the sums — suppression hides a zone's figure, not its
people — and the aggregate itself is suppressed when it rests on a small count.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from geo.analysis.stats import interval_for
from geo.benchmarks import aggregate, resident_weights
from geo.config import FACTS_DIR
from geo.errors import UnknownChoiceError
from geo.search import fold

#: The groups file (columns group_id, group_name_nb, zone_name, source).
GROUPS_FILE = FACTS_DIR / "zone_groups.csv"
ALL_ID = "all"
DISTRICT_PREFIX = "bydel:"

_ALL_NAMES = {"nb": "Alle soner", "en": "All zones"}


@dataclass(frozen=True)
class ZoneSet:
    """A named list of zones.

    Parameters
    ----------
    id : str
        URL-safe id (``all``, ``bydel:Østbyen``, a group id, or ``user``).
    names : dict
        Display name per language (``nb``, ``en``).
    zone_ids : tuple of str
        Member zone ids in dataset order.
    kind : str
        ``all``, ``district``, ``group`` or ``user``.
    source : str
        Where the grouping comes from (a plan document for groups), empty otherwise.
    missing : tuple of str
        Member names the dataset does not have (groups only).
    """

    id: str
    names: dict = field(hash=False)
    zone_ids: tuple[str, ...]
    kind: str
    source: str = ""
    missing: tuple[str, ...] = ()

    def name(self, lang: str = "nb") -> str:
        """Display name in ``lang`` (bokmål when no English name is known)."""
        return self.names.get(lang) or self.names.get("nb") or self.id


def read_groups(path: str | Path = GROUPS_FILE) -> pd.DataFrame:
    """The predefined groups table (one row per group member)."""
    return pd.read_csv(path, dtype=str)


def _in_dataset_order(dataset, ids) -> tuple[str, ...]:
    wanted = set(ids)
    return tuple(z for z in dataset.zones["zone_id"] if z in wanted)


def predefined_sets(dataset, groups: pd.DataFrame | None = None) -> list[ZoneSet]:
    """All zones, the districts and the plan groups, as they apply to ``dataset``.

    Groups none of whose members the dataset has are left out (a dataset of another city).
    """
    groups = read_groups() if groups is None else groups
    sets = [ZoneSet(ALL_ID, dict(_ALL_NAMES), tuple(dataset.zones["zone_id"]), "all")]
    for district in dataset.districts():
        ids = dataset.zones.loc[dataset.zones["district"] == district, "zone_id"]
        sets.append(ZoneSet(DISTRICT_PREFIX + district, {"nb": f"Bydel {district}", "en": f"District {district}"},
                            _in_dataset_order(dataset, ids), "district"))
    by_name = dict(zip(dataset.zones["name"].map(fold), dataset.zones["zone_id"]))
    for gid, rows in groups.groupby("group_id", sort=False):
        names = rows["zone_name"].tolist()
        ids = [by_name[fold(n)] for n in names if fold(n) in by_name]
        if not ids:
            continue
        sources = [s for s in rows["source"].fillna("") if s and not s.startswith("same")]
        name_nb = rows["group_name_nb"].iloc[0]
        sets.append(ZoneSet(gid, {"nb": name_nb}, _in_dataset_order(dataset, ids), "group",
                            source=sources[0] if sources else "",
                            missing=tuple(n for n in names if fold(n) not in by_name)))
    return sets


def user_set(dataset, zone_ids, name: str | None = None) -> ZoneSet:
    """A user's own set of the given zones (unknown ids are dropped; see :func:`known_zone_ids`)."""
    ids = _in_dataset_order(dataset, known_zone_ids(dataset, zone_ids)[0])
    label = name or ", ".join(zone_name(dataset, z) for z in ids[:3]) + (" …" if len(ids) > 3 else "")
    return ZoneSet("user", {"nb": label, "en": label}, ids, "user")


def known_zone_ids(dataset, zone_ids) -> tuple[list[str], list[str]]:
    """Split ``zone_ids`` into (ids the dataset has, ids it does not), keeping order, without repeats."""
    have = set(dataset.zones["zone_id"])
    kept, dropped, seen = [], [], set()
    for z in zone_ids:
        z = str(z).strip()
        if not z or z in seen:
            continue
        seen.add(z)
        (kept if z in have else dropped).append(z)
    return kept, dropped


def zone_name(dataset, zone_id: str) -> str:
    """The name of ``zone_id`` (the id itself when unknown)."""
    hit = dataset.zones.loc[dataset.zones["zone_id"] == zone_id, "name"]
    return str(hit.iloc[0]) if len(hit) else str(zone_id)


def find_set(dataset, set_id: str, groups: pd.DataFrame | None = None) -> ZoneSet:
    """The predefined set with id ``set_id`` (or whose folded name matches it).

    Raises
    ------
    UnknownChoiceError
        Listing the closest set ids first.
    """
    sets = predefined_sets(dataset, groups)
    for s in sets:
        if s.id == set_id or fold(s.id) == fold(set_id):
            return s
    for s in sets:
        if fold(s.name("nb")) == fold(set_id) or fold(s.name("en")) == fold(set_id):
            return s
    ids = [s.id for s in sets]
    raise UnknownChoiceError("zone group", set_id, close_first(set_id, ids))


def resolve_zone(dataset, token: str) -> str:
    """The zone id for a zone id or name (accents, case and Norwegian letters ignored).

    Raises
    ------
    UnknownChoiceError
        Listing the closest zone names first.
    """
    zones = dataset.zones
    token = str(token).strip()
    if token in set(zones["zone_id"]):
        return token
    folded = fold(token)
    hit = zones.loc[zones["name"].map(fold) == folded, "zone_id"]
    if len(hit) == 1:
        return str(hit.iloc[0])
    if len(hit) > 1:
        raise UnknownChoiceError("zone (ambiguous name; use the id)", token, list(hit))
    raise UnknownChoiceError("zone", token, close_first(token, list(zones["name"])))


def close_first(query: str, choices: list[str]) -> list[str]:
    """``choices`` with the accent-insensitive close matches of ``query`` first."""
    folded = {fold(c): c for c in choices}
    close = [folded[m] for m in difflib.get_close_matches(fold(query), list(folded), n=5, cutoff=0.5)]
    contains = [c for c in choices if fold(query) and fold(query) in fold(c) and c not in close]
    first = close + contains
    return first + [c for c in choices if c not in first]


def aggregate_set(dataset, indicator_id: str, year: int, zone_ids, *, public: bool = True) -> dict:
    """One figure for ``zone_ids`` taken together, with the benchmark rules.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset (internal figures; suppression is applied to the result, see ``public``).
    indicator_id, year
        What to aggregate.
    zone_ids : iterable of str
        The set's members; ids the dataset lacks are ignored.
    public : bool
        Hide the aggregate when it rests on a small count (:func:`geo.privacy.needs_suppression`).

    Returns
    -------
    dict
        ``value``, ``numerator``, ``denominator``, ``n_zones``, ``n_used``, ``method`` (``ratio``,
        ``weighted``, ``sum`` or ``mean``), ``status`` (``computed``, ``suppressed`` or ``missing``),
        and the 95 % interval ``ci_low``, ``ci_high`` with the ``test`` it rests on
        (:func:`geo.analysis.stats.interval_for`: Wilson of the pooled counts for ``ratio``; NaN/None
        for the other methods, whose uncertainty is not known).
    """
    indicator = dataset.indicator(indicator_id)
    s = dataset.slice(indicator_id, year)
    s = s[s["zone_id"].isin(set(zone_ids))]
    s = s.assign(weight=resident_weights(dataset, year, s["zone_id"]))
    return finish_aggregate(aggregate(s, indicator).iloc[0].to_dict(), indicator, public=public)


def finish_aggregate(row: dict, indicator, *, public: bool = True) -> dict:
    """Status, suppression and 95 % interval of one row of :func:`geo.benchmarks.aggregate`.

    Shared by :func:`aggregate_set` and the yearly series of :func:`geo.analysis.profile.trend_series`,
    so an area is suppressed and tested the same way wherever it is shown.
    """
    from geo.privacy import needs_suppression

    row = dict(row)
    row["n_zones"] = int(row["n_zones"])
    row["n_used"] = int(row["n_used"])
    status = "computed" if pd.notna(row["value"]) else "missing"
    if public and status == "computed" and indicator.aggregation != "sum":
        probe = pd.DataFrame([{"numerator": row["numerator"], "denominator": row["denominator"], "status": status}])
        if bool(needs_suppression(probe).iloc[0]):
            row.update(value=np.nan, numerator=np.nan, denominator=np.nan)
            status = "suppressed"
    row["status"] = status
    row["ci_low"], row["ci_high"], row["test"] = np.nan, np.nan, None
    if status == "computed" and row["method"] == "ratio":
        low, high, test = interval_for(pd.DataFrame([row]), indicator.scale)
        row["ci_low"], row["ci_high"], row["test"] = float(low.iloc[0]), float(high.iloc[0]), test.iloc[0]
    return row
