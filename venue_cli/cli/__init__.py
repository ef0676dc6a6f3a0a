"""The `venues` command line (Typer). `app` is the application; `main` the entry point.

Commands live in modules by theme, registered in the order `venues --help` lists them:
scoring_commands (rank, explain, compare), time_commands (timeline, changes),
analysis_commands (sensitivity, backtest, report) and data_commands (validate, schema,
init, cases, sources, scenarios).
"""

from importlib import import_module

from venue_cli.cli.app import app, main
from venue_cli.cli.options import _complete_venue

for _module in ("scoring_commands", "time_commands", "analysis_commands", "data_commands"):
    import_module(f"venue_cli.cli.{_module}")

__all__ = ["_complete_venue", "app", "main"]
