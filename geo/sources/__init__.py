"""Official data sources: fetch raw responses (through :mod:`geo.sources.http`) and turn them into frames.

Modules: ``http`` (the only place that talks HTTP), ``jsonstat`` (JSON-stat2 decoding), ``ssb``
(PxWebApi v2), ``trondheim`` (the kommune's levekår map layers), ``geonorge`` (grunnkrets boundaries,
kommune outline), ``entur`` (GTFS), ``ssb_grid`` (250 m population grid), ``osm`` (green areas),
``build`` (fetch → :class:`geo.data.dataset.Dataset` with a source manifest) and ``manifest`` (the manifest
as a table and the licence notices it implies).
"""
