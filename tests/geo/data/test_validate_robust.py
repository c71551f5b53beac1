"""Hostile and careless tables: each class of input ends in a named problem, never an exception."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.validate import check_table
from geo.errors import Problem, ValidationError, group_problems, summarise_problems


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


# --- long problem lists -------------------------------------------------------------------------------
def _bad_rows(n: int) -> list[Problem]:
    return [Problem("v.csv", f"row {i + 2}", "value", f"'x{i}' is not a number", "fix it") for i in range(n)] + [
        Problem("v.csv", "row 9", "year", "year 21 is outside 1900–2100", "write 2021", "error"),
        Problem("v.csv", "", "status", "'-' is read as 0", "", "warning")]


def test_few_problems_are_listed_one_by_one():
    problems = _bad_rows(3)
    assert summarise_problems(problems) == [str(p) for p in problems]


def test_many_problems_are_counted_per_kind_with_the_first_of_each():
    lines = summarise_problems(_bad_rows(10_000), report_hint="--report FILE")
    assert len(lines) < 20
    assert lines[0] == "10002 problems of 3 kind(s); the first 5 of each; the full list: --report FILE"
    assert lines[1] == "error ×10000: v.csv, field 'value': '…' is not a number"
    assert lines[2].startswith("  v.csv, row 2, field 'value': 'x0' is not a number")
    assert "  … and 9995 more like these" in lines
    assert lines[-1].startswith("  warning: v.csv")  # errors first, warnings last


def test_validation_error_message_stays_short():
    with pytest.raises(ValidationError, match=r"^10001 problems of 2 kind\(s\)") as info:
        raise ValidationError(_bad_rows(10_000))
    assert len(str(info.value).splitlines()) < 20 and len(info.value.problems) == 10_002


def test_group_problems_keeps_every_problem():
    kinds = group_problems(_bad_rows(50))
    assert sum(k.count for k in kinds) == 52 and [k.severity for k in kinds] == ["error", "error", "warning"]
