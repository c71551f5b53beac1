"""Categorical map classes: a fixed set of named categories, each with a colour.

The choropleth builder (:func:`geo.mapping.maps.build_map`) needs from a classification only the class of
each zone, its colour and the legend rows. :class:`Categories` provides those for maps whose classes
are not ranges of one value: the change map (worse / similar / better), the bivariate 3×3 map, the
hot-spot clusters and the index map.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.mapping.classify import NO_DATA_COLOUR, TEXTS, LegendRow, ZoneColours


@dataclass(frozen=True)
class Categories(ZoneColours):
    """Zones sorted into named categories.

    Parameters
    ----------
    classes : pandas.Series
        Category index per zone (index: ``zone_id``); ``-1`` = no data.
    colours : tuple of str
        Hex colour of each category.
    labels : dict
        ``{"nb": [...], "en": [...]}``: one label per category.
    no_data_label : dict, optional
        Label of the no-data row per language (default: "No data / suppressed").
    """

    classes: pd.Series
    colours: tuple[str, ...]
    labels: dict
    no_data_label: dict | None = None

    def __post_init__(self) -> None:
        for lang, labels in self.labels.items():
            if len(labels) != len(self.colours):
                raise ValueError(f"categories: {len(self.colours)} colours but {len(labels)} {lang} labels")
        bad = set(np.unique(self.classes.to_numpy(dtype=int))) - set(range(-1, len(self.colours)))
        if bad:
            raise ValueError(f"categories: class index out of range: {sorted(bad)}")

    @property
    def k(self) -> int:
        """Number of categories."""
        return len(self.colours)

    def label_of(self, lang: str = "nb") -> dict[str, str]:
        """Category label per zone id (the no-data label for ``-1``)."""
        labels = [*self.labels["en" if lang == "en" else "nb"], self._no_data(lang)]
        return {str(z): labels[int(c)] for z, c in self.classes.items()}

    def _no_data(self, lang: str) -> str:
        table = self.no_data_label or TEXTS["no_data"]
        return table["en" if lang == "en" else "nb"]

    def legend_rows(self, lang: str = "nb") -> list[LegendRow]:
        """One row per category, then the no-data row."""
        labels = self.labels["en" if lang == "en" else "nb"]
        rows = [LegendRow(lab, n, col) for lab, n, col in zip(labels, self.counts, self.colours, strict=True)]
        rows.append(LegendRow(self._no_data(lang), self.n_no_data, NO_DATA_COLOUR, no_data=True))
        return rows


def tips_html(zones: pd.DataFrame, lines: dict) -> dict[str, str]:
    """Tooltips for :func:`geo.mapping.maps.build_map` (``tips=``): the zone's name and district, then ``lines``.

    Parameters
    ----------
    zones : pandas.DataFrame
        ``zone_id``, ``name`` and optionally ``district``.
    lines : dict
        ``{zone_id: [text, …]}`` plain text (escaped here, so data never becomes markup).

    Returns
    -------
    dict
        ``{zone_id: HTML}``.
    """
    out = {}
    for row in zones.to_dict("records"):
        zid = str(row["zone_id"])
        parts = [f'<span class="lk-name">{html.escape(str(row["name"]))}</span>']
        district = row.get("district")
        if isinstance(district, str) and district:
            parts.append(html.escape(district))
        parts += [html.escape(str(x)) for x in lines.get(zid, [])]
        out[zid] = "<br>".join(parts)
    return out
