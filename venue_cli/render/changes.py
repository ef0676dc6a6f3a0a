"""`venues changes` in every format (from `views.timeline.changes_view`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.render import layout
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
    "cause_text",
]


def _move(c: Mapping[str, Any]) -> str:
    arrow = "↑" if c["rank_to"] < c["rank_from"] else "↓" if c["rank_to"] > c["rank_from"] else "="
    feas = ""
    if c["feasible_from"] != c["feasible_to"]:
        feas = "; now VETOED" if not c["feasible_to"] else "; veto lifted"
    return (
        f"{c['name']}: rank {c['rank_from']} → {c['rank_to']} {arrow}, score "
        f"{f3(c['score_from'])} → {f3(c['score_to'])}{feas}"
    )


def _cause(e: Mapping[str, Any]) -> str:
    who = (
        f"{e['party']}, {e['speaker']}: "
        if e["speaker"]
        else (f"{e['party']}: " if e["party"] else "")
    )
    return f"{e['date']}  {e['kind']} {e['id']}: {who}{e['stance']} — {e['text']}"


def plain(view: Mapping[str, Any]) -> str:
    out = [f"# ranking changes from {view['from']} to {view['to']}"]
    if not view["changes"]:
        out.append("no venue moved")
    for c in view["changes"]:
        out.append(_move(c))
        if not c["causes"]:
            out.append("    (no record about this venue changed: it moved because others did)")
        out += [f"    {_cause(e)}" for e in c["causes"]]
    return "\n".join(out) + "\n"


def csv(view: Mapping[str, Any]) -> str:
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


def markdown(view: Mapping[str, Any]) -> str:
    from venue_cli.safety import md_text

    out = [f"**Ranking changes from {view['from']} to {view['to']}**", ""]
    for c in view["changes"]:
        out.append(f"- {md_text(_move(c))}")
        out += [f"  - {md_text(_cause(e))}" for e in c["causes"]]
    return "\n".join(out) + "\n"


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> Any:
    """A row per venue that moved: the venue and its move on the left, the records dated in
    between that moved it on the right (which takes the room left)."""
    from rich.text import Text

    w = width or layout.WIDE
    title = f"Ranking changes from {view['from']} to {view['to']}"
    if not view["changes"]:
        return layout.text(f"{title}: no venue moved", "bold")
    moves = [_move(c).split(": ", 1)[1] for c in view["changes"]]
    names = [c["name"] for c in view["changes"]]
    left_w = min(26, max(layout.longest(names), layout.longest_word(moves), 12))
    t = layout.new_table(title)
    t.leading = 1
    t.add_column("Venue, move", width=left_w)
    t.add_column("Records that moved it", width=max(20, w - left_w - layout.GAP), overflow="fold")
    for c, move in zip(view["changes"], moves, strict=True):
        left = Text(c["name"], style="bold")
        up = c["rank_to"] < c["rank_from"]
        style = "green" if up else ("red" if c["rank_to"] > c["rank_from"] else "")
        left.append(f"\n{move}", style=style)
        right = Text()
        for i, e in enumerate(c["causes"]):
            right.append(("\n" if i else "") + _cause(e))
        if not c["causes"]:
            right.append("(no record about it changed: it moved because others did)", style="dim")
        t.add_row(left, right)
    return t
