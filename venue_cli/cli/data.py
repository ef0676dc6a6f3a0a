"""Commands about the data itself: validate, schema, init, upgrade, cases, sources, scenarios,
docs."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from venue_cli.cli import completion
from venue_cli.cli.options import dataset_path, load
from venue_cli.cli.output import deliver, emit, err, write, write_document
from venue_cli.cli.typer_app import app, examples, handles_errors
from venue_cli.cli.typer_options import FILE_TO_WRITE, CaseOpt, DataOpt, FormatOpt, PagerOpt
from venue_cli.errors import ExitCode
from venue_cli.safety import shown_name

FileArg = Annotated[
    Path | None,
    typer.Argument(
        help="Dataset file ('-' reads standard input; default: the bundled case, or VENUES_DATA).",
        show_default=False,
        metavar="FILE",
    ),
]


@app.command(epilog=examples("venues validate", "venues validate my-case.yaml"))
@handles_errors
def validate(file: FileArg = None, data: DataOpt = None, case: CaseOpt = None) -> None:
    """Check a dataset file.

    Lists every problem as FILE:LINE:COL: message (exit status 1 if there is any), then the
    warnings; '-' reads standard input.
    """
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.load import check_file, shown_path

    if file is not None and (data is not None or case is not None):
        raise InvalidArgumentError("give one of FILE, --data FILE or --case NAME")
    path = file or dataset_path(data, case)
    ds, problems, warnings = check_file(path)
    shown = shown_path(path)
    if problems:
        for p in problems:
            write(f"{p}\n")
        err(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {shown}\n")
        raise typer.Exit(ExitCode.DATA_ERROR)
    assert ds is not None
    for w in warnings:
        err(f"warning: {w}\n")
    write(
        f"{shown}: valid (schema_version {ds.schema_version}) — {len(ds.venues)} venues, "
        f"{len(ds.parties)} parties, {len(ds.statements)} statements, {len(ds.facts)} facts, "
        f"{len(ds.events)} events, {len(ds.assessments)} assessments, {len(ds.sources)} sources"
        + (f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else "")
        + "\n"
    )


@app.command(epilog=examples("venues schema > venues.schema.json"))
@handles_errors
def schema(
    version: Annotated[
        int, typer.Option("--version", help="Schema version of the format: 1 or 2.", metavar="N")
    ] = 2,
    no_pager: PagerOpt = False,
) -> None:
    """Print the JSON Schema of the dataset format.

    For editors that validate YAML as it is typed.
    """
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.format.jsonschema import json_schema
    from venue_cli.format.spec import SCHEMA_VERSIONS

    if version not in SCHEMA_VERSIONS:
        raise InvalidArgumentError(
            f"--version: choose one of {', '.join(map(str, SCHEMA_VERSIONS))}"
        )
    from venue_cli.safety import json_text

    deliver(json_text(json_schema(version)) + "\n", raw=True)


@app.command(
    epilog=examples(
        "venues init my-case.yaml",
        "venues rank --data my-case.yaml",
        "venues init - | venues validate -",
    )
)
@handles_errors
def init(
    file: Annotated[
        Path,
        typer.Argument(
            help="Where to write the starter dataset ('-' writes to standard output).",
            show_default=False,
            metavar="FILE",
            click_type=FILE_TO_WRITE,
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a starter dataset for another negotiation.

    The file is small, valid and commented; '-' writes it to standard output.
    """
    from venue_cli.starter import STARTER
    from venue_cli.writefile import write_atomic

    if str(file) == "-":
        write_document(STARTER)
        return
    write_atomic(file, STARTER, force=force)
    name = shown_name(file)
    quoted = shlex.quote(name)
    err(f"Wrote {name}. Next: venues validate {quoted} && venues rank --data {quoted}\n")


