"""Monte Carlo rank acceptability and weight stability intervals."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TINY, run
from venue_cli.errors import InvalidArgumentError
from venue_cli.format.build import build_fact
from venue_cli.load import bundled_cases, load_dataset
from venue_cli.model.ranking import Weights, rank_venues
from venue_cli.model.sensitivity import run_sensitivity, stability_intervals
from venue_cli.records import FactKind

np = pytest.importorskip("numpy")


@pytest.fixture(scope="module")
def real_ranking():  # type: ignore[no-untyped-def]
    return rank_venues(load_dataset(bundled_cases()["putin-zelensky"]), dt.date(2025, 10, 20))


def test_rows_and_columns_sum_to_one(real_ranking) -> None:  # type: ignore[no-untyped-def]
    res = run_sensitivity(real_ranking, samples=3000, seed=7)
    matrix = np.array([a.shares for a in res.venues])
    assert matrix.shape == (len(real_ranking.scores),) * 2
    assert np.allclose(matrix.sum(axis=0), 1.0)
    assert np.allclose(matrix.sum(axis=1), 1.0)
    for a in res.venues:
        assert a.expected_rank == pytest.approx(sum((k + 1) * x for k, x in enumerate(a.shares)))


def test_high_concentration_converges_to_the_deterministic_ranking(real_ranking) -> None:  # type: ignore[no-untyped-def]
    res = run_sensitivity(real_ranking, samples=500, seed=3, concentration=1e9, vary_stances=False)
    for a in res.venues:
        assert a.shares[a.deterministic_rank - 1] == 1.0
        assert a.feasible_share == (1.0 if real_ranking.get(a.venue).feasible else 0.0)


def test_low_concentration_spreads_the_ranks(real_ranking) -> None:  # type: ignore[no-untyped-def]
    res = run_sensitivity(real_ranking, samples=3000, seed=3, concentration=1.0)
    assert max(a.shares[0] for a in res.venues) < 1.0


def test_same_seed_same_result_other_seed_differs(real_ranking) -> None:  # type: ignore[no-untyped-def]
    a = run_sensitivity(real_ranking, samples=2000, seed=11)
    b = run_sensitivity(real_ranking, samples=2000, seed=11)
    c = run_sensitivity(real_ranking, samples=2000, seed=12)
    assert a == b
    assert a != c


def test_a_dominated_venue_never_ranks_first() -> None:
    ds = load_dataset(TINY)
    neutral = ds.venues["neutral-city"]
    worse = neutral._replace(id="worse-city", name="Worse City", aliases=(), host=None)
    # Worse City: same country, no host offer (readiness 0.5 < 1.0) and half the access
    # (0.5 < 1.0) for everyone; every other criterion is equal; no stance is better.
    limit = build_fact(
        {
            "id": "worse-access",
            "kind": "travel_constraint",
            "venue": "worse-city",
            "level": 0.5,
            "date": dt.date(2019, 1, 1),
            "summary": "hard to reach",
            "confidence": "high",
            "sources": ("s1",),
        }
    )
    assert limit.kind is FactKind.TRAVEL_CONSTRAINT
    ds2 = ds._replace(venues={**ds.venues, "worse-city": worse}, facts=(*ds.facts, limit))
    w = Weights.from_dataset(ds2)
    crit = {p: {**c, "access": 0.3, "readiness": 0.3} for p, c in w.criteria.items()}
    r = rank_venues(ds2, dt.date(2020, 1, 10), weights=Weights(crit, w.joint))
    res = run_sensitivity(r, samples=5000, seed=5, concentration=2.0, vary_stances=False)
    worse_row = next(a for a in res.venues if a.venue == "worse-city")
    neutral_row = next(a for a in res.venues if a.venue == "neutral-city")
    assert worse_row.shares[0] == 0.0
    assert neutral_row.shares[0] > 0.5


def test_stability_interval_matches_hand_arithmetic() -> None:
    """tiny.yaml on 2020-01-06, North's weight t on home_turf (legal gets 1 - t):

    South City: North U = 0.25 + 0.5 * (t * 0 + (1 - t) * 1) = 0.75 - 0.5 t; South U = 0.65
    Neutral City: North U = 0.25 + 0.5 * (t * 0.5 + (1 - t) * 0) = 0.25 + 0.25 t; South U = 0.725
    Nash squared: 0.65 (0.75 - 0.5 t) = 0.725 (0.25 + 0.25 t)
      0.4875 - 0.325 t = 0.18125 + 0.18125 t  ->  t = 0.30625 / 0.50625 = 49/81 = 0.6049...
    So South City (first at t = 0.5) stays first for t in [0, 49/81]; above, Neutral City.
    """
    r = rank_venues(load_dataset(TINY), dt.date(2020, 1, 6))
    assert r.scores[0].venue.id == "south-city"
    found = {(s.party, s.criterion): s for s in stability_intervals(r)}
    home = found[("north", "home_turf")]
    assert home.weight == pytest.approx(0.5)
    assert home.low == 0.0
    assert home.below is None
    assert home.high == pytest.approx(49 / 81, abs=1e-5)
    assert home.above == "neutral-city"
    legal = found[("north", "legal")]
    # legal is the mirror image: t_legal = 1 - t_home, so South City is first for t >= 32/81
    assert legal.low == pytest.approx(32 / 81, abs=1e-5)
    assert legal.below == "neutral-city"
    assert legal.high == 1.0
    assert legal.above is None


@pytest.mark.parametrize(
    ("samples", "conc"),
    [(0, 50.0), (-5, 50.0), (10**9, 50.0), (10, 0.0), (10, float("nan")), (10, float("inf"))],
)
def test_bad_values_are_refused(real_ranking, samples: int, conc: float) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidArgumentError):
        run_sensitivity(real_ranking, samples=samples, concentration=conc)


def test_cli_sensitivity_same_seed_is_byte_identical() -> None:
    args = ("sensitivity", "--samples", "3000", "--seed", "4", "--as-of", "2025-09-05")
    a = run(*args)
    b = run(*args)
    assert a.stdout == b.stdout
    assert "ranks first in" in a.stdout
    js = run(*args, "--format", "json")
    assert '"samples": 3000' in js.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "--samples must be between 1"),
        (["--samples", "99999999999"], "--samples must be between 1"),
        (["--concentration", "-1"], "--concentration must be a positive number"),
        (["--concentration", "nan"], "--concentration must be a positive number"),
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
