"""`venues timeline` in every format (from `views.timeline.timeline_view`).

On a terminal each entry is a row of two columns: the date, party and stance on the left,
narrow; who spoke, where, the quote and its source on the right, with all the room left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from venue_cli.render import layout
from venue_cli.textfmt import columns, csv_text, md_table

HEAD = ["date", "kind", "id", "party", "speaker", "venues", "stance", "meeting", "text", "source"]
LEFT_MAX = 16  # the left column is at most this wide; longer party lists fold at spaces
_URL = re.compile(r",? https?://[^\s;]+")


def _row(e: Mapping[str, Any]) -> list[str]:
    return [
        e["date"],
        e["kind"],
        e["id"],
        e["party"],
        e["speaker"],
        ", ".join(e["venues"]),
        e["stance"],
        e["meeting"],
        e["text"],
        e["source"],
    ]


def plain(view: Mapping[str, Any]) -> str:
    entries = view["entries"]
    if not entries:
        return "# no statements or events match\n"
    rows = [["date", "kind", "party", "speaker", "venue", "stance", "meeting", "quote / summary"]]
    rows += [[r[0], r[1], *r[3:9]] for r in (_row(e) for e in entries)]
    return columns(rows)


def csv(view: Mapping[str, Any]) -> str:
    """One row per entry; the header uses the JSON field names (`venues` joined with ', ')."""
    return csv_text(HEAD, [_row(e) for e in view["entries"]])


def markdown(view: Mapping[str, Any]) -> str:
    return md_table(HEAD, [_row(e) for e in view["entries"]])


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> Any:
    """Two columns: when and who on the left, what was said (or done) on the right; the
    sources by outlet and date (their addresses would take more room than the quotes)."""
    from rich.text import Text

    w = width or layout.WIDE
    entries = view["entries"]
    title = f"{view['case_title']}: statements and events"
    if not entries:
        return layout.text(f"{title}: none match", "bold")
    left = [e["date"] for e in entries] + [e["stance"] for e in entries]
    words = layout.longest_word([e["party"] for e in entries])
    left_w = min(max(layout.longest(left), words, 10), max(LEFT_MAX, words))
    t = layout.new_table(title)
    t.leading = 1
    t.add_column("When, who", width=left_w, overflow="fold")
    t.add_column(
        "Where, what was said, source", width=max(20, w - left_w - layout.GAP), overflow="fold"
    )
    for e in entries:
        when = Text(e["date"], style="bold")
        when.append(f"\n{e['party']}")
        when.append(f"\n{e['stance']}", style=layout.STANCE_STYLE.get(e["stance"], "cyan"))
        what = Text()
        if e["speaker"]:
            what.append(e["speaker"], style="bold")
            what.append(" · ")
        what.append(", ".join(e["venues"]))
        what.append(f" · {e['meeting']}", style="dim")
        what.append(f"\n{e['text']}" if e["kind"] == "event" else f"\n“{e['text']}”")
        what.append(f"\n{_URL.sub('', e['source'])}", style="dim")
        t.add_row(when, what)
    return [
        t,
        layout.note(["sources without their addresses: see --format plain or venues sources"]),
    ]
