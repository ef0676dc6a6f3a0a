"""`venues timeline` and `venues changes`: the record over time."""

from typing import Annotated

import typer

from venue_cli.cli.app import app, handles_errors
from venue_cli.cli.options import (
    CaseOpt,
    DataOpt,
    FormatOpt,
    MethodOpt,
    _as_of,
    _complete_venue,
    _load_dataset,
    _parse_date,
    _score,
)
from venue_cli.cli.output import (
    _emit,
)


@app.command(
    epilog="Examples:  venues timeline --venue moscow  ·  "
    "venues timeline --party russia --since 2025-09-01 --format csv"
)
@handles_errors
def timeline(
    party: Annotated[
        str | None, typer.Option("--party", "-p", help="Only this party.", show_default=False)
    ] = None,
    venue: Annotated[
        str | None,
        typer.Option(
            "--venue",
            "-v",
            help="Only this venue (or group).",
            show_default=False,
            autocompletion=_complete_venue,
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD).", show_default=False)
    ] = None,
    data: DataOpt = None,
    case: CaseOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """List statements and events in date order: who said what about which venue."""
    from venue_cli.names import resolve_party, resolve_venues
    from venue_cli.render import timeline as t
    from venue_cli.timeline import timeline as build

    ds = _load_dataset(data, case)
    d1, d2 = _parse_date(since), _parse_date(until)
    entries = build(
        ds,
        party=resolve_party(ds, party) if party else None,
        venues=resolve_venues(ds, venue) if venue else (),
        since=d1,
        until=d2,
    )
    _emit(
        fmt,
        t.view(ds, entries),
        csv=lambda: t.csv(entries),
        markdown=lambda: t.markdown(entries),
        plain=lambda: t.plain(entries),
        table=lambda: t.table(ds, entries),
    )


@app.command(epilog="Example:  venues changes --from 2025-09-05 --to 2025-10-31")
@handles_errors
def changes(
    date_from: Annotated[
        str, typer.Option("--from", help="Earlier day (YYYY-MM-DD).", show_default=False)
    ],
    date_to: Annotated[
        str | None,
        typer.Option("--to", help="Later day (YYYY-MM-DD). Default: today.", show_default=False),
    ] = None,
    data: DataOpt = None,
    case: CaseOpt = None,
    fmt: FormatOpt = None,
    method: MethodOpt = "nash",
) -> None:
    """Show how the ranking moved between two dates, and the records that moved it."""
    from venue_cli.render import timeline as t
    from venue_cli.timeline import changes as diff

    ds = _load_dataset(data, case)
    d1 = _as_of(ds, date_from)
    d2 = _as_of(ds, date_to)
    if d2 < d1:
        from venue_cli.errors import InvalidArgumentError

        raise InvalidArgumentError(f"--to {d2} is before --from {d1}")
    before = _score(ds, d1, method=method)
    after = _score(ds, d2, method=method)
    moved = diff(before, after)
    _emit(
        fmt,
        t.changes_view(before, after, moved),
        csv=lambda: t.changes_csv(moved),
        markdown=lambda: t.changes_markdown(d1, d2, moved),
        plain=lambda: t.changes_plain(d1, d2, moved),
    )
