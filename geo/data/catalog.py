"""The indicator catalogue: one registry of indicator metadata.

The catalogue drives every place an indicator shows up — selectboxes, legend direction, tooltip
format, CSV headers and the docs — so no code elsewhere branches on indicator ids.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace

import pandas as pd

DIRECTIONS = ("higher_is_better", "higher_is_worse", "neutral")
KINDS = ("register", "survey", "computed")
#: How zone values combine into a city or district figure. ``ratio``: sum of numerators over sum of
#: denominators (falls back to a denominator-weighted mean); ``sum``: counts add up; ``mean``: plain
#: mean, used only where nothing better is known and flagged as unweighted.
AGGREGATIONS = ("ratio", "sum", "mean")
#: Multiplier from numerator/denominator to the unit of the value.
UNIT_SCALE = {"%": 100.0, "per 1000": 1000.0}


@dataclass(frozen=True)
class Indicator:
    """Metadata of one indicator.

    Parameters
    ----------
    id : str
        Stable id (snake_case ASCII), the key in the values table.
    label_nb, label_en : str
        Short label in bokmål and English.
    description_nb, description_en : str
        One or two sentences: what is counted, of whom.
    unit : str
        ``%``, ``per 1000``, ``NOK``, ``count``, …
    direction : str
        One of :data:`DIRECTIONS`; decides which end of the scale is "worse".
    theme : str
        Theme id (see :data:`THEMES`).
    source_name, source_url : str
        Who publishes the underlying statistic and where.
    licence : str
        Licence of the source data.
    kind : str
        One of :data:`KINDS`.
    aggregation : str
        One of :data:`AGGREGATIONS`.
    decimals : int
        Decimals shown in the UI.
    principle : str
        Marmot principle (``A``–``H``) or ``context`` (see :mod:`geo.data.framework`).
    life_course : str
        Comma-separated life-course groups (:data:`geo.data.framework.LIFE_COURSE`).
    sdg : str
        Comma-separated UN SDG targets (:data:`geo.data.framework.SDG_TARGETS`).
    caveat_nb, caveat_en : str
        What a reader must know before comparing zones (empty when nothing special).
    """

    id: str
    label_nb: str
    label_en: str
    description_nb: str
    description_en: str
    unit: str
    direction: str
    theme: str
    source_name: str
    source_url: str
    licence: str
    kind: str
    aggregation: str = "ratio"
    decimals: int = 1
    principle: str = ""
    life_course: str = ""
    sdg: str = ""
    caveat_nb: str = ""
    caveat_en: str = ""

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(f"indicator {self.id!r}: direction must be one of {DIRECTIONS}, got {self.direction!r}")
        if self.kind not in KINDS:
            raise ValueError(f"indicator {self.id!r}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(
                f"indicator {self.id!r}: aggregation must be one of {AGGREGATIONS}, got {self.aggregation!r}"
            )

    def label(self, lang: str = "nb") -> str:
        """Label in ``lang`` (``"nb"`` or ``"en"``)."""
        return self.label_en if lang == "en" else self.label_nb

    def caveat(self, lang: str = "nb") -> str:
        """Caveat in ``lang`` (empty when there is none)."""
        return self.caveat_en if lang == "en" else self.caveat_nb

    def description(self, lang: str = "nb") -> str:
        """Description in ``lang`` (``"nb"`` or ``"en"``)."""
        return self.description_en if lang == "en" else self.description_nb

    @property
    def scale(self) -> float:
        """Factor from numerator/denominator to the value's unit (1 when not a share or rate)."""
        return UNIT_SCALE.get(self.unit, 1.0)

    @property
    def is_share(self) -> bool:
        """True for percentages, which must lie in 0–100."""
        return self.unit == "%"

    @property
    def worse_is_higher(self) -> bool | None:
        """True if higher values are worse, False if better, None when neutral."""
        return {"higher_is_worse": True, "higher_is_better": False}.get(self.direction)

    def format_value(self, value: float | None, lang: str = "nb", status: str | None = None) -> str:
        """``value`` with the indicator's decimals and unit in the language's number format.

        No value reads as a word (:func:`geo.formats.no_value`: "skjult" when ``status`` is
        ``suppressed``, else "mangler"), never "None" or "nan".
        """
        from geo.formats import format_number, is_missing, no_value

        if is_missing(value):
            return no_value(status, lang)
        unit = {"%": " %", "count": ""}.get(self.unit, f" {self.unit}")
        return format_number(value, self.decimals, lang) + unit


