"""Number and date formats per UI language."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.formats import format_count, format_date, format_number, is_missing, no_value


@pytest.mark.parametrize(("value", "decimals", "lang", "expected"), [
    (5.3, 1, "nb", "5,3"),
    (1234, 0, "nb", "1\u00a0234"),
    (1234, 0, "en", "1,234"),
    (1234567.891, 2, "nb", "1\u00a0234\u00a0567,89"),
    (0.0, 1, "en", "0.0"),
])
def test_format_number(value, decimals, lang, expected):
    assert format_number(value, decimals, lang) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, "not a number"])
def test_missing_values_read_as_words(missing):
    assert is_missing(missing)
    assert format_number(missing, 1, "nb") == "mangler"
    assert format_count(missing, "en", status="suppressed") == "suppressed"


def test_no_value_words():
    assert no_value("suppressed", "nb") == "skjult" and no_value(None, "en") == "missing"


def test_format_date():
    assert format_date(dt.date(2024, 3, 12), "nb") == "12. mars 2024"
    assert format_date("2024-03-12T10:00:00", "en") == "12 March 2024"


def test_facts_display_table_formats_text_worst_first_and_words_for_no_value():
    import pandas as pd

    from geo.data.catalog import DEFAULT_CATALOG
    from geo.formats import facts_display_table

    ind = DEFAULT_CATALOG["child_low_income"]
    facts = pd.DataFrame({
        "name": ["A", "B", "C", "D"], "district": ["X", "X", None, "Y"],
        "value": [5.25, 13.2, None, None], "rank": [2.0, 1.0, None, None],
        "ci_low": [4.1, None, None, None], "ci_high": [6.2, None, None, None],
        "status": ["synthetic", "published", "suppressed", "missing"], "source": ["s", "t", "u", None]})
    nb = facts_display_table(facts, ind, "nb")
    assert nb["name"].tolist() == ["B", "A", "C", "D"]  # worst first, no rank last
    assert nb["value"].tolist() == ["13,2 %", "5,2 %", "skjult", "mangler"]  # Babel rounds half to even
    assert nb["rank"].tolist() == ["1", "2", "skjult", "mangler"]
    assert nb["ci"].tolist() == ["", "4,1–6,2", "", ""]
    assert "None" not in nb.to_csv() and "nan" not in nb.to_csv()
    en = facts_display_table(facts, ind, "en")
    assert en["value"].tolist()[2:] == ["suppressed", "missing"] and en["value"][0] == "13.2 %"
    assert "ci" not in facts_display_table(facts.assign(ci_low=None, ci_high=None), ind, "nb").columns
