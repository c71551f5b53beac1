"""The embedded demo dataset: what the foundation issue promises about it."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from geo.cli import main
from geo.config import DEMO_DATASET
from geo.data.dataset import load


@pytest.fixture(scope="module")
def demo():
    return load(DEMO_DATASET)


def test_info_json(capsys):
    assert main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["zones"] == 60
    assert {"child_low_income", "green_space_satisfaction", "transit_access"} <= set(info["indicators"])
    assert len(info["indicators"]) >= 12
    assert len(info["years"]) >= 5
    assert info["demo"] is True
    assert info["name"] == "Trondheim levekårssoner (demonstrasjon)"


def test_zones_form_a_clean_coverage(demo):
    geoms = np.asarray(demo.zones.geometry)
    assert all(g.geom_type == "Polygon" and g.is_valid and not g.is_empty for g in geoms)
    assert shapely.coverage_is_valid(geoms)
    # pairwise overlaps below 1 m²
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert overlap.max() < 1.0
    # no holes between neighbours: the union has no interior rings smaller than a zone
    union = shapely.union_all(geoms)
    holes = [shapely.Polygon(r).area for g in getattr(union, "geoms", [union]) for r in g.interiors]
    assert all(h < 1.0 or h > 1e5 for h in holes)


def test_metadata_says_schematic_and_demo(demo):
    assert demo.is_demo
    assert "schematic" in demo.meta["geometry"]
    assert "approximate" in demo.meta["district_note"]
    assert set(demo.zones["district"]) == {"Midtbyen", "Østbyen", "Lerkendal", "Heimdal"}


def test_published_figures_kept_with_source(demo):
    v = demo.values
    pub = v[v["status"] == "published"].merge(demo.zones[["zone_id", "name"]], on="zone_id")
    got = {(r.name, r.indicator, r.year): (r.value, r.denominator) for r in pub.itertuples()}
    assert got[("Lademoen", "child_low_income", 2022)] == (35.0, 432.0)
    assert got[("Midtbyen", "child_low_income", 2022)] == (21.0, 190.0)
    assert pub["source"].str.contains("SSB").all()
    assert set(v["status"]) <= {"published", "synthetic", "computed"}
    assert (v.loc[v["status"] == "synthetic", "source"].str.contains("Syntetisk")).all()
    assert (v.loc[v["status"] == "computed", "source"].str.contains("SYNTHETIC demo inputs")).all()


def test_access_indicators_are_computed_by_the_access_code(demo):
    from geo.access import demo_access_values

    v = demo.values[demo.values.indicator.isin(["transit_access", "green_access"])].reset_index(drop=True)
    assert set(v["status"]) == {"computed"}
    again = demo_access_values(demo.zones, 2024)
    merged = v.merge(again, on=["zone_id", "indicator", "year"], suffixes=("", "_again"))
    assert len(merged) == len(v) == 120
    assert (merged["value"].fillna(-1) - merged["value_again"].fillna(-1)).abs().max() < 1e-9


def test_every_value_has_source_year_status(demo):
    v = demo.values
    assert v["source"].str.len().min() > 0
    assert v["year"].notna().all() and v["status"].notna().all()


def test_synthetic_levels_anchored_to_published_city_figure(demo):
    from geo.benchmarks import zone_facts

    city = zone_facts(demo, "child_low_income", 2022)["city_value"].iloc[0]
    assert city == pytest.approx(8.6, abs=0.3)
    ref = demo.references
    assert ((ref.indicator == "child_low_income") & (ref.year == 2022) & (ref.value == 8.6)).any()


def test_small_zones_exist_for_suppression(demo):
    v = demo.values
    small = v[(v.indicator == "child_low_income") & (v.numerator < 5)]
    assert small["zone_id"].nunique() >= 2


def test_survey_values_have_ci(demo):
    v = demo.values[demo.values.indicator == "green_space_satisfaction"]
    assert (v.ci_low <= v.value).all() and (v.value <= v.ci_high).all()


def test_rebuild_is_deterministic(demo):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_demo", DEMO_DATASET.parent / "build_demo.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.build().equals(demo)
