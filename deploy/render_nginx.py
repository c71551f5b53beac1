"""Render ``deploy/nginx.conf.template`` for N Streamlit replicas.

Usage::

    python deploy/render_nginx.py --upstream 127.0.0.1:8701 --upstream 127.0.0.1:8702 \\
        --listen 127.0.0.1:8780 --prefix /tmp/levekar-nginx --out /tmp/levekar-nginx/nginx.conf
    nginx -p /tmp/levekar-nginx -c /tmp/levekar-nginx/nginx.conf

The template's placeholders are ``{{name}}`` (nginx's own variables start with ``$``, so a ``$``-based
template engine would fight them). Every placeholder must be filled and every value is checked here:
a rendered file is either complete and well-formed or not written at all.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_HOST_PORT = re.compile(r"^(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\]):(?P<port>\d{1,5})$")
_SIZE = re.compile(r"^\d+[kmg]?$")
_TIME = re.compile(r"^\d+(ms|s|m|h|d)?$")


def _check_host_port(value: str, what: str) -> str:
    m = _HOST_PORT.match(value)
    if not m or not 0 < int(m["port"]) < 65536:
        raise ValueError(f"{what} {value!r} is not host:port (e.g. 127.0.0.1:8701 or app1:8501)")
    return value


def render(upstreams: list[str], *, listen: str = "127.0.0.1:8780", run_dir: str | Path = "/tmp/levekar-nginx",
           log_dir: str | Path | None = None, worker_processes: int = 1, client_max_body_size: str = "2m",
           ws_timeout: str = "1d", secure_cookie: bool = False, template: Path = TEMPLATE) -> str:
    """The nginx configuration for ``upstreams``.

    Parameters
    ----------
    upstreams : list of str
        ``host:port`` of every Streamlit replica (at least one, no duplicates).
    listen : str
        ``host:port`` (or a bare port) nginx listens on.
    run_dir, log_dir : path
        Where nginx keeps its pid file and temporary files, and its logs (default: ``run_dir/logs``).
        Must be absolute: nginx would read relative paths against its own prefix.
    worker_processes : int
        nginx workers (1 is plenty: the replicas, not nginx, use the CPU).
    client_max_body_size, ws_timeout : str
        nginx size (``2m``: public mode has no uploads and caps them at 1 MB; raise it for an internal
        deployment with uploads) and time (``1d``) values.
    secure_cookie : bool
        Mark the route cookie ``Secure`` (behind HTTPS).

    Returns
    -------
    str
        The configuration text.

    Raises
    ------
    ValueError
        When a value is malformed or a placeholder of the template is left unfilled.
    """
    if not upstreams:
        raise ValueError("at least one --upstream host:port is needed")
    for u in upstreams:
        _check_host_port(u, "upstream")
    if len(set(upstreams)) != len(upstreams):
        raise ValueError(f"duplicate upstream in {upstreams}: each replica once")
    if not re.fullmatch(r"\d{1,5}", listen):
        _check_host_port(listen, "listen address")
    run_dir = Path(run_dir)
    log_dir = Path(log_dir) if log_dir is not None else run_dir / "logs"
    for p in (run_dir, log_dir):
        if not p.is_absolute():
            raise ValueError(f"{p} must be an absolute path (nginx reads relative paths against its prefix)")
        if any(c in str(p) for c in " ;{}\"'"):
            raise ValueError(f"{p}: no spaces, quotes, braces or ';' in nginx paths")
    if not _SIZE.match(client_max_body_size):
        raise ValueError(f"client_max_body_size {client_max_body_size!r} is not an nginx size such as 2m")
    if not _TIME.match(ws_timeout):
        raise ValueError(f"ws_timeout {ws_timeout!r} is not an nginx time such as 1d or 3600s")
    if worker_processes < 1:
        raise ValueError(f"worker_processes must be at least 1, got {worker_processes}")
    values = {
        "worker_processes": str(worker_processes),
        "run_dir": str(run_dir),
        "log_dir": str(log_dir),
        "listen": listen,
        # max_fails/fail_timeout: a replica that stops answering is skipped for 10 s (its visitors
        # reconnect to another one and start a new session there).
        "upstream_servers": "\n".join(f"        server {u} max_fails=3 fail_timeout=10s;" for u in upstreams),
        "client_max_body_size": client_max_body_size,
        "ws_timeout": ws_timeout,
        "cookie_flags": "; Secure" if secure_cookie else "",
    }
    text = template.read_text(encoding="utf-8")
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - set(values))
    if unknown:
        raise ValueError(f"the template has placeholders this renderer does not fill: {unknown}")
    return _PLACEHOLDER.sub(lambda m: values[m[1]], text)


def main(argv: list[str] | None = None) -> int:
    """CLI: render and print the configuration, or write it to ``--out``; exit 2 on a bad value."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--upstream", action="append", default=[], help="host:port of a replica (repeat for each)")
    p.add_argument("--listen", default="127.0.0.1:8780")
    p.add_argument("--prefix", default="/tmp/levekar-nginx", help="pid and temporary files (absolute)")
    p.add_argument("--log-dir", default=None, help="access and error log folder (default PREFIX/logs)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--client-max-body-size", default="2m",
                   help="largest request body (public mode: uploads are off and capped at 1 MB by Streamlit)")
    p.add_argument("--secure-cookie", action="store_true", help="route cookie only over HTTPS")
    p.add_argument("--out", default=None, help="write here instead of printing")
    a = p.parse_args(argv)
    try:
        text = render(a.upstream, listen=a.listen, run_dir=Path(a.prefix).absolute(),
                      log_dir=Path(a.log_dir).absolute() if a.log_dir else None, worker_processes=a.workers,
                      client_max_body_size=a.client_max_body_size, secure_cookie=a.secure_cookie)
    except ValueError as exc:
        print(f"render_nginx: {exc}", file=sys.stderr)
        return 2
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
