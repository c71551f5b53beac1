from __future__ import annotations

from geo.benchmarks import zone_facts
from geo.charts import MISSING_COLOUR, OTHER_COLOUR, SELECTED_COLOUR, zone_bar


def test_bar_orders_worst_first_highlights_selection_and_never_draws_missing_as_zero(tiny_dataset):
    facts = zone_facts(tiny_dataset, "child_low_income", 2022)
    ind = tiny_dataset.indicator("child_low_income")
    bar = zone_bar(facts, ind, selected="0101", lang="nb").data[0]
    names = list(bar.y)
    # plotly draws the first category at the bottom: worst (rank 1) must be last in the list = top
    assert names[-1] == "Øvre Æ" and names[0] == "Midt"  # Midt is suppressed: at the bottom, no bar
    colours = dict(zip(names, bar.marker.color, strict=True))
    assert colours["Ålesund sør"] == SELECTED_COLOUR
    assert colours["Øvre Æ"] == OTHER_COLOUR
    assert colours["Midt"] == MISSING_COLOUR
    values = dict(zip(names, bar.x, strict=True))
    assert values["Midt"] != values["Midt"]  # NaN, not 0
    assert dict(zip(names, bar.text, strict=True))["Midt"] == "–"


def test_bar_escapes_names(tiny_dataset):
    zones = tiny_dataset.zones.copy()
    zones.loc[0, "name"] = "<b>x</b>"
    ds = type(tiny_dataset)(zones, tiny_dataset.values, tiny_dataset.catalog, tiny_dataset.meta)
    facts = zone_facts(ds, "child_low_income", 2022)
    bar = zone_bar(facts, ds.indicator("child_low_income")).data[0]
    assert "&lt;b&gt;x&lt;/b&gt;" in list(bar.y)


def test_trend_frame_and_chart(tiny_dataset):
    from geo.charts import trend_frame, zone_trend

    tr = trend_frame(tiny_dataset, "child_low_income", "0102")
    assert tr["year"].tolist() == [2021, 2022]
    assert tr["zone"].tolist() == [10.0, 12.5]
    assert tr["district"].tolist() == [10.0, 12.4]
    small = trend_frame(tiny_dataset, "child_low_income", "0201")
    assert small["zone"].isna().all() and (small["city"] > 0).all()  # suppressed: gaps, not zeros
    fig = zone_trend(tr, tiny_dataset.indicator("child_low_income"), "<i>Midt</i>")
    assert [d.name for d in fig.data][0] == "&lt;i&gt;Midt&lt;/i&gt;"


def test_reference_line_and_trend_lines_are_named_by_the_caller(tiny_dataset):
    from geo.benchmarks import zone_facts
    from geo.charts import trend_frame, zone_trend

    ind = tiny_dataset.indicator("child_low_income")
    bar = zone_bar(zone_facts(tiny_dataset, "child_low_income", 2021), ind, lang="en", reference_name="Bergen")
    assert [a.text for a in bar.layout.annotations] == ["Bergen"]
    default = zone_bar(zone_facts(tiny_dataset, "child_low_income", 2021), ind, lang="nb")
    assert [a.text for a in default.layout.annotations] == ["Hele området"]  # never a hard-coded city
    trend = zone_trend(trend_frame(tiny_dataset, "child_low_income", "0101"), ind, "Midt", "en",
                       reference_name="Median zone in Bergen", district_name="Median zone of the district")
    assert [s.name for s in trend.data] == ["Midt", "Median zone of the district", "Median zone in Bergen"]
