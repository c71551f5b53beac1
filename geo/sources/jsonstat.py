"""Decode JSON-stat 2.0 datasets (what SSB's PxWebApi v2 returns) into a tidy frame.

Written here rather than taken from ``pyjstat`` because we need SSB's status symbols kept per cell
with their meaning (``pyjstat`` drops them) and because every malformed or changed response must end
in a :class:`~geo.sources.http.SourceFormatError` that names the source and the field.

JSON-stat 2.0 in brief: ``id`` lists the dimension ids in storage order, ``size`` their lengths,
``dimension[id].category.index`` gives each category's position (an object code → position, or an
array of codes), ``value`` holds the cells in row-major order (an array, or an object keyed by the
flat index for sparse cubes), and ``status`` marks cells (a string for all cells, an array, or an
object keyed by flat index).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from geo.sources.http import SourceFormatError


@dataclass(frozen=True)
class StatusSymbol:
    """What one of SSB's cell symbols means for a value."""

    symbol: str
    status: str  # a geo.config.STATUSES value
    reason: str
    keeps_value: bool = False


#: SSB's standard symbols ("Standardtegn i tabeller"). ``-`` is a true zero, so its value is kept.
SSB_SYMBOLS: dict[str, StatusSymbol] = {s.symbol: s for s in (
    StatusSymbol(".", "missing", "not applicable (category cannot occur)"),
    StatusSymbol("..", "missing", "data not available"),
    StatusSymbol("...", "missing", "not yet available"),
    StatusSymbol(":", "suppressed", "suppressed for confidentiality"),
    StatusSymbol("-", "published", "nil (zero)", keeps_value=True),
)}

TIDY_EXTRA = ["value", "status", "symbol", "reason"]


def _fail(source: str, field: str, message: str) -> SourceFormatError:
    return SourceFormatError(f"{source}: JSON-stat field '{field}': {message}; the response is not a JSON-stat 2.0 "
                             "dataset as expected — the service or table may have changed")


def _categories(doc: dict, dim: str, size: int, source: str) -> tuple[list[str], dict[str, str]]:
    """Category codes of ``dim`` in storage order, and their labels."""
    try:
        cat = doc["dimension"][dim]["category"]
    except (KeyError, TypeError):
        raise _fail(source, f"dimension.{dim}.category", "missing") from None
    index = cat.get("index")
    labels = cat.get("label") or {}
    if index is None:
        # Allowed for single-category dimensions: the label object names the only code.
        if len(labels) != 1:
            raise _fail(source, f"dimension.{dim}.category.index", "missing (only allowed with exactly one label)")
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [None] * len(index)  # type: ignore[list-item]
        for code, pos in index.items():
            if not isinstance(pos, int) or not 0 <= pos < len(index) or codes[pos] is not None:
                raise _fail(source, f"dimension.{dim}.category.index", f"bad position {pos!r} for {code!r}")
            codes[pos] = str(code)
    else:
        raise _fail(source, f"dimension.{dim}.category.index", f"expected object or array, got {type(index).__name__}")
    if len(codes) != size:
        raise _fail(source, f"dimension.{dim}", f"has {len(codes)} categories but size says {size}")
    return codes, {str(k): str(v) for k, v in labels.items()}


def _cells(obj: Any, n: int, field: str, source: str, default: Any) -> list:
    """Expand a JSON-stat cell container (array, sparse object or scalar) to ``n`` cells."""
    if obj is None:
        return [default] * n
    if isinstance(obj, list):
        if len(obj) != n:
            raise _fail(source, field, f"has {len(obj)} cells but the dimension sizes multiply to {n}")
        return obj
    if isinstance(obj, dict):
        out = [default] * n
        for k, v in obj.items():
            try:
                i = int(k)
            except ValueError:
                raise _fail(source, field, f"key {k!r} is not a cell index") from None
            if not 0 <= i < n:
                raise _fail(source, field, f"cell index {i} outside 0..{n - 1}")
            out[i] = v
        return out
    if field == "status" and isinstance(obj, str):
        return [obj] * n
    raise _fail(source, field, f"expected array or object, got {type(obj).__name__}")


