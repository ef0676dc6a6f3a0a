"""What `venues rank`, `explain` and `compare` show: each takes the parsed options (and its
venues) and returns the document and the renderer that draws it.

No Typer here: the Typer commands (`venue_cli.cli.scoring`) and the fast path
(`venue_cli.cli.fast`) run this same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.cli.options import ScoringOptions, score

#: A document and its renderer module, for `venue_cli.cli.output.emit`.
Output = tuple[Mapping[str, Any], Any]


def rank(opts: ScoringOptions) -> Output:
    from venue_cli.render import rank as renderer
    from venue_cli.views.core import rank_view

    s = score(opts)
    return rank_view(s.ranking, s.warnings), renderer


def explain(venue: str, opts: ScoringOptions) -> Output:
    from venue_cli.names import resolve_venues
    from venue_cli.render import explain as renderer
    from venue_cli.views.core import explain_view

    s = score(opts)
    ids = resolve_venues(s.ranking.dataset, venue)
    return explain_view(s.ranking, list(ids), s.warnings), renderer


def compare(venues: list[str], opts: ScoringOptions) -> Output:
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.names import resolve_venues
    from venue_cli.render import compare as renderer
    from venue_cli.views.compare import compare_view

    s = score(opts)
    ids: list[str] = []
    for name in venues:
        for vid in resolve_venues(s.ranking.dataset, name):
            if vid not in ids:
                ids.append(vid)
    if len(ids) < 2:
        raise InvalidArgumentError("compare needs at least two different venues")
    return compare_view(s.ranking, ids, s.warnings), renderer
