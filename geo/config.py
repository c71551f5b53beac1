"""One home for configuration: paths and constants, read-only at run time.

Paths come from this file's location, never from the working directory, so the app, the CLI and
the tests find the embedded data wherever they are started from.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
#: The embedded demonstration dataset (built by ``data/build_demo.py``).
DEMO_DATASET = DATA_DIR / "trondheim_demo.gpkg"
#: Facts the demo and the predefined zone groups are built from (copied into the repo, with citations).
FACTS_DIR = DATA_DIR / "facts"

#: Environment variable naming a dataset to use instead of the embedded demo.
DATASET_ENV = "LEVEKAR_DATASET"

#: CRS all analysis happens in (SSB's national grid, UTM zone 33N).
ANALYSIS_CRS = "EPSG:25833"
#: CRS of everything sent to a browser.
DISPLAY_CRS = "EPSG:4326"

#: Where zones are expected (lon/lat bounds west, south, east, north): Norway with Svalbard, with room to
#: spare. Zones elsewhere get a warning; lying here only once x and y are swapped is an error.
EXPECTED_REGION = ("Norway", (2.0, 57.0, 33.0, 82.0))

STATUSES = ("published", "synthetic", "computed", "suppressed", "missing")


#: Environment variable switching public mode on (``1``/``true``/``yes``/``on``) or off (``0``/``false``/…).
PUBLIC_ENV = "LEVEKAR_PUBLIC"
#: Environment variable naming the settings file; default :data:`SETTINGS_FILE`.
SETTINGS_ENV = "LEVEKAR_CONFIG"
#: The app's own settings file (TOML, table ``[levekar]``), optional.
SETTINGS_FILE = PROJECT_DIR / "levekar.toml"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
#: Keys allowed in ``[levekar]`` (a typo must not silently leave a public site unprotected).
SETTINGS_KEYS = ("public", "dataset", "disclosure")


def settings_path() -> Path:
    """Where the settings file is looked for: ``$LEVEKAR_CONFIG`` or :data:`SETTINGS_FILE`."""
    value = os.environ.get(SETTINGS_ENV, "").strip()
    return Path(value).expanduser() if value else SETTINGS_FILE


def settings() -> dict[str, Any]:
    """The ``[levekar]`` table of the settings file (empty when there is no file).

    Read on every call (a few microseconds for a small file): editing it needs no restart, and tests can
    point :data:`SETTINGS_ENV` elsewhere.

    Raises
    ------
    ConfigError
        When the file is not TOML, has no ``[levekar]`` table, or holds an unknown key.
    """
    from geo.errors import ConfigError

    path = settings_path()
    if not path.is_file():
        if os.environ.get(SETTINGS_ENV, "").strip():
            raise ConfigError(f"{path}: no such settings file (named by {SETTINGS_ENV}); check the path")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid TOML file ({exc}); fix or remove it") from exc
    table = data.get("levekar")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: expected a [levekar] table (e.g. [levekar] then public = true)")
    unknown = sorted(set(table) - set(SETTINGS_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)} in [levekar]; known: "
                          f"{', '.join(SETTINGS_KEYS)}")
    return table


def public_mode() -> bool:
    """True when the public dashboard's rules apply: ``$LEVEKAR_PUBLIC``, else ``public`` in the settings.

    The environment wins over the file, so one file can serve an internal and a public deployment.

    Raises
    ------
    ConfigError
        On a value that is neither yes nor no (a misspelt switch must not silently mean "internal").
    """
    from geo.errors import ConfigError

    raw = os.environ.get(PUBLIC_ENV)
    if raw is not None and raw.strip().lower() in _TRUE:
        return True
    if raw is not None and raw.strip().lower() in _FALSE[:-1]:
        return False
    if raw is not None and raw.strip():
        raise ConfigError(f"{PUBLIC_ENV}={raw!r}: use 1 (public) or 0 (internal)")
    value = settings().get("public", False)
    if not isinstance(value, bool):
        raise ConfigError(f"{settings_path()}: public must be true or false, got {value!r}")
    return value


def dataset_path_from_env() -> Path | None:
    """The dataset named by :data:`DATASET_ENV`, else by ``dataset`` in the settings; None when neither.

    A relative ``dataset`` in the settings file is read from the file's folder.
    """
    value = os.environ.get(DATASET_ENV, "").strip()
    if value:
        return Path(value).expanduser()
    configured = settings().get("dataset")
    if configured is None:
        return None
    if not isinstance(configured, str) or not configured.strip():
        from geo.errors import ConfigError

        raise ConfigError(f"{settings_path()}: dataset must be the path of a .gpkg file, got {configured!r}")
    path = Path(configured).expanduser()
    return path if path.is_absolute() else settings_path().parent / path
