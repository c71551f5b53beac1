"""CLI subcommands, one module each. Add a module name here to register a new command."""

COMMAND_MODULES: tuple[str, ...] = (
    "info",
    "validate",
    "importer",
    "map",
    "access",
    "fetch",
    "merge",
    "index",
    "hotspots",
    "catalog",
    "report",
    "export",
    "publish",
)
