"""Hostile and careless tables: each class of input ends in a named problem, never an exception."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.catalog import DEFAULT_CATALOG
from geo.validate import check_table


def _raw(header: list[str], *rows: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame([list(r) for r in rows], columns=header, dtype="str")
    frame.insert(0, "_row", range(2, len(rows) + 2))
    return frame


@pytest.mark.parametrize(("header", "name", "where"), [
    (["zone_id", "indicator", "year", "value", "value"], "value", "columns 4 (D), 5 (E)"),
    (["zone_id", "indicator", "year", "value", "zone_id"], "zone_id", "columns 1 (A), 5 (E)"),
])
def test_two_columns_of_one_name_are_one_problem(header, name, where):
    values, problems = check_table(_raw(header, ["0101", "child_low_income", "2021", "1", "2"]), "t.csv",
                                   ["0101"], DEFAULT_CATALOG)
    assert values is None
    assert len(problems) == 1
    assert str(problems[0]) == (f"t.csv, header, field '{name}': 2 columns are named '{name}' ({where}) — rename "
                                "or delete all but one of them")