THEMES = {
    "income": ("Inntekt", "Income"),
    "work": ("Arbeid og trygd", "Work and welfare"),
    "education": ("Utdanning", "Education"),
    "housing": ("Bolig", "Housing"),
    "population": ("Befolkning", "Population"),
    "environment": ("Nærmiljø", "Neighbourhood"),
}

_SSB = "Statistisk sentralbyrå (SSB)"
#: SSB publishes its statistics bank under CC BY 4.0 (checked in the fetcher review); NAV and FHI data
#: reach this catalogue through SSB or Kommunehelsa, whose terms the source link gives.
_CC_BY = "CC BY 4.0"


def _register(id_: str, nb: str, en: str, dnb: str, den: str, direction: str, theme: str, source: str,
              url: str, unit: str = "%", **kw: object) -> Indicator:
    """Shorthand for a register-based indicator (CC BY 4.0 unless told)."""
    return Indicator(id=id_, label_nb=nb, label_en=en, description_nb=dnb, description_en=den, unit=unit,
                     direction=direction, theme=theme, source_name=source, source_url=url,
                     licence=str(kw.pop("licence", _CC_BY)), kind=str(kw.pop("kind", "register")), **kw)


_UNTAGGED: tuple[Indicator, ...] = (
    _register("child_low_income", "Barn i lavinntektsfamilier (EU60)", "Children in low-income households (EU60)",
              "Andel barn 0–17 år i husholdninger med inntekt under 60 % av medianen (EU60), årlig.",
              "Share of children 0–17 in households with income below 60 % of the median (EU60), annual.",
              "higher_is_worse", "income", _SSB + ", tabell 08764 / levekårsdata Trondheim kommune",
              "https://www.ssb.no/statbank/table/08764"),
    _register("child_persistent_low_income", "Barn i vedvarende lavinntekt", "Children in persistent low income",
              "Andel barn 0–17 år i husholdninger med vedvarende lavinntekt (EU60, treårsperiode som slutter i året).",
              "Share of children 0–17 in households with persistent low income (EU60, three-year period ending in the year).",
              "higher_is_worse", "income", "Folkehelseinstituttet, Kommunehelsa statistikkbank",
              "https://statistikk.fhi.no/kh/"),
    _register("low_income_households", "Husholdninger med lavinntekt", "Low-income households",
              "Andel husholdninger med inntekt under 60 % av medianen (EU60).",
              "Share of households with income below 60 % of the median (EU60).",
              "higher_is_worse", "income", _SSB, "https://www.ssb.no/inntekt-og-forbruk/inntekt-og-formue"),
    _register("unemployment", "Registrerte helt ledige", "Registered unemployed",
              "Andel av befolkningen 15–74 år registrert som helt ledige hos NAV (årsgjennomsnitt).",
              "Share of residents aged 15–74 registered as fully unemployed with NAV (annual average).",
              "higher_is_worse", "work", "NAV / " + _SSB, "https://www.nav.no/no/nav-og-samfunn/statistikk"),
    _register("neet_15_29", "Unge utenfor arbeid og utdanning", "Young people not in employment or education",
              "Andel 15–29 år som verken er i arbeid, utdanning eller arbeidsrettede tiltak (NEET).",
              "Share aged 15–29 who are neither in work, education nor labour-market measures (NEET).",
              "higher_is_worse", "work", _SSB + ", tabell 13556", "https://www.ssb.no/statbank/table/13556"),
    _register("disability_18_29", "Uføretrygdede 18–29 år", "Disability benefit recipients aged 18–29",
              "Andel 18–29 år som mottar varig uførepensjon/uføretrygd (treårsgjennomsnitt).",
              "Share aged 18–29 receiving permanent disability benefit (three-year average).",
              "higher_is_worse", "work", "Folkehelseinstituttet, Kommunehelsa statistikkbank",
              "https://statistikk.fhi.no/kh/", decimals=2),
    _register("social_assistance", "Sosialhjelpsmottakere 18–66 år", "Social assistance recipients aged 18–66",
              "Andel 18–66 år som har mottatt økonomisk sosialhjelp i løpet av året.",
              "Share aged 18–66 who received financial social assistance during the year.",
              "higher_is_worse", "work", _SSB + ", KOSTRA sosialtjenesten", "https://www.ssb.no/statbank/table/12203"),
    _register("higher_education", "Høyere utdanning (30–59 år)", "Higher education (aged 30–59)",
              "Andel 30–59 år med universitets- eller høgskoleutdanning.",
              "Share aged 30–59 with a university or university-college degree.",
              "higher_is_better", "education", _SSB + ", tabell 09429", "https://www.ssb.no/statbank/table/09429"),
    _register("low_education", "Grunnskole som høyeste utdanning", "Compulsory school as highest education",
              "Andel 30–59 år med grunnskole som høyeste fullførte utdanning.",
              "Share aged 30–59 whose highest completed education is compulsory school.",
              "higher_is_worse", "education", _SSB + ", tabell 09429", "https://www.ssb.no/statbank/table/09429"),
    _register("immigrants", "Innvandrere og norskfødte med innvandrerforeldre",
              "Immigrants and Norwegian-born to immigrant parents",
              "Andel av befolkningen som er innvandrere eller norskfødte med innvandrerforeldre.",
              "Share of residents who are immigrants or Norwegian-born to immigrant parents.",
              "neutral", "population", _SSB + ", tabell 09817", "https://www.ssb.no/statbank/table/09817"),
    _register("owner_occupied", "Husholdninger som eier boligen", "Owner-occupied households",
              "Andel privathusholdninger som eier boligen de bor i (selveier eller andel).",
              "Share of private households that own their dwelling (freehold or cooperative share).",
              "higher_is_better", "housing", _SSB + ", tabell 11084", "https://www.ssb.no/statbank/table/11084"),
    _register("crowded_housing", "Trangbodde", "Overcrowded housing",
              "Andel personer i trangbodde husholdninger (færre rom enn personer eller under 25 m² per person).",
              "Share of persons in overcrowded households (fewer rooms than persons or under 25 m² per person).",
              "higher_is_worse", "housing", _SSB + ", tabell 11046", "https://www.ssb.no/statbank/table/11046"),
    _register("children_0_17", "Barn 0–17 år", "Children aged 0–17",
              "Andel av befolkningen som er 0–17 år, 1. januar.",
              "Share of residents aged 0–17 on 1 January.",
              "neutral", "population", _SSB + ", tabell 04362", "https://www.ssb.no/statbank/table/04362"),
    _register("population", "Folketall", "Population",
              "Antall bosatte 1. januar.", "Number of residents on 1 January.",
              "neutral", "population", _SSB + ", tabell 04362", "https://www.ssb.no/statbank/table/04362",
              unit="count", aggregation="sum", decimals=0),
    _register("green_space_satisfaction", "Fornøyd med tilgang til grøntområder",
              "Satisfied with access to green areas",
              "Andel som er fornøyd med tilgangen til parker, grøntstruktur og friluftsområder (spørreundersøkelse, 95 % KI).",
              "Share satisfied with access to parks, green structure and outdoor-recreation areas (survey, 95 % CI).",
              "higher_is_better", "environment", "Trondheim kommune / NTNU, folkehelseundersøkelse (HUNT4 Trondheim)",
              "https://www.ntnu.no/hunt", kind="survey", licence="Trondheim kommune (vilkår for gjenbruk må avklares)"),
    _register("transit_satisfaction", "Fornøyd med kollektivtilbudet", "Satisfied with public transport",
              "Andel som er fornøyd med tilgangen til kollektivtransport (spørreundersøkelse, 95 % KI).",
              "Share satisfied with access to public transport (survey, 95 % CI).",
              "higher_is_better", "environment", "Trondheim kommune / NTNU, folkehelseundersøkelse (HUNT4 Trondheim)",
              "https://www.ntnu.no/hunt", kind="survey", licence="Trondheim kommune (vilkår for gjenbruk må avklares)"),
    _register("transit_access", "Nær hyppig kollektivtilbud", "Near frequent public transport",
              "Andel bosatte innen 500 m fra en holdeplass med minst 4 avganger i timen på hverdager 07–19 "
              "(1000 m for bane, trikk og båt).",
              "Share of residents within 500 m of a stop with at least 4 departures per hour on weekdays 07–19 "
              "(1000 m for rail, tram and ferry).",
              "higher_is_better", "environment", "Beregnet av Levekårskart fra GTFS (Entur/AtB) og befolkning",
              "https://developer.entur.org/stops-and-timetable-data", kind="computed",
              licence="NLOD 2.0 (Entur, rutedata); befolkning CC BY 4.0 (SSB)"),
    _register("green_access", "Nær grøntområde", "Near a green area",
              "Andel bosatte innen 300 m fra et grøntområde på minst 0,5 hektar (WHO Europas indikator).",
              "Share of residents within 300 m of a green area of at least 0.5 hectares (WHO Europe's indicator).",
              "higher_is_better", "environment", "Beregnet av Levekårskart fra OpenStreetMap og befolkning",
              "https://www.openstreetmap.org/copyright", kind="computed",
              licence="ODbL 1.0 (OpenStreetMap); befolkning CC BY 4.0 (SSB)"),
)


