"""Monte Carlo rank acceptability and weight stability intervals."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from tests.conftest import TINY, dataset_text, run, statement
from venue_cli.errors import InvalidArgumentError, VenueError
from venue_cli.load import bundled_cases, load_dataset, parse_dataset
from venue_cli.model.params import Method, Params
from venue_cli.model.ranking import Ranking, rank_venues
from venue_cli.model.sensitivity import (
    MAX_RANKS,
    MAX_STABILITY_COST,
    chunk_size,
    run_sensitivity,
    stability_cost,
    stability_intervals,
    stability_skipped,
)

np = pytest.importorskip("numpy")
DAY = dt.date(2025, 10, 20)


@pytest.fixture(scope="module")
def real_ranking() -> Ranking:
    return rank_venues(load_dataset(bundled_cases()["putin-zelensky"]), DAY)


def test_rows_and_columns_sum_to_one(real_ranking: Ranking) -> None:
    res = run_sensitivity(real_ranking, samples=3000, seed=7)
    matrix = np.array([a.shares for a in res.venues])
    assert matrix.shape == (len(real_ranking.scores),) * 2
    assert np.allclose(matrix.sum(axis=0), 1.0)
    assert np.allclose(matrix.sum(axis=1), 1.0)
    for a in res.venues:
        assert a.expected_rank == pytest.approx(sum((k + 1) * x for k, x in enumerate(a.shares)))


def test_low_concentration_spreads_the_ranks(real_ranking: Ranking) -> None:
    res = run_sensitivity(real_ranking, samples=3000, seed=3, concentration=1.0)
    assert max(a.shares[0] for a in res.venues) < 1.0


def test_same_seed_same_result_other_seed_differs(real_ranking: Ranking) -> None:
    a = run_sensitivity(real_ranking, samples=2000, seed=11)
    b = run_sensitivity(real_ranking, samples=2000, seed=11)
    c = run_sensitivity(real_ranking, samples=2000, seed=12)
    assert a == b
    assert a != c


def test_uncertain_statements_are_counted_once_each() -> None:
    """A blanket remark bears on every venue but moves as one statement."""
    text = dataset_text(statements="".join([
        statement("any", "a", "open", covers="all", attribution="reported"),
        statement("sure", "b", "accepts", venues="[x]"),
    ]))  # fmt: skip
    r = rank_venues(parse_dataset(text), dt.date(2020, 1, 2))
    assert run_sensitivity(r, samples=10, seed=1).uncertain_stances == 1


def test_sampling_the_fitted_constants_changes_the_spread(real_ranking: Ranking) -> None:
    fixed = run_sensitivity(real_ranking, samples=2000, seed=2, vary_stances=False,
                            concentration=math.inf)  # fmt: skip
    varied = run_sensitivity(real_ranking, samples=2000, seed=2, vary_stances=False,
                             concentration=math.inf, vary_parameters=True)  # fmt: skip
    assert all(max(a.shares) == 1.0 for a in fixed.venues)  # one ranking only
    assert any(max(a.shares) < 1.0 for a in varied.venues)


def test_a_dominated_venue_never_ranks_first() -> None:
    """y is x with a travel limit for everyone: no sampled weight can put it first."""
    text = dataset_text(
        venues="""
  - {id: x, name: X City, city: X City, country: "XX", country_name: Xland}
  - {id: y, name: Y City, city: Y City, country: "XX", country_name: Xland}""",
        facts="""
  - {id: hard, kind: travel_constraint, venue: y, level: 0.3, date: 2019-01-01, summary: hard,
     confidence: high, sources: [s1]}""",
    )
    r = rank_venues(parse_dataset(text), dt.date(2020, 1, 2))
    res = run_sensitivity(r, samples=4000, seed=5, concentration=2.0)
    shares = {a.venue: a.shares[0] for a in res.venues}
    assert shares == {"x": 1.0, "y": 0.0}


def test_many_venues_keep_the_first_ranks_only() -> None:
    venues = "".join(
        f'\n  - {{id: v{i}, name: V{i}, city: C{i}, country: "XX", country_name: Xland}}'
        for i in range(MAX_RANKS + 5)
    )
    r = rank_venues(parse_dataset(dataset_text(venues=venues)), dt.date(2020, 1, 2))
    res = run_sensitivity(r, samples=50, seed=1)
    assert res.ranks_shown == MAX_RANKS
    assert all(len(a.shares) == MAX_RANKS for a in res.venues)
    assert sum(a.expected_rank for a in res.venues) == pytest.approx(sum(range(1, 26)))


def test_stability_intervals_are_left_out_when_they_would_cost_too_much(
    tmp_path: Path, real_ranking: Ranking
) -> None:
    # their worst-case cost grows as parties × venues: 2,000 tied venues with two parties
    # take about 10 s
    from tests.conftest import synthetic_generator

    assert stability_cost(real_ranking) == 3 * len(real_ranking.scores)
    assert stability_skipped(real_ranking) is None
    path = tmp_path / "many.yaml"
    path.write_text(synthetic_generator().generate(200, 21), encoding="utf-8")
    ranking = rank_venues(load_dataset(path), dt.date(2025, 7, 1))
    assert stability_cost(ranking) == 21 * 200 > MAX_STABILITY_COST
    assert stability_intervals(ranking) == []
    note = (
        "weight stability intervals left out: 21 scored parties over 200 venues cost "
        "parties × venues = 4,200, above 4,000 (the rank acceptability is complete)"
    )
    assert stability_skipped(ranking) == note
    r = run("sensitivity", "--data", str(path), "--as-of", "2025-07-01", "-n", "50", "-f", "json")
    assert f"Note: {note}\n" in r.stderr
    doc = json.loads(r.stdout)
    assert doc["stability"] == []
    assert doc["warnings"][-1] == note


def test_memory_is_bounded_or_refused() -> None:
    assert chunk_size(3, 14, 7, 500) == (64 << 20) // (8 * (3 * 14 * 15 + 6 * 14 + 4 * 500))
    assert chunk_size(20, 10_000, 7, 200_000) < 50  # big cases: small chunks, same memory
    with pytest.raises(VenueError, match="rank fewer venues"):
        chunk_size(200, 5_000_000, 7)


def test_stability_interval_matches_hand_arithmetic() -> None:
    """tiny.yaml on 2020-01-06 without momentum; North's weight t on home_turf (legal 1 − t).

    South City: North U = 0.25 + 0.5·((1 − t)·1 + t·0) = 0.75 − 0.5 t (no warrant in SS;
    South's own ground); South U = 0.5·0.5 + 0.5·0.8 = 0.65.
    Neutral City: North U = 0.25 + 0.5·(t·0.5) (HH must arrest: legal 0); South U =
    0.5·σ + 0.5·0.8, with σ pooling South's reported, medium-confidence acceptance about talks
    (weight 0.8·0.75·0.5·2^(−2/60)) with the prior.
    Nash with equal weights: 0.65·(0.75 − 0.5 t) = U_S·(0.25 + 0.25 t).
    """
    params = Params()._replace(momentum_share=0.0)
    r = rank_venues(load_dataset(TINY), dt.date(2020, 1, 6), params=params)
    assert r.scores[0].venue.id == "south-city"
    w = 0.8 * 0.75 * 0.5 * 2 ** (-2 / 60)
    sigma = (0.25 * 0.5 + w * 0.8) / (0.25 + w)
    u_s = 0.5 * sigma + 0.5 * 0.8
    t = (0.65 * 0.75 - 0.25 * u_s) / (0.65 * 0.5 + 0.25 * u_s)
    found = {(s.party, s.criterion): s for s in stability_intervals(r)}
    home = found[("north", "home_turf")]
    assert home.weight == pytest.approx(0.5)
    assert (home.low, home.below) == (0.0, None)
    assert home.high == pytest.approx(t, abs=1e-5)
    assert home.above == "neutral-city"
    legal = found[("north", "legal")]  # the mirror image: t_legal = 1 − t_home
    assert legal.low == pytest.approx(1 - t, abs=1e-5)
    assert (legal.below, legal.high, legal.above) == ("neutral-city", 1.0, None)


@pytest.mark.parametrize(
    ("samples", "conc", "seed"),
    [(0, 50.0, 0), (-5, 50.0, 0), (10**9, 50.0, 0), (10, 0.0, 0), (10, math.nan, 0),
     (10, 1e-300, 0), (10, 1e7, 0), (10, 50.0, -1)],
)  # fmt: skip
def test_bad_values_are_refused(
    real_ranking: Ranking, samples: int, conc: float, seed: int
) -> None:
    with pytest.raises(InvalidArgumentError):
        run_sensitivity(real_ranking, samples=samples, concentration=conc, seed=seed)


def test_cli_sensitivity_same_seed_is_byte_identical() -> None:
    args = (
        "sensitivity",
        "--samples",
        "3000",
        "--seed",
        "4",
        "--as-of",
        "2025-09-05",
        "-f",
        "plain",
    )
    a = run(*args)
    b = run(*args)
    assert a.stdout == b.stdout
    assert "ranks first in" in a.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "--samples must be between 1"),
        (["--samples", "99999999999"], "--samples must be between 1"),
        (["--concentration", "-1"], "--concentration must be between 0.01 and 1e+06"),
        (["--concentration", "nan"], "--concentration must be between"),
        (["--concentration", "1e-300"], "--concentration must be between"),
        (["--seed", "-1"], "--seed must be between 0"),
    ],
)
def test_cli_sensitivity_bad_values(args: list[str], message: str) -> None:
    r = run("sensitivity", *args, expect=2)
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_no_venues_gives_an_empty_result_not_a_crash() -> None:
    ds = load_dataset(TINY)
    r = rank_venues(ds._replace(venues={}), dt.date(2020, 1, 6))
    res = run_sensitivity(r, samples=100, seed=1)
    assert res.venues == ()
    assert res.headline() == "no venues to rank"


@pytest.mark.parametrize("method", list(Method))
def test_a_joint_score_with_one_party_replaced_is_the_kernels_bit_for_bit(method: Method) -> None:
    """Stability intervals take one party's term out of an exact sum of every party's and
    put the new one in (`_Joint`) instead of evaluating every party again; the joint score
    must be the kernel's, to the last bit, or a near-tie could flip (weights and utilities
    of every size, zeros too)."""
    import random

    from venue_cli.model import kernel
    from venue_cli.model.sensitivity import _Joint

    rng = random.Random(7)
    sizes = [0.0, 5e-324, 1e-300, 1 / 3, 0.5, 1.0]

    def pair() -> tuple[float, float]:
        return (
            rng.choice([*sizes, rng.random(), 1000 * rng.random()]),
            rng.choice([*sizes, rng.random(), rng.random() ** 20]),
        )

    for _ in range(5_000):
        pairs = [pair() for _ in range(rng.randint(1, 25))]
        i, new = rng.randrange(len(pairs)), pair()
        replaced = [new if k == i else p for k, p in enumerate(pairs)]
        lams = [lam for lam, _ in replaced]
        expected = (
            float(kernel.joint(kernel.SCALAR, method, lams, [u for _, u in replaced]))
            if any(lam > 0 for lam in lams)
            else 0.0
        )
        got = _Joint(method, pairs).replacing(i, *new)
        assert (got, math.copysign(1.0, got)) == (expected, math.copysign(1.0, expected))


@pytest.mark.parametrize("method", list(Method))
def test_pruned_first_venue_is_the_full_scans_at_every_weight(
    method: Method, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stability intervals ask first(t) about 220 times per party and criterion; the venues
    that cannot be first anywhere in [0, 1] are dropped once. On random cases and on 60
    synthetic venues (where most are dropped) the pruned scan names the same venue as the
    scan of every venue, at the ends and at 39 weights between."""
    from tests.conftest import synthetic_generator
    from tests.randomcase import random_case
    from venue_cli.model import sensitivity

    kept: list[int] = []
    real = sensitivity._contenders

    def counted(lines: list[sensitivity._Line], i: int) -> list[sensitivity._Line]:
        out = real(lines, i)
        kept.append(len(out))
        return out

    monkeypatch.setattr(sensitivity, "_contenders", counted)
    rankings = [rank_venues(parse_dataset(random_case(seed)), dt.date(2020, 3, 1), method=method)
                for seed in range(30)]  # fmt: skip
    synthetic = parse_dataset(synthetic_generator().generate(60, 3))
    rankings.append(rank_venues(synthetic, dt.date(2025, 7, 1), method=method))
    for r in rankings:
        joints = [sensitivity._Joint(r.method, [(q.joint_weight, q.utility) for q in s.parties])
                  for s in r.scores]  # fmt: skip
        for pi in range(len(r.scores[0].parties)):
            for ci in range(len(r.criteria)):
                kept.clear()
                pruned = sensitivity._first_fn(r, pi, ci, joints)
                full = sensitivity._first_fn(r, pi, ci, joints, prune=False)
                for k in range(41):
                    assert pruned(k / 40) == full(k / 40), (r.dataset.case.id, pi, ci, k)
    assert kept[0] < len(rankings[-1].scores) // 2  # the synthetic case: most venues dropped


