"""Entur's GTFS export for AtB (Trøndelag): downloaded and cached for the transit-access computation.

The access computation (``geo.access``) reads the zip with gtfs-kit; this module only makes sure a
complete, verified copy is in the cache and says where it came from.
"""

from __future__ import annotations

import zipfile

from geo.sources.http import Fetched, HttpClient, SourceFormatError

GTFS_URL = "https://storage.googleapis.com/marduk-production/outbound/gtfs/rb_atb-aggregated-gtfs.zip"
LICENCE = "NLOD 2.0 (Entur / AtB)"
#: Files every usable GTFS feed has; a zip without them is not a timetable.
REQUIRED_FILES = ("stops.txt", "stop_times.txt", "trips.txt", "routes.txt")


def fetch_gtfs(http: HttpClient, url: str = GTFS_URL) -> Fetched:
    """The AtB GTFS zip (verified complete, then checked to contain the core GTFS files).

    Raises
    ------
    SourceFormatError
        When the archive lacks core GTFS files.
    """
    f = http.download(url, name="Entur GTFS (AtB)", kind="zip")
    with zipfile.ZipFile(f.path) as zf:
        names = {n.rsplit("/", 1)[-1] for n in zf.namelist()}
    missing = [n for n in REQUIRED_FILES if n not in names]
    if missing:
        raise SourceFormatError(f"Entur GTFS (AtB): the zip lacks {', '.join(missing)}; the feed may have moved — "
                                f"check {url}")
    return f
