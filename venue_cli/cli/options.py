"""The options shared by the commands, declared once, and the one sequence every scoring
command runs: load the dataset, read the date, apply the what-if options, score.

Each option is an `Option` of the table below: Typer registers it from there
(`venue_cli.cli.typer_options`), and so does the fast path, which parses simple command
lines without Typer (`venue_cli.cli.fast`). `scoring_option_list` is what a scoring command
takes (`--data`, `--case`, `--as-of`, `--format`, `--weight`, `--assume`, `--scenario`,
`--method`, and `--party` where asked), passed as one `ScoringOptions`; `score(opts)` runs
the sequence. Nothing here imports Typer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, NamedTuple, get_args, get_origin

from venue_cli.cli.output import OutputFormat, no_pager, notice
from venue_cli.errors import InvalidArgumentError, UnknownNameError

if TYPE_CHECKING:
    from venue_cli.model.params import Method
    from venue_cli.model.ranking import Ranking
    from venue_cli.records import Dataset

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
STALE_DAYS = 90


def bad_parameter(message: str, option: str) -> Exception:
    """A usage error naming the option (Click's BadParameter: 'Invalid value for ...')."""
    from typer import BadParameter  # only on an error: the fast path then hands over

    return BadParameter(message, param_hint=f"'{option}'")


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
        raise bad_parameter(
            f"'{value}' is not a date; write it YYYY-MM-DD (years 1000–9999)", option
        )
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise bad_parameter(f"'{value}' is not a real calendar date", option) from None


# --------------------------------------------------------------------------- the options


# NamedTuples rather than dataclasses here: a dataclass costs a millisecond or two to make,
# and these modules are imported by every run.


class Option(NamedTuple):
    """One option: its parameter name, its flags, the Python type its value converts to
    (`bool`: a flag; `list[...]`: repeatable) and its help; the rest as typer.Option takes
    it."""

    name: str
    flags: tuple[str, ...]
    type: Any
    help: str
    default: Any = None
    metavar: str | None = None
    show_default: bool = True
    case_sensitive: bool = True
    completion: str | None = None  # a function of venue_cli.cli.completion
    callback: Callable[[bool], None] | None = None

    @property
    def is_flag(self) -> bool:
        return self.type is bool

    @property
    def multiple(self) -> bool:
        return get_origin(self.value_type()) is list

    def value_type(self) -> Any:
        """The type without `| None`."""
        args = [a for a in get_args(self.type) if a is not NoneType]
        return args[0] if isinstance(self.type, UnionType) and len(args) == 1 else self.type

    def item_type(self) -> Any:
        """What each value converts to: the type, or a repeatable option's item type."""
        t = self.value_type()
        return get_args(t)[0] if get_origin(t) is list else t


DATA = Option(
    "data",
    ("--data",),
    Path | None,
    "Dataset file to use instead of the bundled case ('-' reads standard input). "
    "Environment: VENUES_DATA.",
    show_default=False,
    metavar="FILE",
)
CASE = Option(
    "case",
    ("--case",),
    str | None,
    "A bundled case by name (see 'venues cases').",
    show_default=False,
    metavar="NAME",
    completion="cases",
)
AS_OF = Option(
    "as_of",
    ("--as-of",),
    str | None,
    "Score as of this day (YYYY-MM-DD): only statements dated on or before it count. "
    "Default: today (environment: VENUES_TODAY).",
    show_default=False,
    metavar="DATE",
)
FORMAT = Option(
    "fmt",
    ("--format", "-f"),
    OutputFormat | None,
    "Output format: table, plain, json, csv or markdown. Default: table on a terminal, "
    "plain text when piped.",
    show_default=False,
    case_sensitive=False,
    metavar="FORMAT",
)
NO_PAGER = Option(
    "no_pager",
    ("--no-pager",),
    bool,
    "Write straight to the terminal: no pager for long output (environment: VENUES_PAGER, PAGER).",
    default=False,
    callback=no_pager,
)
WEIGHT = Option(
    "weight",
    ("--weight", "-w"),
    list[str] | None,
    "Override a weight: CRITERION=VALUE for every party, PARTY.CRITERION=VALUE, or "
    "PARTY=VALUE for a party's weight in the joint score. Repeatable.",
    show_default=False,
    metavar="SPEC",
)
ASSUME = Option(
    "assume",
    ("--assume", "-a"),
    list[str] | None,
    'Assume a stance, as "PARTY STANCE VENUE" (e.g. "russia accepts geneva"). Repeatable.',
    show_default=False,
    metavar="TEXT",
)
SCENARIO = Option(
    "scenario",
    ("--scenario", "-s"),
    list[str] | None,
    "Apply a bundled scenario (see 'venues scenarios') or a scenario file. Repeatable.",
    show_default=False,
    metavar="NAME",
    completion="scenarios",
)
METHOD = Option(
    "method",
    ("--method", "-m"),
    str,
    "How parties' utilities combine: nash (weighted geometric mean), utilitarian "
    "(weighted mean) or maximin (the worst-off party).",
    default="nash",
    metavar="METHOD",
    completion="methods",
)
PARTY = Option(
    "party",
    ("--party", "-p"),
    str | None,
    "Rank by this party's utility alone (its perspective): an id, name or alias.",
    show_default=False,
    metavar="PARTY",
    completion="parties",
)


class ScoringOptions(NamedTuple):
    """The options every scoring command takes, as one object."""

    data: Path | None = None
    case: str | None = None
    as_of: str | None = None
    fmt: OutputFormat | None = None
    weight: tuple[str, ...] = ()
    assume: tuple[str, ...] = ()
    scenario: tuple[str, ...] = ()
    method: str = "nash"
    party: str | None = None


def scoring_option_list(*, party: bool = True, fmt: bool = True) -> list[Option]:
    """The scoring options, in the order a command's help lists them (after its own)."""
    common = [DATA, CASE, AS_OF, FORMAT, WEIGHT, ASSUME, SCENARIO, METHOD]
    if not fmt:
        common.remove(FORMAT)
    if party:
        common.append(PARTY)
    if fmt:
        common.append(NO_PAGER)
    return common


def scoring_options_of(values: Mapping[str, Any]) -> ScoringOptions:
    """The `ScoringOptions` of parsed values (by parameter name; others are ignored)."""
    shared = {k: v for k, v in values.items() if k in ScoringOptions._fields}
    for key in ("weight", "assume", "scenario"):
        shared[key] = tuple(shared.get(key) or ())
    return ScoringOptions(**shared)


# --------------------------------------------------------------------------- the sequence


def dataset_path(data: Path | None, case: str | None) -> Path:
    """Which dataset to use: --data beats --case beats VENUES_DATA beats the bundled case."""
    from venue_cli.load import BUNDLED_CASE, bundled_cases

    if data is not None and case is not None:
        raise InvalidArgumentError("give either --data FILE or --case NAME, not both")
    if data is not None:
        return data
    if case is not None:
        cases = bundled_cases()
        if case not in cases:
            from venue_cli.names import closest_names

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
        raise bad_parameter(
            f"'{value}' is not a method; choose one of {choices}", "--method"
        ) from None


def staleness(ds: Dataset, day: dt.date) -> list[str]:
    """A warning when the date scored is long after the newest record."""
    last = ds.last_date
    if last is not None and (day - last).days > STALE_DAYS:
        return [
            f"the newest record is from {last.isoformat()}, {(day - last).days:,} days before "
            f"{day.isoformat()}: the ranking may describe a situation that has changed"
        ]
    return []


class Scored(NamedTuple):
    dataset: Dataset
    day: dt.date
    ranking: Ranking
    warnings: list[str]


def score(opts: ScoringOptions, *, party: str | None = None) -> Scored:
    """Load the dataset, read the date, apply the what-if options, and rank."""
    from venue_cli.model.ranking import Weights, rank_venues

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
    perspective = None
    if who:
        from venue_cli.names import resolve_party

        perspective = resolve_party(ds2, who)
    ranking = rank_venues(
        ds2, day, method=method, weights=weights, perspective=perspective, assumptions=labels
    )
    warnings = staleness(ds, day)
    for w_ in warnings:
        notice(w_)
    return Scored(ds, day, ranking, warnings)
