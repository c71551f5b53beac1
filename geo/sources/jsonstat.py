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
    """What one of SSB's cell symbols means for a value.

    ``value`` says what happens to the cell's number: ``drop`` (NaN; the figure is unknown or
    withheld), ``keep`` (the number stands, e.g. a provisional figure) or ``zero`` (a true nil that
    may come without a number).
    """

    symbol: str
    status: str  # a geo.config.STATUSES value
    reason: str
    value: str = "drop"


#: SSB's standard symbols ("Standardtegn i tabeller").
SSB_SYMBOLS: dict[str, StatusSymbol] = {s.symbol: s for s in (
    StatusSymbol(".", "missing", "not applicable (category cannot occur)"),
    StatusSymbol("..", "missing", "data not available"),
    StatusSymbol("...", "missing", "not yet available"),
    StatusSymbol(":", "suppressed", "suppressed for confidentiality"),
    StatusSymbol("-", "published", "nil (zero)", value="zero"),
    StatusSymbol("*", "published", "provisional figure", value="keep"),
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


def _status_items(obj: Any, n: int, source: str) -> list[tuple[int, str]]:
    """(cell index, symbol) of every marked cell; ``status`` may be a string, array or sparse object."""
    if obj is None:
        return []
    if isinstance(obj, str):
        return [(i, obj) for i in range(n)] if obj else []
    if isinstance(obj, dict):
        out = []
        for k, v in obj.items():
            if not (isinstance(k, str) and k.isdigit() and int(k) < n):
                raise _fail(source, "status", f"key {k!r} is not a cell index in 0..{n - 1}")
            if v not in (None, ""):
                out.append((int(k), str(v)))
        return out
    return [(i, str(v)) for i, v in enumerate(_cells(obj, n, "status", source, None)) if v not in (None, "")]


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
    marks = _status_items(doc.get("status"), n, source)

    cols: dict[str, Any] = {}
    # Row-major: the last dimension varies fastest, so repeat/tile the codes accordingly.
    for k, (dim, size) in enumerate(zip(ids, sizes)):
        codes, names = _categories(doc, dim, size, source)
        inner = math.prod(sizes[k + 1:])
        outer = math.prod(sizes[:k])
        # Build each text column once per category and ``take`` it out to the cells: far cheaper
        # than converting a million Python strings.
        positions = np.tile(np.repeat(np.arange(size), inner), outer)
        cols[dim] = pd.array(codes, dtype="str").take(positions)
        if labels:
            cols[f"{dim}_label"] = pd.array([names.get(c, c) for c in codes], dtype="str").take(positions)

    if not set(map(type, values)) <= {int, float, type(None)}:
        bad = next(i for i, v in enumerate(values) if type(v) not in (int, float, type(None)))
        raise _fail(source, "value", f"cell {bad} is {values[bad]!r}, not a number or null")
    numbers = np.array(values, dtype="float64")  # None becomes NaN
    # Status, symbol and reason have few distinct texts: keep per-cell indexes into small vocabularies
    # and expand them with ``take`` at the end.
    vocab: dict[str, dict[str, int]] = {"status": {"published": 0, "missing": 1}, "symbol": {"": 0},
                                        "reason": {"": 0, "no value": 1}}
    empty = np.isnan(numbers)
    idx = {"status": empty.astype("int32"), "symbol": np.zeros(n, dtype="int32"), "reason": empty.astype("int32")}

    def put(kind: str, i: int, text: str) -> None:
        idx[kind][i] = vocab[kind].setdefault(text, len(vocab[kind]))

    # Status marks are sparse in practice: only the marked cells need a Python-level look-up.
    for i, sym in marks:
        put("symbol", i, sym)
        meaning = symbols.get(sym)
        if meaning is None:
            put("reason", i, f"unknown status symbol {sym!r}" if empty[i] else f"status {sym!r}")
            continue
        put("status", i, meaning.status)
        put("reason", i, meaning.reason)
        if meaning.value == "drop":
            numbers[i] = math.nan
        elif meaning.value == "zero" and empty[i]:
            numbers[i] = 0.0
    frame = pd.DataFrame(cols)
    frame["value"] = numbers
    for kind in ("status", "symbol", "reason"):
        frame[kind] = pd.array(list(vocab[kind]), dtype="str").take(idx[kind])
    return frame


def dimension_codes(doc: dict, *, source: str = "JSON-stat") -> dict[str, list[str]]:
    """Dimension id → category codes (storage order), e.g. from a PxWebApi metadata document."""
    ids, sizes = doc.get("id"), doc.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise _fail(source, "id/size", "missing, not arrays, or of different lengths")
    return {dim: _categories(doc, dim, size, source)[0] for dim, size in zip(ids, sizes)}