_KIDS = "prenatal_2,2_5,5_12,13_19"
#: Framework tags per indicator: (Marmot principle, life-course groups, SDG targets); see geo.data.framework.
_TAGS: dict[str, tuple[str, str, str]] = {
    "child_low_income": ("A", _KIDS, "1.2,10.2"),
    "child_persistent_low_income": ("A", _KIDS, "1.2,10.2"),
    "low_income_households": ("D", "across", "1.2,10.2"),
    "unemployment": ("C", "20_44,later", "8.5"),
    "neet_15_29": ("B", "13_19,20_44", "8.6"),
    "disability_18_29": ("C", "20_44", "8.5,10.2"),
    "social_assistance": ("D", "20_44,later", "1.2,1.3"),
    "higher_education": ("B", "20_44,later", "4.3,4.4"),
    "low_education": ("B", "20_44,later", "4.4"),
    "immigrants": ("context", "across", "17.18"),
    "owner_occupied": ("E", "across", "11.1"),
    "crowded_housing": ("E", "across", "11.1"),
    "children_0_17": ("context", _KIDS, "17.18"),
    "population": ("context", "across", "17.18"),
    "green_space_satisfaction": ("E", "20_44,later", "11.7"),
    "transit_satisfaction": ("E", "20_44,later", "11.2"),
    "transit_access": ("E", "across", "11.2"),
    "green_access": ("H", "across", "11.7"),
}

