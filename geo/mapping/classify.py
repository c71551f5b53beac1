"""Classify zone values into map classes and colour them.

Classification is mapclassify's; this module adds what a choropleth of living conditions needs on top:

- a registry of schemes (:data:`SCHEMES`) and of colour-blind-safe ColorBrewer sequential palettes
  (:data:`PALETTES`, the colours come from branca's copy of the ColorBrewer tables);
- orientation by the indicator's direction, so that *worse is always darker/warmer*: for a
  ``higher_is_better`` indicator the darkest colour goes to the lowest class;
- missing and suppressed zones kept out of the classes (class ``-1``, a grey "no data" swatch), never
  coloured as if they were zero;
- the edge cases real data has: fewer distinct values than classes, all values equal, nothing to show,
  user breaks that do not reach the data's maximum.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import mapclassify
import numpy as np
import pandas as pd
from branca.utilities import color_brewer

from geo.data.catalog import Indicator
from geo.errors import UnknownChoiceError

K_MIN, K_MAX = 3, 7
DEFAULT_SCHEME = "quantiles"
DEFAULT_K = 5
#: Fill of zones without a value (missing or suppressed): a light grey no palette uses.
NO_DATA_COLOUR = "#d9d9d9"
#: Statuses whose value must never be coloured, even if a number is known internally.
HIDDEN_STATUSES = ("suppressed", "missing")
#: Above this many values Fisher–Jenks runs on a sample: the exact algorithm is O(k·n²) in pure Python.
FISHER_JENKS_EXACT_MAX = 300


def _fisher_jenks(y: np.ndarray, k: int) -> mapclassify.classifiers.MapClassifier:
    if len(y) <= FISHER_JENKS_EXACT_MAX:
        return mapclassify.FisherJenks(y, k=k)
    return mapclassify.FisherJenksSampled(y, k=k, pct=FISHER_JENKS_EXACT_MAX / len(y), truncate=True)


@dataclass(frozen=True)
class Scheme:
    """One classification scheme.

    Parameters
    ----------
    id : str
        Registry key (also the URL value).
    label_nb, label_en : str
        Name shown in the UI.
    make : callable
        ``make(y, k) -> mapclassify classifier`` (``k`` ignored by schemes with a fixed class count).
    fixed_k : bool
        True when the scheme decides the number of classes itself (box plot: outliers, quartiles, fences).
    """

    id: str
    label_nb: str
    label_en: str
    make: Callable[[np.ndarray, int], object] | None
    fixed_k: bool = False

    def label(self, lang: str = "nb") -> str:
        """Name in ``lang``."""
        return self.label_en if lang == "en" else self.label_nb


#: The classification schemes, in menu order. ``user_defined`` takes ``breaks`` instead of ``k``.
SCHEMES: dict[str, Scheme] = {s.id: s for s in (
    Scheme("quantiles", "Kvantiler (like mange soner per klasse)", "Quantiles (equal zone counts)",
           lambda y, k: mapclassify.Quantiles(y, k=k)),
    Scheme("fisher_jenks", "Naturlige brudd (Fisher–Jenks)", "Natural breaks (Fisher–Jenks)", _fisher_jenks),
    Scheme("equal_interval", "Like intervaller", "Equal intervals", lambda y, k: mapclassify.EqualInterval(y, k=k)),
    Scheme("box_plot", "Boksplott (uteliggere)", "Box plot (outliers)", lambda y, k: mapclassify.BoxPlot(y),
           fixed_k=True),
    Scheme("user_defined", "Egne grenser", "User-defined breaks", None),
)}


@dataclass(frozen=True)
class Palette:
    """A ColorBrewer sequential palette, light to dark.

    Parameters
    ----------
    id : str
        ColorBrewer code (``YlOrRd`` …), the registry key.
    label_nb, label_en : str
        Name shown in the UI.
    """

    id: str
    label_nb: str
    label_en: str

    def label(self, lang: str = "nb") -> str:
        """Name in ``lang``."""
        return self.label_en if lang == "en" else self.label_nb

    def colours(self, n: int) -> list[str]:
        """``n`` colours light → dark (1 ≤ n ≤ 9); 1 and 2 are picked from the 3-class palette."""
        if n < 1 or n > 9:
            raise ValueError(f"palette {self.id}: between 1 and 9 colours available, asked for {n}")
        if n < 3:
            # ColorBrewer has no 1- or 2-class sets: take the middle, or the two ends, of the 3-class one.
            three = self.colours(3)
            return [three[1]] if n == 1 else [three[0], three[2]]
        return [c.lower() for c in color_brewer(self.id, n)]


#: Colour-blind-safe sequential palettes (ColorBrewer; all marked colour-blind safe there).
PALETTES: dict[str, Palette] = {p.id: p for p in (
    Palette("YlOrRd", "Gul–oransje–rød", "Yellow–orange–red"),
    Palette("OrRd", "Oransje–rød", "Orange–red"),
    Palette("Reds", "Røde", "Reds"),
    Palette("Purples", "Lilla", "Purples"),
    Palette("Blues", "Blå", "Blues"),
    Palette("YlGnBu", "Gul–grønn–blå", "Yellow–green–blue"),
)}
#: Palette used when none is asked for: warm for indicators with a "worse" end, neutral blue otherwise.
DEFAULT_PALETTE = {"higher_is_worse": "YlOrRd", "higher_is_better": "YlOrRd", "neutral": "Blues"}

TEXTS = {
    "no_data": {"nb": "Ingen data / skjult", "en": "No data / suppressed"},
}

#: What a classification may have to tell the reader: key → (bokmål, English). Numbers named ``brk``/``top``
#: are indicator values (formatted with the indicator's unit), the others counts.
NOTES: dict[str, tuple[str, str]] = {
    "no_values": ("Ingen sone har en verdi.", "No zone has a value."),
    "above_last_break": ("Verdier over siste grense ({brk}) utgjør én klasse til, opp til {top}.",
                         "Values above the last break ({brk}) form one more class, up to {top}."),
    "distinct": ("Bare {n} ulike verdier: én klasse for hver.", "Only {n} distinct value(s): one class each."),
    "fewer_classes": ("{n} klasser i stedet for {asked}: de andre ville ikke hatt noen sone.",
                      "{n} classes instead of {asked}: the others would hold no zone."),
}
_VALUE_PARAMS = ("brk", "top")


def _note_text(key: str, params: dict, lang: str, indicator: Indicator | None = None) -> str:
    """One classification note in ``lang``; values via the indicator's format, plain ``:g`` without one."""
    def fmt(name: str, v: object) -> str:
        if name in _VALUE_PARAMS:
            return indicator.format_value(v, lang) if indicator is not None else f"{v:g}"
        return str(v)
    nb, en = NOTES[key]
    return (en if lang == "en" else nb).format(**{k: fmt(k, v) for k, v in params.items()})


