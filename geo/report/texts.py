"""Fixed wording of the printable report, bokmål and English (data text is never put here)."""

from __future__ import annotations

#: key -> (bokmål, English)
TEXTS: dict[str, tuple[str, str]] = {
    "profile_title": ("Soneprofil", "Zone profile"),
    "set_profile_title": ("Områdeprofil", "Area profile"),
    "comparison_title": ("Sammenligning", "Comparison"),
    "dataset": ("Datasett", "Dataset"),
    "year": ("År", "Year"),
    "printed": ("Laget", "Made"),
    "zones": ("soner", "zones"),
    "members": ("Soner i området", "Zones in the area"),
    "demo": ("DEMONSTRASJONSDATA – skjematiske grenser og syntetiske tall. Ikke bruk tallene til beslutninger.",
             "DEMONSTRATION DATA – schematic boundaries and synthetic numbers. Do not use them for decisions."),
    "summary": ("Kort oppsummert", "In short"),
    "more_claims": ("… og {n} utsagn til i appen.", "… and {n} more statements in the app."),
    "no_claims": ("Tallene gir ikke grunnlag for klare utsagn.", "The figures support no clear statements."),
    "indicator": ("Indikator", "Indicator"),
    "value": ("Verdi", "Value"),
    "rank": ("Rang", "Rank"),
    "rank_of": ("{rank} av {n}", "{rank} of {n}"),
    "city": ("Byen", "City"),
    "district": ("Bydel", "District"),
    "vs_city": ("Mot byen", "Vs. city"),
    "spine": ("Blant sonene (dårligst til venstre)", "Among the zones (worst on the left)"),
    "worse": ("klart verre", "clearly worse"),
    "similar": ("ingen klar forskjell", "no clear difference"),
    "better": ("klart bedre", "clearly better"),
    "no_test": ("ingen test", "no test"),
    "worse_short": ("verre", "worse"),
    "similar_short": ("lik", "similar"),
    "better_short": ("bedre", "better"),
    "no_test_short": ("–", "–"),
    "similar_zones": ("Soner som ligner", "Zones like this one"),
    "similar_none": ("Ingen sammenlignbare soner.", "No comparable zones."),
    "sources": ("Kilder", "Sources"),
    "map_caption": ("Området (rødt) i byen, bydelsgrenser mørke", "The area (red) in the city, district borders dark"),
    "map_caption_comparison": ("Kolonnene på kartet", "The columns on the map"),
    "footnote_rank": ("Rang: 1 = dårligst av sonene med synlig verdi; like verdier deler rang.",
                      "Rank: 1 = worst of the zones with a visible value; equal values share a rank."),
    "footnote_rank_short": (
        "Under verdien: rang «r/N» (1 = dårligst av sonene med synlig verdi; like verdier deler rang; bare for enkeltsoner) "
        "og «mot byen»: verre / lik (ingen klar forskjell) / bedre / – (ingen test).",
        "Below the value: rank “r/N” (1 = worst of the zones with a visible value; equal values share a rank; single "
        "zones only) and “vs. city”: worse / similar (no clear difference) / better / – (no test)."),
    "footnote_test": (
        "«Mot byen»: klart verre/bedre når byverdien ligger utenfor områdets 95 %-intervall (Wilson-intervall "
        "av andelen når teller og nevner finnes, ellers kildens eget intervall; uten noen av dem ingen test).",
        "“Vs. city”: clearly worse/better when the city value lies outside the area's 95 % interval (Wilson "
        "interval of the share when numerator and denominator exist, else the source's own interval; with "
        "neither, no test)."),
    "footnote_suppressed": ("Små tall er skjult (teller 1–4 eller nevner under 20).",
                            "Small counts are hidden (numerator 1–4 or denominator under 20)."),
    "footnote_set": ("Området er slått sammen: sum tellere / sum nevnere; spørreundersøkelser veid med "
                     "innbyggertall.", "The area is aggregated: sum of numerators / sum of denominators; "
                     "surveys weighted by residents."),
    "zones_used": ("{used} av {n} soner", "{used} of {n} zones"),
    "pct_of_city": ("% av byen", "% of city"),
    "distance": ("avstand", "distance"),
}


def text(key: str, lang: str = "nb", **fields) -> str:
    """The text ``key`` in ``lang``, with ``fields`` filled in."""
    nb, en = TEXTS[key]
    return (en if lang == "en" else nb).format(**fields)
