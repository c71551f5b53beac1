"""Damaged copies of a saved dataset, made the way an editor outside Levekårskart would make them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.data.dataset import save


def _sql(path: Path, sql: str) -> None:
    with closing(sqlite3.connect(path)) as con:
        # The GeoPackage's R-tree triggers call SpatiaLite functions plain SQLite lacks; attribute edits
        # never change the geometry, so stubs are enough.
        con.create_function("ST_IsEmpty", 1, lambda g: 0)
        for name in ("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
            con.create_function(name, 1, lambda g: 0.0)
        con.executescript(sql)
        con.commit()


def _drop_year(path: Path) -> None:
    values = pyogrio.read_dataframe(path, layer="values", read_geometry=False)
    pyogrio.write_dataframe(values.drop(columns=["year"]), path, layer="values", driver="GPKG", append=False)


def _null_geometry(path: Path) -> None:
    zones = gpd.read_file(path, layer="zones")
    zones.loc[1, "geometry"] = None
    zones.to_file(path, layer="zones", driver="GPKG")


#: name → (how to damage the file, a pattern the error message must match)
DAMAGES = {
    "metadata_not_json": (lambda p: _sql(p, "UPDATE metadata SET value='{not json' WHERE key='name';"),
                          r"layer 'metadata', row \d+ \(key 'name'\), field 'value': is not JSON"),
    "values_without_year": (_drop_year, r"layer 'values', field 'year': missing required column\(s\) year"),
    "text_in_value": (lambda p: _sql(p, 'UPDATE "values" SET value=\'abc\' WHERE fid=2;'),
                      r"layer 'values', row 2, field 'value': 'abc' is not a number"),
    "null_geometry": (_null_geometry, r"layer 'zones', feature 2 \(id '0102'\), field 'geometry': has no geometry"),
    "duplicate_zone_ids": (lambda p: _sql(p, "UPDATE zones SET zone_id='0101' WHERE fid=2;"),
                           r"layer 'zones', features 1, 2, field 'zone_id': zone id '0101' is used 2 times"),
    "duplicate_value_rows": (lambda p: _sql(p, 'INSERT INTO "values" (zone_id, indicator, year, value, status, '
                                            'source) SELECT zone_id, indicator, year, value, status, source '
                                            'FROM "values" WHERE fid=1;'),
                             r"layer 'values', rows 1, 7, field 'zone_id': zone '0101', indicator "
                             r"'child_low_income', year 2021 appears 2 times"),
}


def damaged_copy(dataset, folder: Path, damage: str) -> Path:
    """Save ``dataset`` to ``folder/<damage>.gpkg`` and apply the named damage."""
    path = save(dataset, folder / f"{damage}.gpkg")
    DAMAGES[damage][0](path)
    return path
