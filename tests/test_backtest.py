"""Backtest: the outcome block is never read by scoring, and the figures match the README."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from tests.conftest import ROOT, run
from venue_cli.load import bundled_cases, load_dataset
from venue_cli.model.backtest import backtest_case, summarise
from venue_cli.model.ranking import rank_venues
from venue_cli.records import Outcome

CASES = [n for n in bundled_cases() if n != "putin-zelensky"]


@pytest.mark.parametrize("name", CASES)
def test_outcome_is_never_read_by_scoring(name: str) -> None:
    ds = load_dataset(bundled_cases()[name])
    assert ds.outcome is not None
    day = ds.case.decision_date - dt.timedelta(days=1)  # type: ignore[operator]
    with_outcome = rank_venues(ds, day)
    without = rank_venues(ds._replace(outcome=None), day)
    other_venue = next(v for v in ds.venues if v != ds.outcome.venue)
    changed = rank_venues(
        ds._replace(outcome=Outcome(other_venue, dt.date(1900, 1, 1), "x", ())), day
    )
    scores = [
        [(s.venue.id, s.joint, s.feasible) for s in r.scores]
        for r in (with_outcome, without, changed)
    ]
    assert scores[0] == scores[1] == scores[2]


def test_the_file_text_of_the_outcome_does_not_matter(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = bundled_cases()["geneva-1985"]
    text = path.read_text()
    head, _, _ = text.partition("\noutcome:")
    stripped = tmp_path / "no-outcome.yaml"
    stripped.write_text(head + "\n")
    a = json.loads(
        run("rank", "--data", str(path), "--as-of", "1985-06-30", "--format", "json").stdout
    )
    b = json.loads(
        run("rank", "--data", str(stripped), "--as-of", "1985-06-30", "--format", "json").stdout
    )
    assert [(v["id"], v["joint_score"]) for v in a["venues"]] == [
        (v["id"], v["joint_score"]) for v in b["venues"]
    ]


def test_backtest_needs_an_outcome() -> None:
    r = run("backtest", "putin-zelensky", expect=2)
    assert "no decision_date and outcome" in r.stderr


def test_backtest_figures_match_the_readme() -> None:
    results = [backtest_case(load_dataset(bundled_cases()[n])) for n in CASES]
    s = summarise(results)
    line = (
        f"{s.cases} cases · top-1 {s.top1:.0%} · top-3 {s.top3:.0%} · "
        f"mean reciprocal rank {s.mrr:.3f} · method nash"
    )
    assert line in run("backtest").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert line in readme
    for r in results:
        assert re.search(rf"\| {re.escape(r.case)} \|[^\n]*\| {r.rank} \|", readme), r.case


def test_backtest_runs_on_a_user_file_and_formats() -> None:
    path = str(bundled_cases()["singapore-2018"])
    data = json.loads(run("backtest", path, "--format", "json").stdout)
    assert data["cases"][0]["case"] == "singapore-2018"
    assert data["summary"]["cases"] == 1
    assert run("backtest", "--data", path, "--format", "csv").stdout.startswith("case,")
    assert "Did you mean" in run("backtest", "geneva-1895", expect=1).stderr
