"""The documents of every command (`--format json`), built from the core's results.

One module per family: `core` (rank, explain, sensitivity), `compare`, `timeline`
(timeline, changes), `sources`, `backtest` and `catalog` (cases, scenarios). The shapes are
the TypedDicts of `views.types`; the renderers in `venue_cli.render` draw every other format
from the same documents.
"""

from venue_cli.views.types import VIEW_SCHEMA_VERSION

__all__ = ["VIEW_SCHEMA_VERSION"]
