"""`-` is standard input where a file is read and standard output where one is written:
`--data -`, `validate -`, `init -`, `report -o - --format html|md|svg`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, run
from venue_cli.cli import app

TOY = FIXTURES / "cli" / "toy.yaml"


def fed(*args: str, stdin: str, expect: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code == expect, result.stderr
    return result.stdout, result.stderr


def test_data_dash_reads_standard_input() -> None:
    text = TOY.read_text(encoding="utf-8")
    from_file = run("rank", "--data", str(TOY), "--as-of", "2020-01-10", "-f", "json").stdout
    from_stdin, _ = fed("rank", "--data", "-", "--as-of", "2020-01-10", "-f", "json", stdin=text)
    a, b = json.loads(from_file), json.loads(from_stdin)
    assert b["data"] == "<stdin>"
    assert [v["joint_score"] for v in a["venues"]] == [v["joint_score"] for v in b["venues"]]
    out, _ = fed("explain", "x", "--data", "-", "--as-of", "2020-01-10", stdin=text)
    assert out.startswith("X City (Xland) — rank 1 of 3")
    out, _ = fed("timeline", "--data", "-", stdin=text)
    assert out.startswith("date        kind")


def test_validate_dash_reads_standard_input() -> None:
    out, _ = fed("validate", "-", stdin=TOY.read_text(encoding="utf-8"))
    assert out == (
        "<stdin>: valid (schema_version 2) — 3 venues, 3 parties, 6 statements, 0 facts, "
        "1 events, 0 assessments, 2 sources\n"
    )
    out, err = fed("validate", "-", stdin="schema_version: 1\n", expect=1)
    assert out.startswith("<stdin>:")
    assert err.endswith("found in <stdin>\n")


def test_init_dash_writes_standard_output_and_validates(tmp_path: Path) -> None:
    from venue_cli.starter import STARTER

    r = run("init", "-")
    assert r.stdout == STARTER
    assert not (Path.cwd() / "-").exists()
    out, _ = fed("validate", "-", stdin=r.stdout)
    assert ": valid (schema_version" in out


@pytest.mark.parametrize(
    ("fmt", "start"),
    [("html", "<!DOCTYPE html>"), ("md", "# Venues report: Toy summit"), ("svg", "<svg ")],
)
def test_report_to_standard_output(fmt: str, start: str) -> None:
    args = ["report", "-o", "-", "--format", fmt, "--data", str(TOY), "--as-of", "2020-01-10"]
    r = run(*args, "-n", "0")
    assert r.stdout.startswith(start)
    assert r.stderr == ""
    r = run("report", "-o", "-", "--data", str(TOY), "-n", "0", expect=2)
    assert r.stderr.startswith("Error: give --format: use html, md or svg")


def test_report_accepts_htm(tmp_path: Path) -> None:
    target = tmp_path / "r.htm"
    args = ["report", "-o", str(target), "--data", str(TOY), "--as-of", "2020-01-10", "-n", "0"]
    r = run(*args)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert r.stderr.startswith(f"Wrote {target} (")
