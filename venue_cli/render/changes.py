"""`venues changes` in every format (from `views.timeline.changes_view`)."""

from __future__ import annotations

from typing import Any

from venue_cli.textfmt import csv_text, f3

CSV_HEAD = [
    "venue",
    "rank_from",
    "rank_to",
    "score_from",
    "score_to",
    "feasible_from",
    "feasible_to",
    "cause_date",
    "cause_kind",
    "cause_id",
    "cause",
]


def _move(c: dict[str, Any]) -> str:
    arrow = "↑" if c["rank_to"] < c["rank_from"] else "↓" if c["rank_to"] > c["rank_from"] else "="
    feas = ""
    if c["feasible_from"] != c["feasible_to"]:
        feas = "; now VETOED" if not c["feasible_to"] else "; veto lifted"
    return (
        f"{c['name']}: rank {c['rank_from']} → {c['rank_to']} {arrow}, score "
        f"{f3(c['score_from'])} → {f3(c['score_to'])}{feas}"
    )


def _cause(e: dict[str, Any]) -> str:
    who = (
        f"{e['party']}, {e['speaker']}: "
        if e["speaker"]
        else (f"{e['party']}: " if e["party"] else "")
    )
    return f"{e['date']}  {e['kind']} {e['id']}: {who}{e['stance']} — {e['text']}"


def plain(view: dict[str, Any]) -> str:
    out = [f"# ranking changes from {view['from']} to {view['to']}"]
    if not view["changes"]:
        out.append("no venue moved")
    for c in view["changes"]:
        out.append(_move(c))
        if not c["causes"]:
            out.append("    (no record about this venue changed: it moved because others did)")
        out += [f"    {_cause(e)}" for e in c["causes"]]
    return "\n".join(out) + "\n"


def csv(view: dict[str, Any]) -> str:
    rows = []
    for c in view["changes"]:
        base = [
            c["venue"],
            c["rank_from"],
            c["rank_to"],
            f"{c['score_from']:.6f}",
            f"{c['score_to']:.6f}",
            str(c["feasible_from"]).lower(),
            str(c["feasible_to"]).lower(),
        ]
        if not c["causes"]:
            rows.append([*base, "", "", "", ""])
        rows += [[*base, e["date"], e["kind"], e["id"], e["text"]] for e in c["causes"]]
    return csv_text(CSV_HEAD, rows)


def markdown(view: dict[str, Any]) -> str:
    from venue_cli.safety import md_text

    out = [f"**Ranking changes from {view['from']} to {view['to']}**", ""]
    for c in view["changes"]:
        out.append(f"- {md_text(_move(c))}")
        out += [f"  - {md_text(_cause(e))}" for e in c["causes"]]
    return "\n".join(out) + "\n"


def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title=Text(f"Ranking changes from {view['from']} to {view['to']}", style="bold"),
        box=box.SIMPLE_HEAVY,
        header_style="bold",
    )
    t.add_column("venue", overflow="fold")
    t.add_column("move", overflow="fold")
    t.add_column("records that moved it", overflow="fold")
    for c in view["changes"]:
        causes = "\n".join(_cause(e) for e in c["causes"]) or "(moved because others did)"
        t.add_row(Text(c["name"]), Text(_move(c).split(": ", 1)[1]), Text(causes))
    if not view["changes"]:
        t.add_row(Text("—"), Text("no venue moved"), Text(""))
    return t
