"""End-to-end harness: a real Streamlit server and headless Debian Chromium, with the network cut.

Fixtures
--------
streamlit_app
    Factory: ``streamlit_app(script, query="")`` starts ``python3 -m ui.serve <script>`` (the app's launcher:
    ``streamlit run <script>`` with the libraries imported first, as deployed) on a free
    port in 8600–8699, waits for ``/_stcore/health`` and returns a :class:`StreamlitApp` (``url``,
    ``port``). Scripts outside the project root are launched from a temporary folder that links the
    project's ``static/`` (Streamlit serves ``<script dir>/static`` at ``/app/static``) and
    ``.streamlit/``, so a harness sees the same offline assets and config as ``app.py``. Servers stop
    at the end of the test.
browser
    Headless Chromium (``/usr/bin/chromium``) launched once per session by Playwright.
page
    A fresh page whose context ABORTS every request not to 127.0.0.1/localhost; the aborted URLs are in
    ``page.blocked`` and page errors in ``page.errors``; a failing test leaves
    ``test-output/FAILED-<test>.png``.
screenshot
    ``screenshot(page, name)`` saves ``test-output/<name>.png`` and returns its path.

Every test in this folder is marked ``e2e``; run only them with ``pytest -m e2e``, skip them with
``-m "not e2e"``.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
OUTPUT_DIR = PROJECT_DIR / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
PORTS = range(8600, 8700)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
START_TIMEOUT = 60.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test collected from this folder as ``e2e``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Remember each phase's report on the item, so the ``page`` fixture can screenshot failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def free_port() -> int:
    """A port in 8600–8699 nobody listens on (bind-tested), tried in random order.

    Random order, because several test runs on one machine scanning from 8600 pick the same port at the
    same moment; :func:`_wait_healthy` then also checks that *our* server bound it.
    """
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8600–8699 for the Streamlit test server")


@dataclass
class StreamlitApp:
    """A running Streamlit server."""

    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        """Base URL of the app."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the server (only this process, by its id)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _launch_dir(script: Path, tmp: Path) -> Path:
    """Where to run ``script`` from so ``static/`` and ``.streamlit/`` are the project's."""
    if script.parent == PROJECT_DIR:
        return script
    (tmp / "static").symlink_to(PROJECT_DIR / "static", target_is_directory=True)
    if (PROJECT_DIR / ".streamlit").is_dir():
        (tmp / ".streamlit").symlink_to(PROJECT_DIR / ".streamlit", target_is_directory=True)
    target = tmp / script.name
    shutil.copyfile(script, target)
    return target


def _wait_healthy(app: StreamlitApp) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {app.process.returncode}:\n{app.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{app.url}/_stcore/health", timeout=2) as resp:
                # Healthy, and the server answering is ours (another run may have won the port race).
                if resp.status == 200 and f"127.0.0.1:{app.port}" in app.log.read_text(errors="replace"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not become healthy in {START_TIMEOUT:.0f} s:\n{app.log.read_text()[-3000:]}")


def start_streamlit(script: str | os.PathLike, tmp_root: Path, env: dict[str, str] | None = None) -> StreamlitApp:
    """Start ``script`` through ``ui.serve`` (= ``streamlit run script``) on a free port (run folder under
    ``tmp_root``) and wait until healthy."""
    script = Path(script).resolve()
    run_dir = Path(tempfile.mkdtemp(dir=tmp_root, prefix="app-"))
    target = _launch_dir(script, run_dir)
    port = free_port()
    log = run_dir / "streamlit.log"
    full_env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_DIR),
                                                                         os.environ.get("PYTHONPATH")])),
                "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    cmd = [sys.executable, "-m", "ui.serve", str(target), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.enableStaticServing", "true",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=target.parent, env=full_env, stdout=fh, stderr=subprocess.STDOUT)
    app = StreamlitApp(port, proc, log)
    try:
        _wait_healthy(app)
    except RuntimeError:
        app.stop()
        raise
    return app


@pytest.fixture
def streamlit_app(tmp_path: Path) -> Iterator:
    """Factory starting Streamlit servers for this test (see the module docstring)."""
    started: list[StreamlitApp] = []

    def start(script: str | os.PathLike, env: dict[str, str] | None = None) -> StreamlitApp:
        app = start_streamlit(script, tmp_path, env)
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium via Playwright (fails when chromium is missing)."""
    if not CHROMIUM.exists():
        # A missing browser is a broken install, not a reason to pass quietly.
        pytest.fail(f"{CHROMIUM} not installed (scripts/test.sh installs the Debian chromium package)")
    from playwright import sync_api
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A page with the network cut: only 127.0.0.1/localhost requests go through.

    When the test fails, the page is saved as ``test-output/FAILED-<test name>.png``.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    blocked: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        url = r.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.blocked = blocked  # type: ignore[attr-defined]
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        OUTPUT_DIR.mkdir(exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in request.node.name)
        pg.screenshot(path=str(OUTPUT_DIR / f"FAILED-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` → ``test-output/<name>.png``."""
    OUTPUT_DIR.mkdir(exist_ok=True)

    def take(pg, name: str) -> Path:
        path = OUTPUT_DIR / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def app(streamlit_app):
    """The whole app (``app.py``) on a fresh server; fails clearly without the offline map assets."""
    from geo.mapping import assets

    if not assets.installed():
        pytest.fail("the map's offline assets are not installed: run scripts/install.sh")
    return streamlit_app(PROJECT_DIR / "app.py")


@pytest.fixture(scope="module")
def demo():
    """The embedded demo dataset."""
    from geo.data.dataset import load_default

    return load_default()
