"""Cached loaders keyed on small hashable values (source + version key, dataset version), never on frames.

The dataset comes from :func:`geo.storage.default_backend`: the GeoPackage of ``$LEVEKAR_DATASET`` (or the
demo), or, when ``$DATABASE_URL`` is set, the current version published to PostGIS. Each rerun asks the
backend for its current version key (a file's mtime, a database's version number: one cheap query) and
:func:`_load` reads a version once per process; a publish is picked up at the visitor's next interaction.
"""

from __future__ import annotations

import streamlit as st

from geo.benchmarks import zone_facts
from geo.charts import trend_frame
from geo.dataset import Dataset
from geo.errors import DatasetError
from geo.storage import default_source, open_backend

#: Session-state key of a dataset the user uploaded on the upload page (this session only).
UPLOADED_KEY = "uploaded_dataset"


def _open(source: str, version: str) -> Dataset:
    """The one reader of the app: version ``version`` of the stored dataset at ``source`` (file or database)."""
    return open_backend(source).load(version)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(source: str, version: str) -> tuple[Dataset | None, str | None]:
    # The error is cached too: checking a damaged dataset again on every rerun would only repeat it.
    try:
        return _open(source, version), None
    except DatasetError as exc:
        return None, str(exc)


def _load_current(source: str) -> tuple[Dataset | None, str | None]:
    """:func:`_load` of the current version; an unreachable or empty database is an error text, as a bad file."""
    try:
        version = open_backend(source).current_version()
    except DatasetError as exc:
        return None, str(exc)
    return _load(source, version)


def dataset_or_error() -> tuple[Dataset, str | None]:
    """The dataset in use and, when ``$DATABASE_URL`` or ``$LEVEKAR_DATASET`` could not be opened, the error text.

    A bad path, a damaged dataset or an unreachable database never stops the app: it falls back to the
    embedded demo (whose banner then shows) and reports why (the file and each problem, or the database).
    """
    from geo.config import DEMO_DATASET

    uploaded = st.session_state.get(UPLOADED_KEY)
    if uploaded is not None:
        return uploaded, None
    source = default_source()
    ds, error = _load_current(source)
    if ds is not None:
        return ds, None
    if source == str(DEMO_DATASET):
        raise DatasetError(error)
    demo, demo_error = _load_current(str(DEMO_DATASET))
    if demo is None:
        raise DatasetError(demo_error)
    return demo, error


@st.cache_data(show_spinner=False, max_entries=512)
def zone_facts_cached(version: str, indicator_id: str, year: int, _ds: Dataset):
    """:func:`geo.benchmarks.zone_facts`, cached per dataset version (the dataset itself is not hashed)."""
    return zone_facts(_ds, indicator_id, year)


@st.cache_data(show_spinner=False, max_entries=512)
def trend_cached(version: str, indicator_id: str, zone_id: str, _ds: Dataset):
    """:func:`geo.charts.trend_frame`, cached per dataset version, from the per-year facts cache."""
    return trend_frame(_ds, indicator_id, zone_id,
                       facts_for=lambda year: zone_facts_cached(version, indicator_id, year, _ds))
