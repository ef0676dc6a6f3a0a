"""Options shared by the commands, and the one sequence every scoring command runs: load the
dataset, read the date, apply the what-if options, score.

`@scoring_options` gives a command the scoring options (`--data`, `--case`, `--as-of`,
`--format`, `--weight`, `--assume`, `--scenario`, `--method`, and `--party` where asked) and
passes them as one `ScoringOptions`; `score(opts)` runs the sequence.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from venue_cli.cli import completion
from venue_cli.cli.app import no_pager
from venue_cli.cli.output import OutputFormat, notice
from venue_cli.errors import InvalidArgumentError, UnknownNameError

if TYPE_CHECKING:
    from venue_cli.model.params import Method
    from venue_cli.model.ranking import Ranking
    from venue_cli.records import Dataset

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
STALE_DAYS = 90


def today() -> dt.date:
    """Today, or VENUES_TODAY (YYYY-MM-DD) when set: tests and reproducible runs pin it."""
    pinned = os.environ.get("VENUES_TODAY")
    if pinned:
        return parse_date(pinned, "VENUES_TODAY") or dt.date.today()
    return dt.date.today()


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    """A YYYY-MM-DD date (years 1000–9999), or a usage error naming the option."""
    if value is None:
        return None
    m = _DATE.fullmatch(value.strip())
    if not m or not 1000 <= int(m.group(1)) <= 9999:
        raise typer.BadParameter(
            f"'{value}' is not a date; write it YYYY-MM-DD (years 1000–9999)",
            param_hint=f"'{option}'",
        )
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' is not a real calendar date", param_hint=f"'{option}'"
        ) from None


DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Dataset file to use instead of the bundled case ('-' reads standard input). "
        "Environment: VENUES_DATA.",
        show_default=False,
        metavar="FILE",
    ),
]
CaseOpt = Annotated[
    str | None,
    typer.Option(
        "--case",
        help="A bundled case by name (see 'venues cases').",
        show_default=False,
        metavar="NAME",
        autocompletion=completion.cases,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Score as of this day (YYYY-MM-DD): only statements dated on or before it count. "
        "Default: today (environment: VENUES_TODAY).",
        show_default=False,
        metavar="DATE",
    ),
]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table, plain, json, csv or markdown. Default: table on a "
        "terminal, plain text when piped.",
        show_default=False,
        case_sensitive=False,
        metavar="FORMAT",
    ),
]
PagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Write straight to the terminal: no pager for long output (environment: "
        "VENUES_PAGER, PAGER).",
        callback=no_pager,
    ),
]
WeightOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        "-w",
        help="Override a weight: CRITERION=VALUE for every party, PARTY.CRITERION=VALUE, or "
        "PARTY=VALUE for a party's weight in the joint score. Repeatable.",
        show_default=False,
        metavar="SPEC",
    ),
]
AssumeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--assume",
        "-a",
        help='Assume a stance, as "PARTY STANCE VENUE" (e.g. "russia accepts geneva"). Repeatable.',
        show_default=False,
        metavar="TEXT",
    ),
]
ScenarioOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario",
        "-s",
        help="Apply a bundled scenario (see 'venues scenarios') or a scenario file. Repeatable.",
        show_default=False,
        metavar="NAME",
        autocompletion=completion.scenarios,
    ),
]
MethodOpt = Annotated[
    str,
    typer.Option(
        "--method",
        "-m",
        help="How parties' utilities combine: nash (weighted geometric mean), utilitarian "
        "(weighted mean) or maximin (the worst-off party).",
        metavar="METHOD",
        autocompletion=completion.methods,
    ),
]
PartyOpt = Annotated[
    str | None,
    typer.Option(
        "--party",
        "-p",
        help="Rank by this party's utility alone (its perspective): an id, name or alias.",
        show_default=False,
        metavar="PARTY",
        autocompletion=completion.parties,
    ),
]


@dataclass(frozen=True)
class ScoringOptions:
    """The options every scoring command takes, as one object."""

    data: Path | None = None
    case: str | None = None
    as_of: str | None = None
    fmt: OutputFormat | None = None
    weight: list[str] = field(default_factory=list)
    assume: list[str] = field(default_factory=list)
    scenario: list[str] = field(default_factory=list)
    method: str = "nash"
    party: str | None = None


#: Options a command accepts whose value acts through their callback, not the command.
CALLBACK_ONLY = ("no_pager",)

_COMMON: list[tuple[str, Any, Any]] = [
    ("data", DataOpt, None),
    ("case", CaseOpt, None),
    ("as_of", AsOfOpt, None),
    ("fmt", FormatOpt, None),
    ("weight", WeightOpt, None),
    ("assume", AssumeOpt, None),
    ("scenario", ScenarioOpt, None),
    ("method", MethodOpt, "nash"),
]


def scoring_options(*, party: bool = True, fmt: bool = True) -> Callable[[Callable[..., Any]], Any]:
    """Give a command the scoring options; it receives them as `opts: ScoringOptions`.

    The command's own parameters come first in its help; the shared ones follow."""
    common = list(_COMMON)
    if not fmt:
        common = [c for c in common if c[0] != "fmt"]
    if party:
        common.append(("party", PartyOpt, None))
    if fmt:
        common.append(("no_pager", PagerOpt, False))

    def wrap(fn: Callable[..., Any]) -> Any:
        own = inspect.signature(fn, eval_str=True)
        params = [p for p in own.parameters.values() if p.name != "opts"]
        names = {n for n, _a, _d in common}

        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> Any:
            shared = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
            for key in CALLBACK_ONLY:
                shared.pop(key, None)
            for key in ("weight", "assume", "scenario"):
                shared[key] = list(shared.get(key) or [])
            return fn(opts=ScoringOptions(**shared), **kwargs)

        extra = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
            for n, a, d in common
        ]
        wrapper.__signature__ = own.replace(  # type: ignore[attr-defined]
            parameters=[p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params] + extra,
            return_annotation=None,
        )
        hints = {p.name: p.annotation for p in params}
        hints.update({n: a for n, a, _d in common})
        wrapper.__annotations__ = {**hints, "return": None}
        return wrapper

    return wrap


