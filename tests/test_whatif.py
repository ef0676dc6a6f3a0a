"""What-if: assumed stances, weight overrides and scenarios; the output says what is assumed."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run

AS_OF = ("--as-of", "2025-10-20")


def _venue(data: dict[str, Any], vid: str) -> dict[str, Any]:
    return next(v for v in data["venues"] if v["id"] == vid)


def test_assume_russia_accepts_geneva_lifts_the_veto_and_says_so() -> None:
    base = json.loads(run("rank", *AS_OF, "--format", "json").stdout)
    assert _venue(base, "geneva")["feasible"] is False
    data = json.loads(run("rank", *AS_OF, "--assume", "russia accepts geneva", "-f", "json").stdout)
    assert _venue(data, "geneva")["feasible"] is True
    assert data["assumptions"] == ["russia accepts geneva"]
    plain = run("rank", *AS_OF, "--assume", "russia accepts geneva", "-f", "plain").stdout
    assert "assuming: russia accepts geneva" in plain
    ex = json.loads(run("explain", "geneva", *AS_OF, "--assume", "russia accepts switzerland",
                        "-f", "json").stdout)  # fmt: skip
    assert ex["assumptions"] == ["russia accepts geneva"]
    assert any(h["assumed"] for h in ex["history"])


def test_assume_a_rejection_creates_a_veto() -> None:
    data = json.loads(
        run("rank", *AS_OF, "--assume", "ukraine rejects istanbul", "-f", "json").stdout
    )
    assert _venue(data, "istanbul")["vetoed_by"] == ["ukraine"]


def test_weight_overrides_change_scores_and_are_listed() -> None:
    base = json.loads(run("rank", *AS_OF, "--format", "json").stdout)
    data = json.loads(run("rank", *AS_OF, "--weight", "home_turf=0", "--format", "json").stdout)
    assert data["assumptions"] == ["weight home_turf = 0 for every party"]

    def russia_at_moscow(d: dict[str, Any]) -> float:
        return float(
            next(p["utility"] for p in _venue(d, "moscow")["parties"] if p["id"] == "russia")
        )

    assert russia_at_moscow(data) < russia_at_moscow(base)  # no more home advantage
    one = json.loads(run("rank", *AS_OF, "--weight", "russia.legal=0", "--format", "json").stdout)
    assert one["assumptions"] == ["weight russia.legal = 0"]
    joint = json.loads(run("rank", *AS_OF, "--weight", "united-states=0", "-f", "json").stdout)
    assert [p["id"] for p in joint["venues"][0]["parties"]] == ["russia", "ukraine"]


def test_bad_weights_are_usage_errors() -> None:
    for spec in ("=1", "legl=1", "security=-1", "security=nan", "security=1e9", "security"):
        r = run("rank", *AS_OF, "--weight", spec, expect=2)
        assert r.stderr.startswith("Error: "), spec


def test_a_number_on_the_command_line_is_a_plain_decimal() -> None:
    # float() takes '1_0' as 10 and other scripts' digits: on a command line, likely a typo
    from venue_cli.model.whatif import decimal

    got = [decimal(t) for t in ("1", " 2 ", "+.5", "5.", "1e-3", "-2E2", "NaN", "-inf")]
    assert got[:6] == [1.0, 2.0, 0.5, 5.0, 0.001, -200.0]
    assert math.isnan(got[6] or 0.0)
    assert got[7] == -math.inf
    assert [decimal(t) for t in ("1_0", "\uff11", "\u0661", "0x10", "1,5", "", "e5", "1e")] == [
        None
    ] * 8
    r = run("rank", *AS_OF, "--weight", "security=1_0", expect=2)
    assert r.stderr.startswith("Error: --weight security: '1_0' is not a number")
    r = run("sensitivity", *AS_OF, "--concentration", "5_0", expect=2)
    assert "'5_0' is not a number" in r.stderr


def test_bundled_scenarios() -> None:
    for name in ("icc-immunity-everywhere", "eu-airspace-derogation",
                 "russia-accepts-non-unfriendly"):  # fmt: skip
        data = json.loads(run("rank", *AS_OF, "--scenario", name, "--format", "json").stdout)
        assert data["assumptions"][0].startswith(f"scenario {name}:")
    icc = json.loads(run("explain", "vienna", *AS_OF, "--scenario", "icc-immunity-everywhere",
                         "-f", "json").stdout)  # fmt: skip
    russia = next(p for p in icc["parties"] if p["id"] == "russia")
    legal = next(c for c in russia["criteria"] if c["criterion"] == "legal")
    assert legal["value"] == 0.6  # a firm pledge for peace talks
    friendly = json.loads(run("rank", *AS_OF, "--scenario", "russia-accepts-non-unfriendly",
                              "-f", "json").stdout)  # fmt: skip
    istanbul = next(p for p in _venue(friendly, "istanbul")["parties"] if p["id"] == "russia")
    assert istanbul["stance_statement"].startswith("assumption-")


def test_scenario_file_errors_have_locations(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nscenario: {id: x, title: X}\nasume: []\n"
        "facts:\n  - {id: w, kind: airspace_waiver, jurisdiction: EU, party: rusia, summary: s}\n",
        encoding="utf-8",
    )
    r = run("rank", *AS_OF, "--scenario", str(bad), expect=1)
    lines = r.stderr.splitlines()
    assert f"Error: {bad}:3:1: unknown top-level key 'asume'; did you mean 'assume'?" in lines
    assert any(line.startswith(f"Error: {bad}:5:") and "unknown party 'rusia'" in line
               for line in lines)  # fmt: skip
    unknown = run("rank", *AS_OF, "--scenario", "qqq", expect=1)
    assert "unknown scenario 'qqq'" in unknown.stderr
    assert "eu-airspace-derogation, icc-immunity-everywhere, russia-accepts-non-unfriendly" in (
        unknown.stderr
    )  # the valid names


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("{}", "an empty mapping"), ("[]", "an empty list"), ("[airspace_waiver]", "a list")],
)
def test_a_fact_kind_that_is_not_a_word_is_a_located_error(
    tmp_path: Path, kind: str, expected: str
) -> None:
    """A mapping or a list where the kind goes was an internal error (found by fuzzing)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nscenario: {id: x, title: X}\n"
        f"facts:\n  - {{id: w, kind: {kind}, jurisdiction: EU, party: russia, summary: s}}\n",
        encoding="utf-8",
    )
    r = run("rank", *AS_OF, "--scenario", str(bad), expect=1)
    assert r.stderr.startswith(f"Error: {bad}:4:19: facts[0].kind: expected one of icc_member, ")
    assert r.stderr.rstrip().endswith(", alignment, note, got " + expected)


