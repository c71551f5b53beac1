"""Analysis on top of a dataset: zone sets, significance against a reference, similarity, indices.

One implementation of each statistical piece, shared by every page and CLI command that needs it:

``stats``
    Wilson score intervals and the "clearly worse / no clear difference / clearly better than the
    city" test (direction-aware), used by the compare page, the zone profile, the report, the
    change map and the index.
``zonesets``
    Named sets of zones (predefined groups from ``data/facts/zone_groups.csv``, the districts, all
    zones, a user's own set) and their aggregation into one area with the benchmark rules of
    :mod:`geo.benchmarks`.
``change`` · ``relationships`` · ``index`` · ``hotspots``
    Change between two years (direction-aware, flagged when smaller than its uncertainty) and trend
    series; OLS, Spearman and bivariate terciles of two indicators; the composite levekårsindeks with
    rank uncertainty; Moran's I and LISA clusters. ``categories`` maps their classes, ``figures``
    draws their charts.
"""
