"""Where datasets are kept: one interface, two backends.

A :class:`~geo.storage.base.Backend` loads a :class:`geo.data.dataset.Dataset`, lists the versions it holds
and names the current one in a short key the app caches on. The GeoPackage backend
(:mod:`geo.storage.geopackage`) wraps :mod:`geo.data.dataset`'s load/save and is the embedded default: one
file, one version (its modification time). The PostGIS backend (:mod:`geo.storage.postgis`) is for hosted
deployments: ``python -m geo publish`` loads a dataset into versioned tables and switches a *current*
pointer in the same transaction, so visitors see the old version or the new one, never a half-loaded
one, and an earlier version can be made current again. :func:`open_backend` picks the backend from a
source string (a ``postgresql://`` URL or a file path); :func:`default_backend` from ``$DATABASE_URL``
(PostGIS) or ``$LEVEKAR_DATASET`` / the demo (GeoPackage).
"""

from geo.storage.base import Backend, VersionInfo, default_backend, default_source, open_backend, redacted

__all__ = ["Backend", "VersionInfo", "default_backend", "default_source", "open_backend", "redacted"]
