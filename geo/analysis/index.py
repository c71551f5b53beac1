"""A composite levekårsindeks with the user's weights, and how certain each zone's rank is.

Method (also written on the index page):

1. **Values.** Each chosen indicator in one year, public figures only (:func:`public_values`:
   suppressed values are missing, never resampled from their hidden counts).
2. **Standardise.** Each indicator becomes a z-score across the zones that have it — ``(x − mean) /
   sd`` with the population sd — turned by the indicator's direction so that a *higher score is always
   worse* (a ``higher_is_better`` indicator is negated). Neutral indicators have no worse end and are
   refused. An indicator with the same value everywhere cannot be standardised and is refused.
3. **Combine.** The score is the weighted mean of a zone's z-scores, weights normalised to sum to 1.
   A zone missing some indicators is scored on the rest (weights renormalised) when they carry at
   least :data:`MIN_COVERAGE` of the weight; otherwise it gets no score and no rank.
4. **Rank.** 1 = worst (highest score); ties share the best rank, as :func:`geo.benchmarks.ranks`
   does, so a one-indicator index ranks zones exactly as the indicator does.
5. **Rank uncertainty.** ``draws`` times, with a seeded :class:`numpy.random.Generator`:
   the weights are drawn from a Dirichlet distribution centred on the chosen weights (concentration
   :data:`CONCENTRATION`: α = c·w), and every value is redrawn within its uncertainty — binomially
   from its denominator where one is known (``k* ~ Bin(n, value/scale)``; for large counts by the
   rounded normal approximation, see :data:`NORMAL_APPROX_VARIANCE`), else normally from its
   published 95 % interval (sd = width / 3.92), else kept; then steps 2–4 are repeated. A zone's rank
   interval is the 5th–95th percentile of its ranks over the draws, widened to include its point rank
   where the draws do not (a point estimate outside its own interval would confuse); ``p_worst`` is
   the share of draws in which it is among the worst ``N``. Every draw ranks all scored zones 1…n, so
   ``p_worst`` sums to ``N`` over the zones.

Everything is vectorised over draws, zones and indicators (no Python loop per draw); draws are
processed in blocks so memory stays bounded for thousands of zones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.analysis.stats import Z95
from geo.errors import LevekarError, UnknownChoiceError
from geo.privacy import suppress

#: Dirichlet concentration c (α = c · w): the larger, the closer draws stay to the chosen weights.
#: With c = 50 a weight of 0.25 varies with a standard deviation of about 0.06.
CONCENTRATION = 50.0
#: A zone needs values for indicators carrying at least this share of the weight to be scored.
MIN_COVERAGE = 0.5
#: An indicator needs at least this many zones with a value to be standardised.
MIN_ZONES = 5
#: Draws handled at once (bounds memory: block × zones × indicators floats).
BLOCK = 200
DEFAULT_DRAWS = 1000
DEFAULT_WORST = 10


@dataclass(frozen=True)
class Preset:
    """A named set of weights.

    Parameters
    ----------
    id : str
        Registry key.
    label_nb, label_en : str
        Name shown in the UI.
    description_nb, description_en : str
        What it is and why (shown on the page).
    themes : dict
        ``{theme: (indicator ids, …)}``: every theme gets the same weight, shared equally among its
        indicators present in the dataset. Empty for :data:`EQUAL` (all chosen indicators equal).
    """

    id: str
    label_nb: str
    label_en: str
    description_nb: str
    description_en: str
    themes: dict = field(default_factory=dict)

    def label(self, lang: str = "nb") -> str:
        """Name in ``lang``."""
        return self.label_en if lang == "en" else self.label_nb

    def description(self, lang: str = "nb") -> str:
        """Description in ``lang``."""
        return self.description_en if lang == "en" else self.description_nb


EQUAL = Preset("equal", "Like vekter", "Equal weights",
               "Alle valgte indikatorer teller like mye.", "Every chosen indicator counts the same.")
LEVEKAR = Preset(
    "levekar", "Levekår (registerdata)", "Levekår (register data)",
    "Registerindikatorer av det slaget kommunale levekårsanalyser typisk bygger på, i fire like tunge tema: inntekt "
    "(barn i lavinntekt, lavinntektshusholdninger), arbeid og trygd (ledighet, sosialhjelp, unge uføre, "
    "unge utenfor arbeid og utdanning), utdanning (kun grunnskole) og bolig (trangboddhet). Innen et tema "
    "deles vekten likt. Spørreundersøkelser og beregnede tilgangsmål er holdt utenfor: de finnes ikke "
    "hvert år, og de måler nærmiljø, ikke levekår.",
    "Register indicators of the kind municipal levekår analyses typically build on, in four equally weighted themes: income "
    "(children in low income, low-income households), work and welfare (unemployment, social assistance, "
    "young disability recipients, young people not in work or education), education (compulsory school "
    "only) and housing (overcrowding). Within a theme the weight is shared equally. Surveys and computed "
    "access measures are left out: they are not annual, and they measure the neighbourhood, not living "
    "conditions.",
    themes={"income": ("child_low_income", "low_income_households"),
            "work": ("unemployment", "social_assistance", "disability_18_29", "neet_15_29"),
            "education": ("low_education",),
            "housing": ("crowded_housing",)},
)
PRESETS: dict[str, Preset] = {p.id: p for p in (EQUAL, LEVEKAR)}


def preset_weights(preset_id: str, dataset, indicator_ids=None) -> dict[str, float]:
    """Weights of a preset for ``dataset`` (normalised to sum to 1).

    Parameters
    ----------
    preset_id : str
        A key of :data:`PRESETS`.
    dataset : geo.data.dataset.Dataset
        Indicators the preset can use must be in it (and directed).
    indicator_ids : list of str, optional
        For :data:`EQUAL`: the indicators to weigh equally (default: every directed indicator).

    Raises
    ------
    UnknownChoiceError
        Unknown preset.
    LevekarError
        The dataset has none of the preset's indicators.
    """
    if preset_id not in PRESETS:
        raise UnknownChoiceError("index preset", preset_id, list(PRESETS))
    preset = PRESETS[preset_id]
    available = [i for i in dataset.indicator_ids if dataset.indicator(i).direction != "neutral"]
    if not preset.themes:
        ids = [i for i in (indicator_ids if indicator_ids is not None else available)]
        return {i: 1 / len(ids) for i in ids} if ids else {}
    weights: dict[str, float] = {}
    themes = {t: [i for i in ids if i in available] for t, ids in preset.themes.items()}
    themes = {t: ids for t, ids in themes.items() if ids}
    if not themes:
        raise LevekarError(f"preset {preset_id!r}: the dataset has none of its indicators "
                           f"({', '.join(i for ids in preset.themes.values() for i in ids)})")
    for ids in themes.values():
        for i in ids:
            weights[i] = 1 / len(themes) / len(ids)
    return weights


def public_values(dataset, indicator_ids, year: int) -> pd.DataFrame:
    """THE place where values enter the index: the public rows of ``indicator_ids`` in ``year``.

    Small counts are suppressed here (:func:`geo.privacy.suppress`: value, counts and interval hidden),
    exactly as :func:`geo.benchmarks.zone_facts` with ``public=True`` does, so a suppressed figure is
    missing and never redrawn from its hidden counts. Switch here (and only here) when the
    public/internal mode is decided elsewhere. One filter for all indicators: calling ``zone_facts``
    per indicator would also compute city and district figures the index does not use.
    """
    v = dataset.values
    rows = v[v["indicator"].isin(list(indicator_ids)) & (v["year"] == year)]
    return suppress(rows)


@dataclass(frozen=True)
class IndexInputs:
    """The zones × indicators matrices the index is computed from.

    Attributes
    ----------
    zones : pandas.DataFrame
        ``zone_id``, ``name``, ``district`` in dataset order.
    indicator_ids : tuple of str
    signs : numpy.ndarray
        +1 (higher is worse) or −1 (higher is better) per indicator.
    values : numpy.ndarray
        (zones, indicators), NaN where missing or suppressed.
    trials : numpy.ndarray
        Denominators where a binomial redraw is possible (value and denominator known), else NaN.
    sd : numpy.ndarray
        Normal sd from the published interval where no denominator is known, else NaN.
    scale : numpy.ndarray
        Unit scale per indicator (100 for %).
    """

    zones: pd.DataFrame
    indicator_ids: tuple[str, ...]
    signs: np.ndarray
    values: np.ndarray
    trials: np.ndarray
    sd: np.ndarray
    scale: np.ndarray


def common_years(dataset, indicator_ids) -> list[int]:
    """Years in which every one of ``indicator_ids`` has values."""
    years = None
    for i in indicator_ids:
        ys = set(dataset.years(i))
        years = ys if years is None else years & ys
    return sorted(years or ())


def check_indicators(dataset, indicator_ids) -> list[str]:
    """Validate the chosen indicators; returns them without repeats.

    Raises
    ------
    LevekarError
        No indicator chosen, or a neutral one.
    UnknownChoiceError
        An id the dataset does not have (listing the choices).
    """
    ids = list(dict.fromkeys(str(i).strip() for i in indicator_ids if str(i).strip()))
    if not ids:
        raise LevekarError("choose at least one indicator for the index")
    directed = [i for i in dataset.indicator_ids if dataset.indicator(i).direction != "neutral"]
    for i in ids:
        if i not in dataset.indicator_ids:
            raise UnknownChoiceError("indicator", i, directed)
        if dataset.indicator(i).direction == "neutral":
            raise LevekarError(f"indicator {i!r} is neutral (neither a high nor a low value is worse), so it cannot "
                               f"enter a levekår index; choose among: {', '.join(directed)}")
    return ids


def index_inputs(dataset, indicator_ids, year: int) -> IndexInputs:
    """Collect the matrices for :func:`levekar_index` (public figures of ``year``).

    Raises
    ------
    LevekarError
        An indicator without values in ``year`` (the common years are listed), with fewer than
        :data:`MIN_ZONES` zones with a value, or with the same value everywhere.
    """
    ids = check_indicators(dataset, indicator_ids)
    years = common_years(dataset, ids)
    if year not in years:
        raise LevekarError(f"no values for every chosen indicator in {year}; years they share: "
                           f"{', '.join(map(str, years)) or 'none'}")
    n_zones = len(dataset.zones)
    shape = (n_zones, len(ids))
    values, trials, sd = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    signs, scale = np.empty(len(ids)), np.empty(len(ids))
    table = public_values(dataset, ids, year)
    zone_ids = dataset.zones["zone_id"]
    for j, ind_id in enumerate(ids):
        ind = dataset.indicator(ind_id)
        f = table[table["indicator"] == ind_id].set_index("zone_id").reindex(zone_ids)
        v = f["value"].to_numpy(dtype="float64")
        present = v[np.isfinite(v)]
        if len(present) < MIN_ZONES:
            raise LevekarError(f"{ind_id} {year}: only {len(present)} zone(s) have a value; at least {MIN_ZONES} "
                               "are needed to standardise it — leave it out or choose another year")
        if np.ptp(present) == 0:
            raise LevekarError(f"{ind_id} {year}: every zone has the same value ({present[0]:g}), so it cannot be "
                               "standardised and says nothing about differences — leave it out")
        values[:, j] = v
        den = f["denominator"].to_numpy(dtype="float64")
        binom = np.isfinite(v) & np.isfinite(den) & (den > 0)
        trials[binom, j] = np.round(den[binom])
        lo, hi = f["ci_low"].to_numpy(dtype="float64"), f["ci_high"].to_numpy(dtype="float64")
        normal = np.isfinite(v) & ~binom & np.isfinite(lo) & np.isfinite(hi)
        sd[normal, j] = (hi[normal] - lo[normal]) / (2 * Z95)
        signs[j] = 1.0 if ind.direction == "higher_is_worse" else -1.0
        scale[j] = ind.scale
    zones = pd.DataFrame(dataset.zones[["zone_id", "name", "district"]]).reset_index(drop=True)
    return IndexInputs(zones, tuple(ids), signs, values, trials, sd, scale)


def normalise_weights(weights, n: int) -> np.ndarray:
    """Weights as an array summing to 1.

    Raises
    ------
    LevekarError
        Wrong count, a negative or non-finite weight, or all zero.
    """
    w = np.asarray(list(weights), dtype="float64") if weights is not None else np.ones(n)
    if w.shape != (n,):
        raise LevekarError(f"give one weight per indicator: {n} indicator(s) but {w.size} weight(s)")
    if not np.isfinite(w).all() or (w < 0).any():
        raise LevekarError(f"weights must be non-negative numbers, got {w.tolist()}")
    if w.sum() <= 0:
        raise LevekarError("at least one weight must be above zero")
    return w / w.sum()


def _standardise(values: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Direction-aware z-scores over the zone axis (−2) of ``values`` (…, zones, indicators).

    Mean and population sd over the zones with a value (masked sums: faster than ``nanmean``/``nanstd``,
    which copy the array); in place on a fresh array where every value is present (the common case).
    """
    present = np.isfinite(values)
    with np.errstate(divide="ignore", invalid="ignore"):
        if present.all():
            dev = values - values.mean(axis=-2, keepdims=True)
            sd = np.sqrt(np.einsum("...zi,...zi->...i", dev, dev) / values.shape[-2])[..., None, :]
            # a redraw can make an indicator constant (every zone 0 %): it then separates nobody, z = 0
            sd = np.where(sd > 0, sd, np.inf) / signs
            dev /= sd
            return dev
        filled = np.where(present, values, 0.0)
        count = present.sum(axis=-2, keepdims=True)
        mean = filled.sum(axis=-2, keepdims=True) / count
        dev = np.where(present, values - mean, 0.0)
        sd = np.sqrt((dev * dev).sum(axis=-2, keepdims=True) / count)
        z = dev / np.where(sd > 0, sd, np.inf)
    return np.where(present, z, np.nan) * signs


