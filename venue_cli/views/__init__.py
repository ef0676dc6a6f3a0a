"""The documents of every command (`--format json`), built from the core's results.

One module per family: `core` (rank, explain, sensitivity), `compare`, `timeline`
(timeline, changes), `sources`, `backtest` and `catalog` (cases, scenarios). The shapes are
the TypedDicts of `views.types`, which only type checkers read (building 40 TypedDicts costs
start-up time); the renderers in `venue_cli.render` draw every other format from the same
documents.
"""

#: The version of every document's shape (`schema_version`); see `views.types`.
VIEW_SCHEMA_VERSION = 1

#: What every scored document says about its scores.
CONDITIONAL = (
    "scores and probabilities are conditional on a meeting taking place: they say where, "
    "not whether"
)

__all__ = ["CONDITIONAL", "VIEW_SCHEMA_VERSION"]
