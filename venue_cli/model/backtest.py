"""Backtest: would the model have ranked the venue actually chosen near the top, given only
what was public the day before the choice? And were its probabilities right?

The scorer never reads a case's `outcome`; only this module does, after scoring. Records
marked `public: false` are left out (a public-knowledge backtest). Ties are credited fairly:
a chosen venue tied with k others is counted at its expected rank over the tie (top-1 counts
1/k if the tie is for first). A case with a single venue says nothing and is flagged, not
counted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import NamedTuple

from venue_cli.errors import DatasetError, Problem
from venue_cli.model.kernel import tie_credit
from venue_cli.model.params import DEFAULT_PARAMS, Method, Params
from venue_cli.model.ranking import Ranking, rank_venues
from venue_cli.records import Dataset


class CaseResult(NamedTuple):
    case: str
    title: str
    decision_date: dt.date
    as_of: dt.date
    chosen: str
    chosen_name: str
    rank: int  # the chosen venue's (shared) rank
    venues: int
    chosen_feasible: bool
    top: str  # the model's first venue
    top_name: str
    tied_with: int = 1  # venues sharing the chosen venue's score (itself included)
    chosen_probability: float = 0.0
    probabilities: tuple[float, ...] = ()  # every venue's, in rank order
    chosen_index: int = 0  # the chosen venue's position in `probabilities`
    single_venue: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def positions(self) -> range:
        """The rank positions the chosen venue may take within its tie."""
        return range(self.rank, self.rank + self.tied_with)

    @property
    def expected_rank(self) -> float:
        return sum(self.positions) / self.tied_with

    @property
    def top1(self) -> float:
        return tie_credit(self.rank, self.tied_with)[0]

    @property
    def top3(self) -> float:
        return tie_credit(self.rank, self.tied_with)[1]

    @property
    def reciprocal_rank(self) -> float:
        return tie_credit(self.rank, self.tied_with)[2]

    @property
    def log_loss(self) -> float:
        return -math.log(max(self.chosen_probability, 1e-300))

    @property
    def brier(self) -> float:
        return sum(
            (p - (1.0 if i == self.chosen_index else 0.0)) ** 2
            for i, p in enumerate(self.probabilities)
        )


class Scores(NamedTuple):
    """The backtest's figures over a set of cases."""

    cases: int
    top1: float
    top3: float
    mrr: float
    log_loss: float
    brier: float


class BacktestSummary(NamedTuple):
    cases: int  # counted (single-venue cases are not)
    top1: float
    top3: float
    mrr: float
    log_loss: float = 0.0
    brier: float = 0.0
    baseline: Scores | None = None  # a uniform pick over each case's venues
    single_venue: tuple[str, ...] = ()


def day_before(dataset: Dataset) -> dt.date:
    """The day a backtest scores: the day before the case's decision. A file that is not a
    historical case (no decision date, or no outcome) is refused, saying what to add."""
    case = dataset.case
    if case.decision_date is not None and dataset.outcome is not None:
        return case.decision_date - dt.timedelta(days=1)
    if case.decision_date is None and dataset.outcome is None:
        what = (
            "has no decision_date and no outcome to backtest against (a historical case has "
            "both: case.decision_date, the day the venue was fixed, and an outcome record)"
        )
    elif case.decision_date is None:
        what = (
            "has an outcome but no decision_date: add case.decision_date, the day the venue "
            "was fixed (the backtest scores the day before)"
        )
    else:
        what = (
            "has a decision_date but no outcome: add an outcome record (the venue chosen, "
            "its date, a summary and its sources)"
        )
    raise DatasetError([Problem(dataset.path, None, None, f"case '{case.id}' {what}")])


