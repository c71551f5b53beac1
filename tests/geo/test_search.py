from __future__ import annotations

import pandas as pd

from geo.search import fold, search_zones

ZONES = pd.DataFrame({"zone_id": ["1", "2", "3", "4"], "name": ["Åsheim", "Møllenberg", "Lade", "Lademoen"],
                      "district": ["Heimdal", "Østbyen", "Østbyen", "Østbyen"]})


def test_fold():
    assert fold("Østbyen") == "ostbyen"
    assert fold("Åsheim") == fold("Aasheim") == fold("asheim")
    assert fold("Brøset-Valentinlyst") == "broset valentinlyst"


def test_search_ignores_accents_and_ranks_prefix_first():
    assert search_zones(ZONES, "mollenberg")["name"].tolist() == ["Møllenberg"]
    assert search_zones(ZONES, "lade")["name"].tolist()[:2] == ["Lade", "Lademoen"]
    assert search_zones(ZONES, "Aasheim")["name"].tolist() == ["Åsheim"]


def test_search_by_district():
    assert set(search_zones(ZONES, "Ostbyen")["name"]) == {"Møllenberg", "Lade", "Lademoen"}


def test_empty_query():
    assert search_zones(ZONES, "  ").empty
