"""Same results from both backends: the demo dataset through the GeoPackage and through PostGIS, and every
figure the app shows computed from each — they must be identical, not merely close."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.analysis.change import benchmark_change, change_frame
from geo.benchmarks import aggregate, zone_facts
from geo.charts import trend_frame
from geo.config import DEMO_DATASET
from geo.mapping.display import display_layer
from geo.storage import open_backend
from geo.storage.postgis import publish


@pytest.fixture
def pair(db_url):
    gpkg = open_backend(DEMO_DATASET).load()
    publish(gpkg, db_url)
    return gpkg, open_backend(db_url).load()


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_every_figure_the_app_shows_is_identical_from_both_backends(pair):
    gpkg, pg = pair
    assert pg.version() == gpkg.version()  # the app's caches key on it
    assert pg.indicator_ids == gpkg.indicator_ids and pg.districts() == gpkg.districts()
    compared = 0
    for ind in gpkg.indicator_ids:
        assert pg.indicator(ind) == gpkg.indicator(ind) and pg.years(ind) == gpkg.years(ind)
        for year in gpkg.years(ind):
            # the map's zone facts: value, rank, city and district benchmark, as visitors see them
            _same(zone_facts(pg, ind, year), zone_facts(gpkg, ind, year))
            slice_pg, slice_gpkg = pg.slice(ind, year), gpkg.slice(ind, year)
            _same(slice_pg, slice_gpkg)
            indicator = gpkg.indicator(ind)
            _same(aggregate(slice_pg, indicator), aggregate(slice_gpkg, indicator))  # city
            _same(aggregate(slice_pg, indicator, by="district"), aggregate(slice_gpkg, indicator, by="district"))
            compared += 1
        years = gpkg.years(ind)
        if len(years) > 1:
            _same(change_frame(pg, ind, years[0], years[-1]), change_frame(gpkg, ind, years[0], years[-1]))
            pd.testing.assert_series_equal(pd.Series(benchmark_change(pg, ind, years[0], years[-1])),
                                           pd.Series(benchmark_change(gpkg, ind, years[0], years[-1])))
    assert compared == gpkg.values.groupby(["indicator", "year"]).ngroups
    for zone_id in list(gpkg.zones["zone_id"])[:5]:  # a selected zone's trend chart
        ind = gpkg.indicator_ids[0]
        _same(trend_frame(pg, ind, zone_id), trend_frame(gpkg, ind, zone_id))
    assert display_layer(pg.zones).geojson == display_layer(gpkg.zones).geojson  # the map's geometry, byte for byte
    pd.testing.assert_frame_equal(pg.references, gpkg.references, check_exact=True)
    assert pg.meta == gpkg.meta and pg.name == gpkg.name and pg.is_demo == gpkg.is_demo
