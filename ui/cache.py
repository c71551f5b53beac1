"""Cached loaders keyed on small hashable values (path + mtime, dataset version), never on frames.

Every dataset the app shows passes through :func:`geo.privacy.for_output` in :func:`_load`, once per
file version: in public mode the hidden cells are gone before any page, cache or download sees the
data. A new storage backend adds its reader to :func:`_open`, never a second path around it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from geo.benchmarks import zone_facts
from geo.charts import trend_frame
from geo.config import public_mode
from geo.dataset import Dataset, default_path, load
from geo.errors import DatasetError
from geo.privacy import Rules, configured_rules, for_output

#: Session-state key of a dataset the user uploaded on the upload page (this session only).
UPLOADED_KEY = "uploaded_dataset"


LOG = logging.getLogger("levekar")


def _open(path: str) -> Dataset:
    """The one reader of the app: the stored dataset (internal figures)."""
    return load(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, mtime: float, public: bool, rules: tuple[tuple[str, int], ...]) -> tuple[Dataset | None,
                                                                                                   str | None]:
    # The error is cached too: checking a damaged dataset again on every rerun would only repeat it.
    # Mode and rules are part of the key: switching either never serves a copy opened the other way.
    try:
        return for_output(_open(path), Rules(**dict(rules)), public=public), None
    except DatasetError as exc:
        return None, str(exc)


def _load_configured(path: Path) -> tuple[Dataset | None, str | None]:
    rules = tuple(sorted(configured_rules().as_dict().items()))
    return _load(str(path), path.stat().st_mtime if path.exists() else 0.0, public_mode(), rules)


def dataset_or_error() -> tuple[Dataset, str | None]:
    """The dataset in use and, when ``$LEVEKAR_DATASET`` could not be opened, the error text.

    A bad path or a damaged dataset never stops the app: it falls back to the embedded demo (whose
    banner then shows) and reports why (the file and each problem).
    """
    from geo.config import DEMO_DATASET

    public = public_mode()
    uploaded = st.session_state.get(UPLOADED_KEY)
    if uploaded is not None and not public:  # public mode serves the configured dataset only
        return uploaded, None
    path = Path(default_path())
    ds, error = _load_configured(path)
    if ds is not None:
        return ds, None
    if public:  # the details name files and cells: for the server log, not for visitors
        LOG.error("public mode: the configured dataset %s cannot be opened: %s", path, error)
    if path == DEMO_DATASET:
        raise DatasetError(error)
    demo, demo_error = _load_configured(DEMO_DATASET)
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
