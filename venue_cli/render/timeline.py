"""`venues timeline` and `venues changes` in every format."""

from __future__ import annotations

import datetime as dt
from typing import Any

from venue_cli.model import Dataset
from venue_cli.scoring import Ranking
from venue_cli.textfmt import columns, csv_text, f3, md_table
from venue_cli.timeline import TimelineEntry, VenueChange

HEAD = ["date", "kind", "party", "speaker", "venue", "stance", "meeting", "quote", "source"]


def _row(e: TimelineEntry) -> list[str]:
    return [
        e.date.isoformat(),
        e.kind,
        e.party,
        e.speaker,
        ", ".join(e.venues),
        e.stance,
        e.meeting,
        e.text,
        e.source,
    ]


def entry_dict(e: TimelineEntry) -> dict[str, Any]:
    return {
        "date": e.date.isoformat(),
        "kind": e.kind,
        "id": e.id,
        "party": e.party,
        "speaker": e.speaker,
        "venues": list(e.venues),
        "stance": e.stance,
        "meeting": e.meeting,
        "text": e.text,
        "source": e.source,
    }


def view(ds: Dataset, entries: list[TimelineEntry]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "command": "timeline",
        "case": ds.case.id,
        "entries": [entry_dict(e) for e in entries],
    }


def plain(entries: list[TimelineEntry]) -> str:
    if not entries:
        return "# no statements or events match\n"
    rows = [["date", "kind", "party", "speaker", "venue", "stance", "meeting", "quote / summary"]]
    rows += [_row(e)[:8] for e in entries]
    return columns(rows)


def csv(entries: list[TimelineEntry]) -> str:
    return csv_text(HEAD, [_row(e) for e in entries])


def markdown(entries: list[TimelineEntry]) -> str:
    return md_table(HEAD, [_row(e) for e in entries])


def table(ds: Dataset, entries: list[TimelineEntry]) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title=Text(f"{ds.case.title}: statements and events", style="bold"),
        box=box.SIMPLE_HEAVY,
        header_style="bold",
    )
    for h in ("date", "party", "venue", "stance", "meeting", "speaker / quote / source"):
        t.add_column(h, overflow="fold")
    for e in entries:
        style = {"rejects": "red", "reluctant": "yellow", "proposes": "green", "accepts": "green"}
        body = Text(e.speaker or e.kind, style="bold")
        body.append(f"\n{e.text}\n" if e.kind == "event" else f"\n“{e.text}”\n")
        body.append(e.source, style="dim")
        t.add_row(
            e.date.isoformat(),
            e.party,
            ", ".join(e.venues),
            Text(e.stance, style=style.get(e.stance, "")),
            e.meeting,
            body,
        )
    return t


# --------------------------------------------------------------------------- changes


def changes_view(before: Ranking, after: Ranking, moved: list[VenueChange]) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "command": "changes",
        "case": after.dataset.case.id,
        "from": before.as_of.isoformat(),
        "to": after.as_of.isoformat(),
        "method": after.method.value,
        "changes": [
            {
                "venue": c.venue,
                "name": c.name,
                "rank_from": c.rank_from,
                "rank_to": c.rank_to,
                "score_from": c.score_from,
                "score_to": c.score_to,
                "feasible_from": c.feasible_from,
                "feasible_to": c.feasible_to,
                "causes": [entry_dict(e) for e in c.causes],
            }
            for c in moved
        ],
    }


def _move(c: VenueChange) -> str:
    arrow = "↑" if c.rank_to < c.rank_from else "↓" if c.rank_to > c.rank_from else "="
    feas = ""
    if c.feasible_from != c.feasible_to:
        feas = "; now VETOED" if not c.feasible_to else "; veto lifted"
    return (
        f"{c.name}: rank {c.rank_from} → {c.rank_to} {arrow}, score {f3(c.score_from)} → "
        f"{f3(c.score_to)}{feas}"
    )


def changes_plain(d1: dt.date, d2: dt.date, moved: list[VenueChange]) -> str:
    out = [f"# ranking changes from {d1} to {d2}"]
    if not moved:
        out.append("no venue moved")
    for c in moved:
        out.append(_move(c))
        if not c.causes:
            out.append("    (no record about this venue changed: it moved because others did)")
        for e in c.causes:
            who = f"{e.party}, {e.speaker}: " if e.speaker else (f"{e.party}: " if e.party else "")
            out.append(f"    {e.date}  {e.kind} {e.id}: {who}{e.stance} — {e.text}")
    return "\n".join(out) + "\n"


def changes_csv(moved: list[VenueChange]) -> str:
    rows = []
    for c in moved:
        causes = c.causes or (None,)
        for e in causes:
            rows.append(
                [
                    c.venue,
                    c.rank_from,
                    c.rank_to,
                    f"{c.score_from:.6f}",
                    f"{c.score_to:.6f}",
                    str(c.feasible_from).lower(),
                    str(c.feasible_to).lower(),
                    e.date.isoformat() if e else "",
                    e.kind if e else "",
                    e.id if e else "",
                    e.text if e else "",
                ]
            )
    return csv_text(
        [
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
        ],
        rows,
    )


def changes_markdown(d1: dt.date, d2: dt.date, moved: list[VenueChange]) -> str:
    out = [f"**Ranking changes from {d1} to {d2}**", ""]
    for c in moved:
        out.append(f"- {_move(c)}")
        out += [f"  - {e.date} {e.kind} `{e.id}`: {e.stance} — {e.text}" for e in c.causes]
    return "\n".join(out) + "\n"
