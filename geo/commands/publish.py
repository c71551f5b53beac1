"""``python -m geo publish``: put a dataset into PostGIS for a hosted deployment, list versions, roll back.

A publish loads the dataset (checked as every load is), writes it as a new version and makes that version
current in one transaction: visitors of the running app see the old version until it commits, then the
new one at their next interaction. ``--rollback`` makes a stored version current again; ``--list`` shows
them; ``--prune N`` deletes all but the N newest (never the current one); ``--create-reader`` creates the
read-only role the app should connect as.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import time

from geo.data.dataset import load
from geo.errors import LevekarError
from geo.storage.base import DATABASE_URL_ENV, VersionInfo

#: Where ``--create-reader`` takes the new role's password from; a random one is made (and printed once)
#: when it is unset, so the password never has to appear on a command line or in shell history.
READER_PASSWORD_ENV = "LEVEKAR_READER_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``publish`` subcommand."""
    p = sub.add_parser("publish", help="publish a dataset to PostGIS (versioned; --rollback, --list, --prune, --create-reader)",
                       description=__doc__.split("\n\n", 1)[1])
    p.add_argument("--dataset", help="dataset .gpkg to publish as the new current version")
    p.add_argument("--database-url", help=f"postgresql://USER:PASSWORD@HOST:PORT/DATABASE (default: ${DATABASE_URL_ENV})")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--rollback", metavar="VERSION", help="make stored version VERSION (a number from --list) current")
    mode.add_argument("--list", action="store_true", help="list the stored versions")
    mode.add_argument("--prune", metavar="N", type=_at_least_one,
                      help="delete stored versions but the N newest and the current one")
    mode.add_argument("--create-reader", metavar="NAME",
                      help=f"create (or update) read-only role NAME for the app; password from ${READER_PASSWORD_ENV} "
                           "or generated and printed once")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=run)


def _at_least_one(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give how many of the newest versions to keep, a whole number from 1")
    return n


def _record(info: VersionInfo) -> dict:
    return {"version": int(info.key.split("-", 1)[0]), "key": info.key, "name": info.name,
            "published": info.published.isoformat() if info.published else None, "content": info.content,
            "zones": info.zones, "values": info.values, "current": info.current}


def _line(info: VersionInfo) -> str:
    r = _record(info)
    when = f"{info.published:%Y-%m-%d %H:%M:%S %Z}" if info.published else "?"
    return (f"{'*' if r['current'] else ' '} {r['version']:>4}  {when}  {r['zones']:>5} zones  {r['values']:>8} values"
            f"  {r['content']}  {r['name']}")


def _url(args: argparse.Namespace) -> str:
    from geo.storage.postgis import database_url

    url = (args.database_url or os.environ.get(DATABASE_URL_ENV, "")).strip()
    if not url:
        raise LevekarError(f"give --database-url postgresql://USER:PASSWORD@HOST:PORT/DATABASE (or set "
                           f"{DATABASE_URL_ENV})")
    database_url(url)  # a bad URL fails here, before a dataset is read
    return url


def run(args: argparse.Namespace) -> int:
    # SQLAlchemy and GeoAlchemy2 take half a second to import: only this command pays for them.
    from geo.storage.postgis import create_reader, list_versions, prune, publish, rollback, safe_url

    url = _url(args)
    if args.list:
        infos = list_versions(url)
        print(json.dumps([_record(i) for i in infos], ensure_ascii=False) if args.json else
              "\n".join([f"versions in {safe_url(url)} (* = current):", *map(_line, infos)]))
        return 0
    if args.rollback is not None:
        info = rollback(url, args.rollback)
        print(json.dumps(_record(info), ensure_ascii=False) if args.json else
              f"version {_record(info)['version']} ({info.name}) is current again in {safe_url(url)}")
        return 0
    if args.prune is not None:
        gone = prune(url, args.prune)
        print(json.dumps([_record(i) for i in gone], ensure_ascii=False) if args.json else
              f"deleted {len(gone)} version(s) from {safe_url(url)}" + "".join(f"\n{_line(i)}" for i in gone))
        return 0
    if args.create_reader:
        password = os.environ.get(READER_PASSWORD_ENV) or secrets.token_urlsafe(18)
        create_reader(url, args.create_reader, password)
        print(f"read-only role {args.create_reader} can log in to {safe_url(url)} and read the published datasets")
        if not os.environ.get(READER_PASSWORD_ENV):
            print(f"its password (shown once; put it in the app's {DATABASE_URL_ENV}): {password}")
        return 0
    if not args.dataset:
        raise LevekarError("give --dataset PATH.gpkg to publish (or --list, --rollback VERSION, --prune N, "
                           "--create-reader NAME)")
    ds = load(args.dataset)
    start = time.perf_counter()
    info = publish(ds, url, note=os.path.basename(args.dataset))
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps({**_record(info), "seconds": round(seconds, 3)}, ensure_ascii=False))
        return 0
    demo = "  [DEMO — synthetic values, schematic boundaries]" if ds.is_demo else ""
    print(f"published {ds.name}{demo} as version {_record(info)['version']} of {safe_url(url)} in {seconds:.2f} s "
          f"({info.zones} zones, {info.values} values); it is current now")
    return 0
