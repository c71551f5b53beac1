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
