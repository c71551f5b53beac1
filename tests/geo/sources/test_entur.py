"""Entur GTFS download check."""

from __future__ import annotations

import pytest
import responses

from geo.sources import entur
from geo.sources.http import SourceFormatError
from tests.geo.sources.conftest import zip_bytes


@responses.activate
def test_gtfs_must_have_core_files(make_client):
    responses.get(entur.GTFS_URL, body=zip_bytes({"agency.txt": "a"}))
    with pytest.raises(SourceFormatError, match="the zip lacks stops.txt, stop_times.txt, trips.txt, routes.txt"):
        entur.fetch_gtfs(make_client())
