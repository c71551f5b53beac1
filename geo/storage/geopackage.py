"""The embedded default: one dataset in one GeoPackage file (:mod:`geo.data.dataset` does the reading)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from geo.data import dataset as gpkg
from geo.data.dataset import Dataset
from geo.storage.base import VersionInfo

#: The version key of a file that does not exist (loading it raises the usual "no such dataset file").
MISSING = "missing"


class GeoPackageBackend:
    """A dataset ``.gpkg`` file as a backend with exactly one version.

    The version key is the file's modification time and size: replacing the file (``geo import`` writes
    atomically) gives visitors the new contents on their next rerun, as before.

    Parameters
    ----------
    path : path-like
        The dataset file.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path).expanduser()
        self.source = str(self.path)

    def current_version(self) -> str:
        """``"<mtime_ns>-<size>"`` of the file, or :data:`MISSING`."""
        try:
            st = self.path.stat()
        except OSError:
            return MISSING
        return f"{st.st_mtime_ns}-{st.st_size}"

    def load(self, version: str | None = None) -> Dataset:
        """:func:`geo.data.dataset.load` of the file (a file holds one version, so ``version`` only keys caches)."""
        return gpkg.load(self.path)

    def versions(self) -> list[VersionInfo]:
        """The file's one version (none when it does not exist)."""
        key = self.current_version()
        if key == MISSING:
            return []
        ds = self.load()
        return [VersionInfo(key=key, name=ds.name, published=datetime.fromtimestamp(self.path.stat().st_mtime, UTC),
                            content=ds.version(), zones=len(ds.zones), values=len(ds.values), current=True)]

    def save(self, dataset: Dataset, *, overwrite: bool = False) -> Path:
        """:func:`geo.data.dataset.save` to the file."""
        return gpkg.save(dataset, self.path, overwrite=overwrite)
