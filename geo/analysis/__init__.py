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
``compare``
    Zones and sets side by side: one long table of every indicator of a year (rank of N, city and
    district, the marker against the city, % of city level, status, source).
``profile``
    One zone or set whole (the report's JSON fields, percentile, the zones' five-number summary),
    spine-chart positions with the worse side always on the left, yearly series with gaps kept.
``similarity``
    Zones like this one: z-scores, Euclidean distance over shared values; comparison groups for a set
    that exclude the set and its neighbours.
``summary``
    Plain-language sentences (bokmål, English) from a registry of claim templates.
``initiatives``
    Områdesatsinger: predefined from the facts (start years only from sources), the gap to the city
    and to a comparison group before and after the start (difference in differences) with caveats.
``change`` · ``relationships`` · ``index`` · ``hotspots``
    Change between two years (direction-aware, flagged when smaller than its uncertainty) and trend
    series; OLS, Spearman and bivariate terciles of two indicators; the composite levekårsindeks with
    rank uncertainty; Moran's I and LISA clusters. ``categories`` maps their classes, ``figures``
    draws their charts.
"""
