"""Options shared by the commands, and the steps every scoring command takes: load the
dataset, read the date, apply the what-if options, score."""

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from venue_cli.cli.output import OutputFormat, _notice
from venue_cli.errors import VenueError

if TYPE_CHECKING:
    from venue_cli.model import Dataset
    from venue_cli.params import Method
    from venue_cli.scoring import Ranking


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date; expected YYYY-MM-DD") from None


def _complete_venue(incomplete: str) -> list[str]:
    """Shell completion for venue names and aliases (bundled case, or VENUES_DATA)."""
    try:
        ds = _load_dataset(None, None)
    except VenueError:
        return []
    from venue_cli.names import normalise

    typed = normalise(incomplete)
    out = set()
    names = [
        n for v in ds.venues.values() for n in (v.id, v.name, v.city, v.country_name, *v.aliases)
    ]
    names += [g for v in ds.venues.values() for g in v.groups]
    for name in names:
        key = normalise(name)
        if not key.startswith(typed):
            continue
        # Shells keep only candidates that start with the typed text exactly: offer the
        # dataset's spelling when it does, else the typed text completed from the folded
        # name ('tur' -> 'turkey'), which `explain` accepts all the same.
        if name.startswith(incomplete) and " " not in name:
            out.add(name)
        elif len(typed) == len(incomplete):
            out.add(incomplete + key[len(typed) :].replace(" ", "-"))
    shell_safe = {c for c in out if all(ch.isalnum() or ch == "-" for ch in c)}
    return sorted(c for c in shell_safe if c.startswith(incomplete)) or sorted(shell_safe)


DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Dataset file to use instead of the bundled case. [env var: VENUES_DATA]",
        show_default=False,
        dir_okay=True,
    ),
]
CaseOpt = Annotated[
    str | None,
    typer.Option("--case", help="A bundled case by name (see `venues cases`).", show_default=False),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Score as of this day (YYYY-MM-DD): only statements dated on or before it count. "
        "Default: today.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, plain text when piped.",
        show_default=False,
        case_sensitive=False,
    ),
]
WeightOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        "-w",
        help="Override a criterion weight: CRITERION=VALUE for every party, or "
        "PARTY.CRITERION=VALUE; PARTY=VALUE sets a party's weight in the joint score. Repeatable.",
        show_default=False,
    ),
]
AssumeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--assume",
        "-a",
        help='Assume a stance, as "PARTY STANCE VENUE" (e.g. "russia accepts geneva"). Repeatable.',
        show_default=False,
    ),
]
ScenarioOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario",
        "-s",
        help="Apply a bundled scenario by name (see `venues scenarios`) or a scenario FILE. "
        "Repeatable.",
        show_default=False,
    ),
]
MethodOpt = Annotated[
    str,
    typer.Option(
        "--method",
        "-m",
        help="How parties' utilities combine: nash (weighted geometric mean), utilitarian "
        "(weighted mean) or maximin (worst-off party).",
    ),
]
PartyOpt = Annotated[
    str | None,
    typer.Option(
        "--party",
        "-p",
        help="Rank by this party's utility alone (its perspective).",
        show_default=False,
    ),
]


def _dataset_path(data: Path | None, case: str | None) -> Path:
    """Which dataset to use: --data beats --case beats VENUES_DATA beats the bundled case."""
    from venue_cli.errors import InvalidArgumentError, UnknownNameError
    from venue_cli.load import BUNDLED_CASE, bundled_cases
    from venue_cli.names import suggest

    if data is not None and case is not None:
        raise InvalidArgumentError("give either --data FILE or --case NAME, not both")
    if data is not None:
        return data
    if case is not None:
        cases = bundled_cases()
        if case not in cases:
            raise UnknownNameError("case", case, suggest(case, cases))
        return cases[case]
    env = os.environ.get("VENUES_DATA")
    return Path(env) if env else bundled_cases()[BUNDLED_CASE]


def _load_dataset(data: Path | None, case: str | None) -> "Dataset":
    from venue_cli.load import load_dataset

    return load_dataset(_dataset_path(data, case))


def _as_of(ds: "Dataset", value: str | None) -> dt.date:
    day = _parse_date(value)
    today = dt.date.today()
    if day is None:
        return today
    first = ds.first_date
    if first is not None and day < first:
        _notice(f"{day} is before the first record ({first}); nothing had been said yet.")
    if day > today:
        _notice(f"{day} is after today ({today}); records end at {ds.last_date}.")
    return day


def _method(value: str) -> "Method":
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.params import Method

    try:
        return Method(value.lower())
    except ValueError:
        choices = ", ".join(m.value for m in Method)
        raise InvalidArgumentError(f"unknown method '{value}'; choose one of {choices}") from None


def _score(
    ds: "Dataset",
    as_of: dt.date,
    *,
    method: str = "nash",
    weight: list[str] | None = None,
    assume: list[str] | None = None,
    scenario: list[str] | None = None,
    party: str | None = None,
) -> "Ranking":
    """Apply what-if options to the dataset and rank it."""
    from venue_cli.names import resolve_party
    from venue_cli.scoring import Weights, rank_venues

    if weight or assume or scenario:
        from venue_cli.whatif import apply_whatif

        ds2, weights, labels = apply_whatif(
            ds, as_of, weights=weight or [], assumptions=assume or [], scenarios=scenario or []
        )
    else:
        ds2, weights, labels = ds, Weights.from_dataset(ds), ()
    perspective = resolve_party(ds2, party) if party else None
    return rank_venues(
        ds2,
        as_of,
        method=_method(method),
        weights=weights,
        perspective=perspective,
        assumptions=labels,
    )
