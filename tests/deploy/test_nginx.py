"""deploy/nginx.conf.template: rendered for N replicas, accepted by nginx, and — live, with 2 replicas
behind it on loopback — websocket sessions, cookie affinity and the health check work through it."""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections import Counter

import pytest

from tests.deploy.conftest import nginx_binary

ROUTE = re.compile(r"levekar_route=([0-9a-f]{32}); Path=/; HttpOnly; SameSite=Lax")


def test_render_fills_every_placeholder(render_nginx, tmp_path):
    text = render_nginx.render(["127.0.0.1:8701", "app2:8501"], listen="8080", run_dir=tmp_path)
    assert not re.search(r"\{\{\w+\}\}", text)
    assert "server 127.0.0.1:8701 max_fails=3 fail_timeout=10s;" in text
    assert "server app2:8501 max_fails=3 fail_timeout=10s;" in text
    assert "hash $levekar_route consistent;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert f"pid {tmp_path}/nginx.pid;" in text
    assert not any(line.strip().startswith("ip_hash") for line in text.splitlines())  # see deploy/README.md
    assert "; Secure" not in text
    assert "; Secure" in render_nginx.render(["a:1"], run_dir=tmp_path, secure_cookie=True)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"upstreams": []}, "at least one --upstream"),
    ({"upstreams": ["127.0.0.1"]}, "is not host:port"),
    ({"upstreams": ["127.0.0.1:99999"]}, "is not host:port"),
    ({"upstreams": ["a:1", "a:1"]}, "duplicate upstream"),
    ({"upstreams": ["a:1"], "listen": "0.0.0.0"}, "listen address"),
    ({"upstreams": ["a:1"], "run_dir": "relative/dir"}, "must be an absolute path"),
    ({"upstreams": ["a:1"], "run_dir": "/tmp/a b"}, "no spaces"),
    ({"upstreams": ["a:1"], "client_max_body_size": "lots"}, "not an nginx size"),
    ({"upstreams": ["a:1"], "ws_timeout": "forever"}, "not an nginx time"),
    ({"upstreams": ["a:1"], "worker_processes": 0}, "at least 1"),
])
def test_render_refuses_bad_values(render_nginx, kwargs, match):
    upstreams = kwargs.pop("upstreams")
    with pytest.raises(ValueError, match=match):
        render_nginx.render(upstreams, **kwargs)


def test_render_refuses_a_template_with_unknown_placeholders(render_nginx, tmp_path):
    template = tmp_path / "t.conf"
    template.write_text("listen {{listen}}; {{surprise}}")
    with pytest.raises(ValueError, match=r"does not fill: \['surprise'\]"):
        render_nginx.render(["a:1"], run_dir=tmp_path, template=template)


def test_cli_exits_2_on_a_bad_value(render_nginx, capsys):
    assert render_nginx.main(["--upstream", "nonsense"]) == 2
    assert "is not host:port" in capsys.readouterr().err


