"""The initiatives page's pure pieces: the gap chart (gaps kept), the DiD table, the caveats."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.initiatives import CAVEATS, difference_in_differences, gap_series, user_initiative
from geo.workbench.initiatives import caveats, did_frame, gap_figure
from tests.ui.workbench_data import HOSTILE, rich_dataset

LABELS = {"ref": "Mot", "years": "År", "before": "Før", "after": "Etter", "did": "Endring", "ci": "KI",
          "city": "byen", "comparison": "gruppen"}


def test_gap_figure_keeps_gaps_and_marks_the_start():
    ds = rich_dataset()
    ds.values = ds.values[~((ds.values["zone_id"] == "Z0_0") & (ds.values["year"] == 2020))]
    ini = user_initiative(ds, ["Z0_0"], 2021)
    series = gap_series(ds, ini, "child_low_income", ["Z2_3"])
    fig = gap_figure(series, ds.indicator("child_low_income"), {"area": HOSTILE[0]}, 2021, None, "nb")
    area = fig.data[0]
    assert np.isnan(area.y[1]) and area.connectgaps is False and len(fig.data) == 3
    assert fig.layout.shapes[0].x0 == 2020.5 and HOSTILE[0] not in fig.to_json()


def test_did_frame_signs_units_and_interval():
    ds = rich_dataset()
    ini = user_initiative(ds, ["Z0_0", "Z0_1"], 2021)
    did = difference_in_differences(ds, ini, "child_low_income", ["Z2_3"])
    frame = did_frame(did, ds.indicator("child_low_income"), LABELS, "nb")
    assert list(frame["Mot"]) == ["byen", "gruppen"]
    assert frame["Endring"].iloc[0].endswith(" pp") and frame["Endring"].iloc[0][0] in "+−±"
    assert frame["År"].iloc[0] == "2019–2020 (2) / 2021–2022 (2)"
    assert frame["KI"].iloc[0] != "–"  # counts in every year: an interval
    texts = caveats(did, "en")
    assert CAVEATS["no_causal_claim"][1] in texts and len(texts) == len(set(texts))


def test_did_frame_without_start_year():
    ds = rich_dataset()
    did = difference_in_differences(ds, user_initiative(ds, ["Z0_0"], None), "child_low_income")
    frame = did_frame(did, ds.indicator("child_low_income"), LABELS, "nb")
    assert (frame.drop(columns="Mot") == "–").all().all()
    assert CAVEATS["start_unknown"][0] in caveats(pd.DataFrame(did), "nb")
