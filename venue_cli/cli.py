"""The `venues` command line: parse arguments, call the core, render, set the exit code.

This is the only module that writes to stdout/stderr or exits. Results go to stdout;
messages, notices and progress go to stderr. Exit codes: 0 ok, 1 data or user error,
2 usage (see `venue_cli.errors.ExitCode`).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from venue_cli import __version__
from venue_cli.errors import DatasetError, ExitCode, VenueError

if TYPE_CHECKING:
    from venue_cli.model import Dataset
    from venue_cli.params import Method
    from venue_cli.scoring import Ranking

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="venues",
    help=(
        "Where could two adversaries' leaders meet? Rank candidate summit venues from dated, "
        "sourced statements and facts, and explain every score.\n\n"
        "The bundled case is a Putin–Zelensky leaders' meeting (2025–26)."
    ),
    epilog=(
        "Examples:  venues rank   ·   venues explain türkiye   ·   venues rank --as-of 2025-09-05"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


class OutputFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


# --------------------------------------------------------------------------- output


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _plain_terminal() -> bool:
    """TERM=dumb asks for no terminal effects at all."""
    return os.environ.get("TERM") == "dumb"


def _resolve_format(fmt: OutputFormat | None) -> OutputFormat:
    if fmt is not None:
        return fmt
    return (
        OutputFormat.TABLE
        if _stdout_is_terminal() and not _plain_terminal()
        else OutputFormat.PLAIN
    )


def _write(text: str) -> None:
    sys.stdout.write(text)


def _write_json(obj: Any) -> None:
    import json

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def _emit(
    fmt: OutputFormat | None,
    obj: Any,
    *,
    plain: Callable[[], str],
    csv: Callable[[], str] | None = None,
    markdown: Callable[[], str] | None = None,
    table: Callable[[], Any] | None = None,
) -> None:
    """Write a result in the chosen format. `obj` is the JSON document; the renderers are
    called only for the format in use (a missing one falls back to plain text)."""
    out = _resolve_format(fmt)
    if out is OutputFormat.JSON:
        _write_json(obj)
    elif out is OutputFormat.CSV and csv is not None:
        _write(csv())
    elif out is OutputFormat.MARKDOWN and markdown is not None:
        _write(markdown())
    elif out is OutputFormat.TABLE and table is not None:
        rendered = table()
        _print_rich(*(rendered if isinstance(rendered, list) else [rendered]))
    else:
        _write(plain())


def _print_rich(*renderables: Any) -> None:
    console = _console()
    for r in renderables:
        console.print(r)


def _ascii_bars() -> bool:
    return bool(os.environ.get("NO_COLOR")) or _plain_terminal()


def _notice(message: str) -> None:
    sys.stderr.write(f"Note: {message}\n")


def _fail(exc: VenueError) -> NoReturn:
    if isinstance(exc, DatasetError):
        shown = exc.problems[:20]
        for problem in shown:
            sys.stderr.write(f"Error: {problem}\n")
        if len(exc.problems) > len(shown):
            sys.stderr.write(
                f"Error: … and {len(exc.problems) - len(shown)} more; "
                "run `venues validate FILE` for the full list\n"
            )
    else:
        sys.stderr.write(f"Error: {exc}\n")
    raise typer.Exit(int(exc.exit_code))


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn the core's typed errors into a message on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except VenueError as exc:
            _fail(exc)

    return wrapper


# --------------------------------------------------------------------------- options


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


def _load_dataset(data: Path | None, case: str | None) -> Dataset:
    """--data beats --case beats VENUES_DATA beats the bundled default case."""
    from venue_cli.errors import InvalidArgumentError, UnknownNameError
    from venue_cli.load import bundled_cases, load_dataset
    from venue_cli.names import suggest

    if data is not None and case is not None:
        raise InvalidArgumentError("give either --data FILE or --case NAME, not both")
    if data is not None:
        return load_dataset(data)
    if case is not None:
        cases = bundled_cases()
        if case not in cases:
            raise UnknownNameError("case", case, suggest(case, cases))
        return load_dataset(cases[case])
    env = os.environ.get("VENUES_DATA")
    if env:
        return load_dataset(env)
    return load_dataset(bundled_cases()[next(iter(bundled_cases()))])


def _as_of(ds: Dataset, value: str | None) -> dt.date:
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


def _method(value: str) -> Method:
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.params import Method

    try:
        return Method(value.lower())
    except ValueError:
        choices = ", ".join(m.value for m in Method)
        raise InvalidArgumentError(f"unknown method '{value}'; choose one of {choices}") from None


def _score(
    ds: Dataset,
    as_of: dt.date,
    *,
    method: str = "nash",
    weight: list[str] | None = None,
    assume: list[str] | None = None,
    scenario: list[str] | None = None,
    party: str | None = None,
) -> Ranking:
    """Apply what-if options to the dataset and rank it."""
    from venue_cli.names import resolve_party
    from venue_cli.scoring import rank_venues
    from venue_cli.whatif import apply_whatif

    ds2, weights, labels = apply_whatif(
        ds, as_of, weights=weight or [], assumptions=assume or [], scenarios=scenario or []
    )
    perspective = resolve_party(ds2, party) if party else None
    return rank_venues(
        ds2,
        as_of,
        method=_method(method),
        weights=weights,
        perspective=perspective,
        assumptions=labels,
    )


# --------------------------------------------------------------------------- commands


def _version(value: bool) -> None:
    if value:
        _write(f"venues {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Rank and explain candidate summit venues."""


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
    _emit(
        fmt,
        view,
        csv=lambda: r.csv(view),
        markdown=lambda: r.markdown(view),
        plain=lambda: r.plain(view),
        table=lambda: r.table(view, _ascii_bars()),
    )


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


