"""`venues rank` on a terminal: the table fits the width by shedding parts in a fixed order
(bars; main obstacle; the mediators' columns; then a stacked list, with abbreviated stances
when even that is too narrow), each venue on at most two lines, and every format says that
scores are conditional on a meeting taking place.

Renderer tests draw a frozen document (tests/fixtures/cli/views/rank.json, the JSON of
`venues rank --data tests/fixtures/cli/toy.yaml --as-of 2020-01-10`), so model changes do not
move them; the CLI tests check that the live command draws the same thing at the terminal's
width.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.conftest import FIXTURES, run
from venue_cli.cli import output
from venue_cli.render import rank
from venue_cli.safety import clean_view

TOY = str(FIXTURES / "cli" / "toy.yaml")
VIEWS = FIXTURES / "cli" / "views"


def view(name: str) -> dict[str, Any]:
    return json.loads((VIEWS / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def draw(renderer: Any, doc: dict[str, Any], width: int) -> str:
    """The table as a terminal `width` columns wide shows it (no colour, ASCII bars)."""
    c = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    return output.table_text(renderer, doc, c, True)


EXPECTED = FIXTURES / "cli" / "expected"


def expected(name: str) -> str:
    """An exact expected output, kept in tests/fixtures/cli/expected/ (long lines; after a
    deliberate change, rewrite them with `python -m tests.fixtures.cli.regenerate`)."""
    return (EXPECTED / name).read_text(encoding="utf-8")


TABLE_160 = expected("rank-table-160.txt")

TABLE_80 = expected("rank-table-80.txt")

TABLE_70 = expected("rank-table-70.txt")

TABLE_60 = expected("rank-table-60.txt")

TABLE_40 = expected("rank-table-40.txt")

PLAIN = expected("rank-plain.txt")

CSV = expected("rank-csv.txt")

MARKDOWN = expected("rank-markdown.txt")


@pytest.mark.parametrize(
    ("width", "expected"),
    [(160, TABLE_160), (80, TABLE_80), (70, TABLE_70), (60, TABLE_60), (40, TABLE_40)],
)
def test_rank_table_at_each_width(width: int, expected: str) -> None:
    assert draw(rank, view("rank"), width) == expected


def test_the_shedding_order_is_fixed() -> None:
    doc = view("rank")
    steps = [(w, rank.choose_layout(doc, w)) for w in (160, 100, 80, 70, 60, 40)]
    assert [(w, lay.left_out, lay.stacked, lay.abbreviate) for w, lay in steps] == [
        (160, (), False, False),
        (100, ("bars", "main obstacle"), False, False),
        (80, ("bars", "main obstacle"), False, False),
        (70, ("bars", "main obstacle", "Mediator Republic"), False, False),
        (60, ("bars", "main obstacle"), True, False),
        (40, ("bars", "main obstacle"), True, True),
    ]
    # without the obstacle column only, between the two: 101 columns wide
    assert rank.choose_layout(doc, 101).left_out == ("bars",)


@pytest.mark.parametrize("width", [40, 50, 60, 70, 80, 100, 120, 160])
def test_every_line_fits_and_no_stance_or_date_is_cut(width: int) -> None:
    text = draw(rank, view("rank"), width)
    table = text.split("\nstance = ")[0]
    assert "…" not in text
    if width >= 70:  # a table: at most two lines per venue, none wider than the terminal
        assert all(len(line) <= width for line in text.splitlines())
        rows = [line for line in table.splitlines() if re.match(r"\d ", line)]
        assert len(rows) == 3
        assert len(table.splitlines()) - 3 <= 2 * 3 + 1  # title, header(s), rule
    for word in ("reluctant", "accepts", "2020-01-05", "2020-01-04", "2020-01-02"):
        assert word in table or word[:3] in table


def test_plain_csv_and_markdown() -> None:
    doc = view("rank")
    assert rank.plain(clean_view(doc)) == PLAIN
    assert rank.csv(clean_view(doc, max_len=None)) == CSV
    assert rank.markdown(clean_view(doc, max_len=None)) == MARKDOWN


def test_every_format_says_scores_are_conditional() -> None:
    doc = view("rank")
    sentence = "conditional on a meeting taking place"
    for text in (PLAIN, MARKDOWN, TABLE_80, TABLE_40):
        assert sentence in " ".join(text.split()), text[:40]
    assert json.loads(json.dumps(doc))["conditional"].startswith("scores and probabilities")


def test_the_cli_draws_the_table_at_the_terminal_width(tmp_path: Path) -> None:
    """`--format table` is the renderer's table of the live document at COLUMNS."""
    args = ["rank", "--data", TOY, "--as-of", "2020-01-10"]
    live = json.loads(run(*args, "--format", "json").stdout)
    for width in (80, 60):
        shown = run(*args, "--format", "table", env={"COLUMNS": str(width)}).stdout
        assert shown == draw(rank, live, width)


