"""`venues rank`, `venues explain` and `venues compare`."""

from __future__ import annotations

from typing import Annotated

import typer

from venue_cli.cli import completion, scored
from venue_cli.cli.options import ScoringOptions
from venue_cli.cli.output import emit
from venue_cli.cli.typer_app import app, examples, handles_errors
from venue_cli.cli.typer_options import scoring_options


@app.command(
    epilog=examples(
        "venues rank",
        "venues rank --as-of 2025-09-05 --format json",
        'venues rank --assume "russia accepts geneva"',
    )
)
@handles_errors
@scoring_options()
def rank(opts: ScoringOptions) -> None:
    """Rank the candidate venues.

    Shows each venue's joint score and probability of being chosen (both conditional on a
    meeting taking place), each party's latest stance and its date, and vetoes. On a narrow
    terminal the table sheds the bars, then the main obstacle, then the mediators' columns,
    then becomes a stacked list.
    """
    emit(opts.fmt, *scored.rank(opts))


@app.command(
    epilog=examples(
        "venues explain türkiye",
        "venues explain vatican",
        "venues explain gulf",
        "venues explain moscow --as-of 2025-09-05 --format json",
    )
)
@handles_errors
@scoring_options()
def explain(
    venue: Annotated[
        str,
        typer.Argument(
            help="A venue: id, name, city, country or alias, in any case and with or without "
            "accents (Türkiye, turkey, vatican, UAE); a group such as 'gulf' explains each of "
            "its venues.",
            autocompletion=completion.venues,
            show_default=False,
            metavar="VENUE",
        ),
    ],
    opts: ScoringOptions,
) -> None:
    """Explain one venue's score.

    Shows the stances with quotes and sources, every term of each party's utility (each piece
    of stance evidence, the criteria with their rules, the momentum) adding up to the score,
    the obstacles and what would remove them, and the stated positions and facts.
    """
    emit(opts.fmt, *scored.explain(venue, opts))


@app.command(
    epilog=examples(
        "venues compare istanbul geneva", "venues compare riyadh doha vatican --format json"
    )
)
@handles_errors
@scoring_options(party=False)
def compare(
    venues: Annotated[
        list[str],
        typer.Argument(
            help="Two or more venues (ids, names or aliases).",
            autocompletion=completion.venues,
            show_default=False,
            metavar="VENUE...",
        ),
    ],
    opts: ScoringOptions,
) -> None:
    """Compare venues side by side.

    Shows each party's terms for each venue, and marks the three that differ most.
    """
    emit(opts.fmt, *scored.compare(venues, opts))
