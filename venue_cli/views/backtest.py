"""The document of `venues backtest`: per-case results, the summary against a uniform pick,
the uncalibrated defaults and the leave-one-case-out figures, and a reliability diagram."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from venue_cli.model.backtest import BacktestSummary, CaseResult, Scores
from venue_cli.views import CONDITIONAL, VIEW_SCHEMA_VERSION

if TYPE_CHECKING:
    from venue_cli.views.types import BacktestDocument, ReliabilityBin, ScoresView

BINS = 5


def scores_view(s: Scores) -> ScoresView:
    return {
        "cases": s.cases,
        "top1": s.top1,
        "top3": s.top3,
        "mrr": s.mrr,
        "log_loss": s.log_loss,
        "brier": s.brier,
    }


def reliability(results: Sequence[CaseResult], bins: int = BINS) -> list[ReliabilityBin]:
    """Predicted probability against how often it happened: every venue of every counted
    case, in `bins` equal bins of probability."""
    edges = [i / bins for i in range(bins + 1)]
    out: list[ReliabilityBin] = []
    pairs = [
        (p, i == r.chosen_index)
        for r in results
        if not r.single_venue
        for i, p in enumerate(r.probabilities)
    ]
    for k in range(bins):
        lo, hi = edges[k], edges[k + 1]
        inside = [(p, hit) for p, hit in pairs if lo <= p < hi or (k == bins - 1 and p == hi)]
        n = len(inside)
        out.append(
            {
                "low": lo,
                "high": hi,
                "venues": n,
                "mean_probability": sum(p for p, _ in inside) / n if n else 0.0,
                "chosen_share": sum(1 for _, hit in inside if hit) / n if n else 0.0,
            }
        )
    return out


def backtest_view(
    results: list[CaseResult],
    summary: BacktestSummary,
    method: str,
    *,
    uncalibrated: Scores | None = None,
    held_out: Scores | None = None,
) -> BacktestDocument:
    assert summary.baseline is not None
    return {
        "schema_version": VIEW_SCHEMA_VERSION,
        "command": "backtest",
        "method": method,
        "conditional": CONDITIONAL,
        "cases": [
            {
                "case": r.case,
                "title": r.title,
                "decision_date": r.decision_date.isoformat(),
                "as_of": r.as_of.isoformat(),
                "chosen": r.chosen,
                "chosen_name": r.chosen_name,
                "rank": r.rank,
                "venues": r.venues,
                "chosen_feasible": r.chosen_feasible,
                "model_first": r.top,
                "model_first_name": r.top_name,
                "tied_with": r.tied_with,
                "expected_rank": r.expected_rank,
                "chosen_probability": r.chosen_probability,
                "single_venue": r.single_venue,
                "warnings": list(r.warnings),
            }
            for r in results
        ],
        "summary": {
            "cases": summary.cases,
            "top1": summary.top1,
            "top3": summary.top3,
            "mrr": summary.mrr,
            "log_loss": summary.log_loss,
            "brier": summary.brier,
            "baseline": scores_view(summary.baseline),
            "uncalibrated": scores_view(uncalibrated) if uncalibrated else None,
            "held_out": scores_view(held_out) if held_out else None,
            "single_venue": list(summary.single_venue),
        },
        "reliability": reliability(results),
    }
