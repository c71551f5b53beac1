"""File helpers shared by every writer: atomic replacement and checksums.

Every file the project writes (datasets, map HTML, value tables, cached downloads, feeds) goes through
:func:`atomic_path`, so a crash or an error mid-write never leaves a half-written file where a good
one stood: the new content is written beside the target and renamed over it only when complete.
A write that must not replace anything (no ``--force``) claims the name in the same atomic step, and
any failure (disk full, read-only file system, no permission, a path through a file) becomes an
:class:`geo.errors.OutputError` naming the path, the cause and what to do. :func:`check_output` is the
one rule for output paths every command applies before it starts working: the folder must exist.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.errors import OutputError, OutputExistsError

#: Temporary files are named ``.<target name>.levekar-tmp-<pid>-<random><suffix>``: recognisable, so the
#: leftovers of a killed run (``kill -9`` skips every clean-up) can be found and swept by the next write.
TMP_MARK = ".levekar-tmp-"
#: A temporary file whose process still runs is left alone unless it is older than this (a reused pid).
STALE_AFTER_S = 24 * 3600

#: What to do about each kind of write failure (errno name → hint).
_WRITE_HINTS = {
    "ENOSPC": "the disk is full; free some space or write somewhere else",
    "EDQUOT": "your disk quota is used up; free some space or write somewhere else",
    "EROFS": "the file system is read-only; write somewhere else",
    "EACCES": "you have no permission to write there; choose a folder you can write to",
    "EPERM": "you have no permission to write there; choose a folder you can write to",
    "ENOTDIR": "a part of the path is a file, not a folder; check the path",
    "ENOENT": "the folder does not exist (or cannot hold files); create it or check the path",
    "EISDIR": "the path is a folder; give a file name",
    "ENAMETOOLONG": "the name is too long; choose a shorter one",
}


def write_failure(target: str | os.PathLike, exc: BaseException) -> OutputError:
    """An :class:`OutputError` naming ``target``, the cause and what to do, from an OS or library error."""
    if isinstance(exc, OSError) and exc.errno is not None:
        cause = exc.strerror or str(exc)
        hint = _WRITE_HINTS.get(errno.errorcode.get(exc.errno, ""), "check the path and the disk")
    else:
        cause = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = "the disk may be full or the folder not writable; check it or write somewhere else"
        if "disk is full" in cause or "No space left" in cause:
            hint = _WRITE_HINTS["ENOSPC"]
    return OutputError(f"cannot write {target}: {cause}; {hint}. Nothing was written"
                       + ("; the existing file is unchanged" if Path(target).is_file() else ""))


def check_output(target: str | os.PathLike, *, overwrite: bool = False, option: str = "--out",
                 what: str = "path") -> Path:
    """Refuse an output path early, before any work: the one rule for every command's output.

    The folder must exist (it is never created: a typo should not make a tree of folders) and be
    writable; the target must not be a folder, nor exist unless ``overwrite``. The write itself
    checks again, atomically (see :func:`atomic_path`).

    Raises
    ------
    OutputError
        Naming the path and what to do.
    """
    target = Path(target).expanduser()
    folder = target.parent
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give {option} a file name")
    if not folder.exists():
        broken = next((p for p in [folder, *folder.parents] if p.exists()), None)
        if broken is not None and not broken.is_dir():
            raise OutputError(f"cannot write {target}: {broken} is a file, not a folder; check the path")
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist; create it first "
                          f"(mkdir -p {folder}) or choose another {option}")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: {folder} is a file, not a folder; check the path")
    if target.exists() and not overwrite:
        raise OutputExistsError(f"{target} already exists; choose another {what} or pass --force to replace it")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {target}: {_WRITE_HINTS['EACCES'].replace('there', f'in {folder}')}")
    return target


def sweep_temporaries(target: str | os.PathLike) -> list[Path]:
    """Remove temporary files a killed run left beside ``target``; returns what was removed.

    Only files named by :func:`atomic_path` for this target are considered, and only when their
    process is gone (or they are older than :data:`STALE_AFTER_S`), so a concurrent writer keeps its own.
    """
    target = Path(target)
    removed = []
    try:
        candidates = list(target.parent.glob(f".{glob.escape(target.name)}{TMP_MARK}*"))
    except OSError:
        return removed
    now = time.time()
    for path in candidates:
        pid_text = path.name[len(f".{target.name}{TMP_MARK}"):].split("-", 1)[0]
        try:
            old = now - path.lstat().st_mtime > STALE_AFTER_S
            if old or not (pid_text.isdigit() and _alive(int(pid_text))):
                path.unlink()
                removed.append(path)
        except OSError:  # gone meanwhile, or not ours to remove: leave it
            continue
    return removed


def prune_oldest(folder: str | os.PathLike, pattern: str, keep: int, *, protect: Path | None = None) -> list[Path]:
    """Remove all but the ``keep`` newest files (by modification time) of ``folder`` matching ``pattern``.

    For content-addressed caches that grow by one file per version (the map's geometry documents): the
    newest files are the versions still in use. ``protect`` is never removed, whatever its age. A file
    another process removes meanwhile, or one we may not remove, is left to it. Returns what was removed.
    """
    if keep < 0:
        raise ValueError(f"keep must be 0 or more, not {keep}")
    dated = []
    try:
        candidates = list(Path(folder).glob(pattern))
    except OSError:
        return []
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink():
                dated.append((path.stat().st_mtime, path))
        except OSError:
            continue
    dated.sort(key=lambda item: item[0], reverse=True)
    removed = []
    for _, path in dated[keep:]:
        if protect is not None and path.resolve() == Path(protect).resolve():
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:  # gone meanwhile (another replica pruned it), or not ours to remove
            continue
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _readable_mode() -> int:
    # mkstemp creates 0600; a written file should be readable like any other (respecting the umask)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _commit_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist, in one atomic step."""
    try:
        os.link(tmp, target)  # fails with FileExistsError when another run got there first
    except FileExistsError:
        raise OutputExistsError(f"{target} already exists (another run wrote it meanwhile); choose another "
                                "path or pass --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV):
            raise
        # No hard links here (FAT, some network shares): reserve the name exclusively, then fill it.
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            raise OutputExistsError(f"{target} already exists (another run wrote it meanwhile); choose "
                                    "another path or pass --force to replace it") from None
        os.replace(tmp, target)
        return
    tmp.unlink()


@contextmanager
def atomic_path(target: str | os.PathLike, suffix: str = ".tmp", *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it to ``target`` when the block succeeds.

    The temporary file does not exist when the block starts (some writers, such as GDAL, insist on
    creating it themselves). On any exception it is removed and ``target`` is left as it was. Leftovers
    of killed runs beside ``target`` are swept first (:func:`sweep_temporaries`).

    Parameters
    ----------
    target : path-like
        The file to create or replace; its folder must exist.
    suffix : str
        Ending of the temporary name (e.g. ``".tmp.gpkg"`` when the writer picks a format by suffix).
    overwrite : bool
        Replace an existing ``target``. When False, the check that ``target`` does not exist and the
        move are one atomic step (a hard link that fails if the name is taken), so of two runs writing
        the same new file exactly one succeeds.

    Raises
    ------
    OutputError
        When the file cannot be written (no folder, no permission, disk full, read-only …): names the
        path, the cause and what to do. :class:`OutputExistsError` when ``target`` exists and
        ``overwrite`` is False.
    """
    target = Path(target)
    sweep_temporaries(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}{TMP_MARK}{os.getpid()}-", suffix=suffix,
                                    dir=target.parent)
    except OSError as exc:
        raise write_failure(target, exc) from exc
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        try:
            yield tmp
            os.chmod(tmp, _readable_mode())
            if overwrite:
                os.replace(tmp, target)
            else:
                _commit_new(tmp, target)
        except OSError as exc:  # writing beside the target failed: a disk or permission problem
            raise write_failure(target, exc) from exc
    except BaseException:
        for leftover in target.parent.glob(f"{glob.escape(tmp.name)}*"):  # with GDAL's -journal/-wal files
            leftover.unlink(missing_ok=True)
        raise


def write_bytes_atomic(target: str | os.PathLike, data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``target`` atomically; returns the path (see :func:`atomic_path`)."""
    with atomic_path(target, overwrite=overwrite) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def write_text_atomic(target: str | os.PathLike, text: str, *, overwrite: bool = True) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically; returns the path."""
    return write_bytes_atomic(target, text.encode("utf-8"), overwrite=overwrite)


def sha256_file(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
