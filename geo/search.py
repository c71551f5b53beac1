"""Accent-insensitive zone search ("Ostbyen" finds "Østbyen", "Aasheim" finds "Åsheim")."""

from __future__ import annotations

import unicodedata

import pandas as pd

# Letters NFKD does not decompose, and the ASCII spellings Norwegians use for them.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ð": "d", "þ": "th", "ß": "ss", "ł": "l"})
_DIGRAPHS = (("aa", "a"), ("oe", "o"), ("ae", "a"))


def fold(text: str) -> str:
    """Lower-case ``text`` without accents and with Norwegian letters as ASCII, for matching only."""
    s = unicodedata.normalize("NFKD", str(text).casefold().translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    for digraph, single in _DIGRAPHS:
        s = s.replace(digraph, single)
    return " ".join(s.replace("-", " ").replace("/", " ").split())


def search_zones(zones: pd.DataFrame, query: str, limit: int = 10) -> pd.DataFrame:
    """Zones whose name (or district) matches ``query``, best matches first.

    Parameters
    ----------
    zones : pandas.DataFrame
        With ``zone_id``, ``name``, ``district``.
    query : str
        What the user typed; accents, case and Norwegian letters are ignored.
    limit : int
        At most this many rows.

    Returns
    -------
    pandas.DataFrame
        Matching rows of ``zones``: names starting with the query first, then names containing it,
        then zones whose district matches.
    """
    q = fold(query)
    if not q:
        return zones.iloc[0:0]
    names = zones["name"].map(fold)
    districts = zones["district"].fillna("").map(fold)
    score = pd.Series(0, index=zones.index)
    score[districts.str.contains(q, regex=False)] = 1
    score[names.str.contains(q, regex=False)] = 2
    score[names.str.startswith(q)] = 3
    score[names == q] = 4
    hits = zones.assign(_score=score, _name=names)[score > 0]
    return hits.sort_values(["_score", "_name"], ascending=[False, True]).drop(columns=["_score", "_name"]).head(limit)
