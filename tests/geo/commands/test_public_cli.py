"""Public mode reaches the command line: map, report, index and hotspots open datasets through for_output."""

from __future__ import annotations

import json

import pytest

from geo.cli import main
from geo.data.dataset import load_default


def report_json(capsys, zone: str) -> dict:
    assert main(["report", "--zone", zone, "--year", "2024", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def visible_city_share(indicator: str, year: int) -> float:
    """The city share from the zones the public sees (primary rules and complementary cells both hidden)."""
    from geo.privacy import public_view

    internal = load_default().values
    shown = public_view(load_default()).values
    shown = shown[(shown["indicator"] == indicator) & (shown["year"] == year) & (shown["status"] != "suppressed")]
    s = internal[(internal["indicator"] == indicator) & (internal["year"] == year)
                 & internal["zone_id"].isin(shown["zone_id"])]
    keep = ~((s["denominator"] < 20) | s["numerator"].between(1, 4) | (s["denominator"] - s["numerator"] < 5))
    assert keep.all()  # nothing the primary rules hide is among them
    return float(s["numerator"].sum() / s["denominator"].sum() * 100)


def test_report_in_public_mode_has_visible_only_totals(capsys, monkeypatch):
    internal = {r["id"]: r for r in report_json(capsys, "LKS09")["indicators"]}
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    public = {r["id"]: r for r in report_json(capsys, "LKS09")["indicators"]}
    assert internal["child_low_income"]["status"] == public["child_low_income"]["status"] == "suppressed"
    assert public["child_low_income"]["city_value"] == pytest.approx(visible_city_share("child_low_income", 2024))
    assert internal["child_low_income"]["city_value"] != pytest.approx(public["child_low_income"]["city_value"])


@pytest.mark.parametrize("command", ["map", "report", "index", "hotspots"])
def test_every_output_command_opens_through_the_gate(command):
    import importlib

    from geo import privacy

    module = importlib.import_module(f"geo.commands.{command}")
    assert module.open_for_output is privacy.open_for_output
    assert "open_for_output(" in open(module.__file__, encoding="utf-8").read()
