"""`venues backtest` in every format."""

from __future__ import annotations

from typing import Any

from venue_cli.textfmt import columns, csv_text, md_table

HEAD = ["case", "decision_date", "outcome", "rank", "of", "model_first"]


def _rows(v: dict[str, Any]) -> list[list[str]]:
    return [
        [
            c["case"],
            c["decision_date"],
            c["chosen_name"] + ("" if c["chosen_feasible"] else " (vetoed)"),
            str(c["rank"]),
            str(c["venues"]),
            c["model_first_name"],
        ]
        for c in v["cases"]
    ]


def _summary(v: dict[str, Any]) -> str:
    s = v["summary"]
    return (
        f"{s['cases']} cases · top-1 {s['top1']:.0%} · top-3 {s['top3']:.0%} · "
        f"mean reciprocal rank {s['mrr']:.3f} · method {v['method']}"
    )


def plain(v: dict[str, Any]) -> str:
    return (
        "# scored as of the day before each decision; the outcome is never read by the scorer\n"
        + columns([HEAD, *_rows(v)])
        + _summary(v)
        + "\n"
    )


def csv(v: dict[str, Any]) -> str:
    return csv_text(
        ["case", "decision_date", "as_of", "chosen", "rank", "venues", "model_first"],
        [
            [
                c["case"],
                c["decision_date"],
                c["as_of"],
                c["chosen"],
                c["rank"],
                c["venues"],
                c["model_first"],
            ]
            for c in v["cases"]
        ],
    )


def markdown(v: dict[str, Any]) -> str:
    return md_table(HEAD, _rows(v)) + "\n" + _summary(v) + "\n"
