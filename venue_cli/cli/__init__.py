"""The `venues` command line: `main` is the entry point, `app` the Typer application.

Commands live in modules by theme, listed in `COMMANDS` in the order `venues --help` shows
them: scoring (rank, explain, compare), time (timeline, changes), analysis (sensitivity,
backtest, calibrate, report) and data (validate, schema, init, upgrade, cases, sources,
scenarios, docs). This package is the only one that prints or exits.

A run imports little: `main` runs a simple `venues rank`, `explain`, `compare` or
`--version` without Typer (`venue_cli.cli.fast`), and otherwise the Typer application,
which imports and builds only the command asked for. `app`, imported from here, is the
application with every command registered.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from venue_cli.cli.typer_app import app

#: Every command and the module of this package that declares it, in the order of
#: `venues --help` (tests check it against the commands the modules register).
COMMANDS: dict[str, str] = {
    "rank": "scoring",
    "explain": "scoring",
    "compare": "scoring",
    "timeline": "time",
    "changes": "time",
    "sensitivity": "analysis",
    "backtest": "analysis",
    "calibrate": "analysis",
    "report": "analysis",
    "validate": "data",
    "schema": "data",
    "init": "data",
    "upgrade": "data",
    "cases": "data",
    "sources": "data",
    "scenarios": "data",
    "docs": "data",
}


def main(args: Sequence[str] | None = None, *, fast: bool = True) -> None:
    """Console-script entry point: run `args` (default: the command line) and exit. `fast`
    False always runs the Typer application (tests compare the two paths)."""
    import gc

    # A short-lived process that builds many small immutable records and no reference
    # cycles worth collecting: the cyclic garbage collector only costs time (~20% on large
    # cases, see benchmarks/). Memory is still freed by reference counting.
    gc.disable()
    argv = list(sys.argv[1:] if args is None else args)
    from venue_cli.cli.output import bound_screen_size, prepare_stdout

    bound_screen_size()
    prepare_stdout()
    if fast:
        from venue_cli.cli.fast import run

        code = run(argv)
        if code is not None:
            sys.exit(code)
    from venue_cli.cli.typer_app import main as run_typer

    run_typer(argv)


def __getattr__(name: str) -> Any:
    if name == "app":
        from importlib import import_module

        from venue_cli.cli.typer_app import app

        for module in dict.fromkeys(COMMANDS.values()):
            import_module(f"venue_cli.cli.{module}")
        globals()["app"] = app
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMANDS", "app", "main"]
