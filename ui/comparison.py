"""What a zone is compared with, in words: the dataset's area for shares, the median zone for counts.

The figures come from :func:`geo.benchmarks.reference`; these labels must say the same thing, so both
decide by ``indicator.aggregation``.
"""

from __future__ import annotations

from ui.i18n import t


def _median(indicator) -> bool:
    return indicator.aggregation == "sum"


def reference_label(ds, indicator, lang: str) -> str:
    """"Trondheim (fra sonene)" for a share, "Mediansonen i Trondheim" for a count; generic without an area."""
    area = ds.area_name
    if _median(indicator):
        return t("ref_median", lang, area=area) if area else t("ref_median_generic", lang)
    return t("city", lang, area=area or t("ref_area_generic", lang))


def published_label(ds, lang: str) -> str:
    """The row label of the published kommune figure ("Trondheim, publisert")."""
    return t("city_published", lang, area=ds.area_name or t("ref_area_generic", lang))


def district_label(indicator, lang: str) -> str:
    """The district comparison: the district's figure, or for counts its median zone."""
    return t("ref_median_district", lang) if _median(indicator) else t("district_value", lang)
