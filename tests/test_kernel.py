"""One kernel: the deterministic ranking is the kernel with one sample, so sensitivity (with
fixed stances and the configured weights exactly) and the calibration path reproduce it."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.randomcase import random_case
from venue_cli.load import parse_dataset
from venue_cli.model import features
from venue_cli.model.params import DEFAULT_PARAMS, FREE, Method, Params
from venue_cli.model.ranking import rank_venues
from venue_cli.model.sensitivity import run_sensitivity

DAY = dt.date(2020, 3, 1)
SEEDS = range(40)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("method", list(Method))
def test_sensitivity_with_fixed_stances_and_exact_weights_is_the_ranking(
    seed: int, method: Method
) -> None:
    ds = parse_dataset(random_case(seed))
    ranking = rank_venues(ds, DAY, method=method)
    result = run_sensitivity(ranking, samples=3, seed=seed, concentration=math.inf,
                             vary_stances=False)  # fmt: skip
    for a in result.venues:
        # every sample puts every venue at its deterministic position in the listing
        position = [s.venue.id for s in ranking.scores].index(a.venue) + 1
        assert a.shares[position - 1] == 1.0, (seed, a.venue)
        assert a.expected_rank == position
        assert a.feasible_share == (1.0 if ranking.get(a.venue).feasible else 0.0)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_calibration_path_reproduces_joint_scores_and_probabilities(seed: int) -> None:
    ds = parse_dataset(random_case(seed))
    for params in (Params(), DEFAULT_PARAMS):
        ranking = rank_venues(ds, DAY, params=params)
        f = features.extract(ranking)
        theta = {fr.name: getattr(params, fr.name) for fr in FREE}
        joint, probs = features.evaluate(f, theta)
        for k, vid in enumerate(f.venues):
            s = ranking.get(vid)
            assert joint[0, k] == pytest.approx(s.joint, abs=1e-13)
            assert probs[0, k] == pytest.approx(s.probability, abs=1e-13)


def test_a_tie_shares_the_credit_of_every_position_it_may_take() -> None:
    from venue_cli.model.kernel import tie_credit

    assert tie_credit(1, 1) == (1.0, 1.0, 1.0)
    assert tie_credit(1, 2) == (0.5, 1.0, (1 + 1 / 2) / 2)
    assert tie_credit(3, 2) == (0.0, 0.5, (1 / 3 + 1 / 4) / 2)
    assert tie_credit(4, 1) == (0.0, 0.0, 0.25)
