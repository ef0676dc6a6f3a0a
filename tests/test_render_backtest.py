"""`venues backtest` in every format: each case with the probability the model gave the
venue chosen (ties marked), the summary against held-out, the uncalibrated defaults and a
uniform pick, and a reliability diagram (mean predicted probability against the share
chosen, per bin, with counts); and the note that scores are conditional on a meeting.

The frozen document tests/fixtures/cli/views/backtest.json is `venues backtest
tests/fixtures/cli/case-one.yaml tests/fixtures/cli/case-two.yaml --format json`, edited to
hold leave-one-case-out figures (only the bundled set has them) and a tie.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rich.console import Console

from tests.conftest import FIXTURES, run
from venue_cli.cli import output
from venue_cli.render import backtest
from venue_cli.safety import clean_view

VIEWS = FIXTURES / "cli" / "views"
CASE_FILES = [str(FIXTURES / "cli" / "case-one.yaml"), str(FIXTURES / "cli" / "case-two.yaml")]


def view() -> dict[str, Any]:
    return json.loads((VIEWS / "backtest.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def draw(doc: dict[str, Any], width: int) -> str:
    c = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    return output.table_text(backtest, doc, c, True)


EXPECTED = FIXTURES / "cli" / "expected"


def expected(name: str) -> str:
    """An exact expected output, kept in tests/fixtures/cli/expected/ (long lines; after a
    deliberate change, rewrite them with `python -m tests.fixtures.cli.regenerate`)."""
    return (EXPECTED / name).read_text(encoding="utf-8")


TABLE_80 = expected("backtest-table-80.txt")

TABLE_50 = expected("backtest-table-50.txt")

PLAIN = expected("backtest-plain.txt")

CSV = expected("backtest-csv.txt")

MARKDOWN = expected("backtest-markdown.txt")


@pytest.mark.parametrize(("width", "expected"), [(80, TABLE_80), (50, TABLE_50)])
def test_backtest_table_at_each_width(width: int, expected: str) -> None:
    text = draw(view(), width)
    assert text == expected
    assert all(len(line) <= width for line in text.splitlines())
    assert "…" not in text


def test_plain_csv_and_markdown() -> None:
    doc = view()
    assert backtest.plain(clean_view(doc)) == PLAIN
    assert backtest.csv(clean_view(doc, max_len=None)) == CSV
    assert backtest.markdown(clean_view(doc, max_len=None)) == MARKDOWN


def test_the_reliability_diagram_has_a_row_per_bin_with_its_count() -> None:
    doc = view()
    lines = TABLE_80.split("Reliability:")[1].splitlines()[3:]
    assert len(lines) == len(doc["reliability"])
    for line, b in zip(lines, doc["reliability"], strict=True):
        assert line.split()[:2] == [f"{b['low']:.1f}–{b['high']:.1f}", str(b["venues"])]


def test_the_cli_draws_the_live_document() -> None:
    live = json.loads(run("backtest", *CASE_FILES, "--format", "json").stdout)
    table = run("backtest", *CASE_FILES, "-f", "table", env={"COLUMNS": "80"}).stdout
    assert table == draw(live, 80)
    rows = list(csv.DictReader(io.StringIO(run("backtest", *CASE_FILES, "-f", "csv").stdout)))
    assert [r["case"] for r in rows] == ["case-one", "case-two"]
    assert set(rows[0]) <= set(live["cases"][0])  # the CSV header uses the JSON names


def test_the_bundled_backtest_at_80_columns() -> None:
    text = run("backtest", "-f", "table", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "…" not in text
    for word in ("held out", "defaults", "uniform", "Reliability", "Share chosen"):
        assert word in text