#: What a reader must know before comparing zones on an indicator: (bokmål, English).
_CAVEATS: dict[str, tuple[str, str]] = {
    "low_income_households": (
        "Soner med mange studenter får høy andel lavinntekt fordi studielån ikke regnes som inntekt; det betyr "
        "ikke nødvendigvis dårlige levekår.",
        "Zones with many students show a high low-income share because student loans do not count as income; "
        "that does not necessarily mean poor living conditions."),
    "child_low_income": (
        "Små soner har få barn: andelen kan endre seg mye fra år til år av tilfeldige grunner (se intervallet).",
        "Small zones have few children: the share can change a lot from year to year by chance (see the interval)."),
    "green_space_satisfaction": (
        "Spørreundersøkelse: svarerne er ikke alle bosatte, og intervallet er bredt i små soner.",
        "Survey: respondents are not all residents, and the interval is wide in small zones."),
    "transit_satisfaction": (
        "Spørreundersøkelse: svarerne er ikke alle bosatte, og intervallet er bredt i små soner.",
        "Survey: respondents are not all residents, and the interval is wide in small zones."),
    "transit_access": (
        "Luftlinjeavstand, ikke gangavstand: elver, jernbane og bratte bakker kan gjøre reell avstand lengre.",
        "Straight-line distance, not walking distance: rivers, railways and steep hills can make the real "
        "distance longer."),
    "green_access": (
        "Luftlinjeavstand til grøntområder kartlagt i OpenStreetMap; kartleggingen kan være ujevn.",
        "Straight-line distance to green areas mapped in OpenStreetMap; mapping can be uneven."),
}