def test_the_bundled_ranking_fits_80_columns_with_two_lines_a_venue() -> None:
    """At 80 columns every venue of the bundled case takes at most two lines, no stance or
    date is cut, no name is split (facts that new records cannot change)."""
    args = ["rank", "--as-of", "2025-09-05", "--format", "table"]
    text = run(*args, env={"COLUMNS": "80"}).stdout
    doc = json.loads(run("rank", "--as-of", "2025-09-05", "--format", "json").stdout)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in text
    starts = [i for i, line in enumerate(lines) if re.match(r"\s*\d+  \S", line)]
    assert len(starts) == len(doc["venues"])
    assert all(b - a <= 2 for a, b in itertools.pairwise(starts))
    for v, i in zip(doc["venues"], starts, strict=True):
        assert v["name"] in lines[i]  # the whole name, on one line
        for p in v["parties"]:
            if p["stance"]:
                assert p["stance"] in lines[i]
                assert p["stance_date"] in lines[i + 1]


def test_the_bundled_ranking_at_40_columns_is_a_short_stacked_list() -> None:
    doc = json.loads(run("rank", "--as-of", "2025-09-05", "--format", "json").stdout)
    text = run("rank", "--as-of", "2025-09-05", "-f", "table", env={"COLUMNS": "40"}).stdout
    assert all(len(line) <= 40 for line in text.splitlines())
    per_venue = 1 + len(doc["venues"][0]["parties"])
    assert len(text.splitlines()) <= per_venue * len(doc["venues"]) + 16


@pytest.mark.parametrize("width", [160, 80, 40])
def test_names_are_never_read_as_markup(width: int) -> None:
    """A party or venue named like Rich markup is shown as written (headers included)."""
    doc = view("rank")
    for v in doc["venues"]:
        v["name"] = "[/oops] [b]V[/b]"
        for p in v["parties"]:
            p["name"] = "[/x]"
    text = draw(rank, doc, width)
    assert "[/oops] [b]V[/b]" in text
    assert "[/x]" in text


def test_a_faded_stance_is_named_in_brackets_with_its_legend() -> None:
    """A stance whose evidence has all but faded is still what the party last said: it is
    shown in brackets, with a legend line that appears only when one is shown."""
    doc = view("rank")
    party = doc["venues"][2]["parties"][1]  # Bland on Zed Town: rejects 2020-01-03
    party["stance_faded"] = True
    plain = rank.plain(doc)
    assert "(rejects) 2020-01-03" in plain
    assert "# (stance) = faded: the evidence is so old or weak that it barely counts\n" in plain
    assert "(stance) = faded" not in rank.plain(view("rank"))
    csv_rows = rank.csv(doc).splitlines()
    head = csv_rows[0].split(",")
    assert csv_rows[3].split(",")[head.index("b_stance_faded")] == "true"
    assert "(rejects)" in draw(rank, doc, 160)


def test_live_faded_stances_on_the_toy_case() -> None:
    """Two years on, every stance in the toy case has faded: still named, in brackets, and no
    longer an obstacle; the vetoes stand (a rejection not overtaken does not fade)."""
    doc = json.loads(run("rank", "--data", TOY, "--as-of", "2022-01-10", "--format", "json").stdout)
    x = next(v for v in doc["venues"] if v["id"] == "x")
    aland = x["parties"][0]
    assert (aland["stance"], aland["stance_faded"]) == ("reluctant", True)
    assert x["main_obstacle"] != "Aland reluctant"
    z = next(v for v in doc["venues"] if v["id"] == "z")
    assert z["vetoed_by"] == ["b"]