def test_nginx_accepts_the_rendered_config(render_nginx, tmp_path):
    (tmp_path / "logs").mkdir()
    conf = tmp_path / "nginx.conf"
    assert render_nginx.main(["--upstream", "127.0.0.1:8701", "--upstream", "127.0.0.1:8702", "--upstream",
                              "127.0.0.1:8703", "--listen", "127.0.0.1:8799", "--prefix", str(tmp_path),
                              "--out", str(conf)]) == 0
    done = subprocess.run([nginx_binary(), "-t", "-e", str(tmp_path / "logs" / "error.log"), "-p", str(tmp_path),
                           "-c", str(conf)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def _get(url: str, cookie: str | None = None) -> tuple[int, str, list[str]]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.read().decode(), r.headers.get_all("Set-Cookie") or []


def _upstreams(replicas, route: str, wait: float = 5.0) -> list[str]:
    """The upstreams nginx logged for ``route``, waiting up to ``wait`` s for a first line.

    nginx writes a request's log line just after its last byte went out, so a test that reads the log
    right after a response can be a moment early on a loaded machine.
    """
    deadline = time.monotonic() + wait
    while True:
        found = [re.search(r"upstream=(.+?) route=", line)[1]
                 for line in replicas.access_log() if f"route={route}" in line]
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(0.05)


def test_health_answers_through_nginx_and_hands_out_a_route(replicas):
    status, body, cookies = _get(replicas.url + "/_stcore/health")
    assert (status, body) == (200, "ok")
    assert any(ROUTE.fullmatch(c) for c in cookies), cookies
    # a browser that has its route is not given another one
    _, _, again = _get(replicas.url + "/_stcore/health", cookie="levekar_route=" + "ab" * 16)
    assert not any(c.startswith("levekar_route=") for c in again)


def test_the_same_cookie_reaches_the_same_replica(replicas):
    routes = []
    for _ in range(16):  # fresh visitors: each gets a route of its own
        _, _, cookies = _get(replicas.url + "/_stcore/health")
        routes.append(next(ROUTE.fullmatch(c)[1] for c in cookies if ROUTE.fullmatch(c)))
    for route in routes[:4]:
        for _ in range(5):
            _get(replicas.url + "/_stcore/health", cookie=f"levekar_route={route}")
    for route in routes[:4]:
        assert len(set(_upstreams(replicas, route))) == 1, _upstreams(replicas, route)
    # and the visitors are spread over both replicas (16 random routes all on one: p < 0.001)
    first = Counter(_upstreams(replicas, r)[0] for r in routes)
    assert len(first) == 2, first
    # a forged, malformed cookie is not used as a route: a fresh one replaces it
    _, _, cookies = _get(replicas.url + "/_stcore/health", cookie="levekar_route=../../etc")
    assert any(ROUTE.fullmatch(c) for c in cookies)


def test_a_websocket_session_works_through_nginx_on_one_replica(replicas, load):
    async def visit():
        s = load.Session(replicas.url, timeout=60)
        await s.open()
        await s.rerun()  # the map page's first view: the map, its controls as text
        assert s.query_string.startswith("ind=") and "v_ind" not in s.widgets
        await s.report_map_drawn()  # as the browser's map does after its first paint: now the widgets
        indicator = s.widgets["v_ind"]
        wanted = next(o for o in indicator.options if o != indicator.value)
        await s.rerun(set_widgets={"v_ind": wanted})
        await s.rerun(page="about")
        await s.close()
        return s
    s = asyncio.run(visit())
    route = {c.name: c.value for c in s.jar}["levekar_route"]
    lines = [line for line in replicas.access_log() if f"route={route}" in line]
    assert any('"GET / HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET /_stcore/stream HTTP/1.1" 101' in line for line in lines), lines
    assert len(set(_upstreams(replicas, route))) == 1, lines


def test_the_front_end_bundle_is_served_from_nginx_cache_compressed(replicas):
    _, page, _ = _get(replicas.url + "/")
    js = re.search(r'src="\./(static/js/[^"]+\.js)"', page)[1]
    for _ in range(3):
        req = urllib.request.Request(f"{replicas.url}/{js}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req, timeout=10) as r:
            assert r.status == 200 and r.headers["Content-Encoding"] == "gzip"
            assert len(gzip.decompress(r.read())) > 10_000  # read to the end: valid gzip of the bundle
    deadline = time.monotonic() + 5  # nginx logs a request just after its last byte went out
    while len(lines := [line for line in replicas.access_log() if f"GET /{js} " in line]) < 3:
        assert time.monotonic() < deadline, lines
        time.sleep(0.05)
    assert len(lines) == 3 and "cache=MISS" in lines[0]
    assert all("cache=HIT" in line and "upstream=- " in line for line in lines[1:]), lines


def test_when_a_replica_stops_nginx_sends_its_visitors_to_the_other(replicas):
    # Last in this module on purpose: it stops replica 2 of the module's pair.
    os.kill(replicas.pid("replica-2"), signal.SIGTERM)
    deadline = time.monotonic() + 30
    while _healthy_direct(replicas.replica_urls[1]):
        assert time.monotonic() < deadline, "replica 2 did not stop"
        time.sleep(0.2)
    routes = [f"{i:032x}" for i in range(1, 13)]  # some of them hash onto replica 2
    for route in routes:
        status, body, _ = _get(replicas.url + "/_stcore/health", cookie=f"levekar_route={route}")
        assert (status, body) == (200, "ok")
    served = {_upstreams(replicas, r)[-1].split(", ")[-1] for r in routes}
    assert served == {replicas.replica_urls[0].removeprefix("http://")}, served
    assert replicas.process.poll() is None  # run_replicas.sh keeps nginx and replica 1 running


def _healthy_direct(url: str) -> bool:
    try:
        return _get(url + "/_stcore/health")[0] == 200
    except OSError:
        return False
