"""The document of `venues backtest`."""

from __future__ import annotations

from venue_cli.model.backtest import BacktestSummary, CaseResult
from venue_cli.views.types import VIEW_SCHEMA_VERSION, BacktestDocument


def backtest_view(
    results: list[CaseResult], summary: BacktestSummary, method: str
) -> BacktestDocument:
    return {
        "schema_version": VIEW_SCHEMA_VERSION,
        "command": "backtest",
        "method": method,
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
            }
            for r in results
        ],
        "summary": {
            "cases": summary.cases,
            "top1": summary.top1,
            "top3": summary.top3,
            "mrr": summary.mrr,
        },
    }
