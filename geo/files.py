"""File helpers shared by every writer: atomic replacement and checksums.

Every file the project writes (datasets, map HTML, value tables, cached downloads, feeds) goes through
:func:`atomic_path`, so a crash or an error mid-write never leaves a half-written file where a good
one stood: the new content is written beside the target and renamed over it only when complete.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _readable_mode() -> int:
    # mkstemp creates 0600; a written file should be readable like any other (respecting the umask)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_path(target: str | os.PathLike, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` when the block succeeds.

    The temporary file does not exist when the block starts (some writers, such as GDAL, insist on
    creating it themselves). On any exception it is removed and ``target`` is left as it was.

    Parameters
    ----------
    target : path-like
        The file to create or replace; its folder must exist.
    suffix : str
        Ending of the temporary name (e.g. ``".tmp.gpkg"`` when the writer picks a format by suffix).
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        yield tmp
        os.chmod(tmp, _readable_mode())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; returns the path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text_atomic(target: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically; returns the path."""
    return write_bytes_atomic(target, text.encode("utf-8"))


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