def _combine(z: np.ndarray, weights: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Weighted mean of z-scores over the indicators that are present (…, zones)."""
    if present.all():
        return np.einsum("...zi,...i->...z", z, weights) / weights.sum(axis=-1)[..., None]
    zw = np.nan_to_num(z) * weights[..., None, :]
    cover = present * weights[..., None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return zw.sum(axis=-1) / cover.sum(axis=-1)


def point_scores(inputs: IndexInputs, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores (NaN for zones below :data:`MIN_COVERAGE`) and each zone's weight coverage."""
    present = np.isfinite(inputs.values)
    coverage = present.astype(float) @ weights
    score = _combine(_standardise(inputs.values, inputs.signs), weights, present)
    return np.where(coverage >= MIN_COVERAGE - 1e-12, score, np.nan), coverage


def worst_first_ranks(scores: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score; ties share the best rank; NaN scores get NaN."""
    return pd.Series(scores).rank(ascending=False, method="min").to_numpy()


#: Above this binomial variance n·p·(1−p) a count is redrawn by the normal approximation (rounded to whole
#: people and kept within 0…n): indistinguishable from the exact binomial there, and ~5× cheaper to draw.
NORMAL_APPROX_VARIANCE = 25.0


def _draw_values(inputs: IndexInputs, rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` redraws of the value matrix within each value's uncertainty: (n, zones, indicators).

    Counts are redrawn from ``Bin(denominator, value/scale)``: exactly for small counts, by the rounded
    normal approximation where ``n·p·(1−p) ≥`` :data:`NORMAL_APPROX_VARIANCE`. Values with only a
    published interval are redrawn from a normal distribution. Whole-array operations, no boolean
    fancy indexing on the large arrays (it dominated the time on thousands of zones).
    """
    vals = inputs.values
    scale = np.broadcast_to(inputs.scale, vals.shape)
    out = np.broadcast_to(vals, (n, *vals.shape))
    b = np.isfinite(inputs.trials)
    if b.any():
        trials = np.where(b, inputs.trials, 0.0)
        p = np.where(b, np.clip(np.nan_to_num(vals) / scale, 0.0, 1.0), 0.0)
        var = trials * p * (1 - p)
        approx = b & (var >= NORMAL_APPROX_VARIANCE)
        exact = b & ~approx
        if approx.any():
            counts = rng.standard_normal(size=(n, *vals.shape))  # in place from here: one big array only
            counts *= np.where(approx, np.sqrt(var), 0.0)
            counts += trials * p
            np.rint(counts, out=counts)
            np.clip(counts, 0.0, trials, out=counts)
        else:
            counts = np.zeros((n, *vals.shape))
        if exact.any():
            counts[:, exact] = rng.binomial(trials[exact].astype(np.int64), p[exact], size=(n, int(exact.sum())))
        counts *= scale / np.where(b, trials, 1.0)
        out = counts if b.all() else np.where(b, counts, out)
    g = np.isfinite(inputs.sd)
    if g.any():
        drawn = rng.normal(np.where(g, vals, 0.0), np.where(g, inputs.sd, 0.0), size=(n, *vals.shape))
        # a share stays a share: redraws beyond 0 % or 100 % are clipped
        out = np.where(g, np.clip(drawn, 0.0, np.where(scale > 1, scale, np.inf)), out)
    return out


def rank_draws(inputs: IndexInputs, weights: np.ndarray, ranked: np.ndarray, draws: int, seed: int | None,
               concentration: float = CONCENTRATION, vary_weights: bool = True,
               vary_values: bool = True) -> np.ndarray:
    """Ranks of the ``ranked`` zones in each of ``draws`` perturbed indices: (draws, n_ranked) ints.

    Parameters
    ----------
    inputs : IndexInputs
    weights : numpy.ndarray
        Normalised point weights.
    ranked : numpy.ndarray of bool
        Zones that have a point score (the same zones are ranked in every draw).
    draws : int
    seed : int or None
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same draws.
    concentration : float
        Dirichlet concentration (α = c · w over the indicators with a positive weight).
    vary_weights, vary_values : bool
        Which sources of uncertainty to include.
    """
    rng = np.random.default_rng(seed)
    active = weights > 0
    n_rank = int(ranked.sum())
    out = np.empty((draws, n_rank), dtype=np.int32)
    sub = IndexInputs(inputs.zones, inputs.indicator_ids, inputs.signs[active], inputs.values[ranked][:, active],
                      inputs.trials[ranked][:, active], inputs.sd[ranked][:, active], inputs.scale[active])
    present = np.isfinite(sub.values)
    alpha = weights[active] * concentration
    positions = np.arange(1, n_rank + 1, dtype=np.int32)
    for start in range(0, draws, BLOCK):
        n = min(BLOCK, draws - start)
        if vary_weights and active.sum() > 1:
            w = rng.dirichlet(alpha, size=n)
        else:
            w = np.broadcast_to(weights[active], (n, int(active.sum())))
        vals = _draw_values(sub, rng, n) if vary_values else np.broadcast_to(sub.values, (n, *sub.values.shape))
        scores = _combine(_standardise(vals, sub.signs), w, present)
        order = np.argsort(-scores, axis=1, kind="stable")
        ranks = np.empty((n, n_rank), dtype=np.int32)
        np.put_along_axis(ranks, order, np.broadcast_to(positions, (n, n_rank)), axis=1)
        out[start:start + n] = ranks
    return out


@dataclass(frozen=True)
class IndexResult:
    """A computed index.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per zone (dataset order): ``zone_id``, ``name``, ``district``, ``score``, ``rank``,
        ``rank_low``, ``rank_high``, ``p_worst``, ``coverage`` (share of the weight with a value).
        Zones without a score have NaN in the score and rank columns and ``p_worst`` 0.
    indicator_ids : tuple of str
    weights : tuple of float
        Normalised weights, in ``indicator_ids`` order.
    year, draws, worst, seed : int
    """

    table: pd.DataFrame
    indicator_ids: tuple[str, ...]
    weights: tuple[float, ...]
    year: int
    draws: int
    worst: int
    seed: int | None

    @property
    def ranked(self) -> pd.DataFrame:
        """Rows with a score, worst first."""
        return self.table.dropna(subset=["score"]).sort_values(["rank", "name"], kind="stable")


def levekar_index(dataset, indicator_ids, weights=None, year: int | None = None, *, draws: int = DEFAULT_DRAWS,
                  worst: int = DEFAULT_WORST, seed: int | None = 0, concentration: float = CONCENTRATION) -> IndexResult:
    """Compute the index, its ranks and their uncertainty (see the module docstring for the method).

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
    indicator_ids : sequence of str
        Directed indicators.
    weights : sequence of float, optional
        One per indicator (any positive scale; default equal).
    year : int, optional
        Default: the latest year all indicators share.
    draws : int
        Perturbed indices for the rank intervals (0: no intervals, they equal the rank).
    worst : int
        N of "among the worst N".
    seed : int or None
        Random seed (same seed → same result).
    concentration : float
        Dirichlet concentration of the weight perturbation.

    Raises
    ------
    LevekarError
        Bad indicators, weights, year, ``draws`` or ``worst`` (the message says which and why).
    """
    ids = check_indicators(dataset, indicator_ids)
    if year is None:
        years = common_years(dataset, ids)
        if not years:
            raise LevekarError(f"the chosen indicators share no year: {', '.join(ids)}")
        year = years[-1]
    if draws < 0 or worst < 1:
        raise LevekarError(f"draws must be ≥ 0 and worst ≥ 1 (got draws={draws}, worst={worst})")
    inputs = index_inputs(dataset, ids, int(year))
    w = normalise_weights(weights, len(ids))
    score, coverage = point_scores(inputs, w)
    rank = worst_first_ranks(score)
    ranked = np.isfinite(score)
    if not ranked.any():
        raise LevekarError(f"no zone has values for enough of the chosen indicators in {year}")
    low, high, p = rank.copy(), rank.copy(), np.zeros(len(score))
    if draws > 0:
        r = rank_draws(inputs, w, ranked, draws, seed, concentration)
        q_low = np.percentile(r, 5, axis=0, method="lower")
        q_high = np.percentile(r, 95, axis=0, method="higher")
        low[ranked] = np.minimum(q_low, rank[ranked])
        high[ranked] = np.maximum(q_high, rank[ranked])
        p[ranked] = (r <= worst).sum(axis=0) / draws
    else:
        p[ranked] = (rank[ranked] <= worst).astype(float)
    table = inputs.zones.assign(score=score, rank=rank, rank_low=low, rank_high=high, p_worst=p, coverage=coverage)
    for c in ("rank", "rank_low", "rank_high"):
        table[c] = table[c].astype("Int64")
    return IndexResult(table, tuple(ids), tuple(float(x) for x in w), int(year), int(draws), int(worst), seed)
