"""Deployment harness: N Streamlit replicas behind Debian's nginx on loopback, started by
``scripts/run_replicas.sh`` exactly as a developer would, and the project's own scripts loaded by path.

Fixtures
--------
replicas
    Module-wide: 2 replicas (public mode) + nginx on free loopback ports in 8700–8799, a
    :class:`Replicas` (``url`` of nginx, ``replica_urls``, ``run_dir`` with the pid files and nginx's
    access log). Stopped (only the script's own process group) at the end of the module.
render_nginx, load
    ``deploy/render_nginx.py`` and ``bench/load.py`` as modules (neither folder is a package).

Every test in this folder is marked ``deploy``; run only them with ``pytest -m deploy``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PORTS = range(8700, 8800)
START_TIMEOUT = 120.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test collected from this folder as ``deploy``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.deploy)


def load_script(relative: str):
    """Import a project script (``deploy/render_nginx.py``) as a module."""
    path = PROJECT_DIR / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def render_nginx():
    return load_script("deploy/render_nginx.py")


@pytest.fixture(scope="session")
def load():
    return load_script("bench/load.py")


def nginx_binary() -> str:
    """nginx from PATH or Debian's /usr/sbin (scripts/test.sh installs nginx-light)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise RuntimeError("nginx is missing: scripts/test.sh installs Debian's nginx-light")
    return found


def free_ports(n: int, consecutive: bool = False) -> list[int]:
    """``n`` ports in 8700–8799 nobody listens on (bind-tested); consecutive when asked."""
    def free(port: int) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
            return True
    if consecutive:
        for start in PORTS:
            if start + n <= PORTS.stop and all(free(p) for p in range(start, start + n)):
                return list(range(start, start + n))
    else:
        got = [p for p in PORTS if free(p)][:n]
        if len(got) == n:
            return got
    raise RuntimeError(f"no {n} free ports in 8700–8799")


@dataclass
class Replicas:
    """Replicas behind nginx, as started by scripts/run_replicas.sh."""

    url: str
    replica_urls: list[str]
    run_dir: Path
    process: subprocess.Popen

    def pid(self, name: str) -> int:
        """Process id from ``RUN_DIR/<name>.pid`` (``replica-1``, ``nginx``)."""
        return int((self.run_dir / f"{name}.pid").read_text().strip())

    def access_log(self) -> list[str]:
        """nginx's access log lines (format ``levekar``: ``upstream=… route=…``)."""
        return (self.run_dir / "logs" / "access.log").read_text().splitlines()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def replicas() -> Replicas:
    nginx_binary()
    # Not under pytest's private (0700) temporary folder: started as root, nginx's workers run as
    # `nobody` and must reach their cache and temporary folders.
    run_dir = Path(tempfile.mkdtemp(prefix="levekar-replicas-", dir="/tmp"))
    run_dir.chmod(0o755)
    base = free_ports(2, consecutive=True)[0]
    lb = next(p for p in free_ports(4) if p not in (base, base + 1))
    env = {**os.environ, "LEVEKAR_BASE_PORT": str(base), "LEVEKAR_LB_LISTEN": f"127.0.0.1:{lb}",
           "LEVEKAR_RUN_DIR": str(run_dir), "LEVEKAR_NO_INSTALL": "1", "LEVEKAR_PYTHON": sys.executable}
    log = open(run_dir / "run_replicas.out", "w")  # closed in the finally below
    # Own process group: at the end the whole group (the script, its replicas and nginx) is stopped.
    proc = subprocess.Popen(["bash", str(PROJECT_DIR / "scripts" / "run_replicas.sh"), "2"], cwd=PROJECT_DIR,
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    reps = Replicas(f"http://127.0.0.1:{lb}", [f"http://127.0.0.1:{base}", f"http://127.0.0.1:{base + 1}"],
                    run_dir, proc)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(reps.url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("run_replicas.sh did not come up:\n" + (run_dir / "run_replicas.out").read_text())
            time.sleep(0.5)
        yield reps
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # the script's trap stops its replicas and nginx
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        log.close()
        shutil.rmtree(run_dir, ignore_errors=True)
