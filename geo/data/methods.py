"""Methods text generated from the catalogue, so the "Om dataene / Methods" page never types a fact twice.

Each indicator's method is assembled from registries keyed by the catalogue's own fields (kind,
aggregation, direction, unit, licence) plus the dataset's years and the suppression thresholds in
:mod:`geo.privacy`. Pure functions returning plain text (the UI escapes it for where it goes).
"""

from __future__ import annotations

from geo import privacy
from geo.data.catalog import THEMES, Indicator
from geo.data.framework import LIFE_COURSE, PRINCIPLES, SDG_TARGETS, label, split_tags
from geo.sources.manifest import NOTICES, _publisher

_NB, _EN = 0, 1

#: How the uncertainty of a value is shown, per indicator kind.
UNCERTAINTY: dict[str, tuple[str, str]] = {
    "register": ("Registertall: 95 % Wilson-intervall beregnet fra teller og nevner (tilfeldig variasjon i små "
                 "soner), når begge er kjent.",
                 "Register figures: 95 % Wilson interval computed from numerator and denominator (chance variation "
                 "in small zones), where both are known."),
    "survey": ("Spørreundersøkelse: 95 % konfidensintervall slik kilden oppgir det, eller Wilson-intervall fra "
               "antall svar.",
               "Survey: the 95 % confidence interval as the source gives it, or a Wilson interval from the number "
               "of respondents."),
    "computed": ("Beregnet av Levekårskart fra åpne data: ingen utvalgsusikkerhet, men resultatet avhenger av "
                 "valgte avstander og terskler (se siden Tilgjengelighet).",
                 "Computed by Levekårskart from open data: no sampling uncertainty, but the result depends on the "
                 "chosen distances and thresholds (see the Access page)."),
}

#: How zone values become a city, district or zone-set figure, per aggregation rule.
AGGREGATION: dict[str, tuple[str, str]] = {
    "ratio": ("By-, bydels- og områdetall er summen av tellerne delt på summen av nevnerne (vektet etter "
              "antall personer). Uten tellere (spørreundersøkelser) vektes sonene med folketallet, og det står "
              "når det er gjort.",
              "City, district and area figures are the sum of numerators over the sum of denominators (weighted "
              "by people). Without numerators (surveys) zones are weighted by residents, and that is said where "
              "it is done."),
    "sum": ("By-, bydels- og områdetall er summen av sonene.", "City, district and area figures are the sum of the zones."),
    "mean": ("By- og bydelstall er et uvektet gjennomsnitt av sonene (ingen vekter kjent); det merkes der det vises.",
             "City and district figures are an unweighted mean of the zones (no weights known); marked where shown."),
}

DIRECTION: dict[str, tuple[str, str]] = {
    "higher_is_worse": ("Høyere verdi betyr dårligere levekår; kartet er mørkere der det er verre.",
                        "A higher value means worse living conditions; the map is darker where it is worse."),
    "higher_is_better": ("Høyere verdi betyr bedre levekår; kartet er mørkere der det er verre (lavere).",
                         "A higher value means better living conditions; the map is darker where it is worse "
                         "(lower)."),
    "neutral": ("Beskriver befolkningen; verken høy eller lav verdi er i seg selv bedre.",
                "Describes the population; neither a high nor a low value is better in itself."),
}

UNITS: dict[str, tuple[str, str]] = {
    "%": ("prosent", "per cent"), "per 1000": ("per 1000", "per 1,000"), "count": ("antall", "number"),
    "NOK": ("kroner", "Norwegian kroner"),
}


def suppression_rule(lang: str = "nb") -> str:
    """The small-count rules in force (:func:`geo.privacy.configured_rules`), in words, plus how totals are
    computed in public mode (never typed twice: the numbers come from the configured rules)."""
    text = privacy.configured_rules().describe(lang)
    from geo.config import public_mode

    key = "en" if lang == "en" else "nb"
    return f"{text} {privacy.TOTALS_NOTE[key]} {privacy.COMPLEMENT_NOTE[key]}" if public_mode() else text


def attribution_for(licence: str, source: str, lang: str = "nb") -> list[str]:
    """The attribution sentences ``licence`` asks for (NLOD, CC BY, ODbL).

    A licence text may name several parts separated by ``;``, each with its publisher in parentheses
    (``"NLOD 2.0 (Entur, rutedata); befolkning CC BY 4.0 (SSB)"``); a part without one credits ``source``.
    """
    col = _EN if lang == "en" else _NB
    out = []
    for part in (p.strip() for p in licence.split(";")):
        who = _publisher(part) if part.endswith(")") else source
        out += [t[col].format(who=who) for key, t in NOTICES.items() if key in part.lower()]
    return list(dict.fromkeys(out))


def indicator_method(ind: Indicator, years: list[int], lang: str = "nb") -> list[tuple[str, str]]:
    """(heading, text) pairs describing ``ind`` for the methods page, in ``lang``.

    Headings come from :data:`HEADINGS`; every text is derived from the catalogue entry.
    """
    col = _EN if lang == "en" else _NB
    h = {k: v[col] for k, v in HEADINGS.items()}
    unit = UNITS.get(ind.unit, (ind.unit, ind.unit))[col]
    span = (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else "–"
    year_list = ", ".join(str(y) for y in years) if 0 < len(years) <= 6 else span
    theme = THEMES.get(ind.theme, (ind.theme, ind.theme))[col]
    source = ind.source_name + (f" ({ind.source_url})" if ind.source_url else "")
    licence = ind.licence or ("ukjent" if col == _NB else "unknown")
    notices = attribution_for(ind.licence, ind.source_name, lang)
    tags = "; ".join([
        label(PRINCIPLES, ind.principle, lang),
        ", ".join(label(LIFE_COURSE, g, lang) for g in split_tags(ind.life_course)),
        ", ".join(f"{s} {label(SDG_TARGETS, s, lang)}" for s in split_tags(ind.sdg)),
    ])
    rows = [
        (h["definition"], ind.description(lang)),
        (h["unit"], f"{unit}. {DIRECTION.get(ind.direction, ('', ''))[col]}"),
        (h["theme"], f"{theme}. {tags}"),
        (h["source"], f"{source}. {h['licence']}: {licence}." + (" " + " ".join(notices) if notices else "")),
        (h["years"], year_list),
        (h["uncertainty"], UNCERTAINTY.get(ind.kind, ("", ""))[col]),
        (h["aggregation"], AGGREGATION.get(ind.aggregation, ("", ""))[col]),
        (h["suppression"], suppression_rule(lang)),
    ]
    if ind.caveat(lang):
        rows.append((h["caveat"], ind.caveat(lang)))
    return [(a, b) for a, b in rows if b]


HEADINGS: dict[str, tuple[str, str]] = {
    "definition": ("Definisjon", "Definition"),
    "unit": ("Enhet og retning", "Unit and direction"),
    "theme": ("Tema og rammeverk", "Theme and framework"),
    "source": ("Kilde", "Source"),
    "licence": ("Lisens", "Licence"),
    "years": ("År i datasettet", "Years in the dataset"),
    "uncertainty": ("Usikkerhet", "Uncertainty"),
    "aggregation": ("By, bydel og områder", "City, district and areas"),
    "suppression": ("Skjerming av små tall", "Small-number protection"),
    "caveat": ("Forbehold", "Caveat"),
}
