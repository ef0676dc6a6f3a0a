"""Backtest: the outcome is never read by scoring, figures are fair and right, the README's
table is real output, and every case was committed before it was first scored."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, dataset_text, run
from venue_cli.load import bundled_cases, load_dataset, parse_dataset
from venue_cli.model.backtest import backtest_case, held_out, summarise, uniform
from venue_cli.model.ranking import rank_venues
from venue_cli.records import Outcome

CASES = [n for n in bundled_cases() if n != "putin-zelensky"]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_at_least_24_historical_cases_with_three_venues_each() -> None:
    assert len(CASES) >= 24
    for name in CASES:
        ds = load_dataset(bundled_cases()[name])
        assert ds.outcome is not None, name
        assert ds.case.decision_date is not None, name
        assert len(ds.venues) >= 3, name


@pytest.mark.parametrize("name", CASES)
def test_outcome_is_never_read_by_scoring(name: str) -> None:
    ds = load_dataset(bundled_cases()[name])
    assert ds.outcome is not None
    assert ds.case.decision_date is not None
    day = ds.case.decision_date - dt.timedelta(days=1)
    with_outcome = rank_venues(ds, day)
    without = rank_venues(ds._replace(outcome=None), day)
    other_venue = next(v for v in ds.venues if v != ds.outcome.venue)
    changed = rank_venues(
        ds._replace(outcome=Outcome(other_venue, dt.date(1900, 1, 1), "x", ())), day
    )
    scores = [
        [(s.venue.id, s.joint, s.feasible, s.probability) for s in r.scores]
        for r in (with_outcome, without, changed)
    ]
    assert scores[0] == scores[1] == scores[2]


def test_the_file_text_of_the_outcome_does_not_matter(tmp_path: Path) -> None:
    path = bundled_cases()["geneva-1985"]
    head, _, _ = path.read_text(encoding="utf-8").partition("\noutcome:")
    stripped = tmp_path / "no-outcome.yaml"
    stripped.write_text(head + "\n", encoding="utf-8")
    args = ("--as-of", "1985-06-30", "--format", "json")
    a = json.loads(run("rank", "--data", str(path), *args).stdout)
    b = json.loads(run("rank", "--data", str(stripped), *args).stdout)
    assert [(v["id"], v["joint_score"]) for v in a["venues"]] == [
        (v["id"], v["joint_score"]) for v in b["venues"]
    ]


def test_backtest_needs_an_outcome() -> None:
    r = run("backtest", "putin-zelensky", expect=1)
    assert "no decision_date and no outcome" in r.stderr


def _case(outcome: str, decided: str = "2020-01-03", extra: str = "") -> str:
    text = dataset_text().replace(
        "  principals: [a, b]", f"  principals: [a, b]\n  decision_date: {decided}"
    )
    return (
        text
        + extra
        + f"outcome: {{venue: {outcome}, date: {decided}, summary: s, sources: [s1]}}\n"
    )


def test_a_single_venue_case_is_flagged_not_counted() -> None:
    one = dataset_text(venues='\n  - {id: x, name: X, city: X, country: "XX", country_name: Xl}')
    one = one.replace("  principals: [a, b]", "  principals: [a, b]\n  decision_date: 2020-01-03")
    one += "outcome: {venue: x, date: 2020-01-03, summary: s, sources: [s1]}\n"
    results = [backtest_case(parse_dataset(one)), backtest_case(parse_dataset(_case("x")))]
    s = summarise(results)
    assert results[0].single_venue
    assert s.cases == 1
    assert s.single_venue == ("toy",)


def test_records_after_the_decision_are_flagged() -> None:
    late = _case("x", extra="statements:\n  - {id: late, date: 2020-01-03, party: a, speaker: S, "
                 "venues: [x], stance: accepts, meeting: leaders, quote: q, attribution: "
                 "first_hand, confidence: high, sources: [s1]}\n")  # fmt: skip
    (warning,) = backtest_case(parse_dataset(late)).warnings
    assert "statement late is dated 2020-01-03, on or after the decision" in warning


def test_uniform_baseline_by_hand() -> None:
    # three venues: top-1 1/3, top-3 1, MRR (1 + 1/2 + 1/3)/3, log-loss ln 3, Brier 1 − 1/3
    results = [backtest_case(parse_dataset(_case("x")))]
    u = uniform(results)
    assert u.top1 == pytest.approx(1 / 3)
    assert u.top3 == 1.0
    assert u.mrr == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)
    assert u.log_loss == pytest.approx(math.log(3))
    assert u.brier == pytest.approx(2 / 3)
    r = results[0]
    assert r.log_loss == pytest.approx(-math.log(r.chosen_probability))
    assert r.brier == pytest.approx(
        sum((p - (1.0 if i == r.chosen_index else 0.0)) ** 2 for i, p in enumerate(r.probabilities))
    )


def test_held_out_figures_ship_with_the_parameters() -> None:
    results = [backtest_case(load_dataset(bundled_cases()[n])) for n in CASES]
    loco = held_out([r.case for r in results])
    assert loco is not None
    assert loco.cases == len(CASES)
    assert loco.log_loss < uniform(results).log_loss  # it beats a uniform pick
    assert held_out(CASES[:3]) is None  # figures of other cases are never shown as these


def test_backtest_json_has_the_summary_and_reliability() -> None:
    doc = json.loads(run("backtest", "--format", "json").stdout)
    s = doc["summary"]
    assert {"top1", "top3", "mrr", "log_loss", "brier", "baseline", "uncalibrated",
            "held_out"} <= set(s)  # fmt: skip
    assert s["held_out"]["cases"] == s["cases"] == len(CASES)
    assert sum(b["venues"] for b in doc["reliability"]) == sum(c["venues"] for c in doc["cases"])
    for c in doc["cases"]:
        assert 0 < c["chosen_probability"] < 1


def test_backtest_runs_on_a_user_file() -> None:
    path = str(bundled_cases()["singapore-2018"])
    data = json.loads(run("backtest", path, "--format", "json").stdout)
    assert data["cases"][0]["case"] == "singapore-2018"
    assert data["summary"]["cases"] == 1
    assert data["summary"]["held_out"] is None  # not the set the parameters were fitted on
    assert "did you mean" in run("backtest", "geneva-1895", expect=1).stderr


def test_readme_backtest_table_is_real_output() -> None:
    results = {r.case: r for r in (backtest_case(load_dataset(bundled_cases()[n])) for n in CASES)}
    rows = re.findall(r"^\| ([a-z0-9-]+) \| (\d{4}-\d\d-\d\d) \|.*?\| (\d+)(=?) of (\d+) \| "
                      r"(\d+)% \|", README, flags=re.M)  # fmt: skip
    assert {r[0] for r in rows} == set(CASES)
    for case, _decided, rank, tied, of, pct in rows:
        r = results[case]
        assert (int(rank), tied == "=", int(of)) == (r.rank, r.tied_with > 1, r.venues), case
        assert int(pct) == round(r.chosen_probability * 100), case


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs the git history"
)
def test_every_case_was_committed_before_its_readme_row() -> None:
    """The honest protocol: a case file's first commit precedes the first commit in which the
    README's backtest table has its row."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout  # fmt: skip

    shallow = git("rev-parse", "--is-shallow-repository").strip() == "true"
    if shallow:
        pytest.skip("a shallow clone has no history to check")
    for name in CASES:
        first_case = git(
            "log", "--format=%ct %H", "--diff-filter=A", "--", f"data/cases/{name}.yaml"
        )
        commits = sorted(line.split() for line in first_case.strip().split("\n") if line)
        added = commits[0] if commits else None
        row = git("log", "--format=%ct %H", "-S", f"| {name} |", "--", "README.md")
        first_row = sorted(line.split() for line in row.strip().split("\n") if line)
        assert added is not None, name
        assert first_row, f"{name}: no README row"
        assert int(added[0]) <= int(first_row[0][0]), name
        if int(added[0]) == int(first_row[0][0]):
            assert added[1] != first_row[0][1], f"{name}: case and row in one commit"