@app.command(epilog="Examples:  venues validate  ·  venues validate my-case.yaml")
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Dataset file (default: the bundled case, or VENUES_DATA).", show_default=False
        ),
    ] = None,
    case: CaseOpt = None,
) -> None:
    """Check a dataset file and list every problem as FILE:LINE:COL: message."""
    from venue_cli.load import bundled_cases, check_file

    if file is None:
        env = os.environ.get("VENUES_DATA")
        cases = bundled_cases()
        if case is not None and case not in cases:
            sys.stderr.write(f"Error: unknown case '{case}'\n")
            raise typer.Exit(ExitCode.DATA_ERROR)
        file = cases[case] if case else Path(env) if env else next(iter(cases.values()))
    ds, problems = check_file(file)
    if problems:
        for p in problems:
            _write(f"{p}\n")
        sys.stderr.write(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {file}\n"
        )
        raise typer.Exit(ExitCode.DATA_ERROR)
    assert ds is not None
    _write(
        f"{file}: valid — {len(ds.venues)} venues, {len(ds.parties)} parties, "
        f"{len(ds.statements)} statements, {len(ds.facts)} facts, {len(ds.events)} events, "
        f"{len(ds.assessments)} assessments, {len(ds.sources)} sources\n"
    )


@app.command(epilog="Example:  venues schema > venues.schema.json")
def schema() -> None:
    """Print the JSON Schema of the dataset format (for editors that validate YAML)."""
    from venue_cli.schema import json_schema

    _write_json(json_schema())