def decode(doc: Any, *, source: str = "JSON-stat", labels: bool = True,
           symbols: dict[str, StatusSymbol] | None = None) -> pd.DataFrame:
    """Decode a JSON-stat 2.0 dataset into one row per cell.

    Parameters
    ----------
    doc : dict
        The parsed JSON document (``class: dataset``).
    source : str
        Named in error messages (e.g. ``"SSB table 04362"``).
    labels : bool
        Add a ``<dim>_label`` column per dimension.
    symbols : dict, optional
        Status symbol meanings; default :data:`SSB_SYMBOLS`.

    Returns
    -------
    pandas.DataFrame
        One column per dimension (category codes, as text), optionally their labels, then ``value``
        (float, NaN where a symbol means missing/suppressed), ``status`` (``published``, ``missing``
        or ``suppressed``), ``symbol`` (the raw status symbol or empty) and ``reason``.

    Raises
    ------
    SourceFormatError
        When the document is not a well-formed JSON-stat 2.0 dataset.
    """
    symbols = SSB_SYMBOLS if symbols is None else symbols
    if not isinstance(doc, dict):
        raise _fail(source, "(root)", f"expected an object, got {type(doc).__name__}")
    if doc.get("class", "dataset") != "dataset":
        raise _fail(source, "class", f"expected 'dataset', got {doc.get('class')!r}")
    ids, sizes = doc.get("id"), doc.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list):
        raise _fail(source, "id/size", "missing or not arrays")
    if len(ids) != len(sizes):
        raise _fail(source, "size", f"{len(sizes)} sizes for {len(ids)} dimensions")
    if not all(isinstance(s, int) and s >= 0 for s in sizes):
        raise _fail(source, "size", f"sizes must be non-negative integers, got {sizes}")
    if not isinstance(doc.get("dimension"), dict):
        raise _fail(source, "dimension", "missing")
    n = math.prod(sizes)
    values = _cells(doc.get("value"), n, "value", source, None)
    status = _cells(doc.get("status"), n, "status", source, None)

    cols: dict[str, Any] = {}
    # Row-major: the last dimension varies fastest, so repeat/tile the codes accordingly.
    for k, (dim, size) in enumerate(zip(ids, sizes)):
        codes, names = _categories(doc, dim, size, source)
        inner = math.prod(sizes[k + 1:])
        outer = math.prod(sizes[:k])
        arr = np.tile(np.repeat(np.array(codes, dtype=object), inner), outer)
        cols[dim] = arr
        if labels:
            cols[f"{dim}_label"] = np.array([names.get(c, c) for c in arr], dtype=object)

    out_values, out_status, out_symbol, out_reason = [], [], [], []
    for i, (v, s) in enumerate(zip(values, status)):
        if v is not None and not isinstance(v, int | float):
            raise _fail(source, "value", f"cell {i} is {v!r}, not a number or null")
        sym = "" if s is None else str(s)
        meaning = symbols.get(sym) if sym else None
        if meaning is not None:
            keep = meaning.keeps_value
            out_values.append(float(v) if keep and v is not None else (0.0 if keep else math.nan))
            out_status.append(meaning.status)
            out_reason.append(meaning.reason)
        elif v is None:
            out_values.append(math.nan)
            out_status.append("missing")
            out_reason.append(f"unknown status symbol {sym!r}" if sym else "no value")
        else:
            out_values.append(float(v))
            out_status.append("published")
            out_reason.append(f"status {sym!r}" if sym else "")
        out_symbol.append(sym)
    frame = pd.DataFrame(cols)
    for dim in ids:
        frame[dim] = frame[dim].astype("str")
    frame["value"] = np.array(out_values, dtype="float64")
    frame["status"] = out_status
    frame["symbol"] = out_symbol
    frame["reason"] = out_reason
    return frame


def dimension_codes(doc: dict, *, source: str = "JSON-stat") -> dict[str, list[str]]:
    """Dimension id → category codes (storage order), e.g. from a PxWebApi metadata document."""
    ids, sizes = doc.get("id"), doc.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise _fail(source, "id/size", "missing, not arrays, or of different lengths")
    return {dim: _categories(doc, dim, size, source)[0] for dim, size in zip(ids, sizes)}
