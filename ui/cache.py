"""Cached loaders keyed on small hashable values (path + mtime, dataset version), never on frames."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.benchmarks import zone_facts
from geo.charts import trend_frame
from geo.dataset import Dataset, default_path, load
from geo.errors import DatasetError

#: Session-state key of a dataset the user uploaded on the upload page (this session only).
UPLOADED_KEY = "uploaded_dataset"


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, mtime: float) -> tuple[Dataset | None, str | None]:
    # The error is cached too: checking a damaged dataset again on every rerun would only repeat it.
    try:
        return load(path), None
    except DatasetError as exc:
        return None, str(exc)


def dataset_or_error() -> tuple[Dataset, str | None]:
    """The dataset in use and, when ``$LEVEKAR_DATASET`` could not be opened, the error text.

    A bad path or a damaged dataset never stops the app: it falls back to the embedded demo (whose
    banner then shows) and reports why (the file and each problem).
    """
    from geo.config import DEMO_DATASET

    uploaded = st.session_state.get(UPLOADED_KEY)
    if uploaded is not None:
        return uploaded, None
    path = Path(default_path())
    ds, error = _load(str(path), path.stat().st_mtime if path.exists() else 0.0)
    if ds is not None:
        return ds, None
    if path == DEMO_DATASET:
        raise DatasetError(error)
    demo, demo_error = _load(str(DEMO_DATASET), DEMO_DATASET.stat().st_mtime)
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
