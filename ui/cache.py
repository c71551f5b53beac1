"""Cached loaders keyed on small hashable values (source + version key, dataset version), never on frames.

The dataset comes from :func:`geo.storage.default_backend`: the GeoPackage of ``$LEVEKAR_DATASET`` (or the
demo), or, when ``$DATABASE_URL`` is set, the current version published to PostGIS. Each rerun asks the
backend for its current version key (a file's mtime, a database's version number: one cheap query) and
:func:`_load` reads a version once per process; a publish is picked up at the visitor's next interaction.

Every dataset the app shows passes through :func:`geo.privacy.for_output` in :func:`_load`, once per
version: in public mode the hidden cells are gone before any page, cache or download sees the data. A new
storage backend adds its reader to :mod:`geo.storage` (reached through :func:`_open`), never a second path
around it.
"""

from __future__ import annotations

import logging

import streamlit as st

from geo.benchmarks import zone_facts
from geo.charts import trend_frame
from geo.config import public_mode
from geo.data.dataset import Dataset
from geo.errors import DatasetError
from geo.mapping.mapdata import zone_tips
from geo.privacy import Rules, configured_rules, for_output
from geo.storage import default_source, open_backend, redacted

#: Session-state key of a dataset the user uploaded on the upload page (this session only).
UPLOADED_KEY = "uploaded_dataset"


LOG = logging.getLogger("levekar")


def _open(source: str, version: str) -> Dataset:
    """The one reader of the app: version ``version`` of the stored dataset at ``source`` (file or database),
    with internal figures."""
    return open_backend(source).load(version)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(source: str, version: str, public: bool, rules: tuple[tuple[str, int], ...]) -> tuple[Dataset | None,
                                                                                                 str | None]:
    # The error is cached too: checking a damaged dataset again on every rerun would only repeat it.
    # Mode and rules are part of the key: switching either never serves a copy opened the other way.
    try:
        return for_output(_open(source, version), Rules(**dict(rules)), public=public), None
    except DatasetError as exc:
        return None, str(exc)


#: The version last read per source. While a database cannot be reached, that version (still cached) is
#: served and the failure logged: a database restart must not turn a public site into the demo.
_LAST_VERSION: dict[str, str] = {}


def _load_configured(source: str) -> tuple[Dataset | None, str | None]:
    """:func:`_load` of the current version; an unreachable or empty database is an error text, as a bad file."""
    try:
        version = open_backend(source).current_version()
    except DatasetError as exc:
        if source not in _LAST_VERSION:
            return None, str(exc)
        version = _LAST_VERSION[source]
        LOG.warning("%s; serving version %s, read before", exc, version)
    rules = tuple(sorted(configured_rules().as_dict().items()))
    ds, error = _load(source, version, public_mode(), rules)
    if ds is not None:
        _LAST_VERSION[source] = version
    return ds, error


def dataset_or_error() -> tuple[Dataset, str | None]:
    """The dataset in use and, when ``$DATABASE_URL`` or ``$LEVEKAR_DATASET`` could not be opened, the error text.

    A bad path, a damaged dataset or an unreachable database never stops the app: it falls back to the
    embedded demo (whose banner then shows) and reports why (the file and each problem, or the database).
    """
    from geo.config import DEMO_DATASET

    public = public_mode()
    uploaded = st.session_state.get(UPLOADED_KEY)
    if uploaded is not None and not public:  # public mode serves the configured dataset only
        return uploaded, None
    source = default_source()
    ds, error = _load_configured(source)
    if ds is not None:
        return ds, None
    if public:  # the details name files and cells: for the server log, not for visitors
        LOG.error("public mode: the configured dataset %s cannot be opened: %s", redacted(source), error)
    if source == str(DEMO_DATASET):
        raise DatasetError(error)
    demo, demo_error = _load_configured(str(DEMO_DATASET))
    if demo is None:
        raise DatasetError(demo_error)
    return demo, error


@st.cache_data(show_spinner=False, max_entries=512)
def zone_facts_cached(version: str, indicator_id: str, year: int, _ds: Dataset):
    """:func:`geo.benchmarks.zone_facts`, cached per dataset version (the dataset itself is not hashed)."""
    return zone_facts(_ds, indicator_id, year)


@st.cache_data(show_spinner=False, max_entries=512)
def zone_tips_cached(version: str, indicator_id: str, year: int, lang: str, _ds: Dataset) -> dict[str, str]:
    """The map's tooltips (:func:`geo.mapping.mapdata.zone_tips`) of an indicator and year, per dataset version."""
    facts = zone_facts_cached(version, indicator_id, year, _ds)
    return zone_tips(facts, _ds.indicator(indicator_id), year=year, lang=lang, area=_ds.area_name or None)


@st.cache_data(show_spinner=False, max_entries=512)
def trend_cached(version: str, indicator_id: str, zone_id: str, _ds: Dataset):
    """:func:`geo.charts.trend_frame`, cached per dataset version, from the per-year facts cache."""
    return trend_frame(_ds, indicator_id, zone_id,
                       facts_for=lambda year: zone_facts_cached(version, indicator_id, year, _ds))
