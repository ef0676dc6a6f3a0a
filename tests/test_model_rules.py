"""Each rule of the model (docs/model.md) on a small case, against numbers computed by hand.

All use the judged defaults `Params()` (not the fitted constants, which calibration may
change): half-life 60 days, prior weight 0.25, blanket weight 0.5, relatedness of another
meeting 0.5, revealed weight 0.3, stance share 0.5, momentum share 0.1 (half-life 14 days),
temperature 0.1, veto penalty 0.5.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.conftest import dataset_text, statement
from venue_cli.load import parse_dataset
from venue_cli.model.backtest import backtest_case
from venue_cli.model.params import Params
from venue_cli.model.ranking import Ranking, rank_venues
from venue_cli.records import Dataset

P = Params()
DAY = dt.date(2020, 1, 2)


def ds(**sections: str) -> Dataset:
    return parse_dataset(dataset_text(**sections))


def rank(data: Dataset, day: dt.date = DAY, params: Params = P) -> Ranking:
    return rank_venues(data, day, params=params)


def sigma(r: Ranking, party: str, venue: str) -> float:
    return r.get(venue).party(party).stance.score


def statements(*records: str) -> dict[str, str]:
    return {"statements": "".join(records)}


# --------------------------------------------------------------------------- stances


def test_one_fresh_statement_is_pooled_with_the_neutral_prior() -> None:
    r = rank(ds(**statements(statement("s", "a", "proposes", venues="[x]"))))
    # w = 1 (first-hand, high, the meeting itself, named, today); σ = (0.25·0.5 + 1·1)/1.25
    assert sigma(r, "a", "x") == pytest.approx((0.125 + 1.0) / 1.25, abs=1e-15)
    assert sigma(r, "a", "y") == 0.5  # no evidence: the neutral score
    assert r.get("x").party("a").stance.prior_share == pytest.approx(0.25 / 1.25)


def test_weight_halves_with_each_half_life() -> None:
    r = rank(ds(**statements(statement("s", "a", "proposes", "2020-01-02", venues="[x]"))),
             DAY + dt.timedelta(days=60))  # fmt: skip
    assert sigma(r, "a", "x") == pytest.approx((0.125 + 0.5 * 1.0) / 0.75, abs=1e-12)


def test_a_newer_remark_outweighs_an_older_one() -> None:
    data = ds(**statements(
        statement("old", "a", "rejects", "2019-11-03", venues="[x]"),  # 60 days before
        statement("new", "a", "accepts", "2020-01-02", venues="[x]"),
    ))  # fmt: skip
    r = rank(data)
    assert sigma(r, "a", "x") == pytest.approx((0.125 + 0.5 * 0.0 + 1.0 * 0.8) / 1.75, abs=1e-12)


def test_quality_relatedness_and_weak_sources() -> None:
    data = ds(
        sources="\n  - {id: s1, outlet: W, date: 2020-01-01}"
        "\n  - {id: w1, outlet: Mirror, date: 2020-01-01, reliability: weak}",
        **statements(
            # reported (0.8) × medium (0.75) = 0.6
            statement("r", "a", "accepts", venues="[x]", attribution="reported",
                      confidence="medium"),
            # a declared kind of relatedness 0.5
            statement("t", "a", "accepts", venues="[y]", meeting="talks"),
            # every source weak: × 0.75
            statement("w", "a", "accepts", venues="[z]", sources="[w1]"),
        ),
    )  # fmt: skip
    r = rank(data)
    assert sigma(r, "a", "x") == pytest.approx((0.125 + 0.6 * 0.8) / (0.25 + 0.6), abs=1e-12)
    assert sigma(r, "a", "y") == pytest.approx((0.125 + 0.5 * 0.8) / (0.25 + 0.5), abs=1e-12)
    assert sigma(r, "a", "z") == pytest.approx((0.125 + 0.75 * 0.8) / (0.25 + 0.75), abs=1e-12)


def test_an_undeclared_kind_takes_the_default_relatedness() -> None:
    text = dataset_text(**statements(statement("t", "a", "accepts", venues="[x]", meeting="other")))
    text = text.replace("  principals:", "    other: another meeting\n  principals:")
    r = rank(parse_dataset(text))
    w = P.other_meeting_relatedness
    assert sigma(r, "a", "x") == pytest.approx((0.125 + w * 0.8) / (0.25 + w), abs=1e-12)
    assert r.get("x").party("a").stance.discounted  # every piece is about another meeting


def test_a_named_statement_outweighs_a_blanket_remark_covering_it() -> None:
    data = ds(**statements(
        statement("any", "a", "reluctant", covers="all"),
        statement("x", "a", "accepts", venues="[x]"),
    ))  # fmt: skip
    r = rank(data)
    # x: blanket 0.5·0.3 and named 1·0.8; y, z: the blanket alone
    assert sigma(r, "a", "x") == pytest.approx((0.125 + 0.15 + 0.8) / 1.75, abs=1e-12)
    assert sigma(r, "a", "y") == pytest.approx((0.125 + 0.15) / 0.75, abs=1e-12)


def test_covers_with_except_and_groups() -> None:
    text = dataset_text(
        venues="""
  - {id: x, name: X City, city: X City, country: "XX", country_name: Xland, groups: [west]}
  - {id: y, name: Y City, city: Y City, country: "YY", country_name: Yland, groups: [west]}
  - {id: z, name: Z City, city: Z City, country: "AA", country_name: Aland}""",
        **statements(
            statement("all-but", "a", "accepts", covers="all", **{"except": "[x]"}),
            statement("west", "b", "open", covers="west", **{"except": "[y]"}),
        ),
    )
    r = rank(parse_dataset(text))
    assert sigma(r, "a", "x") == 0.5  # excepted
    assert sigma(r, "a", "y") == pytest.approx((0.125 + 0.5 * 0.8) / 0.75, abs=1e-12)
    assert sigma(r, "b", "x") == pytest.approx((0.125 + 0.5 * 0.6) / 0.75, abs=1e-12)
    assert sigma(r, "b", "y") == 0.5
    assert sigma(r, "b", "z") == 0.5  # not in the group


def test_only_in_x_proposes_x_and_sets_the_others_but_never_vetoes() -> None:
    data = ds(**statements(statement("only", "a", "proposes", venues="[z]", others="rejects")))
    r = rank(data)
    assert sigma(r, "a", "z") == pytest.approx(0.9, abs=1e-15)
    assert sigma(r, "a", "x") == pytest.approx(0.125 / 0.75, abs=1e-12)
    assert r.get("x").feasible  # a blanket remark never vetoes
    assert r.get("y").feasible


def test_joint_statement_counts_for_each_party() -> None:
    data = ds(**statements(statement("both", "a", "accepts", venues="[x]",
                                     parties="[a, b]").replace("party: a, ", "")))  # fmt: skip
    r = rank(data)
    assert sigma(r, "a", "x") == sigma(r, "b", "x") == pytest.approx((0.125 + 0.8) / 1.25)


# --------------------------------------------------------------------------- expiry


def test_valid_until_lapses_the_stance() -> None:
    data = ds(**statements(statement("s", "a", "accepts", venues="[x]", valid_until="2020-01-10")))
    assert sigma(rank(data, dt.date(2020, 1, 9)), "a", "x") > 0.5
    later = rank(data, dt.date(2020, 1, 10))
    assert sigma(later, "a", "x") == 0.5
    assert later.get("x").party("a").stance.lapsed == ("s",)


def test_a_cancelled_plan_lapses_the_statements_tied_to_it_or_made_for_it() -> None:
    events = """
  - {id: plan, date: 2020-01-05, venue: x, country: "XX", place: X, kind: cancelled,
     meeting: leaders, parties: [a, b], summary: called off, sources: [s1], confidence: high}"""
    data = ds(events=events, **statements(
        statement("tied", "a", "accepts", venues="[x]", event="plan"),
        statement("inferred", "b", "accepts", venues="[x]", date="2020-01-03"),
        statement("after", "b", "open", venues="[x]", date="2020-01-06"),
    ))  # fmt: skip
    before = rank(data, dt.date(2020, 1, 4))
    assert sigma(before, "a", "x") > 0.5
    r = rank(data, dt.date(2020, 1, 6))
    assert sigma(r, "a", "x") == 0.5  # tied to the cancelled plan
    # b's statement of 3 Jan lapses (made before the plan was called off); 6 Jan counts
    assert [e.id for e in r.get("x").party("b").stance.evidence] == ["after"]


# --------------------------------------------------------------------------- revealed


def test_talks_attended_count_as_acceptance() -> None:
    events = """
  - {id: t1, date: 2020-01-02, venue: x, country: "XX", place: X, kind: talks, meeting: talks,
     parties: [a, b], summary: talks held, sources: [s1], confidence: high}"""
    r = rank(ds(events=events))
    w = P.revealed_weight * 0.5  # × the relatedness of talks (0.5)
    assert sigma(r, "a", "x") == pytest.approx((0.125 + w * 0.8) / (0.25 + w), abs=1e-12)
    (e,) = r.get("x").party("a").stance.evidence
    assert (e.kind, e.stance.value) == ("event", "accepts")


# --------------------------------------------------------------------------- vetoes


def test_a_named_rejection_of_the_meeting_vetoes() -> None:
    data = ds(**statements(
        statement("no", "b", "rejects", venues="[z]"),
        statement("no-talks", "b", "rejects", venues="[x]", meeting="talks"),
    ))  # fmt: skip
    r = rank(data)
    assert not r.get("z").feasible
    assert [v.statement.id for v in r.get("z").vetoes] == ["no"]
    assert r.get("x").feasible  # about another kind of meeting: no veto
    assert r.scores[-1].venue.id == "z"  # vetoed venues rank below every feasible one


def test_a_later_acceptance_for_a_related_meeting_overtakes_a_rejection() -> None:
    data = ds(**statements(
        statement("no", "b", "rejects", venues="[z]", date="2020-01-01"),
        statement("yes", "b", "accepts", venues="[z]", meeting="talks", date="2020-01-02"),
    ))  # fmt: skip
    assert rank(data).get("z").feasible
    attended = ds(
        events="""
  - {id: t, date: 2020-01-02, venue: z, country: "AA", place: Z, kind: talks, meeting: talks,
     parties: [a, b], summary: held, sources: [s1], confidence: high}""",
        **statements(statement("no", "b", "rejects", venues="[z]", date="2020-01-01")),
    )
    assert rank(attended).get("z").feasible


# --------------------------------------------------------------------------- criteria


def _parties_with_mediator() -> str:
    return """
  - {id: a, name: Aland, role: principal, country: "AA", joint_weight: 1, joint_weight_rationale: p}
  - {id: b, name: Bland, role: principal, country: "BB", joint_weight: 1, joint_weight_rationale: p}
  - {id: m, name: Mland, role: mediator, country: "MM", joint_weight: 0.5,
     joint_weight_rationale: m}"""


def _values(r: Ranking, venue: str, party: str) -> dict[str, float]:
    return {cv.criterion: cv.value for cv in r.get(venue).party(party).criteria}


def test_a_mediator_is_on_neither_side() -> None:
    facts = """
  - {id: xa, kind: alignment, country: "XX", party: a, relation: ally, date: 2019-01-01,
     summary: allied, confidence: high, sources: [s1]}"""
    r = rank(ds(parties=_parties_with_mediator(), facts=facts))
    assert _values(r, "x", "a")["neutrality"] == pytest.approx(0.7)
    assert _values(r, "x", "b")["neutrality"] == pytest.approx(0.2)  # 0.7 − 0.5
    assert _values(r, "x", "m")["neutrality"] == pytest.approx(0.7)  # no side to lean against
    assert _values(r, "x", "a")["home_turf"] == 0.75
    assert _values(r, "x", "b")["home_turf"] == 0.25
    assert _values(r, "x", "m")["home_turf"] == 0.5
    assert _values(r, "z", "m")["home_turf"] == 0.5  # a principal's country is not its own
    assert _values(r, "z", "m")["security"] == 0.8  # nor is it enemy ground for the mediator


def test_a_country_allied_with_both_sides_leans_to_neither_in_any_order() -> None:
    for first, second in (("a", "b"), ("b", "a")):
        facts = "".join(
            f"""
  - {{id: x{p}, kind: alignment, country: "XX", party: {p}, relation: ally, date: 2019-01-01,
     summary: allied, confidence: high, sources: [s1]}}"""
            for p in (first, second)
        )
        r = rank(ds(facts=facts))
        for p in ("a", "b"):
            assert _values(r, "x", p)["neutrality"] == pytest.approx(0.7)
            assert _values(r, "x", p)["home_turf"] == 0.5


def _icc(warrant_day: str, member_until: str | None, level: str = "leaders") -> Dataset:
    until = f", valid_until: {member_until}" if member_until else ""
    facts = f"""
  - {{id: w, kind: arrest_warrant, party: a, issuer: ICC, date: {warrant_day}, summary: wanted,
     confidence: high, sources: [s1]}}
  - {{id: m, kind: icc_member, country: "XX", date: 2002-07-01{until}, summary: member,
     confidence: high, sources: [s1]}}"""
    text = dataset_text(facts=facts)
    if level == "delegations":
        text = text.replace("leaders: the leaders' meeting",
                            "leaders: {description: envoys, level: delegations}")  # fmt: skip
    return parse_dataset(text)


def test_rome_statute_art_127_2_keeps_a_leaving_state_bound() -> None:
    # the warrant predates the withdrawal: still bound after it
    assert _values(rank(_icc("2019-03-17", "2019-06-02")), "x", "a")["legal"] == 0.0
    # the warrant came after the withdrawal took effect: not bound
    assert _values(rank(_icc("2019-07-01", "2019-06-02")), "x", "a")["legal"] == 1.0
    assert _values(rank(_icc("2019-03-17", None)), "x", "a")["legal"] == 0.0
    assert _values(rank(_icc("2019-03-17", None)), "x", "b")["legal"] == 1.0


def test_warrants_do_not_matter_when_only_delegations_meet() -> None:
    assert _values(rank(_icc("2019-03-17", None, "delegations")), "x", "a")["legal"] == 1.0


def test_mediation_is_credited_to_the_mediating_country() -> None:
    venues = """
  - {id: x, name: X City, city: X City, country: "XX", country_name: Xland}
  - {id: w, name: M City, city: M City, country: "MM", country_name: Mland}"""
    events = """
  - {id: t, date: 2019-12-01, country: "XX", venue: x, place: X, kind: talks, meeting: talks,
     parties: [a, b], mediators: [m], summary: held, sources: [s1], confidence: high}"""
    r = rank(ds(parties=_parties_with_mediator(), venues=venues, events=events))
    # both principals took part: 1 point, saturating at 2 → 0.5, at the place and for the mediator
    assert _values(r, "x", "a")["mediation"] == 0.5
    assert _values(r, "w", "a")["mediation"] == 0.5


# --------------------------------------------------------------------------- dates


def test_partial_and_reported_dates() -> None:
    data = ds(**statements(
        statement("month", "a", "accepts", date="2020-03", venues="[x]"),
        statement("late", "a", "accepts", date="2020-01-02", reported="2020-02-01", venues="[y]"),
    ))  # fmt: skip
    assert sigma(rank(data, dt.date(2020, 3, 30)), "a", "x") == 0.5  # known from 31 March
    assert sigma(rank(data, dt.date(2020, 3, 31)), "a", "x") > 0.5
    assert sigma(rank(data, dt.date(2020, 1, 31)), "a", "y") == 0.5  # not yet public
    r = rank(data, dt.date(2020, 2, 1))
    (e,) = r.get("y").party("a").stance.evidence
    assert e.decay == pytest.approx(math.exp(-math.log(2) * 30 / 60))  # aged from when said


def test_a_confidential_exchange_is_left_out_of_a_public_backtest() -> None:
    text = dataset_text(**statements(
        statement("secret", "a", "proposes", venues="[x]", public="false"),
        statement("b-x", "b", "accepts", venues="[x]"),
        statement("b-y", "b", "accepts", venues="[y]"),
    ))  # fmt: skip
    text = text.replace("  principals: [a, b]", "  principals: [a, b]\n  decision_date: 2020-01-03")
    text += "outcome: {venue: y, date: 2020-01-03, summary: chosen, sources: [s1]}\n"
    data = parse_dataset(text)
    day = dt.date(2020, 1, 2)
    assert sigma(rank_venues(data, day, params=P), "a", "x") > 0.5
    assert sigma(rank_venues(data, day, params=P, public_only=True), "a", "x") == 0.5
    result = backtest_case(data, params=P)
    assert (result.rank, result.tied_with) == (1, 2)  # x and y tie once the secret is out


# --------------------------------------------------------------------------- utility


def test_utility_adds_stance_criteria_and_momentum() -> None:
    parties = """
  - {id: a, name: Aland, role: principal, country: "AA", joint_weight: 1, joint_weight_rationale: p,
     criteria: {home_turf: {weight: 1, rationale: r}}}
  - {id: b, name: Bland, role: principal, country: "BB", joint_weight: 1, joint_weight_rationale: p,
     criteria: {home_turf: {weight: 1, rationale: r}}}"""
    data = ds(parties=parties, **statements(statement("s", "a", "accepts", "2019-12-19",
                                                      venues="[x]")))  # fmt: skip
    r = rank(data)  # 14 days after the statement: momentum 0.5
    ps = r.get("x").party("a")
    s, m = P.stance_share, P.momentum_share
    decay = 0.5 ** (14 / 60)
    sig = (0.125 + decay * 0.8) / (0.25 + decay)
    expected = s * sig + (1 - s) * ((1 - m) * 0.5 + m * 0.5)  # home turf 0.5 (x is neutral)
    assert ps.utility == pytest.approx(expected, abs=1e-12)
    assert ps.stance_contribution + math.fsum(ps.contributions) + ps.momentum_contribution == (
        pytest.approx(ps.utility, abs=1e-15)
    )
    assert r.get("x").momentum.value == pytest.approx(0.5)
    assert r.get("y").momentum.value == 0.0


def test_probabilities_are_a_softmax_of_joint_scores_with_a_veto_penalty() -> None:
    data = ds(**statements(statement("no", "b", "rejects", venues="[z]")))
    r = rank(data)
    logits = {
        s.venue.id: (s.joint - (P.veto_penalty if not s.feasible else 0.0)) / P.temperature
        for s in r.scores
    }
    total = sum(math.exp(v) for v in logits.values())
    for s in r.scores:
        assert s.probability == pytest.approx(math.exp(logits[s.venue.id]) / total, abs=1e-12)
    assert math.fsum(s.probability for s in r.scores) == pytest.approx(1.0, abs=1e-12)


def test_exact_ties_share_a_rank_and_are_listed_by_name() -> None:
    r = rank(ds())  # nothing said: x and y are alike, z is a's home
    ranks = {s.venue.id: s.rank for s in r.scores}
    assert ranks["x"] == ranks["y"] == 1
    assert [s.venue.id for s in r.scores][:2] == ["x", "y"]


def test_backtest_credits_a_tie_fairly() -> None:
    text = (
        dataset_text().replace(
            "  principals: [a, b]", "  principals: [a, b]\n  decision_date: 2020-01-03"
        )
        + "outcome: {venue: y, date: 2020-01-03, summary: chosen, sources: [s1]}\n"
    )
    result = backtest_case(parse_dataset(text), params=P)
    assert (result.rank, result.tied_with, result.top1, result.expected_rank) == (1, 2, 0.5, 1.5)
    assert result.reciprocal_rank == pytest.approx((1 + 1 / 2) / 2)


def test_blanket_remarks_reach_each_speaker_once_per_listing_in_one_pass() -> None:
    """The items a party's stance reads, from the remarks that name a venue and the blanket
    ones covering it, are the definition's (each covering remark once for each time the
    party is among its speakers, in the dataset's order), now built in one pass per set of
    covering remarks rather than one per party (which grew with the square of the parties)."""
    from tests.conftest import synthetic_generator
    from venue_cli.model.index import DayIndex

    synthetic = synthetic_generator()
    ds = parse_dataset(synthetic.generate(30, 40, seed=3), "synthetic.yaml")
    ix = DayIndex.build(ds, synthetic.AS_OF)
    blanket_seen = 0
    for party in ds.parties:
        for venue in ds.venues:
            expected = list(ix.named_items.get((party, venue), ()))
            for j in ix.covering.get(venue, ()):
                pos, item, speakers = ix.blankets[j]
                expected += [(pos, item)] * speakers.count(party)
                blanket_seen += speakers.count(party)
            expected.sort(key=lambda x: x[0])
            assert ix.items_at(party, venue) == [item for _pos, item in expected]
    assert blanket_seen > 100  # the data holds many blanket remarks


def test_names_tells_a_venue_named_itself_from_one_in_a_long_or_short_list() -> None:
    """`DayIndex.names` answers `venue in statement.venues` (a set for a long list: a
    scenario assuming a stance on every venue in many statements was statements × venues²)."""
    from tests.conftest import synthetic_generator
    from venue_cli.model.index import _SHORT, DayIndex

    synthetic = synthetic_generator()
    ds = parse_dataset(synthetic.generate(40, 2), "synthetic.yaml")
    ix = DayIndex.build(ds, synthetic.AS_OF)
    base = next(iter(ds.statements))
    ids = list(ds.venues)
    for listed in (ids[:3], ids[: _SHORT + 1], ids):
        st = base._replace(venues=tuple(listed))
        for v in ids:
            assert ix.names(st, v) is (v in listed)
            assert ix.names(st, v) is (v in listed)  # the cached set answers the same


def test_what_a_blanket_remark_covers_is_one_rule() -> None:
    """`records.blanket_cover`, by hand: `covers: all` is every venue, a group its venues,
    less `except` and the venues named; `others` is every venue not named; a remark that
    only names venues covers none besides them. Venue order is kept."""
    from venue_cli.records import blanket_cover, venue_groups

    every = ["a", "b", "c", "d"]
    groups = venue_groups([("a", ["x"]), ("b", ["x", "y"]), ("c", []), ("d", ["x", "x"])])
    assert groups == {"x": ["a", "b", "d"], "y": ["b"]}
    assert blanket_cover("all", False, [], [], every, groups) == ["a", "b", "c", "d"]
    assert blanket_cover("all", False, ["c"], ["a"], every, groups) == ["b", "d"]
    assert blanket_cover("x", False, [], ["d"], every, groups) == ["a", "b"]
    assert blanket_cover("y", False, ["b"], [], every, groups) == []
    assert blanket_cover("nope", False, [], [], every, groups) == []
    assert blanket_cover(None, True, ["a", "c"], [], every, groups) == ["b", "d"]
    assert blanket_cover(None, False, ["a"], [], every, groups) == []


def test_stances_timeline_and_validation_read_the_same_coverage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stances (`DayIndex.covering`), the timeline's venue filter and the change list
    (`timeline.covered_venues`) and the validator's coverage cap all read
    `records.blanket_cover`: on a synthetic case full of blanket remarks, the venues each
    remark covers agree, and the validator's cap is crossed exactly above their total."""
    from tests.conftest import synthetic_generator
    from venue_cli import limits
    from venue_cli.errors import DatasetError
    from venue_cli.model.index import DayIndex
    from venue_cli.timeline import covered_venues

    synthetic = synthetic_generator()
    text = synthetic.generate(60, 30, seed=5)
    ds = parse_dataset(text, "synthetic.yaml")
    ix = DayIndex.build(ds, dt.date(2100, 1, 1))  # every statement in force
    by_remark: dict[str, set[str]] = {}
    for venue, covering in ix.covering.items():
        for j in covering:
            by_remark.setdefault(ix.blankets[j][1].statement.id, set()).add(venue)
    blankets = [s for s in ds.statements if s.blanket]
    assert len(blankets) > 10  # the data holds blanket remarks of every kind
    assert {"all", None} < {s.covers for s in blankets}  # all, a group, and `others`
    assert any(s.excluded for s in blankets)
    total = 0
    for s in blankets:
        covered = covered_venues(ds, s) - set(s.venues)
        assert by_remark.get(s.id, set()) == covered, s.id
        total += len(covered)
    monkeypatch.setattr(limits, "MAX_BLANKET_COVERAGE", total)
    parse_dataset(text, "at-the-cap.yaml")  # at the cap: allowed
    monkeypatch.setattr(limits, "MAX_BLANKET_COVERAGE", total - 1)
    with pytest.raises(DatasetError, match="cover more than"):
        parse_dataset(text, "over-the-cap.yaml")