# --------------------------------------------------------------------------- the sequence


def dataset_path(data: Path | None, case: str | None) -> Path:
    """Which dataset to use: --data beats --case beats VENUES_DATA beats the bundled case."""
    from venue_cli.load import BUNDLED_CASE, bundled_cases
    from venue_cli.names import closest_names

    if data is not None and case is not None:
        raise InvalidArgumentError("give either --data FILE or --case NAME, not both")
    if data is not None:
        return data
    if case is not None:
        cases = bundled_cases()
        if case not in cases:
            raise UnknownNameError(
                "case",
                case,
                closest_names(case, cases),
                known=list(cases),
            )
        return cases[case]
    env = os.environ.get("VENUES_DATA")
    return Path(env) if env else bundled_cases()[BUNDLED_CASE]


def load(data: Path | None, case: str | None) -> Dataset:
    from venue_cli.load import load_dataset

    return load_dataset(dataset_path(data, case), notice=notice)


def as_of(ds: Dataset, value: str | None, option: str = "--as-of") -> dt.date:
    day = parse_date(value, option)
    now = today()
    if day is None:
        return now
    first = ds.first_date
    if first is not None and day < first:
        notice(f"{day} is before the first record ({first}); nothing had been said yet.")
    if day > now:
        notice(f"{day} is after today ({now}); records end at {ds.last_date}.")
    return day


def method_of(value: str) -> Method:
    from venue_cli.model.params import Method

    try:
        return Method(value.lower())
    except ValueError:
        choices = ", ".join(m.value for m in Method)
        raise typer.BadParameter(
            f"'{value}' is not a method; choose one of {choices}", param_hint="'--method'"
        ) from None


def staleness(ds: Dataset, day: dt.date) -> list[str]:
    """A warning when the date scored is long after the newest record."""
    last = ds.last_date
    if last is not None and (day - last).days > STALE_DAYS:
        return [
            f"the newest record is from {last.isoformat()}, {(day - last).days} days before "
            f"{day.isoformat()}: the ranking may describe a situation that has changed"
        ]
    return []


@dataclass(frozen=True)
class Scored:
    dataset: Dataset
    day: dt.date
    ranking: Ranking
    warnings: list[str]


def score(opts: ScoringOptions, *, party: str | None = None) -> Scored:
    """Load the dataset, read the date, apply the what-if options, and rank."""
    from venue_cli.model.ranking import Weights, rank_venues
    from venue_cli.names import resolve_party

    method = method_of(opts.method)
    ds = load(opts.data, opts.case)
    day = as_of(ds, opts.as_of)
    if opts.weight or opts.assume or opts.scenario:
        from venue_cli.model.whatif import apply_whatif

        w = apply_whatif(
            ds, day, weights=opts.weight, assumptions=opts.assume, scenarios=opts.scenario
        )
        ds2, weights, labels = w.dataset, w.weights, w.labels
    else:
        ds2, weights, labels = ds, Weights.from_dataset(ds), ()
    who = party if party is not None else opts.party
    perspective = resolve_party(ds2, who) if who else None
    ranking = rank_venues(
        ds2, day, method=method, weights=weights, perspective=perspective, assumptions=labels
    )
    warnings = staleness(ds, day)
    for w_ in warnings:
        notice(w_)
    return Scored(ds, day, ranking, warnings)
