"""`venues explain` in every format: each term of a party's utility (each piece of stance
evidence with its conditions, the prior, each criterion with its effective weight, the
momentum) adding up to the utility shown; the preconditions stated by the date; the note that
scores are conditional on a meeting; and a real CSV of the contribution terms.

Renderer tests draw the frozen document tests/fixtures/cli/views/explain.json (`venues
explain x --data tests/fixtures/cli/toy.yaml --as-of 2020-01-10 --format json`).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

from rich.console import Console

from tests.conftest import FIXTURES, run
from venue_cli.cli import output
from venue_cli.render import explain
from venue_cli.safety import clean_view

TOY = str(FIXTURES / "cli" / "toy.yaml")
VIEWS = FIXTURES / "cli" / "views"


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


TABLE_80 = expected("explain-table-80.txt")

PLAIN = expected("explain-plain.txt")

CSV = expected("explain-csv.txt")

MARKDOWN = expected("explain-markdown.txt")


def test_explain_table_at_80_columns() -> None:
    text = draw(explain, view("explain"), 80)
    assert text == TABLE_80
    assert all(len(line) <= 80 for line in text.splitlines())


def test_explain_plain_markdown_and_csv() -> None:
    doc = view("explain")
    assert explain.plain(clean_view(doc)) == PLAIN
    assert explain.markdown(clean_view(doc, max_len=None)) == MARKDOWN
    assert explain.csv(clean_view(doc, max_len=None)) == CSV


def test_the_terms_shown_add_up_to_the_utility_shown() -> None:
    """In the table, plain and Markdown, each party's shown contributions sum digit for
    digit to its shown total; the CSV's full contributions sum to the utility."""
    doc = view("explain")
    for p in doc["parties"]:
        rows, total = explain._party_rows(p)
        shown = [float(r[3]) for r in rows[1:]]
        assert f"{sum(shown):.4f}" == total == f"{p['utility']:.4f}"
        assert len(rows) - 1 == len(p["evidence"]) + 1 + len(p["criteria"]) + 1
    for text in (PLAIN, TABLE_80, MARKDOWN):
        for p in doc["parties"]:
            assert f"{p['utility']:.4f}" in text
    by_party: dict[str, float] = {}
    for r in csv.DictReader(io.StringIO(CSV)):
        assert math.isclose(
            float(r["contribution"]), float(r["value"]) * float(r["effective_weight"]), abs_tol=2e-6
        )
        by_party[r["party"]] = by_party.get(r["party"], 0.0) + float(r["contribution"])
    for p in doc["parties"]:
        assert math.isclose(by_party[p["id"]], p["utility"], abs_tol=1e-5)


def test_evidence_conditions_preconditions_and_the_conditional_note() -> None:
    for text in (PLAIN, TABLE_80, MARKDOWN):
        flat = " ".join(text.replace("\\", "").split())  # Markdown escapes read as text
        assert "conditions: timing: after a ceasefire" in flat
        assert "The meeting must be well prepared." in flat  # stated 2020-01-02
        assert "Only to sign an agreement" not in flat  # stated after the date scored
        assert "conditional on a meeting taking place" in flat
        assert "talks attended 0.800" in flat or "talks attended | 0.800" in flat  # an event
        assert "2020-01-07 [talks], as 'accepts'" in flat
    assert len(view("explain")["preconditions"]) == 2  # JSON keeps every precondition


def test_the_cli_draws_the_live_document(tmp_path: Path) -> None:
    args = ["explain", "x", "--data", TOY, "--as-of", "2020-01-10"]
    live = json.loads(run(*args, "--format", "json").stdout)
    assert run(*args, "-f", "table", env={"COLUMNS": "80"}).stdout == draw(explain, live, 80)
    assert run(*args, "-f", "plain").stdout == explain.plain(clean_view(live))


def test_a_group_is_explained_venue_by_venue_in_every_format() -> None:
    args = ["explain", "west", "--data", TOY, "--as-of", "2020-01-10"]
    table = run(*args, "-f", "table", env={"COLUMNS": "80"}).stdout
    assert table.count("X City (Xland) — rank 1 of 3") == 1
    assert table.count("Y City (Yland) — rank 2 of 3") == 1
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert {r["venue"] for r in rows} == {"x", "y"}
    md = run(*args, "-f", "markdown").stdout
    assert "### X City (Xland)" in md
    assert "### Y City (Yland)" in md


def test_data_is_shown_literally_never_as_markup(tmp_path: Path) -> None:
    text = (
        Path(TOY)
        .read_text(encoding="utf-8")
        .replace("name: X City,", 'name: "X [b]bold[/b] *em* <i>",')
    )
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["explain", "x", "--data", str(path), "--as-of", "2020-01-10"]
    table = run(*args, "-f", "table", env={"COLUMNS": "100"}).stdout
    assert "X [b]bold[/b] *em* <i> (Xland)" in table
    md = run(*args, "-f", "markdown").stdout
    assert "### X \\[b\\]bold\\[/b\\] \\*em\\* &lt;i&gt; (Xland)" in md
