"""`venues rank`, `venues explain` and `venues compare`."""

from typing import Annotated

import typer

from venue_cli.cli.app import app, handles_errors
from venue_cli.cli.options import (
    AsOfOpt,
    AssumeOpt,
    CaseOpt,
    DataOpt,
    FormatOpt,
    MethodOpt,
    PartyOpt,
    ScenarioOpt,
    WeightOpt,
    _as_of,
    _complete_venue,
    _load_dataset,
    _score,
)
from venue_cli.cli.output import (
    OutputFormat,
    _ascii_bars,
    _emit,
    _emit_view,
    _notice,
    _resolve_format,
)


@app.command(
    epilog="Examples:  venues rank  ·  venues rank --as-of 2025-09-05 --format json  ·  "
    'venues rank --assume "russia accepts geneva"'
)
@handles_errors
def rank(
    data: DataOpt = None,
    case: CaseOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    weight: WeightOpt = None,
    assume: AssumeOpt = None,
    scenario: ScenarioOpt = None,
    method: MethodOpt = "nash",
    party: PartyOpt = None,
) -> None:
    """Rank the candidate venues: joint score, each principal's latest stance, vetoes."""
    ds = _load_dataset(data, case)
    day = _as_of(ds, as_of)
    ranking = _score(
        ds, day, method=method, weight=weight, assume=assume, scenario=scenario, party=party
    )
    from venue_cli.render import rank as r
    from venue_cli.views import rank_view

    view = rank_view(ranking)
    _emit_view(fmt, view, r)


@app.command(
    epilog="Examples:  venues explain türkiye  ·  venues explain vatican  ·  "
    "venues explain gulf  ·  venues explain moscow --as-of 2025-09-05 --format json"
)
@handles_errors
def explain(
    venue: Annotated[
        str,
        typer.Argument(
            help="A venue: id, name, city, country or alias, any case or accents "
            "(Türkiye, turkey, vatican, UAE); 'gulf' shows the three Gulf states.",
            autocompletion=_complete_venue,
            show_default=False,
        ),
    ],
    data: DataOpt = None,
    case: CaseOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    weight: WeightOpt = None,
    assume: AssumeOpt = None,
    scenario: ScenarioOpt = None,
    method: MethodOpt = "nash",
    party: PartyOpt = None,
) -> None:
    """Explain one venue's score: stances with quotes, criteria with rules, obstacles."""
    from venue_cli.names import resolve_venues

    ds = _load_dataset(data, case)
    ids = resolve_venues(ds, venue)
    day = _as_of(ds, as_of)
    ranking = _score(
        ds, day, method=method, weight=weight, assume=assume, scenario=scenario, party=party
    )
    from venue_cli.render import explain as e
    from venue_cli.views import explain_view

    views = [explain_view(ranking, i) for i in ids]
    if _resolve_format(fmt) is OutputFormat.CSV:
        _notice("explain has no CSV form; writing Markdown")
    _emit(
        fmt,
        views[0] if len(views) == 1 else {"venues": views},
        csv=lambda: "\n".join(e.markdown(v) for v in views),
        markdown=lambda: "\n".join(e.markdown(v) for v in views),
        plain=lambda: "\n".join(e.plain(v) for v in views),
        table=lambda: [part for v in views for part in e.table(v, _ascii_bars())],
    )


@app.command(
    epilog="Examples:  venues compare istanbul geneva  ·  "
    "venues compare riyadh doha vatican --format json"
)
@handles_errors
def compare(
    venues: Annotated[
        list[str],
        typer.Argument(
            help="Two or more venues (names or aliases).",
            autocompletion=_complete_venue,
            show_default=False,
        ),
    ],
    data: DataOpt = None,
    case: CaseOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    weight: WeightOpt = None,
    assume: AssumeOpt = None,
    scenario: ScenarioOpt = None,
    method: MethodOpt = "nash",
) -> None:
    """Compare venues side by side, per party and criterion; decisive differences marked."""
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.names import resolve_venues
    from venue_cli.render import compare as r

    ds = _load_dataset(data, case)
    ids: list[str] = []
    for name in venues:
        for vid in resolve_venues(ds, name):
            if vid not in ids:
                ids.append(vid)
    if len(ids) < 2:
        raise InvalidArgumentError("compare needs at least two different venues")
    day = _as_of(ds, as_of)
    ranking = _score(ds, day, method=method, weight=weight, assume=assume, scenario=scenario)
    view = r.compare_view(ranking, ids)
    _emit_view(fmt, view, r)
