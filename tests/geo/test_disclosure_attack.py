"""The attacker's view of everything ``geo export`` writes, over random districts and counts (Hypothesis).

For a random dataset (districts, zones, years, two share indicators sharing their denominator, a count
indicator), every format of every indicator and year is exported as the public gets it, parsed back, and
attacked:

- **indistinguishability** (the strongest attack there is): change every hidden cell to another value the
  rules also hide, export again — every file must be byte-identical, so no combination of published
  figures (subtraction, all but one part, overlapping totals, other years or indicators) can tell the
  hidden values apart;
- **no lone hidden zone**: no bydel of two or more zones, nor the city, has exactly one hidden zone, so an
  official total from elsewhere minus the visible zones never is one zone's count;
- **the classic attacks, explicitly**: a bydel total minus its visible zones, the city total minus its
  visible zones, and the city total minus every other bydel's total minus the zone's visible neighbours,
  each year, with the hidden zone's denominator given to the attacker (published by the other indicator
  or simply known). In public mode they recover nothing; internally (no public mode) the same attacks
  recover the exact hidden count — the internal figures are exact, and the attacker works.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, values_frame
from geo.export import MEDIA_TYPES, export_bytes
from geo.privacy import DEFAULT_RULES, for_output

SHARES = ("child_low_income", "child_persistent_low_income")  # the same denominator: children in the zone
COUNT = "population"
RULES = DEFAULT_RULES


def is_hidden(num: int, den: int) -> bool:
    return den < RULES.min_denominator or 1 <= num < RULES.min_numerator or 0 <= den - num < RULES.min_complement


def hidden_alternatives(num: int, den: int) -> list[int]:
    """Numerators the rules hide for this denominator (a hidden cell may be any of them)."""
    return [x for x in range(den + 1) if is_hidden(x, den)]


@st.composite
def datasets(draw):
    """(cells, zone table): random districts of 1–3 zones, 1–2 years, counts with many small ones."""
    n_districts = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(n_districts)]
    years = list(range(2020, 2020 + draw(st.integers(1, 2))))
    zones = [(f"Z{d}{i}", f"B{d}") for d, size in enumerate(sizes) for i in range(size)]
    small_or_large = st.one_of(st.integers(1, 25), st.integers(20, 400))
    cells = {}
    for year in years:
        for zone, _ in zones:
            den = draw(small_or_large)
            for ind in SHARES:
                num = draw(st.one_of(st.integers(0, min(den, 5)), st.integers(max(0, den - 5), den),
                                     st.integers(0, den)))
                cells[(zone, ind, year)] = (num, den)
            cells[(zone, COUNT, year)] = (draw(st.integers(0, 60)), None)
    return zones, years, cells


def build(zones, cells) -> Dataset:
    geo = gpd.GeoDataFrame({"zone_id": [z for z, _ in zones], "name": [f"Sone {z}" for z, _ in zones],
                            "district": [d for _, d in zones]},
                           geometry=[box(270000 + 500 * i, 7040000, 270500 + 500 * i, 7040500)
                                     for i in range(len(zones))], crs="EPSG:25833")
    rows = []
    for (zone, ind, year), (num, den) in cells.items():
        if den is None:
            rows.append({"zone_id": zone, "indicator": ind, "year": year, "value": num, "status": "synthetic",
                         "source": "test"})
        else:
            rows.append({"zone_id": zone, "indicator": ind, "year": year, "value": num / den * 100,
                         "numerator": num, "denominator": den, "status": "synthetic", "source": "test"})
    return Dataset(zones=geo, values=values_frame(rows), catalog=DEFAULT_CATALOG, meta={"name": "attack", "demo": True})


def perturbed(cells, draw_choice) -> dict:
    """The same dataset with every hidden cell changed to another value the rules also hide."""
    out = dict(cells)
    for key, (num, den) in cells.items():
        if den is None:
            if num < RULES.min_count:
                out[key] = (draw_choice([x for x in range(RULES.min_count) if x != num] or [num]), None)
        elif is_hidden(num, den):
            out[key] = (draw_choice([x for x in hidden_alternatives(num, den) if x != num] or [num]), den)
    return out


def parse(fmt: str, data: bytes) -> pd.DataFrame:
    """What the attacker reads back from a download."""
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data), dtype={"zone_id": str})
    if fmt == "geojson":
        return pd.DataFrame([f["properties"] for f in json.loads(data)["features"]])
    if fmt == "xlsx":
        return pd.read_excel(io.BytesIO(data), sheet_name=1, dtype={"zone_id": str})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.gpkg"
        path.write_bytes(data)
        layer = next(name for name, _ in pyogrio.list_layers(path) if name != "notes")
        return pd.DataFrame(pyogrio.read_dataframe(path, layer=layer, read_geometry=False))


def downloads(ds: Dataset, years, formats=tuple(MEDIA_TYPES)) -> dict:
    return {(ind, year, fmt): export_bytes(ds, ind, year, fmt)
            for ind in (*SHARES, COUNT) for year in years for fmt in formats}


def attacks(table: pd.DataFrame, zone: str, den_h: float) -> list[float]:
    """Estimates of ``zone``'s hidden numerator from the totals published beside it (shares in per cent)."""
    t = table.set_index("zone_id")
    visible = t[t["numerator"].notna() & t["denominator"].notna()]
    district = t.loc[zone, "district"]
    out = []
    same = visible[visible["district"] == district]
    if pd.notna(t.loc[zone, "district_value"]):  # bydel total minus its visible zones
        out.append(t.loc[zone, "district_value"] / 100 * (same["denominator"].sum() + den_h) - same["numerator"].sum())
    city = t["city_value"].iloc[0]
    if pd.notna(city):  # city total minus all visible zones
        out.append(city / 100 * (visible["denominator"].sum() + den_h) - visible["numerator"].sum())
        # two overlapping totals: city minus the other bydeler's totals minus the zone's visible neighbours
        others = t[t["district"] != district].groupby("district")
        other_num = sum(g["district_value"].iloc[0] / 100 * g["denominator"].sum() for _, g in others
                        if g["denominator"].notna().all() and pd.notna(g["district_value"].iloc[0]))
        other_den = sum(g["denominator"].sum() for _, g in others if g["denominator"].notna().all())
        out.append(city / 100 * (other_den + same["denominator"].sum() + den_h) - other_num - same["numerator"].sum())
    return out


