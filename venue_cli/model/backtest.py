"""Backtest: would the model have ranked the venue actually chosen near the top, given only
what was known the day before the choice?

The scorer never reads a case's `outcome`; only this module does, after scoring.
"""

import datetime as dt
from typing import NamedTuple

from venue_cli.errors import InvalidArgumentError
from venue_cli.model.params import Method
from venue_cli.model.ranking import rank_venues
from venue_cli.records import Dataset


class CaseResult(NamedTuple):
    case: str
    title: str
    decision_date: dt.date
    as_of: dt.date
    chosen: str
    chosen_name: str
    rank: int
    venues: int
    chosen_feasible: bool
    top: str  # the model's first venue
    top_name: str

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.rank


class BacktestSummary(NamedTuple):
    cases: int
    top1: float
    top3: float
    mrr: float


def backtest_case(dataset: Dataset, method: Method = Method.NASH) -> CaseResult:
    """Score `dataset` as of the day before its decision and find the chosen venue's rank."""
    case = dataset.case
    if case.decision_date is None or dataset.outcome is None:
        raise InvalidArgumentError(
            f"{dataset.path}: case '{case.id}' has no decision_date and outcome to backtest against"
        )
    as_of = case.decision_date - dt.timedelta(days=1)
    ranking = rank_venues(dataset, as_of, method=method)  # reads no outcome
    chosen = dataset.outcome.venue
    score = ranking.get(chosen)
    top = ranking.scores[0].venue
    return CaseResult(
        case.id,
        case.title,
        case.decision_date,
        as_of,
        chosen,
        score.venue.name,
        score.rank,
        len(ranking.scores),
        score.feasible,
        top.id,
        top.name,
    )


def summarise(results: list[CaseResult]) -> BacktestSummary:
    n = len(results)
    if n == 0:
        return BacktestSummary(0, 0.0, 0.0, 0.0)
    return BacktestSummary(
        n,
        sum(r.rank == 1 for r in results) / n,
        sum(r.rank <= 3 for r in results) / n,
        sum(r.reciprocal_rank for r in results) / n,
    )