@dataclass(frozen=True)
class LegendRow:
    """One row of a legend: a colour swatch, the range it stands for, how many zones it has."""

    label: str
    count: int
    colour: str
    no_data: bool = False


class ZoneColours:
    """What every map colouring has, given ``classes`` (class index per zone, ``-1`` = no data),
    ``colours`` (one per class) and ``k``: zones per class, zones without data, colour per zone.
    Shared by :class:`Classification` (ranges) and :class:`geo.analysis.categories.Categories`."""

    @property
    def counts(self) -> list[int]:
        """Zones per class, in class order."""
        if not self.k:
            return []
        return [int(n) for n in np.bincount(self.classes[self.classes >= 0].to_numpy(dtype=int),
                                            minlength=self.k)[: self.k]]

    @property
    def n_no_data(self) -> int:
        """Zones without a colour (missing or suppressed)."""
        return int((self.classes < 0).sum())

    def colour_of(self) -> dict[str, str]:
        """Fill colour per zone (``NO_DATA_COLOUR`` for class -1), keyed by the classes' index as text."""
        palette = np.array([*self.colours, NO_DATA_COLOUR], dtype=object)
        # class -1 indexes the last entry: the no-data colour
        return dict(zip(self.classes.index.astype(str), palette[self.classes.to_numpy(dtype=int)], strict=True))