FAST = settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow])  # no shrinking: a failure prints its example


@FAST
@given(datasets(), st.data())
def test_public_exports_reveal_nothing_about_hidden_cells(drawn, data):
    zones, years, cells = drawn
    other = perturbed(cells, lambda xs: data.draw(st.sampled_from(xs)))
    public_a = downloads(for_output(build(zones, cells), public=True), years)
    public_b = downloads(for_output(build(zones, other), public=True), years)
    for key, content in public_a.items():
        assert content == public_b[key], f"{key}: a hidden cell changes what the public downloads"
    # every format says the same: every cell the rules hide is hidden, hidden rows carry no number, visible
    # rows carry exact ones; and no bydel of two or more zones, nor the city, has exactly one hidden zone
    # (an official total from elsewhere minus the visible zones would be that zone's count)
    for (ind, year, fmt), content in public_a.items():
        table = parse(fmt, content).set_index("zone_id")
        for zone, _ in zones:
            num, den = cells[(zone, ind, year)]
            primary = num < RULES.min_count if den is None else is_hidden(num, den)
            row = table.loc[zone]
            assert row["status"] == "suppressed" or not primary, (ind, year, fmt, zone)
            if row["status"] == "suppressed":
                assert row[["value", "numerator", "denominator", "rank"]].isna().all(), (ind, year, fmt, zone)
            else:
                assert row["value"] == pytest.approx(num if den is None else num / den * 100, rel=1e-12)
        hidden = table["status"].eq("suppressed")
        groups = [table.index[table["district"] == d] for d in table["district"].unique()] + [table.index]
        for members in groups:
            if len(members) >= 2:
                assert hidden[members].sum() != 1, (ind, year, fmt, list(members), hidden[members].tolist())