def test_every_scoring_command_lists_the_assumptions() -> None:
    for cmd in (("rank",), ("explain", "geneva"), ("compare", "geneva", "vienna"),
                ("sensitivity", "-n", "200")):  # fmt: skip
        data = json.loads(
            run(*cmd, *AS_OF, "--assume", "russia accepts geneva", "-f", "json").stdout
        )
        assert data["assumptions"] == ["russia accepts geneva"], cmd


def test_a_scenario_naming_many_venues_builds_the_name_table_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each name was resolved against a table rebuilt per name, and de-duplicated against
    the list so far: names × venues. Now one table; the venues keep the order first named."""
    import datetime as dt

    from venue_cli import names
    from venue_cli.format.scenario import read_scenario
    from venue_cli.load import bundled_cases, load_dataset

    ds = load_dataset(bundled_cases()["putin-zelensky"])
    listed = ["Geneva", "istanbul", "gulf", "Doha", "geneva", "Vienna"] * 50
    scenario = tmp_path / "many.yaml"
    scenario.write_text(
        "schema_version: 1\nscenario: {id: many, title: Many, description: d}\n"
        "assume:\n  - party: russia\n    stance: accepts\n    venues: ["
        + ", ".join(listed)
        + "]\n",
        encoding="utf-8",
    )
    built: list[int] = []
    real = names.venue_names

    def counted(d: Any) -> dict[str, tuple[str, tuple[str, ...]]]:
        built.append(1)
        return real(d)

    monkeypatch.setattr(names, "venue_names", counted)
    got = read_scenario(ds, str(scenario), dt.date(2026, 6, 4))
    assert len(built) == 1
    assert got.assume[0].venues == ("geneva", "istanbul", "riyadh", "abu-dhabi", "doha", "vienna")


def test_a_typed_name_means_the_same_venues_whatever_the_file_order(tmp_path: Path) -> None:
    """A venue's own name beats another's city (v0's city and v1's name are both 'Paris'),
    and a country name two venues share means both: the first in the file used to win."""
    from tests.conftest import FIXTURES
    from venue_cli.load import load_dataset
    from venue_cli.names import resolve_venues

    text = (FIXTURES / "name-clash.yaml").read_text(encoding="utf-8")
    head, rest = text.split("venues:\n", 1)
    listed, tail = rest.split("statements:\n", 1)
    blocks = ["- id:" + b for b in listed.split("- id:")[1:]]
    flipped = tmp_path / "flipped.yaml"
    flipped.write_text(head + "venues:\n" + "".join(reversed(blocks)) + "statements:\n" + tail,
                       encoding="utf-8")  # fmt: skip
    ds = load_dataset(FIXTURES / "name-clash.yaml")
    assert list(load_dataset(flipped).venues) == ["v2", "v1", "v0"]
    for d in (ds, load_dataset(flipped)):
        assert resolve_venues(d, "paris") == ("v1",)
        assert resolve_venues(d, "Country 0") == ("v0", "v2")
        assert resolve_venues(d, "city 2") == ("v2",)


def test_a_scenario_that_expands_past_the_limits_is_refused_where_it_crosses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "*" assumptions and `country: "*"` facts expand with the venues: bounded, with the
    place that crosses the bound (limits lowered here so the file stays tiny)."""
    from venue_cli import limits

    monkeypatch.setattr(limits, "MAX_ASSUMED_STANCES", 20)
    monkeypatch.setattr(limits, "MAX_SCENARIO_FACTS", 20)
    many = tmp_path / "many.yaml"
    many.write_text(
        "schema_version: 1\nscenario: {id: many, title: Many, description: d}\nassume:\n"
        + "  - {party: russia, stance: accepts}\n" * 2,
        encoding="utf-8",
    )
    r = run("rank", *AS_OF, "--scenario", str(many), expect=1)
    assert r.stderr == (
        f"Error: {many}:5:5: assume[1]: the scenario assumes 28 stances (party × venue) by "
        "here; the limit is 20: assume fewer, or on fewer venues\n"
    )
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "schema_version: 1\nscenario: {id: f, title: F, description: d}\nfacts:\n"
        + "  - {kind: note, country: '*', summary: s}\n" * 2,
        encoding="utf-8",
    )
    r = run("rank", *AS_OF, "--scenario", str(facts), expect=1)
    assert r.stderr.startswith(f"Error: {facts}:5:5: facts[1]: the scenario's facts come to 28")