@dataclass(frozen=True)
class Classification(ZoneColours):
    """The result of :func:`classify`.

    Parameters
    ----------
    indicator : Indicator
        The indicator classified (formats the range labels).
    scheme : str
        Scheme id actually used (``"single"`` when all values were equal; ``"distinct"`` when there were
        no more distinct values than classes, each value then is its own class).
    palette : str
        Palette id.
    bins : tuple of float
        Upper bound of each class (inclusive); class ``i`` holds ``bins[i-1] < v <= bins[i]``.
    minimum, maximum : float
        Smallest and largest classified value; NaN when nothing was classified.
    classes : pandas.Series
        Class index per zone (index: the input's index, normally ``zone_id``); ``-1`` = no data.
    colours : tuple of str
        Hex colour of each class, in class order (already oriented: worse = darker).
    reversed : bool
        True when the palette runs dark → light over the classes (``higher_is_better``).
    notes : tuple of str
        What the classification did that the reader should know (fewer classes than asked, …), in
        English for the CLI; :meth:`note_texts` gives them in the UI's language.
    class_ranges : tuple of (float, float)
        Smallest and largest value actually in each class (NaN, NaN for an empty class): the legend
        labels data-driven classes by these, so no two labels overlap and none promises values the data
        does not have.
    """

    indicator: Indicator
    scheme: str
    palette: str
    bins: tuple[float, ...]
    minimum: float
    maximum: float
    classes: pd.Series
    colours: tuple[str, ...]
    reversed: bool = False
    notes: tuple[str, ...] = field(default=())
    class_ranges: tuple[tuple[float, float], ...] = field(default=())
    note_items: tuple[tuple[str, dict], ...] = field(default=())

    def note_texts(self, lang: str = "nb") -> list[str]:
        """:attr:`notes` in ``lang`` (keys of :data:`NOTES`, values formatted like the legend)."""
        return [_note_text(key, params, lang, self.indicator) for key, params in self.note_items]

    @property
    def k(self) -> int:
        """Number of classes (0 when no zone has a value)."""
        return len(self.bins)

    def range_labels(self, lang: str = "nb") -> list[str]:
        """Text of each class range with unit, e.g. ``"12,3 % – 15,0 %"``.

        Data-driven classes show the smallest and largest value they hold (one value when they are
        equal), so labels never overlap ("0,0 %" then "3,2 % – 77,4 %", not "0,0 % – 0,0 %" then
        "0,0 % – 77,4 %"). User-defined classes show the user's bounds as ranges ("≤ 10 %",
        "> 10 % – 20 %", …).
        """
        fmt = self.indicator.format_value
        if self.scheme == "user_defined":
            labels = []
            for i, upper in enumerate(self.bins):
                top = fmt(upper, lang)
                labels.append(f"≤ {top}" if i == 0 else f"> {fmt(self.bins[i - 1], lang)} – {top}")
            return labels
        labels = []
        for i, upper in enumerate(self.bins):
            lo, hi = self.class_ranges[i] if i < len(self.class_ranges) else (np.nan, np.nan)
            if np.isnan(lo):  # an empty class (kept only for user-defined breaks): say where it lies
                labels.append(f"≤ {fmt(upper, lang)}" if i == 0 else f"> {fmt(self.bins[i - 1], lang)}")
            elif fmt(lo, lang) == fmt(hi, lang):
                labels.append(fmt(hi, lang))
            else:
                labels.append(f"{fmt(lo, lang)} – {fmt(hi, lang)}")
        return labels

    def legend_rows(self, lang: str = "nb") -> list[LegendRow]:
        """Legend rows, lowest class first, then the "no data / suppressed" swatch (always present)."""
        rows = [LegendRow(label, count, colour)
                for label, count, colour in zip(self.range_labels(lang), self.counts, self.colours, strict=True)]
        rows.append(LegendRow(TEXTS["no_data"]["en" if lang == "en" else "nb"], self.n_no_data, NO_DATA_COLOUR,
                              no_data=True))
        return rows


def _values(values: pd.Series | pd.DataFrame) -> pd.Series:
    """Values as floats with hidden statuses masked to NaN (a DataFrame needs ``value``, may have ``status``)."""
    if isinstance(values, pd.DataFrame):
        if "value" not in values.columns:
            raise ValueError(f"classify: a DataFrame needs a 'value' column; got columns {list(values.columns)}")
        frame = values.set_index("zone_id") if "zone_id" in values.columns else values
        out = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
        if "status" in frame.columns:
            out = out.where(~frame["status"].isin(HIDDEN_STATUSES))
        return out
    return pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")


