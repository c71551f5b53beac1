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
