"""`venues timeline` in every format (from `views.timeline.timeline_view`)."""

from __future__ import annotations

from typing import Any

from venue_cli.textfmt import columns, csv_text, md_table

HEAD = ["date", "kind", "party", "speaker", "venue", "stance", "meeting", "quote", "source"]
STYLE = {"rejects": "red", "reluctant": "yellow", "proposes": "green", "accepts": "green"}


def _row(e: dict[str, Any]) -> list[str]:
    return [
        e["date"],
        e["kind"],
        e["party"],
        e["speaker"],
        ", ".join(e["venues"]),
        e["stance"],
        e["meeting"],
        e["text"],
        e["source"],
    ]


def plain(view: dict[str, Any]) -> str:
    entries = view["entries"]
    if not entries:
        return "# no statements or events match\n"
    rows = [["date", "kind", "party", "speaker", "venue", "stance", "meeting", "quote / summary"]]
    rows += [_row(e)[:8] for e in entries]
    return columns(rows)


def csv(view: dict[str, Any]) -> str:
    return csv_text(HEAD, [_row(e) for e in view["entries"]])


def markdown(view: dict[str, Any]) -> str:
    return md_table(HEAD, [_row(e) for e in view["entries"]])


def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title=Text(f"{view['case_title']}: statements and events", style="bold"),
        box=box.SIMPLE_HEAVY,
        header_style="bold",
    )
    for h in ("date", "party", "venue", "stance", "meeting", "speaker / quote / source"):
        t.add_column(h, overflow="fold")
    for e in view["entries"]:
        body = Text(e["speaker"] or e["kind"], style="bold")
        body.append(f"\n{e['text']}\n" if e["kind"] == "event" else f"\n“{e['text']}”\n")
        body.append(e["source"], style="dim")
        t.add_row(
            Text(e["date"]),
            Text(e["party"]),
            Text(", ".join(e["venues"])),
            Text(e["stance"], style=STYLE.get(e["stance"], "")),
            Text(e["meeting"]),
            body,
        )
    return t
