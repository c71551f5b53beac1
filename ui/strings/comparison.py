"""Labels of the comparison figures: the dataset's area, or for counts the median zone."""

STRINGS: dict[str, tuple[str, str]] = {
    "ref_area_generic": ("Hele området", "The whole area"),
    "ref_median": ("Mediansonen i {area}", "Median zone in {area}"),
    "ref_median_generic": ("Mediansonen", "Median zone"),
    "ref_median_district": ("Mediansonen i bydelen", "Median zone of the district"),
    "ref_median_note": ("halvparten av sonene har mer, halvparten mindre",
                        "half of the zones have more, half less"),
}
