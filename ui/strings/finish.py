"""Small texts of the fit-and-finish pass (controls, notices) that belong to no single page."""

STRINGS: dict[str, tuple[str, str]] = {
    "palette_auto": ("Automatisk (etter indikatoren)", "Automatic (by indicator)"),
}
STRINGS.update({
    "acc_caption_transit": (
        "Beregnet av Levekårskart fra rutedata (GTFS) og befolkningspunkter: andelen bosatte som bor innen "
        "{distance} m fra en bussholdeplass, eller {rail} m fra en stasjon for tog, bane eller ferje, med minst "
        "{departures} avganger i timen på en hverdag mellom {window}.",
        "Computed by Levekårskart from timetables (GTFS) and population points: the share of residents living "
        "within {distance} m of a bus stop, or {rail} m of a rail, metro, tram or ferry stop, with at least "
        "{departures} departures an hour on a weekday between {window}.",
    ),
    "acc_caption_green": (
        "Beregnet av Levekårskart fra grøntområder og befolkningspunkter: andelen bosatte som bor innen "
        "{distance} m fra (eller inne i) et grøntområde på minst {area} hektar.",
        "Computed by Levekårskart from green areas and population points: the share of residents living "
        "within {distance} m of (or inside) a green area of at least {area} hectares.",
    ),
    "param_fallback_named": ("Ugyldig verdi i lenken for «{param}» ({value}); bruker {default}.",
                             "Invalid value in the link for “{param}” ({value}); using {default}."),
    "param_fallback_dropped": ("Ugyldig verdi i lenken for «{param}» ({value}); den er ignorert.",
                               "Invalid value in the link for “{param}” ({value}); it was ignored."),
    "param_zone": ("Valgt sone", "Selected zone"),
})
STRINGS.update({
    # Labels of the lazy map-settings expander (ui.controls.map_settings): they name what is inside, so
    # nobody has to open it to know where the classes, colours and basemap are chosen.
    "map_settings_classes": ("Kartinnstillinger: klasser, farger, bakgrunn",
                             "Map settings: classes, colours, basemap"),
    "map_settings": ("Kartinnstillinger: bakgrunnskart, bydelsgrenser", "Map settings: basemap, district outlines"),
})
STRINGS.update({
    "about_context_none_demo": (
        "**Kartkontekst:** demonstrasjonsdataene har ingen egen kartkontekst (vann, kystlinje, hovedveier). "
        "Uten bakgrunnskart, for eksempel uten nett, vises bare sonene.",
        "**Map context:** the demonstration data have no map context of their own (water, coastline, major "
        "roads). Without a basemap, for example offline, only the zones are shown.",
    ),
    "about_context_none": (
        "**Kartkontekst:** datasettet har ingen egen kartkontekst. Hent en med `python -m geo fetch … --context` "
        "(vann, kystlinje og hovedveier fra OpenStreetMap) for bruk uten bakgrunnskart.",
        "**Map context:** the dataset has no map context of its own. Fetch one with `python -m geo fetch … "
        "--context` (water, coastline and major roads from OpenStreetMap) for use without a basemap.",
    ),
    "about_context": (
        "**Kartkontekst:** {water} vannflater, {coast} kystlinjer og {roads} hovedveier fra OpenStreetMap, "
        "tegnet under sonene. © OpenStreetMap-bidragsytere, ODbL 1.0.",
        "**Map context:** {water} water areas, {coast} coastlines and {roads} major roads from OpenStreetMap, "
        "drawn under the zones. © OpenStreetMap contributors, ODbL 1.0.",
    ),
})
STRINGS.update({
    "on": ("på", "on"),
    "off": ("av", "off"),
})
