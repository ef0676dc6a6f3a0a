"""Commands about the data itself: validate, schema, init, cases, sources, scenarios."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from venue_cli.cli.app import app, handles_errors
from venue_cli.cli.options import (
    CaseOpt,
    DataOpt,
    FormatOpt,
    _dataset_path,
    _load_dataset,
)
from venue_cli.cli.output import (
    OutputFormat,
    _emit,
    _resolve_format,
    _write,
    _write_json,
)
from venue_cli.errors import ExitCode


@app.command(epilog="Examples:  venues validate  ·  venues validate my-case.yaml")
@handles_errors
def validate(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="Dataset file (default: the bundled case, or VENUES_DATA).", show_default=False
        ),
    ] = None,
    data: DataOpt = None,
    case: CaseOpt = None,
) -> None:
    """Check a dataset file and list every problem as FILE:LINE:COL: message."""
    from venue_cli.errors import InvalidArgumentError
    from venue_cli.load import check_file

    if file is not None and (data is not None or case is not None):
        raise InvalidArgumentError("give one of FILE, --data FILE or --case NAME")
    file = file or _dataset_path(data, case)
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
