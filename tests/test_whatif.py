"""What-if: assumed stances, weight overrides and scenarios; the output says what is assumed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run


def _venue(data: dict, vid: str) -> dict:  # type: ignore[type-arg]
    return next(v for v in data["venues"] if v["id"] == vid)


def test_assume_russia_accepts_geneva_lifts_the_veto_and_says_so() -> None:
    base = json.loads(run("rank", "--format", "json").stdout)
    assert _venue(base, "geneva")["feasible"] is False
    r = run("rank", "--assume", "russia accepts geneva", "--format", "json")
    data = json.loads(r.stdout)
    assert _venue(data, "geneva")["feasible"] is True
    assert data["assumptions"] == ["russia accepts geneva"]
    plain = run("rank", "--assume", "russia accepts geneva").stdout
    assert "# assuming: russia accepts geneva" in plain
    ex = run("explain", "geneva", "--assume", "russia accepts switzerland").stdout
    assert "assuming: russia accepts geneva" in ex
    assert "[assumed]" in ex


def test_assume_a_rejection_creates_a_veto() -> None:
    data = json.loads(
        run("rank", "--assume", "ukraine rejects istanbul", "--format", "json").stdout
    )
    assert _venue(data, "istanbul")["vetoed_by"] == ["ukraine"]


def test_weight_overrides_change_scores_and_are_listed() -> None:
    base = json.loads(run("rank", "--format", "json").stdout)
    data = json.loads(run("rank", "--weight", "home_turf=0", "--format", "json").stdout)
    assert data["assumptions"] == ["weight home_turf = 0 for every party"]

    def russia_at_moscow(d: dict) -> float:  # type: ignore[type-arg]
        return next(p["utility"] for p in _venue(d, "moscow")["parties"] if p["id"] == "russia")

    assert russia_at_moscow(data) < russia_at_moscow(base)  # no more home advantage
    one = json.loads(run("rank", "--weight", "russia.legal=0", "--format", "json").stdout)
    assert one["assumptions"] == ["weight russia.legal = 0"]
    joint = json.loads(run("rank", "--weight", "united-states=0", "--format", "json").stdout)
    assert [p["id"] for p in joint["venues"][0]["parties"]] == ["russia", "ukraine"]


def test_bundled_scenarios() -> None:
    for name in (
        "icc-immunity-everywhere",
        "eu-airspace-derogation",
        "russia-accepts-non-unfriendly",
    ):
        data = json.loads(run("rank", "--scenario", name, "--format", "json").stdout)
        assert data["assumptions"][0].startswith(f"scenario {name}:")
    icc = json.loads(
        run("explain", "vienna", "--scenario", "icc-immunity-everywhere", "--format", "json").stdout
    )
    russia = next(p for p in icc["parties"] if p["id"] == "russia")
    legal = next(c for c in russia["criteria"] if c["criterion"] == "legal")
    assert "firm immunity pledge" in legal["rule"]
    acc = json.loads(
        run("rank", "--scenario", "russia-accepts-non-unfriendly", "--format", "json").stdout
    )
    riyadh = next(p for p in _venue(acc, "riyadh")["parties"] if p["id"] == "russia")
    assert riyadh["stance"] == "accepts"
    moscow = next(p for p in _venue(acc, "moscow")["parties"] if p["id"] == "russia")
    assert moscow["stance"] == "proposes"  # a proposal is higher than 'accepts': kept
    geneva = next(p for p in _venue(acc, "geneva")["parties"] if p["id"] == "russia")
    assert geneva["stance"] == "rejects"  # Switzerland is on the list: untouched


def test_scenario_file_and_its_errors(tmp_path: Path) -> None:
    good = tmp_path / "s.yaml"
    good.write_text(
        "schema_version: 1\nscenario: {id: mine, title: My scenario}\n"
        "assume:\n  - {party: russia, stance: accepts, venues: [vienna]}\n"
        "weights: {legal: 0.5}\n"
    )
    data = json.loads(run("rank", "--scenario", str(good), "--format", "json").stdout)
    assert data["assumptions"][0] == "scenario mine: My scenario"
    assert _venue(data, "vienna")["feasible"] is True
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nscenario: {id: x, title: X}\nasume: []\n")
    r = run("rank", "--scenario", str(bad), expect=1)
    assert "unknown key 'asume'" in r.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nscenario: {id: x, title: X}\nfacts:\n  - {kind: nope}\n")
    r = run("rank", "--scenario", str(broken), expect=1)
    assert f"{broken}:4:" in r.stderr


def test_every_scoring_command_lists_the_assumptions() -> None:
    flag = ("--assume", "russia accepts geneva")
    assert "assuming: russia accepts geneva" in run("compare", "geneva", "istanbul", *flag).stdout
    assert (
        "assuming: russia accepts geneva"
        in run("compare", "geneva", "istanbul", *flag, "--format", "markdown").stdout
    )
    assert "assuming: russia accepts geneva" in run("sensitivity", "--samples", "200", *flag).stdout
    assert "assuming: russia accepts geneva" in run("explain", "geneva", *flag).stdout
    assert "assuming: russia accepts geneva" in run("rank", *flag, "--format", "markdown").stdout


def test_scenario_fact_with_an_unknown_venue_or_party_is_an_error(tmp_path: Path) -> None:
    head = "schema_version: 1\nscenario: {id: x, title: X}\nfacts:\n"
    venue = tmp_path / "venue.yaml"
    venue.write_text(
        head + "  - {id: t, kind: travel_constraint, venue: genva, level: 0.1, summary: s}\n"
    )
    r = run("rank", "--scenario", str(venue), expect=1)
    assert f"{venue}:4:" in r.stderr
    assert "unknown venue 'genva'" in r.stderr
    party = tmp_path / "party.yaml"
    party.write_text(
        head + "  - {id: t, kind: travel_constraint, venue: geneva, level: 0.1, summary: s,"
        " parties: [rusia]}\n"
    )
    assert "unknown party 'rusia'" in run("rank", "--scenario", str(party), expect=1).stderr