#: The catalogue entries shipped with the library, tagged.
BUILTIN: tuple[Indicator, ...] = tuple(
    replace(ind, principle=_TAGS[ind.id][0], life_course=_TAGS[ind.id][1], sdg=_TAGS[ind.id][2],
            caveat_nb=_CAVEATS.get(ind.id, ("", ""))[0], caveat_en=_CAVEATS.get(ind.id, ("", ""))[1])
    for ind in _UNTAGGED
)

class Catalog(Mapping[str, Indicator]):
    """An ordered, read-only mapping of indicator id → :class:`Indicator`.

    Parameters
    ----------
    indicators : iterable of Indicator
        The entries, in display order. Ids must be unique.
    """

    def __init__(self, indicators: "Iterator[Indicator] | tuple[Indicator, ...] | list[Indicator]") -> None:
        self._items: dict[str, Indicator] = {}
        for ind in indicators:
            if ind.id in self._items:
                raise ValueError(f"duplicate indicator id {ind.id!r} in catalogue")
            self._items[ind.id] = ind

    def __getitem__(self, key: str) -> Indicator:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalog) and list(self._items.values()) == list(other._items.values())

    def __repr__(self) -> str:
        return f"Catalog({list(self._items)})"

    def get_or_placeholder(self, indicator_id: str) -> Indicator:
        """The entry for ``indicator_id``, or a neutral placeholder labelled with the id itself."""
        if indicator_id in self._items:
            return self._items[indicator_id]
        return placeholder(indicator_id)

    def with_ids(self, ids: "list[str] | set[str]") -> "Catalog":
        """A catalogue covering exactly ``ids``: known entries in catalogue order, placeholders after."""
        wanted = set(ids)
        known = [ind for ind in self._items.values() if ind.id in wanted]
        extra = [placeholder(i) for i in sorted(wanted - set(self._items))]
        return Catalog(known + extra)

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator, one column per :class:`Indicator` field."""
        return pd.DataFrame([asdict(ind) for ind in self._items.values()], columns=[f.name for f in fields(Indicator)])

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "Catalog":
        """Inverse of :meth:`to_frame`; missing optional columns take their defaults."""
        names = [f.name for f in fields(Indicator)]
        items = []
        for rec in frame.to_dict("records"):
            kw = {k: rec[k] for k in names if k in rec and not _isna(rec[k])}
            kw["decimals"] = int(kw.get("decimals", 1))
            items.append(Indicator(**{k: (str(v) if k != "decimals" else v) for k, v in kw.items()}))
        return cls(items)


def _isna(v: object) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def placeholder(indicator_id: str) -> Indicator:
    """Catalogue entry for an indicator id the catalogue does not know: the id is its label."""
    return Indicator(id=indicator_id, label_nb=indicator_id, label_en=indicator_id,
                     description_nb="Ukjent indikator (ikke i katalogen).",
                     description_en="Unknown indicator (not in the catalogue).", unit="", direction="neutral",
                     theme="", source_name="", source_url="", licence="", kind="register", aggregation="mean")


#: The catalogue shipped with the library.
DEFAULT_CATALOG = Catalog(BUILTIN)

