"""`venues sensitivity` on a terminal: the heat map names every venue and shows every rank
column at 80 columns (a long name folds at a space; narrower, the ranks split over several
maps), and the stability intervals that matter fit the width too.

The document here is made by hand (14 venues, one with a long name), so the output does not
depend on the model or on sampling.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rich.console import Console

from tests.conftest import FIXTURES, run
from venue_cli.cli import output
from venue_cli.render import sensitivity
from venue_cli.safety import clean_view

TOY = str(FIXTURES / "cli" / "toy.yaml")
NAMES = [
    "Alpha",
    "Beta",
    "Gamma",
    "Holy See (Vatican City)",
    "Delta",
    "Epsilon",
    "Zeta",
    "Eta",
    "Theta",
    "Iota",
    "Kappa",
    "Lambda",
    "Mu",
    "Nu",
]


def synthetic() -> dict[str, Any]:
    """Venue i mostly at rank i+1; the last one vetoed in every sample."""
    n = len(NAMES)
    venues = []
    for i, name in enumerate(NAMES):
        shares = [0.0] * n
        if i == n - 1:
            shares[i] = 1.0
        else:
            shares[i] = 0.6
            shares[min(i + 1, n - 2)] += 0.3
            shares[max(i - 1, 0)] += 0.096
            shares[min(i + 2, n - 2)] += 0.004
        venues.append(
            {
                "id": f"v{i}",
                "name": name,
                "deterministic_rank": i + 1,
                "expected_rank": i + 1.2,
                "feasible_share": 1.0 if i < n - 1 else 0.0,
                "acceptability": shares,
            }
        )

    def stab(party: str, crit: str, w: float, lo: float, hi: float, below: Any, above: Any) -> Any:
        name = {"a": "Aland", "b": "Bland"}[party]
        return {
            "party": party,
            "party_name": name,
            "criterion": crit,
            "weight": w,
            "low": lo,
            "high": hi,
            "below": below,
            "above": above,
        }

    return {
        "schema_version": 1,
        "command": "sensitivity",
        "case": "syn",
        "case_title": "Synthetic",
        "meeting": "leaders",
        "as_of": "2020-01-10",
        "method": "nash",
        "perspective": None,
        "assumptions": [],
        "data": "syn.yaml",
        "warnings": [],
        "samples": 1000,
        "seed": 0,
        "concentration": 50.0,
        "uncertain_stances": 2,
        "headline": "Alpha ranks first in 70% of 1,000 samples",
        "ranks_shown": n,
        "venues": venues,
        "stability": [
            stab("a", "legal", 0.15, 0.0, 1.0, None, None),
            stab("a", "security", 0.2, 0.05, 0.61, "Beta", "Holy See (Vatican City)"),
            stab("b", "home_turf", 0.0, 0.0, 1.0, None, None),
            stab("b", "neutrality", 0.2, 0.0, 0.4, None, "Gamma"),
        ],
    }


def draw(doc: dict[str, Any], width: int) -> str:
    c = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    return output.table_text(sensitivity, doc, c, True)


EXPECTED = FIXTURES / "cli" / "expected"


def expected(name: str) -> str:
    """An exact expected output, kept in tests/fixtures/cli/expected/ (long lines; after a
    deliberate change, rewrite them with `python -m tests.fixtures.cli.regenerate`)."""
    return (EXPECTED / name).read_text(encoding="utf-8")


TABLE_100 = expected("sensitivity-table-100.txt")

TABLE_80 = expected("sensitivity-table-80.txt")

TABLE_50 = expected("sensitivity-table-50.txt")

PLAIN = expected("sensitivity-plain.txt")

CSV = expected("sensitivity-csv.txt")

MARKDOWN = expected("sensitivity-markdown.txt")


@pytest.mark.parametrize(("width", "expected"), [(100, TABLE_100), (80, TABLE_80), (50, TABLE_50)])
def test_heat_map_at_each_width(width: int, expected: str) -> None:
    text = draw(synthetic(), width)
    assert text == expected
    assert all(len(line) <= width for line in text.splitlines())
    assert "…" not in text


def test_at_80_columns_every_venue_and_every_rank_column_is_shown() -> None:
    text = draw(synthetic(), 80)
    header = next(line for line in text.splitlines() if line.startswith("Venue"))
    assert header.split()[2:] == [str(k) for k in range(1, 15)]
    flat = " ".join(text.split())
    for name in NAMES:
        assert name in flat


def test_every_format_says_scores_are_conditional() -> None:
    for text in (TABLE_80, PLAIN, MARKDOWN):
        assert "conditional on a meeting taking place" in " ".join(text.split())


def test_plain_csv_and_markdown() -> None:
    doc = synthetic()
    assert sensitivity.plain(clean_view(doc)) == PLAIN
    assert sensitivity.csv(clean_view(doc, max_len=None)) == CSV
    assert sensitivity.markdown(clean_view(doc, max_len=None)) == MARKDOWN


def test_the_cli_draws_the_live_document() -> None:
    args = ["sensitivity", "--data", TOY, "--as-of", "2020-01-10", "-n", "500"]
    live = json.loads(run(*args, "--format", "json").stdout)
    assert run(*args, "-f", "table", env={"COLUMNS": "80"}).stdout == draw(live, 80)


def test_the_bundled_heat_map_shows_every_rank_at_80_columns() -> None:
    args = ["sensitivity", "--as-of", "2025-09-05", "-n", "500"]
    doc = json.loads(run(*args, "--format", "json").stdout)
    text = run(*args, "--format", "table", env={"COLUMNS": "80"}).stdout
    assert all(len(line) <= 80 for line in text.splitlines())
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith("Venue"))
    assert lines[top].split()[2:] == [str(k) for k in range(1, doc["ranks_shown"] + 1)]
    name_w = lines[top].index("exp.") - 1
    body = lines[top + 2 : top + 2 + len(doc["venues"]) + 3]
    names = " ".join(line[:name_w].strip() for line in body)  # the venue column, read down
    for v in doc["venues"]:
        assert v["name"] in names
    assert "…" not in text
