"""The launcher that imports the app's libraries before Streamlit starts (ui.serve)."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from geo.config import PROJECT_DIR
from ui import serve


def test_preload_names_walk_every_geo_module_but_never_a_main_module():
    names = serve.preload_names()
    assert {"geo.mapping.classify", "geo.data.dataset", "geo.analysis.stats", "plotly.express"} <= set(names)
    assert not [n for n in names if n.endswith("__main__")]  # importing geo.__main__ would run the CLI
    assert len(names) == len(set(names))


def test_preload_imports_everything_in_a_fresh_interpreter_without_a_failure():
    code = ("import sys; from ui import serve; failed = serve.preload(); "
            "missing = [n for n in serve.preload_names() if n not in sys.modules]; print(failed, missing)")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[] []"


def test_a_module_that_cannot_be_imported_is_logged_and_the_rest_still_loads(monkeypatch, caplog):
    monkeypatch.setattr(serve, "PRELOAD_MODULES", ("levekar_no_such_module", "json"))
    with caplog.at_level(logging.WARNING, logger="levekar"):
        failed = serve.preload()
    assert failed == ["levekar_no_such_module"]
    assert "preload of levekar_no_such_module failed" in caplog.text
    assert "json" in sys.modules


@pytest.mark.parametrize(("args", "expected"), [
    ([], ["streamlit", "run", "app.py"]),
    (["--server.port", "8502"], ["streamlit", "run", "app.py", "--server.port", "8502"]),
    (["other.py", "--server.headless", "true"], ["streamlit", "run", "other.py", "--server.headless", "true"]),
])
def test_streamlit_argv_runs_app_py_unless_a_script_comes_first(args, expected):
    assert serve.streamlit_argv(args) == expected


def test_main_preloads_and_then_hands_the_command_line_to_streamlit(monkeypatch):
    calls = []
    monkeypatch.setattr(serve, "preload", lambda: calls.append("preload") or [])
    monkeypatch.setattr(serve.cli, "main", lambda prog_name: calls.append((prog_name, list(sys.argv))))
    monkeypatch.setattr(sys, "argv", ["ui/serve.py"])
    serve.main(["--server.port", "8599"])
    assert calls == ["preload", ("streamlit", ["streamlit", "run", "app.py", "--server.port", "8599"])]
