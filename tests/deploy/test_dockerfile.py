"""The Dockerfile, .dockerignore and deploy/compose.yaml, checked without a Docker daemon (none here:
the image is not built by the tests). A small parser reads the instructions the way Docker does
(continuation lines joined, comments dropped) and the essentials are checked."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs of a Dockerfile."""
    out, pending = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # a comment inside a continued instruction
        piece = stripped.removesuffix("\\").strip()
        pending = f"{pending} {piece}" if pending else piece
        if not stripped.endswith("\\"):
            word, _, rest = pending.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
            pending = ""
    if pending:
        raise ValueError(f"the Dockerfile ends inside a continued instruction: {pending[:60]!r}")
    return out


@pytest.fixture(scope="module")
def stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile's build stages, each a list of instructions starting with its FROM."""
    out: list[list[tuple[str, str]]] = []
    for ins in instructions((PROJECT_DIR / "Dockerfile").read_text()):
        if ins[0] == "FROM":
            out.append([])
        out[-1].append(ins)
    return out


def test_the_parser_joins_continuations_and_refuses_a_dangling_one():
    assert instructions("FROM a\n# c\nRUN x \\\n  # inner\n  && y\n") == [("FROM", "a"), ("RUN", "x && y")]
    with pytest.raises(ValueError, match="ends inside a continued instruction"):
        instructions("RUN x \\\n")


def test_every_stage_is_python_311_slim(stages):
    assert len(stages) >= 1
    for stage in stages:
        assert stage[0][1].split()[0] == "python:3.11-slim", stage[0]


def test_the_final_stage_runs_as_a_non_root_user(stages):
    final = stages[-1]
    users = [args for word, args in final if word == "USER"]
    assert users, "the final stage sets no USER: it would run as root"
    assert users[-1].split(":")[0] not in ("root", "0")
    assert any(word == "RUN" and "useradd" in args and users[-1] in args for word, args in final)


def test_healthcheck_asks_streamlit_health_on_the_served_port(stages):
    final = stages[-1]
    checks = [args for word, args in final if word == "HEALTHCHECK"]
    assert len(checks) == 1 and "/_stcore/health" in checks[0]
    port = re.search(r"127\.0\.0\.1:(\d+)/_stcore/health", checks[0])[1]
    env = " ".join(args for word, args in final if word == "ENV")
    assert f"STREAMLIT_SERVER_PORT={port}" in env
    assert any(word == "EXPOSE" and args.split()[0] == port for word, args in final)


def test_requirements_and_map_assets_are_installed_as_the_scripts_do(stages):
    build = [ins for stage in stages for ins in stage]
    runs = [args for word, args in build if word == "RUN"]
    copies = [args for word, args in build if word == "COPY"]
    pip = next(i for i, (w, a) in enumerate(build) if w == "RUN" and "pip install -r requirements.txt" in a)
    copied = next(i for i, (w, a) in enumerate(build) if w == "COPY" and a.split()[0] == "requirements.txt")
    assert copied < pip, "requirements.txt must be copied before pip installs it"
    assert any("python -m geo.mapping.assets install" in r and "geo.mapping.assets check" in r for r in runs)
    assert any("npm" in r for r in runs)  # geo.mapping.assets fetches Leaflet with npm pack
    for args in copies:  # every source from the build context exists
        parts = shlex.split(args)
        if any(p.startswith("--from") for p in parts):
            continue
        for src in [p for p in parts if not p.startswith("--")][:-1]:
            assert (PROJECT_DIR / src).exists(), src


def test_public_mode_app_and_no_secret_baked_in(stages):
    final = stages[-1]
    env = " ".join(args for word, args in final if word == "ENV")
    assert "LEVEKAR_PUBLIC=1" in env
    assert "STREAMLIT_SERVER_FILE_WATCHER_TYPE=none" in env
    assert "STREAMLIT_RUNNER_POST_SCRIPT_GC=false" in env
    text = (PROJECT_DIR / "Dockerfile").read_text()
    assert not re.search(r"^\s*(ENV|ARG)\b.*COOKIE_SECRET", text, re.M)
    cmd = [args for word, args in final if word == "CMD"][-1]
    # ui.serve imports the libraries, then runs Streamlit's own command line ("streamlit run app.py")
    assert '"ui.serve"' in cmd and '"app.py"' in cmd and (PROJECT_DIR / "app.py").exists()
    assert (PROJECT_DIR / "ui" / "serve.py").exists()


def test_the_image_has_every_setting_of_public_env(stages):
    env = {}
    for word, args in stages[-1]:
        if word == "ENV":
            env.update(item.split("=", 1) for item in args.split())
    public = [line.strip() for line in (PROJECT_DIR / "deploy" / "public.env").read_text().splitlines()
              if line.strip() and not line.lstrip().startswith("#")]
    assert public, "deploy/public.env holds no setting"
    for line in public:
        key, _, value = line.partition("=")
        assert env.get(key) == value, f"Dockerfile ENV {key} should be {value!r} as in deploy/public.env"


def test_dockerignore_keeps_environments_and_installed_assets_out():
    ignored = {line.strip() for line in (PROJECT_DIR / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".git", ".venv", ".wt", "static/vendor"} <= ignored
    assert "data" not in ignored and "data/trondheim_demo.gpkg" not in ignored  # the dataset is baked in


def test_compose_runs_two_replicas_with_one_secret_behind_the_rendered_nginx(render_nginx):
    compose = yaml.safe_load((PROJECT_DIR / "deploy" / "compose.yaml").read_text())
    services = compose["services"]
    apps = [name for name in services if name.startswith("app")]
    assert len(apps) == 2
    for name in apps:
        env = services[name]["environment"]
        assert env["LEVEKAR_PUBLIC"] == "1"
        assert env["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${LEVEKAR_COOKIE_SECRET:?")
    assert services["nginx"]["volumes"] == ["./nginx.compose.conf:/etc/nginx/nginx.conf:ro"]
    wanted = render_nginx.render([f"{name}:8501" for name in apps], listen="8080", run_dir="/tmp",
                                 log_dir="/var/log/nginx")
    assert (PROJECT_DIR / "deploy" / "nginx.compose.conf").read_text() == wanted, (
        "deploy/nginx.compose.conf is out of date: render it again (deploy/README.md)")
