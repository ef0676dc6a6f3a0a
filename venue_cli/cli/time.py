"""`venues timeline` and `venues changes`: the record over time."""

from __future__ import annotations

from typing import Annotated

import typer

from venue_cli.cli import completion
from venue_cli.cli.options import as_of, load, method_of, parse_date, today
from venue_cli.cli.output import emit
from venue_cli.cli.typer_app import app, examples, handles_errors
from venue_cli.cli.typer_options import CaseOpt, DataOpt, FormatOpt, MethodOpt, PagerOpt

SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        "--from",
        help="From this day (YYYY-MM-DD); --from is the same.",
        show_default=False,
        metavar="DATE",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until",
        "--to",
        help="Up to this day (YYYY-MM-DD); --to is the same.",
        show_default=False,
        metavar="DATE",
    ),
]


@app.command(
    epilog=examples(
        "venues timeline --venue moscow",
        "venues timeline --party russia --since 2025-09-01 --format csv",
    )
)
@handles_errors
def timeline(
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            "-p",
            help="Only this party (an id, name or alias).",
            show_default=False,
            metavar="PARTY",
            autocompletion=completion.parties,
        ),
    ] = None,
    venue: Annotated[
        str | None,
        typer.Option(
            "--venue",
            "-v",
            help="Only this venue, or a group such as 'gulf'.",
            show_default=False,
            metavar="VENUE",
            autocompletion=completion.venues,
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    data: DataOpt = None,
    case: CaseOpt = None,
    fmt: FormatOpt = None,
    no_pager: PagerOpt = False,
) -> None:
    """List statements and events in date order.

    Who said what about which venue, with the quote and its source; filter by party, venue
    and dates.
    """
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.names import resolve_party, resolve_venues
    from venue_cli.render import timeline as renderer
    from venue_cli.timeline import timeline as build
    from venue_cli.views.timeline import timeline_view

    ds = load(data, case)
    d1, d2 = parse_date(since, "--since"), parse_date(until, "--until")
    if d1 and d2 and d2 < d1:
        raise InvalidArgumentError(f"--until {d2} is before --since {d1}")
    entries = build(
        ds,
        party=resolve_party(ds, party) if party else None,
        venues=resolve_venues(ds, venue) if venue else (),
        since=d1,
        until=d2,
    )
    emit(fmt, timeline_view(ds, entries), renderer)


@app.command(
    epilog=examples(
        "venues changes --since 2025-09-05 --until 2025-10-31",
        "venues changes --from 2025-09-05 --to 2025-10-31 --format json",
    )
)
@handles_errors
def changes(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            "--from",
            help="The earlier day (YYYY-MM-DD); --from is the same.",
            show_default=False,
            metavar="DATE",
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            "--to",
            help="The later day (YYYY-MM-DD); --to is the same. Default: today.",
            show_default=False,
            metavar="DATE",
        ),
    ] = None,
    data: DataOpt = None,
    case: CaseOpt = None,
    fmt: FormatOpt = None,
    method: MethodOpt = "nash",
    no_pager: PagerOpt = False,
) -> None:
    """Show how the ranking moved between two dates.

    Lists each venue whose rank or score changed, and the statements, facts or events dated in
    between that moved it.
    """
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.model.ranking import rank_venues
    from venue_cli.render import changes as renderer
    from venue_cli.timeline import changes as diff
    from venue_cli.views.timeline import changes_view

    ds = load(data, case)
    d1 = as_of(ds, since, "--since")
    d2 = as_of(ds, until, "--until") if until else today()
    if d2 < d1:
        raise InvalidArgumentError(f"--until {d2} is before --since {d1}")
    m = method_of(method)
    before = rank_venues(ds, d1, method=m)
    after = rank_venues(ds, d2, method=m)
    emit(fmt, changes_view(before, after, diff(before, after)), renderer)