def test_scenario_weights_are_checked_where_they_are_written(tmp_path: Path) -> None:
    """A scenario's `weights:` target that names nothing, or weights that leave no party a
    joint weight, are data errors at the key (exit 1), not usage errors without a place."""

    def errors(path: Path, weights: str) -> str:
        path.write_text(f"schema_version: 1\nscenario: {{id: w, title: W}}\nweights:\n{weights}")
        return run("rank", *AS_OF, "--scenario", str(path), expect=1).stderr

    bad = tmp_path / "w.yaml"
    assert errors(bad, "  bogus: 2\n  russia.nothing: 1\n") == (
        f"Error: {bad}:4:3: weights.bogus: unknown criterion or party 'bogus'\n"
        f"Error: {bad}:5:3: weights.russia.nothing: unknown criterion 'nothing' (valid "
        "criterion names: legal, access, security, neutrality, mediation, readiness, "
        "home_turf)\n"
    )
    none = tmp_path / "none.yaml"
    assert errors(none, "  russia: 0\n  ukraine: 0\n  united-states: 0\n") == (
        f"Error: {none}:6:3: weights.united-states: at least one party needs a joint weight "
        "above 0\n"
    )


def test_a_scenario_weight_is_used_exactly_as_written(tmp_path: Path) -> None:
    """It was passed on rounded to six digits (`{:g}`): 0.123456789 scored as 0.123457."""
    sc = tmp_path / "w.yaml"
    sc.write_text(
        "schema_version: 1\nscenario: {id: w, title: W}\nweights:\n  legal: 0.123456789\n"
    )
    by_file = json.loads(run("rank", *AS_OF, "--scenario", str(sc), "--format", "json").stdout)
    by_flag = json.loads(
        run("rank", *AS_OF, "--weight", "legal=0.123456789", "--format", "json").stdout
    )
    rounded = json.loads(
        run("rank", *AS_OF, "--weight", "legal=0.123457", "--format", "json").stdout
    )
    scores = [
        [(v["id"], v["joint_score"]) for v in d["venues"]] for d in (by_file, by_flag, rounded)
    ]
    assert scores[0] == scores[1]
    assert scores[0] != scores[2]


