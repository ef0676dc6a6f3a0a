"""The `venues` command line (Typer). `app` is the application; `main` the entry point.

Commands live in modules by theme, registered in the order `venues --help` lists them:
scoring (rank, explain, compare), time (timeline, changes), analysis (sensitivity, backtest,
report, calibrate) and data (validate, schema, init, upgrade, cases, sources, scenarios,
docs). This package is the only one that prints or exits.
"""

from importlib import import_module

from venue_cli.cli.app import app, main

for _module in ("scoring", "time", "analysis", "data"):
    import_module(f"venue_cli.cli.{_module}")

__all__ = ["app", "main"]
