"""Tests for geo.mapping.classify: schemes, palettes, orientation, legend rows and edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.data.catalog import DEFAULT_CATALOG
from geo.errors import UnknownChoiceError
from geo.mapping.classify import NO_DATA_COLOUR, PALETTES, SCHEMES, classify

WORSE = DEFAULT_CATALOG["child_low_income"]  # higher_is_worse, %
BETTER = DEFAULT_CATALOG["green_space_satisfaction"]  # higher_is_better


def _neutral():
    return next(ind for ind in DEFAULT_CATALOG.values() if ind.direction == "neutral")


def _values(n: int = 20) -> pd.Series:
    return pd.Series(np.linspace(1.0, 30.0, n), index=[f"{i:04d}" for i in range(n)])


@pytest.mark.parametrize("scheme", [s for s in SCHEMES if s != "user_defined"])
def test_every_scheme_classifies_every_zone(scheme):
    c = classify(_values(), WORSE, scheme=scheme, k=5)
    assert (c.classes >= 0).all()
    assert sum(c.counts) == 20
    assert len(c.colours) == c.k == len(c.bins)
    assert c.bins[-1] >= 30.0


@pytest.mark.parametrize("k", [3, 4, 5, 6, 7])
def test_quantiles_make_k_classes(k):
    c = classify(_values(70), WORSE, k=k)
    assert c.k == k
    assert len(set(c.colours)) == k


@pytest.mark.parametrize("k", [2, 8, 0, 5.5, True])
def test_k_outside_range_is_refused(k):
    with pytest.raises(ValueError, match="k must be an integer from 3 to 7"):
        classify(_values(), WORSE, k=k)


def test_unknown_scheme_lists_choices():
    with pytest.raises(UnknownChoiceError, match="Unknown classification scheme 'jenks'.*quantiles"):
        classify(_values(), WORSE, scheme="jenks")


def test_unknown_palette_lists_choices():
    with pytest.raises(UnknownChoiceError, match="Unknown palette 'Rainbow'.*YlOrRd"):
        classify(_values(), WORSE, palette="Rainbow")


def test_higher_is_worse_gets_darkest_colour_on_highest_class():
    c = classify(_values(), WORSE, palette="Reds")
    assert list(c.colours) == PALETTES["Reds"].colours(c.k)
    assert c.colour_of()["0019"] == c.colours[-1]  # highest value, darkest


def test_higher_is_better_gets_darkest_colour_on_lowest_class():
    c = classify(_values(), BETTER, palette="Reds")
    assert c.reversed
    assert list(c.colours) == PALETTES["Reds"].colours(c.k)[::-1]
    assert c.colour_of()["0000"] == PALETTES["Reds"].colours(c.k)[-1]  # lowest value, darkest


def test_neutral_defaults_to_a_neutral_palette():
    c = classify(_values(), _neutral())
    assert c.palette == "Blues" and not c.reversed


def test_palettes_are_light_to_dark_colorbrewer():
    assert PALETTES["YlOrRd"].colours(5) == ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
    assert len(PALETTES["Blues"].colours(7)) == 7
    assert PALETTES["Blues"].colours(2) == [PALETTES["Blues"].colours(3)[0], PALETTES["Blues"].colours(3)[2]]
    with pytest.raises(ValueError, match="between 1 and 9 colours"):
        PALETTES["Blues"].colours(10)


def test_missing_and_suppressed_are_never_coloured():
    frame = pd.DataFrame({"zone_id": ["a", "b", "c", "d", "e"], "value": [1.0, 2.0, np.nan, 40.0, 5.0],
                          "status": ["synthetic", "synthetic", "missing", "suppressed", "published"]})
    c = classify(frame, WORSE, k=3)
    assert c.classes.to_dict() == {"a": 0, "b": 1, "c": -1, "d": -1, "e": 2}
    assert c.colour_of()["d"] == NO_DATA_COLOUR  # the suppressed 40 is known but hidden
    assert c.n_no_data == 2
    assert c.maximum == 5.0


def test_dataframe_without_value_column_is_refused():
    with pytest.raises(ValueError, match="needs a 'value' column"):
        classify(pd.DataFrame({"zone_id": ["a"], "x": [1]}), WORSE)


def test_legend_rows_have_ranges_counts_and_no_data_swatch():
    values = _values(10)
    values.iloc[0] = np.nan
    c = classify(values, WORSE, k=3)
    rows = c.legend_rows("nb")
    assert [r.count for r in rows] == [*c.counts, 1]
    assert rows[-1].no_data and rows[-1].label == "Ingen data / skjult" and rows[-1].colour == NO_DATA_COLOUR
    assert rows[0].label.endswith("%") and " – " in rows[0].label and "," in rows[0].label
    assert c.legend_rows("en")[-1].label == "No data / suppressed"
    assert "." in c.legend_rows("en")[0].label


def test_all_missing_gives_only_the_no_data_row():
    c = classify(pd.Series([np.nan, np.nan], index=["a", "b"]), WORSE)
    assert c.k == 0 and c.counts == []
    assert [(r.label, r.count) for r in c.legend_rows()] == [("Ingen data / skjult", 2)]


def test_all_equal_gives_one_class():
    c = classify(pd.Series([4.0, 4.0, 4.0], index=["a", "b", "c"]), WORSE, scheme="equal_interval")
    assert c.scheme == "single" and c.k == 1 and c.counts == [3]
    assert c.range_labels() == ["4,0 %"]


def test_fewer_distinct_values_than_k_gives_one_class_per_value():
    c = classify(pd.Series([1.0, 1.0, 2.0, 3.0], index=list("abcd")), WORSE, scheme="fisher_jenks", k=5)
    assert c.scheme == "distinct" and c.bins == (1.0, 2.0, 3.0)
    assert c.counts == [2, 1, 1]


def test_user_defined_breaks():
    c = classify(_values(), WORSE, scheme="user_defined", breaks=[10, 20, 30])
    assert c.bins == (10.0, 20.0, 30.0)
    assert sum(c.counts) == 20


def test_user_breaks_not_covering_data_get_a_top_class():
    c = classify(_values(), WORSE, scheme="user_defined", breaks=[5, 10])
    assert c.bins == (5.0, 10.0, 30.0)
    assert c.notes and "above the last break" in c.notes[0]


@pytest.mark.parametrize(("breaks", "message"), [
    (None, "needs breaks"),
    ([10], "give 2–7 upper class bounds"),
    ([3, 2, 1], "strictly increasing"),
    (["a", "b"], "must be numbers"),
    ([1, float("inf")], "finite"),
])
def test_bad_user_breaks_are_refused(breaks, message):
    with pytest.raises(ValueError, match=message):
        classify(_values(), WORSE, scheme="user_defined", breaks=breaks)


def test_box_plot_labels_stay_within_the_data():
    values = _values(30)
    values.iloc[-1] = 500.0  # an upper outlier
    c = classify(values, WORSE, scheme="box_plot")
    labels = c.range_labels()
    # No lower outliers: that class is dropped (and said), not shown as an empty swatch.
    assert c.k == 5 and 0 not in c.counts
    assert any("5 classes instead of 6" in n for n in c.notes)
    assert labels[0].startswith("1,0 %") and labels[-1] == "500,0 %"
    assert c.counts[-1] == 1


def test_box_plot_without_outliers_has_four_classes_within_the_data():
    c = classify(_values(30), WORSE, scheme="box_plot")
    assert c.k == 4 and 0 not in c.counts and sum(c.counts) == 30
    assert c.range_labels()[0].startswith("1,0 %") and c.range_labels()[-1].endswith("30,0 %")


def test_labels_never_overlap_when_many_values_tie():
    values = pd.Series([0.0] * 12 + list(np.linspace(3.2, 77.4, 8)), index=[f"{i:04d}" for i in range(20)])
    c = classify(values, WORSE, scheme="quantiles", k=5)
    labels = c.range_labels()
    assert labels[0] == "0,0 %" and labels[1].startswith("3,2 %")
    assert len(set(labels)) == len(labels) and 0 not in c.counts


def test_user_breaks_are_labelled_as_ranges():
    c = classify(_values(), WORSE, scheme="user_defined", breaks=[10, 20])
    assert c.range_labels() == ["≤ 10,0 %", "> 10,0 % – 20,0 %", "> 20,0 % – 30,0 %"]


def test_fisher_jenks_on_many_values_uses_a_sample_and_stays_fast():
    rng = np.random.default_rng(1)
    c = classify(pd.Series(rng.gamma(2, 5, 5000)), WORSE, scheme="fisher_jenks", k=5)
    assert c.k == 5 and sum(c.counts) == 5000
