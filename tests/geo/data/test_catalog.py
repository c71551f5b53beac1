from __future__ import annotations

import pytest

from geo.data.catalog import DEFAULT_CATALOG, Catalog, Indicator


def test_required_indicators_present():
    for ind_id, unit, kind, direction in [
        ("child_low_income", "%", "register", "higher_is_worse"),
        ("green_space_satisfaction", "%", "survey", "higher_is_better"),
        ("transit_access", "%", "computed", "higher_is_better"),
    ]:
        ind = DEFAULT_CATALOG[ind_id]
        assert (ind.unit, ind.kind, ind.direction) == (unit, kind, direction)
    assert len(DEFAULT_CATALOG) >= 12


def test_frame_round_trip():
    assert Catalog.from_frame(DEFAULT_CATALOG.to_frame()) == DEFAULT_CATALOG


def test_placeholder_for_unknown_id():
    ind = DEFAULT_CATALOG.get_or_placeholder("my_local_indicator")
    assert ind.label_nb == "my_local_indicator" and ind.direction == "neutral"


@pytest.mark.parametrize(("field", "bad", "match"), [
    ("direction", "up", "direction must be one of"),
    ("kind", "guess", "kind must be one of"),
    ("aggregation", "median", "aggregation must be one of"),
])
def test_invalid_entries_rejected(field, bad, match):
    base = {f: getattr(DEFAULT_CATALOG["child_low_income"], f) for f in Indicator.__dataclass_fields__}
    base[field] = bad
    with pytest.raises(ValueError, match=match):
        Indicator(**base)


def test_duplicate_ids_rejected():
    ind = DEFAULT_CATALOG["child_low_income"]
    with pytest.raises(ValueError, match="duplicate indicator id"):
        Catalog([ind, ind])


def test_format_value_norwegian_and_english():
    ind = DEFAULT_CATALOG["child_low_income"]
    assert ind.format_value(1234.56, "nb") == "1\u00a0234,6 %"
    assert ind.format_value(1234.56, "en") == "1,234.6 %"
    assert ind.format_value(None) == "mangler"
    assert ind.format_value(float("nan"), "en") == "missing"
    assert ind.format_value(None, "nb", status="suppressed") == "skjult"
    assert ind.format_value(-0.25, "nb") == "-0,2 %"
