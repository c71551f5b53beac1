"""PostGIS backend for hosted deployments: versioned tables and a *current* pointer.

Layout (schema :data:`SCHEMA`): ``versions`` (one row per publish), ``current_version`` (one row: the
version visitors see), and the dataset's parts, each row tagged with its ``version_id``: ``zones``
(polygons in EPSG:25833), ``zone_values``, ``indicators`` (one JSON catalogue entry per row),
``reference_values`` and ``metadata`` (JSON-encoded values, as in the GeoPackage). The views
``current_zones`` and ``current_values`` show the current version, for QGIS and SQL users.

Why a version column rather than a table per version: one fixed set of tables can be granted to the
read-only role once, and a publish is only ``INSERT`` s plus one ``UPDATE`` of the pointer, all in ONE
transaction (:func:`publish`). Until it commits, readers see the previous version; after it, the new one;
never a mix, because a reader (:meth:`PostGISBackend.load`) reads the pointer and every table in one
``REPEATABLE READ`` snapshot. Old versions stay, so :func:`rollback` only moves the pointer.

Rows are written with ``COPY`` (psycopg 3) inside the SQLAlchemy transaction: row-by-row ``INSERT`` s
would make a large dataset's publish take minutes. Reads skip :func:`geo.data.validate.check_dataset_layers`:
every version was checked when it was loaded for publishing, and the tables' keys keep it so.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import geopandas as gpd
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from geoalchemy2 import Geometry
from psycopg import sql as pgsql
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    func,
    insert,
    select,
    text,
    true,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import URL, Connection, Engine, create_engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from geo.config import ANALYSIS_CRS, PROJECT_DIR
from geo.data.catalog import Catalog, placeholder
from geo.data.dataset import NUMBER_COLUMNS, REFERENCE_COLUMNS, VALUE_COLUMNS, ZONE_COLUMNS, Dataset
from geo.errors import DatabaseError
from geo.storage.base import VersionInfo

SCHEMA = "levekar"
SRID = int(ANALYSIS_CRS.split(":")[1])
#: Connections the app keeps open per process: reads are rare (once per version, then cached), the
#: per-rerun "which version is current?" query takes a millisecond.
POOL_SIZE = 3
POOL_OVERFLOW = 2
#: The role-creation script, run by ``python -m geo publish --create-reader`` or by hand with psql.
READER_SQL = PROJECT_DIR / "deploy" / "postgis_reader.sql"
#: Publishes take this advisory lock, so two at once queue instead of racing on the schema.
_PUBLISH_LOCK = 7_245_117

metadata_obj = MetaData(schema=SCHEMA)


def _version_fk() -> Column:
    # No FOREIGN KEY to versions: its per-row check made COPY of 240 000 values several seconds slower, and
    # only publish writes these rows, under the version id it has just inserted.
    return Column("version_id", Integer, primary_key=True, autoincrement=False)


versions_table = Table(
    "versions", metadata_obj,
    Column("version_id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("content", Text, nullable=False),  # Dataset.version(): the content hash
    Column("n_zones", Integer, nullable=False),
    Column("n_values", Integer, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_by", Text, nullable=False, server_default=func.current_user()),
    Column("note", Text, nullable=False, server_default=""),
)
current_table = Table(
    "current_version", metadata_obj,
    Column("singleton", Boolean, primary_key=True, server_default=true()),
    Column("version_id", Integer, ForeignKey("versions.version_id"), nullable=False),
    CheckConstraint("singleton", name="current_version_one_row"),
)
zones_table = Table(
    "zones", metadata_obj, _version_fk(),
    Column("zone_id", Text, primary_key=True),
    Column("ord", Integer, nullable=False),
    Column("name", Text),
    Column("district", Text),
    Column("geom", Geometry("GEOMETRY", srid=SRID, spatial_index=True), nullable=False),
)
values_table = Table(
    "zone_values", metadata_obj, _version_fk(),
    Column("indicator", Text, primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("zone_id", Text, primary_key=True),
    *[Column(c, Double) for c in NUMBER_COLUMNS],
    Column("status", Text, nullable=False),
    Column("source", Text, nullable=False),
)
indicators_table = Table(
    "indicators", metadata_obj, _version_fk(),
    Column("ord", Integer, primary_key=True),
    Column("id", Text, nullable=False),
    Column("entry", Text, nullable=False),  # JSON of one catalogue row: new Indicator fields need no migration
)
references_table = Table(
    "reference_values", metadata_obj, _version_fk(),
    Column("ord", Integer, primary_key=True),
    *[Column(c, Double if c == "value" else Integer if c == "year" else Text) for c in REFERENCE_COLUMNS],
)
meta_table = Table(
    "metadata", metadata_obj, _version_fk(),
    Column("ord", Integer, primary_key=True),
    Column("key", Text, nullable=False),
    Column("value", Text, nullable=False),  # JSON, exactly as the GeoPackage stores it
)

_VIEWS = {
    "current_zones": "SELECT z.* FROM {s}.zones z JOIN {s}.current_version c USING (version_id)",
    "current_values": "SELECT v.* FROM {s}.zone_values v JOIN {s}.current_version c USING (version_id)",
}


# --- connecting ---------------------------------------------------------------------------------
def database_url(url: str) -> URL:
    """``url`` parsed for SQLAlchemy with the psycopg 3 driver.

    Raises
    ------
    DatabaseError
        When ``url`` is not a PostgreSQL URL naming a database.
    """
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 — make_url parses the port lazily; a bad one raises here
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"not a database URL ({exc}); expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE") \
            from exc
    if parsed.get_backend_name() not in ("postgresql", "postgres") or parsed.drivername not in (
            "postgresql", "postgres", "postgresql+psycopg"):
        raise DatabaseError(f"{parsed.render_as_string(hide_password=True)}: only PostgreSQL with PostGIS is "
                            "supported; give a postgresql://USER:PASSWORD@HOST:PORT/DATABASE URL")
    if not parsed.database:
        raise DatabaseError(f"{parsed.render_as_string(hide_password=True)} names no database; add it after the "
                            "host: postgresql://USER@HOST:PORT/DATABASE")
    return parsed.set(drivername="postgresql+psycopg")


def safe_url(url: str | URL) -> str:
    """``url`` without its password, for messages."""
    try:
        return (url if isinstance(url, URL) else make_url(url)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"


_ENGINES: dict[tuple[str, bool], Engine] = {}
_ENGINES_LOCK = threading.Lock()


def engine_for(url: str, *, read_only: bool = True) -> Engine:
    """The (process-wide) engine and connection pool for ``url``.

    Parameters
    ----------
    url : str
        A PostgreSQL URL (see :func:`database_url`).
    read_only : bool
        Every transaction read-only (the app's engine): even with the owner's URL, a visitor's request
        cannot change the data. Publishing uses ``read_only=False``.
    """
    key = (url, read_only)
    with _ENGINES_LOCK:
        if key not in _ENGINES:
            options = "-c default_transaction_read_only=on -c statement_timeout=60000" if read_only else ""
            _ENGINES[key] = create_engine(
                database_url(url), pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, pool_pre_ping=True,
                pool_recycle=1800,
                connect_args={"connect_timeout": 5, "application_name": "levekarskart", "options": options})
        return _ENGINES[key]


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (tests that drop databases; forked workers)."""
    with _ENGINES_LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


@contextmanager
def _database_errors(url: str) -> Iterator[None]:
    """Turn driver errors into :class:`DatabaseError` messages that name the database and what to do."""
    where = safe_url(url)
    try:
        yield
    except DBAPIError as exc:
        orig = exc.orig
        if isinstance(orig, psycopg.errors.UndefinedTable | psycopg.errors.InvalidSchemaName):
            raise DatabaseError(f"{where}: no dataset has been published there yet; publish one with "
                                "'python -m geo publish --dataset PATH --database-url URL'") from exc
        if isinstance(orig, psycopg.errors.InsufficientPrivilege | psycopg.errors.ReadOnlySqlTransaction):
            raise DatabaseError(f"{where}: the database refused ({_first_line(exc)}); connect as the role that "
                                "owns the levekar schema to publish, as the read-only role to read") from exc
        if isinstance(orig, psycopg.OperationalError) or exc.connection_invalidated:
            raise DatabaseError(f"cannot reach the database {where} ({_first_line(exc)}); check that PostgreSQL "
                                "runs there and the URL's host, port, database, user and password") from exc
        raise DatabaseError(f"{where}: database error ({_first_line(exc)})") from exc


# --- publishing ---------------------------------------------------------------------------------
def _ensure_postgis(conn: Connection, url: str) -> None:
    """Create the PostGIS extension when missing, or say who must."""
    if conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first():
        return
    try:
        with conn.begin_nested():
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
    except DBAPIError as exc:
        db = make_url(url).database
        raise DatabaseError(
            f"{safe_url(url)}: the PostGIS extension is missing and could not be created ({_first_line(exc)}); "
            f"install it on the server (Debian: apt-get install postgresql-postgis) and have a superuser run "
            f"CREATE EXTENSION postgis; in database {db}") from exc


def _ensure_schema(conn: Connection) -> None:
    conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
    metadata_obj.create_all(conn, checkfirst=True)
    for name, body in _VIEWS.items():
        conn.execute(text(f"CREATE OR REPLACE VIEW {SCHEMA}.{name} AS {body.format(s=SCHEMA)}"))


#: COPY's text format: these characters are written as backslash escapes (the backslash first).
_ESCAPES = (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_NULL = "\\N"


def _copy_column(col: pd.Series) -> pa.Array:
    """One column as COPY text cells: numbers in their shortest exact form, text escaped, missing as \\N.

    Vectorised in Arrow (whose float-to-text cast is the shortest string that reads back to the same
    double, as ``repr``): turning 240 000 rows into Python objects cell by cell took ~8 s.
    """
    if pd.api.types.is_numeric_dtype(col.dtype):
        cells = pa.array(col.to_numpy(), from_pandas=True).cast(pa.string())
    else:
        cells = pa.array(col.astype("str"), type=pa.string(), from_pandas=True)
        for char, escaped in _ESCAPES:
            cells = pc.replace_substring(cells, char, escaped)
    return pc.fill_null(cells, _NULL)


def _copy_text(frame: pd.DataFrame) -> str:
    """``frame`` as the body of ``COPY … FROM STDIN`` (text format): one tab-separated line per row."""
    lines = pc.binary_join_element_wise(*[_copy_column(frame[name]) for name in frame.columns], "\t")
    return "\n".join(lines.to_pylist()) + "\n" if len(frame) else ""


def _copy(conn: Connection, table: Table, frame: pd.DataFrame) -> None:
    """``COPY`` the rows of ``frame`` (its columns named as in ``table``) in the open transaction."""
    raw = conn.connection.driver_connection
    statement = pgsql.SQL("COPY {}.{} ({}) FROM STDIN").format(
        pgsql.Identifier(SCHEMA), pgsql.Identifier(table.name), pgsql.SQL(", ").join(map(pgsql.Identifier, frame)))
    with raw.cursor() as cur, cur.copy(statement) as copy:
        copy.write(_copy_text(frame))


def _catalog_entries(dataset: Dataset) -> pd.DataFrame:
    """One JSON entry per indicator, placeholders for ids the catalogue lacks (as :func:`geo.data.dataset.save`)."""
    unknown = sorted(set(dataset.values["indicator"].unique()) - set(dataset.catalog))
    frame = Catalog(list(dataset.catalog.values()) + [placeholder(i) for i in unknown]).to_frame()
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    return pd.DataFrame({"ord": range(len(records)), "id": [r["id"] for r in records],
                         "entry": [json.dumps(r, ensure_ascii=False) for r in records]})


def _write_version(conn: Connection, version_id: int, dataset: Dataset) -> None:
    zones = pd.DataFrame(dataset.zones[ZONE_COLUMNS])
    zones.insert(0, "version_id", version_id)
    zones["ord"] = range(len(zones))
    zones["geom"] = shapely.to_wkb(shapely.set_srid(dataset.zones.geometry.values, SRID), hex=True,
                                   include_srid=True)
    values = dataset.values[VALUE_COLUMNS].copy()
    refs = dataset.references[REFERENCE_COLUMNS].copy()
    refs.insert(0, "ord", range(len(refs)))
    meta = pd.DataFrame({"ord": range(len(dataset.meta)), "key": list(dataset.meta),
                         "value": [json.dumps(v, ensure_ascii=False) for v in dataset.meta.values()]})
    for table, frame in ((zones_table, zones), (values_table, values), (indicators_table, _catalog_entries(dataset)),
                         (references_table, refs), (meta_table, meta)):
        if "version_id" not in frame:
            frame.insert(0, "version_id", version_id)
        _copy(conn, table, frame)


def publish(dataset: Dataset, url: str, *, note: str = "") -> VersionInfo:
    """Store ``dataset`` as a new version and make it current, in one transaction.

    Creates the PostGIS extension (when the role may), the schema and the tables on first use.

    Parameters
    ----------
    dataset : Dataset
        What to publish (loaded, hence checked, by :func:`geo.data.dataset.load`).
    url : str
        The database, as a role that may create tables in it (not the read-only role).
    note : str
        Free text kept with the version (the CLI stores the dataset's path).

    Returns
    -------
    VersionInfo
        The new, current version.

    Raises
    ------
    DatabaseError
        When the URL is bad, the database cannot be reached, PostGIS is missing, or the role may not write.
    """
    engine = engine_for(url, read_only=False)
    with _database_errors(url), engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
        _ensure_postgis(conn, url)
        _ensure_schema(conn)
        version_id = conn.execute(insert(versions_table).values(
            name=dataset.name, content=dataset.version(), n_zones=len(dataset.zones), n_values=len(dataset.values),
            note=note).returning(versions_table.c.version_id)).scalar_one()
        _write_version(conn, version_id, dataset)
        _set_current(conn, version_id)
        return _version_infos(conn, version_id)[0]


def _set_current(conn: Connection, version_id: int) -> None:
    stmt = pg_insert(current_table).values(singleton=True, version_id=version_id)
    conn.execute(stmt.on_conflict_do_update(index_elements=[current_table.c.singleton],
                                            set_={"version_id": version_id}))


def rollback(url: str, version: str | int) -> VersionInfo:
    """Make an earlier (or any stored) version current again.

    Parameters
    ----------
    url : str
        The database (a role that may write).
    version : str or int
        The version number (``3``) or key (``3-ab12cd34ef56``) as :func:`list_versions` shows it.

    Raises
    ------
    DatabaseError
        When no such version is stored (the message lists those that are), or as :func:`publish`.
    """
    engine = engine_for(url, read_only=False)
    with _database_errors(url), engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
        version_id = _resolve(conn, url, version)
        _set_current(conn, version_id)
        return _version_infos(conn, version_id)[0]


#: The tables that hold one version's rows, each keyed by ``version_id`` (what :func:`prune` deletes).
VERSION_TABLES = (zones_table, values_table, indicators_table, references_table, meta_table)


def prune(url: str, keep: int) -> list[VersionInfo]:
    """Delete old versions: keep the ``keep`` newest and the current one (e.g. after a rollback); return
    the deleted ones, oldest first.

    Every publish stores a whole new version and nothing removes one, so a database that publishes every
    week grows without end. Deleting runs in one transaction under the publish lock: a publish or rollback
    running at the same time waits, and the current version (what visitors see) is never touched.

    Parameters
    ----------
    url : str
        The database (a role that may write).
    keep : int
        How many of the newest versions to keep (at least 1).

    Raises
    ------
    ValueError
        When ``keep`` is under 1.
    DatabaseError
        As :func:`publish`, or when nothing has been published there yet.
    """
    if int(keep) < 1:
        raise ValueError(f"keep must be at least 1 (the newest version), not {keep}")
    engine = engine_for(url, read_only=False)
    with _database_errors(url), engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
        current = _resolve(conn, url, None)
        infos = _version_infos(conn)
        kept = {_version_id(i.key) for i in infos[-int(keep):]} | {current}
        gone = [i for i in infos if _version_id(i.key) not in kept]
        ids = [_version_id(i.key) for i in gone]
        if ids:
            for table in VERSION_TABLES:
                conn.execute(table.delete().where(table.c.version_id.in_(ids)))
            conn.execute(versions_table.delete().where(versions_table.c.version_id.in_(ids)))
        return gone


def _version_id(version: str | int) -> int | None:
    match = re.fullmatch(r"\s*(\d+)(-[0-9a-f]*)?\s*", str(version))
    return int(match.group(1)) if match else None


def _resolve(conn: Connection, url: str, version: str | int | None) -> int:
    """The version id of ``version`` (None → current), checked to exist."""
    if version is None:
        current = conn.execute(select(current_table.c.version_id)).scalar_one_or_none()
        if current is None:
            raise DatabaseError(f"{safe_url(url)}: no dataset has been published there yet; publish one with "
                                "'python -m geo publish --dataset PATH --database-url URL'")
        return current
    wanted = _version_id(version)
    infos = _version_infos(conn)
    for info in infos:
        if _version_id(info.key) == wanted and (str(version).strip() == str(wanted) or info.key == str(version)):
            return wanted
    shown = ", ".join(f"{_version_id(i.key)} ({i.published:%Y-%m-%d %H:%M}, {i.name})" for i in infos) or "none"
    raise DatabaseError(f"{safe_url(url)}: no version {version!r}; stored versions: {shown}")


def _version_infos(conn: Connection, only: int | None = None) -> list[VersionInfo]:
    v, c = versions_table, current_table
    stmt = select(v, (v.c.version_id == c.c.version_id).label("is_current")) \
        .select_from(v.outerjoin(c, v.c.version_id == c.c.version_id)).order_by(v.c.version_id)
    if only is not None:
        stmt = stmt.where(v.c.version_id == only)
    return [VersionInfo(key=f"{r.version_id}-{r.content}", name=r.name, published=r.published_at, content=r.content,
                        zones=r.n_zones, values=r.n_values, current=bool(r.is_current))
            for r in conn.execute(stmt)]


def list_versions(url: str) -> list[VersionInfo]:
    """Every stored version, oldest first (raises :class:`DatabaseError` as :func:`publish`)."""
    with _database_errors(url), engine_for(url).connect() as conn:
        return _version_infos(conn)


# --- the read-only role -------------------------------------------------------------------------
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def reader_statements(name: str, password: str, database: str, quote: psycopg.Connection) -> list[str]:
    """The statements of :data:`READER_SQL` with its psql variables filled in, safely quoted.

    ``:"reader"`` and ``:"dbname"`` become quoted identifiers, ``:'password'`` a quoted literal; the same
    file runs unchanged with ``psql -v reader=… -v password=… -v dbname=… -f``.
    """
    values = {':"reader"': pgsql.Identifier(name).as_string(quote),
              ':"dbname"': pgsql.Identifier(database).as_string(quote),
              ":'password'": pgsql.Literal(password).as_string(quote)}
    body = "\n".join(line for line in READER_SQL.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("--"))
    statements = []
    for stmt in (s.strip() for s in body.split(";")):
        if stmt:
            for variable, value in values.items():
                stmt = stmt.replace(variable, value)
            statements.append(stmt)
    return statements


def create_reader(url: str, name: str, password: str) -> None:
    """Create (or update) role ``name``: may log in and read the ``levekar`` schema, nothing else.

    Runs :data:`READER_SQL`; an existing role keeps its other settings, gets the new password and the grants.

    Raises
    ------
    DatabaseError
        When ``name`` is not a plain lower-case role name, or as :func:`publish` (creating roles needs the
        CREATEROLE privilege).
    """
    if not ROLE_NAME.fullmatch(name):
        raise DatabaseError(f"{name!r} is not a usable role name; use lower-case letters, digits and _ "
                            "(e.g. levekar_reader)")
    engine = engine_for(url, read_only=False)
    with _database_errors(url), engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
        _ensure_postgis(conn, url)
        _ensure_schema(conn)  # the grants need the schema and its tables
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        raw = conn.connection.driver_connection
        with raw.cursor() as cur:
            for stmt in reader_statements(name, password, make_url(url).database, raw):
                if exists and stmt.upper().startswith("CREATE ROLE"):
                    continue
                cur.execute(stmt.encode())


# --- reading ------------------------------------------------------------------------------------
def _frame(conn: Connection, table: Table, columns: list[str], version_id: int, order: list) -> pd.DataFrame:
    """Rows of one version as a DataFrame, fetched as plain tuples through the driver's cursor.

    ``pd.DataFrame(result.all())`` on SQLAlchemy rows spends seconds on 240 000 rows probing each row's
    attributes; the driver's tuples go straight in.
    """
    stmt = select(*[table.c[c] for c in columns]).where(table.c.version_id == version_id).order_by(*order)
    compiled = stmt.compile(dialect=conn.dialect)
    with conn.connection.driver_connection.cursor() as cur:
        cur.execute(str(compiled), compiled.params)
        return pd.DataFrame.from_records(cur.fetchall(), columns=columns)


def _read_version(conn: Connection, version_id: int) -> Dataset:
    z = zones_table
    rows = conn.execute(select(z.c.zone_id, z.c.name, z.c.district,
                               type_coerce(func.ST_AsBinary(z.c.geom), LargeBinary).label("wkb"))
                        .where(z.c.version_id == version_id).order_by(z.c.ord)).all()
    zones = gpd.GeoDataFrame(pd.DataFrame([r[:3] for r in rows], columns=ZONE_COLUMNS),
                             geometry=shapely.from_wkb([bytes(r.wkb) for r in rows]), crs=ANALYSIS_CRS)
    values = _frame(conn, values_table, VALUE_COLUMNS, version_id, [])
    refs = _frame(conn, references_table, REFERENCE_COLUMNS, version_id, [references_table.c.ord])
    entries = _frame(conn, indicators_table, ["entry"], version_id, [indicators_table.c.ord])["entry"]
    catalog = Catalog.from_frame(pd.DataFrame([json.loads(e) for e in entries]))
    meta_rows = _frame(conn, meta_table, ["key", "value"], version_id, [meta_table.c.ord])
    meta = {k: json.loads(v) for k, v in zip(meta_rows["key"], meta_rows["value"])}
    return Dataset(zones=zones, values=values, catalog=catalog, meta=meta, references=refs)


class PostGISBackend:
    """Datasets published to a PostGIS database, read through a small read-only connection pool.

    Parameters
    ----------
    url : str
        ``postgresql://USER:PASSWORD@HOST:PORT/DATABASE`` — for the app, the read-only role's.
    """

    def __init__(self, url: str) -> None:
        self.source = url

    @property
    def engine(self) -> Engine:
        """The shared read-only engine (created on first use; a bad URL raises :class:`DatabaseError`)."""
        return engine_for(self.source, read_only=True)

    def current_version(self) -> str:
        """``"<version number>-<content hash>"`` of the current version."""
        with _database_errors(self.source), self.engine.connect() as conn:
            row = conn.execute(select(versions_table.c.version_id, versions_table.c.content).join_from(
                current_table, versions_table)).first()
        if row is None:
            raise DatabaseError(f"{safe_url(self.source)}: no dataset has been published there yet; publish one "
                                "with 'python -m geo publish --dataset PATH --database-url URL'")
        return f"{row.version_id}-{row.content}"

    def load(self, version: str | None = None) -> Dataset:
        """Version ``version`` (a key or number; None → current), read in one consistent snapshot."""
        with _database_errors(self.source), self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                return _read_version(conn, _resolve(conn, self.source, version))

    def versions(self) -> list[VersionInfo]:
        """Every stored version, oldest first."""
        return list_versions(self.source)