@app.command(
    epilog=examples(
        "venues upgrade old.yaml --output new.yaml", "venues upgrade my-case.yaml --force"
    )
)
@handles_errors
def upgrade(
    file: Annotated[
        Path,
        typer.Argument(
            help="A schema_version 1 dataset file.",
            show_default=False,
            metavar="FILE",
            click_type=FILE_TO_WRITE,  # written over when there is no --output
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of over FILE ('-' for standard output).",
            show_default=False,
            metavar="FILE",
            click_type=FILE_TO_WRITE,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file written.")] = False,
) -> None:
    """Rewrite a schema_version 1 dataset as version 2.

    Comments, layout, line ends and a byte-order mark are kept.
    """
    from venue_cli.format.upgrade import upgrade_text
    from venue_cli.load import read_text
    from venue_cli.writefile import write_atomic

    text, shown = read_text(file, keep_bom=True)
    new = upgrade_text(text, shown)
    target = output or file
    if str(target) == "-":
        write_document(new)
        return
    write_atomic(target, new, force=force)
    err(f"Wrote {shown_name(target)} (schema_version 2)\n")


@app.command(epilog=examples("venues cases", "venues rank --case geneva-1985 --as-of 1985-06-30"))
@handles_errors
def cases(fmt: FormatOpt = None, no_pager: PagerOpt = False) -> None:
    """List the bundled cases.

    Use one with --case NAME; the historical ones are what `venues backtest` scores.
    """
    from venue_cli.load import bundled_cases, load_dataset
    from venue_cli.render import catalog as renderer
    from venue_cli.views.catalog import case_row, cases_view

    rows = [case_row(name, load_dataset(path)) for name, path in bundled_cases().items()]
    emit(fmt, cases_view(rows), renderer.Cases)


@app.command(epilog=examples("venues sources", "venues sources --sort outlet --format csv"))
@handles_errors
def sources(
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="Sort by date or outlet.",
            metavar="KEY",
            autocompletion=completion.sorts,
        ),
    ] = "date",
    data: DataOpt = None,
    case: CaseOpt = None,
    fmt: FormatOpt = None,
    no_pager: PagerOpt = False,
) -> None:
    """List the sources cited in the dataset.

    The bibliography: every source, with its outlet, date and address, and what cites it.
    """
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.render import sources as renderer
    from venue_cli.views.sources import sources_view

    if sort not in ("date", "outlet"):
        raise InvalidArgumentError(f"--sort: '{sort}' is not a sort key; choose date or outlet")
    emit(fmt, sources_view(load(data, case), sort), renderer)


@app.command(epilog=examples("venues scenarios", "venues rank --scenario icc-immunity-everywhere"))
@handles_errors
def scenarios(fmt: FormatOpt = None, no_pager: PagerOpt = False) -> None:
    """List the bundled what-if scenarios.

    Use one with --scenario NAME on any scoring command.
    """
    from venue_cli.format.scenario import bundled_scenarios
    from venue_cli.format.yamlsafe import loads
    from venue_cli.render import catalog as renderer
    from venue_cli.views.catalog import scenarios_view
    from venue_cli.views.types import ScenarioRow

    rows: list[ScenarioRow] = []
    for name, path in bundled_scenarios().items():
        meta = loads(path.read_text(encoding="utf-8"))["scenario"]
        rows.append(
            {"name": name, "title": meta["title"], "description": meta.get("description", "")}
        )
    emit(fmt, scenarios_view(rows), renderer.Scenarios)


@app.command(epilog=examples("venues docs format", "venues docs model"))
@handles_errors
def docs(
    topic: Annotated[
        str,
        typer.Argument(
            help="format (the dataset format) or model (the model's rules).",
            metavar="TOPIC",
            autocompletion=completion.topics,
        ),
    ] = "format",
    no_pager: PagerOpt = False,
) -> None:
    """Print a document that ships with the tool.

    The dataset format or the model's rules, in Markdown.
    """
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.load import doc_path

    path = doc_path(topic)
    if path is None:
        raise InvalidArgumentError(f"unknown topic '{topic}'; choose format or model")
    deliver(path.read_text(encoding="utf-8"))