def result_of(dataset: Dataset, ranking: Ranking) -> CaseResult:
    """Read the outcome against a ranking made the day before."""
    from venue_cli.format.warnings import dataset_warnings

    assert dataset.outcome is not None
    assert dataset.case.decision_date is not None
    chosen = dataset.outcome.venue
    score = ranking.get(chosen)
    tied = sum(1 for s in ranking.scores if s.rank == score.rank and s.feasible == score.feasible)
    top = ranking.scores[0].venue
    late = tuple(w for w in dataset_warnings(dataset) if "on or after the decision" in w)
    return CaseResult(
        dataset.case.id,
        dataset.case.title,
        dataset.case.decision_date,
        ranking.as_of,
        chosen,
        score.venue.name,
        score.rank,
        len(ranking.scores),
        score.feasible,
        top.id,
        top.name,
        tied,
        score.probability,
        tuple(s.probability for s in ranking.scores),
        ranking.by_id[chosen],
        len(ranking.scores) < 2,
        late,
    )


def backtest_case(
    dataset: Dataset, method: Method = Method.NASH, params: Params = DEFAULT_PARAMS
) -> CaseResult:
    """Score `dataset` as of the day before its decision, public records only, and read
    where the chosen venue ranked and how likely the model thought it."""
    ranking = rank_venues(dataset, day_before(dataset), method=method, params=params,
                          public_only=True)  # fmt: skip
    return result_of(dataset, ranking)


def scores(results: Sequence[CaseResult]) -> Scores:
    counted = [r for r in results if not r.single_venue]
    n = len(counted)
    if n == 0:
        return Scores(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return Scores(
        n,
        sum(r.top1 for r in counted) / n,
        sum(r.top3 for r in counted) / n,
        sum(r.reciprocal_rank for r in counted) / n,
        sum(r.log_loss for r in counted) / n,
        sum(r.brier for r in counted) / n,
    )


def uniform(results: Sequence[CaseResult]) -> Scores:
    """The same figures for a pick made uniformly at random among each case's venues."""
    counted = [r for r in results if not r.single_venue]
    n = len(counted)
    if n == 0:
        return Scores(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return Scores(
        n,
        sum(1 / r.venues for r in counted) / n,
        sum(min(3, r.venues) / r.venues for r in counted) / n,
        sum(sum(1 / k for k in range(1, r.venues + 1)) / r.venues for r in counted) / n,
        sum(math.log(r.venues) for r in counted) / n,
        sum(1 - 1 / r.venues for r in counted) / n,
    )


def held_out(cases: Sequence[str]) -> Scores | None:
    """The leave-one-case-out figures that `venues calibrate` stored with the parameters,
    when they cover exactly `cases` (else None: they would describe other cases)."""
    import json

    from venue_cli.model.params import PARAMETERS_FILE

    try:
        doc = json.loads(PARAMETERS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    rows = doc.get("held_out") or []
    if sorted(r["case"] for r in rows) != sorted(cases) or not rows:
        return None
    n = len(rows)

    def positions(r: dict[str, int]) -> range:
        return range(r["better"] + 1, r["better"] + r["tied"] + 1)

    return Scores(
        n,
        sum(sum(1 for k in positions(r) if k == 1) / r["tied"] for r in rows) / n,
        sum(sum(1 for k in positions(r) if k <= 3) / r["tied"] for r in rows) / n,
        sum(sum(1 / k for k in positions(r)) / r["tied"] for r in rows) / n,
        sum(-math.log(max(r["probabilities"][r["chosen"]], 1e-300)) for r in rows) / n,
        sum(
            sum(
                (p - (1.0 if i == r["chosen"] else 0.0)) ** 2
                for i, p in enumerate(r["probabilities"])
            )
            for r in rows
        )
        / n,
    )


def summarise(results: Sequence[CaseResult]) -> BacktestSummary:
    s = scores(results)
    return BacktestSummary(
        s.cases,
        s.top1,
        s.top3,
        s.mrr,
        s.log_loss,
        s.brier,
        uniform(results),
        tuple(r.case for r in results if r.single_venue),
    )
