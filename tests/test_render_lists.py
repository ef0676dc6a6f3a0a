"""The terminal tables of timeline, sources, changes, compare, cases and scenarios, and their
plain, CSV and Markdown: each fits the width, gives the quote (or title, or cause) the room
left, and keeps its CSV header to the JSON field names.

Renderer tests draw frozen documents of tests/fixtures/cli/toy.yaml (tests/fixtures/cli/views/)
or documents made here, so model changes do not move them.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from rich.console import Console

from tests.conftest import FIXTURES, run
from venue_cli.cli import output
from venue_cli.render import catalog, changes, compare, sources, timeline
from venue_cli.safety import clean_view

TOY = str(FIXTURES / "cli" / "toy.yaml")
VIEWS = FIXTURES / "cli" / "views"
CASES = {
    "schema_version": 1,
    "command": "cases",
    "cases": [
        {
            "name": "toy",
            "title": "Toy summit",
            "venues": 3,
            "statements": 6,
            "decision_date": None,
            "outcome": None,
        },
        {
            "name": "case-one",
            "title": "Case one: a historical case with a title long enough to fold",
            "venues": 3,
            "statements": 6,
            "decision_date": "2020-01-20",
            "outcome": "X City",
        },
    ],
}
SCENARIOS = {
    "schema_version": 1,
    "command": "scenarios",
    "scenarios": [
        {
            "name": "open-skies",
            "title": "Every airspace opens",
            "description": "Every state grants the overflight a leader's flight would need.",
        }
    ],
}


def view(name: str) -> dict[str, Any]:
    return json.loads((VIEWS / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def draw(renderer: Any, doc: dict[str, Any], width: int) -> str:
    c = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    return output.table_text(renderer, doc, c, True)


EXPECTED = FIXTURES / "cli" / "expected"


def expected(name: str) -> str:
    """An exact expected output, kept in tests/fixtures/cli/expected/ (long lines; after a
    deliberate change, rewrite them with `python -m tests.fixtures.cli.regenerate`)."""
    return (EXPECTED / name).read_text(encoding="utf-8")


TIMELINE_TABLE_80 = expected("timeline-table-80.txt")

TIMELINE_TABLE_50 = expected("timeline-table-50.txt")

TIMELINE_PLAIN = expected("timeline-plain.txt")

TIMELINE_CSV = expected("timeline-csv.txt")

TIMELINE_MARKDOWN = expected("timeline-markdown.txt")


SOURCES_TABLE_80 = expected("sources-table-80.txt")

SOURCES_TABLE_50 = expected("sources-table-50.txt")

SOURCES_PLAIN = expected("sources-plain.txt")

SOURCES_CSV = expected("sources-csv.txt")

SOURCES_MARKDOWN = expected("sources-markdown.txt")


CHANGES_TABLE_80 = expected("changes-table-80.txt")

CHANGES_TABLE_50 = expected("changes-table-50.txt")

CHANGES_PLAIN = expected("changes-plain.txt")

CHANGES_CSV = expected("changes-csv.txt")

CHANGES_MARKDOWN = expected("changes-markdown.txt")


COMPARE_TABLE_80 = expected("compare-table-80.txt")

COMPARE_TABLE_50 = expected("compare-table-50.txt")

COMPARE_PLAIN = expected("compare-plain.txt")

COMPARE_CSV = expected("compare-csv.txt")

COMPARE_MARKDOWN = expected("compare-markdown.txt")


CASES_TABLE_60 = expected("cases-table-60.txt")

CASES_PLAIN = expected("cases-plain.txt")

CASES_CSV = expected("cases-csv.txt")

CASES_MARKDOWN = expected("cases-markdown.txt")

SCENARIOS_TABLE_60 = expected("scenarios-table-60.txt")

SCENARIOS_PLAIN = expected("scenarios-plain.txt")

SCENARIOS_CSV = expected("scenarios-csv.txt")

SCENARIOS_MARKDOWN = expected("scenarios-markdown.txt")


@pytest.mark.parametrize(
    ("renderer", "name", "width", "expected"),
    [
        (timeline, "timeline", 80, TIMELINE_TABLE_80),
        (timeline, "timeline", 50, TIMELINE_TABLE_50),
        (sources, "sources", 80, SOURCES_TABLE_80),
        (sources, "sources", 50, SOURCES_TABLE_50),
        (changes, "changes", 80, CHANGES_TABLE_80),
        (changes, "changes", 50, CHANGES_TABLE_50),
        (compare, "compare", 80, COMPARE_TABLE_80),
        (compare, "compare", 50, COMPARE_TABLE_50),
    ],
)
def test_tables_at_each_width(renderer: Any, name: str, width: int, expected: str) -> None:
    text = draw(renderer, view(name), width)
    assert text == expected
    assert all(len(line) <= width for line in text.splitlines())
    assert "…" not in text


@pytest.mark.parametrize(
    ("renderer", "name", "plain", "csv", "markdown"),
    [
        (timeline, "timeline", TIMELINE_PLAIN, TIMELINE_CSV, TIMELINE_MARKDOWN),
        (sources, "sources", SOURCES_PLAIN, SOURCES_CSV, SOURCES_MARKDOWN),
        (changes, "changes", CHANGES_PLAIN, CHANGES_CSV, CHANGES_MARKDOWN),
        (compare, "compare", COMPARE_PLAIN, COMPARE_CSV, COMPARE_MARKDOWN),
    ],
)
def test_plain_csv_and_markdown(
    renderer: Any, name: str, plain: str, csv: str, markdown: str
) -> None:
    doc = view(name)
    assert renderer.plain(clean_view(doc)) == plain
    assert renderer.csv(clean_view(doc, max_len=None)) == csv
    assert renderer.markdown(clean_view(doc, max_len=None)) == markdown


def test_cases_and_scenarios_in_every_format() -> None:
    assert draw(catalog.Cases, CASES, 60) == CASES_TABLE_60
    assert catalog.Cases.plain(CASES) == CASES_PLAIN
    assert catalog.Cases.csv(CASES) == CASES_CSV
    assert catalog.Cases.markdown(CASES) == CASES_MARKDOWN
    assert draw(catalog.Scenarios, SCENARIOS, 60) == SCENARIOS_TABLE_60
    assert catalog.Scenarios.plain(SCENARIOS) == SCENARIOS_PLAIN
    assert catalog.Scenarios.csv(SCENARIOS) == SCENARIOS_CSV
    assert catalog.Scenarios.markdown(SCENARIOS) == SCENARIOS_MARKDOWN


def test_the_timeline_gives_the_quote_the_room_left() -> None:
    """At 80 columns the quote column is all but the 10-character date column."""
    header = TIMELINE_TABLE_80.splitlines()[1]
    assert header.index("Where, what was said") == 12
    long_quote = "word " * 40
    doc = view("timeline")
    doc["entries"][0]["text"] = long_quote.strip()
    text = draw(timeline, doc, 80)
    quote_lines = [line for line in text.splitlines() if "word word" in line]
    assert all(len(line) > 70 for line in quote_lines[:-1])  # full lines, not 10 characters


def test_compare_keeps_the_star_and_names_parties() -> None:
    for text in (COMPARE_TABLE_80, COMPARE_PLAIN):
        assert "proposes*" in text
        assert "Mediator Republic" in text
    assert "\nm " not in COMPARE_PLAIN  # party ids are not shown to people


@pytest.mark.parametrize(
    ("renderer", "args", "name"),
    [
        (timeline, ["timeline", "--data", TOY], "timeline"),
        (sources, ["sources", "--data", TOY], "sources"),
        (changes, ["changes", "--data", TOY, "--since", "2020-01-03", "--until", "2020-01-10"], ""),
        (compare, ["compare", "x", "y", "z", "--data", TOY, "--as-of", "2020-01-10"], ""),
    ],
)
def test_the_cli_draws_the_live_document(renderer: Any, args: list[str], name: str) -> None:
    live = json.loads(run(*args, "--format", "json").stdout)
    assert run(*args, "-f", "table", env={"COLUMNS": "80"}).stdout == draw(renderer, live, 80)


def test_the_bundled_lists_fit_80_columns() -> None:
    """sources, timeline --venue moscow, cases and scenarios at 80 columns: no line wider,
    nothing cut with an ellipsis, and the Moscow quotes get more than 60 columns."""
    for args in (
        ["sources"],
        ["timeline", "--venue", "moscow", "--until", "2025-09-05"],
        ["cases"],
        ["scenarios"],
    ):
        text = run(*args, "--format", "table", env={"COLUMNS": "80"}).stdout
        assert all(len(line) <= 80 for line in text.splitlines()), args
        assert "…" not in text, args
    text = run("timeline", "--venue", "moscow", "-f", "table", env={"COLUMNS": "80"}).stdout
    header = next(line for line in text.splitlines() if "Where, what was said" in line)
    assert 80 - header.index("Where") >= 60


def test_only_a_plain_http_address_becomes_a_terminal_hyperlink() -> None:
    """The sources table linked every address as an OSC 8 hyperlink, so a dataset's
    `file:///etc/passwd` or `javascript:` address became a link in the user's terminal; the
    reports already linked http(s) only. Each address is still shown, as text."""
    doc = view("sources")
    urls = ["https://example.org/a", "file:///etc/passwd", "javascript:alert(1)"]
    rows = [dict(doc["sources"][0], id=f"s{i}", url=u) for i, u in enumerate(urls)]
    doc = {**doc, "sources": rows}
    c = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    c.print(sources.table(clean_view(doc)))
    out = c.file.getvalue()  # type: ignore[attr-defined]
    links = [part.split("\x1b\\", 1)[0] for part in out.split("\x1b]8;")[1:]]
    targets = sorted({link.split(";", 1)[1] for link in links if link.split(";", 1)[1]})
    assert targets == ["https://example.org/a"]
    plain = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", out)
    assert all(u in plain for u in urls)
