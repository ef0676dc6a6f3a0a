"""`venues sensitivity`, `venues backtest` and `venues report`: analysis beyond one ranking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from venue_cli.cli import completion
from venue_cli.cli.options import Scored, ScoringOptions, method_of, score
from venue_cli.cli.output import emit, err, notice, with_progress, write_document
from venue_cli.cli.typer_app import app, examples, handles_errors
from venue_cli.cli.typer_options import (
    FILE_TO_WRITE,
    DataOpt,
    FormatOpt,
    MethodOpt,
    PagerOpt,
    scoring_options,
)
from venue_cli.safety import shown_name


def _concentration(value: str) -> float:
    from venue_cli.model.whatif import decimal

    got = decimal(value)
    if got is None:
        raise typer.BadParameter(f"'{value}' is not a number", param_hint="'--concentration'")
    return got


def _with_stability_note(s: Scored) -> list[str]:
    """The run's warnings, and a notice (on stderr and in the document) when the weight
    stability intervals are left out for their cost."""
    from venue_cli.model.sensitivity import stability_skipped

    note = stability_skipped(s.ranking)
    if note is None:
        return s.warnings
    notice(note)
    return [*s.warnings, note]


#: The historical cases `backtest` and `calibrate` read.
CasesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Bundled case names or case files (default: every bundled case with an outcome).",
        show_default=False,
        metavar="CASE...",
        autocompletion=completion.cases,
    ),
]


@app.command(
    epilog=examples(
        "venues sensitivity",
        "venues sensitivity --samples 100000 --seed 1",
        "venues sensitivity --concentration 200 --format json",
    )
)
@handles_errors
@scoring_options()
def sensitivity(
    opts: ScoringOptions,
    samples: Annotated[
        int,
        typer.Option("--samples", "-n", help="Monte Carlo samples (1 to 5,000,000).", metavar="N"),
    ] = 20_000,
    seed: Annotated[
        int,
        typer.Option(
            "--seed",
            help="Random seed (0 or more): the same seed gives the same output.",
            metavar="N",
        ),
    ] = 0,
    concentration: Annotated[
        str,
        typer.Option(
            "--concentration",
            "-k",
            help="Dirichlet concentration of the sampled weights around the configured ones "
            "(higher = closer; inf = the configured weights exactly).",
            metavar="K",
        ),
    ] = "50",
    fixed_stances: Annotated[
        bool, typer.Option("--fixed-stances", help="Do not vary uncertain stances; weights only.")
    ] = False,
    parameters: Annotated[
        bool,
        typer.Option(
            "--parameters",
            help="Also draw the model's fitted constants from their bootstrap samples.",
        ),
    ] = False,
) -> None:
    """How sure is the ranking?

    Samples the weights (and the uncertain stances) many times and shows how often each venue
    takes each rank (a heat map on a terminal), and over which range of each weight the first
    venue stays first.
    """
    from venue_cli.model.sensitivity import check_arguments, run_sensitivity, stability_intervals
    from venue_cli.render import sensitivity as renderer
    from venue_cli.views.core import sensitivity_view

    k = _concentration(concentration)
    check_arguments(samples, k, seed)
    s = score(opts)
    result = with_progress(
        lambda progress: run_sensitivity(
            s.ranking,
            samples=samples,
            seed=seed,
            concentration=k,
            vary_stances=not fixed_stances,
            vary_parameters=parameters,
            progress=progress,
        ),
        samples,
    )
    view = sensitivity_view(
        s.ranking, result, stability_intervals(s.ranking), _with_stability_note(s)
    )
    emit(opts.fmt, view, renderer)


@app.command(
    epilog=examples(
        "venues backtest",
        "venues backtest geneva-1985 singapore-2018",
        "venues backtest my-case.yaml --format json",
    )
)
@handles_errors
def backtest(
    cases: CasesArg = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    method: MethodOpt = "nash",
    no_pager: PagerOpt = False,
) -> None:
    """Score historical cases the day before each decision.

    Shows where the venue actually chosen ranked and the probability the model gave it; the
    top-1 and top-3 hit rates, mean reciprocal rank, log-loss and Brier score against a
    uniform pick, the uncalibrated defaults and leave-one-case-out; and how reliable the
    probabilities are.
    """
    from venue_cli.render import backtest as renderer

    view = backtest_document(_historical(cases, data), method_of(method))
    emit(fmt, view, renderer)


def backtest_document(datasets: list[Any], m: Any) -> Any:
    """The `backtest` document of `datasets` under method `m`: each case, the summary with
    the uncalibrated defaults and (for nash) the leave-one-case-out figures, reliability.
    `venues backtest` prints it; `venues report` shows it as its history section."""
    from venue_cli.model.backtest import backtest_case, held_out, scores, summarise
    from venue_cli.model.params import Method, Params
    from venue_cli.views.backtest import backtest_view

    results = [backtest_case(ds, m) for ds in datasets]
    defaults = scores([backtest_case(ds, m, Params()) for ds in datasets])
    loco = held_out([r.case for r in results if not r.single_venue]) if m is Method.NASH else None
    return backtest_view(results, summarise(results), m.value, uncalibrated=defaults, held_out=loco)


@app.command(
    epilog=examples(
        "venues calibrate",
        "venues calibrate geneva-1985 hanoi-2019 --bootstrap 0 -o -",
        "venues calibrate --check",
    )
)
@handles_errors
def calibrate(
    cases: CasesArg = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the parameters ('-': standard "
            "output). Default: the file that ships with the package.",
            show_default=False,
            metavar="FILE",
            click_type=FILE_TO_WRITE,
        ),
    ] = None,
    bootstrap: Annotated[
        int,
        typer.Option("--bootstrap", help="Bootstrap resamples over cases (0: none).", metavar="N"),
    ] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.", metavar="N")] = 0,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Only check that the shipped file is what a fit gives (exit 1 if not)."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing file given with --output.")
    ] = False,
) -> None:
    """Fit the model's free constants on historical cases.

    Fits by leave-one-case-out and bootstrap, and writes the parameters file.
    """

    from venue_cli.errors import InvalidArgumentError, OutputError
    from venue_cli.model import calibrate as cal
    from venue_cli.model.params import PARAMETERS_FILE
    from venue_cli.writefile import check_target, write_atomic

    if output is not None and str(output) != "-" and not check:
        check_target(output, force=force)  # before a fit of half a minute, not after
    if bootstrap < 0 or bootstrap > 10_000:
        raise InvalidArgumentError("--bootstrap must be between 0 and 10,000")
    if seed < 0:
        raise InvalidArgumentError("--seed must be 0 or more")
    datasets = _historical(cases)
    result = with_progress(
        lambda progress: cal.calibrate(datasets, bootstrap=bootstrap, seed=seed, progress=progress),
        1 + len(datasets) + bootstrap,
        label="fitting",
        threshold=0,
    )
    text = cal.write_text(result)
    if check:
        if not PARAMETERS_FILE.exists():
            found = ["it is missing"]
        else:
            try:
                shipped = json.loads(PARAMETERS_FILE.read_text(encoding="utf-8"))
                found = cal.differences(shipped, json.loads(text))
            except ValueError:
                found = ["it is not JSON"]
        if found:
            raise OutputError(
                f"{PARAMETERS_FILE} is not what calibrate gives ({found[0]}"
                + (f", and {len(found) - 1} more" if len(found) > 1 else "")
                + "); run venues calibrate"
            )
        err(f"{PARAMETERS_FILE} is up to date\n")
        return
    target = output or PARAMETERS_FILE
    if str(target) == "-":
        write_document(text)
        return
    # the shipped file is this command's own output: rewriting it is what it is for
    write_atomic(Path(target), text, force=force or output is None)
    m = cal.metrics(result.held_out)
    err(
        f"Wrote {shown_name(target)}: {len(result.cases)} cases; leave-one-case-out top-1 "
        f"{m.get('top1', 0):.0%}, log-loss {m.get('log_loss', 0):.3f} (uniform "
        f"{m.get('uniform_log_loss', 0):.3f})\n"
    )


def _historical(cases: list[str] | None, data: Path | None = None) -> list[Any]:
    """Datasets of bundled case names or files (default: every bundled case with an outcome)."""
    from venue_cli.errors import UnknownNameError
    from venue_cli.load import bundled_cases, load_dataset
    from venue_cli.names import closest_names

    bundled = bundled_cases()
    names = list(cases or [])
    if data is not None:
        names.append(str(data))
    if not names:
        return [d for d in (load_dataset(bundled[n]) for n in bundled) if d.outcome is not None]
    out = []
    for name in names:
        if name in bundled:
            out.append(load_dataset(bundled[name]))
        elif Path(name).suffix in (".yaml", ".yml") or Path(name).exists():
            out.append(load_dataset(name))
        else:
            raise UnknownNameError(
                "case",
                name,
                closest_names(name, bundled),
                known=list(bundled),
            )
    return out


@app.command(
    epilog=examples(
        "venues report -o report.html",
        "venues report -o brief.md --as-of 2025-09-05",
        "venues report -o ranking.svg",
        "venues report -o - --format html > report.html",
    )
)
@handles_errors
@scoring_options(party=False, fmt=False)
def report(
    opts: ScoringOptions,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write: .html, .htm, .md or .svg; '-' "
            "writes to standard output (give --format).",
            show_default=False,
            metavar="FILE",
            click_type=FILE_TO_WRITE,
        ),
    ],
    report_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, md or svg (default: from the file name).",
            show_default=False,
            metavar="FORMAT",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            "-n",
            help="Sensitivity samples, 0 to 5,000,000 (0 leaves the section out).",
            metavar="N",
        ),
    ] = 20_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed for the sensitivity.", metavar="N")
    ] = 0,
) -> None:
    """Write a self-contained report.

    The report holds the ranking, an explanation per venue, the sensitivity, the timeline and
    the sources: an HTML page with charts, Markdown, or an SVG picture of the terminal.
    """

    from venue_cli.errors import InvalidArgumentError
    from venue_cli.report import FORMATS, build_report, report_data
    from venue_cli.writefile import check_target, write_atomic

    to_stdout = str(output) == "-"
    fmt = (report_format or ("" if to_stdout else output.suffix.lstrip("."))).lower()
    fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        where = "give --format" if to_stdout else f"cannot tell the format from '{output.name}'"
        raise InvalidArgumentError(f"{where}: use html, md or svg (.html, .htm, .md or .svg)")
    from venue_cli.model.sensitivity import MAX_SAMPLES, check_arguments

    if not 0 <= samples <= MAX_SAMPLES:
        raise InvalidArgumentError(
            f"--samples must be between 0 (no sensitivity section) and {MAX_SAMPLES:,} "
            f"(got {samples:,})"
        )
    check_arguments(max(1, samples), 50.0, seed)
    if not to_stdout:
        check_target(output, force=force)
    s = score(opts)
    result = stability = None
    warnings = s.warnings
    if samples:
        from venue_cli.model.sensitivity import run_sensitivity, stability_intervals

        result = with_progress(
            lambda progress: run_sensitivity(
                s.ranking, samples=samples, seed=seed, progress=progress
            ),
            samples,
        )
        stability = stability_intervals(s.ranking)
        warnings = _with_stability_note(s)
    history = backtest_document(_historical(None), s.ranking.method)  # the bundled cases
    data = report_data(s.dataset, s.ranking, result, stability, warnings, history)
    text = build_report(fmt, data)
    if to_stdout:
        write_document(text)
        return
    write_atomic(output, text, force=force)
    err(f"Wrote {shown_name(output)} ({len(text.encode('utf-8')):,} bytes)\n")