@FAST
@given(datasets(), st.data())
def test_subtraction_attacks_find_nothing_publicly_and_everything_internally(drawn, data):
    zones, years, cells = drawn
    other = perturbed(cells, lambda xs: data.draw(st.sampled_from(xs)))
    public_a, public_b = (for_output(build(zones, c), public=True) for c in (cells, other))
    internal = build(zones, cells)
    for ind in SHARES:
        for year in years:
            hidden = [z for z, _ in zones if is_hidden(*cells[(z, ind, year)])]
            if not hidden:
                continue
            ta, tb = (parse("csv", export_bytes(d, ind, year, "csv")) for d in (public_a, public_b))
            ti = parse("csv", export_bytes(internal, ind, year, "csv"))
            for zone in hidden:
                num, den = cells[(zone, ind, year)]
                # publicly the estimates are the same whatever the hidden count is: they say nothing about it
                assert attacks(ta, zone, float(den)) == attacks(tb, zone, float(den)), (zone, ind, year)
                if len(hidden) == 1:  # internally the exact city total gives a lone hidden zone away
                    assert any(abs(e - num) < 1e-6 for e in attacks(ti, zone, float(den))), (zone, ind, year)


def test_the_attack_recovers_the_hidden_count_of_the_issue_internally():
    """The reported case: 2 of 43 children, the bydel total beside every other zone's counts."""
    zones = [("Z00", "B0"), ("Z01", "B0"), ("Z02", "B0")]
    cells = {}
    for zone, (num, den) in zip(["Z00", "Z01", "Z02"], [(2, 43), (30, 200), (50, 400)], strict=True):
        for ind in SHARES:
            cells[(zone, ind, 2024)] = (num, den)
        cells[(zone, COUNT, 2024)] = (den, None)
    table = parse("csv", export_bytes(build(zones, cells), SHARES[0], 2024, "csv"))
    assert any(abs(e - 2) < 1e-6 for e in attacks(table, "Z00", 43.0))
    public = parse("csv", export_bytes(for_output(build(zones, cells), public=True), SHARES[0], 2024, "csv"))
    estimates = attacks(public, "Z00", 43.0)
    assert estimates and not any(abs(e - 2) < 0.5 for e in estimates)
    # Z00 alone hidden would fall out of the official city total: the smallest other zone (Z01) is hidden too,
    # and the city figure rests on Z02 alone
    assert public.set_index("zone_id").loc[["Z00", "Z01"], "status"].eq("suppressed").all()
    assert np.isclose(public["city_value"].iloc[0], 50 / 400 * 100)


@FAST
@given(datasets(), st.data())
def test_aggregated_sets_and_trends_are_blind_to_hidden_cells(drawn, data):
    """A zone set a visitor picks (any subset), and the yearly trend of a zone, its bydel and the city,
    are the same whatever the hidden cells hold: no set, overlap of sets or year gives a hidden zone away."""
    from geo.analysis.profile import trend_series
    from geo.analysis.zonesets import aggregate_set

    zones, years, cells = drawn
    other = perturbed(cells, lambda xs: data.draw(st.sampled_from(xs)))
    a, b = (for_output(build(zones, c), public=True) for c in (cells, other))
    ids = [z for z, _ in zones]
    subsets = [data.draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)) for _ in range(3)]
    for ind in (*SHARES, COUNT):
        for year in years:
            for subset in subsets:
                fa, fb = (aggregate_set(d, ind, year, subset) for d in (a, b))
                assert pd.Series(fa).equals(pd.Series(fb)), (ind, year, subset)
        for zone in ids:
            pd.testing.assert_frame_equal(trend_series(a, zone, ind), trend_series(b, zone, ind))