@app.command(epilog="Examples:  venues init my-case.yaml  ·  venues rank --data my-case.yaml")
@handles_errors
def init(
    file: Annotated[
        Path, typer.Argument(help="Where to write the starter dataset.", show_default=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a small, valid, commented starter dataset for another negotiation."""
    from venue_cli.starter import STARTER
    from venue_cli.writefile import write_atomic

    write_atomic(file, STARTER, force=force)
    sys.stderr.write(f"Wrote {file}. Next: venues validate {file} && venues rank --data {file}\n")


@app.command(epilog="Example:  venues cases")
@handles_errors
def cases(fmt: FormatOpt = None) -> None:
    """List the bundled cases (use one with --case NAME)."""
    from venue_cli.load import bundled_cases, load_dataset

    rows = []
    for name, path in bundled_cases().items():
        ds = load_dataset(path)
        o = ds.outcome
        rows.append(
            {
                "name": name,
                "title": ds.case.title,
                "venues": len(ds.venues),
                "statements": len(ds.statements),
                "decision_date": ds.case.decision_date.isoformat()
                if ds.case.decision_date
                else None,
                "outcome": ds.venues[o.venue].name if o else None,
            }
        )
    from venue_cli.textfmt import columns, csv_text, md_table

    head = ["name", "title", "venues", "statements", "decided", "chosen"]
    body = [
        [
            str(r["name"]),
            str(r["title"]),
            str(r["venues"]),
            str(r["statements"]),
            str(r["decision_date"] or "open"),
            str(r["outcome"] or "—"),
        ]
        for r in rows
    ]
    _emit(
        fmt,
        {"cases": rows},
        csv=lambda: csv_text(head, body),
        markdown=lambda: md_table(head, body),
        plain=lambda: columns([head, *body]),
    )


@app.command(epilog="Examples:  venues sources  ·  venues sources --sort outlet --format csv")
@handles_errors
def sources(
    sort: Annotated[str, typer.Option("--sort", help="Sort by 'date' or 'outlet'.")] = "date",
    data: DataOpt = None,
    case: CaseOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """The bibliography: every source cited in the dataset, and what cites it."""
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.render import sources as s

    if sort not in ("date", "outlet"):
        raise InvalidArgumentError(f"--sort takes 'date' or 'outlet', not '{sort}'")
    ds = _load_dataset(data, case)
    rows = s.bibliography(ds, sort)
    _emit(
        fmt,
        {"schema_version": 1, "command": "sources", "case": ds.case.id, "sources": rows},
        csv=lambda: s.csv(rows),
        markdown=lambda: s.markdown(rows),
        plain=lambda: s.plain(rows),
    )


@app.command(
    epilog="Examples:  venues sensitivity  ·  venues sensitivity --samples 100000 --seed 1  ·  "
    "venues sensitivity --concentration 200 --format json"
)
@handles_errors
def sensitivity(
    samples: Annotated[int, typer.Option("--samples", "-n", help="Monte Carlo samples.")] = 20_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed gives the same output.")
    ] = 0,
    concentration: Annotated[
        float,
        typer.Option(
            "--concentration",
            "-k",
            help="Dirichlet concentration of the sampled weights around the configured ones "
            "(higher = closer).",
        ),
    ] = 50.0,
    fixed_stances: Annotated[
        bool, typer.Option("--fixed-stances", help="Do not vary uncertain stances; weights only.")
    ] = False,
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
    """How sure is the ranking? Rank acceptability over sampled weights and stances, and
    weight stability intervals."""
    from venue_cli.sensitivity import _check, run_sensitivity, stability_intervals

    _check(samples, concentration)
    ds = _load_dataset(data, case)
    day = _as_of(ds, as_of)
    ranking = _score(
        ds, day, method=method, weight=weight, assume=assume, scenario=scenario, party=party
    )
    result = _with_progress(
        lambda progress: run_sensitivity(
            ranking,
            samples=samples,
            seed=seed,
            concentration=concentration,
            vary_stances=not fixed_stances,
            progress=progress,
        ),
        samples,
    )
    from venue_cli.render import sensitivity as r
    from venue_cli.views import sensitivity_view

    view = sensitivity_view(ranking, result, stability_intervals(ranking))
    _emit(
        fmt,
        view,
        csv=lambda: r.csv(view),
        markdown=lambda: r.markdown(view),
        plain=lambda: r.plain(view),
        table=lambda: r.table(view, _ascii_bars()),
    )


def _with_progress(job: Callable[[Callable[[int, int], None] | None], R], total: int) -> R:
    """Run `job` with a progress bar on stderr when stderr is a terminal and the job is big
    enough to take more than about a second; otherwise without one."""
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive or total < 100_000 or _plain_terminal():
        return job(None)
    from rich.progress import Progress

    with Progress(console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("sampling", total=total)
        return job(lambda done, _total: bar.update(task, completed=done))


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
    """Compare venues side by side, per party and per criterion; the decisive differences
    are marked."""
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
    _emit(
        fmt,
        view,
        csv=lambda: r.csv(view),
        markdown=lambda: r.markdown(view),
        plain=lambda: r.plain(view),
        table=lambda: r.table(view),
    )


@app.command(
    epilog="Examples:  venues scenarios  ·  venues rank --scenario icc-immunity-everywhere"
)
@handles_errors
def scenarios(fmt: FormatOpt = None) -> None:
    """List the bundled what-if scenarios (use one with --scenario NAME)."""
    from venue_cli.whatif import bundled_scenarios
    from venue_cli.yamlsafe import loads

    rows = []
    for name, path in bundled_scenarios().items():
        meta = loads(path.read_text(encoding="utf-8"))["scenario"]
        rows.append(
            {"name": name, "title": meta["title"], "description": meta.get("description", "")}
        )
    if _resolve_format(fmt) is OutputFormat.JSON:
        _write_json({"scenarios": rows})
        return
    for row in rows:
        _write(f"{row['name']}\n    {row['title']}\n    {row['description']}\n")


@app.command(
    epilog="Examples:  venues backtest  ·  venues backtest geneva-1985 singapore-2018  ·  "
    "venues backtest my-case.yaml --format json"
)
@handles_errors
def backtest(
    cases: Annotated[
        list[str] | None,
        typer.Argument(
            help="Bundled case names or case files (default: every bundled case with an outcome).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    method: MethodOpt = "nash",
) -> None:
    """Score each historical case as of the day before its decision and report where the
    venue actually chosen ranked: top-1, top-3 and mean reciprocal rank."""
    from venue_cli.backtest import backtest_case, summarise
    from venue_cli.errors import UnknownNameError
    from venue_cli.load import bundled_cases, load_dataset
    from venue_cli.names import suggest

    bundled = bundled_cases()
    names = list(cases or [])
    if data is not None:
        names.append(str(data))
    if not names:
        names = [n for n in bundled if load_dataset(bundled[n]).outcome is not None]
    datasets = []
    for name in names:
        if name in bundled:
            datasets.append(load_dataset(bundled[name]))
        elif Path(name).suffix in (".yaml", ".yml") or Path(name).exists():
            datasets.append(load_dataset(name))
        else:
            raise UnknownNameError("case", name, suggest(name, bundled))
    m = _method(method)
    results = [backtest_case(ds, m) for ds in datasets]
    summary = summarise(results)
    from venue_cli.render import backtest as r

    view = r.view(results, summary, m.value)
    _emit(
        fmt,
        view,
        csv=lambda: r.csv(view),
        markdown=lambda: r.markdown(view),
        plain=lambda: r.plain(view),
    )


@app.command(
    epilog="Examples:  venues report -o report.html  ·  "
    "venues report -o brief.md --as-of 2025-09-05  ·  venues report -o ranking.svg"
)
@handles_errors
def report(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="File to write: .html, .md or .svg.", show_default=False
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    samples: Annotated[
        int, typer.Option("--samples", "-n", help="Sensitivity samples (0 leaves it out).")
    ] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed for the sensitivity.")] = 0,
    data: DataOpt = None,
    case: CaseOpt = None,
    as_of: AsOfOpt = None,
    weight: WeightOpt = None,
    assume: AssumeOpt = None,
    scenario: ScenarioOpt = None,
    method: MethodOpt = "nash",
) -> None:
    """Write a self-contained report: ranking, explanations, sensitivity, timeline, sources."""
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.report import FORMATS, build_report, report_data
    from venue_cli.writefile import write_atomic

    fmt = output.suffix.lower().lstrip(".")
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise InvalidArgumentError(
            f"cannot tell the report format from '{output.name}': use a .html, .md or .svg file"
        )
    if output.exists() and not force:
        from venue_cli.errors import OutputError

        raise OutputError(f"{output} already exists; use --force to overwrite it")
    ds = _load_dataset(data, case)
    day = _as_of(ds, as_of)
    ranking = _score(ds, day, method=method, weight=weight, assume=assume, scenario=scenario)
    result = stability = None
    if samples:
        from venue_cli.sensitivity import run_sensitivity, stability_intervals

        result = run_sensitivity(ranking, samples=samples, seed=seed)
        stability = stability_intervals(ranking)
    text = build_report(fmt, report_data(ds, ranking, result, stability))
    write_atomic(output, text, force=force)
    sys.stderr.write(f"Wrote {output} ({len(text.encode('utf-8')):,} bytes)\n")


# --------------------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point: run the app; exit quietly if stdout is closed early."""
    try:
        app()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
