"""Feature string tables, merged into :data:`ui.i18n.STRINGS`.

Each module here defines ``STRINGS: dict[str, tuple[str, str]]`` (bokmål, English) for one feature
(a page or a family of pages). Modules are discovered, not listed, so two features never edit the same
file to add their texts; a key defined twice is an error at import time, not a silent override.
"""

from __future__ import annotations

import importlib
import pkgutil


def collect(base: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """``base`` plus every feature table in this package; duplicate keys raise ``ValueError``."""
    merged = dict(base)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        table = importlib.import_module(f"{__name__}.{info.name}").STRINGS
        clash = sorted(set(table) & set(merged))
        if clash:
            raise ValueError(f"UI string keys defined twice (ui/strings/{info.name}.py): {', '.join(clash)}")
        merged.update(table)
    return merged
