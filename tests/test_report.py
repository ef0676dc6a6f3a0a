"""`venue_cli.report`: the self-contained HTML, Markdown and SVG reports.

Rendering is tested on MINI, a small report written out by hand (so that the expected output
does not move when the model's fitted constants do); `report_data` and the CLI on the tiny
fixture with a pinned date; escaping on hostile strings pushed into every view.
The layout in a real browser is in tests/test_report_browser.py.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TINY, run
from venue_cli.errors import InvalidArgumentError
from venue_cli.load import load_dataset
from venue_cli.model.ranking import rank_venues
from venue_cli.records import Dataset, Precondition, Source
from venue_cli.report import FORMATS, ReportData, build_report, charts, known_on, report_data
from venue_cli.views.types import CONDITIONAL

SVG = "{http://www.w3.org/2000/svg}"
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}
CITE = "Test Gazette, 2020-01-01, https://example.org/1"


# --------------------------------------------------------------------------- MINI


def _brief(pid: str, name: str, utility: float, stance: str | None, date: str | None) -> Any:
    return {
        "id": pid,
        "name": name,
        "weight": 0.5,
        "utility": utility,
        "stance": stance,
        "stance_date": date,
        "stance_statement": None,
        "stance_discounted": False,
        "stance_score": 0.5,
    }


def _criterion(key: str, label: str, value: float, weight: float, rule: str) -> Any:
    return {
        "criterion": key,
        "label": label,
        "value": value,
        "weight": weight * 2.5,
        "effective_weight": weight,
        "contribution": value * weight,
        "rule": rule,
        "judged": False,
        "evidence": [],
    }


MOMENTUM_RULE = "newest positive news: North proposes, 2020-01-05 (1 days before)"


def _north() -> Any:
    """North at Alpha: one statement (score 0.8, 3/4 of the stance) and the prior; the
    terms 0.3625 + 0.1 + 0.2 + 0.05 make a utility of 0.7125, shown as 0.713 with the stance
    rounded up to 0.363 — so the evidence rows must add up to 0.363, not to 0.362."""
    return {
        **_brief("north", "North", 0.7125, "proposes", "2020-01-05"),
        "stance_score": 0.725,
        "stance_share": 0.5,
        "stance_contribution": 0.3625,
        "stance_prior_share": 0.25,
        "stance_prior_contribution": 0.0625,
        "evidence": [
            {
                "kind": "statement",
                "id": "n1",
                "date": "2020-01-05",
                "stance": "proposes",
                "score": 0.8,
                "meeting": "leaders",
                "named": True,
                "quality": 1.0,
                "relatedness": 1.0,
                "specificity": 1.0,
                "decay": 1.0,
                "weight": 1.0,
                "share": 0.75,
                "contribution": 0.5 * 0.75 * 0.8,
                "quote": "Come to Alpha.",
                "speaker": "Leader N",
                "conditions": ["timing: after a ceasefire"],
            }
        ],
        "lapsed": [],
        "statement": {
            "id": "n1",
            "date": "2020-01-05",
            "party": "north",
            "party_name": "North",
            "speaker": "Leader N",
            "venues": ["alpha"],
            "stance": "proposes",
            "meeting": "leaders",
            "quote": "Come to Alpha.",
            "attribution": "first_hand",
            "confidence": "high",
            "context": None,
            "note": None,
            "assumed": False,
            "sources": [CITE],
        },
        "criteria": [
            _criterion("legal", "Legal exposure", 0.5, 0.2, "a warrant, no pledge"),
            _criterion("home_turf", "Home turf", 1.0, 0.2, "its own ground"),
        ],
        "momentum_weight": 0.1,
        "momentum_value": 0.5,
        "momentum_rule": MOMENTUM_RULE,
        "momentum_contribution": 0.05,
    }


def _south() -> Any:
    """South at Alpha: no statement (the prior is the whole stance)."""
    return {
        **_brief("south", "South", 0.62, None, None),
        "stance_share": 0.5,
        "stance_contribution": 0.25,
        "stance_prior_share": 1.0,
        "stance_prior_contribution": 0.25,
        "evidence": [],
        "lapsed": [],
        "statement": None,
        "criteria": [_criterion("security", "Security", 0.8, 0.4, "the default value")],
        "momentum_weight": 0.1,
        "momentum_value": 0.5,
        "momentum_rule": MOMENTUM_RULE,
        "momentum_contribution": 0.05,
    }


HEADER = {
    "schema_version": 1,
    "case": "mini",
    "case_title": "Mini case",
    "meeting": "leaders",
    "as_of": "2020-01-06",
    "method": "nash",
    "perspective": None,
    "assumptions": [],
    "data": "/home/someone/private/mini.yaml",
    "warnings": [],
}
PRECONDITIONS = [
    {"id": "p1", "party": "south", "date": "2020-01-02", "text": "a ceasefire first",
     "sources": [CITE]},
]  # fmt: skip


def mini() -> ReportData:
    north, south = _north(), _south()
    alpha = {
        "rank": 1,
        "id": "alpha",
        "name": "Alpha",
        "city": "Alpha City",
        "country": "AA",
        "country_name": "Aland",
        "joint_score": 0.6646,
        "feasible": True,
        "vetoed_by": [],
        "main_obstacle": "North: legal",
        "parties": [_brief("north", "North", 0.7125, "proposes", "2020-01-05"),
                    _brief("south", "South", 0.62, None, None)],
        "probability": 0.996,
        "momentum": 0.5,
    }  # fmt: skip
    beta = {
        **alpha,
        "rank": 2,
        "id": "beta",
        "name": "Beta",
        "city": "Beta City",
        "country": "BB",
        "country_name": "Bland",
        "joint_score": 0.25,
        "feasible": False,
        "vetoed_by": ["south"],
        "main_obstacle": "vetoed by South",
        "parties": [_brief("north", "North", 0.5, "open", "2020-01-03"),
                    _brief("south", "South", 0.125, "rejects", "2020-01-04")],
        "probability": 0.004,
    }  # fmt: skip
    rank = {**HEADER, "command": "rank", "conditional": CONDITIONAL, "venues": [alpha, beta]}
    explain = {
        **HEADER,
        "command": "explain",
        "conditional": CONDITIONAL,
        "preconditions": PRECONDITIONS,
        "venue": {"id": "alpha", "name": "Alpha", "city": "Alpha City", "country": "AA",
                  "country_name": "Aland", "aliases": [], "note": None},
        "rank": 1,
        "of": 2,
        "joint_score": 0.6646,
        "probability": 0.996,
        "momentum": {"value": 0.5, "statement": "n1", "date": "2020-01-05",
                     "rule": MOMENTUM_RULE},
        "feasible": True,
        "vetoes": [],
        "parties": [north, south],
        "obstacles": [{"party": "north", "what": "legal", "description": "North: legal 0.50",
                       "remedy": "an immunity pledge", "loss": 0.1, "evidence": []}],
        "history": [],
        "facts": [],
        "events": [],
        "criteria_order": ["legal", "security", "home_turf"],
    }  # fmt: skip
    backtest = {
        "schema_version": 1,
        "command": "backtest",
        "method": "nash",
        "conditional": CONDITIONAL,
        "cases": [
            {"case": "c1", "title": "Case one", "decision_date": "2001-02-03",
             "as_of": "2001-02-02", "chosen": "x", "chosen_name": "Xville", "rank": 1,
             "venues": 3, "chosen_feasible": True, "model_first": "x",
             "model_first_name": "Xville", "tied_with": 1, "expected_rank": 1.0,
             "chosen_probability": 0.8, "single_venue": False, "warnings": []},
            {"case": "c2", "title": "Case two", "decision_date": "2002-03-04",
             "as_of": "2002-03-03", "chosen": "y", "chosen_name": "Ytown", "rank": 2,
             "venues": 2, "chosen_feasible": False, "model_first": "z",
             "model_first_name": "Zburg", "tied_with": 2, "expected_rank": 1.5,
             "chosen_probability": 0.3, "single_venue": False, "warnings": []},
        ],
        "summary": {
            "cases": 2, "top1": 0.75, "top3": 1.0, "mrr": 0.875, "log_loss": 0.7136,
            "brier": 0.1234,
            "baseline": {"cases": 2, "top1": 0.4167, "top3": 1.0, "mrr": 0.6944,
                         "log_loss": 0.8959, "brier": 0.5833},
            "uncalibrated": {"cases": 2, "top1": 0.5, "top3": 1.0, "mrr": 0.75,
                             "log_loss": 0.9, "brier": 0.3},
            "held_out": None,
            "single_venue": [],
        },
        "reliability": [
            {"low": 0.0, "high": 0.5, "venues": 3, "mean_probability": 0.2,
             "chosen_share": 1 / 3},
            {"low": 0.5, "high": 1.0, "venues": 1, "mean_probability": 0.8,
             "chosen_share": 1.0},
        ],
    }  # fmt: skip
    timeline = {
        "schema_version": 1,
        "command": "timeline",
        "case": "mini",
        "case_title": "Mini case",
        "entries": [
            {"date": "2020-01-05", "kind": "statement", "id": "n1", "party": "North",
             "speaker": "Leader N", "venues": ["Alpha"], "stance": "proposes",
             "meeting": "leaders", "text": "Come to Alpha.", "source": CITE},
        ],
    }  # fmt: skip
    sources = [
        {"id": "s1", "outlet": "Test Gazette", "date": "2020-01-01", "title": None,
         "url": "https://example.org/1", "via": None, "reliability": "normal",
         "cited_by": ["statement n1"]},
    ]  # fmt: skip
    sensitivity = {
        **HEADER,
        "command": "sensitivity",
        "samples": 1000,
        "seed": 0,
        "concentration": 50.0,
        "uncertain_stances": 1,
        "headline": "Alpha ranks first in 97% of 1,000 samples",
        "ranks_shown": 2,
        "venues": [
            {"id": "alpha", "name": "Alpha", "deterministic_rank": 1, "expected_rank": 1.03,
             "feasible_share": 1.0, "acceptability": [0.97, 0.03]},
            {"id": "beta", "name": "Beta", "deterministic_rank": 2, "expected_rank": 1.97,
             "feasible_share": 0.0, "acceptability": [0.03, 0.97]},
        ],
        "stability": [
            {"party": "north", "party_name": "North", "criterion": "legal", "weight": 0.4,
             "low": 0.1, "high": 0.9, "below": "beta", "above": None},
        ],
    }  # fmt: skip
    return ReportData(
        rank=rank,
        explains=[explain],
        sensitivity=sensitivity,
        backtest=backtest,
        timeline=timeline,
        sources=sources,
        warnings=["the newest record is from 2020-01-05, 400 days before 2021-02-08"],
    )


# --------------------------------------------------------------------------- helpers


class Page(HTMLParser):
    """Tags, attributes and text; checks that tags nest; collects each table's rows as the
    text of their cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.tables: list[tuple[str, list[list[str]]]] = []  # (class, rows of cell texts)
        self._cell: list[str] | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in VOID:
            self.stack.append(tag)
        self._in_style = tag == "style"
        if tag == "table":
            self.tables.append((a.get("class") or "", []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag in ("br", "span") and self._cell is not None:
            self._cell.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def table(self, cls: str, nth: int = 0) -> list[list[str]]:
        return [rows for c, rows in self.tables if cls in c.split()][nth]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == []
    assert page.stack == []
    return page


def section(md: str, heading: str) -> str:
    """The Markdown from a heading line to the next heading of the same or a higher level."""
    level = heading.split()[0]
    lines = md.splitlines()
    start = lines.index(heading)
    out = [heading]
    for line in lines[start + 1 :]:
        if line.startswith("#") and len(line.split()[0]) <= len(level):
            break
        out.append(line)
    return "\n".join(out).rstrip() + "\n"


def cells(row: str) -> list[str]:
    """Split a pipe-table row on unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def inline_svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)


# --------------------------------------------------------------------------- Markdown


def test_markdown_head_shows_the_warning_and_no_local_folders() -> None:
    md = build_report("md", mini())
    assert md.startswith(
        "# Venues report: Mini case\n\n"
        "> **Warning:** The newest record is from 2020-01-05, 400 days before 2021-02-08.\n\n"
        "- **Case:** mini\n- **Meeting:** leaders\n- **As of:** 2020-01-06\n"
        "- **Method:** nash\n- **Dataset:** mini.yaml\n"
    )
    assert "/home/someone" not in md


def test_markdown_ranking_with_probabilities_and_preconditions() -> None:
    assert section(build_report("md", mini()), "## Ranking") == (
        "## Ranking\n\n"
        "*Scores and probabilities are conditional on a meeting taking place: they say "
        "where, not whether.*\n\n"
        "| # | Venue | Score | Probability | North (w 0.50) | South (w 0.50) | Main obstacle |\n"
        "| ---: | --- | ---: | ---: | --- | --- | --- |\n"
        "| 1 | **Alpha** (AA) | 0.665 | >99% | 0.71 · proposes 2020-01-05 | 0.62 · no statement "
        "| North: legal |\n"
        "| 2 | **Beta** (BB) **VETOED by South** | 0.250 | <1% | 0.50 · open 2020-01-03 | "
        "0.13 · rejects 2020-01-04 | vetoed by South |\n\n"
        "Scores and utilities run from 0 to 1; probability: of being the venue chosen; each "
        "party's cell is its utility and its latest stance as of the date (\\* = about another "
        "kind of meeting, discounted).\n\n"
        "### Preconditions\n\n"
        "What a party requires before any meeting at all, as of the date. They bear on whether "
        "a meeting takes place, which the scores do not measure.\n\n"
        "- **South**, 2020-01-02: a ceasefire first — sources: Test Gazette, 2020-01-01, "
        "[example.org](https://example.org/1)\n"
    )


def test_markdown_explains_evidence_momentum_and_terms_that_add_up() -> None:
    md = build_report("md", mini())
    assert section(md, "### 1. Alpha") == (
        "### 1. Alpha\n\n"
        "Alpha City, Aland (AA) · rank 1 of 2 · joint score **0.665** · probability of being "
        "chosen **>99%** (if a meeting takes place)\n\n"
        "**Stances and their evidence:**\n\n"
        "- **North** (weight 0.50, utility 0.713): **proposes** — Leader N, 2020-01-05: “Come "
        "to Alpha.” (first hand, high confidence) — sources: Test Gazette, 2020-01-01, "
        "[example.org](https://example.org/1)\n\n"
        "| Evidence | Date | Stance | About | Value | Weight | Contribution |\n"
        "| --- | --- | --- | --- | ---: | ---: | ---: |\n"
        "| statement — Leader N: “Come to Alpha.” — conditions: timing: after a ceasefire "
        "| 2020-01-05 | proposes | leaders | 0.800 | 0.375 | 0.300 |\n"
        "| neutral prior |  |  |  | 0.500 | 0.125 | 0.063 |\n"
        "| **Stance term** |  |  |  | 0.725 | 0.500 | **0.363** |\n\n"
        "- **South** (weight 0.50, utility 0.620): no statement as of the date\n\n"
        "| Evidence | Date | Stance | About | Value | Weight | Contribution |\n"
        "| --- | --- | --- | --- | ---: | ---: | ---: |\n"
        "| neutral prior |  |  |  | 0.500 | 0.500 | 0.250 |\n"
        "| **Stance term** |  |  |  | 0.500 | 0.500 | **0.250** |\n\n"
        f"**Momentum:** 0.500: {MOMENTUM_RULE}. It enters each party's utility with weight "
        "0.100.\n\n"
        "**Utility terms:**\n\n"
        "| Term | North | South |\n"
        "| --- | ---: | ---: |\n"
        "| Stance | 0.363 (0.73 × 0.500) | 0.250 (0.50 × 0.500) |\n"
        "| Legal exposure | 0.100 (0.50 × 0.200) | — |\n"
        "| Security | — | 0.320 (0.80 × 0.400) |\n"
        "| Home turf | 0.200 (1.00 × 0.200) | — |\n"
        "| Momentum | 0.050 (0.50 × 0.100) | 0.050 (0.50 × 0.100) |\n"
        "| **Utility** | **0.713** | **0.620** |\n\n"
        "Each cell is a term of the party's utility: value × weight (a party's weights add up "
        "to 1), rounded so that each column adds up.\n\n"
        "**Obstacles:**\n\n"
        "- North: legal 0.50 (costs 0.100 utility)\n"
        "  - remedy: an immunity pledge\n"
    )


def test_markdown_history_section() -> None:
    assert section(build_report("md", mini()), "## How the model has done on history") == (
        "## How the model has done on history\n\n"
        "Each of 2 historical cases scored as of the day before its decision, from the "
        "records public then; the scorer never reads the outcome. Method nash. Scores and "
        "probabilities are conditional on a meeting taking place: they say where, not "
        "whether.\n\n"
        "### Summary\n\n"
        "|  | Cases | Top-1 | Top-3 | MRR | Log-loss | Brier |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| **In-sample** (the fitted constants, on the cases they were fitted to) | 2 | 75% "
        "| 100% | 0.875 | 0.714 | 0.123 |\n"
        "| **Uncalibrated** (the model's default constants, before any fitting) | 2 | 50% "
        "| 100% | 0.750 | 0.900 | 0.300 |\n"
        "| **Uniform pick** (every venue of a case equally likely) | 2 | 42% | 100% | 0.694 "
        "| 0.896 | 0.583 |\n\n"
        "Top-1 and top-3: how often the venue chosen was the model's first, or among its "
        "first three. MRR: mean reciprocal rank (1 = always first). Log-loss and Brier score: "
        "how good the probabilities were (lower is better).\n\n"
        "### Reliability\n\n"
        "Every venue of every counted case, binned by the probability the model gave it: the "
        "mean probability in the bin against how often those venues were the one chosen. A "
        "perfectly calibrated model has the two equal.\n\n"
        "| Predicted | Venues | Mean predicted | Chosen |\n"
        "| ---: | ---: | ---: | ---: |\n"
        "| 0%–50% | 3 | 20% | 33% |\n"
        "| 50%–100% | 1 | 80% | 100% |\n\n"
        "### Cases\n\n"
        "| Case | Decided | Venue chosen | Its rank | Its probability | Model's first |\n"
        "| --- | --- | --- | ---: | ---: | --- |\n"
        "| Case one (c1) | 2001-02-03 | Xville | 1 of 3 | 80% | Xville |\n"
        "| Case two (c2) | 2002-03-04 | Ytown (vetoed) | 2 of 2 (tied with 1) | 30% "
        "| Zburg |\n"
    )


def test_markdown_leaves_out_what_it_is_not_given() -> None:
    bare = ReportData(rank=mini().rank, explains=mini().explains)
    md = build_report("md", bare)
    assert "## Sensitivity\n\nNot computed" in md
    for heading in ("## How the model has done on history", "## Timeline", "## Sources"):
        assert heading not in md
    assert "> **Warning:**" not in md


# --------------------------------------------------------------------------- HTML


def test_html_head_warning_conditional_and_contents() -> None:
    page = parse(build_report("html", mini()))
    text = " ".join(" ".join(page.text).split())
    assert "Warning: The newest record is from 2020-01-05, 400 days before 2021-02-08." in text
    assert [a.get("role") for t, a in page.tags if "notice" in (a.get("class") or "")] == ["note"]
    assert CONDITIONAL[0].upper() + CONDITIONAL[1:] + "." in text
    toc = [a["href"] for t, a in page.tags if t == "a" and (a.get("href") or "")[:1] == "#"]
    assert toc[:6] == [
        "#ranking",
        "#venues",
        "#sensitivity",
        "#history",
        "#timeline",
        "#sources",
    ]
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        page.tags
    )


def test_html_ranking_table_has_probabilities() -> None:
    page = parse(build_report("html", mini()))
    assert page.table("ranking") == [
        ["#", "Venue", "Joint score", "Probability", "North (weight 0.50)",
         "South (weight 0.50)", "Main obstacle"],
        ["1", "Alpha Alpha City, Aland", "0.665", ">99%", "0.71 proposes 2020-01-05",
         "0.62 no statement", "North: legal"],
        ["2", "Beta VETOED by South Beta City, Bland", "0.250", "<1%", "0.50 open 2020-01-03",
         "0.13 rejects 2020-01-04", "vetoed by South"],
    ]  # fmt: skip


def test_html_evidence_and_utility_terms_add_up() -> None:
    page = parse(build_report("html", mini()))
    assert page.table("evidence", 0) == [
        ["Evidence", "Date", "Stance", "About", "Value", "Weight", "Contribution"],
        ["statement Leader N: “Come to Alpha.” Conditions: timing: after a ceasefire",
         "2020-01-05", "proposes", "leaders", "0.800", "0.375", "0.300"],
        ["neutral prior (the weight the evidence leaves, at the neutral score)", "0.500",
         "0.125", "0.063"],
        ["Stance term", "0.725", "0.500", "0.363"],
    ]  # fmt: skip
    assert page.table("evidence", 1)[1:] == [
        ["neutral prior (the weight the evidence leaves, at the neutral score)", "0.500",
         "0.500", "0.250"],
        ["Stance term", "0.500", "0.500", "0.250"],
    ]  # fmt: skip
    assert page.table("criteria") == [
        ["Term", "North", "South"],
        ["Stance", "0.363 0.73 × 0.500", "0.250 0.50 × 0.500"],
        ["Legal exposure", "0.100 0.50 × 0.200 a warrant, no pledge", "—"],
        ["Security", "—", "0.320 0.80 × 0.400 the default value"],
        ["Home turf", "0.200 1.00 × 0.200 its own ground", "—"],
        ["Momentum", "0.050 0.50 × 0.100", "0.050 0.50 × 0.100"],
        ["Utility", "0.713", "0.620"],
    ]
    html = build_report("html", mini())
    assert (
        f"<h4>Momentum</h4><p><strong>0.500</strong>: {MOMENTUM_RULE}. It enters each party's "
        "utility with weight 0.100.</p>"
    ) in html
    text = " ".join(" ".join(page.text).split())
    assert "probability of being chosen >99% (if a meeting takes place)" in text
    assert (
        '<li><strong>South</strong>, <span class="date">2020-01-02</span>: a ceasefire first '
        "<small>Sources: Test Gazette, 2020-01-01, "
    ) in html


def test_html_history_section() -> None:
    page = parse(build_report("html", mini()))
    assert page.table("summary") == [
        ["", "Cases", "Top-1", "Top-3", "MRR", "Log-loss", "Brier"],
        ["In-sample the fitted constants, on the cases they were fitted to", "2", "75%",
         "100%", "0.875", "0.714", "0.123"],
        ["Uncalibrated the model's default constants, before any fitting", "2", "50%", "100%",
         "0.750", "0.900", "0.300"],
        ["Uniform pick every venue of a case equally likely", "2", "42%", "100%", "0.694",
         "0.896", "0.583"],
    ]  # fmt: skip
    assert page.table("cases") == [
        ["Case", "Decided", "Venue chosen", "Its rank", "Its probability", "Model's first"],
        ["Case one c1", "2001-02-03", "Xville", "1 of 3", "80%", "Xville"],
        ["Case two c2", "2002-03-04", "Ytown vetoed", "2 of 2 (tied with 1)", "30%", "Zburg"],
    ]
    assert page.table("compact", 1) == [  # the reliability numbers, under the diagram
        ["Predicted", "Venues", "Mean predicted", "Chosen"],
        ["0%–50%", "3", "20%", "33%"],
        ["50%–100%", "1", "80%", "100%"],
    ]


def test_html_every_table_scrolls_in_its_own_box() -> None:
    html = build_report("html", mini())
    assert html.count("<table") == html.count('<div class="table-wrap"><table') > 0


def test_html_charts_come_in_a_wide_and_a_narrow_layout() -> None:
    svgs = [ET.fromstring(s) for s in inline_svgs(build_report("html", mini()))]
    assert [s.get("class") for s in svgs] == [
        "chart wide",
        "chart narrow",
        "chart wide",
        "chart narrow",
        "chart reliability",
    ]
    for s in svgs:
        assert s.get("width") == "100%"
        assert s.get("viewBox") is None  # never scaled: the text keeps its size in pixels
        sizes = [int(t.get("font-size") or s.get("font-size") or 0) for t in s.iter(f"{SVG}text")]
        assert min(sizes) >= 10
    ids = [p.get("id") for s in svgs for p in s.iter(f"{SVG}pattern")]
    assert ids == ["veto-hatch-wide", "veto-hatch-narrow"]  # unique, one per layout


def test_html_loads_nothing_from_outside() -> None:
    page = parse(build_report("html", mini()))
    for tag, attrs in page.tags:
        assert tag not in {"script", "link", "iframe", "object", "embed", "img"}, tag
        for name, value in attrs.items():
            value = (value or "").lower()
            if name == "href":
                assert tag == "a", tag
                assert value.startswith(("#", "https://", "http://")), value
            if name in {"src", "srcset", "data", "poster", "xlink:href"}:
                assert not value.startswith(("http", "//")), (tag, name, value)
            if name == "style":
                assert "url(" not in value
            assert not name.startswith("on"), name  # no inline event handlers
    css = " ".join(page.styles).lower()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css)


# --------------------------------------------------------------------------- charts


def _texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_score_bars_positions() -> None:
    rank = mini().rank
    wide = ET.fromstring(charts.score_bars(rank, "wide"))
    narrow = ET.fromstring(charts.score_bars(rank, "narrow"))
    # The joint bars: the axis runs from 30% to 88% of the width (wide), or all of it.
    joint = [g.findall(f"{SVG}rect")[0] for g in wide.iter(f"{SVG}g")]
    assert [(r.get("x"), r.get("width")) for r in joint] == [("30%", "38.55%"), ("30%", "14.5%")]
    joint = [g.findall(f"{SVG}rect")[1] for g in narrow.iter(f"{SVG}g")]  # after the mask
    assert [(r.get("x"), r.get("width")) for r in joint] == [("0%", "66.46%"), ("0%", "25%")]
    assert _texts(wide) == ["0", "0.25", "0.5", "0.75", "1", "1. Alpha", "0.665", "2. Beta",
                            "0.250", "vetoed by South"]  # fmt: skip
    assert _texts(narrow) == ["0", "0.25", "0.5", "0.75", "1", "1. Alpha", "0.665", "2. Beta",
                              "0.250", "✕ vetoed by South"]  # fmt: skip
    groups = [g.get("class") for g in wide.iter(f"{SVG}g")]
    assert groups == ["venue", "venue vetoed"]


def test_heat_map_prints_shares_from_five_percent() -> None:
    sens = dict(mini().sensitivity or {})
    sens["venues"] = copy.deepcopy(sens["venues"])
    sens["venues"][0]["acceptability"] = [0.96, 0.04]
    wide = ET.fromstring(charts.heat_map(sens, "wide"))
    narrow = ET.fromstring(charts.heat_map(sens, "narrow"))
    for svg in (wide, narrow):  # in percent, without the sign (as the caption says)
        assert _texts(svg)[0] == "rank in the sample (cells: % of samples)"
        assert [t for t in _texts(svg) if t.isdigit() and int(t) > 2] == ["96", "97"]


def test_reliability_diagram_positions() -> None:
    bins = (mini().backtest or {})["reliability"]
    svg = ET.fromstring(charts.reliability(bins))
    dots = [(c.get("cx"), c.get("cy")) for c in svg.iter(f"{SVG}circle")]
    # x: 13% + p × 80%; y: 250 px at 0, 24 px at 1.
    assert dots == [("29%", "174.67"), ("77%", "24")]
    assert [t for t in _texts(svg) if t.startswith("n=")] == ["n=3", "n=1"]
    titles = [c.findtext(f"{SVG}title") for c in svg.iter(f"{SVG}circle")]
    assert titles == [
        "predicted 0%–50%: 3 venues, mean predicted 20%, chosen 33%",
        "predicted 50%–100%: 1 venues, mean predicted 80%, chosen 100%",
    ]


# --------------------------------------------------------------------------- report_data


@pytest.fixture(scope="module")
def tiny_ds() -> Iterator[Dataset]:
    with pytest.MonkeyPatch.context() as mp:  # no test touches ~/.cache
        mp.setenv("VENUES_NO_CACHE", "1")
        yield load_dataset(TINY)


def _with_later_records(ds: Dataset) -> Dataset:
    """tiny, plus: a source dated later, one undated but cited only by a later statement,
    one that nothing cites, a statement said early but reported late, a later precondition."""
    later = dt.date(2020, 1, 5)
    sources = {
        **ds.sources,
        "late": Source("late", "Late Post", later, url="https://example.org/late"),
        "only-late": Source("only-late", "Undated Weekly", None),
        "uncited": Source("uncited", "Shelf Review", None),
    }
    by_id = {s.id: s for s in ds.statements}
    statements = [s for s in ds.statements if s.id not in ("host-offers", "s-accepts-neutral")]
    statements.append(by_id["host-offers"]._replace(sources=("late", "only-late")))
    statements.append(by_id["s-accepts-neutral"]._replace(reported=later))  # said 01-04
    pre = (
        Precondition("early", "south", dt.date(2020, 1, 2), "a ceasefire first", ("s1",)),
        Precondition("late-pre", "north", later, "sanctions lifted", ("late",)),
    )
    return ds._replace(
        sources=sources,
        statements=tuple(statements),
        case=ds.case._replace(preconditions=pre),
    )


def test_report_data_cuts_the_timeline_sources_and_preconditions_at_the_date(
    tiny_ds: Dataset,
) -> None:
    ds = _with_later_records(tiny_ds)
    day = dt.date(2020, 1, 4)
    data = report_data(ds, rank_venues(ds, day))
    entries = (data.timeline or {})["entries"]
    # s-accepts-neutral is dated 2020-01-04 but was reported on 2020-01-05: not known yet.
    assert [x["id"] for x in entries] == ["n-proposes-north", "s-rejects-north"]
    assert [(s["id"], s["cited_by"]) for s in data.sources] == [
        ("s1", ["statement n-proposes-north", "statement s-rejects-north", "fact warrant-n",
                "fact icc-hh"]),
        ("uncited", []),
    ]  # fmt: skip
    assert [p["id"] for p in data.explains[0]["preconditions"]] == ["early"]
    assert known_on(ds, dt.date(2020, 1, 5)).sources.keys() == ds.sources.keys()


def test_no_report_shows_anything_dated_after_the_as_of_date(tiny_ds: Dataset) -> None:
    ds = _with_later_records(tiny_ds)
    day = dt.date(2020, 1, 4)
    data = report_data(ds, rank_venues(ds, day))
    for fmt in ("html", "md"):
        text = build_report(fmt, data)
        dates = set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text))
        assert dates, fmt
        assert max(dates) <= day.isoformat(), (fmt, sorted(dates))
        for word in ("Late Post", "Undated Weekly", "sanctions lifted", "ready to host"):
            assert word not in text, (fmt, word)


def test_report_data_collects_the_model_documents(tiny_ds: Dataset) -> None:
    day = dt.date(2020, 1, 6)
    r = rank_venues(tiny_ds, day)
    history = mini().backtest
    data = report_data(tiny_ds, r, warnings=["stale"], backtest=history)
    assert data.backtest is history
    assert data.warnings == ["stale"]
    assert data.rank["warnings"] == ["stale"]
    assert [x["venue"]["id"] for x in data.explains] == [v["id"] for v in data.rank["venues"]]
    assert {x["conditional"] for x in data.explains} == {CONDITIONAL}
    assert {x["command"] for x in data.explains} == {"explain"}
    assert data.rank["conditional"] == CONDITIONAL
    probabilities = [v["probability"] for v in data.rank["venues"]]
    assert sum(probabilities) == pytest.approx(1.0)
    for x in data.explains:  # the utility terms the report draws add up to the utility
        for p in x["parties"]:
            terms = p["stance_contribution"] + p["momentum_contribution"]
            terms += sum(c["contribution"] for c in p["criteria"])
            assert terms == pytest.approx(p["utility"], abs=1e-12)
            stance = p["stance_prior_contribution"] + sum(e["contribution"] for e in p["evidence"])
            assert stance == pytest.approx(p["stance_contribution"], abs=1e-12)


def test_markdown_columns_add_up_on_real_data(tiny_ds: Dataset) -> None:
    data = report_data(tiny_ds, rank_venues(tiny_ds, dt.date(2020, 1, 6)))
    md = build_report("md", data)
    for ex in data.explains:
        block = section(md, f"### {ex['rank']}. {ex['venue']['name']}" + (
            "" if ex["feasible"] else " — VETOED"))  # fmt: skip
        lines = block.splitlines()
        start = lines.index("**Utility terms:**") + 2
        rows = []
        for line in lines[start:]:
            if not line.startswith("|"):
                break
            rows.append(cells(line))
        body = rows[2:]
        for k, p in enumerate(ex["parties"], start=1):
            parts = [float(r[k].split()[0]) for r in body[:-1] if r[k] != "—"]
            total = float(body[-1][k].strip("*"))
            assert round(sum(parts), 3) == total
            assert total == pytest.approx(p["utility"], abs=5e-4 + 1e-12)


def test_report_command_has_every_section(tmp_path: Path) -> None:
    out = run(
        "report", "--data", str(TINY), "--as-of", "2020-01-06", "--samples", "300",
        "-o", "-", "--format", "md",
    ).stdout  # fmt: skip
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Ranking",
        "## Venues explained",
        "## Sensitivity",
        "## How the model has done on history",
        "## Timeline",
        "## Sources",
    ]
    assert "| **In-sample** (the fitted constants" in out


def test_report_command_warns_of_stale_data_in_the_report(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    run("report", "--data", str(TINY), "--samples", "0", "-o", str(target),
        env={"VENUES_TODAY": "2021-06-01"})  # fmt: skip
    page = parse(target.read_text(encoding="utf-8"))
    notes = " ".join(" ".join(page.text).split())
    assert "Warning: The newest record is from 2020-01-05, 513 days before 2021-06-01" in notes


# --------------------------------------------------------------------------- hostile input

CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]))
HOSTILE = (
    "Evil " + CONTROLS + "\x85\x9b[2J\u202e\u2066 \ufffe\uffff ]]> <!-- <script>alert(1)</script>"
    " & &amp; | pipe `tick` *star* [/oops] [link=https://x.example]x[/link] \r\nnext line"
)


def _hostile(data: ReportData) -> ReportData:
    rank = copy.deepcopy(dict(data.rank))
    rank["case_title"] = HOSTILE
    rank["assumptions"] = [HOSTILE]
    for v in rank["venues"]:
        v["name"] = HOSTILE
        v["main_obstacle"] = HOSTILE
        for p in v["parties"]:
            p["name"] = HOSTILE
    explains = copy.deepcopy([dict(x) for x in data.explains])
    for ex in explains:
        ex["venue"]["name"] = HOSTILE
        ex["preconditions"] = [{**PRECONDITIONS[0], "text": HOSTILE}]
        for p in ex["parties"]:
            p["name"] = HOSTILE
            for e in p["evidence"]:
                e["quote"] = HOSTILE
                e["conditions"] = [HOSTILE]
            for c in p["criteria"]:
                c["rule"] = HOSTILE
    sens = copy.deepcopy(dict(data.sensitivity or {}))
    sens["headline"] = HOSTILE
    for v in sens["venues"]:
        v["name"] = HOSTILE
    bt = copy.deepcopy(dict(data.backtest or {}))
    bt["cases"][0]["title"] = HOSTILE
    tl = copy.deepcopy(dict(data.timeline or {}))
    for x in tl["entries"]:
        x["text"] = HOSTILE
    sources = copy.deepcopy([dict(s) for s in data.sources])
    sources[0]["title"] = HOSTILE
    sources[0]["url"] = "javascript:alert(1)"
    return ReportData(
        rank=rank,
        explains=explains,
        sensitivity=sens,
        backtest=bt,
        timeline=tl,
        sources=sources,
        warnings=[HOSTILE],
    )


@pytest.fixture(scope="module")
def hostile(tiny_ds: Dataset) -> ReportData:
    data = report_data(tiny_ds, rank_venues(tiny_ds, dt.date(2020, 1, 6)), backtest=mini().backtest)
    return _hostile(dataclasses.replace(data, sensitivity=mini().sensitivity))


RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\u2066\ufffe\uffff]")


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_names_leave_no_control_character(hostile: ReportData, fmt: str) -> None:
    text = build_report(fmt, hostile)
    assert RAW_CONTROL.findall(text.replace("\r\n", "\n")) == []
    assert "<script" not in text.lower()
    if fmt != "svg":
        assert "\\x1b" in text  # shown as a visible escape, not dropped silently
        assert "\\u202e" in text


def test_svg_report_is_well_formed_xml_with_hostile_names(hostile: ReportData) -> None:
    svg = build_report("svg", hostile)
    root = ET.fromstring(svg)  # raises on anything XML 1.0 does not allow
    assert root.tag == f"{SVG}svg"
    assert "@font-face" not in svg
    assert not re.search(r"url\(\s*['\"]?https?:", svg)
    assert "\\x1b" in "".join(root.itertext()).replace("\xa0", " ")
    plain = ET.fromstring(build_report("svg", dataclasses.replace(hostile, sensitivity=None)))
    assert plain.tag == f"{SVG}svg"


def test_html_with_hostile_names_nests_and_its_charts_are_xml(hostile: ReportData) -> None:
    html = build_report("html", hostile)
    page = parse(html)
    assert not any(t == "script" for t, _ in page.tags)
    assert not any((a.get("href") or "").lower().startswith("javascript") for _, a in page.tags)
    assert "&lt;script&gt;" in html
    svgs = inline_svgs(html)
    assert len(svgs) == 5
    for s in svgs:
        ET.fromstring(s)


def test_markdown_with_hostile_names_keeps_its_tables(hostile: ReportData) -> None:
    md = build_report("md", hostile)
    assert "](javascript:" not in md
    lines = md.splitlines()
    tables: list[list[str]] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            tables.append(block)
            block = []
    assert len(tables) > 10
    for t in tables:
        width = len(cells(t[0]))
        assert all(len(cells(r)) == width for r in t), t[0]  # every | stayed in its cell
    assert all(not line.startswith(("<", "next line")) for line in lines)


# --------------------------------------------------------------------------- API


def test_formats_and_unknown_format() -> None:
    assert FORMATS == ("html", "md", "svg")
    with pytest.raises(InvalidArgumentError, match="report format"):
        build_report("pdf", mini())


def test_reports_are_pure() -> None:
    data = mini()
    before = copy.deepcopy(data)
    for fmt in FORMATS:
        assert build_report(fmt, data) == build_report(fmt, data)
    assert data == before  # the views are not modified
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.sensitivity = None  # type: ignore[misc]


def test_importing_the_report_does_not_import_numpy_or_rich(python: str) -> None:
    code = (
        "import sys\nimport venue_cli.report, venue_cli.report.html, venue_cli.report.markdown\n"
        "import venue_cli.report.svg, venue_cli.report.charts, venue_cli.report.terminal\n"
        "print('numpy' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_report_explains_the_first_venues_only_and_says_so(
    tiny_ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10,000 explanations made a 90 MB page (a minute and 1 GB to write): a report explains
    the first MAX_EXPLAINED venues in rank order (2 here), ranks every venue, says how many
    it explains, and links a venue's name only where its explanation is in the page."""
    import venue_cli.report as report

    monkeypatch.setattr(report, "MAX_EXPLAINED", 2)
    ranking = rank_venues(tiny_ds, dt.date(2025, 9, 1))
    data = report_data(tiny_ds, ranking)
    order = [s.venue.id for s in ranking.scores]
    assert order == ["south-city", "neutral-city", "north-city"]
    assert [ex["venue"]["id"] for ex in data.explains] == order[:2]
    assert [v["id"] for v in data.rank["venues"]] == order
    note = (
        "The first 2 of the 3 venues are explained here; `venues explain VENUE` explains any other."
    )
    md = build_report("md", data)
    assert md.count(f"\n_{note}_\n") == 1
    assert md.count("\n### ") == 2
    html = build_report("html", data)
    assert (
        html.count(
            '<p class="muted">The first 2 of the 3 venues are explained here; '
            "<code>venues explain VENUE</code> explains any other.</p>"
        )
        == 1
    )
    assert re.findall(r'href="#venue-([^"]+)"', html) == order[:2]
    assert re.findall(r'<article class="venue" id="venue-([^"]+)"', html) == order[:2]
    assert "<strong>North City</strong>" in html
    monkeypatch.setattr(report, "MAX_EXPLAINED", 3)
    whole = report_data(tiny_ds, ranking)
    assert len(whole.explains) == 3
    assert "are explained here" not in build_report("md", whole)
    assert "are explained here" not in build_report("html", whole)


def test_the_svg_picture_draws_the_first_venues_only_and_says_so(
    tiny_ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The picture of 10,000 venues was 20 MB of rows: it draws the first MAX_EXPLAINED
    (2 here) in the ranking, and says how many it left out."""
    import venue_cli.report as report

    monkeypatch.setattr(report, "MAX_EXPLAINED", 2)
    data = report_data(tiny_ds, rank_venues(tiny_ds, dt.date(2025, 9, 1)))
    root = ET.fromstring(build_report("svg", data))
    text = "".join(root.itertext()).replace("\xa0", " ")
    assert "South City" in text
    assert "Neutral City" in text
    assert "North City" not in text
    assert (
        "the first 2 of 3 venues are drawn; `venues rank` and `venues sensitivity` list every one"
        in text
    )
    monkeypatch.setattr(report, "MAX_EXPLAINED", 3)
    whole = "".join(ET.fromstring(build_report("svg", data)).itertext()).replace("\xa0", " ")
    assert "North City" in whole
    assert "venues are drawn" not in whole
