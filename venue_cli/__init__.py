"""venues: rank and explain candidate summit venues from dated, sourced records.

The Python API, for notebooks and scripts (the CLI is built on it)::

    import datetime as dt
    import venue_cli as venues

    ds = venues.load_dataset(venues.bundled_cases()["putin-zelensky"])
    ranking = venues.rank(ds, dt.date(2025, 9, 5))
    top = ranking.scores[0]
    top.venue.name, top.joint, top.probability
    venues.explain(ranking, "istanbul")["parties"][0]["evidence"]   # the JSON document
    venues.run_sensitivity(ranking, samples=2_000, seed=1).headline()

Names are imported on first use, so `import venue_cli` costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
    "Dataset",
    "DatasetError",
    "Params",
    "Ranking",
    "VenueError",
    "__version__",
    "apply_whatif",
    "backtest",
    "bundled_cases",
    "calibrate",
    "explain",
    "load_dataset",
    "parse_dataset",
    "rank",
    "run_sensitivity",
    "stability_intervals",
]

if TYPE_CHECKING:
    from venue_cli.errors import DatasetError, VenueError
    from venue_cli.load import bundled_cases, load_dataset, parse_dataset
    from venue_cli.model.backtest import backtest_case as backtest
    from venue_cli.model.calibrate import calibrate
    from venue_cli.model.params import Params
    from venue_cli.model.ranking import Ranking
    from venue_cli.model.ranking import rank_venues as rank
    from venue_cli.model.sensitivity import run_sensitivity, stability_intervals
    from venue_cli.model.whatif import apply_whatif
    from venue_cli.records import Dataset
    from venue_cli.views.core import explain_view as explain

_WHERE = {
    "Dataset": ("venue_cli.records", "Dataset"),
    "DatasetError": ("venue_cli.errors", "DatasetError"),
    "VenueError": ("venue_cli.errors", "VenueError"),
    "Params": ("venue_cli.model.params", "Params"),
    "Ranking": ("venue_cli.model.ranking", "Ranking"),
    "apply_whatif": ("venue_cli.model.whatif", "apply_whatif"),
    "backtest": ("venue_cli.model.backtest", "backtest_case"),
    "bundled_cases": ("venue_cli.load", "bundled_cases"),
    "calibrate": ("venue_cli.model.calibrate", "calibrate"),
    "explain": ("venue_cli.views.core", "explain_view"),
    "load_dataset": ("venue_cli.load", "load_dataset"),
    "parse_dataset": ("venue_cli.load", "parse_dataset"),
    "rank": ("venue_cli.model.ranking", "rank_venues"),
    "run_sensitivity": ("venue_cli.model.sensitivity", "run_sensitivity"),
    "stability_intervals": ("venue_cli.model.sensitivity", "stability_intervals"),
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        module, attr = _WHERE[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'venue_cli' has no attribute {name!r}")
