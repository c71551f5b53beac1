"""One home for configuration: paths and constants, read-only at run time.

Paths come from this file's location, never from the working directory, so the app, the CLI and
the tests find the embedded data wherever they are started from.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
#: The embedded demonstration dataset (built by ``data/build_demo.py``).
DEMO_DATASET = DATA_DIR / "trondheim_demo.gpkg"
#: Facts the demo and the predefined zone groups are built from (copied into the repo, with citations).
FACTS_DIR = DATA_DIR / "facts"

#: Environment variable naming a dataset to use instead of the embedded demo.
DATASET_ENV = "LEVEKAR_DATASET"

#: CRS all analysis happens in (SSB's national grid, UTM zone 33N).
ANALYSIS_CRS = "EPSG:25833"
#: CRS of everything sent to a browser.
DISPLAY_CRS = "EPSG:4326"

#: Where zones are expected (lon/lat bounds west, south, east, north): Norway with Svalbard, with room to
#: spare. Zones elsewhere get a warning; lying here only once x and y are swapped is an error.
EXPECTED_REGION = ("Norway", (2.0, 57.0, 33.0, 82.0))

STATUSES = ("published", "synthetic", "computed", "suppressed", "missing")


def dataset_path_from_env() -> Path | None:
    """The dataset path named by :data:`DATASET_ENV`, or None when unset or empty."""
    value = os.environ.get(DATASET_ENV, "").strip()
    return Path(value).expanduser() if value else None
