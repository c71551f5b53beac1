"""Command-line interface: ``python -m geo COMMAND …``.

Subcommands live one per module in :mod:`geo.commands`; each module has ``register(subparsers)``
that adds its parser and sets ``func``. Exit codes are part of the contract:

- 0 — success (``validate``: the input is valid);
- 1 — the input or the request is wrong (invalid file, unknown indicator, existing output, …);
  the message says what to do;
- 2 — usage error (unknown option, missing argument), as argparse does.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
import warnings
from collections.abc import Sequence

from geo.commands import COMMAND_MODULES
from geo.errors import LevekarError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="python -m geo", description="Levekårskart: datasets of living-conditions zones.")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"geo.commands.{name}").register(sub)
    return parser


def _short_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a library warning as one ``warning:`` line, without the site-packages path and source line."""
    print(f"warning: {str(message).strip().splitlines()[0] if str(message).strip() else category.__name__}",
          file=file or sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.debug:
        # Users see what concerns their files (the import path turns readers' warnings into problems);
        # the rest is one short line, and deprecation notices are for developers (shown with --debug).
        warnings.showwarning = _short_warning
        for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning):
            warnings.filterwarnings("ignore", category=category)
    try:
        return int(args.func(args) or EXIT_OK)
    except LevekarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `python -m geo info | head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the file system said no (permission, disk full, …): the user's to fix, not a bug
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error: cannot access{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # a bug, not a user error: say so briefly, keep the trace behind --debug
        if args.debug:
            traceback.print_exc()
        print(f"internal error ({type(exc).__name__}): {exc}. Re-run with --debug and report it.", file=sys.stderr)
        return 3