def test_a_run_above_the_work_budget_is_refused_with_the_samples_that_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """1,000 blanket remarks over 1,000 venues (a million pieces of evidence) made the
    default 20,000 samples run for about an hour; the run is refused up front, saying how
    many samples fit, and that many run."""
    from venue_cli.model import sensitivity as sens

    sens.check_work(20_000, 54_857, 300_000, 10_000)  # the synthetic 10,000 venues: runs
    with pytest.raises(VenueError) as info:
        sens.check_work(20_000, 999_000, 30_000, 1_000)
    assert str(info.value) == (
        "sensitivity would take many minutes: 20,000 samples of 999,000 pieces of evidence "
        "over 1,000 venues is above the work budget (20,000,000,000 units, 10,020,000 per "
        "sample); lower --samples to at most 1,996"
    )
    sens.check_work(1_996, 999_000, 30_000, 1_000)
    monkeypatch.setattr(sens, "MAX_WORK", 10_000)
    r = run("sensitivity", "--as-of", "2025-10-20", expect=1)
    assert r.stderr.startswith("Error: sensitivity would take many minutes: 20,000 samples")
    fit = int(r.stderr.rsplit(" ", 1)[1].replace(",", ""))
    assert run("sensitivity", "--as-of", "2025-10-20", "--samples", str(fit)).stdout


def test_the_rank_order_is_a_stable_sort_of_the_keys_high_to_low() -> None:
    """`_rank_order` sorts whole-number keys for speed; it must give what a stable argsort
    of the negated float keys gives, ties in column order, on keys as `order_key` makes
    them (rounded scores, plus 2 where feasible), with many exact ties."""
    import numpy as np

    from venue_cli.model import kernel
    from venue_cli.model.sensitivity import _rank_order

    rng = np.random.default_rng(7)
    xp = kernel.numpy_math()
    for n_v in (1, 2, 5, 300):
        score = rng.choice([0.0, 1.0, 0.25, 1 / 3, 0.5 + 1e-12, 0.5], size=(50, n_v))
        score[:25] = rng.random((25, n_v))
        keys = kernel.order_key(xp, rng.random((50, n_v)) > 0.2, score)
        expected = np.argsort(-keys, axis=1, kind="stable")
        assert (_rank_order(np, keys) == expected).all()
    assert _rank_order(np, np.array([[0.5, 2.5, 0.5, 2.5]])).tolist() == [[1, 3, 0, 2]]
    assert _rank_order(np, np.array([[0.5, np.nan, 2.0]])).tolist() == [[2, 0, 1]]
