"""`venues sources` in every format (from `views.sources.sources_view`)."""

from __future__ import annotations

from typing import Any

from venue_cli.textfmt import columns, csv_text, md_table

HEAD = ["date", "outlet", "url", "cited", "cited by"]


def _line(r: dict[str, Any]) -> list[str]:
    outlet = r["outlet"] + (f" ({r['via']})" if r["via"] else "")
    weak = " [weak]" if r["reliability"] == "weak" else ""
    return [
        r["date"] or "n.d.",
        outlet + weak,
        r["url"] or "",
        str(len(r["cited_by"])),
        ", ".join(r["cited_by"]),
    ]


def plain(view: dict[str, Any]) -> str:
    return columns([HEAD, *[_line(r) for r in view["sources"]]])


def csv(view: dict[str, Any]) -> str:
    return csv_text(
        ["id", "date", "outlet", "via", "reliability", "title", "url", "cited_by"],
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


def markdown(view: dict[str, Any]) -> str:
    return md_table(HEAD, [_line(r) for r in view["sources"]])


def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title=Text(f"Sources: {view['case']}", style="bold"),
        box=box.SIMPLE_HEAVY,
        header_style="bold",
    )
    t.add_column("date", no_wrap=True)
    t.add_column("outlet", overflow="fold")
    t.add_column("title / url", overflow="fold")
    t.add_column("cited by", overflow="fold")
    for r in view["sources"]:
        outlet = Text(r["outlet"] + (f" ({r['via']})" if r["via"] else ""))
        if r["reliability"] == "weak":
            outlet.append(" weak", style="yellow")
        where = Text(r["title"] or "")
        if r["url"]:
            where.append(("\n" if r["title"] else "") + r["url"], style="dim")
        t.add_row(Text(r["date"] or "n.d."), outlet, where, Text(", ".join(r["cited_by"])))
    return t