def test_plain_columns_align_in_terminal_cells_not_code_points(tmp_path: Path) -> None:
    """'Génève' written with combining accents is 8 code points in 6 cells, and '日内瓦' is 3
    code points in 6 cells: padded by `len`, the columns after such a name drifted."""
    text = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("name: South City", 'name: "Ge\\u0301ne\\u0300ve \\u65e5\\u5185\\u74e6"')
    case = tmp_path / "wide.yaml"
    case.write_text(text, encoding="utf-8")
    args = ("rank", "--data", str(case), "--as-of", "2025-09-01", "--format")
    out = run(*args, "plain").stdout
    # the scores and probabilities come from the fitted constants: read them, not the layout
    scored = json.loads(run(*args, "json").stdout)["venues"]
    s = [(f"{v['joint_score']:.3f}", f"{round(v['probability'] * 100)}%".ljust(5)) for v in scored]
    assert [v["id"] for v in scored] == ["south-city", "neutral-city", "north-city"]
    assert out.splitlines()[5:] == [
        "rank  venue          country  score  prob.  feasible  North                  South"
        "                  main obstacle",
        f"1     G\u0065\u0301ne\u0300ve \u65e5\u5185\u74e6  SS       {s[0][0]}  {s[0][1]}  "
        "yes       no statement           no statement           North: home turf",
        f"2     Neutral City   HH       {s[1][0]}  {s[1][1]}  yes       no statement           "
        "(accepts*) 2020-01-04  North: legal",
        f"3     North City     NN       {s[2][0]}  {s[2][1]}  VETO      (proposes) 2020-01-02  "
        "(rejects) 2020-01-03   vetoed by South",
    ]


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("", 0),
        ("Geneva", 6),
        ("Ge\u0301ne\u0300ve", 6),  # combining acute and grave: no cell
        ("\u65e5\u5185\u74e6", 6),  # wide
        ("\uff27", 2),  # a fullwidth G
        ("a\u200db", 2),  # a zero-width joiner (Rich 14 gives it a cell; terminals do not)
        ("\u00e9", 1),  # a precomposed é
    ],
)
def test_cells_counts_what_a_terminal_draws(text: str, cells: int) -> None:
    from rich.cells import cell_len

    from venue_cli.textfmt import cells as count

    assert count(text) == cells
    if "\u200d" not in text:
        assert cell_len(text) == cells


def test_the_one_cell_shortcut_agrees_with_unicodedata() -> None:
    """`cells` skips unicodedata for the characters it knows are one cell (Latin, general
    punctuation, arrows, box drawing, blocks, shapes); every one of them must be."""
    import unicodedata

    from venue_cli.textfmt import _NOT_ONE_CELL, cells

    shortcut = [chr(c) for c in range(0x80, 0x2600) if _NOT_ONE_CELL.search(chr(c)) is None]
    assert len(shortcut) > 1000
    for ch in shortcut:
        if unicodedata.category(ch) == "Cc":
            continue  # controls: escaped before any text is laid out
        if ch == "\u00ad":
            continue  # the soft hyphen: one cell, as Rich and most terminals draw it
        assert not unicodedata.combining(ch), hex(ord(ch))
        assert unicodedata.category(ch) not in ("Mn", "Me", "Cf"), hex(ord(ch))
        assert unicodedata.east_asian_width(ch) not in ("W", "F"), hex(ord(ch))
        assert cells(ch) == 1


def test_the_rank_document_shares_only_what_is_the_same() -> None:
    """`rank_view` writes one brief for party scores with the same party, weight, utility
    and stance, and finds each stance's and each criteria tuple's worst term once: every
    venue's brief and main obstacle must be what it would be on its own (a dataset with
    many venues sharing places and blanket remarks, and the bundled cases)."""
    import datetime as dt

    from tests.conftest import ROOT, synthetic_generator
    from venue_cli.load import load_dataset, parse_dataset
    from venue_cli.model.obstacles import main_obstacle
    from venue_cli.model.ranking import rank_venues
    from venue_cli.views.core import party_brief, rank_view

    synthetic = synthetic_generator()
    cases = [(parse_dataset(synthetic.generate(400, 6, seed=5), "s.yaml"), synthetic.AS_OF)]
    for path in sorted((ROOT / "data" / "cases").glob("*.yaml"))[:40]:
        case = load_dataset(path)
        assert case.case.decision_date is not None
        cases.append((case, case.case.decision_date - dt.timedelta(days=1)))
    shared_briefs = 0
    for data, day in cases:
        ranking = rank_venues(data, day)
        doc = rank_view(ranking)
        seen: set[int] = set()
        for row, score in zip(doc["venues"], ranking.scores, strict=True):
            assert row["main_obstacle"] == main_obstacle(ranking, score)
            for brief, ps in zip(row["parties"], score.parties, strict=True):
                assert brief == party_brief(data, ps)
                shared_briefs += id(brief) in seen
                seen.add(id(brief))
    assert shared_briefs > 1000  # the sharing is exercised