def test_two_assumptions_of_different_stances_on_one_venue_are_refused() -> None:
    """Which one held depended on their order on the command line (both were listed as
    assumed); a group and a venue in it count as naming the venue twice."""
    r = run("rank", *AS_OF, "--assume", "russia accepts gulf", "--assume",
            "russia rejects doha", expect=2)  # fmt: skip
    assert r.stderr == (
        "Error: --assume 'russia accepts gulf' and 'russia rejects doha' give Russia two "
        "stances on Doha; keep one\n"
    )
    same = run("rank", *AS_OF, "--assume", "russia accepts geneva", "--assume",
               "russia accepts geneva", "--format", "json")  # fmt: skip
    assert json.loads(same.stdout)["venues"]


def test_a_later_assumption_replaces_an_earlier_one_on_the_same_venue(tmp_path: Path) -> None:
    """'accepts *' then 'rejects geneva' in a scenario: Geneva is rejected (vetoed), the rest
    accepted, and the replaced acceptance no longer counts in Geneva's pooled stance (the
    first record won before, whichever came first, and both were averaged). A command-line
    assumption comes after the scenario's."""
    import datetime as dt

    from venue_cli.load import bundled_cases, load_dataset
    from venue_cli.model.ranking import rank_venues
    from venue_cli.model.whatif import apply_whatif

    def scenario(*records: str) -> str:
        path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.yaml"
        path.write_text(
            "schema_version: 1\nscenario: {id: s, title: S}\nassume:\n"
            + "".join(f"  - {r}\n" for r in records)
        )
        return str(path)

    every = "{party: russia, stance: accepts, venues: '*'}"
    geneva = "{party: russia, stance: rejects, venues: [geneva]}"
    ds = load_dataset(bundled_cases()["putin-zelensky"])
    day = dt.date(2025, 10, 20)

    def russia_at(venue: str, **how: Any) -> tuple[bool, list[str]]:
        w = apply_whatif(ds, day, **how)
        score = rank_venues(w.dataset, day, weights=w.weights).get(venue)
        assumed = [
            e.stance.value
            for e in score.party("russia").stance.evidence
            if e.statement is not None and e.statement.assumed
        ]
        return score.feasible, assumed

    assert russia_at("geneva", scenarios=[scenario(every, geneva)]) == (False, ["rejects"])
    assert russia_at("vienna", scenarios=[scenario(every, geneva)]) == (True, ["accepts"])
    assert russia_at("geneva", scenarios=[scenario(geneva, every)]) == (True, ["accepts"])
    cli = russia_at("geneva", scenarios=[scenario(every)], assumptions=["russia rejects geneva"])
    assert cli == (False, ["rejects"])
