"""`venues sensitivity`, `venues backtest` and `venues report`: analysis beyond one ranking."""

import sys
from pathlib import Path
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
    _load_dataset,
    _method,
    _score,
)
from venue_cli.cli.output import (
    _emit_view,
    _with_progress,
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
    """How sure is the ranking? Rank acceptability, and weight stability intervals."""
    from venue_cli.sensitivity import check_arguments, run_sensitivity, stability_intervals

    check_arguments(samples, concentration)
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
    _emit_view(fmt, view, r)


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
    """Backtest: where did the venue actually chosen rank, the day before each decision?

    Reports each case's rank of the chosen venue, the top-1 and top-3 hit rates and the
    mean reciprocal rank.
    """
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
    _emit_view(fmt, view, r)


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
