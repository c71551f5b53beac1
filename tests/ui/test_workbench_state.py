"""URL state of the workbench pages: zones, groups, own sets and years against allow-lists."""

from __future__ import annotations

from tests.ui.workbench_data import rich_dataset
from ui.state import ZONE_PARAMS, ZoneChoice, parse_year, parse_zone_choice, zone_choice_to_params

SETS = ["all", "bydel:Vest", "bydel:Øst"]


def test_parse_keeps_known_ids_in_order_and_drops_the_rest():
    ds = rich_dataset()
    choice, dropped = parse_zone_choice({"zones": "Z0_1, Z0_0,Z0_1,<script>", "group": "all,bydel:Nord",
                                         "own": "Z1_0,Z1_1", "ownname": "Vårt"}, ds, SETS)
    assert choice == ZoneChoice(("Z0_1", "Z0_0"), ("all",), ("Z1_0", "Z1_1"), "Vårt")
    assert dropped == ["<script>", "bydel:Nord"]
    assert parse_zone_choice(zone_choice_to_params(choice), ds, SETS) == (choice, [])


def test_limits_and_name_without_own_set():
    ds = rich_dataset()
    ids = list(ds.zones["zone_id"])
    choice, dropped = parse_zone_choice({"zones": ",".join(ids), "ownname": "x" * 500}, ds, SETS)
    assert len(choice.zones) == ZONE_PARAMS["zones"] == len(ids) and choice.own_name == ""
    many = ",".join(["y" * 200] * 3)
    _, dropped = parse_zone_choice({"zones": many}, ds, SETS)
    assert dropped == ["y" * 60]  # cut, and a repeat is named once
    assert zone_choice_to_params(ZoneChoice()) == {}


def test_parse_year():
    assert parse_year({"year": "2021"}, [2020, 2021]) == (2021, [])
    assert parse_year({"year": "20x1"}, [2020, 2021]) == (None, ["20x1"])
    assert parse_year({"year": "1999"}, [2020, 2021]) == (None, ["1999"])
    assert parse_year({}, [2020]) == (None, [])