def _check_breaks(breaks: Sequence[float]) -> np.ndarray:
    try:
        arr = np.asarray(list(breaks), dtype="float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"user-defined breaks must be numbers, got {list(breaks)!r}") from exc
    if arr.ndim != 1 or not 2 <= len(arr) <= K_MAX:
        raise ValueError(f"user-defined breaks: give {2}–{K_MAX} upper class bounds, got {len(arr)}")
    if not np.isfinite(arr).all():
        raise ValueError(f"user-defined breaks must be finite numbers, got {arr.tolist()}")
    if (np.diff(arr) <= 0).any():
        raise ValueError(f"user-defined breaks must be strictly increasing, got {arr.tolist()}")
    return arr


def classify(values: pd.Series | pd.DataFrame, indicator: Indicator, scheme: str = DEFAULT_SCHEME,
             k: int = DEFAULT_K, palette: str | None = None, breaks: Sequence[float] | None = None) -> Classification:
    """Classify zone values for a choropleth.

    Parameters
    ----------
    values : pandas.Series or pandas.DataFrame
        Values per zone (index ``zone_id``), NaN for missing; or a frame such as
        :func:`geo.benchmarks.zone_facts` with ``zone_id``, ``value`` and ``status`` (``suppressed`` and
        ``missing`` rows are never coloured).
    indicator : Indicator
        Decides the orientation of the palette (worse = darker) and the legend's number format.
    scheme : str
        A key of :data:`SCHEMES`.
    k : int
        Number of classes, :data:`K_MIN`–:data:`K_MAX` (ignored by ``box_plot`` and ``user_defined``).
        Fewer classes are made when there are fewer distinct values.
    palette : str, optional
        A key of :data:`PALETTES`; default from :data:`DEFAULT_PALETTE` by the indicator's direction.
    breaks : sequence of float, optional
        Upper class bounds for ``user_defined`` (2–7, strictly increasing). Values above the last break
        get one more class up to the maximum; values below the first go in the first class.

    Returns
    -------
    Classification

    Raises
    ------
    UnknownChoiceError
        Unknown scheme or palette.
    ValueError
        ``k`` outside 3–7, or bad ``breaks`` (missing for ``user_defined``, unsorted, not numbers).
    """
    if scheme not in SCHEMES:
        raise UnknownChoiceError("classification scheme", scheme, list(SCHEMES))
    palette = palette or DEFAULT_PALETTE.get(indicator.direction, "Blues")
    if palette not in PALETTES:
        raise UnknownChoiceError("palette", palette, list(PALETTES))
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not K_MIN <= k <= K_MAX:
        raise ValueError(f"number of classes k must be an integer from {K_MIN} to {K_MAX}, got {k!r}")
    user_breaks = None
    if scheme == "user_defined":
        if breaks is None:
            raise ValueError("scheme 'user_defined' needs breaks: the upper bound of each class, e.g. [10, 20, 30]")
        user_breaks = _check_breaks(breaks)

    vals = _values(values)
    present = vals[np.isfinite(vals.to_numpy())]
    y = present.to_numpy()
    classes = pd.Series(-1, index=vals.index, dtype="int64")
    items: list[tuple[str, dict]] = []
    reverse = indicator.worse_is_higher is False
    if len(y) == 0:
        items.append(("no_values", {}))
        return Classification(indicator, scheme, palette, (), float("nan"), float("nan"), classes, (), reverse,
                              _english(items), note_items=tuple(items))

    distinct = np.unique(y)
    used = scheme
    if user_breaks is not None:
        bins = user_breaks if y.max() <= user_breaks[-1] else np.append(user_breaks, y.max())
        if len(bins) > len(user_breaks):
            items.append(("above_last_break", {"brk": float(user_breaks[-1]), "top": float(y.max())}))
    elif len(distinct) <= (6 if SCHEMES[scheme].fixed_k else k):
        # Too few distinct values for the scheme to cut meaningfully: each value becomes its own class.
        used = "single" if len(distinct) == 1 else "distinct"
        bins = distinct
        items.append(("distinct", {"n": len(distinct)}))
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Numba not installed", "not enough unique values" – handled here
            bins = np.asarray(SCHEMES[scheme].make(y, int(k)).bins, dtype="float64")
        bins = np.unique(bins)
        if bins[-1] < y.max():  # guard: the top class must reach the maximum
            bins = np.append(bins, y.max())
    idx = np.minimum(np.searchsorted(bins, y, side="left"), len(bins) - 1)  # class i: bins[i-1] < v <= bins[i]
    if user_breaks is None:
        # A data-driven class with no zone (ties in quantiles, a box plot without outliers) would show a
        # swatch for values that do not exist: drop it, and say that fewer classes are used than asked.
        counts = np.bincount(idx, minlength=len(bins))
        if (counts == 0).any():
            bins = bins[counts > 0]  # the top class holds the maximum, so the last bound still covers it
            idx = np.minimum(np.searchsorted(bins, y, side="left"), len(bins) - 1)
            asked = 6 if SCHEMES[scheme].fixed_k else int(k)
            items.append(("fewer_classes", {"n": len(bins), "asked": asked}))
    classes.loc[present.index] = idx
    ranges = tuple((float(y[idx == i].min()), float(y[idx == i].max())) if (idx == i).any() else (np.nan, np.nan)
                   for i in range(len(bins)))
    colours = PALETTES[palette].colours(len(bins))
    if reverse:
        colours = colours[::-1]
    return Classification(indicator, used, palette, tuple(float(b) for b in bins), float(y.min()), float(y.max()), classes,
                          tuple(colours), reverse, _english(items), ranges, tuple(items))


def _english(items: list[tuple[str, dict]]) -> tuple[str, ...]:
    """The notes as the CLI prints them."""
    return tuple(_note_text(key, params, "en") for key, params in items)
