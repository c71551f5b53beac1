"""The storage interface, and the registry that picks a backend for a source string."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from geo.data.dataset import Dataset, default_path

#: Environment variable naming a PostGIS database to read datasets from (hosted deployments).
DATABASE_URL_ENV = "DATABASE_URL"


@dataclass(frozen=True)
class VersionInfo:
    """One stored version of a dataset.

    Parameters
    ----------
    key : str
        The version's cache key (:meth:`Backend.current_version` returns the current one's).
    name : str
        The dataset's name (metadata ``name``).
    published : datetime or None
        When it was stored (file modification time, or the publish transaction's time).
    content : str
        :meth:`geo.data.dataset.Dataset.version` of what was stored (a content hash), "" when unknown.
    zones, values : int
        How many zones and value rows it holds (-1 when unknown without reading it).
    current : bool
        Whether it is the version visitors see.
    """

    key: str
    name: str
    published: datetime | None
    content: str
    zones: int
    values: int
    current: bool


class Backend(Protocol):
    """What the app and the CLI need from a place that stores datasets.

    ``source`` is the string the backend was opened from (a file path or a database URL); it identifies
    the backend in caches together with :meth:`current_version`.
    """

    source: str

    def load(self, version: str | None = None) -> Dataset:
        """The dataset of version ``version`` (a key from :meth:`current_version` or :meth:`versions`), or the
        current one. Raises :class:`geo.errors.DatasetError` when it cannot be read."""
        ...

    def versions(self) -> list[VersionInfo]:
        """Every stored version, oldest first."""
        ...

    def current_version(self) -> str:
        """The current version's key: cheap to ask on every rerun, changes whenever visitors should see
        other data."""
        ...


def _is_database_url(source: str) -> bool:
    return source.split(":", 1)[0].lower().split("+", 1)[0] in ("postgresql", "postgres")


def _postgis(source: str) -> Backend:
    from geo.storage.postgis import PostGISBackend  # SQLAlchemy is imported only when a database is used

    return PostGISBackend(source)


def _geopackage(source: str) -> Backend:
    from geo.storage.geopackage import GeoPackageBackend

    return GeoPackageBackend(source)


#: Which backend serves a source: the first whose test accepts it (the last accepts everything).
BACKENDS: tuple[tuple[str, Callable[[str], bool], Callable[[str], Backend]], ...] = (
    ("postgis", _is_database_url, _postgis),
    ("geopackage", lambda source: True, _geopackage),
)


def open_backend(source: str | os.PathLike) -> Backend:
    """The backend for ``source``: a ``postgresql://`` URL → PostGIS, anything else → a GeoPackage file."""
    text = os.fspath(source)
    return next(make(text) for _, accepts, make in BACKENDS if accepts(text))


def redacted(source: str) -> str:
    """``source`` fit for a log or a message: a database URL loses its password."""
    if not _is_database_url(source):
        return source
    from geo.storage.postgis import safe_url

    return safe_url(source)


def default_source() -> str:
    """``$DATABASE_URL`` when set, else the dataset file the app uses (``$LEVEKAR_DATASET`` or the demo)."""
    return os.environ.get(DATABASE_URL_ENV, "").strip() or str(default_path())


def default_backend() -> Backend:
    """:func:`open_backend` of :func:`default_source`."""
    return open_backend(default_source())
