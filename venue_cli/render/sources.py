"""`venues sources` in every format (from `views.sources.sources_view`).

On a terminal each source is a row of two columns: the date and outlet on the left; the
title, the address (a link where the terminal supports it) and what cites it on the right.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.render import layout
from venue_cli.safety import safe_url
from venue_cli.textfmt import columns, csv_text, md_table

HEAD = ["date", "outlet", "url", "cited", "cited by"]
CSV_HEAD = ["id", "date", "outlet", "via", "reliability", "title", "url", "cited_by"]
LEFT_MAX = 18  # the outlet column folds at spaces beyond this; the address needs the room


def _outlet(r: Mapping[str, Any]) -> str:
    return str(r["outlet"]) + (f" ({r['via']})" if r["via"] else "")


def _line(r: Mapping[str, Any]) -> list[str]:
    weak = " [weak]" if r["reliability"] == "weak" else ""
    return [
        r["date"] or "n.d.",
        _outlet(r) + weak,
        r["url"] or "",
        str(len(r["cited_by"])),
        ", ".join(r["cited_by"]),
    ]


def plain(view: Mapping[str, Any]) -> str:
    return columns([HEAD, *[_line(r) for r in view["sources"]]])


def csv(view: Mapping[str, Any]) -> str:
    """One row per source; the header uses the JSON field names (`cited_by` joined with ';')."""
    return csv_text(
        CSV_HEAD,
        [
            [
                r["id"],
                r["date"] or "",
                r["outlet"],
                r["via"] or "",
                r["reliability"],
                r["title"] or "",
                r["url"] or "",
                ";".join(r["cited_by"]),
            ]
            for r in view["sources"]
        ],
    )


def markdown(view: Mapping[str, Any]) -> str:
    return md_table(HEAD, [_line(r) for r in view["sources"]])


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> Any:
    from rich.style import Style
    from rich.text import Text

    w = width or layout.WIDE
    rows = view["sources"]
    outlets = [_outlet(r) for r in rows]
    words = layout.longest_word(outlets)
    left_w = min(max(12, layout.longest(outlets)), max(LEFT_MAX, words))
    t = layout.new_table(f"Sources: {view['case']} ({len(rows)})")
    t.leading = 1
    t.add_column("Date, outlet", width=left_w)
    t.add_column(
        "Title, address, cited by", width=max(20, w - left_w - layout.GAP), overflow="fold"
    )
    for r in rows:
        left = Text(r["date"] or "n.d.", style="bold")
        left.append(f"\n{_outlet(r)}")
        if r["reliability"] == "weak":
            left.append(" [weak]", style="yellow")
        right = Text(r["title"] or "", style="bold")
        if r["url"]:
            if r["title"]:
                right.append("\n")
            # A Style object, not markup: the address is data and is never parsed; only a
            # plain http(s) address becomes a terminal hyperlink (`safe_url`), as in reports
            link = safe_url(r["url"])
            right.append(r["url"], style=Style(dim=True, link=link) if link else "dim")
        cited = r["cited_by"]
        right.append(f"\ncited by {len(cited)}: " + ", ".join(cited), style="dim")
        t.add_row(left, right)
    return t
