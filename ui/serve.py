"""Start the dashboard with its libraries already imported: ``python -m ui.serve [streamlit run options]``.

``streamlit run app.py`` imports nothing of the app until the first visitor's session runs a page: that
visitor waits for geopandas, mapclassify (which pulls in scipy.stats and matplotlib), plotly and every
``geo`` module — about 1.5 s on a 2-core machine, measured as a first cold load of ~3.0 s against ~1.5 s
for every later one. This launcher imports them first and then hands over to Streamlit's own command
line (the same ``main`` that ``python -m streamlit`` runs), so the server reports healthy only once the
imports are done and the first visitor after a start or a deploy waits no longer than any other.

Only ``geo`` (which never imports Streamlit) and the chart library are imported here: the ``ui`` modules
declare components and caches, which must happen inside Streamlit's runtime, not before it exists.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

from streamlit.web import cli

#: Packages whose every module is imported before the server starts (none of them imports Streamlit).
PRELOAD_PACKAGES = ("geo",)
#: Single modules imported as well: the heavy libraries the pages use outside ``geo``.
PRELOAD_MODULES = ("plotly.graph_objects", "plotly.express")

LOG = logging.getLogger("levekar")


def preload_names() -> list[str]:
    """The module names :func:`preload` imports, packages walked (``__main__`` modules left out)."""
    names: list[str] = []
    for package in PRELOAD_PACKAGES:
        names.append(package)
        path = importlib.import_module(package).__path__
        names += [m.name for m in pkgutil.walk_packages(path, f"{package}.") if not m.name.endswith("__main__")]
    return names + list(PRELOAD_MODULES)


def preload() -> list[str]:
    """Import :func:`preload_names`; return the ones that failed (logged, never fatal).

    A module that cannot be imported here (an optional dependency missing, say) fails the same way when
    a page needs it, with the page's own message; the server must still start.
    """
    failed = []
    for name in preload_names():
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - any import error: report it and start anyway
            LOG.warning("preload of %s failed: %s", name, exc)
            failed.append(name)
    return failed


def streamlit_argv(args: list[str]) -> list[str]:
    """The command line handed to Streamlit: ``streamlit run app.py`` unless a script is given first."""
    script = args[0] if args and args[0].endswith(".py") else "app.py"
    rest = args[1:] if args and args[0].endswith(".py") else args
    return ["streamlit", "run", script, *rest]


def main(argv: list[str] | None = None) -> None:
    """Preload, then run Streamlit with ``argv`` (options of ``streamlit run``, optionally a script first);
    Streamlit's command line exits the process when the server stops."""
    preload()
    sys.argv = streamlit_argv(list(sys.argv[1:] if argv is None else argv))
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
